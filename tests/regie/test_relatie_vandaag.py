# SPDX-License-Identifier: EUPL-1.2
"""Vandaag for the regisseur (docs/relatie.md, "De kant van de professional"): what the parents
and the pupil wrote in the portal reaches the regisseur of their case, and nobody else, as
lines that say what to do and lead to the case's section: unread messages per case, open
correction requests as tasks, and since the regisseur last opened the case page a "niet eens"
on the newest plan version, a reply "kan niet" or "meegeven" to a meeting still to come, and a
new own story. What a professional noted on the family's behalf is no family input."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from binnenboord.regie import services
from binnenboord.regie.models import (
    Bericht,
    Casus,
    Correctieverzoek,
    Overleg,
    Overleguitnodiging,
    Planreactie,
    Verhaal,
)
from binnenboord.regie.selectors.werklijst import een_maand_na, van_het_gezin
from binnenboord.registratie.models import Gemeente
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus
from tests.regie.gezinshulp import eerder, gezin_schrijft, toegang_van_ouder
from tests.wereld import Wereld


def _regels(inhoud: str) -> list[tuple[int, str]]:
    """The (case, kind) of each family line on Vandaag, in the order shown."""
    return [
        (int(pk), soort)
        for pk, soort in re.findall(r'data-casus="(\d+)" data-soort="(\w+)"', inhoud)
    ]


def _vandaag(client: Client, medewerker: Medewerker) -> str:
    client.force_login(medewerker)
    antwoord = client.get(reverse("web:vandaag"))
    assert antwoord.status_code == 200
    return str(antwoord.content.decode())


def _overleg(door: Medewerker, dagen: int = 3) -> Overleg:
    return Overleg.objects.create(
        soort="uvo",
        organisatie=door.organisatie,
        datum=timezone.localdate() + timedelta(days=dagen),
        aangemaakt_door=door,
    )


@pytest.fixture
def twee_regisseurs(wereld: Wereld) -> dict[str, Any]:
    """Leerplicht Demodam directs a Demodam pupil's case; Leerplicht of another municipality
    (Buurdorp) directs a Buurdorp pupil's case. Each family wrote every kind of input."""
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    ander: Medewerker = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
    )
    eigen = open_casus(wereld.leerlingen["demodam_school1"], lpa)
    vreemd = open_casus(wereld.leerlingen["buurdorp_school2"], ander)
    return {
        "lpa": lpa,
        "ander": ander,
        "eigen": eigen,
        "vreemd": vreemd,
        "toegang": gezin_schrijft(eigen, _overleg(lpa)),
        "vreemde_toegang": gezin_schrijft(vreemd, _overleg(ander)),
    }


def test_de_regisseur_ziet_elke_soort_invoer_van_het_gezin_met_wat_te_doen(
    client: Client, twee_regisseurs: dict[str, Any]
) -> None:
    eigen: Casus = twee_regisseurs["eigen"]
    pagina = _vandaag(client, twee_regisseurs["lpa"])
    regels = _regels(pagina)
    # the correction request (a task) first, then the messages, then the new input (oldest first)
    soorten = [s for _pk, s in regels]
    assert soorten[:2] == ["correctie", "bericht"]
    assert sorted(soorten[2:]) == ["overleg", "planreactie", "verhaal"]
    assert {pk for pk, _s in regels} == {eigen.pk}
    url = reverse("regie:casus", args=[eigen.pk])
    for anker in ("correctieverzoeken", "ouders-en-leerling", "plan", "overleguitnodigingen"):
        assert f'href="{url}#{anker}"' in pagina
    assert f'href="{url}#eigen-woorden"' in pagina
    ouder = twee_regisseurs["toegang"].ouder
    assert str(ouder) in pagina
    # what to do, with the AVG term of a month for the correction request
    assert "1 ongelezen bericht uit het portaal. Lees het en antwoord." in pagina
    uiterlijk = een_maand_na(timezone.localdate())
    assert f"antwoord uiterlijk {uiterlijk:%d-%m-%Y}" in pagina
    assert "is het niet eens met versie 1 van het plan" in pagina
    assert "kan niet komen naar het" in pagina
    assert "een eigen verhaal. Lees het naast uw notities" in pagina


def test_een_regisseur_van_een_andere_gemeente_ziet_alleen_de_eigen_casus(
    client: Client, twee_regisseurs: dict[str, Any]
) -> None:
    eigen, vreemd = twee_regisseurs["eigen"], twee_regisseurs["vreemd"]
    pagina = _vandaag(client, twee_regisseurs["ander"])
    assert {pk for pk, _s in _regels(pagina)} == {vreemd.pk}
    assert escape(eigen.leerling.naam) not in pagina
    assert str(twee_regisseurs["toegang"].ouder) not in pagina
    pagina = _vandaag(client, twee_regisseurs["lpa"])
    assert escape(vreemd.leerling.naam) not in pagina


def test_wie_meedoet_maar_niet_regisseert_ziet_geen_regels_van_het_gezin(
    client: Client, wereld: Wereld, twee_regisseurs: dict[str, Any]
) -> None:
    eigen = twee_regisseurs["eigen"]
    gezinswerker = wereld.medewerkers[Rol.GEZINSWERKER]
    services.voeg_deelnemer_toe(
        casus=eigen, door=eigen.regisseur, soort="professional", medewerker=gezinswerker
    )
    # a colleague of the same Leerplicht sees the case, but does not direct it
    collega = MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR, organisatie=wereld.leerplicht)
    for medewerker in (gezinswerker, collega):
        pagina = _vandaag(client, medewerker)
        assert _regels(pagina) == []
        assert 'id="van-het-gezin"' not in pagina
    assert van_het_gezin(collega, timezone.localdate()) == []


def test_na_het_openen_van_de_casus_blijven_alleen_berichten_en_correctieverzoeken(
    client: Client, twee_regisseurs: dict[str, Any]
) -> None:
    """Opening the case page is looking: the new input is seen; an unread message stays until
    it is read, a correction request until it is answered."""
    eigen: Casus = twee_regisseurs["eigen"]
    lpa = twee_regisseurs["lpa"]
    for model in (Planreactie, Overleguitnodiging, Verhaal):
        for rij in model.objects.filter(casus=eigen):
            eerder(rij)
    client.force_login(lpa)
    assert client.get(reverse("regie:casus", args=[eigen.pk])).status_code == 200
    assert [s for _pk, s in _regels(_vandaag(client, lpa))] == ["correctie", "bericht"]
    # a new story after the look is new again
    Verhaal.objects.create(
        casus=eigen, toegang=twee_regisseurs["toegang"], wat_wil_ik="Een andere school."
    )
    assert [s for _pk, s in _regels(_vandaag(client, lpa))] == ["correctie", "bericht", "verhaal"]
    # read and answered: gone
    Bericht.objects.filter(casus=eigen).update(gelezen_op=timezone.now())
    verzoek = Correctieverzoek.objects.get(casus=eigen)
    Correctieverzoek.objects.filter(pk=verzoek.pk).update(
        uitkomst="gecorrigeerd",
        antwoord="Aangepast.",
        afgehandeld_door=lpa,
        afgehandeld_op=timezone.now(),
    )
    assert [s for _pk, s in _regels(_vandaag(client, lpa))] == ["verhaal"]


def test_wat_geen_nieuwe_inbreng_is_geeft_geen_regel(
    client: Client, wereld: Wereld, twee_regisseurs: dict[str, Any]
) -> None:
    """A later "eens" replaces the "niet eens"; a reaction to an older plan version, a reply
    for a meeting that is over, "ik kom", a message of the regisseur and what a professional
    noted on the family's behalf are no lines."""
    eigen: Casus = twee_regisseurs["eigen"]
    lpa = twee_regisseurs["lpa"]
    toegang = twee_regisseurs["toegang"]
    Overleguitnodiging.objects.filter(casus=eigen).delete()
    Verhaal.objects.filter(casus=eigen).delete()
    Bericht.objects.filter(casus=eigen).delete()
    Correctieverzoek.objects.filter(casus=eigen).delete()
    Planreactie.objects.create(
        casus=eigen, plan=eigen.planversies.get(), toegang=toegang, eens=True
    )
    assert _regels(_vandaag(client, lpa)) == []

    # the second parent disagrees with version 1, then version 2 is saved
    tweede = toegang_van_ouder(eigen, relatie="vader")
    Planreactie.objects.create(
        casus=eigen, plan=eigen.planversies.get(), toegang=tweede, eens=False, toelichting="Nee."
    )
    assert [s for _pk, s in _regels(_vandaag(client, lpa))] == ["planreactie"]
    services.sla_plan_op(casus=eigen, door=lpa, basis_versie=1, doel="Eerst twee uur per dag.")
    assert _regels(_vandaag(client, lpa)) == []

    voorbij = _overleg(lpa, dagen=-1)
    Overleguitnodiging.objects.create(
        overleg=voorbij,
        casus=eigen,
        toegang=toegang,
        uitgenodigd_door=lpa,
        antwoord="meegeven",
        antwoord_tekst="Hij wil eerst praten.",
        beantwoord_op=timezone.now(),
    )
    Overleguitnodiging.objects.create(
        overleg=_overleg(lpa, dagen=5),
        casus=eigen,
        toegang=tweede,
        uitgenodigd_door=lpa,
        antwoord="komt",
        beantwoord_op=timezone.now(),
    )
    Bericht.objects.create(toegang=toegang, casus=eigen, door=lpa, tekst="Tot dinsdag.")
    Verhaal.objects.create(casus=eigen, door=lpa, namens_ouder=toegang.ouder, wat_speelt="Ruzie.")
    Planreactie.objects.create(
        casus=eigen,
        plan=eigen.planversies.order_by("-versie").first(),
        door=lpa,
        eens=False,
        toelichting="Genoteerd: niet eens.",
    )
    assert _regels(_vandaag(client, lpa)) == []


def test_een_antwoord_meegeven_voor_een_komend_overleg_is_een_regel(
    client: Client, twee_regisseurs: dict[str, Any]
) -> None:
    eigen: Casus = twee_regisseurs["eigen"]
    Overleguitnodiging.objects.filter(casus=eigen).update(
        antwoord="meegeven", antwoord_tekst="Ik wil dat hij gehoord wordt."
    )
    pagina = _vandaag(client, twee_regisseurs["lpa"])
    assert "wil iets meegeven voor het" in pagina
    assert "Lees het voor het overleg." in pagina


def test_vandaag_logt_de_leerlingen_van_de_regels_van_het_gezin(
    client: Client, twee_regisseurs: dict[str, Any]
) -> None:
    eigen: Casus = twee_regisseurs["eigen"]
    _vandaag(client, twee_regisseurs["lpa"])
    assert Inzage.objects.filter(
        medewerker=twee_regisseurs["lpa"], bron="web:vandaag", leerling=eigen.leerling
    ).exists()
    assert not Inzage.objects.filter(
        medewerker=twee_regisseurs["lpa"],
        bron="web:vandaag",
        leerling=twee_regisseurs["vreemd"].leerling,
    ).exists()
