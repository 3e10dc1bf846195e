# SPDX-License-Identifier: EUPL-1.2
"""The one cross-flow reaction of this app: after an absence import, signal the pupils it
touched (the nightly full run covers everything else). It runs as a background task
(tasks.signaleer_na_import, in `binnenboord db_worker`), queued when the import's transaction
commits, so a web request (the API's small upload) never waits for it; only where the import
itself runs outside a request (registratie.signals.reageer_meteen: the import's task, the
command line) it runs in that process."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

import structlog

from binnenboord.registratie.signals import meteen_reageren

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
    import_id = getattr(kwargs.get("import_"), "pk", None)
    op = peildatum or timezone.localdate()
    alles = len(ids) > GROTE_IMPORT
    # after the import's transaction commits (at once when there is none)
    if meteen_reageren():
        transaction.on_commit(partial(signaleer_na_import, ids, op, import_id, alles=alles))
        return
    from .tasks import signaleer_na_import as taak

    transaction.on_commit(
        partial(taak.enqueue, [] if alles else ids, op.isoformat(), import_id, alles=alles)
    )
    log.info("signalering_na_import_in_wachtrij", import_id=import_id, leerlingen=len(ids))


def signaleer_na_import(
    ids: list[int], op: date, import_id: int | None, *, alles: bool = False
) -> dict[str, int]:
    """Signal the pupils `ids` (everyone when `alles`) on `op`. An import must never fail
    because signalling failed: the nightly run catches up. Returns the counts (empty when it
    failed)."""
    try:
        if alles:
            telling = signaleer_alles(bereik=Bereik.alles(), peildatum=op)
        else:
            telling = signaleer_leerlingen(ids, op)
    except Exception:
        log.exception("signalering_na_import_mislukt", import_id=import_id, leerlingen=len(ids))
        return {}
    log.info(
        "signalering_na_import", import_id=import_id, leerlingen=len(ids), **telling.als_dict()
    )
    return dict(telling.als_dict())
