# SPDX-License-Identifier: EUPL-1.2
"""The worklist of art. 5 onder a exemptions due for re-assessment: which exemptions (running,
art. 5 onder a, re-assessment within the coming weeks or passed, of Leerplicht's own
municipalities), who may open it, and that every pupil shown is in the access log."""

from __future__ import annotations

from datetime import date, timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from binnenboord.kern.termijnen import maanden_na
from binnenboord.regie import services
from binnenboord.regie.selectors.justitie import herbeoordelingen
from binnenboord.regie.services import justitie
from binnenboord.registratie.models import Vrijstelling
from binnenboord.toegang.models import Gemeente, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import (
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
    VrijstellingFactory,
)
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db


def _maanden_terug(maanden: int, dagen: int = 0) -> date:
    return maanden_na(timezone.localdate(), -maanden) - timedelta(days=dagen)


def _vrijstelling(
    gemeente: str, artikel: str, begin: date, eind: date | None = None
) -> Vrijstelling:
    leerling = LeerlingFactory(woongemeente=Gemeente.objects.get(code=gemeente))
    return VrijstellingFactory(leerling=leerling, artikel=artikel, begindatum=begin, einddatum=eind)


def _verklaring(wereld: Wereld, vrijstelling: Vrijstelling, datum: date, **kwargs: object) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    casus = services.open_casus(
        leerling=vrijstelling.leerling, door=leerplicht, start=datum - timedelta(days=30)
    )
    justitie.leg_vrijstellingsverklaring_vast(
        casus=casus,
        door=leerplicht,
        vrijstelling=vrijstelling,
        datum=datum,
        deskundige="Dr. A. Jansen, GGD",
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def stand(wereld: Wereld) -> dict[str, Vrijstelling]:
    """Exemptions of Demodam and Buurdorp pupils; the interval is 12 months (the default)."""
    art_5a = Vrijstelling.Artikel.ART_5A
    uitkomst = {
        # since 13 months, no statement: overdue by a month
        "verlopen": _vrijstelling("9999", art_5a, _maanden_terug(13)),
        # statement almost 12 months ago: due in two weeks
        "binnenkort": _vrijstelling("9999", art_5a, _maanden_terug(30)),
        # statement two months ago: not due for ten months
        "recent": _vrijstelling("9999", art_5a, _maanden_terug(30)),
        # art. 5 onder b is renewed yearly, not re-assessed
        "richting": _vrijstelling("9999", Vrijstelling.Artikel.ART_5B, _maanden_terug(20)),
        # ended last month
        "afgelopen": _vrijstelling(
            "9999", art_5a, _maanden_terug(20), timezone.localdate() - timedelta(days=30)
        ),
        # overdue, but a Buurdorp pupil
        "buurdorp": _vrijstelling("9998", art_5a, _maanden_terug(14)),
    }
    _verklaring(wereld, uitkomst["binnenkort"], _maanden_terug(12, -14))
    _verklaring(wereld, uitkomst["recent"], _maanden_terug(2))
    return uitkomst


def test_de_werklijst_toont_lopende_5a_vrijstellingen_waarvan_de_herbeoordeling_nadert(
    wereld: Wereld, stand: dict[str, Vrijstelling]
) -> None:
    demodam = Gemeente.objects.get(code="9999")
    # when the worklist is read for Demodam, 8 weeks ahead
    rijen = herbeoordelingen([demodam.pk], timezone.localdate(), weken=8)
    # then the overdue one first, then the one due soon; nothing else
    assert [r.vrijstelling for r in rijen] == [stand["verlopen"], stand["binnenkort"]]
    verlopen, binnenkort = rijen
    assert verlopen.termijn.verloopt_op == maanden_na(stand["verlopen"].begindatum, 12)
    assert verlopen.verklaring is None and verlopen.casus is None
    # and the one due soon counts from its newest statement, and links its case
    assert binnenkort.verklaring is not None
    assert binnenkort.termijn.start == binnenkort.verklaring.datum
    assert binnenkort.casus is not None
    assert binnenkort.casus.leerling_id == stand["binnenkort"].leerling_id
    # and looking only 1 week ahead leaves the one due in two weeks out
    assert [
        r.vrijstelling for r in herbeoordelingen([demodam.pk], timezone.localdate(), weken=1)
    ] == [stand["verlopen"]]


def test_leerplicht_opent_de_werklijst_van_de_eigen_gemeente_en_elke_leerling_wordt_gelogd(
    wereld: Wereld, stand: dict[str, Vrijstelling], client: Client
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    client.force_login(leerplicht)
    antwoord = client.get(reverse("vrijstellingen:herbeoordeling"))
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    getoond = {stand["verlopen"].leerling, stand["binnenkort"].leerling}
    for leerling in getoond:
        assert escape(leerling.naam) in inhoud
    for naam in ("recent", "richting", "afgelopen", "buurdorp"):
        assert escape(stand[naam].leerling.naam) not in inhoud
    casus = stand["binnenkort"].leerling.casussen.get()
    assert reverse("regie:casus", args=[casus.pk]) in inhoud
    gelogd = set(
        Inzage.objects.filter(
            medewerker=leerplicht, bron="regie:herbeoordeling", handeling="zoeken"
        ).values_list("leerling_id", flat=True)
    )
    assert gelogd == {leerling.pk for leerling in getoond}


def test_leerplicht_van_een_andere_gemeente_ziet_alleen_de_eigen_vrijstellingen(
    wereld: Wereld, stand: dict[str, Vrijstelling], client: Client
) -> None:
    buurdorp = OrganisatieFactory(
        naam="Leerplicht Buurdorp", gemeenten=[Gemeente.objects.get(code="9998")]
    )
    ander = MedewerkerFactory(
        username="lpa_buurdorp", rol=Rol.LEERPLICHTAMBTENAAR, organisatie=buurdorp
    )
    client.force_login(ander)
    inhoud = client.get(reverse("vrijstellingen:herbeoordeling")).content.decode()
    assert escape(stand["buurdorp"].leerling.naam) in inhoud
    assert escape(stand["verlopen"].leerling.naam) not in inhoud
    assert escape(stand["binnenkort"].leerling.naam) not in inhoud


@pytest.mark.parametrize(
    "rol",
    [
        Rol.SCHOOLMEDEWERKER,
        Rol.JEUGDARTS,
        Rol.GEZINSWERKER,
        Rol.SWV_CONSULENT,
        Rol.INTERVENTIETEAMLID,
        Rol.BELEIDSMEDEWERKER,
    ],
)
def test_alleen_leerplicht_mag_de_werklijst_openen(
    wereld: Wereld, stand: dict[str, Vrijstelling], client: Client, rol: str
) -> None:
    client.force_login(wereld.medewerkers[rol])
    assert client.get(reverse("vrijstellingen:herbeoordeling")).status_code == 403
    assert not Inzage.objects.filter(bron="regie:herbeoordeling").exists()


def test_de_teammanager_van_leerplicht_ziet_de_werklijst_in_het_menu(
    wereld: Wereld, client: Client
) -> None:
    client.force_login(wereld.medewerkers[Rol.TEAMMANAGER])
    inhoud = client.get(reverse("web:vandaag")).content.decode()
    assert reverse("vrijstellingen:herbeoordeling") in inhoud
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    inhoud = client.get(reverse("web:vandaag")).content.decode()
    assert reverse("vrijstellingen:herbeoordeling") not in inhoud
