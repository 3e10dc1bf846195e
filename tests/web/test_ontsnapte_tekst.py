# SPDX-License-Identifier: EUPL-1.2
"""Script in text fields (issue 7, "Bad input"): a value with HTML in it, imported from a file or
typed in a form, is stored verbatim and shown escaped on every page that shows it, never as a
live tag."""

from __future__ import annotations

import io
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from binnenboord.regie import services as regie
from binnenboord.regie.models import Casus
from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Import, Leerling, School
from binnenboord.toegang.models import Rol
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ATTRIBUUT = '"><img src=x onerror=alert(1)>'
# typed into the case forms: different from the names, so each is checked on its own
PLAN = "<script>alert(2)</script>"
VERSLAG = "<b onmouseover=alert(3)>verslag</b>"
BSN = "111222333"
BSN_AFGEWEZEN = "123456782"


def _veilig(pagina: str, *waarden: str) -> None:
    """Every value is on the page, escaped, and none of them as a live tag."""
    for waarde in waarden:
        assert escape(waarde) in pagina, waarde
    for levend in ("<script>alert(", "<img src=x", "<b onmouseover"):
        assert levend not in pagina


def _importeer(soort: str, tekst: str, door: object) -> Import:
    return importeer(
        soort=soort,
        bestand=io.BytesIO(tekst.encode()),
        bestandsnaam=f"{soort}.csv",
        door=door,  # type: ignore[arg-type]
    )


@pytest.fixture
def leerling(wereld: Wereld) -> Leerling:
    """A pupil imported by Leerplicht with HTML in both names and in the street, enrolled by the
    school at a school whose name (imported too) holds HTML as well."""
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    kop = "bsn;voornamen;achternaam;geboortedatum;woongemeente;straat"
    rij = f'{BSN};"{SCRIPT}";"{ATTRIBUUT.replace(chr(34), chr(34) * 2)}";2014-03-01;9999;{SCRIPT}'
    assert _importeer("leerlingen", f"{kop}\n{rij}\n", lpa).aantal_nieuw == 1
    school = School.objects.get(organisatie__naam="Het Baken")
    kop = "brin;vestiging;naam;soort;gemeente;regio"
    rij = f"{school.brin};{school.vestiging};{SCRIPT} {ATTRIBUUT};VO;9999;noord"
    scholen = _importeer(
        "scholen", f"{kop}\n{rij}\n", wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER]
    )
    assert scholen.aantal_afgewezen == 0, list(scholen.afwijzingen.values_list("reden"))
    begin = (timezone.localdate() - timedelta(days=30)).isoformat()
    kop = "bsn;brin;vestiging;begindatum;einddatum"
    rij = f"{BSN};{school.brin};{school.vestiging};{begin};"
    school_medewerker = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    assert _importeer("inschrijvingen", f"{kop}\n{rij}\n", school_medewerker).aantal_nieuw == 1
    return Leerling.objects.get(bsn=BSN)


def test_geimporteerde_html_wordt_letterlijk_bewaard(leerling: Leerling) -> None:
    assert (leerling.voornamen, leerling.achternaam, leerling.straat) == (
        SCRIPT,
        ATTRIBUUT,
        SCRIPT,
    )
    assert School.objects.get(organisatie__naam="Het Baken").naam == f"{SCRIPT} {ATTRIBUUT}"


def test_leerlingpagina_lijst_zoeken_en_schoolpagina_tonen_het_ontsnapt(
    wereld: Wereld, client: Client, leerling: Leerling
) -> None:
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    pagina = client.get(reverse("registratie:leerling", args=[leerling.pk])).content.decode()
    _veilig(pagina, SCRIPT, ATTRIBUUT)
    for zoekterm in ("", "script", "onerror"):
        lijst = client.get(reverse("registratie:leerlingen"), {"q": zoekterm}).content.decode()
        _veilig(lijst, SCRIPT, ATTRIBUUT)
    # the search term itself is shown back escaped too
    gezocht = client.get(reverse("registratie:leerlingen"), {"q": ATTRIBUUT}).content.decode()
    _veilig(gezocht, ATTRIBUUT)

    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    school = client.get(reverse("registratie:school")).content.decode()
    _veilig(school, SCRIPT, ATTRIBUUT)


def test_de_afwijzingspagina_en_importlijst_tonen_het_ontsnapt(
    wereld: Wereld, client: Client
) -> None:
    # given a rejected row (unknown municipality) full of HTML, in a file whose name has HTML
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    kop = "bsn;voornamen;achternaam;geboortedatum;woongemeente"
    rij = f"{BSN_AFGEWEZEN};{SCRIPT};Jansen;2014-03-01;{SCRIPT}"
    import_ = importeer(
        soort="leerlingen",
        bestand=io.BytesIO(f"{kop}\n{rij}\n".encode()),
        bestandsnaam=f"{SCRIPT}.csv",
        door=lpa,
    )
    assert import_.aantal_afgewezen == 1
    assert import_.afwijzingen.get().waarde == SCRIPT
    # when Leerplicht opens the import and the list of imports
    client.force_login(lpa)
    detail = client.get(reverse("registratie:import", args=[import_.pk])).content.decode()
    lijst = client.get(reverse("registratie:imports")).content.decode()
    # then the value, the reason that quotes it, and the file name are all escaped
    _veilig(detail, SCRIPT)
    _veilig(lijst, f"{SCRIPT}.csv")


def test_de_casuspagina_toont_namen_en_getypte_tekst_ontsnapt(
    wereld: Wereld, client: Client, leerling: Leerling
) -> None:
    # given a case of the pupil, with a plan and a contact typed with HTML in the forms
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    casus = regie.open_casus(
        leerling=leerling, door=lpa, start=timezone.localdate() - timedelta(weeks=2)
    )
    client.force_login(lpa)
    plan = client.post(
        reverse("regie:plan", args=[casus.pk]),
        {"plan-basis_versie": 0, "plan-doel": PLAN, "plan-afspraken": ATTRIBUUT},
    )
    assert plan.status_code == 302
    contact = client.post(
        reverse("regie:contactmoment", args=[casus.pk]),
        {
            "contact-soort": "huisbezoek",
            "contact-datum": timezone.localdate().isoformat(),
            "contact-met": ["ouders"],
            "contact-verslag": VERSLAG,
        },
    )
    assert contact.status_code == 302
    # then the texts are stored verbatim
    casus = Casus.objects.get(pk=casus.pk)
    versie = casus.planversies.order_by("-versie").first()
    assert versie is not None
    assert (versie.doel, versie.afspraken) == (PLAN, ATTRIBUUT)
    assert casus.contactmomenten.get().verslag == VERSLAG
    # and the case page and the case list show them (and the pupil's names) escaped
    pagina = client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
    _veilig(pagina, SCRIPT, ATTRIBUUT, PLAN, VERSLAG)
    lijst = client.get(reverse("regie:casussen")).content.decode()
    _veilig(lijst, SCRIPT)
