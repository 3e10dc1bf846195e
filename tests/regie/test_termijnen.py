# SPDX-License-Identifier: EUPL-1.2
"""The daily deadline job on a fixed calendar (a Utrecht VO pupil reaching the teammanagers at
8 weeks, an Amsterdam pupil entering phase 2 at 4 weeks, overdue plan steps and actions): each
item recorded and notified once (by e-mail through the notification delivery: the daily digest
by default); the facts of many cases in a fixed number of queries; the
Vandaag work list; moving a case to another model."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest

from binnenboord.notificaties.bezorging import verstuur_digest
from binnenboord.notificaties.models import Notificatie
from binnenboord.regie import services
from binnenboord.regie.beoordeling import (
    beoordeel_casus,
    beoordeel_in_bulk,
    feiten_in_bulk,
    feiten_van,
)
from binnenboord.regie.models import Casus, CasusGebeurtenis, Termijnsignaal
from binnenboord.regie.services.termijnen import (
    FASE_INGEGAAN,
    bewaak_termijnen,
    open_casussen,
    verplaats_naar_aanpak,
)
from binnenboord.registratie.models import Leerling
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import InschrijvingFactory, LeerlingFactory
from tests.regie.factories import open_casus, scholen, start_weken_terug
from tests.tekst import noemt
from tests.wereld import Wereld

# Monday 2 March 2026. Utrecht: the teammanagers from 8 school weeks, Monday 4 May 2026 (the
# meivakantie, the week of 27 April, does not count). Amsterdam: phase 2 from 4 school weeks,
# Monday 30 March 2026; the plan is due 4 weeks later (Koningsdag: the next werkdag).
START = date(2026, 3, 2)
ACHT_WEKEN = date(2026, 5, 4)
VIER_WEKEN = date(2026, 3, 30)

Soort = Termijnsignaal.Soort


def _nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


@pytest.fixture
def met_adressen(wereld: Wereld) -> Wereld:
    for rol, medewerker in wereld.medewerkers.items():
        medewerker.email = f"{rol}@example.nl"
        medewerker.save()
    return wereld


def _utrecht_vo(wereld: Wereld) -> Casus:
    # school 1 is a VO school (tests.factories.SchoolFactory)
    return open_casus(
        wereld.leerlingen["demodam_school1"],
        wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        start=START,
        aanpak="utrecht_kernpartners",
    )


def _amsterdam(wereld: Wereld, leerling: str = "demodam_school1") -> Casus:
    return open_casus(
        wereld.leerlingen[leerling], wereld.medewerkers[Rol.SCHOOLMEDEWERKER], start=START
    )


def _signalen(casus: Casus) -> set[tuple[str, str]]:
    return set(casus.termijnsignalen.values_list("soort", "code"))  # type: ignore[attr-defined]


# --- the job -------------------------------------------------------------------------------


def test_een_utrechtse_vo_casus_escaleert_na_acht_weken_een_keer_naar_de_teammanagers(
    met_adressen: Wereld,
) -> None:
    # given a Utrecht VO case that started 8 weeks ago, directed by the school
    casus = _utrecht_vo(met_adressen)

    # when the job runs the day before, and on the day the 8 weeks are reached
    bewaak_termijnen(peildatum=date(2026, 5, 3))
    assert (Soort.ESCALATIE, "teammanagers") not in _signalen(casus)
    mail.outbox.clear()
    uitkomst = bewaak_termijnen(peildatum=ACHT_WEKEN)

    # then exactly one "teammanagers" escalation and the phase are recorded
    escalaties = casus.termijnsignalen.filter(soort=Soort.ESCALATIE)  # type: ignore[attr-defined]
    assert list(escalaties.values_list("code", "fase", "datum")) == [
        ("teammanagers", "teammanagers", ACHT_WEKEN)
    ]
    assert uitkomst.vastgelegd == {Soort.FASE: 1, Soort.ESCALATIE: 1}
    # and a notification for each (the regisseur) and for the escalation (Leerplicht too)
    assert uitkomst.notificaties == 3
    # the daily digest then e-mails each of them one message
    verstuur_digest()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "leerplichtambtenaar@example.nl",
        "schoolmedewerker@example.nl",
    ]
    aan_leerplicht = next(m for m in mail.outbox if m.to == ["leerplichtambtenaar@example.nl"])
    assert reverse("regie:casus", args=[casus.pk]) in aan_leerplicht.body
    assert str(casus.leerling.achternaam) not in aan_leerplicht.body  # no child's name by mail

    # when it runs again, that day and the next, and the digest too
    mail.outbox.clear()
    notificaties = Notificatie.objects.count()
    assert bewaak_termijnen(peildatum=ACHT_WEKEN).totaal == 0
    assert bewaak_termijnen(peildatum=date(2026, 5, 5)).totaal == 0
    assert verstuur_digest().mails == 0
    # then nothing new is recorded, notified or sent
    assert mail.outbox == []
    assert Notificatie.objects.count() == notificaties
    assert escalaties.count() == 1


def test_de_eerste_run_legt_de_te_late_stappen_vast_en_mailt_de_regisseur_een_keer(
    met_adressen: Wereld,
) -> None:
    casus = _utrecht_vo(met_adressen)
    bewaak_termijnen(peildatum=date(2026, 3, 20))
    verstuur_digest()
    # the melding (1 werkdag) and the actietafel (2 weeks) are overdue: one message for both
    assert _signalen(casus) == {
        (Soort.STAP_TE_LAAT, "melding_thuiszitter"),
        (Soort.STAP_TE_LAAT, "actietafel"),
    }
    [bericht] = mail.outbox
    assert bericht.to == ["schoolmedewerker@example.nl"]
    assert bericht.body.count("\n- ") == 2
    assert not casus.termijnsignalen.filter(gemaild_op__isnull=True).exists()  # type: ignore[attr-defined]


def test_een_amsterdamse_casus_gaat_na_vier_weken_fase_twee_in_met_een_historieregel(
    met_adressen: Wereld,
) -> None:
    casus = _amsterdam(met_adressen)
    bewaak_termijnen(peildatum=date(2026, 3, 29))
    assert not casus.gebeurtenissen.filter(soort=FASE_INGEGAAN).exists()

    for dag in (VIER_WEKEN, VIER_WEKEN, date(2026, 3, 31)):
        bewaak_termijnen(peildatum=dag)

    fasen = casus.termijnsignalen.filter(soort=Soort.FASE)  # type: ignore[attr-defined]
    assert list(fasen.values_list("code", "datum")) == [("leerplicht", VIER_WEKEN)]
    [rij] = casus.gebeurtenissen.filter(soort=FASE_INGEGAAN)
    assert (rij.datum, rij.wie) == (VIER_WEKEN, None)
    assert "Fase 2: Leerplicht heeft de regie" in rij.tekst


def test_een_te_late_planstap_en_planactie_worden_een_keer_vastgelegd(met_adressen: Wereld) -> None:
    casus = _amsterdam(met_adressen)
    school = met_adressen.medewerkers[Rol.SCHOOLMEDEWERKER]
    actie = services.voeg_actie_toe(
        casus=casus,
        door=school,
        wat="Gesprek met de ouders",
        uiterlijk=date(2026, 4, 20),
        wie=school,
    )
    # the plan is due 4 weeks after phase 2 began: 27 April is Koningsdag, so 28 April;
    # overdue on the 29th
    for dag in (date(2026, 4, 28), date(2026, 4, 29), date(2026, 4, 29), date(2026, 4, 30)):
        bewaak_termijnen(peildatum=dag)
    plan = casus.termijnsignalen.filter(soort=Soort.STAP_TE_LAAT, code="plan_van_aanpak")  # type: ignore[attr-defined]
    assert list(plan.values_list("fase", "datum", "peildatum")) == [
        ("leerplicht", date(2026, 4, 28), date(2026, 4, 29))
    ]
    acties = casus.termijnsignalen.filter(soort=Soort.ACTIE_TE_LAAT)  # type: ignore[attr-defined]
    assert list(acties.values_list("code", "omschrijving")) == [
        (str(actie.pk), "Gesprek met de ouders")
    ]


def test_een_te_late_actie_bereikt_ook_wie_haar_moet_doen_zonder_de_tekst_van_de_actie(
    met_adressen: Wereld,
) -> None:
    # given an action of the school's case assigned to the SWV consultant, due 20 April
    casus = _amsterdam(met_adressen)
    school = met_adressen.medewerkers[Rol.SCHOOLMEDEWERKER]
    swv = met_adressen.medewerkers[Rol.SWV_CONSULENT]
    services.voeg_deelnemer_toe(casus=casus, door=school, soort="professional", medewerker=swv)
    services.voeg_actie_toe(
        casus=casus,
        door=school,
        wat=f"Bel de moeder van {casus.leerling.achternaam}",
        uiterlijk=date(2026, 4, 20),
        wie=swv,
    )
    # when the job runs after that day, twice
    bewaak_termijnen(peildatum=date(2026, 4, 22))
    bewaak_termijnen(peildatum=date(2026, 4, 23))
    # then the regisseur and the assignee each have one notification of the overdue action
    te_laat = Notificatie.objects.filter(
        soort="termijn_verlopen", gegevens__termijn="actie_te_laat"
    )
    assert sorted(te_laat.values_list("ontvanger__username", flat=True)) == sorted(
        [school.username, swv.username]
    )
    [aan_swv] = te_laat.filter(ontvanger=swv)
    assert aan_swv.url == reverse("regie:casus", args=[casus.pk])
    assert aan_swv.gegevens == {
        "casus": casus.pk,
        "termijn": "actie_te_laat",
        "datum": "2026-04-20",
    }
    # and nobody else (Leerplicht has no part in an overdue action)
    assert not Notificatie.objects.filter(
        ontvanger=met_adressen.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        gegevens__termijn="actie_te_laat",
    ).exists()
    # the digest mails the consultant the case link, never the action's text or the pupil
    verstuur_digest()
    [bericht] = [m for m in mail.outbox if m.to == ["swv_consulent@example.nl"]]
    assert reverse("regie:casus", args=[casus.pk]) in bericht.body
    assert casus.leerling.achternaam not in bericht.body
    assert "moeder" not in bericht.body


def test_een_gesloten_casus_wordt_niet_beoordeeld_en_een_mail_zonder_adres_wordt_geteld(
    wereld: Wereld,
) -> None:
    casus = _amsterdam(wereld)
    services.sluit_casus(
        casus=casus,
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        passend_aanbod=Casus.PassendAanbod.EIGEN_SCHOOL,
        op=date(2026, 3, 20),
    )
    assert bewaak_termijnen(peildatum=ACHT_WEKEN).totaal == 0
    # an open case whose regisseur has no e-mail address: recorded, not sent, reported
    _amsterdam(wereld, "buurdorp_school1")
    uitkomst = bewaak_termijnen(peildatum=ACHT_WEKEN)
    assert uitkomst.totaal > 0
    # notified in the application; the digest cannot mail her and counts her
    assert uitkomst.notificaties == uitkomst.totaal
    bezorgd = verstuur_digest()
    assert (bezorgd.mails, bezorgd.zonder_adres) == (0, 1)
    assert mail.outbox == []


def test_het_commando_neemt_een_peildatum_en_toont_de_aantallen(met_adressen: Wereld) -> None:
    from io import StringIO

    _utrecht_vo(met_adressen)
    uit = StringIO()
    call_command("termijnen", "--peildatum", "2026-05-04", stdout=uit)
    assert "04-05-2026" in uit.getvalue()
    assert Termijnsignaal.objects.filter(soort=Soort.ESCALATIE).count() == 1
    with pytest.raises(Exception, match="2026-13-01"):
        call_command("termijnen", "--peildatum", "2026-13-01")


# --- set-wise ------------------------------------------------------------------------------


def _meer_casussen(wereld: Wereld, aantal: int) -> list[Casus]:
    school1, _school2 = scholen()
    gemeente = wereld.leerlingen["demodam_school1"].woongemeente
    uitkomst = []
    for _ in range(aantal):
        leerling: Leerling = LeerlingFactory(woongemeente=gemeente)
        InschrijvingFactory(leerling=leerling, school=school1)
        uitkomst.append(open_casus(leerling, wereld.medewerkers[Rol.SCHOOLMEDEWERKER], start=START))
    return uitkomst


def test_de_feiten_in_bulk_zijn_de_feiten_van_elke_casus(wereld: Wereld) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    [een, twee] = _meer_casussen(wereld, 2)
    services.draag_regie_over(
        casus=een, aan=leerplicht, door=een.regisseur, reden="4 weken", datum=date(2026, 3, 31)
    )
    services.registreer_stap(casus=twee, door=twee.regisseur, stap="uvo", datum=date(2026, 4, 2))
    casussen = list(open_casussen())
    feiten, _scholen = feiten_in_bulk(casussen, op=ACHT_WEKEN)
    assert feiten == {c.pk: feiten_van(c, op=ACHT_WEKEN) for c in casussen}
    assert beoordeel_in_bulk(casussen, ACHT_WEKEN) == {
        c.pk: beoordeel_casus(c, ACHT_WEKEN) for c in casussen
    }


def _queries(functie: Any) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        functie()
    return len(vastgelegd.captured_queries)


def test_de_taak_vraagt_evenveel_queries_voor_een_casus_als_voor_tien(met_adressen: Wereld) -> None:
    _meer_casussen(met_adressen, 1)
    een = _queries(lambda: bewaak_termijnen(peildatum=ACHT_WEKEN))
    Termijnsignaal.objects.all().delete()
    _meer_casussen(met_adressen, 9)
    tien = _queries(lambda: bewaak_termijnen(peildatum=ACHT_WEKEN))
    assert Termijnsignaal.objects.values("casus").distinct().count() == 10
    assert tien == een
    # and the facts alone: a fixed number
    assert _queries(lambda: beoordeel_in_bulk(list(open_casussen()), ACHT_WEKEN)) <= 8


# --- Vandaag -------------------------------------------------------------------------------


def test_vandaag_toont_de_te_late_stap_aan_de_regisseur_en_niet_aan_anderen(
    wereld: Wereld,
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    casus = open_casus(wereld.leerlingen["demodam_school1"], school, start=start_weken_terug(8))
    client = Client()
    client.force_login(school)
    antwoord = client.get(reverse("web:vandaag"))
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert reverse("regie:casus", args=[casus.pk]) in inhoud
    assert _nl("overdue") in inhoud  # "te laat", with the icon beside it
    assert "&#9888;" in inhoud or "\u26a0" in inhoud
    assert "Regie overgedragen aan de leerplichtambtenaar" in inhoud
    # the work list names the pupil: logged
    assert Inzage.objects.filter(bron="web:vandaag", leerling=casus.leerling).count() == 1

    # an unrelated professional (the youth doctor takes no part) sees none of it
    client.force_login(wereld.medewerkers[Rol.JEUGDARTS])
    inhoud = client.get(reverse("web:vandaag")).content.decode()
    assert reverse("regie:casus", args=[casus.pk]) not in inhoud
    assert not noemt(inhoud, casus.leerling.achternaam)
    assert _nl("overdue") not in inhoud


def test_vandaag_vraagt_evenveel_queries_voor_een_casus_als_voor_tien(wereld: Wereld) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client = Client()
    client.force_login(school)
    _meer_casussen(wereld, 1)
    een = _queries(lambda: client.get(reverse("web:vandaag")))
    _meer_casussen(wereld, 9)
    tien = _queries(lambda: client.get(reverse("web:vandaag")))
    # the access log writes one row per pupil named, in one statement
    assert tien == een


# --- moving to another model ---------------------------------------------------------------


def test_leerplicht_verplaatst_een_casus_met_een_reden_naar_een_andere_aanpak(
    wereld: Wereld,
) -> None:
    casus = _amsterdam(wereld)
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    client = Client()
    client.force_login(leerplicht)
    pagina = client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
    assert reverse("regie:aanpak_verplaatsen", args=[casus.pk]) in pagina

    antwoord = client.post(
        reverse("regie:aanpak_verplaatsen", args=[casus.pk]),
        {"aanpak-aanpak": "utrecht_kernpartners", "aanpak-reden": "Verhuisd naar Utrecht"},
    )
    assert antwoord.status_code == 302
    casus.refresh_from_db()
    assert casus.aanpak == "utrecht_kernpartners"
    [rij] = casus.gebeurtenissen.filter(soort=CasusGebeurtenis.Soort.AANPAK_GEWIJZIGD)
    assert rij.wie == leerplicht
    assert "Verhuisd naar Utrecht" in rij.tekst
    assert Inzage.objects.filter(bron="regie:aanpak_verplaatsen", handeling="wijzigen").exists()


@pytest.mark.parametrize(("rol", "status"), [(Rol.SCHOOLMEDEWERKER, 403), (Rol.JEUGDARTS, 404)])
def test_anderen_verplaatsen_geen_casus_en_er_verandert_niets(
    wereld: Wereld, rol: str, status: int
) -> None:
    casus = _amsterdam(wereld)
    voor = CasusGebeurtenis.objects.count()
    client = Client()
    client.force_login(wereld.medewerkers[rol])
    # the school directs the case but sees no form to move it
    if rol == Rol.SCHOOLMEDEWERKER:
        pagina = client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
        assert reverse("regie:aanpak_verplaatsen", args=[casus.pk]) not in pagina
    antwoord = client.post(
        reverse("regie:aanpak_verplaatsen", args=[casus.pk]),
        {"aanpak-aanpak": "utrecht_kernpartners", "aanpak-reden": "x"},
    )
    assert antwoord.status_code == status
    casus.refresh_from_db()
    assert casus.aanpak == "amsterdam_drie_fasen"
    assert CasusGebeurtenis.objects.count() == voor


def test_verplaatsen_vraagt_een_reden_een_andere_aanpak_en_een_open_casus(wereld: Wereld) -> None:
    casus = _amsterdam(wereld)
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    with pytest.raises(services.CasusNietMogelijk):
        verplaats_naar_aanpak(
            casus=casus, aanpak="utrecht_kernpartners", door=leerplicht, reden=" "
        )
    with pytest.raises(services.CasusNietMogelijk):
        verplaats_naar_aanpak(
            casus=casus, aanpak="amsterdam_drie_fasen", door=leerplicht, reden="x"
        )
    with pytest.raises(services.CasusNietMogelijk):
        verplaats_naar_aanpak(casus=casus, aanpak="bestaat_niet", door=leerplicht, reden="x")
    casus.refresh_from_db()
    assert casus.aanpak == "amsterdam_drie_fasen"


def test_vandaag_toont_de_overleggen_van_deze_week_met_de_casussen_op_hun_agenda(
    wereld: Wereld,
) -> None:
    overleg_models = pytest.importorskip("binnenboord.regie.models.overleg")
    from django.utils import timezone

    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    casus = _amsterdam(wereld)
    vandaag = timezone.localdate()
    overleg = overleg_models.Overleg.objects.create(
        soort="uvo", organisatie=wereld.leerplicht, datum=vandaag, aangemaakt_door=leerplicht
    )
    overleg_models.Overleg.objects.create(
        soort="uvo",
        organisatie=wereld.leerplicht,
        datum=vandaag + timedelta(days=7),
        aangemaakt_door=leerplicht,
        locatie="Volgende week",
    )
    overleg_models.Agendapunt.objects.create(
        overleg=overleg, casus=casus, volgorde=1, toegevoegd_door=leerplicht
    )
    client = Client()
    client.force_login(leerplicht)
    inhoud = client.get(reverse("web:vandaag")).content.decode()
    overleggen = inhoud.split('id="overleggen"', 1)[1]
    assert overleg.datum.strftime("%d-%m-%Y") in overleggen
    assert reverse("regie:casus", args=[casus.pk]) in overleggen
    assert casus.leerling.naam in overleggen
    assert "Volgende week" not in overleggen
