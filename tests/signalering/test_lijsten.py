# SPDX-License-Identifier: EUPL-1.2
"""The Signalen inbox and the Meldingen list: search, filters and sort (signalering.filters),
which rows come back for each, a filter naming another school giving none of its rows (as
another school and as another municipality), the order for each sort, and the bulk action
"gezien" returning to the same filtered list while an address elsewhere is refused."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.registratie.models import School
from binnenboord.signalering.models import Melding, Signaal, Soort
from binnenboord.signalering.services.melding import (
    maak_thuiszittermelding,
    maak_verzuimmelding,
)
from binnenboord.toegang.models import Organisatie, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld

SIGNALEN = reverse("signalering:signalen")
MELDINGEN = reverse("meldingen:meldingen")


def _scholen() -> tuple[School, School]:
    return (
        School.objects.get(organisatie__naam="Het Baken"),
        School.objects.get(organisatie__naam="De Vuurtoren"),
    )


@pytest.fixture
def signalen(wereld: Wereld) -> dict[str, Signaal]:
    """School 1: a long-term absence signal of the Demodam pupil (2 March) and a stay-at-home
    signal of the Buurdorp pupil (9 March); school 2: a signal of its Buurdorp pupil."""
    school1, school2 = _scholen()
    ll = wereld.leerlingen
    return {
        "demodam": SignaalFactory(
            leerling=ll["demodam_school1"],
            school=school1,
            soort=Soort.LANGDURIG_RELATIEF_VERZUIM,
            datum=date(2026, 3, 2),
        ),
        "buurdorp": SignaalFactory(
            leerling=ll["buurdorp_school1"],
            school=school1,
            soort=Soort.THUISZITTER_3_MAANDEN,
            datum=date(2026, 3, 9),
        ),
        "school2": SignaalFactory(leerling=ll["buurdorp_school2"], school=school2),
    }


def _pks(client: Client, url: str, **params: Any) -> list[int]:
    antwoord = client.get(url, params)
    assert antwoord.status_code == 200
    return [rij.pk for rij in antwoord.context["pagina"]]


# --- Signalen ------------------------------------------------------------------------------


def test_signalen_zoeken_op_naam(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    leerling = wereld.leerlingen["demodam_school1"]
    assert _pks(client, SIGNALEN, q=leerling.achternaam) == [signalen["demodam"].pk]
    # the pupil of another school is not found by name
    anders = wereld.leerlingen["buurdorp_school2"]
    assert _pks(client, SIGNALEN, q=anders.achternaam) == []


def test_signalen_filter_op_soort_en_school_binnen_het_zicht(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    school1, school2 = _scholen()
    m = wereld.medewerkers
    client.force_login(m[Rol.SCHOOLMEDEWERKER])
    assert _pks(client, SIGNALEN, soort=Soort.THUISZITTER_3_MAANDEN) == [signalen["buurdorp"].pk]
    assert set(_pks(client, SIGNALEN, school=school1.pk)) == {
        signalen["demodam"].pk,
        signalen["buurdorp"].pk,
    }
    # another school: nothing of it, and no error that would say it exists
    antwoord = client.get(SIGNALEN, {"school": school2.pk})
    assert list(antwoord.context["pagina"]) == []
    assert not antwoord.context["filters"].form.errors
    # another municipality: Leerplicht Demodam filtering on school 1 gets its own pupil only
    client.force_login(m[Rol.LEERPLICHTAMBTENAAR])
    assert _pks(client, SIGNALEN, school=school1.pk) == [signalen["demodam"].pk]
    assert _pks(client, SIGNALEN, school=school2.pk) == []


def test_signalen_elke_sortering(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    eigen = [signalen["demodam"], signalen["buurdorp"]]
    assert _pks(client, SIGNALEN, sortering="datum") == [s.pk for s in eigen]
    assert _pks(client, SIGNALEN, sortering="-datum") == [s.pk for s in reversed(eigen)]
    op_naam = sorted(eigen, key=lambda s: (s.leerling.achternaam, s.leerling.voornamen))
    assert _pks(client, SIGNALEN, sortering="naam") == [s.pk for s in op_naam]
    assert _pks(client, SIGNALEN, sortering="-naam") == [s.pk for s in reversed(op_naam)]
    op_soort = sorted(eigen, key=lambda s: s.soort)
    assert _pks(client, SIGNALEN, sortering="soort") == [s.pk for s in op_soort]
    # the inbox's own order by default: at home for months before long-term absence
    assert _pks(client, SIGNALEN) == [signalen["buurdorp"].pk, signalen["demodam"].pk]


def test_signalen_foute_waarden_geven_een_nederlandse_fout(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    for parameter, waarde in (
        ("school", "abc"),
        ("soort", "alles"),
        ("leeftijd_van", "-1"),
        ("sortering", "pk"),
    ):
        antwoord = client.get(SIGNALEN, {parameter: waarde})
        assert antwoord.status_code == 200
        fouten = antwoord.context["filters"].form.errors
        assert parameter in fouten, parameter
        assert {r.pk for r in antwoord.context["pagina"]} <= {
            signalen["demodam"].pk,
            signalen["buurdorp"].pk,
        }


def _gezien(client: Client, terug: str, *signaal: Signaal) -> str:
    antwoord = client.post(
        reverse("signalering:gezien"), {"signalen": [s.pk for s in signaal], "terug": terug}
    )
    assert antwoord.status_code == 302
    return str(antwoord["Location"])


def test_na_gezien_blijft_de_gefilterde_lijst_staan(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    school1, _ = _scholen()
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    lijst = f"{SIGNALEN}?soort={Soort.THUISZITTER_3_MAANDEN}&school={school1.pk}&sortering=-naam"
    terug = _gezien(client, lijst, signalen["buurdorp"])
    assert terug == lijst
    signalen["buurdorp"].refresh_from_db()
    assert signalen["buurdorp"].gezien_door is not None
    antwoord = client.get(terug)
    assert [s.pk for s in antwoord.context["pagina"]] == [signalen["buurdorp"].pk]
    assert antwoord.context["filters"].form.cleaned_data["soort"] == Soort.THUISZITTER_3_MAANDEN


@pytest.mark.parametrize(
    "kwaad",
    [
        "https://kwaad.example/signalen/?soort=x",
        "//kwaad.example/signalen/",
        "/\\kwaad.example/signalen/",
        "https:/kwaad.example",
        "javascript:alert(1)",
        "/beheer/?terug=1",
        "signalen/?soort=x",
    ],
)
def test_een_kwaad_terugadres_wordt_geweigerd(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal], kwaad: str
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    assert _gezien(client, kwaad, signalen["demodam"]) == SIGNALEN


def test_een_terugadres_naar_de_lijst_houdt_alleen_pad_en_zoekvraag(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    terug = _gezien(client, f"{SIGNALEN}?q=a#elders", signalen["demodam"])
    assert terug == f"{SIGNALEN}?q=a"
    # a refused form (nothing chosen) returns to the filtered list too
    antwoord = client.post(reverse("signalering:gezien"), {"terug": f"{SIGNALEN}?soort=x"})
    assert antwoord["Location"] == f"{SIGNALEN}?soort=x"


def test_de_paginering_van_signalen_houdt_de_filters_vast(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal], monkeypatch: pytest.MonkeyPatch
) -> None:
    from binnenboord.signalering.views import signaal as signaalviews

    monkeypatch.setattr(signaalviews, "PER_PAGINA", 1)
    school1, _ = _scholen()
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    antwoord = client.get(SIGNALEN, {"school": school1.pk, "sortering": "datum"})
    html = antwoord.content.decode()
    assert f"school={school1.pk}" in html and "sortering=datum" in html and "pagina=2" in html
    assert [s.pk for s in antwoord.context["pagina"]] == [signalen["demodam"].pk]
    tweede = client.get(SIGNALEN, {"school": school1.pk, "sortering": "datum", "pagina": 2})
    assert [s.pk for s in tweede.context["pagina"]] == [signalen["buurdorp"].pk]


def test_de_lijst_heeft_een_alles_kiezen_vakje_met_label(
    wereld: Wereld, client: Client, signalen: dict[str, Signaal]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    html = client.get(SIGNALEN).content.decode()
    assert 'id="kies-alles"' in html and 'data-kies-alles="signalen"' in html
    assert '<label class="bb-sr" for="kies-alles">' in html
    assert "signalering/alles-kiezen" in html and "<script>" not in html


# --- Meldingen -----------------------------------------------------------------------------


@pytest.fixture
def meldingen(wereld: Wereld) -> dict[str, Melding]:
    """School 1: a draft absence report of the Buurdorp pupil and a stay-at-home report (sent
    when made) of the Demodam pupil; school 2: a stay-at-home report of its pupil."""
    school1, school2 = _scholen()
    school1.samenwerkingsverband = Organisatie.objects.get(naam="SWV Demodam")
    school1.save()
    school2.samenwerkingsverband = OrganisatieFactory(naam="SWV Buurdorp", swv=True)
    school2.save()
    m = wereld.medewerkers
    ll = wereld.leerlingen
    signaal = SignaalFactory(
        leerling=ll["buurdorp_school1"], school=school1, soort=Soort.VERZUIM_16_UUR
    )
    concept = maak_verzuimmelding(signaal=signaal, door=m[Rol.SCHOOLMEDEWERKER])
    thuis = maak_thuiszittermelding(
        leerling=ll["demodam_school1"],
        door=m[Rol.SCHOOLMEDEWERKER],
        soort="thuiszitter",
        omschrijving="Thuis.",
    )
    school2_medewerker = MedewerkerFactory(
        rol=Rol.SCHOOLMEDEWERKER, organisatie=school2.organisatie
    )
    ander = maak_thuiszittermelding(
        leerling=ll["buurdorp_school2"],
        door=school2_medewerker,
        soort="thuiszitter",
        omschrijving="Thuis.",
    )
    return {"concept": concept, "thuis": thuis, "ander": ander}


def test_meldingen_zoeken_en_filteren(
    wereld: Wereld, client: Client, meldingen: dict[str, Melding]
) -> None:
    school1, school2 = _scholen()
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    concept, thuis = meldingen["concept"], meldingen["thuis"]
    assert _pks(client, MELDINGEN, q=concept.leerling.achternaam) == [concept.pk]
    assert _pks(client, MELDINGEN, q=meldingen["ander"].leerling.achternaam) == []
    assert _pks(client, MELDINGEN, stand="concept") == [concept.pk]
    assert _pks(client, MELDINGEN, stand="verzonden") == [thuis.pk]
    assert _pks(client, MELDINGEN, soort=Melding.Soort.VERZUIMMELDING) == [concept.pk]
    assert set(_pks(client, MELDINGEN, school=school1.pk)) == {concept.pk, thuis.pk}
    # another school: none of its reports
    assert _pks(client, MELDINGEN, school=school2.pk) == []
    vandaag = timezone.localdate()
    assert set(_pks(client, MELDINGEN, van=vandaag.isoformat())) == {concept.pk, thuis.pk}
    morgen = (vandaag + timedelta(days=1)).isoformat()
    assert _pks(client, MELDINGEN, van=morgen) == []
    assert set(_pks(client, MELDINGEN, tot=vandaag.isoformat())) == {concept.pk, thuis.pk}
    gisteren = (vandaag - timedelta(days=1)).isoformat()
    assert _pks(client, MELDINGEN, tot=gisteren) == []


def test_meldingen_school_filter_als_andere_gemeente(
    wereld: Wereld, client: Client, meldingen: dict[str, Melding]
) -> None:
    school1, school2 = _scholen()
    # Leerplicht Demodam sees the sent reports of its own pupils: school 1's report of the
    # Demodam pupil; never the draft, nor school 2's report of a Buurdorp pupil
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert _pks(client, MELDINGEN, school=school1.pk) == [meldingen["thuis"].pk]
    assert _pks(client, MELDINGEN, school=school2.pk) == []
    # and Buurdorp's partnership (another municipality's) none of school 1's
    client.force_login(
        MedewerkerFactory(rol=Rol.SWV_CONSULENT, organisatie=school2.samenwerkingsverband)
    )
    assert _pks(client, MELDINGEN, school=school1.pk) == []
    assert _pks(client, MELDINGEN, school=school2.pk) == [meldingen["ander"].pk]


def test_meldingen_elke_sortering(
    wereld: Wereld, client: Client, meldingen: dict[str, Melding]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    eigen = [meldingen["concept"], meldingen["thuis"]]
    op_moment = sorted(eigen, key=lambda m: (m.verzonden_op or m.aangemaakt_op, m.pk))
    assert _pks(client, MELDINGEN) == [m.pk for m in reversed(op_moment)]  # newest first
    assert _pks(client, MELDINGEN, sortering="verzonden") == [m.pk for m in op_moment]
    op_naam = sorted(eigen, key=lambda m: (m.leerling.achternaam, m.leerling.voornamen))
    assert _pks(client, MELDINGEN, sortering="naam") == [m.pk for m in op_naam]
    assert _pks(client, MELDINGEN, sortering="-naam") == [m.pk for m in reversed(op_naam)]
    op_soort = sorted(eigen, key=lambda m: m.soort)
    assert _pks(client, MELDINGEN, sortering="soort") == [m.pk for m in op_soort]
    assert _pks(client, MELDINGEN, sortering="-soort") == [m.pk for m in reversed(op_soort)]


def test_meldingen_foute_waarden_geven_een_nederlandse_fout(
    wereld: Wereld, client: Client, meldingen: dict[str, Melding]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    for parameter, waarde in (
        ("van", "gisteren"),
        ("tot", "0001-01-01"),
        ("stand", "weg"),
        ("school", "9" * 30),
    ):
        antwoord = client.get(MELDINGEN, {parameter: waarde})
        assert antwoord.status_code == 200
        assert parameter in antwoord.context["filters"].form.errors, parameter
        tekst = " ".join(antwoord.context["filters"].form.errors[parameter])
        assert any(w in tekst for w in ("Geef", "Selecteer", "Voer", "geheel")), tekst


def test_meldingen_het_inzagelog_noemt_alleen_de_getoonde(
    wereld: Wereld, client: Client, meldingen: dict[str, Melding]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    concept = meldingen["concept"]
    _pks(client, MELDINGEN, q=concept.leerling.achternaam)
    gelogd = set(
        Inzage.objects.filter(bron="meldingen:meldingen").values_list("leerling_id", flat=True)
    )
    assert gelogd == {concept.leerling_id}
