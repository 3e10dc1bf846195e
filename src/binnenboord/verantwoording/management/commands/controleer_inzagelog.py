# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord controleer_inzagelog`: verify the hash chain of the access log and name the
first broken entry; exit code 1 when the chain is broken (docs/toegang-en-verantwoording.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ...keten import controleer


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _("Verify the hash chain of the access log.")

    def handle(self, *args: Any, **options: Any) -> None:
        uitslag = controleer()
        if uitslag.breuk is not None:
            raise CommandError(
                _(
                    "The access log chain is broken at entry %(id)d: %(reden)s. "
                    "%(aantal)d entries before it are in order."
                )
                % {
                    "id": uitslag.breuk.inzage_id,
                    "reden": uitslag.breuk.reden,
                    "aantal": uitslag.aantal,
                }
            )
        self.stdout.write(
            _("The access log chain is in order: %(aantal)d entries, last hash %(kop)s.")
            % {"aantal": uitslag.aantal, "kop": uitslag.kop}
        )
