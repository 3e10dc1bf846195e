# SPDX-License-Identifier: EUPL-1.2
"""Retention as an executable policy (docs/bewaartermijnen.md): the terms on the day before and
on the day they pass, a whole pupil's file gone and nothing of another pupil touched, PV data,
the access log pruned with a valid chain, and a relation into a pupil's file that the retention
does not handle makes a test fail."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation

import pytest
from auditlog.models import LogEntry

from binnenboord.regie.models import (
    Actie,
    Bericht,
    Casus,
    CasusGebeurtenis,
    Contactmoment,
    Justitiestap,
    Mazlverwijzing,
    MedischeInhoud,
    PlanVanAanpak,
    Portaaltoegang,
    Verhaal,
)
from binnenboord.registratie.models import Leerling
from binnenboord.signalering.models import Melding, MeldingGebeurtenis, Signaal, SignaalGebeurtenis
from binnenboord.toegang.models import Portaalgebruiker
from binnenboord.verantwoording import bewaartermijnen as bt
from binnenboord.verantwoording import keten
from binnenboord.verantwoording.models import Inzage, Inzageanker
from binnenboord.verantwoording.services import voeg_toe
from tests.factories import (
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OuderFactory,
    SchoolFactory,
    VerzuimFactory,
    VrijstellingFactory,
)
from tests.tekst import noemt

VANDAAG = date(2026, 11, 23)


def _termijnen(**wijzig: dict[str, Any]) -> dict[str, Any]:
    from django.conf import settings

    return {
        soort: {**regel, **wijzig.get(soort, {})}
        for soort, regel in settings.BEWAARTERMIJNEN.items()
    }


# --- the rule (pure) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("geboren", "startkwalificatie", "vervalt_op"),
    [
        # no startkwalificatie: kwalificatieplicht ends at 18, + 2 years = 20th birthday
        (date(2004, 3, 10), None, date(2024, 3, 10)),
        # startkwalificatie at 17: + 2 years comes after the 19th birthday
        (date(2004, 3, 10), date(2021, 6, 30), date(2023, 6, 30)),
        # startkwalificatie at 16: + 2 years comes before the 19th birthday, which then counts
        (date(2004, 3, 10), date(2020, 7, 1), date(2023, 3, 10)),
        # born on 29 February: 18 on 28-02-2022 (kern.leerplicht's default), + 2 years
        (date(2004, 2, 29), None, date(2024, 2, 28)),
        (date(2003, 2, 28), None, date(2023, 2, 28)),
    ],
)
def test_dossier_vervalt_op_het_laatste_van_beide_termijnen(
    geboren: date, startkwalificatie: date | None, vervalt_op: date
) -> None:
    termijnen = bt.beleid()
    assert (
        bt.dossier_vervalt_op(geboren, termijnen=termijnen, startkwalificatie_op=startkwalificatie)
        == vervalt_op
    )


def test_beleid_weigert_een_inzagelog_korter_dan_vijf_jaar_en_onbekende_waarden() -> None:
    with pytest.raises(bt.OngeldigBeleid, match="ten minste 5 jaar"):
        bt.beleid(_termijnen(inzagelog={"jaren": 4}))
    with pytest.raises(bt.OngeldigBeleid, match="actie"):
        bt.beleid(_termijnen(leerplicht={"actie": "anonimiseren"}))
    with pytest.raises(bt.OngeldigBeleid, match="mist"):
        bt.beleid({k: v for k, v in _termijnen().items() if k != "proces_verbaal"})
    with override_settings(BEWAARTERMIJNEN=_termijnen(inzagelog={"jaren": 3})):
        fouten = bt.check_bewaartermijnen()
    assert [f.id for f in fouten] == ["binnenboord.E101"]
    assert bt.check_bewaartermijnen() == []


# --- completeness through model meta -------------------------------------------------------


def test_elke_relatie_naar_een_leerlingdossier_is_afgehandeld() -> None:
    assert bt.ongedekte_relaties() == []
    sleutels = {rel.sleutel for rel in bt.relaties()}
    # every declaration still exists (no stale entries either)
    assert sleutels == set(bt.AFHANDELING)


def test_een_nieuwe_relatie_zonder_afhandeling_valt_op() -> None:
    zonder_contactmoment = {
        k: v for k, v in bt.AFHANDELING.items() if k != "regie.Contactmoment.casus"
    }
    assert bt.ongedekte_relaties(zonder_contactmoment) == [
        "regie.Contactmoment.casus: niet opgenomen in AFHANDELING"
    ]
    protect_als_mee = {**bt.AFHANDELING, "regie.Casus.leerling": "mee"}
    assert bt.ongedekte_relaties(protect_als_mee) == [
        "regie.Casus.leerling: 'mee' kan niet bij on_delete=PROTECT"
    ]


# --- a whole file ------------------------------------------------------------------------


def _dossier(leerling: Leerling, door: Any, *, pv_op: date) -> Casus:
    """A pupil's file with something in every corner that retention must reach."""
    school = SchoolFactory(gemeente=leerling.woongemeente)
    ouder = OuderFactory(leerling=leerling)
    InschrijvingFactory(leerling=leerling, school=school)
    VerzuimFactory(leerling=leerling, school=school, minuten_ongeoorloofd=60)
    vrijstelling = VrijstellingFactory(leerling=leerling)
    signaal = Signaal.objects.create(
        leerling=leerling,
        soort="verzuim_16_uur",
        begindatum=date(2015, 1, 5),
        datum=date(2015, 2, 2),
        van=date(2015, 1, 5),
        tot=date(2015, 2, 2),
        uitleg="16 uur",
    )
    SignaalGebeurtenis.objects.create(signaal=signaal, soort="aangemaakt")
    melding = Melding.objects.create(
        soort="thuiszitter",
        leerling=leerling,
        school=school,
        signaal=signaal,
        gemeente=leerling.woongemeente,
        aangemaakt_door=door,
    )
    MeldingGebeurtenis.objects.create(melding=melding, soort="aangemaakt", wie=door)
    casus = Casus.objects.create(
        leerling=leerling,
        aanpak="amsterdam",
        start=date(2015, 2, 2),
        signaal=signaal,
        melding=melding,
        status="gesloten",
        passend_aanbod="eigen_school",
        passend_aanbod_op=date(2021, 6, 1),
        regisseur=door,
        geopend_door=door,
    )
    plan = PlanVanAanpak.objects.create(
        casus=casus, versie=1, doel="terug naar school", gemaakt_door=door
    )
    Actie.objects.create(
        casus=casus,
        plan=plan,
        wat="huisbezoek",
        wie=door,
        uiterlijk=date(2015, 3, 1),
        aangemaakt_door=door,
    )
    Contactmoment.objects.create(
        casus=casus, soort="huisbezoek", datum=date(2015, 2, 3), verslag="thuis", door=door
    )
    CasusGebeurtenis.objects.create(casus=casus, soort="geopend")
    casus.deelnemers.create(soort="ouder", ouder=ouder, toegevoegd_door=door)
    vrijstelling.verklaringen.create(
        casus=casus, datum=date(2015, 3, 1), deskundige="arts", door=door
    )
    Justitiestap.objects.create(
        casus=casus, soort="proces_verbaal", datum=pv_op, toelichting="pv", door=door
    )
    # a MAZL referral of the case with the youth doctor's medical notes (PROTECT on the pupil)
    verwijzing = Mazlverwijzing.objects.create(
        leerling=leerling,
        school=school,
        jeugdarts=door,
        casus=casus,
        signaal=signaal,
        reden="ziek",
        verwezen_door=door,
    )
    MedischeInhoud.objects.create(
        mazlverwijzing=verwijzing, tekst="medisch", organisatie=door.organisatie, door=door
    )
    # the parent in the portal (docs/relatie.md): an account, its access and what they wrote
    gebruiker = Portaalgebruiker.objects.create(inlognaam=f"CODE-{leerling.pk}")
    toegang = Portaaltoegang.objects.create(
        casus=casus, ouder=ouder, gebruiker=gebruiker, status="actief", aanvaard_op=timezone.now()
    )
    Verhaal.objects.create(casus=casus, toegang=toegang, wat_speelt="het gaat niet goed")
    Bericht.objects.create(casus=casus, toegang=toegang, tekst="wanneer is het gesprek?")
    return casus


def _inhoud_en_log(leerling: Leerling) -> tuple[dict[str, int], int]:
    return bt.dossier_inhoud(leerling.pk), Inzage.objects.filter(leerling_id=leerling.pk).count()


@pytest.mark.django_db
def test_een_heel_dossier_verdwijnt_en_een_ander_blijft_onaangeroerd() -> None:
    door = MedewerkerFactory()
    oud = LeerlingFactory(geboortedatum=date(2000, 5, 1))  # due on 2020-05-01
    jong = LeerlingFactory(geboortedatum=date(2012, 5, 1))
    _dossier(oud, door, pv_op=date(2015, 4, 1))
    _dossier(jong, door, pv_op=date(2024, 4, 1))  # PV data younger than five years
    voeg_toe([Inzage(gebruikersnaam="x", handeling="bekijken", bron="t", leerling_id=oud.pk)])
    voor_oud, voor_jong = _inhoud_en_log(oud), _inhoud_en_log(jong)
    assert len(voor_oud[0]) >= 15  # the file really reaches every corner
    assert {"regie.Mazlverwijzing", "regie.MedischeInhoud"} <= set(voor_oud[0])
    leerling_type = ContentType.objects.get_for_model(Leerling)
    assert LogEntry.objects.filter(content_type=leerling_type, object_pk=str(oud.pk)).exists()

    # dry run: listed with reason, nothing changed
    uit = StringIO()
    with translation.override("en"):
        call_command("bewaartermijnen", peildatum=VANDAAG, stdout=uit)
    assert f"pupil {oud.pk}:" in uit.getvalue()
    assert f"pupil {jong.pk}" not in uit.getvalue()
    assert not noemt(uit.getvalue(), oud.achternaam)
    assert _inhoud_en_log(oud) == voor_oud

    uit = StringIO()
    call_command("bewaartermijnen", peildatum=VANDAAG, uitvoeren=True, stdout=uit)

    assert bt.dossier_inhoud(oud.pk) == {}
    # the old pupil's parent's portal account went with the file; the young one's stays
    assert list(Portaalgebruiker.objects.values_list("inlognaam", flat=True)) == [f"CODE-{jong.pk}"]
    assert not LogEntry.objects.filter(content_type=leerling_type, object_pk=str(oud.pk)).exists()
    assert _inhoud_en_log(jong) == voor_jong
    # the access log keeps what happened, and says the file was removed (by id, no name)
    verwijderd = Inzage.objects.get(leerling_id=oud.pk, handeling="verwijderen")
    assert verwijderd.bron == bt.BRON and "2020" in verwijderd.reden
    assert keten.controleer().in_orde

    # re-run: nothing to do
    assert bt.te_verwerken(VANDAAG).leeg
    aantal = Inzage.objects.count()
    assert bt.voer_uit(bt.te_verwerken(VANDAAG)) == bt.Resultaat(pv_actie="verwijderen")
    assert Inzage.objects.count() == aantal


@pytest.mark.django_db
def test_een_dag_voor_de_termijn_niet_op_de_dag_wel() -> None:
    leerling = LeerlingFactory(geboortedatum=date(2004, 3, 10))
    assert bt.te_verwerken(date(2024, 3, 9)).dossiers == []
    [dossier] = bt.te_verwerken(date(2024, 3, 10)).dossiers
    assert (dossier.leerling_id, dossier.vervalt_op) == (leerling.pk, date(2024, 3, 10))


@pytest.mark.django_db
def test_een_open_casus_stelt_uit() -> None:
    door = MedewerkerFactory()
    leerling = LeerlingFactory(geboortedatum=date(2000, 1, 1))
    Casus.objects.create(
        leerling=leerling, aanpak="amsterdam", start=VANDAAG, regisseur=door, geopend_door=door
    )
    overzicht = bt.te_verwerken(VANDAAG)
    assert overzicht.dossiers == []
    assert [d.leerling_id for d in overzicht.uitgesteld] == [leerling.pk]


# --- proces-verbaal data -----------------------------------------------------------------


def _stappen(door: Any) -> tuple[Casus, Justitiestap, Justitiestap, Justitiestap]:
    leerling = LeerlingFactory(geboortedatum=date(2010, 5, 1))  # file is kept
    casus = Casus.objects.create(
        leerling=leerling,
        aanpak="amsterdam",
        start=date(2021, 1, 4),
        status="gesloten",
        passend_aanbod="eigen_school",
        passend_aanbod_op=date(2021, 6, 1),
        regisseur=door,
        geopend_door=door,
    )

    def stap(soort: str, datum: date, **extra: Any) -> Justitiestap:
        return Justitiestap.objects.create(
            casus=casus, soort=soort, datum=datum, toelichting="inhoud", door=door, **extra
        )

    oud_pv = stap("proces_verbaal", date(2021, 11, 23), ouders_eerder_veroordeeld=True)
    jong_pv = stap("proces_verbaal", date(2021, 11, 24))
    waarschuwing = stap("waarschuwing", date(2021, 1, 10))
    return casus, oud_pv, jong_pv, waarschuwing


@pytest.mark.django_db
def test_pv_gegevens_gaan_na_vijf_jaar_de_casus_blijft() -> None:
    casus, oud_pv, jong_pv, waarschuwing = _stappen(MedewerkerFactory())
    overzicht = bt.te_verwerken(VANDAAG)
    assert [p.justitiestap_id for p in overzicht.pv] == [oud_pv.pk]
    assert bt.te_verwerken(VANDAAG - timedelta(days=1)).pv == []

    resultaat = bt.voer_uit(overzicht)

    assert resultaat.pv == {casus.leerling_id: [oud_pv.pk]}
    assert set(Justitiestap.objects.values_list("pk", flat=True)) == {jong_pv.pk, waarschuwing.pk}
    assert Casus.objects.filter(pk=casus.pk).exists()
    regel = Inzage.objects.get(casus_id=casus.pk, handeling="verwijderen")
    assert regel.leerling_id == casus.leerling_id
    assert bt.te_verwerken(VANDAAG).pv == []


@pytest.mark.django_db
def test_pv_gegevens_anonimiseren() -> None:
    _casus, oud_pv, jong_pv, _ = _stappen(MedewerkerFactory())
    instelling = _termijnen(proces_verbaal={"actie": "anonimiseren"})
    with override_settings(BEWAARTERMIJNEN=instelling):
        bt.voer_uit(bt.te_verwerken(VANDAAG))
        assert bt.te_verwerken(VANDAAG).pv == []  # re-run: nothing left
    oud_pv.refresh_from_db()
    jong_pv.refresh_from_db()
    assert (oud_pv.toelichting, oud_pv.ouders_eerder_veroordeeld, oud_pv.datum) == (
        "",
        False,
        date(2021, 11, 23),
    )
    assert jong_pv.toelichting == "inhoud"


# --- the access log ----------------------------------------------------------------------


def _log_op(moment: Any, n: int) -> None:
    voeg_toe(
        [
            Inzage(tijdstip=moment, gebruikersnaam="x", handeling="bekijken", bron="t")
            for _ in range(n)
        ]
    )


@pytest.mark.django_db
def test_inzagelog_opschonen_houdt_de_keten_geldig() -> None:
    nu = timezone.now()
    _log_op(nu - timedelta(days=6 * 366), 3)
    _log_op(nu - timedelta(days=4 * 365), 2)  # younger than five years: stays
    _log_op(nu, 1)
    overzicht = bt.te_verwerken(timezone.localdate())
    assert overzicht.inzagelog is not None and overzicht.inzagelog.aantal == 3

    resultaat = bt.voer_uit(overzicht)

    assert resultaat.inzagelog_verwijderd == 3
    anker = Inzageanker.objects.get()
    assert anker.aantal_verwijderd == 3
    # 3 younger entries remain, plus the entry that records the pruning itself
    assert Inzage.objects.count() == 4
    assert Inzage.objects.filter(bron=bt.BRON, aantal=3).exists()
    uitslag = keten.controleer()
    assert uitslag.in_orde and uitslag.aantal == 4
    uit = StringIO()
    call_command("controleer_inzagelog", stdout=uit)
    assert "4" in uit.getvalue()
    assert bt.te_verwerken(timezone.localdate()).inzagelog.aantal == 0  # type: ignore[union-attr]


@pytest.mark.django_db
def test_inzagelog_met_langere_termijn_en_json() -> None:
    _log_op(timezone.now() - timedelta(days=6 * 366), 2)
    with override_settings(BEWAARTERMIJNEN=_termijnen(inzagelog={"jaren": 7})):
        uit = StringIO()
        call_command("bewaartermijnen", json=True, stdout=uit)
    data = json.loads(uit.getvalue())
    assert data["inzagelog"]["aantal"] == 0
    assert data["beleid"]["inzagelog"]["jaren"] == 7
    assert "uitgevoerd" not in data
