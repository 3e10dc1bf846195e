# SPDX-License-Identifier: EUPL-1.2
"""Relatie: every write of the parents' and the pupil's side (docs/relatie.md), from the
staff side (invite, end, withhold, invite to a meeting, answer) and from the portal (accept,
consent, own story, agreement, reply, message, correction request, questionnaire). Each
write is checked against the stored rows, records its CasusGebeurtenis in the same
transaction, and reaches the person who acts on it (notificaties for staff, an e-mail with
only a link for a portal user who opted in).

Refusals raise RelatieNietMogelijk with a plain Dutch message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import (
    Bericht,
    Brief,
    Casus,
    Correctieverzoek,
    Overleg,
    Overleguitnodiging,
    Planreactie,
    PlanVanAanpak,
    Portaaltoegang,
    Terugkoppeling,
    Verhaal,
)
from .casus import CasusNietMogelijk

if TYPE_CHECKING:
    from binnenboord.registratie.models import Ouder
    from binnenboord.toegang.models import Medewerker, Portaalgebruiker


class RelatieNietMogelijk(CasusNietMogelijk):
    """A write of the relatie side that the rules refuse; the message is plain Dutch."""


@dataclass
class Uitnodiging:
    """A new invitation: the access row, the readable one-time code (never stored; shown
    once), and the letter when it goes by post."""

    toegang: Portaaltoegang
    code: str
    brief: Brief | None


def nodig_uit(
    *, casus: Casus, door: Medewerker, ouder: Ouder | None, via: str, email: str = ""
) -> Uitnodiging:
    raise NotImplementedError


def nieuwe_code(*, toegang: Portaaltoegang, door: Medewerker) -> Uitnodiging:
    raise NotImplementedError


def uitnodiging_met_code(code: str) -> Portaaltoegang | None:
    raise NotImplementedError


def aanvaard(*, code: str, gebruiker: Portaalgebruiker) -> Portaaltoegang:
    raise NotImplementedError


def beeindig_toegang(*, toegang: Portaaltoegang, door: Medewerker, reden: str) -> Portaaltoegang:
    raise NotImplementedError


def ontzeg_toegang(*, casus: Casus, ouder: Ouder, door: Medewerker, reden: str) -> Portaaltoegang:
    raise NotImplementedError


def geef_toestemming(
    *, leerling_toegang: Portaaltoegang, ouder_toegang: Portaaltoegang, ja: bool
) -> Portaaltoegang:
    raise NotImplementedError


def schrijf_verhaal(
    *,
    casus: Casus,
    wat_speelt: str,
    wat_wil_ik: str,
    wat_heb_ik_nodig: str,
    toegang: Portaaltoegang | None = None,
    door: Medewerker | None = None,
    namens_ouder: Ouder | None = None,
) -> Verhaal:
    raise NotImplementedError


def reageer_op_plan(
    *,
    plan: PlanVanAanpak,
    eens: bool,
    toelichting: str = "",
    toegang: Portaaltoegang | None = None,
    door: Medewerker | None = None,
    namens_ouder: Ouder | None = None,
) -> Planreactie:
    raise NotImplementedError


def nodig_uit_voor_overleg(
    *, overleg: Overleg, toegang: Portaaltoegang, door: Medewerker
) -> Overleguitnodiging:
    raise NotImplementedError


def beantwoord_overleguitnodiging(
    *, uitnodiging: Overleguitnodiging, antwoord: str, tekst: str = ""
) -> Overleguitnodiging:
    raise NotImplementedError


def stuur_bericht(
    *, toegang: Portaaltoegang, tekst: str, door: Medewerker | None = None
) -> Bericht:
    raise NotImplementedError


def markeer_berichten_gelezen(*, toegang: Portaaltoegang, door: Medewerker | None = None) -> int:
    raise NotImplementedError


def vraag_correctie(*, toegang: Portaaltoegang, wat: str, toelichting: str) -> Correctieverzoek:
    raise NotImplementedError


def handel_correctie_af(
    *, verzoek: Correctieverzoek, door: Medewerker, uitkomst: str, antwoord: str
) -> Correctieverzoek:
    raise NotImplementedError


def vul_terugkoppeling_in(
    *,
    toegang: Portaaltoegang,
    moment: str,
    antwoorden: dict[str, int],
    open_antwoord: str = "",
) -> Terugkoppeling:
    raise NotImplementedError


def open_vragenlijsten(toegang: Portaaltoegang) -> list[str]:
    raise NotImplementedError
