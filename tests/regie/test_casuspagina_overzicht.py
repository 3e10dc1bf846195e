# SPDX-License-Identifier: EUPL-1.2
"""The case page read in a minute (docs/schermen.md, "De casuspagina"): the summary card, the
empty sections folded into one line, one truth for a plan or a meeting recorded only as a step,
a step done late saying how late, no stray spaces, and what the family worker who takes part
sees for a home visit (and who does not)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

import pytest

from binnenboord.regie import services
from binnenboord.regie.beoordeling import kop_van
from binnenboord.regie.models import Casus, Contactmoment
from binnenboord.toegang.models import Medewerker, Rol
from tests.factories import MedewerkerFactory, OuderFactory
from tests.regie.factories import casussen, open_casus
from tests.wereld import Wereld


def _nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


def _pagina(client: Client, casus: Casus) -> str:
    antwoord = client.get(reverse("regie:casus", args=[casus.pk]))
    assert antwoord.status_code == 200
    return str(antwoord.content.decode())


def _blok(inhoud: str, begin: str, eind: str) -> str:
    """The HTML from `begin` up to the first `eind` after it."""
    start = inhoud.index(begin)
    return inhoud[start : inhoud.index(eind, start)]


def _tekst(html: str) -> str:
    """The text of the page's main content: tags out, white space as one space."""
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", main))


@pytest.fixture
def alle(wereld: Wereld) -> dict[str, Casus]:
    return casussen(wereld)


# --- the summary card ----------------------------------------------------------------------


def test_de_samenvatting_staat_bovenaan_met_reden_school_fase_regisseur_termijn_en_contact(
    wereld: Wereld, client: Client
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    leerplicht.email = "leerplicht@demodam.example"
    leerplicht.save()
    leerling = wereld.leerlingen["demodam_school1"]
    casus = open_casus(
        leerling,
        leerplicht,
        start=timezone.localdate() - timedelta(days=3),
        toelichting="Thuis sinds de herfstvakantie.",
    )
    services.registreer_contactmoment(
        casus=casus,
        door=leerplicht,
        soort=Contactmoment.Soort.HUISBEZOEK,
        datum=timezone.localdate() - timedelta(days=2),
        verslag="Thuis gesproken.",
        met=["ouders"],
    )
    client.force_login(leerplicht)
    inhoud = _pagina(client, casus)
    kaart = _blok(inhoud, 'id="stand"', "</section>")
    # then the card comes before everything else of the case, as a description list
    assert inhoud.index('id="stand"') < inhoud.index('id="stappen"')
    assert '<dl class="bb-gegevens bb-samenvatting__gegevens">' in kaart
    tekst = _tekst("<main>" + kaart + "</main>")
    for term in ("Reason", "School", "Phase", "Case director", "Next deadline", "Last contact"):
        assert f"<dt>{_nl(term)}</dt>" in kaart, term
    assert "Thuis sinds de herfstvakantie." in tekst
    assert leerling.inschrijvingen.get().school.naam in tekst
    kop = kop_van(casus, timezone.now())
    assert kop.beoordeling.fase.naam in tekst
    assert str(leerplicht) in tekst and "mailto:leerplicht@demodam.example" in kaart
    assert kop.volgende is not None
    assert kop.volgende.termijn is not None
    assert kop.volgende.termijn.verloopt_op.strftime("%d-%m-%Y") in tekst
    dag = (timezone.localdate() - timedelta(days=2)).strftime("%d-%m-%Y")
    assert f"{dag} · {_nl('home visit').capitalize()}" in tekst


def test_de_samenvatting_zegt_te_laat_bij_een_verlopen_termijn(
    wereld: Wereld, client: Client
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    casus = open_casus(
        wereld.leerlingen["demodam_school1"],
        school,
        start=timezone.localdate() - timedelta(weeks=10),
    )
    kop = kop_van(casus, timezone.now())
    assert kop.te_laat, "a case ten weeks in without any step has an overdue step"
    client.force_login(school)
    kaart = _blok(_pagina(client, casus), 'id="stand"', "</section>")
    assert 'id="eerste-te-laat"' in kaart
    assert f'<strong class="bb-te-laat">{_nl("overdue")}</strong>' in kaart
    assert kop.te_laat[0].stap.naam in kaart


# --- empty sections ------------------------------------------------------------------------


def test_lege_secties_staan_samen_op_een_regel_en_openen_nog_hun_formulier(
    wereld: Wereld, client: Client
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    casus = open_casus(wereld.leerlingen["demodam_school1"], leerplicht)
    client.force_login(leerplicht)
    inhoud = _pagina(client, casus)
    regel = _blok(inhoud, 'id="nog-niet-gebruikt"', 'id="tijdlijn"')
    assert _nl("Not used yet:") in regel
    # each empty section is a fold with its name, not a heading of its own
    for code, titel in (
        ("justitie", "Justice chain"),
        ("brieven", "Letters"),
        ("evaluatie", "Evaluation after the intervention"),
        ("mazl", "MAZL advice of the youth doctor"),
        ("opp", "Development perspective plan (OPP)"),
    ):
        assert f'<summary id="{code}">{_nl(titel)}</summary>' in regel, code
        assert f'<h2 class="utrecht-heading-2" id="{code}">' not in inhoud, code
    # and the name still opens the section with its form for who may add
    assert reverse("regie:justitie_formulier", args=[casus.pk, "justitie"]) in regel
    # the daily work of a case is never folded, also not on a new case where it is empty
    for code, titel in (
        ("regie", "Case direction"),
        ("deelnemers", "Participants"),
        ("plan", "Plan of action"),
        ("acties", "Actions"),
        ("contacten", "Contacts"),
    ):
        assert f'<h2 class="utrecht-heading-2" id="{code}">{_nl(titel)}</h2>' in inhoud, code
        assert f'<summary id="{code}">' not in inhoud, code
        assert inhoud.index(f'id="{code}"') < inhoud.index('id="nog-niet-gebruikt"'), code


def test_wie_niets_mag_toevoegen_ziet_in_de_lege_secties_geen_formulier(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    casus = alle["demodam_school1"]
    client.force_login(wereld.medewerkers[Rol.JEUGDARTS])
    regel = _blok(_pagina(client, casus), 'id="nog-niet-gebruikt"', 'id="tijdlijn"')
    assert '<summary id="justitie">' in regel
    assert reverse("regie:justitie_formulier", args=[casus.pk, "justitie"]) not in regel


# --- one truth -----------------------------------------------------------------------------


def test_een_plan_dat_alleen_als_stap_is_vastgelegd_heet_niet_nog_geen_plan(
    wereld: Wereld, client: Client
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    # a case in phase 2, where the model asks for a plan
    casus = open_casus(
        wereld.leerlingen["demodam_school1"],
        leerplicht,
        start=timezone.localdate() - timedelta(weeks=10),
    )
    codes = {s.stap.code for s in kop_van(casus, timezone.now()).beoordeling.stappen}
    assert "plan_van_aanpak" in codes
    client.force_login(leerplicht)
    assert _nl("No plan yet.") in _pagina(client, casus)
    # when the step "plan van aanpak" is recorded without a plan
    services.registreer_stap(
        casus=casus, door=leerplicht, stap="plan_van_aanpak", datum=timezone.localdate()
    )
    inhoud = _pagina(client, casus)
    # then the plan section says what happened instead of "no plan yet", and the step too
    assert _nl("No plan yet.") not in inhoud
    assert 'id="plan-als-stap"' in inhoud
    assert _nl("recorded as a step; the plan itself is not in Binnenboord yet") in inhoud
    # and once the plan is saved, the page shows the plan and no more remark
    services.sla_plan_op(casus=casus, door=leerplicht, basis_versie=0, doel="Weer naar school")
    inhoud = _pagina(client, casus)
    assert "Weer naar school" in inhoud
    assert 'id="plan-als-stap"' not in inhoud
    assert _nl("recorded as a step; the plan itself is not in Binnenboord yet") not in inhoud


def test_een_overlegstap_zonder_agendapunt_heet_niet_nog_niet_op_de_agenda(
    wereld: Wereld, client: Client
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    casus = open_casus(
        wereld.leerlingen["demodam_school1"],
        leerplicht,
        start=timezone.localdate() - timedelta(weeks=16),
    )
    client.force_login(leerplicht)
    assert _nl("Not on the agenda of a meeting yet.") in _pagina(client, casus)
    dag = timezone.localdate() - timedelta(days=3)
    services.registreer_stap(
        casus=casus, door=leerplicht, stap="inbreng_doorbraakoverleg", datum=dag
    )
    inhoud = _pagina(client, casus)
    assert _nl("Not on the agenda of a meeting yet.") not in inhoud
    blok = _blok(inhoud, 'id="overleg-als-stap"', "</ul>")
    assert "Plan ingebracht in het Doorbraakoverleg" in blok
    assert dag.strftime("%d-%m-%Y") in blok
    # the meetings section is no longer folded away
    assert '<summary id="overleggen">' not in inhoud


# --- a step done late ----------------------------------------------------------------------


def test_een_te_laat_gedane_stap_zegt_hoeveel_dagen_te_laat(wereld: Wereld, client: Client) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    vandaag = timezone.localdate()
    casus = open_casus(
        wereld.leerlingen["demodam_school1"], leerplicht, start=vandaag - timedelta(weeks=12)
    )
    kop = kop_van(casus, timezone.now())
    stap = next(
        s
        for s in kop.beoordeling.stappen
        if s.termijn is not None
        and s.termijn.verloopt_om is None
        and s.gedaan_op is None
        and s.termijn.verloopt_op + timedelta(days=9) <= vandaag
    )
    assert stap.termijn is not None
    gedaan = stap.termijn.verloopt_op + timedelta(days=9)
    services.registreer_stap(casus=casus, door=leerplicht, stap=stap.stap.code, datum=gedaan)
    client.force_login(leerplicht)
    tekst = _tekst(_pagina(client, casus))
    with translation.override("nl"):
        te_laat = ngettext("%(dagen)s day late", "%(dagen)s days late", 9) % {"dagen": 9}
    assert te_laat == "9 dagen te laat"
    assert f"{gedaan:%d-%m-%Y}, {te_laat}" in tekst


# --- no stray spaces -----------------------------------------------------------------------


def test_de_pagina_heeft_geen_losse_spaties_binnen_haakjes(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    casus = alle["demodam_school1"]
    services.sla_plan_op(casus=casus, door=school, basis_versie=0, doel="Halve dagen")
    services.voeg_actie_toe(
        casus=casus, door=school, wie=school, wat="Rooster maken", uiterlijk=timezone.localdate()
    )
    client.force_login(school)
    tekst = _tekst(_pagina(client, casus))
    assert _nl("Steps of the model") in tekst
    assert re.findall(r"\(\s+\w", tekst) == []
    assert re.findall(r"\w\s+\)", tekst) == []


# --- the family worker ---------------------------------------------------------------------


def _met_adres_en_ouders(casus: Casus) -> tuple[str, str]:
    leerling = casus.leerling
    leerling.straat, leerling.huisnummer = "Havenstraat", "12"
    leerling.postcode, leerling.woonplaats = "1234 AB", "Buurdorp"
    leerling.save()
    OuderFactory(leerling=leerling, telefoon="06-12345678")
    OuderFactory(
        leerling=leerling,
        relatie="vader",
        telefoon="+31 6 8765 4321",
        straat="Geheimweg",
        huisnummer="1",
        adres_afgeschermd=True,
    )
    return "Havenstraat 12, 1234 AB Buurdorp", "+31 6 8765 4321"


def test_de_gezinswerker_die_deelneemt_ziet_adres_telefoons_en_school(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    casus = alle["buurdorp_school2"]
    adres, telefoon = _met_adres_en_ouders(casus)
    client.force_login(wereld.medewerkers[Rol.GEZINSWERKER])
    inhoud = _pagina(client, casus)
    assert adres in _blok(inhoud, 'id="huisadres"', "</dd>")
    telefoons = _blok(inhoud, 'id="telefoons-ouders"', "</dd>")
    assert "06-12345678" in telefoons and telefoon in telefoons
    # the shielded parent's address is never shown, on the whole page
    assert "Geheimweg" not in inhoud
    school = casus.leerling.inschrijvingen.get().school
    assert school.naam in _blok(inhoud, 'id="school"', "</dd>")


def test_een_afgeschermd_adres_heet_voor_de_gezinswerker_afgeschermd(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    casus = alle["buurdorp_school2"]
    _met_adres_en_ouders(casus)
    casus.leerling.adres_afgeschermd = True
    casus.leerling.save()
    client.force_login(wereld.medewerkers[Rol.GEZINSWERKER])
    inhoud = _pagina(client, casus)
    blok = _blok(inhoud, 'id="huisadres"', "</dd>")
    assert _nl("address shielded") in blok
    assert "Havenstraat" not in inhoud
    # the phone numbers as stored stay
    assert "06-12345678" in _blok(inhoud, 'id="telefoons-ouders"', "</dd>")


@pytest.mark.parametrize("rol", [Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR, Rol.JEUGDARTS])
def test_andere_rollen_zien_de_school_maar_niet_de_huisbezoekgegevens(
    wereld: Wereld, client: Client, alle: dict[str, Casus], rol: str
) -> None:
    # the school directs demodam_school1, the youth doctor takes part, Leerplicht sees it
    casus = alle["demodam_school1"]
    adres, telefoon = _met_adres_en_ouders(casus)
    client.force_login(wereld.medewerkers[rol])
    inhoud = _pagina(client, casus)
    school = casus.leerling.inschrijvingen.get().school
    assert school.naam in _blok(inhoud, 'id="school"', "</dd>")
    assert 'id="huisadres"' not in inhoud and 'id="telefoons-ouders"' not in inhoud
    assert adres not in inhoud and telefoon not in inhoud


@pytest.mark.parametrize("wie", ["gezinswerker_elders", "beleidsmedewerker"])
def test_wie_geen_deelnemer_is_krijgt_de_casus_niet(
    wereld: Wereld, client: Client, alle: dict[str, Casus], wie: str
) -> None:
    casus = alle["buurdorp_school2"]
    _met_adres_en_ouders(casus)
    gebruiker: Medewerker
    if wie == "gezinswerker_elders":
        nieuw: Any = MedewerkerFactory(
            username="gezinswerker2",
            rol=Rol.GEZINSWERKER,
            organisatie=wereld.medewerkers[Rol.GEZINSWERKER].organisatie,
        )
        gebruiker = nieuw
    else:
        gebruiker = wereld.medewerkers[Rol.BELEIDSMEDEWERKER]
    client.force_login(gebruiker)
    antwoord = client.get(reverse("regie:casus", args=[casus.pk]))
    assert antwoord.status_code == 404
    assert "Havenstraat" not in antwoord.content.decode()
