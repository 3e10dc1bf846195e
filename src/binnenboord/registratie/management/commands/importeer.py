# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord importeer SOORT BESTAND [--rapport UIT.csv|UIT.xlsx]`: import one file from the
command line (no user: every row is in scope). Exit code 0 when the file was read, also with
rejected rows; non-zero when the import failed (the file could not be read)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from binnenboord.registratie.importeren import rapport
from binnenboord.registratie.importeren.kolommen import SOORTEN
from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Afwijzing, Import
from binnenboord.registratie.signals import reageer_meteen

GETOOND = 20


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set here, not on the class: argparse cannot format a lazy string.
        self.help = _("Import a CSV or XLSX file of schools, pupils, enrolments, absence or "
                      "exemptions.")  # fmt: skip

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("soort", choices=SOORTEN, help=_("What the file holds."))
        parser.add_argument("bestand", type=Path, help=_("The CSV or XLSX file."))
        parser.add_argument(
            "--rapport",
            type=Path,
            default=None,
            help=_("Write the rejected rows to this file (.csv or .xlsx)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bestand: Path = options["bestand"]
        uit: Path | None = options["rapport"]
        if not bestand.is_file():
            raise CommandError(_("File %(bestand)s does not exist.") % {"bestand": bestand})
        if uit is not None and uit.suffix.lower() not in (".csv", ".xlsx"):
            raise CommandError(_("The report must end in .csv or .xlsx."))
        # the command line may take the time: the signal run after an absence import runs
        # here too, not in the background worker
        with reageer_meteen():
            import_ = importeer(
                soort=options["soort"], bestand=bestand, bestandsnaam=bestand.name, door=None
            )
        if import_.status == Import.Status.MISLUKT:
            raise CommandError(_("Import failed: %(melding)s") % {"melding": import_.melding})
        self._toon_telling(import_)
        if import_.melding:
            # a notice about stored rows (e.g. a municipality that a herindeling ended)
            self.stdout.write(import_.melding)
        if uit is not None:
            inhoud = (
                rapport.afwijzingen_xlsx(import_)
                if uit.suffix.lower() == ".xlsx"
                else rapport.afwijzingen_csv(import_)
            )
            uit.write_bytes(inhoud)
            self.stdout.write(_("Rejection report written to %(bestand)s.") % {"bestand": str(uit)})
        else:
            self._toon_afwijzingen(import_)

    def _toon_telling(self, import_: Import) -> None:
        self.stdout.write(
            _(
                "%(rijen)s rows read: %(nieuw)s new, %(bijgewerkt)s updated, %(ongewijzigd)s "
                "unchanged, %(afgewezen)s rejected."
            )
            % {
                "rijen": import_.aantal_rijen,
                "nieuw": import_.aantal_nieuw,
                "bijgewerkt": import_.aantal_bijgewerkt,
                "ongewijzigd": import_.aantal_ongewijzigd,
                "afgewezen": import_.aantal_afgewezen,
            }
        )

    def _toon_afwijzingen(self, import_: Import) -> None:
        afwijzingen = Afwijzing.objects.filter(bestandsimport=import_).order_by("rij", "pk")
        for afwijzing in afwijzingen[:GETOOND]:
            self.stdout.write(
                _("Row %(rij)s: %(reden)s") % {"rij": afwijzing.rij, "reden": afwijzing.reden}
            )
        if import_.aantal_afgewezen > GETOOND:
            self.stdout.write(
                _("… and %(meer)s more; write them all with --rapport UIT.csv.")
                % {"meer": import_.aantal_afgewezen - GETOOND}
            )
