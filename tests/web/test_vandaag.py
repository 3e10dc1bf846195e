# SPDX-License-Identifier: EUPL-1.2
"""Vandaag (issue 15, §8): one line per case with its most urgent item, the others counted and
"n werkdagen te laat"; sorted by urgency; the filters mine, my organisation, escalations and
this week's meetings, each within what the user may see; assigned actions, escalations to the
user's body, meldingen, reported moves and MAZL referrals that wait for the user as items, and
every pupil named in the access log."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from binnenboord.regie.beoordeling import beoordeel_in_bulk
from binnenboord.regie.models import (
    Actie,
    Agendapunt,
    Casus,
    Deelnemer,
    Escalatie,
    Mazlverwijzing,
    Overleg,
)
from binnenboord.regie.services.werklijst import werklijst
from binnenboord.registratie.models import Bevestiging, Gemeente, School, Verhuismelding
from binnenboord.signalering.models import Melding
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory
from tests.regie.factories import open_casus, school2_medewerker
from tests.wereld import Wereld

# Friday 24 April 2026 is a deadline; Monday 27 April is Koningsdag (a recognised holiday).
VRIJDAG = date(2026, 4, 24)
DINSDAG_NA_KONINGSDAG = date(2026, 4, 28)


def _actie(casus: Casus, wat: str, uiterlijk: date, wie: Medewerker | None = None) -> Actie:
    return Actie.objects.create(
        casus=casus,
        wat=wat,
        uiterlijk=uiterlijk,
        wie=wie,
        wie_naam="" if wie is not None else "Iemand",
        aangemaakt_door=casus.regisseur,
    )


def _regels(inhoud: str) -> list[int]:
    """The case of each line of Vandaag's worklist, in the order shown."""
    return [int(pk) for pk in re.findall(r'data-casus="(\d+)"', inhoud)]


def _pagina(client: Client, medewerker: Medewerker, toon: str | None = None) -> Any:
    client.force_login(medewerker)
    url = reverse("web:vandaag") + (f"?toon={toon}" if toon else "")
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    return antwoord


def _deelnemer(casus: Casus, medewerker: Medewerker, grond: str = "toegevoegd") -> Deelnemer:
    return Deelnemer.objects.create(
        casus=casus,
        soort=Deelnemer.Soort.PROFESSIONAL,
        medewerker=medewerker,
        grond=grond,
        toegevoegd_door=casus.regisseur,
    )


def _stapitems(casus: Casus, peildatum: date) -> int:
    """How many model steps of the case are overdue or due soon, by its Beoordeling."""
    beoordeling = beoordeel_in_bulk([casus], peildatum)[casus.pk]
    return sum(
        1
        for s in beoordeling.stappen
        if s.status in ("verlopen", "binnenkort") and s.termijn is not None
    )


# --- one line per case, the most urgent item, the count of the others ----------------------


def test_een_regel_per_casus_met_het_urgentste_punt_en_het_aantal_andere(
    wereld: Wereld, client: Client
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    vandaag = timezone.localdate()
    casus = open_casus(
        wereld.leerlingen["demodam_school1"], school, start=vandaag - timedelta(weeks=10)
    )
    andere = open_casus(wereld.leerlingen["buurdorp_school1"], school, start=vandaag)
    # an action due long before any step of the model: the most urgent item
    _actie(casus, "Dringend-gesprek", casus.start - timedelta(days=30))
    _actie(casus, "Later-gesprek", vandaag + timedelta(days=1))
    _actie(casus, "Nog-later", vandaag + timedelta(days=2))
    # far away and not assigned to the user: no item
    _actie(casus, "Ver-weg", vandaag + timedelta(days=60))

    antwoord = _pagina(client, school)
    inhoud = antwoord.content.decode()
    # one line per case, not one per item
    assert sorted(_regels(inhoud)) == sorted([casus.pk, andere.pk])
    [regel] = [m for m in antwoord.context["mijn_casussen"] if m.casus.pk == casus.pk]
    assert regel.urgentste is not None
    assert regel.urgentste.naam == "Dringend-gesprek"
    assert regel.andere == _stapitems(casus, vandaag) + 2
    assert "Ver-weg" not in inhoud
    # the line shows the count in Dutch and links to the case
    assert f"en {regel.andere} andere" in inhoud
    assert reverse("regie:casus", args=[casus.pk]) in inhoud
    # the most werkdagen late first
    assert _regels(inhoud)[0] == casus.pk
    assert re.search(r"\d+ werkdagen te laat", inhoud)


def test_werkdagen_te_laat_tellen_geen_weekend_en_geen_erkende_feestdag(wereld: Wereld) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    casus = open_casus(wereld.leerlingen["demodam_school1"], school, start=date(2026, 4, 13))
    _actie(casus, "Voor-het-weekend", VRIJDAG)
    _actie(casus, "Een-week-eerder", VRIJDAG - timedelta(days=7))
    casus = Casus.objects.select_related("leerling", "regisseur", "signaal").get(pk=casus.pk)

    [regel] = werklijst([casus], DINSDAG_NA_KONINGSDAG, gebruiker=school)
    acties = {i.naam: i for i in regel.items if i.soort == "actie"}
    # Saturday, Sunday and Koningsdag (Monday) do not count: only Tuesday
    assert acties["Voor-het-weekend"].te_laat
    assert acties["Voor-het-weekend"].werkdagen_te_laat == 1
    # a week earlier: Friday 17 April; 20-24 April count, 27 not, 28 does
    assert acties["Een-week-eerder"].werkdagen_te_laat == 6
    # on the Monday (the holiday) the Friday's deadline is not a werkdag late yet
    [regel] = werklijst([casus], date(2026, 4, 27), gebruiker=school)
    acties = {i.naam: i for i in regel.items if i.soort == "actie"}
    assert acties["Voor-het-weekend"].te_laat
    assert acties["Voor-het-weekend"].werkdagen_te_laat == 0


def test_de_regels_staan_op_urgentie(wereld: Wereld) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    start = date(2026, 4, 20)
    peil = date(2026, 4, 21)
    ll = wereld.leerlingen
    # the same start, model and school: the model's steps are the same in each case; the
    # actions decide
    weinig = open_casus(ll["demodam_school1"], school, start=start)
    veel = open_casus(ll["buurdorp_school1"], school, start=start)
    niets = open_casus(ll["demodam_uitgeschreven"], school, start=start)
    _actie(weinig, "Twee-dagen", date(2026, 4, 17))  # Friday: 20 and 21 April late
    _actie(veel, "Een-week", date(2026, 4, 10))  # Friday a week earlier: 7 werkdagen
    casussen = list(
        Casus.objects.select_related("leerling", "regisseur", "signaal").filter(
            pk__in=[weinig.pk, veel.pk, niets.pk]
        )
    )
    lijst = werklijst(casussen, peil, gebruiker=school)
    assert [m.casus.pk for m in lijst][:2] == [veel.pk, weinig.pk]
    assert lijst[0].werkdagen_te_laat == 7
    assert lijst[1].werkdagen_te_laat == 2
    assert lijst[2].casus.pk == niets.pk
    assert lijst[2].werkdagen_te_laat < 2


def test_bij_gelijke_achterstand_gaat_de_dichtstbijzijnde_termijn_voor(wereld: Wereld) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    start = date(2026, 4, 20)
    peil = date(2026, 4, 20)
    ll = wereld.leerlingen
    later = open_casus(ll["demodam_school1"], school, start=start)
    eerder = open_casus(ll["buurdorp_school1"], school, start=start)
    # nothing late; the actions are the nearest deadlines (before any step of the model)
    _actie(later, "Dinsdag", date(2026, 4, 21), wie=school)
    _actie(eerder, "Maandag", date(2026, 4, 20), wie=school)
    casussen = list(
        Casus.objects.select_related("leerling", "regisseur", "signaal").filter(
            pk__in=[later.pk, eerder.pk]
        )
    )
    lijst = werklijst(casussen, peil, gebruiker=school)
    # the actions are the nearest items of each case (no step of the model is due so soon)
    assert [m.urgentste.naam for m in lijst if m.urgentste] == ["Maandag", "Dinsdag"]
    assert [m.casus.pk for m in lijst] == [eerder.pk, later.pk]
    assert all(not m.werkdagen_te_laat for m in lijst)


# --- assigned actions -----------------------------------------------------------------------


def test_een_toegewezen_actie_staat_met_datum_op_vandaag_in_een_casus_die_de_gebruiker_ziet(
    wereld: Wereld, client: Client
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    swv = wereld.medewerkers[Rol.SWV_CONSULENT]
    vandaag = timezone.localdate()
    casus = open_casus(wereld.leerlingen["demodam_school1"], school)
    _deelnemer(casus, swv, grond=Deelnemer.Grond.ACTIE)
    uiterlijk = vandaag + timedelta(days=30)
    _actie(casus, "TLV-aanvraag-indienen", uiterlijk, wie=swv)
    # an action assigned to him in a case he may not see stays off his Vandaag
    verborgen = open_casus(wereld.leerlingen["buurdorp_school1"], school)
    _actie(verborgen, "Geheime-actie", vandaag, wie=swv)

    inhoud = _pagina(client, swv).content.decode()
    assert _regels(inhoud) == [casus.pk]
    assert "TLV-aanvraag-indienen" in inhoud
    assert uiterlijk.strftime("%d-%m-%Y") in inhoud
    assert "uw actie" in inhoud and "aan u toegewezen" in inhoud
    assert "Geheime-actie" not in inhoud
    assert escape(wereld.leerlingen["buurdorp_school1"].naam) not in inhoud
    # done: gone from the list of items
    Actie.objects.filter(wat="TLV-aanvraag-indienen").update(
        status=Actie.Status.GEDAAN, gedaan_op=vandaag
    )
    assert "TLV-aanvraag-indienen" not in _pagina(client, swv).content.decode()


# --- the filters ----------------------------------------------------------------------------


@pytest.fixture
def casussen(wereld: Wereld) -> dict[str, Casus]:
    """Four open cases: two of Demodam pupils at school 1 (one directed by Leerplicht, one by
    the school), one of a Buurdorp pupil at school 1, one of a Buurdorp pupil at school 2."""
    ll = wereld.leerlingen
    m = wereld.medewerkers
    uitkomst = {
        "lp_demodam": open_casus(ll["demodam_school1"], m[Rol.LEERPLICHTAMBTENAAR]),
        "school_demodam": open_casus(ll["demodam_uitgeschreven"], m[Rol.LEERPLICHTAMBTENAAR]),
        "school1_buurdorp": open_casus(ll["buurdorp_school1"], m[Rol.SCHOOLMEDEWERKER]),
        "school2_buurdorp": open_casus(ll["buurdorp_school2"], school2_medewerker()),
    }
    # the school directs the case of the pupil that left it (and no longer sees it)
    Casus.objects.filter(pk=uitkomst["school_demodam"].pk).update(regisseur=m[Rol.SCHOOLMEDEWERKER])
    return uitkomst


def test_filter_mijn_casussen_toont_wat_ik_regisseer_of_waar_ik_aan_deelneem(
    wereld: Wereld, client: Client, casussen: dict[str, Casus]
) -> None:
    lp = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    # the school's case of a Demodam pupil: Leerplicht sees it but takes no part
    inhoud = _pagina(client, lp).content.decode()
    assert _regels(inhoud) == [casussen["lp_demodam"].pk]
    # taking part makes it hers; an ended participation does not
    deelname = _deelnemer(casussen["school_demodam"], lp)
    assert sorted(_regels(_pagina(client, lp).content.decode())) == sorted(
        [casussen["lp_demodam"].pk, casussen["school_demodam"].pk]
    )
    Deelnemer.objects.filter(pk=deelname.pk).update(beeindigd_op=timezone.now())
    # the default is "mine", as is an unknown choice
    assert _regels(_pagina(client, lp, "iets-anders").content.decode()) == _regels(inhoud)
    assert sorted(_regels(_pagina(client, lp, "mijn").content.decode())) == sorted(_regels(inhoud))


def test_filter_mijn_organisatie_blijft_binnen_wat_de_gebruiker_ziet(
    wereld: Wereld, client: Client, casussen: dict[str, Casus]
) -> None:
    lp = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    # Leerplicht Demodam: the cases of Demodam, never those of Buurdorp
    assert sorted(_regels(_pagina(client, lp, "organisatie").content.decode())) == sorted(
        [casussen["lp_demodam"].pk, casussen["school_demodam"].pk]
    )
    assert _regels(_pagina(client, lp, "mijn").content.decode()) == [casussen["lp_demodam"].pk]
    # school 1: the cases of its enrolled pupils, never school 2's (nor a pupil that left)
    assert sorted(_regels(_pagina(client, school, "organisatie").content.decode())) == sorted(
        [casussen["lp_demodam"].pk, casussen["school1_buurdorp"].pk]
    )
    # a youth doctor who takes part in nothing: nothing, whatever the filter
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    for toon in ("mijn", "organisatie", "escalaties", "overleggen"):
        assert _regels(_pagina(client, jeugdarts, toon).content.decode()) == []


def test_filter_escalaties_toont_de_lopende_escalaties_naar_mijn_orgaan(
    wereld: Wereld, client: Client, casussen: dict[str, Casus]
) -> None:
    lp = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    it = wereld.medewerkers[Rol.INTERVENTIETEAMLID]
    vandaag = timezone.localdate()
    lopend = casussen["school1_buurdorp"]
    Escalatie.objects.create(
        casus=lopend, orgaan="interventieteam", datum=vandaag, bevestigd_door=lp
    )
    _deelnemer(lopend, it, grond=Deelnemer.Grond.ESCALATIE)
    # an ended escalation no longer counts, though the member still takes part (added)
    geeindigd = casussen["lp_demodam"]
    Escalatie.objects.create(
        casus=geeindigd,
        orgaan="interventieteam",
        datum=vandaag - timedelta(days=20),
        bevestigd_door=lp,
        beeindigd_op=timezone.now(),
        beeindigd_door=lp,
    )
    _deelnemer(geeindigd, it)
    # a running escalation in Demodam where the member takes no part
    demodam = casussen["school_demodam"]
    Escalatie.objects.create(
        casus=demodam, orgaan="doorbraakoverleg", datum=vandaag, bevestigd_door=lp
    )

    inhoud = _pagina(client, it, "escalaties").content.decode()
    assert _regels(inhoud) == [lopend.pk]
    assert "geëscaleerd naar uw orgaan" in inhoud
    # under "mine" the escalated case is there, with the escalation as an item
    mijn = _pagina(client, it, "mijn")
    assert sorted(_regels(mijn.content.decode())) == sorted([lopend.pk, geeindigd.pk])
    [regel] = [m for m in mijn.context["mijn_casussen"] if m.casus.pk == lopend.pk]
    assert any(i.soort == "escalatie" for i in regel.items)
    [regel] = [m for m in mijn.context["mijn_casussen"] if m.casus.pk == geeindigd.pk]
    assert not any(i.soort == "escalatie" for i in regel.items)
    assert reverse("regie:escalaties") in inhoud
    # Leerplicht Demodam: the running escalations of its municipality's cases, not Buurdorp's
    assert _regels(_pagina(client, lp, "escalaties").content.decode()) == [demodam.pk]
    # the participant of Buurdorp's case that was not escalated to: no escalation line
    assert (
        _regels(_pagina(client, wereld.medewerkers[Rol.JEUGDARTS], "escalaties").content.decode())
        == []
    )


def test_filter_overleggen_toont_de_casussen_op_de_agenda_van_deze_week(
    wereld: Wereld, client: Client, casussen: dict[str, Casus]
) -> None:
    lp = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    vandaag = timezone.localdate()
    deze_week = Overleg.objects.create(
        soort="uvo", organisatie=wereld.leerplicht, datum=vandaag, aangemaakt_door=lp
    )
    volgende_week = Overleg.objects.create(
        soort="uvo",
        organisatie=wereld.leerplicht,
        datum=vandaag + timedelta(days=7),
        aangemaakt_door=lp,
    )
    Agendapunt.objects.create(
        overleg=deze_week, casus=casussen["school_demodam"], volgorde=1, toegevoegd_door=lp
    )
    Agendapunt.objects.create(
        overleg=volgende_week, casus=casussen["lp_demodam"], volgorde=1, toegevoegd_door=lp
    )
    # a Buurdorp case on this week's agenda: Leerplicht Demodam does not see it
    Agendapunt.objects.create(
        overleg=deze_week, casus=casussen["school2_buurdorp"], volgorde=2, toegevoegd_door=lp
    )
    inhoud = _pagina(client, lp, "overleggen").content.decode()
    assert _regels(inhoud) == [casussen["school_demodam"].pk]
    assert escape(wereld.leerlingen["buurdorp_school2"].naam) not in inhoud
    # the school is no member of the meeting: nothing
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    assert _regels(_pagina(client, school, "overleggen").content.decode()) == []


# --- meldingen, reported moves, MAZL referrals ----------------------------------------------


def _melding(wereld: Wereld, leerling: str, **velden: Any) -> Melding:
    school = School.objects.get(organisatie__naam="Het Baken")
    door = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    ll = wereld.leerlingen[leerling]
    verzonden = velden.pop("verzonden", True)
    return Melding.objects.create(
        soort=Melding.Soort.VERZUIMMELDING,
        leerling=ll,
        school=school,
        gemeente=ll.woongemeente,
        begindatum=date(2026, 9, 1),
        vermoedelijke_soort=Melding.VermoedelijkeSoort.ZESTIEN_UUR,
        prioriteit=Melding.Prioriteit.NORMAAL,
        aangemaakt_door=door,
        verzonden_door=door if verzonden else None,
        verzonden_op=timezone.now() if verzonden else None,
        **velden,
    )


def test_nieuwe_meldingen_staan_als_punten_op_vandaag_met_een_link_en_in_het_log(
    wereld: Wereld, client: Client
) -> None:
    lp = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    collega = MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR, organisatie=lp.organisatie)
    nieuw = _melding(wereld, "demodam_school1")
    van_mij = _melding(
        wereld, "demodam_school1", status=Melding.Status.IN_BEHANDELING, behandelaar=lp
    )
    van_collega = _melding(
        wereld, "demodam_school1", status=Melding.Status.IN_BEHANDELING, behandelaar=collega
    )
    buurdorp = _melding(wereld, "buurdorp_school1")
    concept = _melding(wereld, "demodam_school1", verzonden=False)

    inhoud = _pagina(client, lp).content.decode()
    lijst = inhoud.split('id="wachtende-meldingen"', 1)[1].split("</ul>", 1)[0]
    assert reverse("meldingen:melding", args=[nieuw.pk]) in lijst
    assert reverse("meldingen:melding", args=[van_mij.pk]) in lijst
    assert reverse("meldingen:melding", args=[van_collega.pk]) not in lijst
    assert reverse("meldingen:melding", args=[buurdorp.pk]) not in lijst
    assert reverse("meldingen:melding", args=[concept.pk]) not in lijst
    assert escape(wereld.leerlingen["buurdorp_school1"].naam) not in inhoud
    assert Inzage.objects.filter(
        bron="web:vandaag", leerling=wereld.leerlingen["demodam_school1"]
    ).exists()
    # the school sees its own drafts waiting to be sent
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    inhoud = _pagina(client, school).content.decode()
    lijst = inhoud.split('id="wachtende-meldingen"', 1)[1].split("</ul>", 1)[0]
    assert reverse("meldingen:melding", args=[concept.pk]) in lijst
    assert reverse("meldingen:melding", args=[nieuw.pk]) not in lijst


def test_verhuismeldingen_om_te_bevestigen_staan_als_punten_op_vandaag(
    wereld: Wereld, client: Client
) -> None:
    lp = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    demodam = Gemeente.objects.get(naam="Demodam")
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    buurdorp_lp = MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR)
    wacht = Verhuismelding.objects.create(
        leerling=wereld.leerlingen["demodam_school1"],
        van_gemeente=demodam,
        naar_gemeente=buurdorp,
        gemeld_door=buurdorp_lp,
        organisatie=buurdorp_lp.organisatie,
    )
    behandeld = Verhuismelding.objects.create(
        leerling=wereld.leerlingen["demodam_uitgeschreven"],
        van_gemeente=demodam,
        naar_gemeente=buurdorp,
        gemeld_door=buurdorp_lp,
        organisatie=buurdorp_lp.organisatie,
        status=Bevestiging.AFGEWEZEN,
    )
    inhoud = _pagina(client, lp).content.decode()
    lijst = inhoud.split('id="wachtende-verhuizingen"', 1)[1].split("</ul>", 1)[0]
    assert reverse("registratie:bevestig_verhuizing", args=[wacht.pk]) in lijst
    assert "Buurdorp" in lijst
    assert reverse("registratie:bevestig_verhuizing", args=[behandeld.pk]) not in lijst
    assert Inzage.objects.filter(
        bron="web:vandaag", leerling=wereld.leerlingen["demodam_school1"]
    ).exists()
    # the school has no decision to take
    inhoud = _pagina(client, wereld.medewerkers[Rol.SCHOOLMEDEWERKER]).content.decode()
    assert 'id="wachtende-verhuizingen"' not in inhoud


def test_de_open_mazlverwijzingen_van_de_jeugdarts_staan_op_vandaag(
    wereld: Wereld, client: Client
) -> None:
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    andere_arts = MedewerkerFactory(rol=Rol.JEUGDARTS, organisatie=jeugdarts.organisatie)
    school = School.objects.get(organisatie__naam="Het Baken")
    door = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    ll = wereld.leerlingen

    def verwijzing(leerling: str, arts: Medewerker, **velden: Any) -> Mazlverwijzing:
        return Mazlverwijzing.objects.create(
            leerling=ll[leerling],
            school=school,
            jeugdarts=arts,
            reden="Veel ziekmeldingen",
            verwezen_door=door,
            **velden,
        )

    nieuw = verwijzing("demodam_school1", jeugdarts)
    gepland = verwijzing(
        "buurdorp_school1",
        jeugdarts,
        status=Mazlverwijzing.Status.GEPLAND,
        consult_op=timezone.localdate(),
    )
    afgerond = verwijzing(
        "demodam_uitgeschreven",
        jeugdarts,
        status=Mazlverwijzing.Status.AFGEROND,
        advies="Kan 2 uur per dag",
        advies_op=timezone.now(),
    )
    verwijzing("buurdorp_school2", andere_arts)

    antwoord = _pagina(client, jeugdarts)
    inhoud = antwoord.content.decode()
    lijst = inhoud.split('id="wachtende-mazlverwijzingen"', 1)[1].split("</ul>", 1)[0]
    assert [v.pk for v in antwoord.context["mazlverwijzingen"]] == [nieuw.pk, gepland.pk]
    # as the page writes them: a generated name may hold an apostrophe ('s Gravensande)
    assert escape(ll["demodam_school1"].naam) in lijst
    assert escape(ll["buurdorp_school1"].naam) in lijst
    assert escape(ll["demodam_uitgeschreven"].naam) not in inhoud
    assert escape(ll["buurdorp_school2"].naam) not in inhoud
    for v in (nieuw, gepland):
        assert reverse("mazl:verwijzing", args=[v.pk]) in lijst
    assert reverse("mazl:verwijzing", args=[afgerond.pk]) not in inhoud
    assert Inzage.objects.filter(bron="web:vandaag", leerling=ll["demodam_school1"]).exists()
