# SPDX-License-Identifier: EUPL-1.2
"""The history of a case (regie.geschiedenis): each writer stores its facts as values, the
sentence is made when the history is read and follows the reader's language, and rows written
before the facts were stored show their stored text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.utils import timezone, translation

import pytest

from binnenboord.regie import geschiedenis, services
from binnenboord.regie.models import (
    Actie,
    Agendapunt,
    Brief,
    Casus,
    CasusGebeurtenis,
    Casusoverdracht,
    Contactmoment,
    Deelnemer,
    Overleg,
    Overlegsoort,
    Portaaltoegang,
)
from binnenboord.regie.selectors.casus import tijdlijn
from binnenboord.registratie.models import Ouder
from binnenboord.signalering.models import Signaal
from binnenboord.toegang.models import Gemeente, Medewerker, Rol
from tests.regie.factories import open_casus, start_weken_terug
from tests.wereld import Wereld

Soort = CasusGebeurtenis.Soort
DAG = date(2026, 3, 9)


@pytest.fixture
def school(wereld: Wereld) -> Medewerker:
    return wereld.medewerkers[Rol.SCHOOLMEDEWERKER]


@pytest.fixture
def leerplicht(wereld: Wereld) -> Medewerker:
    return wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]


@pytest.fixture
def casus(wereld: Wereld, school: Medewerker) -> Casus:
    return open_casus(wereld.leerlingen["demodam_school1"], school, start=DAG)


def _lees(gebeurtenis: CasusGebeurtenis, taal: str) -> str:
    with translation.override(taal):
        return CasusGebeurtenis.objects.get(pk=gebeurtenis.pk).tekst


# --- the sentence follows the reader's language ------------------------------------------------


def test_een_overdracht_van_de_regie_leest_in_het_nederlands_en_in_het_engels(
    casus: Casus, school: Medewerker, leerplicht: Medewerker
) -> None:
    # given the regie transferred by a person with a reason
    services.draag_regie_over(casus=casus, aan=leerplicht, door=school, reden="Tweede fase")
    rij = casus.gebeurtenissen.get(soort=Soort.REGIE_OVERGEDRAGEN)
    # then the row stores the facts and the reason, not a sentence
    assert rij.gegevens == {
        "bericht": "regie_overgedragen",
        "van": str(school),
        "naar": str(leerplicht),
    }
    assert rij.toelichting == "Tweede fase"
    # and reads in the reader's language
    assert _lees(rij, "nl") == f"Van {school} naar {leerplicht}: Tweede fase"
    assert _lees(rij, "en") == f"From {school} to {leerplicht}: Tweede fase"


def test_de_tijdlijn_van_de_casus_volgt_de_taal_van_de_lezer(
    casus: Casus, school: Medewerker
) -> None:
    # given a case closed with a passend aanbod (a translated choice and a sentence)
    services.sluit_casus(
        casus=casus,
        door=school,
        passend_aanbod=Casus.PassendAanbod.EIGEN_SCHOOL,
        op=timezone.localdate(),
        opmerking="Gaat weer",
    )
    dagen = (timezone.localdate() - casus.start).days
    op = f"{timezone.localdate():%d-%m-%Y}"

    def gesloten(taal: str) -> str:
        with translation.override(taal):
            items = tijdlijn(school, Casus.objects.get(pk=casus.pk), soort="casus")
        [item] = [i for i in items if op in i.tekst]
        return item.tekst

    # then the case page's timeline shows it in Dutch to a Dutch reader, in English to another
    assert gesloten("nl") == (
        f"terug naar de eigen school op {op}; doorlooptijd {dagen} dagen. Gaat weer"
    )
    assert gesloten("en") == f"back to the own school on {op}; lead time {dagen} days. Gaat weer"


def test_een_oude_regel_zonder_gegevens_toont_zijn_opgeslagen_tekst(
    casus: Casus, school: Medewerker
) -> None:
    # given a row written before the facts were stored: its Dutch sentence in `toelichting`
    oud = CasusGebeurtenis.objects.create(
        casus=casus,
        soort=Soort.PLAN_OPGESLAGEN,
        wie=school,
        toelichting="Versie 3.",
        datum=DAG,
    )
    assert oud.gegevens == {}
    # then every reader sees that text as it is, on the timeline too
    assert _lees(oud, "nl") == _lees(oud, "en") == "Versie 3."
    with translation.override("en"):
        teksten = [i.tekst for i in tijdlijn(school, casus, soort="plan")]
    assert teksten == ["Versie 3."]


def test_een_stap_met_een_notitie_leest_als_de_notitie(casus: Casus, school: Medewerker) -> None:
    rij = services.registreer_stap(
        casus=casus, door=school, stap="huisbezoek", datum=DAG, toelichting="Niemand thuis"
    )
    assert rij.gegevens == {"bericht": "stap_gedaan"}
    assert _lees(rij, "nl") == _lees(rij, "en") == "Niemand thuis"


def test_een_opening_vanuit_het_spreekuur_noemt_de_reden_van_de_school(
    wereld: Wereld, leerplicht: Medewerker
) -> None:
    casus = services.open_casus(
        leerling=wereld.leerlingen["buurdorp_school1"],
        door=leerplicht,
        start=start_weken_terug(1),
        spreekuurreden="Vaak ziek gemeld",
    )
    rij = casus.gebeurtenissen.get(soort=Soort.GEOPEND)
    assert rij.gegevens["spreekuur"] == "Vaak ziek gemeld"
    assert _lees(rij, "nl") == (
        f"Regisseur: {leerplicht}; aanpak: Amsterdam: drie fasen. "
        "Vanuit het Leerplichtspreekuur: Vaak ziek gemeld"
    )


# --- each writer stores its parameters -----------------------------------------------------------


@dataclass(frozen=True)
class Geval:
    """A writer called with its facts, and what it must store and how it reads in Dutch."""

    bericht: str
    schrijf: Callable[[Casus, Medewerker, Medewerker], CasusGebeurtenis]
    soort: str
    gegevens: dict[str, Any]
    nl: str
    toelichting: str = ""
    stap: str = ""


def test_een_aangehouden_punt_zonder_advies_eindigt_zonder_spatie(
    casus: Casus, school: Medewerker
) -> None:
    # given an agenda item postponed without advice or decision, when it is recorded
    rij = geschiedenis.besproken(
        casus,
        door=school,
        agendapunt=Agendapunt(
            overleg=_overleg(Overlegsoort.TEAMMANAGERSOVERLEG),
            status=Agendapunt.Status.AANGEHOUDEN,
        ),
    )
    # then it reads exactly as the stored sentence did: no space after the full stop
    tekst = _lees(CasusGebeurtenis.objects.get(pk=rij.pk), "nl")
    assert tekst == "teammanagersoverleg van 09-03-2026: aangehouden."


def _overleg(soort: str = Overlegsoort.UVO) -> Overleg:
    return Overleg(soort=soort, datum=DAG)


def _overdracht() -> Casusoverdracht:
    return Casusoverdracht(
        van_gemeente=Gemeente(naam="Demodam"),
        naar_gemeente=Gemeente(naam="Buurdorp"),
        inhoud={"samenvatting": "Zie plan", "plan": {}, "contactmomenten": []},
    )


def _gesloten(casus: Casus, door: Medewerker, _: Medewerker) -> CasusGebeurtenis:
    casus.passend_aanbod = Casus.PassendAanbod.ANDERE_SCHOOL
    casus.passend_aanbod_op = date(2026, 4, 16)
    casus.opmerking_afsluiting = "Nieuwe school gevonden"
    return geschiedenis.gesloten(casus, door=door)


GEVALLEN = [
    Geval(
        "geopend",
        lambda c, d, a: geschiedenis.geopend(
            c, door=d, regisseur=a, aanpak="amsterdam_drie_fasen", toelichting="Via de school"
        ),
        Soort.GEOPEND,
        {"regisseur": "{ander}", "aanpak": "amsterdam_drie_fasen"},
        "Regisseur: {ander}; aanpak: Amsterdam: drie fasen. Via de school",
        toelichting="Via de school",
    ),
    Geval(
        "geopend_na_overdracht",
        lambda c, d, a: geschiedenis.geopend_na_overdracht(
            c, door=d, overdracht=_overdracht(), verzonden_op=DAG
        ),
        Soort.GEOPEND,
        {
            "gemeente": "Demodam",
            "op": "2026-03-09",
            "regisseur": "{door}",
            "aanpak": "amsterdam_drie_fasen",
        },
        "Overgedragen door Leerplicht van Demodam op 09-03-2026. Regisseur: {door}; aanpak: "
        "Amsterdam: drie fasen. Zie plan",
        toelichting="Zie plan",
    ),
    Geval(
        "regie_overgedragen",
        lambda c, d, a: geschiedenis.regie_overgedragen(
            c, door=d, van=d, naar=a, reden="Fase 2", datum=DAG, stap="regie_overgedragen"
        ),
        Soort.REGIE_OVERGEDRAGEN,
        {"van": "{door}", "naar": "{ander}"},
        "Van {door} naar {ander}: Fase 2",
        toelichting="Fase 2",
        stap="regie_overgedragen",
    ),
    Geval(
        "deelnemer_toegevoegd",
        lambda c, d, a: geschiedenis.deelnemer_toegevoegd(
            c, door=d, deelnemer=Deelnemer(soort=Deelnemer.Soort.LEERLING)
        ),
        Soort.DEELNEMER_TOEGEVOEGD,
        {"deelnemer": "", "soort": "leerling", "rol": ""},
        "leerling (leerling)",
    ),
    Geval(
        "deelnemer_met_rol_toegevoegd",
        lambda c, d, a: geschiedenis.deelnemer_toegevoegd(
            c,
            door=d,
            deelnemer=Deelnemer(soort=Deelnemer.Soort.EXTERN, naam="Ria Bos", rol="Buurtcoach"),
        ),
        Soort.DEELNEMER_TOEGEVOEGD,
        {"deelnemer": "Ria Bos", "soort": "extern", "rol": "Buurtcoach"},
        "Ria Bos (externe persoon, Buurtcoach)",
    ),
    Geval(
        "stap_gedaan",
        lambda c, d, a: geschiedenis.stap_gedaan(
            c, door=d, stap="uvo", datum=DAG, toelichting="Besproken"
        ),
        Soort.STAP_GEDAAN,
        {},
        "Besproken",
        toelichting="Besproken",
        stap="uvo",
    ),
    Geval(
        "aanpak_gewijzigd",
        lambda c, d, a: geschiedenis.aanpak_gewijzigd(
            c,
            door=d,
            van="amsterdam_drie_fasen",
            naar="utrecht_kernpartners",
            reden="Verhuisd",
            datum=DAG,
        ),
        Soort.AANPAK_GEWIJZIGD,
        {"van": "amsterdam_drie_fasen", "naar": "utrecht_kernpartners"},
        "Van Amsterdam: drie fasen naar Utrecht: kernpartners: Verhuisd",
        toelichting="Verhuisd",
    ),
    Geval(
        "gesloten",
        _gesloten,
        Soort.GESLOTEN,
        {"aanbod": "andere_school", "op": "2026-04-16", "dagen": 38},
        "een andere school op 16-04-2026; doorlooptijd 38 dagen. Nieuwe school gevonden",
        toelichting="Nieuwe school gevonden",
    ),
    Geval(
        "heropend",
        lambda c, d, a: geschiedenis.heropend(
            c, door=d, aanbod="eigen_school", op=DAG, reden="Weer thuis", datum=DAG
        ),
        Soort.HEROPEND,
        {"aanbod": "eigen_school", "op": "2026-03-09"},
        "Eerdere uitkomst: terug naar de eigen school op 09-03-2026. Reden: Weer thuis",
        toelichting="Weer thuis",
    ),
    Geval(
        "fase_ingegaan",
        lambda c, d, a: geschiedenis.fasen_ingegaan([(c, "Fase 2: Leerplicht", DAG)])[0],
        Soort.FASE_INGEGAAN,
        {"fase": "Fase 2: Leerplicht", "dag": "2026-03-09"},
        "Fase ingegaan: Fase 2: Leerplicht (vanaf 09-03-2026).",
    ),
    Geval(
        "plan_opgeslagen",
        lambda c, d, a: geschiedenis.plan_opgeslagen(
            c, door=d, versie=2, stap="plan_van_aanpak", datum=DAG
        ),
        Soort.PLAN_OPGESLAGEN,
        {"versie": 2},
        "Versie 2.",
        stap="plan_van_aanpak",
    ),
    Geval(
        "plan_overgedragen",
        lambda c, d, a: geschiedenis.plan_overgedragen(c, door=d),
        Soort.PLAN_OPGESLAGEN,
        {},
        "Versie 1, overgedragen.",
    ),
    Geval(
        "actie_toegevoegd",
        lambda c, d, a: geschiedenis.actie_toegevoegd(
            c, door=d, actie=Actie(wie_naam="Mentor", wat="Bellen", uiterlijk=DAG)
        ),
        Soort.ACTIE_TOEGEVOEGD,
        {"wie": "Mentor", "wat": "Bellen", "uiterlijk": "2026-03-09"},
        "Mentor: Bellen (uiterlijk 09-03-2026)",
    ),
    Geval(
        "actie_afgerond",
        lambda c, d, a: geschiedenis.actie_afgerond(
            c,
            door=d,
            actie=Actie(wat="Bellen", status=Actie.Status.VERVALLEN, gedaan_op=DAG, uiterlijk=DAG),
        ),
        Soort.ACTIE_AFGEROND,
        {"status": "vervallen", "wat": "Bellen"},
        "vervallen: Bellen",
    ),
    Geval(
        "contactmoment",
        lambda c, d, a: geschiedenis.contactmoment(
            c,
            door=d,
            contact=Contactmoment(soort=Contactmoment.Soort.HUISBEZOEK, datum=DAG),
            stap="huisbezoek",
        ),
        Soort.CONTACTMOMENT,
        {"soort": "huisbezoek", "dag": "2026-03-09"},
        "huisbezoek 09-03-2026",
        stap="huisbezoek",
    ),
    Geval(
        "brief_gemaakt",
        lambda c, d, a: geschiedenis.brief_gemaakt(
            c, door=d, brief=Brief(sjabloon=Brief.Sjabloon.UITNODIGING_GESPREK, datum=DAG)
        ),
        Soort.CONTACTMOMENT,
        {"sjabloon": "uitnodiging_gesprek"},
        "Brief gemaakt: uitnodiging voor een gesprek.",
    ),
    Geval(
        "waarschuwingsbrief_gemaakt",
        lambda c, d, a: geschiedenis.brief_gemaakt(
            c, door=d, brief=Brief(sjabloon=Brief.Sjabloon.WAARSCHUWING, datum=DAG)
        ),
        Soort.CONTACTMOMENT,
        {},
        "Er is een brief van Leerplicht gemaakt.",
    ),
    Geval(
        "geagendeerd",
        lambda c, d, a: geschiedenis.geagendeerd(c, door=d, overleg=_overleg()),
        Soort.OVERLEG,
        {"overleg": "uvo", "dag": "2026-03-09"},
        "Geagendeerd: uitvoerdersoverleg (UVO) van 09-03-2026.",
    ),
    Geval(
        "van_agenda",
        lambda c, d, a: geschiedenis.van_agenda(c, door=d, overleg=_overleg(), datum=DAG),
        Soort.OVERLEG,
        {"overleg": "uvo", "dag": "2026-03-09"},
        "Van de agenda gehaald: uitvoerdersoverleg (UVO) van 09-03-2026.",
    ),
    Geval(
        "besproken",
        lambda c, d, a: geschiedenis.besproken(
            c,
            door=d,
            agendapunt=Agendapunt(
                overleg=_overleg(Overlegsoort.TEAMMANAGERSOVERLEG),
                status=Agendapunt.Status.BESPROKEN,
                advies="Huisbezoek",
                besluit="Naar Leerplicht",
            ),
        ),
        Soort.OVERLEG,
        {
            "overleg": "teammanagersoverleg",
            "dag": "2026-03-09",
            "uitkomst": "besproken",
            "advies": "Huisbezoek",
            "besluit": "Naar Leerplicht",
        },
        "teammanagersoverleg van 09-03-2026: besproken. Advies: Huisbezoek Besluit: Naar "
        "Leerplicht",
    ),
    Geval(
        "stap_in_overleg",
        lambda c, d, a: geschiedenis.stap_in_overleg(
            c, door=d, stap="uvo", overleg=_overleg(), tijdstip=None
        ),
        Soort.STAP_GEDAAN,
        {"overleg": "uvo", "dag": "2026-03-09"},
        "uitvoerdersoverleg (UVO) 09-03-2026",
        stap="uvo",
    ),
    Geval(
        "justitiestap",
        lambda c, d, a: geschiedenis.justitiestap(c, door=d, datum=DAG),
        Soort.STAP_GEDAAN,
        {},
        "Er is een stap in de justitiële keten vastgelegd.",
    ),
    Geval(
        "mazl_advies",
        lambda c, d, a: geschiedenis.mazl_advies(c, door=d, datum=DAG, stap="mazl"),
        Soort.STAP_GEDAAN,
        {},
        "MAZL-advies van de jeugdarts vastgelegd.",
        stap="mazl",
    ),
    Geval(
        "vrijstellingsadvies",
        lambda c, d, a: geschiedenis.vrijstellingsadvies(c, door=d, datum=DAG),
        Soort.STAP_GEDAAN,
        {},
        "Advies van het samenwerkingsverband over de vrijstelling.",
    ),
    Geval(
        "vrijstellingsverklaring",
        lambda c, d, a: geschiedenis.vrijstellingsverklaring(c, door=d, datum=DAG),
        Soort.STAP_GEDAAN,
        {},
        "Verklaring van de aangewezen deskundige bij de vrijstelling.",
    ),
    Geval(
        "opp_gekoppeld",
        lambda c, d, a: geschiedenis.opp_gekoppeld(c, door=d, verwijzing="OPP-12", datum=DAG),
        Soort.STAP_GEDAAN,
        {"opp": "OPP-12"},
        "OPP van de school gekoppeld: OPP-12",
    ),
    Geval(
        "evaluatie",
        lambda c, d, a: geschiedenis.evaluatie(
            c, door=d, niveau="casus", stap="evaluatie", datum=DAG
        ),
        Soort.STAP_GEDAAN,
        {"niveau": "casus"},
        "Evaluatie op casusniveau.",
        stap="evaluatie",
    ),
    Geval(
        "overdracht_aangeboden",
        lambda c, d, a: geschiedenis.overdracht_aangeboden(
            c, door=None, naar=Gemeente(naam="Buurdorp"), datum=DAG
        ),
        Soort.GEMEENTEOVERDRACHT,
        {"gemeente": "Buurdorp"},
        "De leerling is verhuisd naar Buurdorp. De casus wacht op overdracht: kies wat meegaat "
        "en verstuur de overdracht.",
    ),
    Geval(
        "overdracht_vervallen",
        lambda c, d, a: geschiedenis.overdracht_vervallen(
            c, door=None, naar=Gemeente(naam="Verweg"), datum=DAG
        ),
        Soort.GEMEENTEOVERDRACHT,
        {"gemeente": "Verweg"},
        "De leerling verhuisde verder naar Verweg voordat de overdracht was aanvaard; de "
        "overdracht is vervallen. Heropen de casus om hem aan Verweg over te dragen.",
    ),
    Geval(
        "overdracht_verzonden",
        lambda c, d, a: geschiedenis.overdracht_verzonden(
            c, door=d, overdracht=_overdracht(), datum=DAG
        ),
        Soort.GEMEENTEOVERDRACHT,
        {"gemeente": "Buurdorp", "onderdelen": ["plan", "contactmomenten"]},
        "Overgedragen aan Leerplicht van Buurdorp: plan, contactmomenten.",
    ),
    Geval(
        "overdracht_aanvaard",
        lambda c, d, a: geschiedenis.overdracht_aanvaard(
            c, door=d, overdracht=_overdracht(), datum=DAG
        ),
        Soort.GEMEENTEOVERDRACHT,
        {"gemeente": "Buurdorp"},
        "Leerplicht van Buurdorp heeft de overdracht aanvaard.",
    ),
    Geval(
        "overdracht_geweigerd",
        lambda c, d, a: geschiedenis.overdracht_geweigerd(
            c, door=d, overdracht=_overdracht(), reden="Woont hier niet", datum=DAG
        ),
        Soort.GEMEENTEOVERDRACHT,
        {"gemeente": "Buurdorp"},
        "Leerplicht van Buurdorp heeft de overdracht geweigerd: Woont hier niet",
        toelichting="Woont hier niet",
    ),
    Geval(
        "agenda_gepubliceerd",
        lambda c, d, a: geschiedenis.agenda_gepubliceerd(
            c,
            door=d,
            overleg=Overleg(
                pk=7,
                soort=Overlegsoort.UVO,
                datum=DAG,
                agenda_gepubliceerd_op=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
            ),
        ),
        Soort.AGENDA,
        {"overleg": "uvo", "dag": "2026-03-09", "overleg_id": 7},
        "Op de gepubliceerde agenda: uitvoerdersoverleg (UVO) van 09-03-2026. De leden zien "
        "de samenvatting, het plan en de vraag tot de uitkomst is vastgelegd.",
    ),
    Geval(
        "mazl_verwezen",
        lambda c, d, a: geschiedenis.mazl_verwezen(c, door=d, datum=DAG),
        Soort.MAZL,
        {},
        "De school heeft de leerling naar de jeugdarts verwezen (MAZL).",
    ),
    Geval(
        "mazl_verwijzing_advies",
        lambda c, d, a: geschiedenis.mazl_verwijzing_advies(c, door=d, datum=DAG, stap="mazl"),
        Soort.STAP_GEDAAN,
        {"consult": "2026-03-09"},
        "De jeugdarts heeft het MAZL-advies naar de school gestuurd (consult op 09-03-2026).",
        stap="mazl",
    ),
    Geval(
        "deelnemer_via_actie",
        lambda c, d, a: geschiedenis.deelnemer_via_actie(
            c,
            door=d,
            deelnemer=Deelnemer(soort=Deelnemer.Soort.PROFESSIONAL, medewerker=a),
            actie=Actie(wat="TLV aanvragen", uiterlijk=DAG),
        ),
        Soort.DEELNEMER_TOEGEVOEGD,
        {"deelnemer": "{ander}", "soort": "professional", "wat": "TLV aanvragen"},
        "{ander} neemt deel via een toegewezen actie: TLV aanvragen",
    ),
    Geval(
        "deelname_beeindigd",
        lambda c, d, a: geschiedenis.deelname_beeindigd(
            c,
            door=d,
            deelnemer=Deelnemer(soort=Deelnemer.Soort.PROFESSIONAL, medewerker=a),
            reden="Klaar",
        ),
        Soort.DEELNAME_BEEINDIGD,
        {"deelnemer": "{ander}", "soort": "professional"},
        "{ander} neemt niet meer deel: Klaar",
        toelichting="Klaar",
    ),
    Geval(
        "escalatie",
        lambda c, d, a: geschiedenis.escalatie(
            c,
            door=d,
            orgaan="teammanagers",
            datum=DAG,
            leden=[Medewerker(first_name="Thea", last_name="Manager")],
            overleg=_overleg(Overlegsoort.TEAMMANAGERSOVERLEG),
        ),
        Soort.ESCALATIE,
        {
            "orgaan": "teammanagers",
            "dag": "2026-03-09",
            "leden": ["Thea Manager"],
            "overleg": "teammanagersoverleg",
            "overlegdag": "2026-03-09",
        },
        "Geëscaleerd naar de teammanagers op 09-03-2026. Deelnemende leden: Thea Manager. "
        "Voorgesteld voor het teammanagersoverleg van 09-03-2026.",
    ),
    Geval(
        "escalatie_beeindigd",
        lambda c, d, a: geschiedenis.escalatie_beeindigd(
            c, door=d, orgaan="interventieteam", reden="Plan loopt", datum=DAG
        ),
        Soort.ESCALATIE_BEEINDIGD,
        {"orgaan": "interventieteam"},
        "De escalatie naar het Interventieteam VO is beëindigd: Plan loopt",
        toelichting="Plan loopt",
    ),
]

# signals attached to the case (regie.services.signalen)
GEVALLEN += [
    Geval(
        "signaal_gekoppeld",
        lambda c, d, a: geschiedenis.signaal_gekoppeld(
            c, door=d, signaal=Signaal(pk=7, soort="verzuim_16_uur", datum=DAG)
        ),
        Soort.SIGNAAL_GEKOPPELD,
        {"signalen": [{"id": 7, "soort": "verzuim_16_uur", "datum": "2026-03-09"}]},
        "Signaal gekoppeld: 16 uur ongeoorloofd verzuim (09-03-2026).",
    ),
    Geval(
        "signalen_gesloten_bij_opening",
        lambda c, d, a: geschiedenis.signalen_gesloten_bij_opening(
            c,
            door=d,
            signalen=[
                Signaal(pk=7, soort="verzuim_16_uur", datum=DAG),
                Signaal(pk=8, soort="thuiszitter_3_maanden", datum=date(2026, 3, 2)),
            ],
        ),
        Soort.SIGNAAL_GEKOPPELD,
        {
            "signalen": [
                {"id": 7, "soort": "verzuim_16_uur", "datum": "2026-03-09"},
                {"id": 8, "soort": "thuiszitter_3_maanden", "datum": "2026-03-02"},
            ]
        },
        "Open signalen van de leerling afgehandeld bij het openen: 16 uur ongeoorloofd verzuim "
        "(09-03-2026), Thuiszitter langer dan 3 maanden (02-03-2026).",
    ),
]


# the parents and the pupil in the portal (regie.services.relatie)


def _toegang(c: Casus, via: str = "brief") -> Portaaltoegang:
    return Portaaltoegang(casus=c, ouder=Ouder(voornamen="Anna", achternaam="Jansen"), via=via)


ANNA = {"naam": "Anna Jansen", "wie": "ouder"}

GEVALLEN += [
    Geval(
        "portaal_uitgenodigd",
        lambda c, d, a: geschiedenis.portaal_uitgenodigd(c, door=d, toegang=_toegang(c)),
        Soort.PORTAAL_UITGENODIGD,
        {**ANNA, "via": "brief"},
        "Anna Jansen (ouder) uitgenodigd voor het portaal: brief met een eenmalige code.",
    ),
    Geval(
        "portaal_nieuwe_code",
        lambda c, d, a: geschiedenis.portaal_uitgenodigd(
            c, door=d, toegang=_toegang(c, "email"), nieuwe_code=True
        ),
        Soort.PORTAAL_UITGENODIGD,
        {**ANNA, "via": "email"},
        "Nieuwe uitnodigingscode voor Anna Jansen (ouder): e-mail met een eenmalige code.",
    ),
    Geval(
        "portaal_aanvaard",
        lambda c, d, a: geschiedenis.portaal_aanvaard(c, toegang=_toegang(c)),
        Soort.PORTAAL_AANVAARD,
        ANNA,
        "Anna Jansen (ouder) heeft de uitnodiging voor het portaal aanvaard.",
    ),
    Geval(
        "portaal_beeindigd",
        lambda c, d, a: geschiedenis.portaal_beeindigd(c, door=d, toegang=_toegang(c)),
        Soort.PORTAAL_BEEINDIGD,
        ANNA,
        "De portaaltoegang van Anna Jansen (ouder) is beëindigd. De reden staat bij de toegang.",
    ),
    Geval(
        "portaal_ontzegging_opgeheven",
        lambda c, d, a: geschiedenis.portaal_beeindigd(
            c, door=d, toegang=_toegang(c), opgeheven=True
        ),
        Soort.PORTAAL_BEEINDIGD,
        ANNA,
        "Het onthouden van portaaltoegang aan Anna Jansen (ouder) is opgeheven. De reden staat "
        "bij de toegang.",
    ),
    Geval(
        "portaal_ontzegd",
        lambda c, d, a: geschiedenis.portaal_ontzegd(c, door=d, toegang=_toegang(c)),
        Soort.PORTAAL_ONTZEGD,
        ANNA,
        "Portaaltoegang onthouden aan Anna Jansen (ouder). De reden staat bij de toegang.",
    ),
    Geval(
        "toestemming_gegeven",
        lambda c, d, a: geschiedenis.toestemming(c, ouder_toegang=_toegang(c), ja=True),
        Soort.TOESTEMMING,
        ANNA,
        "De leerling gaf toestemming: Anna Jansen (ouder) ziet de casus in het portaal.",
    ),
    Geval(
        "toestemming_ingetrokken",
        lambda c, d, a: geschiedenis.toestemming(c, ouder_toegang=_toegang(c), ja=False),
        Soort.TOESTEMMING,
        ANNA,
        "De leerling trok de toestemming in: Anna Jansen (ouder) ziet de casus niet meer in het "
        "portaal.",
    ),
    Geval(
        "verhaal_portaal",
        lambda c, d, a: geschiedenis.verhaal(c, door=None, naam="Anna Jansen", wie="ouder"),
        Soort.VERHAAL,
        ANNA,
        "Anna Jansen (ouder) schreef een eigen verhaal in het portaal.",
    ),
    Geval(
        "verhaal_namens",
        lambda c, d, a: geschiedenis.verhaal(c, door=d, naam="Sem", wie="leerling"),
        Soort.VERHAAL,
        {"naam": "Sem", "wie": "leerling"},
        "Eigen verhaal van Sem (leerling), namens hen vastgelegd door een professional.",
    ),
    Geval(
        "plan_eens",
        lambda c, d, a: geschiedenis.planreactie(
            c, door=None, naam="Anna Jansen", wie="ouder", versie=2, eens=True, toelichting=""
        ),
        Soort.PLANREACTIE,
        {**ANNA, "versie": 2},
        "Anna Jansen (ouder) is het eens met versie 2 van het plan.",
    ),
    Geval(
        "plan_niet_eens",
        lambda c, d, a: geschiedenis.planreactie(
            c,
            door=None,
            naam="Anna Jansen",
            wie="ouder",
            versie=2,
            eens=False,
            toelichting="Te snel",
        ),
        Soort.PLANREACTIE,
        {**ANNA, "versie": 2},
        "Anna Jansen (ouder) is het niet eens met versie 2 van het plan, want: Te snel",
        toelichting="Te snel",
    ),
    Geval(
        "overleg_uitgenodigd",
        lambda c, d, a: geschiedenis.overleg_uitgenodigd(
            c, door=d, toegang=_toegang(c), overleg=_overleg()
        ),
        Soort.OVERLEGUITNODIGING,
        {**ANNA, "overleg": "uvo", "dag": "2026-03-09"},
        "Anna Jansen (ouder) uitgenodigd voor het uitvoerdersoverleg (UVO) van 09-03-2026.",
    ),
    Geval(
        "overleg_beantwoord",
        lambda c, d, a: geschiedenis.overleg_beantwoord(
            c, toegang=_toegang(c), overleg=_overleg(), antwoord="kan_niet"
        ),
        Soort.OVERLEGANTWOORD,
        {**ANNA, "overleg": "uvo", "dag": "2026-03-09", "antwoord": "kan_niet"},
        "Anna Jansen (ouder) antwoordde op de uitnodiging voor het uitvoerdersoverleg (UVO) van "
        "09-03-2026: Ik kan niet.",
    ),
    Geval(
        "correctie_gevraagd",
        lambda c, d, a: geschiedenis.correctie_gevraagd(c, toegang=_toegang(c)),
        Soort.CORRECTIEVERZOEK,
        ANNA,
        "Anna Jansen (ouder) vroeg om een correctie van wat is vastgelegd.",
    ),
    Geval(
        "correctie_afgehandeld",
        lambda c, d, a: geschiedenis.correctie_afgehandeld(
            c, door=d, toegang=_toegang(c), uitkomst="gecorrigeerd"
        ),
        Soort.CORRECTIEVERZOEK,
        {**ANNA, "uitkomst": "gecorrigeerd"},
        "Het correctieverzoek van Anna Jansen (ouder) is afgehandeld: gecorrigeerd.",
    ),
]


def test_elke_soort_bericht_heeft_een_geval() -> None:
    assert sorted(g.bericht for g in GEVALLEN) == sorted(geschiedenis.BERICHTEN)


@pytest.mark.parametrize("geval", GEVALLEN, ids=[g.bericht for g in GEVALLEN])
def test_elke_schrijver_bewaart_zijn_gegevens_en_leest_als_de_oude_zin(
    geval: Geval, casus: Casus, school: Medewerker, leerplicht: Medewerker
) -> None:
    # when the writer records the event
    rij = geval.schrijf(casus, school, leerplicht)
    # then the facts, the person's text and the step are stored, and no sentence
    namen = {"{door}": str(school), "{ander}": str(leerplicht)}
    verwacht = {k: namen.get(v, v) if isinstance(v, str) else v for k, v in geval.gegevens.items()}
    opgeslagen = CasusGebeurtenis.objects.get(pk=rij.pk)
    assert opgeslagen.gegevens == {"bericht": geval.bericht, **verwacht}
    assert (opgeslagen.soort, opgeslagen.toelichting, opgeslagen.stap) == (
        geval.soort,
        geval.toelichting,
        geval.stap,
    )
    # and it reads in Dutch as the sentence stored before did
    nl = geval.nl
    for naam, waarde in namen.items():
        nl = nl.replace(naam, waarde)
    assert _lees(opgeslagen, "nl") == nl
    # and, where the sentence is made from translated words, in English for an English reader
    if geval.bericht != "stap_gedaan":
        assert _lees(opgeslagen, "en") != nl


def test_een_gebeurtenis_blijft_onveranderlijk_met_gegevens(casus: Casus) -> None:
    rij = casus.gebeurtenissen.get(soort=Soort.GEOPEND)
    assert rij.gegevens["bericht"] == "geopend"
    with pytest.raises(Exception, match="kan niet worden gewijzigd"):
        CasusGebeurtenis.objects.filter(pk=rij.pk).update(gegevens={})
    rij.gegevens = {}
    with pytest.raises(Exception, match="kan niet worden gewijzigd"):
        rij.save()
    assert CasusGebeurtenis.objects.get(pk=rij.pk).gegevens["bericht"] == "geopend"


def test_datums_in_de_gegevens_zijn_iso(casus: Casus, school: Medewerker) -> None:
    # the facts are values, not text in a language: a day is stored as ISO 8601
    rij = geschiedenis.heropend(
        casus, door=school, aanbod="overig", op=date(2026, 1, 2), reden="x", datum=DAG
    )
    assert rij.gegevens["op"] == "2026-01-02"
    assert datetime.fromisoformat(rij.gegevens["op"]).date() == date(2026, 1, 2)
