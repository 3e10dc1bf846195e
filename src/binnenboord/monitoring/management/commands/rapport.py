# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord rapport {maand|kernpartners|jaar} --scope S --formaat {xlsx,pdf,json,csv}
[--periode P] [--uitvoer PAD] [--basis PERIODE|GETAL] [--vergelijk-met SCOPE]`: one of the
standing reports as a file, small numbers suppressed (docs/monitoring.md). The file holds
aggregated figures only, so no access log is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ... import cijfers
from ...exporteren import FORMATEN, Formaat, bestandsnaam, exporteer
from ...rapport import (
    RAPPORTSOORTEN,
    OngeldigeInvoer,
    Periode,
    RapportSoort,
    lees_periode,
    lees_scope,
    standaardperiode,
)

# What can go to the terminal (--uitvoer -): text, not a spreadsheet or a PDF.
TEKSTFORMATEN = ("json", "csv")


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _("Write a standing report as a file, with counts below 5 suppressed.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "soort",
            choices=RAPPORTSOORTEN,
            help=_(
                "maand: the monthly report; kernpartners: the two-monthly core partner "
                "report; jaar: the yearly report for the OOGO."
            ),
        )
        parser.add_argument(
            "--periode",
            default=None,
            help=_(
                "A month (2026-10), school year (2025/2026), year (2026) or range "
                "(2026-09..2026-10); default the last whole month, two months or school year."
            ),
        )
        parser.add_argument(
            "--scope",
            required=True,
            help=_(
                "Whose figures: gemeente:0363, gebied:0363:1020-1039, swv:<number> or "
                "school:12AB00."
            ),
        )
        parser.add_argument("--formaat", required=True, choices=FORMATEN)
        parser.add_argument(
            "--uitvoer",
            default=None,
            help=_(
                "The file (or folder) to write; default a file name that says what the report "
                "is, in the current folder; '-' prints json or csv."
            ),
        )
        parser.add_argument(
            "--basis",
            default=None,
            help=_(
                "Compare with a baseline: a period (2024/2025) or a number of long-term "
                "thuiszitters given by hand (24)."
            ),
        )
        parser.add_argument(
            "--vergelijk-met",
            dest="vergelijk_met",
            default=None,
            help=_("Compare with another scope, e.g. the rest of the municipality: buiten:..."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        soort: RapportSoort = options["soort"]
        formaat: Formaat = options["formaat"]
        uitvoer: str | None = options["uitvoer"]
        if uitvoer == "-" and formaat not in TEKSTFORMATEN:
            raise CommandError(
                _("Only json and csv can be printed; give a file for %(formaat)s.")
                % {"formaat": formaat}
            )
        try:
            periode = (
                lees_periode(options["periode"])
                if options["periode"]
                else standaardperiode(soort, timezone.localdate())
            )
            scope = lees_scope(options["scope"])
            basis = _basis(options["basis"])
            vergelijk_met = (
                lees_scope(options["vergelijk_met"]) if options["vergelijk_met"] else None
            )
            rapport = cijfers.maak_rapport(
                soort, periode, scope, basis=basis, vergelijk_met=vergelijk_met
            )
        except OngeldigeInvoer as fout:
            raise CommandError(str(fout)) from None
        inhoud = exporteer(rapport, formaat)
        aantal = len(rapport.tabellen())
        if uitvoer == "-":
            self.stdout.write(inhoud.decode("utf-8-sig"), ending="\n")
            return
        pad = Path(uitvoer) if uitvoer else Path.cwd()
        if pad.is_dir():
            pad = pad / bestandsnaam(rapport, formaat)
        try:
            pad.write_bytes(inhoud)
        except OSError as fout:
            raise CommandError(
                _("Cannot write %(pad)s: %(fout)s") % {"pad": pad, "fout": fout.strerror}
            ) from None
        self.stdout.write(
            ngettext(
                "Written %(pad)s: %(aantal)d table.",
                "Written %(pad)s: %(aantal)d tables.",
                aantal,
            )
            % {"pad": pad, "aantal": aantal}
        )


def _basis(tekst: str | None) -> Periode | int | None:
    """--basis 24 is a number of thuiszitters given by hand; anything else a period."""
    if tekst is None:
        return None
    if tekst.strip().isdigit():
        return int(tekst)
    return lees_periode(tekst)
