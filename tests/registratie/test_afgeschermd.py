# SPDX-License-Identifier: EUPL-1.2
"""A shielded address (Leerling/Ouder.adres_afgeschermd) on the staff side (docs/relatie.md,
"Afgeschermd adres"): the pupil page and the case page mark it, the pupil page lists each
parent's gezag and shielding, a letter to a parent never carries a shielded address of the
other parent or of the pupil, and the pupils import takes the shielding as `adres_afgeschermd`
(ja/nee) with a Dutch rejection naming row and field for another value."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.regie.models import Brief, Casus
from binnenboord.regie.services import justitie as diensten
from binnenboord.registratie.models import Afwijzing, Leerling, Ouder
from binnenboord.toegang.models import Medewerker, Rol
from tests.factories import OuderFactory
from tests.regie.factories import open_casus
from tests.registratie.importeren.conftest import csv_bytes, importeer_bytes
from tests.wereld import Wereld

MOEDER_ADRES = ("Schuilhof", "7", "9999 ZZ", "Elders")
KIND_ADRES = ("Kerkstraat", "12", "1111 AA", "Demodam")
VADER_ADRES = ("Stationsweg", "3", "2222 BB", "Demodam")
# what would give the mother's (and the pupil's) address away in a letter
MOEDER_SPOREN = ("Schuilhof", "9999 ZZ", "Elders")
KIND_SPOREN = ("Kerkstraat", "1111 AA")


@pytest.fixture
def lpa(wereld: Wereld) -> Medewerker:
    return wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]


@pytest.fixture
def gezin(wereld: Wereld, lpa: Medewerker) -> dict[str, object]:
    """The pupil lives with the mother at a shielded address; the father lives elsewhere."""
    leerling = wereld.leerlingen["demodam_school1"]
    straat, huisnummer, postcode, woonplaats = KIND_ADRES
    Leerling.objects.filter(pk=leerling.pk).update(
        straat=straat, huisnummer=huisnummer, postcode=postcode, woonplaats=woonplaats
    )
    leerling.refresh_from_db()
    moeder = _ouder(leerling, "moeder", MOEDER_ADRES, afgeschermd=True)
    vader = _ouder(leerling, "vader", VADER_ADRES)
    return {"casus": open_casus(leerling, lpa), "moeder": moeder, "vader": vader}


def _ouder(
    leerling: Leerling, relatie: str, adres: tuple[str, ...], *, afgeschermd: bool = False
) -> Ouder:
    straat, huisnummer, postcode, woonplaats = adres
    ouder: Ouder = OuderFactory(
        leerling=leerling,
        relatie=relatie,
        gezag=True,
        straat=straat,
        huisnummer=huisnummer,
        postcode=postcode,
        woonplaats=woonplaats,
        adres_afgeschermd=afgeschermd,
    )
    return ouder


def _brief(casus: Casus, door: Medewerker, **kwargs: object) -> Brief:
    return diensten.maak_brief(
        casus=casus,
        door=door,
        sjabloon="uitnodiging_gesprek",
        afspraak=timezone.now() + timedelta(days=7),
        **kwargs,  # type: ignore[arg-type]
    )


# --- the staff pages -----------------------------------------------------------------------


def test_de_leerlingpagina_toont_gezag_en_afscherming_per_ouder(
    client: Client, gezin: dict[str, object], lpa: Medewerker
) -> None:
    casus = gezin["casus"]
    assert isinstance(casus, Casus)
    Leerling.objects.filter(pk=casus.leerling_id).update(adres_afgeschermd=True)
    vader = gezin["vader"]
    assert isinstance(vader, Ouder)
    Ouder.objects.filter(pk=vader.pk).update(gezag=False)
    client.force_login(lpa)
    antwoord = client.get(reverse("registratie:leerling", args=[casus.leerling_id]))
    assert antwoord.status_code == 200
    pagina = antwoord.content.decode()
    gegevens = pagina[: pagina.index("Ouders en verzorgers")]
    assert gegevens.count('data-afgeschermd="ja"') == 1  # the pupil's own address
    assert "adres afgeschermd" in gegevens
    moeder = pagina[pagina.index(f'data-ouder="{gezin["moeder"].pk}"') :]  # type: ignore[attr-defined]
    moeder = moeder[: moeder.index("</tr>")]
    assert 'data-afgeschermd="ja"' in moeder and ">ja<" in moeder
    rij = pagina[pagina.index(f'data-ouder="{vader.pk}"') :]
    rij = rij[: rij.index("</tr>")]
    assert 'data-afgeschermd="ja"' not in rij
    assert "<strong>nee</strong>" in rij and "geen toegang tot het portaal" in rij


def test_de_casuspagina_toont_wiens_adres_afgeschermd_is(
    client: Client, gezin: dict[str, object], lpa: Medewerker
) -> None:
    casus = gezin["casus"]
    assert isinstance(casus, Casus)
    client.force_login(lpa)
    pagina = client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
    blok = pagina[pagina.index('id="afgeschermd"') :]
    blok = blok[: blok.index("</dd>")]
    assert str(gezin["moeder"]) in blok and "adres afgeschermd" in blok
    assert str(gezin["vader"]) not in blok and casus.leerling.naam not in blok
    # nothing shielded: no line at all
    Ouder.objects.update(adres_afgeschermd=False)
    pagina = client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
    assert 'id="afgeschermd"' not in pagina


# --- letters ---------------------------------------------------------------------------------


def test_een_brief_aan_de_vader_draagt_zijn_eigen_adres_nooit_dat_van_moeder_of_kind(
    gezin: dict[str, object], lpa: Medewerker
) -> None:
    casus, vader = gezin["casus"], gezin["vader"]
    assert isinstance(casus, Casus) and isinstance(vader, Ouder)
    brief = _brief(casus, lpa, ouder=vader)
    assert "Stationsweg 3" in brief.tekst
    for deel in (*MOEDER_SPOREN, *KIND_SPOREN):
        assert deel not in brief.tekst


def test_zonder_eigen_adres_krijgt_de_andere_ouder_geen_adres_in_de_brief(
    gezin: dict[str, object], lpa: Medewerker
) -> None:
    """The father has no registered address: the pupil lives at the mother's shielded
    address, so the pupil's address stays out too (the writer adds it on the envelope)."""
    casus, vader = gezin["casus"], gezin["vader"]
    assert isinstance(casus, Casus) and isinstance(vader, Ouder)
    Ouder.objects.filter(pk=vader.pk).update(straat="", huisnummer="", postcode="", woonplaats="")
    vader.refresh_from_db()
    for brief in (_brief(casus, lpa, ouder=vader), _brief(casus, lpa, aan="Familie")):
        for deel in (*MOEDER_SPOREN, *KIND_SPOREN):
            assert deel not in brief.tekst
    # with nobody's address shielded, the pupil's address is the letter's
    Ouder.objects.update(adres_afgeschermd=False)
    assert "Kerkstraat 12" in _brief(casus, lpa, aan="Familie").tekst


def test_een_brief_aan_de_moeder_of_de_leerling_draagt_hun_eigen_afgeschermde_adres(
    gezin: dict[str, object], lpa: Medewerker
) -> None:
    casus, moeder = gezin["casus"], gezin["moeder"]
    assert isinstance(casus, Casus) and isinstance(moeder, Ouder)
    Leerling.objects.filter(pk=casus.leerling_id).update(adres_afgeschermd=True)
    casus.leerling.refresh_from_db()
    assert "Schuilhof 7" in _brief(casus, lpa, ouder=moeder).tekst
    assert "Kerkstraat 12" in _brief(casus, lpa, aan_leerling=True).tekst
    # and a shielded pupil's address never goes to the father
    vader = gezin["vader"]
    assert isinstance(vader, Ouder)
    assert "Kerkstraat" not in _brief(casus, lpa, ouder=vader).tekst


# --- the pupils import ---------------------------------------------------------------------

KOP = "bsn;voornamen;achternaam;geboortedatum;woongemeente;straat;huisnummer;adres_afgeschermd"


def test_de_import_neemt_de_afscherming_over_en_wijst_een_andere_waarde_af(
    wereld: Wereld, lpa: Medewerker
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    andere = wereld.leerlingen["demodam_uitgeschreven"]
    import_ = importeer_bytes(
        "leerlingen",
        csv_bytes(
            KOP,
            f"{leerling.bsn};{leerling.voornamen};{leerling.achternaam};2012-05-17;9999;Kerkstraat;12;JA",
            f"{andere.bsn};{andere.voornamen};{andere.achternaam};2012-05-17;9999;Dorpsweg;1;misschien",
        ),
        door=lpa,
    )
    leerling.refresh_from_db()
    assert leerling.adres_afgeschermd
    afwijzing = Afwijzing.objects.get(bestandsimport=import_)
    assert (afwijzing.rij, afwijzing.veld, afwijzing.waarde) == (
        3,
        "adres_afgeschermd",
        "misschien",
    )
    assert afwijzing.reden == "misschien is geen ja of nee."
    andere.refresh_from_db()
    assert not andere.adres_afgeschermd and andere.straat != "Dorpsweg"

    # an empty cell leaves the shielding; only nee lifts it
    rij = (
        f"{leerling.bsn};{leerling.voornamen};{leerling.achternaam};2012-05-17;9999;Kerkstraat;12;"
    )
    importeer_bytes("leerlingen", csv_bytes(KOP, rij), door=lpa)
    leerling.refresh_from_db()
    assert leerling.adres_afgeschermd
    importeer_bytes("leerlingen", csv_bytes(KOP, rij + "nee"), door=lpa)
    leerling.refresh_from_db()
    assert not leerling.adres_afgeschermd
