# SPDX-License-Identifier: EUPL-1.2
"""The inbox, a signal's page, marking seen, dismissing, and the pupil page's signals."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.registratie.models import School
from binnenboord.signalering.models import Signaal, SignaalGebeurtenis, Soort
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import InschrijvingFactory, LeerlingFactory
from tests.signalering.factories import SignaalFactory
from tests.tekst import noemt
from tests.wereld import Wereld

MAG_SIGNALEN = {Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR}


def _scholen() -> tuple[School, School]:
    return (
        School.objects.get(organisatie__naam="Het Baken"),
        School.objects.get(organisatie__naam="De Vuurtoren"),
    )


@pytest.fixture
def signalen(wereld: Wereld) -> dict[str, Signaal]:
    school1, school2 = _scholen()
    ll = wereld.leerlingen
    return {
        "school1_16_uur": SignaalFactory(
            leerling=ll["demodam_school1"], school=school1, gebeurtenis=True
        ),
        "school1_thuiszitter": SignaalFactory(
            leerling=ll["buurdorp_school1"], school=school1, soort=Soort.THUISZITTER_3_MAANDEN
        ),
        "school2": SignaalFactory(leerling=ll["buurdorp_school2"], school=school2),
    }


def _pks(response: object) -> list[int]:
    return [s.pk for s in response.context["pagina"]]  # type: ignore[attr-defined]


def test_de_inbox_antwoordt_per_rol(wereld: Wereld, client: Client) -> None:
    statussen = {}
    for rol, gebruiker in wereld.medewerkers.items():
        client.force_login(gebruiker)
        statussen[rol] = client.get(reverse("signalering:signalen")).status_code
    assert statussen == {rol: 200 if rol in MAG_SIGNALEN else 403 for rol in Rol.values}


def test_een_school_ziet_alleen_haar_eigen_signalen_dringendste_eerst(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = client.get(reverse("signalering:signalen"))
    assert _pks(response) == [
        signalen["school1_thuiszitter"].pk,
        signalen["school1_16_uur"].pk,
    ]
    html = response.content.decode()
    assert not noemt(html, wereld.leerlingen["buurdorp_school2"].achternaam)
    # and every pupil shown is in the access log, as a search/list
    gelogd = Inzage.objects.filter(bron="signalering:signalen", handeling=Inzage.Handeling.ZOEKEN)
    assert set(gelogd.values_list("leerling_id", flat=True)) == {
        wereld.leerlingen["demodam_school1"].pk,
        wereld.leerlingen["buurdorp_school1"].pk,
    }


def test_het_signaal_van_een_andere_school_en_beleidsmedewerkers_krijgen_404_op_de_signaalpagina(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    url = reverse("signalering:signaal", args=[signalen["school2"].pk])
    for rol in (Rol.SCHOOLMEDEWERKER, Rol.BELEIDSMEDEWERKER, Rol.JEUGDARTS):
        client.force_login(wereld.medewerkers[rol])
        assert client.get(url).status_code == 404
    assert not Inzage.objects.exists()
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    eigen = reverse("signalering:signaal", args=[signalen["school1_16_uur"].pk])
    assert client.get(eigen).status_code == 200
    assert Inzage.objects.get().leerling_id == wereld.leerlingen["demodam_school1"].pk


def test_filters_op_soort_school_en_leeftijd(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    school1, _ = _scholen()
    jong = LeerlingFactory(
        woongemeente=wereld.leerlingen["demodam_school1"].woongemeente,
        geboortedatum=timezone.localdate() - timedelta(days=365 * 6 + 10),
    )
    InschrijvingFactory(leerling=jong, school=school1)
    jong_signaal = SignaalFactory(leerling=jong, school=school1)
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    url = reverse("signalering:signalen")

    assert _pks(client.get(url, {"soort": Soort.VERZUIM_16_UUR})) == [signalen["school1_16_uur"].pk]
    assert _pks(client.get(url, {"school": school1.pk, "leeftijd_tot": 7})) == [jong_signaal.pk]
    assert jong_signaal.pk not in _pks(client.get(url, {"leeftijd_van": 7}))
    # an invalid filter shows its error and filters nothing
    response = client.get(url, {"leeftijd_van": "oud"})
    assert response.status_code == 200
    assert len(_pks(response)) == 3


def test_in_bulk_als_gezien_markeren_schrijft_historie_en_negeert_andere_bereiken(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    gebruiker = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(gebruiker)
    eigen = [signalen["school1_16_uur"].pk, signalen["school1_thuiszitter"].pk]

    # a selection with a signal of another school is refused as a whole
    response = client.post(
        reverse("signalering:gezien"), {"signalen": [*eigen, signalen["school2"].pk]}
    )
    assert response.status_code == 302
    assert not Signaal.objects.filter(gezien_door__isnull=False).exists()

    client.post(reverse("signalering:gezien"), {"signalen": eigen})
    assert set(Signaal.objects.filter(gezien_door=gebruiker).values_list("pk", flat=True)) == set(
        eigen
    )
    assert set(
        SignaalGebeurtenis.objects.filter(soort="gezien", wie=gebruiker).values_list(
            "signaal_id", flat=True
        )
    ) == set(eigen)
    assert Signaal.objects.get(pk=signalen["school2"].pk).gezien_door is None


def test_als_gezien_markeren_wordt_geweigerd_aan_rollen_zonder_de_inbox(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    client.force_login(wereld.medewerkers[Rol.BELEIDSMEDEWERKER])
    response = client.post(reverse("signalering:gezien"), {"signalen": [signalen["school2"].pk]})
    assert response.status_code == 403
    assert not SignaalGebeurtenis.objects.exists()


def test_afwijzen_vraagt_een_reden_en_schrijft_historie(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    gebruiker = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(gebruiker)
    signaal = signalen["school1_16_uur"]
    url = reverse("signalering:afwijzen", args=[signaal.pk])

    zonder = client.post(url, {"reden": "   "})
    assert zonder.status_code == 400
    signaal.refresh_from_db()
    assert signaal.status == Signaal.Status.OPEN
    assert not SignaalGebeurtenis.objects.exists()

    client.post(url, {"reden": "Al gemeld bij DUO."})
    signaal.refresh_from_db()
    assert (signaal.status, signaal.afhandeling, signaal.afgehandeld_door, signaal.reden) == (
        Signaal.Status.AFGEHANDELD,
        Signaal.Afhandeling.AFGEWEZEN,
        gebruiker,
        "Al gemeld bij DUO.",
    )
    gebeurtenis = SignaalGebeurtenis.objects.get()
    assert (gebeurtenis.soort, gebeurtenis.wie, gebeurtenis.toelichting) == (
        "afgewezen",
        gebruiker,
        "Al gemeld bij DUO.",
    )
    assert Inzage.objects.filter(
        handeling=Inzage.Handeling.WIJZIGEN, leerling_id=signaal.leerling_id
    ).exists()
    # and it leaves the inbox
    assert signaal.pk not in _pks(client.get(reverse("signalering:signalen")))


def test_het_signaal_van_een_andere_school_afwijzen_is_een_404(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    url = reverse("signalering:afwijzen", args=[signalen["school2"].pk])
    assert client.post(url, {"reden": "Niet van ons."}).status_code == 404
    assert Signaal.objects.get(pk=signalen["school2"].pk).status == Signaal.Status.OPEN


def test_het_aantal_queries_van_de_inbox_is_constant(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    url = reverse("signalering:signalen")

    def aantal() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    weinig = aantal()
    school1, _ = _scholen()
    for _ in range(10):
        leerling = LeerlingFactory()
        InschrijvingFactory(leerling=leerling, school=school1)
        SignaalFactory(leerling=leerling, school=school1)
    assert aantal() == weinig


def test_de_leerlingpagina_noemt_signalen_en_licht_de_dagen_van_het_gekozen_signaal_uit(
    wereld: Wereld, client: Client
) -> None:
    school1, _ = _scholen()
    leerling = wereld.leerlingen["demodam_school1"]
    vandaag = timezone.localdate()
    signaal = SignaalFactory(
        leerling=leerling,
        school=school1,
        begindatum=vandaag - timedelta(days=10),
        van=vandaag - timedelta(days=10),
        datum=vandaag - timedelta(days=8),
        tot=vandaag - timedelta(days=8),
    )
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    url = reverse("registratie:leerling", args=[leerling.pk])

    zonder = client.get(url)
    assert signaal.uitleg in zonder.content.decode()
    assert "bb-kal--gemarkeerd" not in zonder.content.decode()

    met = client.get(url, {"signaal": signaal.pk})
    kalender = met.context["kalender"]
    gemarkeerd = {d.datum for m in kalender.maanden for d in m.dagen if d and d.gemarkeerd}
    assert gemarkeerd == {vandaag - timedelta(days=n) for n in (8, 9, 10)}
    assert met.content.decode().count('bb-kal--gemarkeerd"') >= 1


def test_de_leerlingpagina_toont_een_school_geen_signalen_over_een_andere_school(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    _, school2 = _scholen()
    leerling = wereld.leerlingen["buurdorp_school1"]
    oud = SignaalFactory(leerling=leerling, school=school2, uitleg="Signaal van de oude school.")
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = client.get(reverse("registratie:leerling", args=[leerling.pk]), {"signaal": oud.pk})
    assert "Signaal van de oude school." not in response.content.decode()
    assert response.context["kalender"].markering is None


def test_vandaag_toont_het_aantal_open_signalen(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    assert client.get(reverse("web:vandaag")).context["aantal_signalen"] == 2
    client.force_login(wereld.medewerkers[Rol.BELEIDSMEDEWERKER])
    response = client.get(reverse("web:vandaag"))
    assert response.context["aantal_signalen"] is None
    assert reverse("signalering:signalen") not in response.content.decode()


def test_de_peildatum_in_de_url_wint_nog_van_het_signaal(wereld: Wereld, client: Client) -> None:
    school1, _ = _scholen()
    leerling = wereld.leerlingen["demodam_school1"]
    signaal = SignaalFactory(leerling=leerling, school=school1)
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    response = client.get(
        reverse("registratie:leerling", args=[leerling.pk]),
        {"signaal": signaal.pk, "peildatum": "2024-10-01"},
    )
    assert response.context["kalender"].van == date(2024, 8, 1)
