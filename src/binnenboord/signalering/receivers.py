# SPDX-License-Identifier: EUPL-1.2
"""The one cross-flow reaction of this app: after an absence import, signal the pupils it
touched (the nightly full run covers everything else)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

import structlog

from .gegevens import Bereik
from .services.signaal import signaleer as signaleer_alles
from .services.signaal import signaleer_leerlingen

log = structlog.get_logger(__name__)


# Above this many pupils one run over everyone is cheaper than a list of pupils.
GROTE_IMPORT = 20_000


def na_verzuimimport(
    sender: Any, *, leerling_ids: Iterable[int], peildatum: date | None = None, **kwargs: Any
) -> None:
    ids = sorted(set(leerling_ids))
    if not ids:
        return
    import_ = kwargs.get("import_")
    op = peildatum or timezone.localdate()

    def signaleer() -> None:
        # An import must never fail because signalling failed: the nightly run catches up.
        try:
            if len(ids) > GROTE_IMPORT:
                telling = signaleer_alles(bereik=Bereik.alles(), peildatum=op)
            else:
                telling = signaleer_leerlingen(ids, op)
        except Exception:
            log.exception(
                "signalering_na_import_mislukt",
                import_id=getattr(import_, "pk", None),
                leerlingen=len(ids),
            )
            return
        log.info(
            "signalering_na_import",
            import_id=getattr(import_, "pk", None),
            leerlingen=len(ids),
            **telling.als_dict(),
        )

    # after the import's transaction commits (at once when there is none)
    transaction.on_commit(signaleer)
