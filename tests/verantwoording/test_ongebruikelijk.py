# SPDX-License-Identifier: EUPL-1.2
"""Unusual access (verantwoording/ongebruikelijk.py, issue 17): each rule with a normal case,
which is not flagged, and an unusual one, which is.

Rule 1, without relation: the school of enrolment (also on the day of the read), Leerplicht of
the municipality, a participant of the case, the SWV a stay-at-home melding was sent to and the
administrator answering a request for access are normal; anyone else is flagged. Rule 2, many
files in a short time (lists not counted). Rule 3, files opened at night on a screen."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from binnenboord.regie.models import Deelnemer
from binnenboord.registratie.models import Inschrijving, School
from binnenboord.signalering.models import Melding
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from binnenboord.verantwoording import ongebruikelijk
from binnenboord.verantwoording.models import Inzage
from binnenboord.verantwoording.services import inzagerijen, voeg_toe
from tests.factories import LeerlingFactory, OrganisatieFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld


def _lees(
    wie: Medewerker,
    leerling: Any,
    *,
    bron: str = "registratie:leerling",
    handeling: str = Inzage.Handeling.BEKIJKEN,
    om: datetime | None = None,
    pad: str = "/scherm/",
) -> None:
    rijen = inzagerijen(
        gebruiker=wie,
        handeling=handeling,
        bron=bron,
        leerlingen=[leerling],
        tijdstip=om or timezone.now() - timedelta(hours=1),
    )
    for rij in rijen:
        rij.pad = pad
    voeg_toe(rijen)


def _zonder_relatie() -> set[tuple[str, int]]:
    return {
        (b.gebruikersnaam, b.leerling_id)
        for b in ongebruikelijk.rapport(Inzage.objects.all())["buiten_bereik"]
    }


# --- rule 1: without relation ---------------------------------------------------------------


def test_de_school_van_inschrijving_is_normaal_een_andere_school_niet(wereld: Wereld) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    _lees(school, wereld.leerlingen["demodam_school1"])
    _lees(school, wereld.leerlingen["buurdorp_school2"])
    assert _zonder_relatie() == {("schoolmedewerker", wereld.leerlingen["buurdorp_school2"].pk)}


def test_de_school_op_de_dag_van_lezen_is_normaal_na_het_vertrek_niet(wereld: Wereld) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    leerling = wereld.leerlingen["demodam_school1"]
    vandaag = timezone.localdate()
    # enrolled until yesterday: read three days ago (then hers) and today (no longer)
    Inschrijving.objects.filter(leerling=leerling).update(einddatum=vandaag - timedelta(days=1))
    drie_dagen = timezone.now() - timedelta(days=3)
    _lees(school, leerling, om=drie_dagen)
    assert _zonder_relatie() == set()
    _lees(school, leerling, om=timezone.now() - timedelta(minutes=5))
    gevonden = ongebruikelijk.rapport(Inzage.objects.all())["buiten_bereik"]
    assert [(b.leerling_id, b.tijdstip > drie_dagen) for b in gevonden] == [(leerling.pk, True)]


def test_leerplicht_van_de_woongemeente_is_normaal_een_andere_gemeente_niet(
    wereld: Wereld,
) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    _lees(lpa, wereld.leerlingen["demodam_school1"])
    _lees(lpa, wereld.leerlingen["buurdorp_school1"])
    assert _zonder_relatie() == {("leerplichtambtenaar", wereld.leerlingen["buurdorp_school1"].pk)}


def test_een_deelnemer_van_de_casus_is_normaal_een_ander_dossier_niet(wereld: Wereld) -> None:
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    casus = open_casus(
        wereld.leerlingen["demodam_school1"], wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    )
    Deelnemer.objects.create(
        casus=casus,
        soort=Deelnemer.Soort.PROFESSIONAL,
        medewerker=jeugdarts,
        grond="toegevoegd",
        toegevoegd_door=casus.regisseur,
    )
    _lees(jeugdarts, casus.leerling, bron="regie:casus")
    _lees(jeugdarts, wereld.leerlingen["demodam_uitgeschreven"], bron="regie:casus")
    assert _zonder_relatie() == {("jeugdarts", wereld.leerlingen["demodam_uitgeschreven"].pk)}


def _thuiszittermelding(wereld: Wereld, leerling: Any, swv: Organisatie) -> Melding:
    door = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    return Melding.objects.create(
        soort=Melding.Soort.THUISZITTER,
        leerling=leerling,
        school=School.objects.get(organisatie__naam="Het Baken"),
        gemeente=leerling.woongemeente,
        begindatum=date(2026, 9, 1),
        prioriteit=Melding.Prioriteit.NORMAAL,
        samenwerkingsverband=swv,
        omschrijving="Zit sinds de herfstvakantie thuis.",
        aangemaakt_door=door,
        verzonden_door=door,
        verzonden_op=timezone.now(),
    )


def test_het_swv_dat_een_melding_kreeg_is_normaal_een_andere_leerling_niet(
    wereld: Wereld,
) -> None:
    swv = wereld.medewerkers[Rol.SWV_CONSULENT]
    naar_swv = _thuiszittermelding(wereld, wereld.leerlingen["demodam_school1"], swv.organisatie)
    ander_swv = OrganisatieFactory(naam="SWV Elders", swv=True)
    elders = _thuiszittermelding(wereld, wereld.leerlingen["buurdorp_school1"], ander_swv)
    _lees(swv, naar_swv.leerling, bron="meldingen:melding")
    _lees(swv, elders.leerling, bron="meldingen:melding")
    assert _zonder_relatie() == {("swv_consulent", elders.leerling.pk)}


def test_de_beheerder_bij_een_avg_verzoek_is_normaal_buiten_de_eigen_regio_of_elders_niet(
    wereld: Wereld,
) -> None:
    beheerder = wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER]
    inwoner = wereld.leerlingen["demodam_school1"]
    buurdorp = wereld.leerlingen["buurdorp_school2"]
    # looking up a resident's own log: normal; the same pupil on another screen, or a pupil
    # of another municipality without any entry by its own staff: flagged
    _lees(beheerder, inwoner, bron="verantwoording:leerling_inzagelog")
    _lees(
        beheerder,
        inwoner,
        bron="verantwoording:leerling_inzagelog_export",
        handeling=Inzage.Handeling.EXPORTEREN,
    )
    _lees(beheerder, buurdorp, bron="verantwoording:leerling_inzagelog")
    assert _zonder_relatie() == {("functioneel_beheerder", buurdorp.pk)}
    # a pupil of elsewhere whom its own officer read: the administrator may look her up
    _lees(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR], buurdorp, bron="registratie:leerling")
    assert ("functioneel_beheerder", buurdorp.pk) not in _zonder_relatie()
    # but reading a resident on another screen than the access log is no AVG look-up
    _lees(beheerder, inwoner, bron="registratie:leerling")
    assert ("functioneel_beheerder", inwoner.pk) in _zonder_relatie()


def test_de_opzoeking_van_de_beheerder_op_de_pagina_wordt_niet_gemeld(
    wereld: Wereld, client: Client
) -> None:
    beheerder = wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER]
    leerling = wereld.leerlingen["demodam_school1"]
    client.force_login(beheerder)
    client.post(reverse("verantwoording:leerling_inzagelog"), {"nummer": leerling.bsn})
    client.get(reverse("verantwoording:inzagelog"))
    assert Inzage.objects.filter(medewerker=beheerder).exists()
    assert _zonder_relatie() == set()


# --- rule 2: many files in a short time -----------------------------------------------------


def test_veel_dossiers_kort_na_elkaar_wel_gespreid_of_in_een_lijst_niet(
    wereld: Wereld, settings: Any
) -> None:
    settings.VERANTWOORDING_ONGEBRUIKELIJK = {"venster_minuten": 10, "aantal_leerlingen": 3}
    demodam = wereld.leerlingen["demodam_school1"].woongemeente
    leerlingen = [LeerlingFactory(woongemeente=demodam) for _ in range(4)]
    nu = timezone.now()
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    # unusual: the officer opens three files within five minutes
    for i, leerling in enumerate(leerlingen[:3]):
        _lees(lpa, leerling, om=nu - timedelta(minutes=60 - 2 * i))
    # normal: the school sees four pupils in one list, and opens three spread over an hour
    for leerling in leerlingen:
        _lees(
            school,
            leerling,
            bron="registratie:school",
            handeling=Inzage.Handeling.ZOEKEN,
            om=nu - timedelta(minutes=30),
        )
    for i, leerling in enumerate(leerlingen[:3]):
        _lees(school, leerling, om=nu - timedelta(minutes=25 * i))
    veel = ongebruikelijk.rapport(Inzage.objects.all())["veel"]
    assert [(v.gebruikersnaam, v.aantal_leerlingen) for v in veel] == [("leerplichtambtenaar", 3)]


# --- rule 3: at night -----------------------------------------------------------------------


def _om(uur: int, minuut: int = 0) -> datetime:
    gisteren = timezone.localdate() - timedelta(days=1)
    return timezone.make_aware(datetime.combine(gisteren, datetime.min.time())) + timedelta(
        hours=uur, minutes=minuut
    )


def test_s_nachts_een_dossier_openen_wordt_gemeld_s_avonds_of_door_de_api_niet(
    wereld: Wereld,
) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    leerling = wereld.leerlingen["demodam_school1"]
    _lees(lpa, leerling, om=_om(2, 10))  # unusual: a screen at ten past two
    _lees(lpa, wereld.leerlingen["demodam_uitgeschreven"], om=_om(2, 40))
    _lees(school, leerling, om=_om(21, 30))  # normal: an evening
    _lees(school, leerling, bron="api:leerlingen", om=_om(3), pad="/api/v1/leerlingen/")
    _lees(school, leerling, bron="signalering:signaleer --json", om=_om(4), pad="")
    nacht = ongebruikelijk.rapport(Inzage.objects.all())["nacht"]
    assert [(n.gebruikersnaam, n.aantal_leerlingen, n.vanaf, n.tot) for n in nacht] == [
        ("leerplichtambtenaar", 2, _om(2, 10), _om(2, 40))
    ]


def test_de_nachtregel_staat_uit_als_begin_en_eind_gelijk_zijn(
    wereld: Wereld, settings: Any
) -> None:
    settings.VERANTWOORDING_ONGEBRUIKELIJK = {"nacht_van": 0, "nacht_tot": 0}
    _lees(
        wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR], wereld.leerlingen["demodam_school1"], om=_om(2)
    )
    assert ongebruikelijk.rapport(Inzage.objects.all())["nacht"] == []


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", [Rol.FUNCTIONEEL_BEHEERDER, Rol.LEERPLICHTAMBTENAAR])
def test_de_pagina_noemt_de_leerling_en_logt_dat(wereld: Wereld, client: Client, rol: str) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    # the Demodam officer reading a Demodam pupil is normal; the school reading a Demodam
    # pupil who left it 200 days ago is not
    vreemd = wereld.leerlingen["demodam_uitgeschreven"]
    _lees(wereld.medewerkers[Rol.SCHOOLMEDEWERKER], vreemd)
    _lees(lpa, wereld.leerlingen["demodam_school1"])
    wie = wereld.medewerkers[rol]
    client.force_login(wie)
    antwoord = client.get(reverse("verantwoording:ongebruikelijk"))
    if rol != Rol.FUNCTIONEEL_BEHEERDER:
        assert antwoord.status_code == 403
        return
    pagina = antwoord.content.decode()
    assert f"{escape(vreemd.naam)} (<span>{vreemd.pk}</span>)" in pagina
    assert "Leerlingdossier" in pagina
    assert escape(wereld.leerlingen["demodam_school1"].naam) not in pagina
    assert set(Inzage.objects.filter(medewerker=wie).values_list("leerling_id", "bron")) == {
        (vreemd.pk, "verantwoording:ongebruikelijk")
    }
