# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord termijnen [--peildatum JJJJ-MM-DD]`: evaluate every open case under its
escalation model, record once what became due (a phase entered, an escalation due, a step or
plan action overdue) and notify the people concerned (by e-mail at once or in the daily digest,
as each chose). Idempotent: meant for a daily timer
(docs/regie.md, "De dagelijkse termijnbewaking")."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenboord.commando import peildatum as peildatum_argument

from ...models import Termijnsignaal
from ...services.termijnen import bewaak_termijnen


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _(
            "Check the deadlines of all open cases, record what became due and notify the "
            "people concerned."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--peildatum",
            type=peildatum_argument,
            default=None,
            help=_("The reference date (YYYY-MM-DD); default today."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        peildatum: date = options["peildatum"] or timezone.localdate()
        uitkomst = bewaak_termijnen(peildatum=peildatum)
        aantallen = {soort: uitkomst.vastgelegd.get(soort, 0) for soort in Termijnsignaal.Soort}
        self.stdout.write(
            _(
                "Deadlines on %(peildatum)s: %(fase)d phases entered, %(escalatie)d "
                "escalations due, %(stap)d steps and %(actie)d actions overdue; "
                "%(notificaties)d notifications."
            )
            % {
                "peildatum": f"{peildatum:%d-%m-%Y}",
                "fase": aantallen[Termijnsignaal.Soort.FASE],
                "escalatie": aantallen[Termijnsignaal.Soort.ESCALATIE],
                "stap": aantallen[Termijnsignaal.Soort.STAP_TE_LAAT],
                "actie": aantallen[Termijnsignaal.Soort.ACTIE_TE_LAAT],
                "notificaties": uitkomst.notificaties,
            }
        )
