# SPDX-License-Identifier: EUPL-1.2
"""Signals and cases (docs/samenwerken.md, "Signalen en casussen"), the signalering side: a
signal of a pupil with an open case names it (a link for who sees the case, the words for
school and Leerplicht who do not, nothing for anyone else), the inbox says "heeft een casus"
per row in a fixed number of queries, and repeated 16-hour signals of one ongoing episode are
one inbox row with every date, each signal still stored."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from binnenboord.regie import services
from binnenboord.regie.models import Casus
from binnenboord.registratie.models import School
from binnenboord.signalering.models import Signaal, Soort
from binnenboord.signalering.selectors import (
    EPISODE_AANSLUITEND,
    OpenCasus,
    episode_van,
    open_casussen,
)
from binnenboord.toegang.models import Gemeente, Rol
from tests.factories import (
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
)
from tests.regie.factories import open_casus, school2_medewerker
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld


def _school1() -> School:
    return School.objects.get(organisatie__naam="Het Baken")


def _zestien_uur(leerling: Any, school: School, van: date, tot: date, **extra: Any) -> Signaal:
    """A stored 16-hour signal: its window from `van`, 16 hours reached on `tot`."""
    signaal: Signaal = SignaalFactory(
        leerling=leerling,
        school=school,
        gebeurtenis=True,
        begindatum=van,
        van=van,
        tot=tot,
        datum=tot,
        **extra,
    )
    return signaal


@pytest.fixture
def met_casus(wereld: Wereld) -> tuple[Casus, Signaal]:
    """demodam_school1's case, directed by school 1, and a signal that came after it opened."""
    leerling = wereld.leerlingen["demodam_school1"]
    casus = open_casus(leerling, wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    signaal: Signaal = SignaalFactory(leerling=leerling, school=_school1(), gebeurtenis=True)
    return casus, signaal


# --- the signal page ---------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR])
def test_de_signaalpagina_linkt_naar_de_casus_voor_wie_hem_ziet(
    wereld: Wereld, client: Client, met_casus: tuple[Casus, Signaal], rol: str
) -> None:
    casus, signaal = met_casus
    client.force_login(wereld.medewerkers[rol])
    html = client.get(reverse("signalering:signaal", args=[signaal.pk])).content.decode()
    assert "Deze leerling heeft een casus." in html
    assert reverse("regie:casus", args=[casus.pk]) in html
    # the regisseur and Leerplicht may attach it; nobody opens a second case from it
    assert reverse("regie:koppel_signaal", args=[casus.pk, signaal.pk]) in html
    assert reverse("regie:nieuw", args=[signaal.leerling_id]) not in html


def test_de_signaalpagina_zonder_casus_biedt_een_nieuwe_casus_aan(
    wereld: Wereld, client: Client
) -> None:
    signaal: Signaal = SignaalFactory(
        leerling=wereld.leerlingen["demodam_school1"], school=_school1(), gebeurtenis=True
    )
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    html = client.get(reverse("signalering:signaal", args=[signaal.pk])).content.decode()
    assert reverse("regie:nieuw", args=[signaal.leerling_id]) in html
    assert "Deze leerling heeft" not in html


def test_een_school_collega_die_niet_regisseert_ziet_de_link_maar_koppelt_niet(
    wereld: Wereld, client: Client, met_casus: tuple[Casus, Signaal]
) -> None:
    casus, signaal = met_casus
    collega = MedewerkerFactory(
        username="collega_school1",
        rol=Rol.SCHOOLMEDEWERKER,
        organisatie=wereld.medewerkers[Rol.SCHOOLMEDEWERKER].organisatie,
    )
    client.force_login(collega)
    html = client.get(reverse("signalering:signaal", args=[signaal.pk])).content.decode()
    assert reverse("regie:casus", args=[casus.pk]) in html
    assert reverse("regie:koppel_signaal", args=[casus.pk, signaal.pk]) not in html


def _verhuisd_naar_buurdorp(wereld: Wereld) -> Any:
    """demodam_school1 moved to Buurdorp after her case opened in Demodam (no handover yet),
    and Leerplicht Buurdorp's officer, who now sees her signals but not the case."""
    leerling = wereld.leerlingen["demodam_school1"]
    leerling.woongemeente = Gemeente.objects.get(code="9998")
    leerling.save()
    return MedewerkerFactory(
        username="lpa_buurdorp",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(
            naam="Leerplicht Buurdorp", gemeenten=[Gemeente.objects.get(code="9998")]
        ),
    )


def test_leerplicht_die_de_casus_niet_ziet_leest_alleen_dat_er_een_is(
    wereld: Wereld, client: Client, met_casus: tuple[Casus, Signaal]
) -> None:
    casus, signaal = met_casus
    buurdorp = _verhuisd_naar_buurdorp(wereld)
    client.force_login(buurdorp)
    antwoord = client.get(reverse("signalering:signaal", args=[signaal.pk]))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Deze leerling heeft een open casus." in html
    # no link, no case number, no attach button
    assert reverse("regie:casus", args=[casus.pk]) not in html
    assert "koppelen" not in html
    # and the case itself stays hidden from her
    assert client.get(reverse("regie:casus", args=[casus.pk])).status_code == 404


def test_open_casussen_geeft_per_rol_precies_wat_die_mag_weten(
    wereld: Wereld, met_casus: tuple[Casus, Signaal]
) -> None:
    casus, _signaal = met_casus
    m = wereld.medewerkers
    ll = wereld.leerlingen
    services.voeg_deelnemer_toe(
        casus=casus, door=m[Rol.SCHOOLMEDEWERKER], soort="professional", medewerker=m[Rol.JEUGDARTS]
    )
    # buurdorp_school2 has an open case of school 2: school 1 does not see her, nor her case
    ander = open_casus(ll["buurdorp_school2"], school2_medewerker())
    ids = [ll["demodam_school1"].pk, ll["buurdorp_school2"].pk, ll["buurdorp_school1"].pk]
    assert open_casussen(m[Rol.SCHOOLMEDEWERKER], ids) == {
        ll["demodam_school1"].pk: OpenCasus(casus.pk)
    }
    assert open_casussen(school2_medewerker(), ids) == {
        ll["buurdorp_school2"].pk: OpenCasus(ander.pk)
    }
    # the case's participant (the youth doctor) sees hers; of another case it learns nothing
    assert open_casussen(m[Rol.JEUGDARTS], ids) == {ll["demodam_school1"].pk: OpenCasus(casus.pk)}
    # roles outside the cases know of none
    for rol in (Rol.GEZINSWERKER, Rol.BELEIDSMEDEWERKER, Rol.INTERVENTIETEAMLID):
        assert open_casussen(m[rol], ids) == {}, rol
    # Leerplicht of the municipality she moved to: that there is one, not which
    buurdorp = _verhuisd_naar_buurdorp(wereld)
    assert open_casussen(buurdorp, ids)[ll["demodam_school1"].pk] == OpenCasus(None)


def test_een_gesloten_casus_telt_niet(wereld: Wereld, met_casus: tuple[Casus, Signaal]) -> None:
    casus, _signaal = met_casus
    Casus.objects.filter(pk=casus.pk).update(
        status=Casus.Status.GESLOTEN, passend_aanbod="eigen_school", passend_aanbod_op=casus.start
    )
    leerling = wereld.leerlingen["demodam_school1"]
    assert open_casussen(wereld.medewerkers[Rol.SCHOOLMEDEWERKER], [leerling.pk]) == {}


# --- the inbox ---------------------------------------------------------------------------------


def test_de_inbox_zegt_per_rij_heeft_een_casus(
    wereld: Wereld, client: Client, met_casus: tuple[Casus, Signaal]
) -> None:
    casus, signaal = met_casus
    zonder: Signaal = SignaalFactory(
        leerling=wereld.leerlingen["buurdorp_school1"], school=_school1()
    )
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.get(reverse("signalering:signalen"))
    rijen = {s.pk: s for s in antwoord.context["pagina"]}
    assert rijen[signaal.pk].open_casus == OpenCasus(casus.pk)
    assert rijen[zonder.pk].open_casus is None
    html = antwoord.content.decode()
    assert html.count("heeft een casus") == 1
    assert reverse("regie:casus", args=[casus.pk]) in html


def _tel(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(queries), antwoord.content.decode()


def test_de_inbox_vraagt_evenveel_queries_voor_veel_casussen_en_herhalingen_als_voor_een(
    wereld: Wereld, client: Client
) -> None:
    school = _school1()
    schoolmedewerker = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(schoolmedewerker)
    url = reverse("signalering:signalen")

    def voeg_toe(van: int, tot: int) -> None:
        for i in range(van, tot):
            leerling: Any = LeerlingFactory(woongemeente=school.gemeente, achternaam=f"Tel{i}")
            InschrijvingFactory(leerling=leerling, school=school)
            open_casus(leerling, schoolmedewerker)
            # an episode of three 16-hour signals after the case opened
            begin = date(2026, 1, 5)
            for k in range(3):
                _zestien_uur(
                    leerling,
                    school,
                    begin + timedelta(weeks=2 * k),
                    begin + timedelta(weeks=2 * k, days=4),
                )

    voeg_toe(0, 1)
    weinig, _html = _tel(client, url)
    voeg_toe(1, 8)
    veel, html = _tel(client, url)
    assert html.count("heeft een casus") == 8
    assert html.count("16 uur bereikt op:") == 8
    assert veel == weinig


# --- repeated 16-hour signals: one ongoing episode -----------------------------------------


@pytest.fixture
def herhaald(wereld: Wereld) -> dict[str, Any]:
    """demodam_school1 reaches 16 hours on 9, 23 January and 6 February (each next window
    starts the week after), then returns to school and reaches 16 hours again on 20 April
    (a new episode); buurdorp_school1 has a single 16-hour signal."""
    school = _school1()
    leerling = wereld.leerlingen["demodam_school1"]
    eerste = _zestien_uur(leerling, school, date(2026, 1, 5), date(2026, 1, 9))
    tweede = _zestien_uur(leerling, school, date(2026, 1, 12), date(2026, 1, 23))
    derde = _zestien_uur(leerling, school, date(2026, 1, 26), date(2026, 2, 6))
    later = _zestien_uur(leerling, school, date(2026, 4, 13), date(2026, 4, 20))
    los = _zestien_uur(
        wereld.leerlingen["buurdorp_school1"], school, date(2026, 1, 5), date(2026, 1, 9)
    )
    return {"episode": [eerste, tweede, derde], "later": later, "los": los}


def test_herhaalde_16_uursignalen_van_een_episode_zijn_een_rij_met_elke_datum(
    wereld: Wereld, client: Client, herhaald: dict[str, Any]
) -> None:
    eerste, tweede, derde = herhaald["episode"]
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.get(reverse("signalering:signalen"))
    rijen = {s.pk: s for s in antwoord.context["pagina"]}
    # one row for the episode (its newest signal), one for the later episode, one single
    assert set(rijen) == {derde.pk, herhaald["later"].pk, herhaald["los"].pk}
    assert rijen[derde.pk].herhalingen == [date(2026, 1, 9), date(2026, 1, 23), date(2026, 2, 6)]
    assert rijen[herhaald["later"].pk].herhalingen == []
    assert rijen[herhaald["los"].pk].herhalingen == []
    html = antwoord.content.decode()
    assert "16 uur bereikt op: 09-01-2026, 23-01-2026, 06-02-2026" in html
    # every report date stays stored as a signal of its own
    assert Signaal.objects.filter(leerling=eerste.leerling, soort=Soort.VERZUIM_16_UUR).count() == 4
    assert all(s.status == Signaal.Status.OPEN for s in (eerste, tweede, derde))


def test_de_episode_eindigt_na_vier_weken_zonder_nieuw_venster(
    wereld: Wereld, herhaald: dict[str, Any]
) -> None:
    derde = herhaald["episode"][-1]
    later = herhaald["later"]
    # the later window starts more than four weeks after the episode last reached 16 hours
    assert later.van > derde.tot + EPISODE_AANSLUITEND
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    assert episode_van(school, later) == [later]
    # exactly four weeks after still continues it
    aansluitend = _zestien_uur(
        derde.leerling, derde.school, derde.tot + EPISODE_AANSLUITEND, date(2026, 3, 13)
    )
    assert episode_van(school, aansluitend) == [*herhaald["episode"], aansluitend]


def test_een_andere_school_begint_een_eigen_episode(wereld: Wereld, client: Client) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    school1 = _school1()
    school2 = School.objects.get(organisatie__naam="De Vuurtoren")
    a = _zestien_uur(leerling, school1, date(2026, 1, 5), date(2026, 1, 9))
    b = _zestien_uur(leerling, school2, date(2026, 1, 12), date(2026, 1, 23))
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    rijen = {s.pk: s for s in client.get(reverse("signalering:signalen")).context["pagina"]}
    assert {a.pk, b.pk} <= set(rijen)
    assert rijen[a.pk].herhalingen == rijen[b.pk].herhalingen == []


def test_een_afgehandeld_signaal_houdt_de_rest_van_de_episode_in_de_inbox(
    wereld: Wereld, client: Client, herhaald: dict[str, Any]
) -> None:
    eerste, tweede, derde = herhaald["episode"]
    Signaal.objects.filter(pk=derde.pk).update(
        status=Signaal.Status.AFGEHANDELD, afhandeling=Signaal.Afhandeling.MELDING
    )
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    rijen = {s.pk: s for s in client.get(reverse("signalering:signalen")).context["pagina"]}
    assert tweede.pk in rijen and eerste.pk not in rijen and derde.pk not in rijen
    assert rijen[tweede.pk].herhalingen == [date(2026, 1, 9), date(2026, 1, 23)]


def test_de_signaalpagina_toont_de_hele_episode(
    wereld: Wereld, client: Client, herhaald: dict[str, Any]
) -> None:
    eerste, tweede, derde = herhaald["episode"]
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    html = client.get(reverse("signalering:signaal", args=[eerste.pk])).content.decode()
    assert "16 uur opnieuw bereikt" in html
    for ander in (tweede, derde):
        assert reverse("signalering:signaal", args=[ander.pk]) in html
    assert reverse("signalering:signaal", args=[herhaald["later"].pk]) not in html


def test_gezien_markeren_van_de_rij_markeert_de_hele_episode(
    wereld: Wereld, client: Client, herhaald: dict[str, Any]
) -> None:
    eerste, tweede, derde = herhaald["episode"]
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.post(reverse("signalering:gezien"), {"signalen": [derde.pk]})
    assert antwoord.status_code == 302
    gezien = set(Signaal.objects.filter(gezien_door__isnull=False).values_list("pk", flat=True))
    assert gezien == {eerste.pk, tweede.pk, derde.pk}
