# SPDX-License-Identifier: EUPL-1.2
"""The DUO chain said truthfully (issue 18, item 7): Binnenboord sends nothing to DUO; the
verzuimmelding goes to Leerplicht, and the school confirms it reported the absence to DUO
itself. Only the school that may edit the report confirms it, and the Amsterdam step
"verzuimmelding aan DUO" of the case is done on the day the school gave."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.regie import services
from binnenboord.regie.beoordeling import beoordeel_casus
from binnenboord.registratie.models import School
from binnenboord.signalering.models import Melding, MeldingGebeurtenis, Signaal
from binnenboord.signalering.services.melding import (
    MeldingNietMogelijk,
    bevestig_duo_melding,
    maak_thuiszittermelding,
    maak_verzuimmelding,
    verstuur_melding,
)
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld

STAP = "Verzuimmelding aan DUO door de school (art. 21a LPW)"


def _vandaag() -> date:
    return timezone.localdate()


@pytest.fixture
def signaal(wereld: Wereld) -> Signaal:
    """A 16-hour signal of the last weeks at school 1 (Het Baken)."""
    vandaag = _vandaag()
    return SignaalFactory(
        leerling=wereld.leerlingen["demodam_school1"],
        school=School.objects.get(organisatie__naam="Het Baken"),
        gebeurtenis=True,
        begindatum=vandaag - timedelta(days=30),
        van=vandaag - timedelta(days=30),
        datum=vandaag - timedelta(days=10),
        tot=vandaag - timedelta(days=10),
    )


def _melding(wereld: Wereld, signaal: Signaal, *, verzonden: bool = True) -> Melding:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    melding = maak_verzuimmelding(signaal=signaal, door=school)
    return verstuur_melding(melding=melding, door=school) if verzonden else melding


def _andere_school() -> Medewerker:
    return MedewerkerFactory(
        username="school_b",
        rol=Rol.SCHOOLMEDEWERKER,
        organisatie=Organisatie.objects.get(naam="De Vuurtoren"),
    )


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_het_formulier_zegt_dat_binnenboord_niets_naar_duo_stuurt(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    melding = _melding(wereld, signaal, verzonden=False)
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    tekst = _tekst(client.get(reverse("meldingen:wijzigen", args=[melding.pk])).content.decode())
    # the report goes to Leerplicht; the school still reports to DUO from its own system
    assert "Uw melding aan Leerplicht van de gemeente" in tekst
    assert "Binnenboord stuurt niets naar DUO" in tekst
    assert "vanuit de eigen leerlingadministratie of Mijn DUO" in tekst
    assert "melding aan DUO op grond van" not in tekst
    assert "Bij DUO gemeld op" in tekst


def test_de_school_bevestigt_op_de_meldingpagina_dat_zij_bij_duo_meldde(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    # given a sent verzuimmelding (the school can no longer change it)
    melding = _melding(wereld, signaal)
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(school)
    pagina = client.get(reverse("meldingen:melding", args=[melding.pk])).content.decode()
    assert "nog niet bevestigd" in _tekst(pagina)
    assert reverse("meldingen:duo_gemeld", args=[melding.pk]) in pagina
    dag = _vandaag() - timedelta(days=2)

    # when the school records the day it reported to DUO
    response = client.post(
        reverse("meldingen:duo_gemeld", args=[melding.pk]), {"duo_gemeld_op": dag.isoformat()}
    )

    # then the melding holds the day and who confirmed it, with history and access log
    assert response.status_code == 302
    melding.refresh_from_db()
    assert (melding.duo_gemeld_op, melding.duo_gemeld_door) == (dag, school)
    gebeurtenis = melding.gebeurtenissen.get(soort=MeldingGebeurtenis.Soort.DUO_GEMELD)
    assert (gebeurtenis.wie, gebeurtenis.toelichting) == (
        school,
        f"Bij DUO gemeld op {dag:%d-%m-%Y}.",
    )
    assert Inzage.objects.filter(
        bron="meldingen:duo_gemeld", handeling=Inzage.Handeling.WIJZIGEN, leerling=melding.leerling
    ).exists()
    # and the page says so, to Leerplicht too (who may not confirm it)
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    tekst = _tekst(client.get(reverse("meldingen:melding", args=[melding.pk])).content.decode())
    assert f"Door de school bij DUO gemeld op {dag:%d-%m-%Y} (bevestigd door {school})" in tekst
    assert reverse("meldingen:duo_gemeld", args=[melding.pk]) not in tekst
    # and the exports carry the day
    export = client.get(reverse("meldingen:export_json", args=[melding.pk]))
    assert json.loads(export.content)["duo_gemeld_op"] == dag.isoformat()


def test_de_school_vult_de_dag_in_op_het_formulier_van_het_concept(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    melding = _melding(wereld, signaal, verzonden=False)
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(school)
    url = reverse("meldingen:wijzigen", args=[melding.pk])
    velden = {
        "begindatum": melding.begindatum.isoformat() if melding.begindatum else "",
        "einddatum": melding.einddatum.isoformat() if melding.einddatum else "",
        "vermoedelijke_soort": melding.vermoedelijke_soort,
        "actie_gemeente_gewenst": "on",
        "prioriteit": "normaal",
        "contactpersoon_naam": "A. Smit",
    }
    # a day before the absence began is refused, and nothing is stored
    te_vroeg = signaal.van - timedelta(days=1)
    fout = client.post(url, {**velden, "duo_gemeld_op": te_vroeg.isoformat(), "versturen": "1"})
    assert fout.status_code == 400
    assert "niet vóór het begin van het verzuim" in fout.content.decode()
    melding.refresh_from_db()
    assert melding.duo_gemeld_op is None and melding.is_concept
    # a right day is stored with the report as it is sent
    dag = _vandaag() - timedelta(days=1)
    response = client.post(url, {**velden, "duo_gemeld_op": dag.isoformat(), "versturen": "1"})
    assert response.status_code == 302
    melding.refresh_from_db()
    assert (melding.duo_gemeld_op, melding.duo_gemeld_door) == (dag, school)
    assert not melding.is_concept


@pytest.mark.parametrize(
    ("waarde", "fout"),
    [
        ("toekomst", "kan niet in de toekomst liggen"),
        ("voor_het_verzuim", "niet vóór het begin van het verzuim"),
        ("", "Geef de dag waarop u het bij DUO hebt gemeld."),
        ("gisteren<script>", "Voer een geldige datum in."),
    ],
)
def test_een_onmogelijke_dag_wordt_geweigerd(
    wereld: Wereld, client: Client, signaal: Signaal, waarde: str, fout: str
) -> None:
    melding = _melding(wereld, signaal)
    dagen = {
        "toekomst": (_vandaag() + timedelta(days=1)).isoformat(),
        "voor_het_verzuim": (signaal.van - timedelta(days=1)).isoformat(),
    }
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = client.post(
        reverse("meldingen:duo_gemeld", args=[melding.pk]),
        {"duo_gemeld_op": dagen.get(waarde, waarde)},
    )
    assert response.status_code == 400
    assert fout in response.content.decode()
    melding.refresh_from_db()
    assert (melding.duo_gemeld_op, melding.duo_gemeld_door) == (None, None)
    assert not melding.gebeurtenissen.filter(soort=MeldingGebeurtenis.Soort.DUO_GEMELD).exists()


def test_alleen_de_eigen_school_bevestigt_de_melding_aan_duo(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    melding = _melding(wereld, signaal)
    url = reverse("meldingen:duo_gemeld", args=[melding.pk])
    dag = {"duo_gemeld_op": _vandaag().isoformat()}
    ander = _andere_school()
    # another school does not see the report: 404, as for a missing one
    client.force_login(ander)
    assert client.post(url, dag).status_code == 404
    # Leerplicht sees it but does not report to DUO for the school: 403
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert client.post(url, dag).status_code == 403
    # other roles see no report at all
    for rol in (Rol.SWV_CONSULENT, Rol.JEUGDARTS, Rol.FUNCTIONEEL_BEHEERDER):
        client.force_login(wereld.medewerkers[rol])
        assert client.post(url, dag).status_code == 404
    melding.refresh_from_db()
    assert (melding.duo_gemeld_op, melding.duo_gemeld_door) == (None, None)
    # and the service itself refuses another school's staff member and Leerplicht
    for door in (ander, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]):
        with pytest.raises(MeldingNietMogelijk):
            bevestig_duo_melding(melding=melding, door=door, op=_vandaag())
    melding.refresh_from_db()
    assert melding.duo_gemeld_op is None


def test_een_thuiszittermelding_wordt_niet_bij_duo_gemeld(wereld: Wereld, client: Client) -> None:
    school1 = School.objects.get(organisatie__naam="Het Baken")
    school1.samenwerkingsverband = Organisatie.objects.get(naam="SWV Demodam")
    school1.save()
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    thuis = maak_thuiszittermelding(
        leerling=wereld.leerlingen["demodam_school1"],
        door=school,
        soort="thuiszitter",
        omschrijving="Thuis.",
    )
    client.force_login(school)
    url = reverse("meldingen:duo_gemeld", args=[thuis.pk])
    assert client.post(url, {"duo_gemeld_op": _vandaag().isoformat()}).status_code == 403
    assert url not in client.get(reverse("meldingen:melding", args=[thuis.pk])).content.decode()
    with pytest.raises(MeldingNietMogelijk):
        bevestig_duo_melding(melding=thuis, door=school, op=_vandaag())
    thuis.refresh_from_db()
    assert thuis.duo_gemeld_op is None


def test_de_amsterdamse_stap_is_gedaan_op_de_dag_dat_de_school_bij_duo_meldde(
    wereld: Wereld, client: Client, signaal: Signaal
) -> None:
    # given a verzuimmelding sent to Leerplicht and an Amsterdam case
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    melding = _melding(wereld, signaal)
    casus = services.open_casus(
        leerling=signaal.leerling,
        door=school,
        start=_vandaag() - timedelta(days=7),
        aanpak="amsterdam_drie_fasen",
    )

    def stap() -> object:
        (gevonden,) = [
            s for s in beoordeel_casus(casus, _vandaag()).stappen if s.stap.code == "melding_duo"
        ]
        return gevonden

    # then sending it to Leerplicht is not the report to DUO: the step is not done
    assert stap().status != "gedaan"  # type: ignore[attr-defined]
    assert stap().stap.naam == STAP  # type: ignore[attr-defined]

    # when the school confirms it reported to DUO three days ago
    dag = _vandaag() - timedelta(days=3)
    bevestig_duo_melding(melding=melding, door=school, op=dag)

    # then the step is done on that day, and the case page shows it done
    gedaan = stap()
    assert (gedaan.status, gedaan.gedaan_op) == ("gedaan", dag)  # type: ignore[attr-defined]
    client.force_login(school)
    pagina = client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
    (rij,) = [r for r in pagina.split("<tr") if STAP in r]
    assert "gedaan" in _tekst(rij)
    assert f"{dag:%d-%m-%Y}" in rij
    # and a correction of the day moves the step with it (the history keeps both)
    eerder = dag - timedelta(days=1)
    bevestig_duo_melding(melding=melding, door=school, op=eerder)
    assert stap().gedaan_op == eerder  # type: ignore[attr-defined]
    assert melding.gebeurtenissen.filter(soort="duo_gemeld").count() == 2
