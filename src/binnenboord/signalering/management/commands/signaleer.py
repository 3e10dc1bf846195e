# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord signaleer [--peildatum JJJJ-MM-DD] [--gemeente NAAM] [--json]`: run every
signal rule for everyone in scope (all pupils, or one municipality: its residents plus the
pupils of its schools), store the outcome, print the counts; with --json print the signals
open on the peildatum as JSON instead. Meant for the nightly run (docs/signalering.md)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenboord.commando import peildatum as peildatum_argument
from binnenboord.toegang.models import Gemeente
from binnenboord.verantwoording.models import Inzage
from binnenboord.verantwoording.services import log_inzage

from ...gegevens import Bereik, periode
from ...models import Signaal
from ...selectors import op_urgentie
from ...services.signaal import signaleer


class Opdrachtregel:
    """Who reads the --json output, for the access log: the operator's command, no account."""

    pk = None
    username = "binnenboord signaleer"
    rol = ""
    organisatie = None


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _("Compute the signals for everyone in scope and store them.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--peildatum",
            type=peildatum_argument,
            default=None,
            help=_("The reference date (YYYY-MM-DD); default today."),
        )
        parser.add_argument(
            "--gemeente",
            default=None,
            help=_(
                "Only this municipality (name or CBS code): its residents and the pupils of "
                "its schools."
            ),
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help=_("Print the signals open on the peildatum as JSON instead of the counts."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        peildatum: date = options["peildatum"] or timezone.localdate()
        bereik = self._bereik(options["gemeente"])
        telling = signaleer(bereik=bereik, peildatum=peildatum)
        if options["json"]:
            self.stdout.write(json.dumps(self._open_signalen(bereik, peildatum), indent=2))
            return
        self.stdout.write(
            _(
                "Signals on %(peildatum)s: %(nieuw)s new, %(bijgewerkt)s updated, %(gesloten)s "
                "closed, %(heropend)s reopened, %(ongewijzigd)s unchanged."
            )
            % {"peildatum": f"{peildatum:%d-%m-%Y}", **telling.als_dict()}
        )

    def _bereik(self, naam: str | None) -> Bereik:
        if naam is None:
            return Bereik.alles()
        gemeente = (
            Gemeente.objects.filter(naam__iexact=naam.strip()).first()
            or Gemeente.objects.filter(code=naam.strip()).first()
        )
        if gemeente is None:
            raise CommandError(_("Unknown municipality %(naam)r.") % {"naam": naam})
        return Bereik.voor_gemeente(gemeente)

    def _open_signalen(self, bereik: Bereik, peildatum: date) -> list[dict[str, Any]]:
        van, tot = periode(peildatum)
        signalen = list(
            op_urgentie(
                Signaal.objects.filter(
                    bereik.leerling_filter(van=van, tot=tot),
                    status=Signaal.Status.OPEN,
                    datum__lte=peildatum,
                )
            ).select_related("leerling", "school")
        )
        log_inzage(
            gebruiker=Opdrachtregel(),
            handeling=Inzage.Handeling.EXPORTEREN,
            bron="signalering:signaleer --json",
            leerlingen={s.leerling_id: s.leerling for s in signalen}.values(),
            aantal=0,
        )
        return [
            {
                "bsn": s.leerling.bsn,
                "onderwijsnummer": s.leerling.onderwijsnummer,
                "soort": s.soort,
                "begindatum": s.begindatum.isoformat(),
                "datum": s.datum.isoformat(),
                "einddatum": s.einddatum.isoformat() if s.einddatum else None,
                "school": s.schoolcode,
                "van": s.van.isoformat(),
                "tot": s.tot.isoformat(),
                "minuten": s.minuten,
                "dagen": s.dagen,
                "uitleg": s.uitleg,
            }
            for s in signalen
        ]
