# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord schoolvakanties FILE`: import the rijksoverheid school-holiday JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from binnenboord.kern.kalender import lees_schoolvakanties
from binnenboord.registratie.kalenders import sla_schoolvakanties_op


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _("Import the school holidays from the rijksoverheid open-data JSON file.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", type=Path, help=_("The JSON file."))

    def handle(self, *args: Any, **options: Any) -> None:
        bestand: Path = options["bestand"]
        try:
            vakanties = lees_schoolvakanties(bestand.read_bytes())
        except OSError as fout:
            raise CommandError(
                _("%(bestand)s cannot be read: %(fout)s") % {"bestand": bestand, "fout": fout}
            ) from None
        except ValueError as fout:
            raise CommandError(str(fout)) from None
        nieuw, gewijzigd = sla_schoolvakanties_op(vakanties)
        self.stdout.write(
            _("%(totaal)d holidays read: %(nieuw)d new, %(gewijzigd)d changed.")
            % {"totaal": len(vakanties), "nieuw": nieuw, "gewijzigd": gewijzigd}
        )
