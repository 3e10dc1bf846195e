# SPDX-License-Identifier: EUPL-1.2
"""The section "Ouders en leerling" on a closed case (docs/relatie.md, "De kant van de
professional"): the regisseur still ends or withholds access, reads the messages and answers a
correction request; inviting, meeting invitations, a reply and a story noted on someone's
behalf wait for an open case."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.regie.models import Bericht, Casus, Correctieverzoek, Portaaltoegang, Verhaal
from binnenboord.toegang.models import Rol
from tests.factories import OuderFactory, PortaaltoegangFactory
from tests.regie.factories import casussen
from tests.wereld import Wereld


@pytest.fixture
def gesloten(wereld: Wereld) -> Casus:
    # closed, directed by Leerplicht (tests.regie.factories.casussen)
    return casussen(wereld)["demodam_uitgeschreven"]


def test_op_een_gesloten_casus_beeindigt_de_regisseur_nog_wel_maar_nodigt_niet_meer_uit(
    wereld: Wereld, client: Client, gesloten: Casus
) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    ouder: Any = OuderFactory(leerling=gesloten.leerling, gezag=True)
    toegang = PortaaltoegangFactory(casus=gesloten, ouder=ouder)
    verzoek = Correctieverzoek.objects.create(
        toegang=toegang, casus=gesloten, wat="Adres", toelichting="Anders"
    )
    Bericht.objects.create(toegang=toegang, casus=gesloten, tekst="Nog een vraag")
    client.force_login(lpa)

    inhoud = client.get(reverse("regie:casus", args=[gesloten.pk])).content.decode()
    assert "uitnodigen-persoon" not in inhoud
    assert reverse("regie:relatie_verhaal", args=[gesloten.pk]) not in inhoud
    assert reverse("regie:relatie_beeindigen", args=[gesloten.pk, toegang.pk]) in inhoud

    # the thread is read, without a reply form
    draad = client.get(reverse("regie:relatie_berichten", args=[gesloten.pk, toegang.pk]))
    assert draad.status_code == 200
    assert "Nog een vraag" in draad.content.decode()
    assert 'name="bericht-tekst"' not in draad.content.decode()
    assert Bericht.objects.get().gelezen_op is not None

    # writes that wait for an open case are refused, and nothing changes
    geweigerd = {
        "uitnodigen": client.post(
            reverse("regie:relatie_uitnodigen", args=[gesloten.pk]),
            {"uitnodigen-persoon": f"ouder:{ouder.pk}", "uitnodigen-via": "brief"},
        ).status_code,
        "bericht": client.post(
            reverse("regie:relatie_berichten", args=[gesloten.pk, toegang.pk]),
            {"bericht-tekst": "Antwoord"},
        ).status_code,
        "verhaal": client.post(
            reverse("regie:relatie_verhaal", args=[gesloten.pk]),
            {"verhaal-namens": f"ouder:{ouder.pk}", "verhaal-wat_speelt": "x"},
        ).status_code,
        "overleg": client.post(
            reverse("regie:relatie_overleg", args=[gesloten.pk]), {}
        ).status_code,
    }
    assert geweigerd == {"uitnodigen": 403, "bericht": 403, "verhaal": 403, "overleg": 403}
    assert Portaaltoegang.objects.count() == 1
    assert Bericht.objects.count() == 1
    assert not Verhaal.objects.exists()

    # ending the access and answering the request still work
    antwoord = client.post(
        reverse("regie:relatie_correctie", args=[gesloten.pk, verzoek.pk]),
        {"correctie-uitkomst": "gecorrigeerd", "correctie-antwoord": "Aangepast."},
    )
    assert antwoord.status_code == 302
    antwoord = client.post(
        reverse("regie:relatie_beeindigen", args=[gesloten.pk, toegang.pk]),
        {"einde-reden": "Casus gesloten", "einde-bevestigd": "on"},
    )
    assert antwoord.status_code == 302
    toegang.refresh_from_db()
    verzoek.refresh_from_db()
    assert toegang.status == Portaaltoegang.Status.BEEINDIGD
    assert verzoek.uitkomst == "gecorrigeerd"


def test_de_deelnemer_van_een_gesloten_casus_leest_hun_woorden_maar_schrijft_niets(
    wereld: Wereld, client: Client, gesloten: Casus
) -> None:
    ouder: Any = OuderFactory(leerling=gesloten.leerling, gezag=True)
    toegang = PortaaltoegangFactory(casus=gesloten, ouder=ouder)
    Verhaal.objects.create(casus=gesloten, toegang=toegang, wat_speelt="Eigen-woorden-x")
    # the intervention team took part in the closed case
    client.force_login(wereld.medewerkers[Rol.INTERVENTIETEAMLID])
    inhoud = client.get(reverse("regie:casus", args=[gesloten.pk])).content.decode()
    assert "Eigen-woorden-x" in inhoud
    assert reverse("regie:relatie_berichten", args=[gesloten.pk, toegang.pk]) not in inhoud
    antwoord = client.post(
        reverse("regie:relatie_verhaal", args=[gesloten.pk]),
        {"verhaal-namens": f"ouder:{ouder.pk}", "verhaal-wat_speelt": "x"},
    )
    assert antwoord.status_code == 403
    assert Verhaal.objects.count() == 1
