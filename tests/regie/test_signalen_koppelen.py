# SPDX-License-Identifier: EUPL-1.2
"""Signals and cases (docs/samenwerken.md, "Signalen en casussen"), the regie side: a signal is
attached to the pupil's open case (regie.services.signalen.koppel_signaal and the view
regie:koppel_signaal), once, by who may change the case and handle the signal; opening a case
handles every open signal of the pupil."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from binnenboord.regie import services
from binnenboord.regie.models import Casus, CasusGebeurtenis, Casusoverdracht
from binnenboord.regie.services import verhuizing
from binnenboord.regie.services.signalen import koppel_signaal
from binnenboord.registratie.models import School, Verhuismelding
from binnenboord.registratie.signals import leerling_verhuisd
from binnenboord.signalering.models import Signaal, SignaalGebeurtenis, Soort
from binnenboord.toegang.models import Gemeente, Medewerker, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus, school2_medewerker
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld


def _school1() -> School:
    return School.objects.get(organisatie__naam="Het Baken")


@pytest.fixture
def school(wereld: Wereld) -> Medewerker:
    return wereld.medewerkers[Rol.SCHOOLMEDEWERKER]


@pytest.fixture
def casus(wereld: Wereld, school: Medewerker) -> Casus:
    return open_casus(wereld.leerlingen["demodam_school1"], school)


@pytest.fixture
def signaal(wereld: Wereld, casus: Casus) -> Signaal:
    """A 16-hour signal of the case's pupil, found after the case opened."""
    nieuw: Signaal = SignaalFactory(
        leerling=wereld.leerlingen["demodam_school1"], school=_school1(), gebeurtenis=True
    )
    return nieuw


def _url(casus: Casus, signaal: Signaal) -> str:
    return reverse("regie:koppel_signaal", args=[casus.pk, signaal.pk])


def _ongewijzigd(signaal: Signaal, casus: Casus) -> None:
    signaal.refresh_from_db()
    assert signaal.status == Signaal.Status.OPEN
    assert not casus.gekoppelde_signalen.exists()
    assert not casus.gebeurtenissen.filter(soort=CasusGebeurtenis.Soort.SIGNAAL_GEKOPPELD).exists()


# --- attaching ---------------------------------------------------------------------------------


def test_koppelen_handelt_het_signaal_af_binnen_de_casus(
    casus: Casus, signaal: Signaal, school: Medewerker
) -> None:
    assert koppel_signaal(casus=casus, signaal=signaal, door=school) is True
    signaal.refresh_from_db()
    assert (signaal.status, signaal.afhandeling, signaal.afgehandeld_door) == (
        Signaal.Status.AFGEHANDELD,
        Signaal.Afhandeling.GEKOPPELD,
        school,
    )
    assert list(casus.gekoppelde_signalen.all()) == [signaal]
    assert signaal.gebeurtenissen.filter(soort=SignaalGebeurtenis.Soort.GEKOPPELD).count() == 1
    rij = casus.gebeurtenissen.get(soort=CasusGebeurtenis.Soort.SIGNAAL_GEKOPPELD)
    assert rij.wie == school
    assert rij.gegevens == {
        "bericht": "signaal_gekoppeld",
        "signalen": [{"id": signaal.pk, "soort": "verzuim_16_uur", "datum": "2026-01-12"}],
    }
    with translation.override("nl"):
        assert rij.tekst == "Signaal gekoppeld: 16 uur ongeoorloofd verzuim (12-01-2026)."


def test_koppelen_is_idempotent(
    client: Client, casus: Casus, signaal: Signaal, school: Medewerker
) -> None:
    client.force_login(school)
    for _ in range(2):
        antwoord = client.post(_url(casus, signaal))
        assert antwoord.status_code == 302
        assert antwoord["Location"] == reverse("signalering:signaal", args=[signaal.pk])
    assert koppel_signaal(casus=casus, signaal=signaal, door=school) is False
    assert casus.gekoppelde_signalen.count() == 1
    assert casus.gebeurtenissen.filter(soort=CasusGebeurtenis.Soort.SIGNAAL_GEKOPPELD).count() == 1
    assert signaal.gebeurtenissen.filter(soort=SignaalGebeurtenis.Soort.GEKOPPELD).count() == 1
    # each write is in the access log, with the case
    regels = Inzage.objects.filter(bron="regie:koppel_signaal", handeling=Inzage.Handeling.WIJZIGEN)
    assert set(regels.values_list("leerling_id", "casus_id")) == {(casus.leerling_id, casus.pk)}


def test_leerplicht_koppelt_een_signaal_aan_een_casus_van_de_school(
    wereld: Wereld, client: Client, casus: Casus, signaal: Signaal
) -> None:
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert client.post(_url(casus, signaal)).status_code == 302
    signaal.refresh_from_db()
    assert signaal.afhandeling == Signaal.Afhandeling.GEKOPPELD


def test_een_al_afgehandeld_signaal_wordt_niet_gekoppeld(
    casus: Casus, signaal: Signaal, school: Medewerker, client: Client
) -> None:
    Signaal.objects.filter(pk=signaal.pk).update(
        status=Signaal.Status.AFGEHANDELD, afhandeling=Signaal.Afhandeling.MELDING
    )
    with pytest.raises(services.CasusNietMogelijk, match="niet meer open"):
        koppel_signaal(casus=casus, signaal=signaal, door=school)
    client.force_login(school)
    antwoord = client.post(_url(casus, signaal), follow=True)
    assert "niet meer open" in antwoord.content.decode()
    assert not casus.gekoppelde_signalen.exists()


def test_een_gesloten_casus_krijgt_geen_signaal(
    casus: Casus, signaal: Signaal, school: Medewerker
) -> None:
    services.sluit_casus(
        casus=casus, door=school, passend_aanbod="eigen_school", op=casus.start + timedelta(days=1)
    )
    casus.refresh_from_db()
    with pytest.raises(services.CasusNietMogelijk):
        koppel_signaal(casus=casus, signaal=signaal, door=school)
    _ongewijzigd(signaal, casus)


# --- attacks -----------------------------------------------------------------------------------


def test_een_andere_school_kan_niet_koppelen(
    client: Client, casus: Casus, signaal: Signaal
) -> None:
    client.force_login(school2_medewerker())
    assert client.post(_url(casus, signaal)).status_code == 404
    _ongewijzigd(signaal, casus)


def test_een_andere_school_koppelt_geen_signaal_van_een_leerling_die_niet_van_haar_is(
    wereld: Wereld, client: Client, casus: Casus
) -> None:
    # school 2 directs the case of its own pupil and tries to attach school 1's signal of
    # another pupil to it
    eigen = open_casus(wereld.leerlingen["buurdorp_school2"], school2_medewerker())
    vreemd: Signaal = SignaalFactory(
        leerling=wereld.leerlingen["demodam_school1"], school=_school1(), gebeurtenis=True
    )
    client.force_login(school2_medewerker())
    assert client.post(_url(eigen, vreemd)).status_code == 404
    _ongewijzigd(vreemd, eigen)
    with pytest.raises(services.CasusNietMogelijk):
        koppel_signaal(casus=eigen, signaal=vreemd, door=school2_medewerker())
    _ongewijzigd(vreemd, eigen)


def test_een_signaal_van_een_andere_leerling_past_niet_bij_de_casus(
    wereld: Wereld, client: Client, casus: Casus, school: Medewerker
) -> None:
    # school 1 sees both pupils, but the signal is not of this case's pupil
    ander: Signaal = SignaalFactory(
        leerling=wereld.leerlingen["buurdorp_school1"], school=_school1(), gebeurtenis=True
    )
    client.force_login(school)
    assert client.post(_url(casus, ander)).status_code == 404
    with pytest.raises(services.CasusNietMogelijk, match="hoort niet bij"):
        koppel_signaal(casus=casus, signaal=ander, door=school)
    _ongewijzigd(ander, casus)


def test_leerplicht_van_een_andere_gemeente_kan_niet_koppelen(
    client: Client, casus: Casus, signaal: Signaal
) -> None:
    buurdorp = MedewerkerFactory(
        username="lpa_buurdorp",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(
            naam="Leerplicht Buurdorp", gemeenten=[Gemeente.objects.get(code="9998")]
        ),
    )
    client.force_login(buurdorp)
    assert client.post(_url(casus, signaal)).status_code == 404
    with pytest.raises(services.CasusNietMogelijk):
        koppel_signaal(casus=casus, signaal=signaal, door=buurdorp)
    _ongewijzigd(signaal, casus)


def test_een_deelnemer_die_het_signaal_niet_ziet_koppelt_het_niet(
    wereld: Wereld, client: Client, casus: Casus, signaal: Signaal, school: Medewerker
) -> None:
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    services.voeg_deelnemer_toe(
        casus=casus, door=school, soort="professional", medewerker=jeugdarts
    )
    client.force_login(jeugdarts)
    # the case it sees; the signal (of the school's inbox) it does not
    assert client.post(_url(casus, signaal)).status_code == 404
    with pytest.raises(services.CasusNietMogelijk):
        koppel_signaal(casus=casus, signaal=signaal, door=jeugdarts)
    _ongewijzigd(signaal, casus)


def test_een_collega_die_de_casus_niet_regisseert_mag_niet_koppelen(
    wereld: Wereld, client: Client, casus: Casus, signaal: Signaal, school: Medewerker
) -> None:
    collega = MedewerkerFactory(
        username="collega_school1", rol=Rol.SCHOOLMEDEWERKER, organisatie=school.organisatie
    )
    client.force_login(collega)
    assert client.post(_url(casus, signaal)).status_code == 403
    _ongewijzigd(signaal, casus)


def test_koppelen_gaat_alleen_met_post(
    client: Client, casus: Casus, signaal: Signaal, school: Medewerker
) -> None:
    client.force_login(school)
    assert client.get(_url(casus, signaal)).status_code == 405
    _ongewijzigd(signaal, casus)


# --- opening a case handles every open signal of the pupil -------------------------------------


def _zes_open_signalen(leerling: Any, school: School) -> list[Signaal]:
    """Six open signals of one pupil: every situation kind and two 16-hour report dates."""
    soorten = [
        Soort.THUISZITTER_3_MAANDEN,
        Soort.LANGDURIG_RELATIEF_VERZUIM,
        Soort.LANGDURIG_GEOORLOOFD_VERZUIM,
        Soort.ZORGWEKKEND_ZIEKTEVERZUIM,
    ]
    signalen = [SignaalFactory(leerling=leerling, school=school, soort=s) for s in soorten]
    for k in range(2):
        van = date(2026, 1, 5) + timedelta(weeks=2 * k)
        signalen.append(
            SignaalFactory(
                leerling=leerling,
                school=school,
                gebeurtenis=True,
                begindatum=van,
                van=van,
                tot=van + timedelta(days=4),
                datum=van + timedelta(days=4),
            )
        )
    return signalen


@pytest.fixture
def zes(wereld: Wereld) -> dict[str, Any]:
    leerling = wereld.leerlingen["demodam_school1"]
    signalen = _zes_open_signalen(leerling, _school1())
    # already handled or closed: left alone; another pupil's open signal: left alone
    afgewezen: Signaal = SignaalFactory(
        leerling=leerling,
        school=_school1(),
        soort=Soort.ABSOLUUT_VERZUIM,
        status=Signaal.Status.AFGEHANDELD,
        afhandeling=Signaal.Afhandeling.AFGEWEZEN,
        reden="Ingeschreven elders",
    )
    gesloten: Signaal = SignaalFactory(
        leerling=leerling,
        school=_school1(),
        soort=Soort.LANGDURIG_RELATIEF_VERZUIM,
        begindatum=date(2025, 9, 1),
        van=date(2025, 9, 1),
        status=Signaal.Status.GESLOTEN,
    )
    ander: Signaal = SignaalFactory(
        leerling=wereld.leerlingen["buurdorp_school1"], school=_school1(), gebeurtenis=True
    )
    return {
        "leerling": leerling,
        "signalen": signalen,
        "afgewezen": afgewezen,
        "gesloten": gesloten,
        "ander": ander,
    }


def _status(signaal: Signaal) -> tuple[str, str]:
    signaal.refresh_from_db()
    return signaal.status, signaal.afhandeling


def test_een_casus_openen_sluit_alle_zes_open_signalen_van_de_leerling(
    zes: dict[str, Any], school: Medewerker
) -> None:
    casus = open_casus(zes["leerling"], school)
    for signaal in zes["signalen"]:
        assert _status(signaal) == (Signaal.Status.AFGEHANDELD, Signaal.Afhandeling.GEKOPPELD)
        assert signaal.afgehandeld_door == school
    assert set(casus.gekoppelde_signalen.all()) == set(zes["signalen"])
    # one history row names them all
    rij = casus.gebeurtenissen.get(soort=CasusGebeurtenis.Soort.SIGNAAL_GEKOPPELD)
    assert rij.gegevens["bericht"] == "signalen_gesloten_bij_opening"
    assert sorted(s["id"] for s in rij.gegevens["signalen"]) == sorted(
        s.pk for s in zes["signalen"]
    )
    # the handled, the closed and another pupil's signal are left alone
    assert _status(zes["afgewezen"]) == (Signaal.Status.AFGEHANDELD, Signaal.Afhandeling.AFGEWEZEN)
    assert _status(zes["gesloten"]) == (Signaal.Status.GESLOTEN, "")
    assert _status(zes["ander"]) == (Signaal.Status.OPEN, "")
    assert not casus.gekoppelde_signalen.filter(
        pk__in=[zes["afgewezen"].pk, zes["gesloten"].pk, zes["ander"].pk]
    ).exists()


def test_een_casus_openen_vanuit_een_signaal_koppelt_de_vijf_andere(
    zes: dict[str, Any], school: Medewerker
) -> None:
    bron, *rest = zes["signalen"]
    casus = open_casus(zes["leerling"], school, signaal=bron)
    assert _status(bron) == (Signaal.Status.AFGEHANDELD, Signaal.Afhandeling.CASUS)
    assert casus.signaal == bron
    for signaal in rest:
        assert _status(signaal) == (Signaal.Status.AFGEHANDELD, Signaal.Afhandeling.GEKOPPELD)
    assert set(casus.gekoppelde_signalen.all()) == set(rest)
    assert _status(zes["ander"]) == (Signaal.Status.OPEN, "")


def test_een_casus_openen_zonder_open_signalen_schrijft_geen_koppeling(
    wereld: Wereld, school: Medewerker
) -> None:
    casus = open_casus(wereld.leerlingen["demodam_school1"], school)
    assert not casus.gebeurtenissen.filter(soort=CasusGebeurtenis.Soort.SIGNAAL_GEKOPPELD).exists()


def test_de_inbox_is_leeg_na_het_openen_via_de_pagina(
    zes: dict[str, Any], client: Client, school: Medewerker
) -> None:
    client.force_login(school)
    bron = zes["signalen"][0]
    antwoord = client.post(
        reverse("regie:nieuw", args=[zes["leerling"].pk]) + f"?signaal={bron.pk}",
        {"start": "2026-02-02", "regisseur": school.pk, "signaal": bron.pk},
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    pagina = client.get(reverse("signalering:signalen")).context["pagina"]
    assert {s.leerling_id for s in pagina} == {zes["ander"].leerling_id}


# --- the page that would open a second case --------------------------------------------------


def test_de_pagina_voor_een_tweede_casus_biedt_de_casus_en_koppelen_aan(
    client: Client, casus: Casus, signaal: Signaal, school: Medewerker
) -> None:
    client.force_login(school)
    url = reverse("regie:nieuw", args=[signaal.leerling_id]) + f"?signaal={signaal.pk}"
    html = client.get(url).content.decode()
    assert "al een open casus" in html
    assert reverse("regie:casus", args=[casus.pk]) in html
    assert _url(casus, signaal) in html
    # trying anyway gives the same way out
    antwoord = client.post(
        url, {"start": "2026-02-02", "regisseur": school.pk, "signaal": signaal.pk}
    )
    assert antwoord.status_code == 400
    assert _url(casus, signaal) in antwoord.content.decode()
    # and the button works
    assert client.post(_url(casus, signaal)).status_code == 302
    signaal.refresh_from_db()
    assert signaal.afhandeling == Signaal.Afhandeling.GEKOPPELD


def test_een_aanvaarde_overdracht_opent_een_casus_en_sluit_de_open_signalen(
    wereld: Wereld,
) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    leerling = wereld.leerlingen["demodam_school1"]
    oud = open_casus(leerling, lpa)
    buurdorp = Gemeente.objects.get(code="9998")
    ontvanger = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
    )
    van = leerling.woongemeente
    leerling.woongemeente = buurdorp
    leerling.save()
    leerling_verhuisd.send(
        sender=Verhuismelding,
        leerling=leerling,
        van_gemeente=van,
        naar_gemeente=buurdorp,
        door=lpa,
        verhuismelding=None,
    )
    verhuizing.verstuur_overdracht(casus=oud, door=lpa, plan=True)
    # a signal found while the handover waited
    wachtend: Signaal = SignaalFactory(leerling=leerling, school=_school1(), gebeurtenis=True)
    nieuw = verhuizing.aanvaard_overdracht(
        overdracht=Casusoverdracht.objects.get(casus=oud), door=ontvanger
    )
    assert _status(wachtend) == (Signaal.Status.AFGEHANDELD, Signaal.Afhandeling.GEKOPPELD)
    assert wachtend.afgehandeld_door == ontvanger
    assert list(nieuw.gekoppelde_signalen.all()) == [wachtend]
