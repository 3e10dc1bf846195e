# SPDX-License-Identifier: EUPL-1.2
"""The demo's family in the portal (docs/relatie.md): one open case of Leerplicht Demodam with
a 14-year-old pupil, a mother with gezag (a BSN, a shielded address) and a father without
gezag. The regisseur invited the mother and the pupil by letter; both accepted their invitation
with a demo log-in (a fixed code and a password, printed by `make demo`). The case has a plan
with an action for the mother and one for the pupil, the mother is invited to the next UVO (the
case is on its agenda) and has a message from the regisseur.

Made through the regie services, as a real regisseur and family would; deterministic (the
first fitting case or pupil by its keys)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from binnenboord.kern.monitoring import leeftijd
from binnenboord.regie import services
from binnenboord.regie.models import (
    Casus,
    Overleg,
    Overlegsoort,
    Portaaltoegang,
)
from binnenboord.regie.services import overleg as overlegdiensten
from binnenboord.regie.services import relatie
from binnenboord.regie.services.plan import huidige_planversie
from binnenboord.registratie.models import Leerling, Ouder
from binnenboord.toegang.models import Medewerker, Portaalgebruiker, Rol

from .casussen import _medewerkers
from .samenwerking import _nieuwe_casus

LEEFTIJD = 14
OUDER_CODE = "DEMO-OUDER-1"
LEERLING_CODE = "DEMO-LEERLING-1"
WACHTWOORD = "demo-portaal-2026"
# a BSN that passes the eleven test, for the mother's DigiD (the demo has no DigiD)
OUDER_BSN = "999990019"
PLAN_DOEL = "Binnen zes weken weer elke dag naar school, eerst de ochtenden."


@dataclass(frozen=True)
class PortaalInlog:
    wie: str
    code: str
    wachtwoord: str


@dataclass(frozen=True)
class Demorelatie:
    casus: Casus | None
    inloggegevens: list[PortaalInlog]


def inloggegevens() -> list[PortaalInlog]:
    """The demo's portal log-ins that are in the database."""
    namen = set(
        Portaalgebruiker.objects.filter(
            inlognaam__in=[relatie.normaliseer_code(c) for c in (OUDER_CODE, LEERLING_CODE)]
        ).values_list("inlognaam", flat=True)
    )
    return [
        PortaalInlog(wie, code, WACHTWOORD)
        for wie, code in (("ouder", OUDER_CODE), ("leerling", LEERLING_CODE))
        if relatie.normaliseer_code(code) in namen
    ]


@transaction.atomic
def maak_demo_relatie(*, peildatum: date) -> Demorelatie:
    mensen = _medewerkers()
    leerplicht = mensen.get(Rol.LEERPLICHTAMBTENAAR)
    if leerplicht is None:
        return Demorelatie(None, [])
    casus = _casus(peildatum, mensen)
    if casus is None:
        return Demorelatie(None, [])
    regisseur = casus.regisseur
    moeder, _vader = _ouders(casus.leerling)
    ouder_toegang = _uitgenodigd_en_aanvaard(casus, regisseur, moeder, OUDER_CODE)
    _uitgenodigd_en_aanvaard(casus, regisseur, None, LEERLING_CODE)
    _plan(casus, regisseur, moeder, peildatum)
    _uvo(casus, leerplicht, ouder_toegang)
    _bericht(ouder_toegang, regisseur)
    return Demorelatie(casus, inloggegevens())


def _casus(peildatum: date, mensen: dict[str, Medewerker]) -> Casus | None:
    """An open case directed by Leerplicht of a pupil of 14; else a new one from an open
    signal of such a pupil."""
    leerplicht = mensen[Rol.LEERPLICHTAMBTENAAR]
    jongste = _jaren_terug(peildatum, LEEFTIJD)
    oudste = _jaren_terug(peildatum, LEEFTIJD + 1) + timedelta(days=1)
    van_14 = Q(leerling__geboortedatum__range=(oudste, jongste))
    gevonden = (
        Casus.objects.filter(van_14, status=Casus.Status.OPEN, regisseur=leerplicht)
        .exclude(portaaltoegangen__isnull=False)
        .select_related("leerling", "regisseur")
        .order_by("start", "pk")
        .first()
    )
    if gevonden is None:
        gevonden = _nieuwe_casus(
            min(peildatum, timezone.localdate()), mensen, van_14, aanpak=None, weken=6
        )
    if gevonden is None or leeftijd(gevonden.leerling.geboortedatum, peildatum) != LEEFTIJD:
        return None
    return gevonden


def _jaren_terug(dag: date, jaren: int) -> date:
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year - jaren, day=28)


def _ouders(leerling: Leerling) -> tuple[Ouder, Ouder]:
    """The mother with gezag, a BSN and a shielded address; a father without gezag (the
    register's rows; the demo's own family situation)."""
    ouders = list(leerling.ouders.order_by("pk"))
    if ouders:
        moeder = ouders[0]
    else:
        moeder = Ouder(leerling=leerling, voornamen="Fatima", achternaam=leerling.achternaam)
    moeder.relatie = Ouder.Relatie.MOEDER
    moeder.gezag = True
    moeder.bsn = OUDER_BSN
    moeder.straat, moeder.huisnummer = "Beschutte Hof", "3"
    moeder.postcode, moeder.woonplaats = "9999 AB", "Demodam"
    moeder.adres_afgeschermd = True
    moeder.save()
    if len(ouders) > 1:
        vader = ouders[1]
    else:
        vader = Ouder(leerling=leerling, voornamen="Kees", achternaam=leerling.achternaam)
    vader.relatie = Ouder.Relatie.VADER
    vader.gezag = False
    vader.save()
    return moeder, vader


def _uitgenodigd_en_aanvaard(
    casus: Casus, regisseur: Medewerker, ouder: Ouder | None, demo_code: str
) -> Portaaltoegang:
    """Invited by letter (the one-time code in it), and accepted with the demo log-in: the
    account's log-in name is the demo code, its password WACHTWOORD."""
    uitnodiging = relatie.nodig_uit(casus=casus, door=regisseur, ouder=ouder, via="brief")
    gebruiker = Portaalgebruiker(inlognaam=relatie.normaliseer_code(demo_code))
    gebruiker.set_wachtwoord(WACHTWOORD)
    gebruiker.save()
    return relatie.aanvaard(code=uitnodiging.code, gebruiker=gebruiker)


def _plan(casus: Casus, regisseur: Medewerker, moeder: Ouder, peildatum: date) -> None:
    """A new plan version, with an action of the mother and one of the pupil."""
    services.sla_plan_op(
        casus=casus,
        door=regisseur,
        basis_versie=huidige_planversie(casus),
        doel=PLAN_DOEL,
        afspraken=(
            "De mentor belt elke maandag. De leerling begint met de eerste drie uren en bouwt "
            "dat op. Na drie weken kijken we samen hoe het gaat."
        ),
    )
    uiterlijk = max(peildatum, timezone.localdate()) + timedelta(weeks=2)
    services.voeg_actie_toe(
        casus=casus,
        door=regisseur,
        wat="Een afspraak maken met de huisarts over de buikpijn in de ochtend.",
        uiterlijk=uiterlijk,
        ouder=moeder,
    )
    services.voeg_actie_toe(
        casus=casus,
        door=regisseur,
        wat="Opschrijven wat een schooldag moeilijk maakt, om te bespreken met de mentor.",
        uiterlijk=uiterlijk,
        leerling_zelf=True,
    )


def _uvo(casus: Casus, leerplicht: Medewerker, toegang: Portaaltoegang) -> None:
    """The case on the next UVO, and the mother invited to it."""
    uvo = (
        Overleg.objects.filter(soort=Overlegsoort.UVO, reeks__isnull=False)
        .order_by("datum", "pk")
        .first()
    )
    if uvo is None or uvo.datum < timezone.localdate():
        # an invitation is for a meeting to come (a demo with an old peildatum has none)
        return
    if not uvo.agendapunten.filter(casus=casus).exists():
        overlegdiensten.agendeer(overleg=uvo, casus=casus, door=leerplicht)
    relatie.nodig_uit_voor_overleg(overleg=uvo, toegang=toegang, door=casus.regisseur)


BERICHT = (
    "Goedemiddag, ik heb het plan klaargezet. Wilt u het lezen en laten weten of u het ermee "
    "eens bent? Ik hoor graag hoe het thuis gaat."
)


def _bericht(toegang: Portaaltoegang, regisseur: Medewerker) -> None:
    relatie.stuur_bericht(toegang=toegang, door=regisseur, tekst=BERICHT)
