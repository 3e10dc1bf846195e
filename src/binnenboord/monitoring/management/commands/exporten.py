# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord exporten`: remove the exports of the figures older than EXPORT_BEWAAR_UUR
hours, with their files (docs/beheer.md, "Nachtelijke taken"). Every new export does this too;
the nightly run covers the days nobody exports."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from binnenboord.monitoring.exporten import bewaaruren, ruim_op


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set here, not on the class: argparse cannot format a lazy string.
        self.help = _("Remove the exports of the figures past their retention.")

    def handle(self, *args: Any, **options: Any) -> None:
        aantal = ruim_op()
        self.stdout.write(
            _("%(aantal)s exports older than %(uren)s hours removed.")
            % {"aantal": aantal, "uren": bewaaruren()}
        )
