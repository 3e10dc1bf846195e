# SPDX-License-Identifier: EUPL-1.2
"""Leerplicht changes a parent on the pupil page (registratie:ouder): the relation, names,
contact details, gezag, BSN, address and shielding. Only Leerplicht of the pupil's home
municipality may; giving or taking away gezag, and changing the shielding, needs a reason; each
change is in the change history and the access log; taking gezag away ends the parent's portal
access at once."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest
from auditlog.models import LogEntry

from binnenboord.regie.models import Casus
from binnenboord.regie.relatie import toegang_geldig
from binnenboord.registratie.models import Ouder
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import (
    MedewerkerFactory,
    OrganisatieFactory,
    OuderFactory,
    PortaaltoegangFactory,
    _bsn,
)
from tests.portaal.hulp import log_in_portaal
from tests.regie.factories import open_casus
from tests.wereld import Wereld

OUDER_BSN = _bsn(616_161)


@pytest.fixture(autouse=True)
def nederlands() -> None:
    translation.activate("nl")


@pytest.fixture
def lpa(wereld: Wereld) -> Medewerker:
    return wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]


@pytest.fixture
def ouder(wereld: Wereld) -> Ouder:
    ouder: Ouder = OuderFactory(
        leerling=wereld.leerlingen["demodam_school1"],
        voornamen="Petra",
        achternaam="Vos",
        telefoon="0612345678",
        gezag=True,
    )
    return ouder


def _client(medewerker: Medewerker) -> Client:
    client = Client()
    client.force_login(medewerker)
    return client


def _url(ouder: Ouder) -> str:
    return reverse("registratie:ouder", args=[ouder.leerling_id, ouder.pk])


def _gegevens(ouder: Ouder, **wijzig: Any) -> dict[str, Any]:
    gegevens: dict[str, Any] = {
        "relatie": ouder.relatie,
        "voornamen": ouder.voornamen,
        "tussenvoegsel": ouder.tussenvoegsel,
        "achternaam": ouder.achternaam,
        "telefoon": ouder.telefoon,
        "email": ouder.email,
        "bsn": ouder.bsn,
        "straat": ouder.straat,
        "huisnummer": ouder.huisnummer,
        "postcode": ouder.postcode,
        "woonplaats": ouder.woonplaats,
        "reden": "",
    }
    if ouder.gezag:
        gegevens["gezag"] = "on"
    if ouder.adres_afgeschermd:
        gegevens["adres_afgeschermd"] = "on"
    gegevens.update(wijzig)
    return {k: v for k, v in gegevens.items() if v is not None}


def _stand(ouder: Ouder) -> dict[str, Any]:
    return {k: v for k, v in Ouder.objects.filter(pk=ouder.pk).values().get().items() if k != "id"}


def test_leerplicht_wijzigt_adres_bsn_en_telefoon_zonder_reden(
    lpa: Medewerker, ouder: Ouder
) -> None:
    client = _client(lpa)
    # the form opens with the parent's data
    pagina = client.get(_url(ouder))
    assert pagina.status_code == 200
    assert "0612345678" in pagina.content.decode()
    # when Leerplicht saves a new address, BSN and phone (gezag and shielding unchanged)
    antwoord = client.post(
        _url(ouder),
        _gegevens(
            ouder,
            bsn=OUDER_BSN,
            straat="Laan",
            huisnummer="3",
            postcode="1234ab",
            woonplaats="Demodam",
            telefoon="0687654321",
        ),
    )
    # then it is stored and the user goes back to the pupil page
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("registratie:leerling", args=[ouder.leerling_id])
    ouder.refresh_from_db()
    assert (ouder.bsn, ouder.straat, ouder.postcode, ouder.telefoon, ouder.gezag) == (
        OUDER_BSN,
        "Laan",
        "1234 AB",
        "0687654321",
        True,
    )
    # and the change history names who, with the BSN masked
    entry = LogEntry.objects.get_for_object(ouder).latest("pk")
    assert entry.actor == lpa
    assert entry.changes["telefoon"] == ["0612345678", "0687654321"]
    assert OUDER_BSN not in str(entry.changes)
    # and the access log has the read and the change of the pupil's data
    regels = Inzage.objects.filter(leerling_id=ouder.leerling_id, bron="registratie:ouder")
    assert list(regels.order_by("pk").values_list("handeling", flat=True)) == [
        Inzage.Handeling.BEKIJKEN,
        Inzage.Handeling.WIJZIGEN,
    ]


@pytest.mark.parametrize(
    "wijziging",
    [{"gezag": None}, {"adres_afgeschermd": "on"}],
    ids=["gezag-afnemen", "afscherming-zetten"],
)
def test_gezag_of_afscherming_wijzigen_vraagt_een_reden(
    lpa: Medewerker, ouder: Ouder, wijziging: dict[str, Any]
) -> None:
    voor = _stand(ouder)
    client = _client(lpa)
    # without a reason the form is refused and nothing changes
    antwoord = client.post(_url(ouder), _gegevens(ouder, **wijziging))
    assert antwoord.status_code == 200
    assert "Zeg waarom u het gezag of de afscherming van het adres wijzigt" in (
        antwoord.content.decode()
    )
    assert _stand(ouder) == voor
    # with a reason it is stored, and the reason is in the change history
    antwoord = client.post(_url(ouder), _gegevens(ouder, **wijziging, reden="Uitspraak rechter"))
    assert antwoord.status_code == 302
    assert _stand(ouder) != voor
    entry = LogEntry.objects.get_for_object(ouder).latest("pk")
    assert entry.additional_data == {"reden": "Uitspraak rechter"}
    inzage = Inzage.objects.filter(bron="registratie:ouder").latest("pk")
    assert (inzage.handeling, inzage.reden) == (Inzage.Handeling.WIJZIGEN, "Uitspraak rechter")


def test_gezag_afnemen_beeindigt_de_portaaltoegang_meteen(lpa: Medewerker, ouder: Ouder) -> None:
    # given an open case and the parent's active portal access
    casus: Casus = open_casus(ouder.leerling, lpa)
    toegang = PortaaltoegangFactory(casus=casus, ouder=ouder)
    assert toegang.gebruiker is not None
    assert toegang_geldig(toegang)
    portaal = log_in_portaal(Client(), toegang.gebruiker)
    assert portaal.get(reverse("portaal:casus", args=[toegang.pk])).status_code == 200
    # when Leerplicht takes gezag away
    antwoord = _client(lpa).post(_url(ouder), _gegevens(ouder, gezag=None, reden="Gezag vervallen"))
    assert antwoord.status_code == 302
    # then the access is no longer valid, the very next portal request is refused
    toegang.refresh_from_db()
    assert not toegang_geldig(toegang)
    assert portaal.get(reverse("portaal:casus", args=[toegang.pk])).status_code == 404
    # and the case page shows the parent has no access for want of gezag
    casuspagina = _client(lpa).get(reverse("regie:casus", args=[casus.pk]))
    assert "geen toegang: geen gezag" in casuspagina.content.decode()
    # and gezag given back (with a reason) gives the access back
    _client(lpa).post(_url(ouder), _gegevens(ouder, gezag="on", reden="Herstel"))
    toegang.refresh_from_db()
    assert toegang_geldig(toegang)


def test_een_ongeldig_bsn_of_postcode_wordt_geweigerd(lpa: Medewerker, ouder: Ouder) -> None:
    voor = _stand(ouder)
    antwoord = _client(lpa).post(_url(ouder), _gegevens(ouder, bsn="123456789", postcode="12"))
    assert antwoord.status_code == 200
    assert "12 is geen geldige postcode." in antwoord.content.decode()
    assert _stand(ouder) == voor


def test_de_leerlingpagina_toont_de_wijziglink_alleen_aan_leerplicht(
    wereld: Wereld, lpa: Medewerker, ouder: Ouder
) -> None:
    pagina = reverse("registratie:leerling", args=[ouder.leerling_id])
    assert _url(ouder) in _client(lpa).get(pagina).content.decode()
    school = _client(wereld.medewerkers[Rol.SCHOOLMEDEWERKER]).get(pagina)
    assert school.status_code == 200
    assert _url(ouder) not in school.content.decode()


def _leerplicht_buurdorp(wereld: Wereld) -> Medewerker:
    buurdorp = wereld.leerlingen["buurdorp_school1"].woongemeente
    organisatie = OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp])
    medewerker: Medewerker = MedewerkerFactory(
        username="lpa_buurdorp", rol=Rol.LEERPLICHTAMBTENAAR, organisatie=organisatie
    )
    return medewerker


@pytest.mark.parametrize("methode", ["get", "post"])
def test_aanvallers_krijgen_404_of_403_en_veranderen_niets(
    wereld: Wereld, ouder: Ouder, methode: str
) -> None:
    voor = _stand(ouder)
    aanval = _gegevens(ouder, gezag=None, adres_afgeschermd="", reden="Aanval")
    # Leerplicht of another municipality: the pupil does not exist for it
    anders = _client(_leerplicht_buurdorp(wereld))
    assert getattr(anders, methode)(_url(ouder), aanval).status_code == 404
    # the pupil's own school sees the pupil but may not change a parent
    school = _client(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    assert getattr(school, methode)(_url(ouder), aanval).status_code == 403
    # other staff roles see nothing
    jeugdarts = _client(wereld.medewerkers[Rol.JEUGDARTS])
    assert getattr(jeugdarts, methode)(_url(ouder), aanval).status_code == 404
    assert _stand(ouder) == voor


def test_een_ouder_van_een_ander_kind_is_via_deze_leerling_niet_te_bereiken(
    wereld: Wereld, lpa: Medewerker, ouder: Ouder
) -> None:
    # a parent of a Buurdorp pupil, asked through the URL of Leerplicht's own pupil
    vreemd: Ouder = OuderFactory(leerling=wereld.leerlingen["buurdorp_school1"], gezag=False)
    voor = _stand(vreemd)
    url = reverse("registratie:ouder", args=[ouder.leerling_id, vreemd.pk])
    client = _client(lpa)
    assert client.get(url).status_code == 404
    assert client.post(url, _gegevens(vreemd, gezag="on", reden="x")).status_code == 404
    assert _stand(vreemd) == voor
