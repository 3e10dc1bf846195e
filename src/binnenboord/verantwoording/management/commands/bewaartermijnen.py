# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord bewaartermijnen [--peildatum JJJJ-MM-DD] [--uitvoeren] [--json]`: list what is
past its retention term (a dry run, the default) or remove it (docs/bewaartermijnen.md).
Pupils are named by their internal id only."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ... import bewaartermijnen
from ...bewaartermijnen import OngeldigBeleid, OpschonenNietMogelijk, Overzicht, Resultaat


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _(
            "List the records past their retention term (dry run), or remove them with --uitvoeren."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--peildatum", type=date.fromisoformat, help=_("Reference date (default: today).")
        )
        parser.add_argument(
            "--uitvoeren", action="store_true", help=_("Remove the records (default: dry run).")
        )
        parser.add_argument("--json", action="store_true", help=_("Print JSON."))

    def handle(self, *args: Any, **options: Any) -> None:
        peildatum: date = options["peildatum"] or timezone.localdate()
        try:
            overzicht = bewaartermijnen.te_verwerken(peildatum)
        except OngeldigBeleid as fout:
            raise CommandError(str(fout)) from fout
        resultaat = None
        if options["uitvoeren"]:
            try:
                resultaat = bewaartermijnen.voer_uit(overzicht)
            except (OpschonenNietMogelijk, bewaartermijnen.OnvolledigeAfhandeling) as fout:
                raise CommandError(str(fout)) from fout
        if options["json"]:
            self.stdout.write(
                json.dumps(bewaartermijnen.als_dict(overzicht, resultaat), ensure_ascii=False)
            )
            return
        self._lijst(overzicht, droog=resultaat is None)
        if resultaat is not None:
            self._gedaan(resultaat)

    def _lijst(self, overzicht: Overzicht, *, droog: bool) -> None:
        w = self.stdout.write
        if droog:
            w(_("Dry run on %(peildatum)s: nothing is changed.") % _d(overzicht.peildatum))
        else:
            w(_("Retention on %(peildatum)s.") % _d(overzicht.peildatum))
        for termijn in overzicht.termijnen.values():
            w(
                _("Policy %(soort)s: %(jaren)d years, %(actie)s (%(bron)s).")
                % {
                    "soort": termijn.soort,
                    "jaren": termijn.jaren,
                    "actie": termijn.actie,
                    "bron": termijn.bron,
                }
            )
        n = len(overzicht.dossiers)
        w(
            ngettext(
                "%(n)d pupil's file is past its term.",
                "%(n)d pupils' files are past their term.",
                n,
            )
            % {"n": n}
        )
        for dossier in overzicht.dossiers:
            w(_("  pupil %(id)d: %(reden)s") % {"id": dossier.leerling_id, "reden": dossier.reden})
        n = len(overzicht.uitgesteld)
        if n:
            w(
                ngettext(
                    "%(n)d pupil's file is postponed.", "%(n)d pupils' files are postponed.", n
                )
                % {"n": n}
            )
            for dossier in overzicht.uitgesteld:
                w(
                    _("  pupil %(id)d: %(reden)s")
                    % {"id": dossier.leerling_id, "reden": dossier.reden}
                )
        n = len(overzicht.pv)
        w(
            ngettext(
                "%(n)d justice step with official report data is past its term.",
                "%(n)d justice steps with official report data are past their term.",
                n,
            )
            % {"n": n}
        )
        for stap in overzicht.pv:
            w(
                _("  pupil %(id)d, case %(casus)d: %(reden)s")
                % {"id": stap.leerling_id, "casus": stap.casus_id, "reden": stap.reden}
            )
        inzage = overzicht.inzagelog
        n = inzage.aantal if inzage else 0
        w(
            ngettext(
                "%(n)d access log entry is past its term.",
                "%(n)d access log entries are past their term.",
                n,
            )
            % {"n": n}
        )

    def _gedaan(self, resultaat: Resultaat) -> None:
        w = self.stdout.write
        n = len(resultaat.dossiers)
        w(ngettext("Removed %(n)d pupil's file.", "Removed %(n)d pupils' files.", n) % {"n": n})
        n = sum(len(ids) for ids in resultaat.pv.values())
        if resultaat.pv_actie == "anonimiseren":
            w(
                ngettext("Anonymised %(n)d justice step.", "Anonymised %(n)d justice steps.", n)
                % {"n": n}
            )
        else:
            w(ngettext("Removed %(n)d justice step.", "Removed %(n)d justice steps.", n) % {"n": n})
        n = resultaat.inzagelog_verwijderd
        w(
            ngettext("Removed %(n)d access log entry.", "Removed %(n)d access log entries.", n)
            % {"n": n}
        )
        if resultaat.inzageanker_id is not None:
            w(_("Access log anchor %(id)d written.") % {"id": resultaat.inzageanker_id})


def _d(peildatum: date) -> dict[str, str]:
    return {"peildatum": f"{peildatum:%d-%m-%Y}"}
