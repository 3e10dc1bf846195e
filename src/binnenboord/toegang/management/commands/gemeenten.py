# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord gemeenten [BESTAND] [--herindeling CODE:OPVOLGER:DATUM ...]
[--herindelingen BESTAND] [--dry-run]`: updates the municipalities from a CBS file
(docs/inrichten.md). It adds new municipalities, renames the ones whose CBS name changed and
marks the ended ones (--herindeling, repeatable, or a herindelingen file); it never deletes one.
It prints what it changed; a bad row is named with its row, field and reason, and the valid
rows are still stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from binnenboord.toegang.gemeenten import (
    Gemeenterij,
    Herindelingfout,
    Onleesbaar,
    Rijfout,
    lees_cbs_bestand,
    lees_herindeling,
    lees_herindelingenbestand,
    werk_bij,
)
from binnenboord.toegang.models import Gemeente


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Set here, not on the class: argparse cannot format a lazy string.
        self.help = _("Update the municipalities from a CBS file (Gemeenten alfabetisch) and "
                      "mark the ones a herindeling ended.")  # fmt: skip

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "bestand",
            type=Path,
            nargs="?",
            help=_(
                "The CBS file, CSV or XLSX, with the columns Gemeentecode (or "
                "GemeentecodeGM) and Gemeentenaam."
            ),
        )
        parser.add_argument(
            "--herindeling",
            action="append",
            default=[],
            metavar="CODE:OPVOLGER:DATUM",
            help=_(
                "A municipality that a herindeling ended: its CBS code, its successor's "
                "(empty when it was split) and the day, e.g. 0457:0363:2022-03-24. "
                "Repeatable."
            ),
        )
        parser.add_argument(
            "--herindelingen",
            type=Path,
            default=None,
            help=_("A CSV or XLSX file of ended municipalities: columns code, opvolger, datum."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Only show what would change; store nothing."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bestand: Path | None = options["bestand"]
        herindelingenbestand: Path | None = options["herindelingen"]
        if bestand is None and herindelingenbestand is None and not options["herindeling"]:
            raise CommandError(_("Give a CBS file, --herindeling or --herindelingen."))
        gemeenten: list[Gemeenterij] = []
        beeindigd: list[Gemeenterij] = []
        fouten: list[str] = []
        try:
            if bestand is not None:
                gelezen, rijfouten = lees_cbs_bestand(self._bestaat(bestand))
                gemeenten += gelezen
                fouten += [self._met_bestand(bestand, f) for f in rijfouten]
            if herindelingenbestand is not None:
                gelezen, rijfouten = lees_herindelingenbestand(self._bestaat(herindelingenbestand))
                beeindigd += gelezen
                fouten += [self._met_bestand(herindelingenbestand, f) for f in rijfouten]
        except Onleesbaar as fout:
            raise CommandError(str(fout)) from fout
        for waarde in options["herindeling"]:
            try:
                beeindigd.append(lees_herindeling(waarde))
            except Herindelingfout as fout:
                fouten.append(_("--herindeling %(waarde)s: %(reden)s")
                              % {"waarde": waarde, "reden": fout})  # fmt: skip

        with transaction.atomic():
            verslag = werk_bij(
                Gemeente, gemeenten, beeindigd, uitvoeren=not options["dry_run"], per_rij=True
            )
        for regel in verslag.nieuw:
            self.stdout.write(_("New: %(gemeente)s") % {"gemeente": regel})
        for regel in verslag.hernoemd:
            self.stdout.write(_("Renamed: %(wijziging)s") % {"wijziging": regel})
        for regel in verslag.opgeheven:
            self.stdout.write(_("Ended: %(wijziging)s") % {"wijziging": regel})
        for reden in [*fouten, *verslag.fouten]:
            self.stderr.write(_("Not processed: %(fout)s") % {"fout": reden})
        if bestand is not None:
            ontbrekend = self._ontbrekend({g.code for g in gemeenten} | {g.code for g in beeindigd})
            if ontbrekend:
                self.stdout.write(
                    _("Not in the file, left as they are (mark an ended one with "
                      "--herindeling): %(gemeenten)s") % {"gemeenten": ", ".join(ontbrekend)}
                )  # fmt: skip
        samenvatting = _(
            "%(nieuw)s new, %(hernoemd)s renamed, %(opgeheven)s ended, %(fouten)s not processed."
        ) % {
            "nieuw": len(verslag.nieuw),
            "hernoemd": len(verslag.hernoemd),
            "opgeheven": len(verslag.opgeheven),
            "fouten": len(fouten) + len(verslag.fouten),
        }
        if options["dry_run"]:
            samenvatting += " " + _("Dry run: nothing was stored.")
        self.stdout.write(samenvatting)

    def _bestaat(self, pad: Path) -> Path:
        if not pad.is_file():
            raise CommandError(_("File %(bestand)s does not exist.") % {"bestand": pad})
        return pad

    def _met_bestand(self, pad: Path, fout: Rijfout) -> str:
        return f"{pad.name}: {fout}"

    def _ontbrekend(self, codes: set[str]) -> list[str]:
        """Current municipalities the file lacks (the test and demo ones, 9000 and up, aside)."""
        return [
            f"{naam} ({code})"
            for code, naam in Gemeente.objects.filter(opgeheven_op=None, code__lt="9000")
            .exclude(code__in=codes)
            .order_by("code")
            .values_list("code", "naam")
        ]
