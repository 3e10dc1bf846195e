# SPDX-License-Identifier: EUPL-1.2
"""Who may open an import (issue 13, finding 8): its page, progress, rejected rows and their
downloads belong to the importing organisation (fixed when the import started), to the person
who imported, and to that organisation's functional administrator; every read of rejected rows
lands in the access log of each pupil they name."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.registratie.models import Afwijzing, Import
from binnenboord.toegang.models import Gemeente, Organisatie, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db


def _urls(import_: Import) -> list[str]:
    return [
        reverse("registratie:import", args=[import_.pk]),
        reverse("registratie:import_rapport", args=[import_.pk, "csv"]),
        reverse("registratie:import_rapport", args=[import_.pk, "xlsx"]),
    ]


def _import_van_leerplicht(wereld: Wereld) -> tuple[Import, Any]:
    """A pupils import by Leerplicht Demodam whose rejected row names a known pupil (BSN,
    name, street, a parent's phone)."""
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    leerling = wereld.leerlingen["buurdorp_school1"]
    import_ = Import.objects.create(
        soort=Import.Soort.LEERLINGEN,
        bestandsnaam="leerlingen.csv",
        medewerker=lpa,
        organisatie=wereld.leerplicht,
        status=Import.Status.KLAAR,
        aantal_rijen=1,
        aantal_afgewezen=1,
    )
    Afwijzing.objects.create(
        bestandsimport=import_,
        rij=2,
        veld="woongemeente",
        waarde="Buurdorp",
        reden="De leerling woont in Buurdorp.",
        gegevens={
            "bsn": leerling.bsn,
            "achternaam": leerling.achternaam,
            "straat": "Geheimstraat",
            "ouder1_telefoon": "06-11223344",
        },
    )
    return import_, leerling


def _aanvallers() -> dict[str, Any]:
    buurdorp = Gemeente.objects.get(code="9998")
    leerplicht_y = OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp])
    return {
        "fb_andere_organisatie": MedewerkerFactory(
            username="fb_y", rol=Rol.FUNCTIONEEL_BEHEERDER, organisatie=leerplicht_y
        ),
        "lpa_andere_gemeente": MedewerkerFactory(
            username="lpa_y", rol=Rol.LEERPLICHTAMBTENAAR, organisatie=leerplicht_y
        ),
        "andere_school": MedewerkerFactory(
            username="school_b",
            rol=Rol.SCHOOLMEDEWERKER,
            organisatie=Organisatie.objects.get(naam="De Vuurtoren"),
        ),
    }


def test_fb_school_en_leerplicht_van_een_andere_organisatie_krijgen_404_op_elke_import_url(
    wereld: Wereld, client: Client
) -> None:
    import_, _ = _import_van_leerplicht(wereld)
    for naam, aanvaller in _aanvallers().items():
        client.force_login(aanvaller)
        for url in _urls(import_):
            response = client.get(url)
            assert (naam, url, response.status_code) == (naam, url, 404)
            assert b"Geheimstraat" not in response.content
    assert not Inzage.objects.filter(bron__startswith="registratie:import").exists()


def test_een_importeur_die_verhuist_neemt_geen_import_mee_en_de_oude_organisatie_houdt_die(
    wereld: Wereld, client: Client
) -> None:
    # given an import by the compulsory education officer of Demodam, who then moves to
    # Leerplicht Buurdorp, where another functional administrator works
    import_, _ = _import_van_leerplicht(wereld)
    aanvallers = _aanvallers()
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    lpa.organisatie = aanvallers["fb_andere_organisatie"].organisatie
    lpa.save()
    # then the new organisation's administrator cannot open it
    client.force_login(aanvallers["fb_andere_organisatie"])
    assert [client.get(url).status_code for url in _urls(import_)] == [404, 404, 404]
    # and the administrator of the importing organisation (Demodam) still can
    client.force_login(wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER])
    assert [client.get(url).status_code for url in _urls(import_)] == [200, 200, 200]
    # and so can the person who imported it
    client.force_login(lpa)
    assert client.get(_urls(import_)[0]).status_code == 200


def test_collegas_die_die_soort_niet_mogen_importeren_zien_hem_niet(
    wereld: Wereld, client: Client
) -> None:
    import_, _ = _import_van_leerplicht(wereld)
    for rol in (Rol.BELEIDSMEDEWERKER, Rol.TEAMMANAGER):
        client.force_login(wereld.medewerkers[rol])
        assert [client.get(url).status_code for url in _urls(import_)] == [404, 404, 404]
    # a colleague who may import pupils herself does
    collega: Any = MedewerkerFactory(
        username="lpa_collega", rol=Rol.LEERPLICHTAMBTENAAR, organisatie=wereld.leerplicht
    )
    client.force_login(collega)
    assert client.get(_urls(import_)[0]).status_code == 200


def test_imports_van_de_opdrachtregel_zijn_op_het_scherm_van_niemand(
    wereld: Wereld, client: Client
) -> None:
    import_ = Import.objects.create(soort=Import.Soort.SCHOLEN, bestandsnaam="scholen.csv")
    client.force_login(wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER])
    assert client.get(_urls(import_)[0]).status_code == 404


def test_het_lezen_van_afgewezen_rijen_staat_in_het_eigen_inzagelog_van_de_leerling(
    wereld: Wereld, client: Client
) -> None:
    # given an import whose rejected row names a pupil
    import_, leerling = _import_van_leerplicht(wereld)
    fb = wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER]
    client.force_login(fb)

    # when the administrator of the importing organisation opens it and downloads the rows
    pagina = client.get(_urls(import_)[0])
    assert "De leerling woont in Buurdorp." in pagina.content.decode()
    assert client.get(_urls(import_)[1]).status_code == 200

    # then both reads are in the pupil's own access log, under her name
    regels = list(
        Inzage.objects.filter(leerling=leerling)
        .order_by("pk")
        .values_list("gebruikersnaam", "handeling", "bron")
    )
    assert regels == [
        (fb.username, "bekijken", "registratie:import"),
        (fb.username, "exporteren", "registratie:import_rapport"),
    ]
    # and the administrator who reads the pupil's log sees them there
    log = client.post(reverse("verantwoording:leerling_inzagelog"), {"nummer": leerling.bsn})
    assert [(i.bron, i.handeling) for i in log.context["inzages"]][-2:] == [
        ("registratie:import_rapport", "exporteren"),
        ("registratie:import", "bekijken"),
    ]
