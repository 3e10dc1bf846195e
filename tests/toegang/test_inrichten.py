# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord inrichten` (docs/inrichten.md): a municipality's Leerplicht organisation, its
holiday region and model and its first functioneel beheerder, from flags or questions, with a
one-time log-in link; again and again without duplicates."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone, translation

import pytest

from binnenboord.regie.configuratie import aanpak_van
from binnenboord.regie.services.casus import open_casus
from binnenboord.registratie.models import Leerling, School
from binnenboord.signalering.models import Signaal
from binnenboord.toegang.models import Gemeente, Medewerker, Organisatie, Rol
from tests.factories import _bsn

pytestmark = pytest.mark.django_db

VLAGGEN = [
    "--gemeente",
    "0344",
    "--naam",
    "Leerplicht Utrecht",
    "--regio",
    "midden",
    "--aanpak",
    "utrecht_kernpartners",
    "--beheerder-gebruikersnaam",
    "fb.utrecht",
    "--beheerder-email",
    "fb@utrecht.example",
    "--beheerder-voornaam",
    "Fenna",
    "--beheerder-achternaam",
    "Beheer",
    "--no-input",
]


@pytest.fixture(autouse=True)
def nederlands() -> None:
    translation.activate("nl")


@pytest.fixture
def utrecht() -> Gemeente:
    """Utrecht as migration 0004 ships it (created here too, should the list not be there)."""
    gemeente, _ = Gemeente.objects.get_or_create(code="0344", defaults={"naam": "Utrecht"})
    return gemeente


def _inrichten(*argumenten: str) -> str:
    uit = io.StringIO()
    call_command("inrichten", *argumenten, stdout=uit, stderr=io.StringIO())
    return uit.getvalue()


def _link(uitvoer: str) -> str:
    return next(r for r in uitvoer.splitlines() if "/inloggen/eenmalig/" in r).strip()


class Terminal(io.StringIO):
    """Typed answers, one a line, on a stdin that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _importeer(tmp_path: Path, soort: str, *regels: str) -> str:
    bestand = tmp_path / f"{soort}.csv"
    bestand.write_text("\n".join(regels) + "\n", encoding="utf-8")
    uit = io.StringIO()
    call_command("importeer", soort, str(bestand), stdout=uit)
    return uit.getvalue()


def test_verse_installatie_inrichten_laat_absoluut_verzuim_verschijnen(
    utrecht: Gemeente, tmp_path: Path
) -> None:
    # given a fresh install: schools and a pupil in Utrecht who is at no school
    _importeer(
        tmp_path,
        "scholen",
        "brin;vestiging;naam;soort;gemeente;regio",
        "12AB;00;De Domtoren;PO;Utrecht;midden",
        "34CD;00;Het Lichtpunt;VO;0344;midden",
    )
    assert School.objects.filter(gemeente=utrecht).count() == 2
    tienjarig = timezone.localdate().replace(year=timezone.localdate().year - 10, day=1)
    _importeer(
        tmp_path,
        "leerlingen",
        "bsn;voornamen;achternaam;geboortedatum;woongemeente",
        f"{_bsn(7001)};Noor;Zonderschool;{tienjarig.isoformat()};Utrecht",
    )
    leerling = Leerling.objects.get(bsn=_bsn(7001))
    assert leerling.woongemeente == utrecht
    assert not leerling.inschrijvingen.exists()

    # before inrichten nobody serves Utrecht: no absolute absence signal
    call_command("signaleer", stdout=io.StringIO())
    assert not Signaal.objects.filter(leerling=leerling, soort="absoluut_verzuim").exists()

    # when Utrecht is set up
    uitvoer = _inrichten(*VLAGGEN)
    assert "Leerplicht Utrecht" in uitvoer

    # then the signal run finds the pupil not enrolled
    call_command("signaleer", stdout=io.StringIO())
    signaal = Signaal.objects.get(leerling=leerling, soort="absoluut_verzuim")
    assert signaal.leerling.woongemeente == utrecht


def test_met_vlaggen_maakt_organisatie_beheerder_en_link(
    utrecht: Gemeente, settings: object
) -> None:
    settings.SITE_URL = "https://binnenboord.utrecht.example"  # type: ignore[attr-defined]
    uitvoer = _inrichten(*VLAGGEN)

    organisatie = Organisatie.objects.get(naam="Leerplicht Utrecht")
    assert organisatie.soort == Organisatie.Soort.GEMEENTE
    assert list(organisatie.gemeenten.all()) == [utrecht]
    utrecht.refresh_from_db()
    assert (utrecht.regio, utrecht.aanpak) == ("midden", "utrecht_kernpartners")
    beheerder = Medewerker.objects.get(username="fb.utrecht")
    assert (beheerder.organisatie, beheerder.rol) == (organisatie, Rol.FUNCTIONEEL_BEHEERDER)
    assert (beheerder.email, beheerder.first_name, beheerder.last_name) == (
        "fb@utrecht.example",
        "Fenna",
        "Beheer",
    )
    assert not beheerder.has_usable_password()
    link = _link(uitvoer)
    assert link.startswith("https://binnenboord.utrecht.example/inloggen/eenmalig/")
    assert "Organisatie Leerplicht Utrecht aangemaakt voor Utrecht (0344)." in uitvoer


def test_de_link_van_inrichten_werkt_een_keer(utrecht: Gemeente) -> None:
    link = urlsplit(_link(_inrichten(*VLAGGEN))).path
    client = Client()
    formulier = client.get(link)["Location"]
    wachtwoord = "Een-lange-zin-voor-Utrecht-2026"
    antwoord = client.post(formulier, {"new_password1": wachtwoord, "new_password2": wachtwoord})
    assert antwoord.status_code == 302
    assert Medewerker.objects.get(username="fb.utrecht").check_password(wachtwoord)
    assert Client().get(link).status_code == 410


def test_opnieuw_inrichten_dupliceert_niets_en_werkt_regio_en_aanpak_bij(utrecht: Gemeente) -> None:
    eerste = _inrichten(*VLAGGEN)
    anders = [*VLAGGEN]
    anders[anders.index("midden")] = "noord"
    anders[anders.index("utrecht_kernpartners")] = "amsterdam_drie_fasen"
    tweede = _inrichten(*anders)

    assert Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE).count() == 1
    assert Medewerker.objects.filter(rol=Rol.FUNCTIONEEL_BEHEERDER).count() == 1
    utrecht.refresh_from_db()
    assert (utrecht.regio, utrecht.aanpak) == ("noord", "amsterdam_drie_fasen")
    assert "bijgewerkt" in tweede
    # no new link unless asked for: the first one still works
    assert "/inloggen/eenmalig/" not in tweede
    assert "--nieuwe-link" in tweede
    derde = _inrichten(*VLAGGEN, "--nieuwe-link")
    assert urlsplit(_link(derde)).path.startswith(urlsplit(_link(eerste)).path.rsplit("/", 2)[0])
    assert Client().get(urlsplit(_link(derde)).path).status_code == 302  # it works
    assert Medewerker.objects.filter(username="fb.utrecht").count() == 1


def test_interactief_vraagt_wat_ontbreekt(
    utrecht: Gemeente, monkeypatch: pytest.MonkeyPatch
) -> None:
    antwoorden = [
        "Utrechtt, utrecht",  # a typo first: asked again, with suggestions
        "utrecht",
        "",  # the offered name: Leerplicht Utrecht
        "zuidoost",  # no region: asked again
        "midden",
        "utrecht_kernpartners",
        "fb.utrecht",
        "geen-adres",  # no e-mail address: asked again
        "fb@utrecht.example",
        "Fenna",
        "",
    ]
    monkeypatch.setattr(sys, "stdin", Terminal("\n".join(antwoorden) + "\n"))
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # the questions
    fouten = io.StringIO()
    uit = io.StringIO()
    call_command("inrichten", stdout=uit, stderr=fouten)

    organisatie = Organisatie.objects.get(soort=Organisatie.Soort.GEMEENTE)
    assert organisatie.naam == "Leerplicht Utrecht"
    assert list(organisatie.gemeenten.all()) == [utrecht]
    utrecht.refresh_from_db()
    assert (utrecht.regio, utrecht.aanpak) == ("midden", "utrecht_kernpartners")
    beheerder = Medewerker.objects.get(username="fb.utrecht")
    assert (beheerder.email, beheerder.first_name, beheerder.last_name) == (
        "fb@utrecht.example",
        "Fenna",
        "",
    )
    assert "/inloggen/eenmalig/" in uit.getvalue()
    meldingen = fouten.getvalue()
    assert "Utrechtt" in meldingen and "Utrecht (0344)" in meldingen
    assert "noord, midden, zuid" in meldingen
    assert "geen-adres" in meldingen


def test_vlaggen_en_vragen_gemengd(utrecht: Gemeente, monkeypatch: pytest.MonkeyPatch) -> None:
    """Given flags are not asked; only the missing e-mail address is."""
    zonder_email = [*VLAGGEN[: VLAGGEN.index("--beheerder-email")], *VLAGGEN[-5:-1]]
    monkeypatch.setattr(sys, "stdin", Terminal("fb@utrecht.example\n"))
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    call_command("inrichten", *zonder_email, stdout=io.StringIO(), stderr=io.StringIO())
    assert Medewerker.objects.get(username="fb.utrecht").email == "fb@utrecht.example"


def test_zonder_invoer_is_een_ontbrekende_vlag_een_fout(utrecht: Gemeente) -> None:
    zonder_email = [*VLAGGEN[: VLAGGEN.index("--beheerder-email")], *VLAGGEN[-5:]]
    with pytest.raises(CommandError, match="--beheerder-email ontbreekt"):
        _inrichten(*zonder_email)
    assert not Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE).exists()
    assert not Medewerker.objects.exists()


def test_een_onbekende_gemeente_noemt_wat_er_op_lijkt(utrecht: Gemeente) -> None:
    Gemeente.objects.get_or_create(code="1581", defaults={"naam": "Utrechtse Heuvelrug"})
    vlaggen = [*VLAGGEN]
    vlaggen[vlaggen.index("0344")] = "Utrech"
    with pytest.raises(CommandError) as fout:
        _inrichten(*vlaggen)
    bericht = str(fout.value)
    assert "Er is geen gemeente met CBS-code of naam Utrech bekend." in bericht
    assert "Utrecht (0344)" in bericht
    assert not Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE).exists()


def test_gemeente_op_naam_zonder_hoofdletters(utrecht: Gemeente) -> None:
    vlaggen = [*VLAGGEN]
    vlaggen[vlaggen.index("0344")] = "UTRECHT"
    _inrichten(*vlaggen)
    assert Organisatie.objects.get(naam="Leerplicht Utrecht").gemeenten.get() == utrecht


def test_een_gemeente_van_een_andere_leerplichtorganisatie_wordt_geweigerd(
    utrecht: Gemeente,
) -> None:
    _inrichten(*VLAGGEN)
    vlaggen = [*VLAGGEN]
    vlaggen[vlaggen.index("Leerplicht Utrecht")] = "RBL Midden"
    vlaggen[vlaggen.index("fb.utrecht")] = "fb.rbl"
    with pytest.raises(CommandError) as fout:
        _inrichten(*vlaggen)
    assert "Leerplicht Utrecht" in str(fout.value)
    assert "Utrecht" in str(fout.value)
    # all or nothing: neither the organisation nor its beheerder was made
    assert not Organisatie.objects.filter(naam="RBL Midden").exists()
    assert not Medewerker.objects.filter(username="fb.rbl").exists()


def test_meer_gemeenten_in_een_organisatie(utrecht: Gemeente) -> None:
    stichtse_vecht, _ = Gemeente.objects.get_or_create(
        code="1904", defaults={"naam": "Stichtse Vecht"}
    )
    _inrichten(*VLAGGEN, "--gemeente", "Stichtse Vecht")
    organisatie = Organisatie.objects.get(naam="Leerplicht Utrecht")
    assert set(organisatie.gemeenten.all()) == {utrecht, stichtse_vecht}
    stichtse_vecht.refresh_from_db()
    assert (stichtse_vecht.regio, stichtse_vecht.aanpak) == ("midden", "utrecht_kernpartners")


def test_gebruikersnaam_van_een_ander_wordt_geweigerd(utrecht: Gemeente) -> None:
    from tests.factories import MedewerkerFactory

    MedewerkerFactory(username="fb.utrecht", rol=Rol.LEERPLICHTAMBTENAAR)
    with pytest.raises(CommandError, match=r"fb\.utrecht"):
        _inrichten(*VLAGGEN)
    assert not Organisatie.objects.filter(naam="Leerplicht Utrecht").exists()


def test_de_aanpak_van_inrichten_is_die_van_een_nieuwe_casus(
    utrecht: Gemeente, settings: object
) -> None:
    from tests.factories import LeerlingFactory, MedewerkerFactory

    settings.AANPAK = "amsterdam_drie_fasen"  # type: ignore[attr-defined]
    settings.AANPAK_PER_GEBIED = {}  # type: ignore[attr-defined]
    leerling = LeerlingFactory(woongemeente=utrecht, geboortedatum=date(2014, 3, 1))
    assert aanpak_van(leerling) == "amsterdam_drie_fasen"

    _inrichten(*VLAGGEN)
    leerling = Leerling.objects.select_related("woongemeente").get(pk=leerling.pk)
    assert aanpak_van(leerling) == "utrecht_kernpartners"
    lpa = MedewerkerFactory(
        organisatie=Organisatie.objects.get(naam="Leerplicht Utrecht"),
        rol=Rol.LEERPLICHTAMBTENAAR,
    )
    casus = open_casus(leerling=leerling, door=lpa, start=timezone.localdate())
    assert casus.aanpak == "utrecht_kernpartners"

    # the most specific setting still wins over the municipality's model
    settings.AANPAK_PER_GEBIED = {"0344": "amsterdam_drie_fasen"}  # type: ignore[attr-defined]
    assert aanpak_van(leerling) == "amsterdam_drie_fasen"


def test_een_school_zonder_regio_krijgt_die_van_haar_gemeente(
    utrecht: Gemeente, tmp_path: Path
) -> None:
    kop = "brin;vestiging;naam;soort;gemeente;regio"
    # before inrichten Utrecht has no region: a row without one is rejected
    _importeer(tmp_path, "scholen", kop, "12AB;00;De Domtoren;PO;Utrecht;")
    assert not School.objects.exists()

    _inrichten(*VLAGGEN)
    _importeer(
        tmp_path, "scholen", kop, "12AB;00;De Domtoren;PO;Utrecht;", "34CD;00;Zuid;VO;0344;zuid"
    )
    # the municipality's region fills the gap; a region given in the row still wins
    assert dict(School.objects.values_list("brin", "regio")) == {"12AB": "midden", "34CD": "zuid"}


def test_een_leerling_zonder_school_volgt_de_vakantieregio_van_zijn_gemeente(
    utrecht: Gemeente, settings: object
) -> None:
    from binnenboord.registratie.selectors import kalender_van
    from tests.factories import LeerlingFactory

    settings.SCHOOLREGIO = "noord"  # type: ignore[attr-defined]
    leerling = LeerlingFactory(woongemeente=utrecht, geboortedatum=date(2014, 3, 1))
    assert kalender_van([], leerling).regio == "noord"  # not set up: the setting
    _inrichten(*VLAGGEN)
    assert kalender_van([], leerling).regio == "midden"


def test_interactief_opnieuw_biedt_de_bestaande_waarden_aan(
    utrecht: Gemeente, monkeypatch: pytest.MonkeyPatch
) -> None:
    vlaggen = [*VLAGGEN]
    vlaggen[vlaggen.index("Leerplicht Utrecht")] = "RBL Utrecht"
    _inrichten(*vlaggen)
    # Enter on name, region and model: the organisation serving Utrecht and its current values
    antwoorden = ["0344", "", "", "", "fb.utrecht", "fb@utrecht.example", "", ""]
    monkeypatch.setattr(sys, "stdin", Terminal("\n".join(antwoorden) + "\n"))
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    uit = io.StringIO()
    call_command("inrichten", stdout=uit, stderr=io.StringIO())
    assert Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE).count() == 1
    assert "RBL Utrecht bijgewerkt" in uit.getvalue()
    utrecht.refresh_from_db()
    assert (utrecht.regio, utrecht.aanpak) == ("midden", "utrecht_kernpartners")
    # a name typed before stays
    assert Medewerker.objects.get(username="fb.utrecht").first_name == "Fenna"
