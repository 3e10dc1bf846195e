# SPDX-License-Identifier: EUPL-1.2
"""The permission matrix: every role × every object × every action, allowed and denied."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser

import pytest

from binnenboord.registratie.selectors import zichtbare_leerlingen
from binnenboord.toegang.models import Rol
from tests.factories import MedewerkerFactory
from tests.wereld import Wereld

LEERLINGEN = ("demodam_school1", "buurdorp_school2", "buurdorp_school1", "demodam_uitgeschreven")
OBJECT_ACTIES = (
    "registratie.view_leerling",
    "registratie.change_leerling",
    "registratie.change_ouder",
    "registratie.add_verzuim",
    "registratie.export_leerling",
    "signalering.add_melding",
    "regie.add_casus",
)
ALGEMENE_ACTIES = (
    "registratie.list_leerling",
    "monitoring.view_cijfers",
    "verantwoording.view_inzage",
    "web.view_vandaag",
    "registratie.import_scholen",
    "registratie.import_leerlingen",
    "registratie.import_inschrijvingen",
    "registratie.import_verzuim",
    "registratie.import_vrijstellingen",
    "registratie.import_verzuimcodes",
    "registratie.view_school",
    "registratie.view_import",
    "registratie.view_bevestigen",
    "signalering.list_signaal",
    "signalering.list_melding",
    "regie.list_casus",
)

SCHOOL_ZIET = {"demodam_school1", "buurdorp_school1"}
LEERPLICHT_ZIET = {"demodam_school1", "demodam_uitgeschreven"}
GEEN: set[str] = set()

# The expected matrix, written out: per role, per object action the pupils allowed, and the
# general actions allowed. Every cell not listed is a denial that the test asserts too.
VERWACHT: dict[str, tuple[dict[str, set[str]], set[str]]] = {
    Rol.SCHOOLMEDEWERKER: (
        {
            "registratie.view_leerling": SCHOOL_ZIET,
            "registratie.change_leerling": GEEN,
            "registratie.change_ouder": GEEN,
            "registratie.add_verzuim": SCHOOL_ZIET,
            "registratie.export_leerling": SCHOOL_ZIET,
            "signalering.add_melding": SCHOOL_ZIET,
            "regie.add_casus": SCHOOL_ZIET,
        },
        {
            "registratie.list_leerling",
            "web.view_vandaag",
            "registratie.import_inschrijvingen",
            "registratie.import_verzuim",
            "registratie.import_verzuimcodes",
            "registratie.view_school",
            "registratie.view_import",
            "registratie.view_bevestigen",
            "signalering.list_signaal",
            "signalering.list_melding",
            "regie.list_casus",
        },
    ),
    Rol.LEERPLICHTAMBTENAAR: (
        {
            "registratie.view_leerling": LEERPLICHT_ZIET,
            "registratie.change_leerling": LEERPLICHT_ZIET,
            "registratie.change_ouder": LEERPLICHT_ZIET,
            "registratie.add_verzuim": GEEN,
            "registratie.export_leerling": LEERPLICHT_ZIET,
            "regie.add_casus": LEERPLICHT_ZIET,
        },
        {
            "registratie.list_leerling",
            "monitoring.view_cijfers",
            "web.view_vandaag",
            "registratie.import_scholen",
            "registratie.import_leerlingen",
            "registratie.import_vrijstellingen",
            "registratie.view_import",
            "registratie.view_bevestigen",
            "signalering.list_signaal",
            "signalering.list_melding",
            "regie.list_casus",
        },
    ),
    Rol.JEUGDARTS: ({}, {"web.view_vandaag", "regie.list_casus"}),
    Rol.GEZINSWERKER: ({}, {"web.view_vandaag", "regie.list_casus"}),
    Rol.SWV_CONSULENT: (
        {},
        {
            "monitoring.view_cijfers",
            "web.view_vandaag",
            "signalering.list_melding",
            "regie.list_casus",
        },
    ),
    Rol.TEAMMANAGER: ({}, {"monitoring.view_cijfers", "web.view_vandaag", "regie.list_casus"}),
    Rol.INTERVENTIETEAMLID: ({}, {"web.view_vandaag", "regie.list_casus"}),
    Rol.BELEIDSMEDEWERKER: ({}, {"monitoring.view_cijfers", "web.view_vandaag"}),
    Rol.FUNCTIONEEL_BEHEERDER: (
        {},
        {
            "verantwoording.view_inzage",
            "web.view_vandaag",
            "registratie.import_scholen",
            "registratie.view_import",
        },
    ),
}


def _matrix(gebruiker: object, wereld: Wereld) -> tuple[dict[str, set[str]], set[str]]:
    per_object = {
        actie: {naam for naam in LEERLINGEN if gebruiker.has_perm(actie, wereld.leerlingen[naam])}
        for actie in OBJECT_ACTIES
    }
    algemeen = {actie for actie in ALGEMENE_ACTIES if gebruiker.has_perm(actie)}
    return per_object, algemeen


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_rechtenmatrix(wereld: Wereld, rol: str) -> None:
    # given a staff member of this role in a fitting organisation
    gebruiker = wereld.medewerkers[rol]
    verwacht_per_object, verwacht_algemeen = VERWACHT[rol]
    verwacht_per_object = {actie: verwacht_per_object.get(actie, GEEN) for actie in OBJECT_ACTIES}

    # when every action is asked for every pupil
    per_object, algemeen = _matrix(gebruiker, wereld)

    # then exactly the expected cells are allowed, every other cell is denied
    assert per_object == verwacht_per_object
    assert algemeen == verwacht_algemeen


@pytest.mark.parametrize("rol", Rol.values)
def test_de_leerlingenlijst_is_gelijk_aan_de_objectregel(wereld: Wereld, rol: str) -> None:
    # given a staff member; when the scoped list and the per-object rule are both asked
    gebruiker = wereld.medewerkers[rol]
    in_lijst = set(zichtbare_leerlingen(gebruiker).values_list("pk", flat=True))
    per_object = {
        leerling.pk
        for leerling in wereld.leerlingen.values()
        if gebruiker.has_perm("registratie.view_leerling", leerling)
    }
    # then they agree exactly, so a list can never show what the detail page refuses
    assert in_lijst == per_object


def test_een_anonieme_bezoeker_mag_niets(wereld: Wereld) -> None:
    anoniem = AnonymousUser()
    assert _matrix(anoniem, wereld) == ({actie: GEEN for actie in OBJECT_ACTIES}, set())
    assert not zichtbare_leerlingen(anoniem).exists()


def test_een_inactief_account_mag_niets(wereld: Wereld) -> None:
    gebruiker = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    gebruiker.is_active = False
    gebruiker.save()
    assert _matrix(gebruiker, wereld) == ({actie: GEEN for actie in OBJECT_ACTIES}, set())


def test_een_rol_die_niet_bij_de_organisatie_past_geeft_niets(wereld: Wereld) -> None:
    # given a "schoolmedewerker" registered at the Leerplicht bureau (a data error)
    verkeerd = MedewerkerFactory(rol=Rol.SCHOOLMEDEWERKER, organisatie=wereld.leerplicht)
    # then the rules give no access at all, not even to the start page
    assert _matrix(verkeerd, wereld) == ({actie: GEEN for actie in OBJECT_ACTIES}, set())


def test_leerplicht_van_een_regionaal_bureau_ziet_elke_gemeente_die_het_bedient(
    wereld: Wereld,
) -> None:
    # given the bureau also serves Buurdorp
    buurdorp = wereld.leerlingen["buurdorp_school2"].woongemeente
    wereld.leerplicht.gemeenten.add(buurdorp)
    gebruiker = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    # then its officer sees the pupils of both municipalities
    zichtbaar = {
        naam
        for naam, leerling in wereld.leerlingen.items()
        if gebruiker.has_perm("registratie.view_leerling", leerling)
    }
    assert zichtbaar == set(LEERLINGEN)


# Signals: one per pupil, about the school it is enrolled at (none for the pupil who left), and
# one about school 2 for the pupil now at school 1 (an old school's signal).
SIGNAAL_ACTIES = ("signalering.view_signaal", "signalering.handle_signaal")
SIGNALEN = (*LEERLINGEN, "buurdorp_school1_oude_school")
SCHOOL_ZIET_SIGNALEN = {"demodam_school1", "buurdorp_school1"}
LEERPLICHT_ZIET_SIGNALEN = {"demodam_school1", "demodam_uitgeschreven"}
VERWACHT_SIGNALEN: dict[str, set[str]] = {
    Rol.SCHOOLMEDEWERKER: SCHOOL_ZIET_SIGNALEN,
    Rol.LEERPLICHTAMBTENAAR: LEERPLICHT_ZIET_SIGNALEN,
}


def _signalen(wereld: Wereld) -> dict[str, object]:
    from binnenboord.registratie.models import School
    from tests.signalering.factories import SignaalFactory

    school1 = School.objects.get(organisatie__naam="Het Baken")
    school2 = School.objects.get(organisatie__naam="De Vuurtoren")
    ll = wereld.leerlingen
    return {
        "demodam_school1": SignaalFactory(leerling=ll["demodam_school1"], school=school1),
        "buurdorp_school2": SignaalFactory(leerling=ll["buurdorp_school2"], school=school2),
        "buurdorp_school1": SignaalFactory(leerling=ll["buurdorp_school1"], school=school1),
        "demodam_uitgeschreven": SignaalFactory(
            leerling=ll["demodam_uitgeschreven"], soort="absoluut_verzuim", school=None
        ),
        "buurdorp_school1_oude_school": SignaalFactory(
            leerling=ll["buurdorp_school1"], school=school2, gebeurtenis=True
        ),
    }


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_signaalmatrix(wereld: Wereld, rol: str) -> None:
    # given a signal per pupil; when every signal action is asked for every signal
    from binnenboord.signalering.selectors import zichtbare_signalen

    signalen = _signalen(wereld)
    gebruiker = wereld.medewerkers[rol]
    per_actie = {
        actie: {naam for naam in SIGNALEN if gebruiker.has_perm(actie, signalen[naam])}
        for actie in SIGNAAL_ACTIES
    }
    # then school and Leerplicht see and handle exactly their signals; every other role
    # (youth doctor, family worker, SWV, team manager, intervention team: until the regie app
    # gives them cases; policy staff and the administrator: never) nothing
    verwacht = VERWACHT_SIGNALEN.get(rol, GEEN)
    assert per_actie == {actie: verwacht for actie in SIGNAAL_ACTIES}
    # and the scoped list agrees with the object rule
    in_lijst = set(zichtbare_signalen(gebruiker).values_list("pk", flat=True))
    assert in_lijst == {signalen[naam].pk for naam in verwacht}


def test_anoniemen_en_inactieven_zien_geen_signalen(wereld: Wereld) -> None:
    from binnenboord.signalering.selectors import zichtbare_signalen

    signalen = _signalen(wereld)
    gebruiker = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    gebruiker.is_active = False
    gebruiker.save()
    for wie in (AnonymousUser(), gebruiker):
        assert not zichtbare_signalen(wie).exists()
        assert not any(
            wie.has_perm(actie, signaal)
            for actie in SIGNAAL_ACTIES
            for signaal in signalen.values()
        )


# Meldingen: drafts and sent ones, absence reports and stay-at-home reports, of pupils the
# school, Leerplicht (Demodam) and the SWV (school 1's partnership) see or not.
MELDING_ACTIES = (
    "signalering.view_melding",
    "signalering.change_melding",
    "signalering.handle_melding",
    "signalering.handle_melding_swv",
    "signalering.confirm_duo_melding",
    "signalering.export_melding",
)
SCHOOL_ZIET_MELDINGEN = {
    "concept_school1",
    "verzuim_school1",
    "verzuim_buurdorp_school1",
    "thuis_school1",
}
LEERPLICHT_ZIET_MELDINGEN = {"verzuim_school1", "thuis_school1", "verzuim_uitgeschreven"}
SWV_ZIET_MELDINGEN = {"thuis_school1"}
VERWACHT_MELDINGEN: dict[str, dict[str, set[str]]] = {
    Rol.SCHOOLMEDEWERKER: {
        "signalering.view_melding": SCHOOL_ZIET_MELDINGEN,
        "signalering.change_melding": {"concept_school1"},
        # the school's own confirmation that it reported to DUO: its absence reports only
        "signalering.confirm_duo_melding": SCHOOL_ZIET_MELDINGEN - {"thuis_school1"},
        "signalering.export_melding": SCHOOL_ZIET_MELDINGEN,
    },
    Rol.LEERPLICHTAMBTENAAR: {
        "signalering.view_melding": LEERPLICHT_ZIET_MELDINGEN,
        "signalering.handle_melding": LEERPLICHT_ZIET_MELDINGEN,
        "signalering.export_melding": LEERPLICHT_ZIET_MELDINGEN,
    },
    Rol.SWV_CONSULENT: {
        "signalering.view_melding": SWV_ZIET_MELDINGEN,
        "signalering.handle_melding_swv": SWV_ZIET_MELDINGEN,
        "signalering.export_melding": SWV_ZIET_MELDINGEN,
    },
}


def _meldingen(wereld: Wereld) -> dict[str, object]:
    from django.utils import timezone

    from binnenboord.registratie.models import School
    from binnenboord.signalering.models import Melding
    from binnenboord.toegang.models import Organisatie
    from tests.factories import OrganisatieFactory

    school1 = School.objects.get(organisatie__naam="Het Baken")
    school2 = School.objects.get(organisatie__naam="De Vuurtoren")
    school1.samenwerkingsverband = Organisatie.objects.get(naam="SWV Demodam")
    school1.save()
    school2.samenwerkingsverband = OrganisatieFactory(naam="SWV Buurdorp", swv=True)
    school2.save()
    door = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    ll = wereld.leerlingen

    def melding(
        leerling: str, school: School, *, verzonden: bool = True, **velden: object
    ) -> object:
        soort = velden.pop("soort", "verzuimmelding")
        extra: dict[str, object] = (
            {
                "begindatum": date(2025, 12, 8),
                "vermoedelijke_soort": "zestien_uur",
                "prioriteit": "normaal",
            }
            if soort == "verzuimmelding"
            else {"samenwerkingsverband": school.samenwerkingsverband, "omschrijving": "Thuis."}
        )
        return Melding.objects.create(
            soort=soort,
            leerling=ll[leerling],
            school=school,
            gemeente=ll[leerling].woongemeente,
            aangemaakt_door=door,
            verzonden_door=door if verzonden else None,
            verzonden_op=timezone.now() if verzonden else None,
            **extra,
            **velden,
        )

    return {
        "concept_school1": melding("demodam_school1", school1, verzonden=False),
        "verzuim_school1": melding("demodam_school1", school1),
        "verzuim_buurdorp_school1": melding("buurdorp_school1", school1),
        "thuis_school1": melding("demodam_school1", school1, soort="thuiszitter"),
        "thuis_school2": melding("buurdorp_school2", school2, soort="dreigend_thuiszitter"),
        "verzuim_uitgeschreven": melding("demodam_uitgeschreven", school1),
    }


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_meldingmatrix(wereld: Wereld, rol: str) -> None:
    # given meldingen of every kind and scope; when every melding action is asked for each
    from binnenboord.signalering.selectors import zichtbare_meldingen

    meldingen = _meldingen(wereld)
    gebruiker = wereld.medewerkers[rol]
    per_actie = {
        actie: {naam for naam in meldingen if gebruiker.has_perm(actie, meldingen[naam])}
        for actie in MELDING_ACTIES
    }
    # then school, Leerplicht and the SWV get exactly their cells; the youth doctor, family
    # worker, team manager, intervention team, policy staff and administrator get none
    verwacht = VERWACHT_MELDINGEN.get(rol, {})
    assert per_actie == {actie: verwacht.get(actie, GEEN) for actie in MELDING_ACTIES}
    # and the scoped list agrees with the object rule
    in_lijst = set(zichtbare_meldingen(gebruiker).values_list("pk", flat=True))
    zichtbaar = verwacht.get("signalering.view_melding", GEEN)
    assert in_lijst == {meldingen[naam].pk for naam in zichtbaar}


def test_anoniemen_en_inactieven_zien_geen_meldingen(wereld: Wereld) -> None:
    from binnenboord.signalering.selectors import zichtbare_meldingen

    meldingen = _meldingen(wereld)
    gebruiker = wereld.medewerkers[Rol.SWV_CONSULENT]
    gebruiker.is_active = False
    gebruiker.save()
    for wie in (AnonymousUser(), gebruiker):
        assert not zichtbare_meldingen(wie).exists()
        assert not any(
            wie.has_perm(actie, melding)
            for actie in MELDING_ACTIES
            for melding in meldingen.values()
        )


# Cases (regie): one per pupil (tests.regie.factories.casussen): demodam_school1 directed by
# school 1 with the youth doctor; buurdorp_school2 directed by school 2 with the family worker;
# buurdorp_school1 directed by school 1 with the SWV consultant; demodam_uitgeschreven directed
# by Leerplicht with the intervention team, closed.
CASUS_ACTIES = (
    "regie.view_casus",
    "regie.transfer_casus",
    "regie.add_deelnemer",
    "regie.close_casus",
    "regie.send_overdracht",
    "regie.reopen_casus",
    "regie.change_plan",
    "regie.add_actie",
    "regie.add_contactmoment",
    "regie.add_stap",
)
# directing: transfer regie, add participants, close, hand the case over after a move
LEIDEN = (
    "regie.transfer_casus",
    "regie.add_deelnemer",
    "regie.close_casus",
    "regie.send_overdracht",
)
MEEWERKEN = ("regie.change_plan", "regie.add_actie", "regie.add_contactmoment", "regie.add_stap")


def _cellen(
    zien: set[str], leiden: set[str], meewerken: set[str], heropenen: set[str] = GEEN
) -> dict[str, set[str]]:
    return {
        "regie.view_casus": zien,
        **{actie: leiden for actie in LEIDEN},
        "regie.reopen_casus": heropenen,
        **{actie: meewerken for actie in MEEWERKEN},
    }


SCHOOL1 = {"demodam_school1", "buurdorp_school1"}
LEERPLICHT = _cellen(
    zien={"demodam_school1", "demodam_uitgeschreven"},
    leiden={"demodam_school1"},
    meewerken=GEEN,
    heropenen={"demodam_uitgeschreven"},
)
VERWACHT_CASUSSEN: dict[str, dict[str, set[str]]] = {
    # the school: its enrolled pupils' cases; it directs both, so it may do everything there
    Rol.SCHOOLMEDEWERKER: _cellen(zien=SCHOOL1, leiden=SCHOOL1, meewerken=SCHOOL1),
    # Leerplicht (officer and its team manager): every case of its municipality; directs and
    # closes, records model steps in its open cases (it engages the Interventieteam early
    # without first taking part), but edits the plan only where it directs or takes part
    # the officer directed the case closed with a return to school: she records its aftercare
    # step (regie.rules.casus_in_nazorg); her team manager, who did not direct it, does not
    Rol.LEERPLICHTAMBTENAAR: {
        **LEERPLICHT,
        "regie.add_stap": {"demodam_school1", "demodam_uitgeschreven"},
    },
    Rol.TEAMMANAGER: {**LEERPLICHT, "regie.add_stap": {"demodam_school1"}},
    # the other professionals: only the case they take part in, to work in, not to direct
    Rol.JEUGDARTS: _cellen(zien={"demodam_school1"}, leiden=GEEN, meewerken={"demodam_school1"}),
    Rol.GEZINSWERKER: _cellen(
        zien={"buurdorp_school2"}, leiden=GEEN, meewerken={"buurdorp_school2"}
    ),
    Rol.SWV_CONSULENT: _cellen(
        zien={"buurdorp_school1"}, leiden=GEEN, meewerken={"buurdorp_school1"}
    ),
    # the intervention team takes part in the closed case: it sees it, can change nothing
    Rol.INTERVENTIETEAMLID: _cellen(zien={"demodam_uitgeschreven"}, leiden=GEEN, meewerken=GEEN),
}


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_casusmatrix(wereld: Wereld, rol: str) -> None:
    # given a case per pupil; when every case action is asked for every case
    from binnenboord.regie.selectors.casus import zichtbare_casussen
    from tests.regie.factories import casussen

    alle = casussen(wereld)
    gebruiker = wereld.medewerkers[rol]
    per_actie = {
        actie: {naam for naam in alle if gebruiker.has_perm(actie, alle[naam])}
        for actie in CASUS_ACTIES
    }
    # then each role gets exactly its cells; policy staff and the administrator none at all
    verwacht = VERWACHT_CASUSSEN.get(rol, {})
    assert per_actie == {actie: verwacht.get(actie, GEEN) for actie in CASUS_ACTIES}
    # and the scoped list agrees with the object rule
    in_lijst = set(zichtbare_casussen(gebruiker).values_list("pk", flat=True))
    zichtbaar = verwacht.get("regie.view_casus", GEEN)
    assert in_lijst == {alle[naam].pk for naam in zichtbaar}


def test_een_teammanager_buiten_leerplicht_ziet_alleen_de_casussen_waaraan_hij_deelneemt(
    wereld: Wereld,
) -> None:
    from binnenboord.regie import services
    from binnenboord.regie.selectors.casus import zichtbare_casussen
    from binnenboord.toegang.models import Organisatie
    from tests.regie.factories import casussen

    alle = casussen(wereld)
    manager = MedewerkerFactory(
        rol=Rol.TEAMMANAGER, organisatie=Organisatie.objects.get(naam="GGD Demodam")
    )
    assert not zichtbare_casussen(manager).exists()
    casus = alle["buurdorp_school2"]
    services.voeg_deelnemer_toe(
        casus=casus, door=casus.regisseur, soort="professional", medewerker=manager
    )
    assert list(zichtbare_casussen(manager)) == [casus]
    assert manager.has_perm("regie.add_contactmoment", casus)
    assert not manager.has_perm("regie.close_casus", casus)


def test_anoniemen_en_inactieven_zien_geen_casussen(wereld: Wereld) -> None:
    from binnenboord.regie.selectors.casus import zichtbare_casussen
    from tests.regie.factories import casussen

    alle = casussen(wereld)
    gebruiker = wereld.medewerkers[Rol.JEUGDARTS]
    gebruiker.is_active = False
    gebruiker.save()
    for wie in (AnonymousUser(), gebruiker):
        assert not zichtbare_casussen(wie).exists()
        assert not wie.has_perm("regie.list_casus")
        assert not any(
            wie.has_perm(actie, casus) for actie in CASUS_ACTIES for casus in alle.values()
        )


@pytest.mark.parametrize("rol", Rol.values)
def test_alleen_leerplicht_zet_een_open_casus_die_het_ziet_over_op_een_ander_model(
    wereld: Wereld, rol: str
) -> None:
    from tests.regie.factories import casussen

    alle = casussen(wereld)
    gebruiker = wereld.medewerkers[rol]
    mag = {naam for naam, casus in alle.items() if gebruiker.has_perm("regie.change_aanpak", casus)}
    # Leerplicht (officer and its team manager): the open case of its municipality; no one else
    leerplicht = rol in (Rol.LEERPLICHTAMBTENAAR, Rol.TEAMMANAGER)
    assert mag == ({"demodam_school1"} if leerplicht else GEEN)


# Meetings and the Leerplichtspreekuur: a meeting of Leerplicht Demodam with the youth doctor
# as member, one of another municipality's Leerplicht chaired by the family worker; a
# consultation hour at school 1 (Leerplicht Demodam's officer) and one at school 2 (another).
OVERLEG_ACTIES = ("regie.view_overleg", "regie.change_overleg")
SPREEKUUR_ACTIES = ("regie.view_spreekuur", "regie.refer_spreekuur", "regie.record_verwijzing")
OVERLEG_ALGEMEEN = (
    "regie.list_overleg",
    "regie.add_overleg",
    "regie.list_spreekuur",
    "regie.add_spreekuur",
)
CASUSROLLEN = set(Rol.values) - {Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER}
VERWACHT_OVERLEG: dict[str, tuple[dict[str, set[str]], set[str]]] = {
    Rol.LEERPLICHTAMBTENAAR: (
        {
            "regie.view_overleg": {"demodam"},
            "regie.change_overleg": {"demodam"},
            "regie.view_spreekuur": {"school1"},
            "regie.record_verwijzing": {"school1"},
        },
        {"regie.list_overleg", "regie.add_overleg", "regie.list_spreekuur", "regie.add_spreekuur"},
    ),
    # the team manager of Leerplicht: its organisation's meetings, no consultation hours
    Rol.TEAMMANAGER: (
        {"regie.view_overleg": {"demodam"}, "regie.change_overleg": {"demodam"}},
        {"regie.list_overleg", "regie.add_overleg"},
    ),
    Rol.JEUGDARTS: (
        {"regie.view_overleg": {"demodam"}, "regie.change_overleg": {"demodam"}},
        {"regie.list_overleg"},
    ),
    Rol.GEZINSWERKER: (
        {"regie.view_overleg": {"overstad"}, "regie.change_overleg": {"overstad"}},
        {"regie.list_overleg"},
    ),
    Rol.SCHOOLMEDEWERKER: (
        {"regie.view_spreekuur": {"school1"}, "regie.refer_spreekuur": {"school1"}},
        {"regie.list_overleg", "regie.list_spreekuur"},
    ),
    Rol.SWV_CONSULENT: ({}, {"regie.list_overleg"}),
    Rol.INTERVENTIETEAMLID: ({}, {"regie.list_overleg"}),
}


def _overleggen_en_spreekuren(wereld: Wereld) -> tuple[dict, dict]:  # type: ignore[type-arg]
    from datetime import time

    from binnenboord.regie.services import overleg as diensten
    from binnenboord.registratie.models import School
    from tests.factories import GemeenteFactory, OrganisatieFactory

    m = wereld.medewerkers
    overstad = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(
            naam="Leerplicht Overstad", gemeenten=[GemeenteFactory(code="9997")]
        ),
    )
    overleggen = {
        "demodam": diensten.plan_overleg(
            soort="uvo",
            datum=date(2026, 5, 5),
            door=m[Rol.LEERPLICHTAMBTENAAR],
            leden=[m[Rol.JEUGDARTS]],
        ),
        "overstad": diensten.plan_overleg(
            soort="doorbraakoverleg",
            datum=date(2026, 5, 5),
            door=overstad,
            voorzitter=m[Rol.GEZINSWERKER],
        ),
    }
    spreekuren = {
        naam: diensten.plan_spreekuur(
            school=School.objects.get(organisatie__naam=school),
            leerplichtambtenaar=lpa,
            datum=date(2026, 10, 6),
            begin=time(9),
            einde=time(10),
        )
        for naam, school, lpa in (
            ("school1", "Het Baken", m[Rol.LEERPLICHTAMBTENAAR]),
            ("school2", "De Vuurtoren", overstad),
        )
    }
    return overleggen, spreekuren


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_overleg_en_spreekuurmatrix(wereld: Wereld, rol: str) -> None:
    # given two meetings and two consultation hours; when every action is asked
    from binnenboord.regie.models import Overleg, Spreekuur
    from binnenboord.regie.rules import overleg_scope, spreekuur_scope

    overleggen, spreekuren = _overleggen_en_spreekuren(wereld)
    gebruiker = wereld.medewerkers[rol]
    per_actie = {
        actie: {naam for naam, o in overleggen.items() if gebruiker.has_perm(actie, o)}
        for actie in OVERLEG_ACTIES
    } | {
        actie: {naam for naam, s in spreekuren.items() if gebruiker.has_perm(actie, s)}
        for actie in SPREEKUUR_ACTIES
    }
    algemeen = {actie for actie in OVERLEG_ALGEMEEN if gebruiker.has_perm(actie)}
    # then each role gets exactly its cells; policy staff and the administrator nothing
    objecten, verwacht_algemeen = VERWACHT_OVERLEG.get(rol, ({}, set()))
    assert per_actie == {a: objecten.get(a, GEEN) for a in OVERLEG_ACTIES + SPREEKUUR_ACTIES}
    assert algemeen == verwacht_algemeen
    # and the scoped lists agree with the object rules
    zichtbaar = set(Overleg.objects.filter(overleg_scope(gebruiker)).values_list("pk", flat=True))
    assert zichtbaar == {overleggen[n].pk for n in objecten.get("regie.view_overleg", GEEN)}
    uren = set(Spreekuur.objects.filter(spreekuur_scope(gebruiker)).values_list("pk", flat=True))
    assert uren == {spreekuren[n].pk for n in objecten.get("regie.view_spreekuur", GEEN)}


def test_anoniemen_en_inactieven_zien_geen_overleggen(wereld: Wereld) -> None:
    overleggen, spreekuren = _overleggen_en_spreekuren(wereld)
    gebruiker = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    gebruiker.is_active = False
    gebruiker.save()
    for wie in (AnonymousUser(), gebruiker):
        assert not any(wie.has_perm(actie) for actie in OVERLEG_ALGEMEEN)
        assert not any(
            wie.has_perm(actie, o) for actie in OVERLEG_ACTIES for o in overleggen.values()
        )
        assert not any(
            wie.has_perm(actie, s) for actie in SPREEKUUR_ACTIES for s in spreekuren.values()
        )


# Justice chain, letters, advice, exemptions, OPP and evaluation within a case (same cases).
JUSTITIE_ACTIES = (
    "regie.view_justitiestap",
    "regie.add_justitiestap",
    "regie.add_brief",
    "regie.export_brief",
    "regie.add_mazladvies",
    "regie.add_vrijstellingsadvies",
    "regie.add_vrijstellingsverklaring",
    "regie.add_evaluatie",
    "regie.add_opp",
    "regie.export_opp",
    "regie.view_medisch_advies",
)
DEMODAM = {"demodam_school1", "demodam_uitgeschreven"}
OPEN_DEMODAM = {"demodam_school1"}
LEERPLICHT_JUSTITIE = {
    "regie.view_justitiestap": DEMODAM,
    "regie.export_brief": DEMODAM,
    "regie.export_opp": DEMODAM,
}
VERWACHT_JUSTITIE: dict[str, dict[str, set[str]]] = {
    # the school: links and exports the OPP; sees no justice data, makes no letters; reads the
    # youth doctor's advice of the cases it directs
    Rol.SCHOOLMEDEWERKER: {
        "regie.add_opp": SCHOOL1,
        "regie.export_opp": SCHOOL1,
        "regie.view_medisch_advies": SCHOOL1,
    },
    # the officer: the justice chain (closed cases too), letters, the expert's statement
    Rol.LEERPLICHTAMBTENAAR: {
        **LEERPLICHT_JUSTITIE,
        "regie.add_justitiestap": DEMODAM,
        "regie.add_brief": OPEN_DEMODAM,
        "regie.add_vrijstellingsverklaring": OPEN_DEMODAM,
        "regie.add_opp": OPEN_DEMODAM,
        "regie.view_medisch_advies": {"demodam_uitgeschreven"},
    },
    # Leerplicht's team manager reads, but records no justice step and makes no letter
    Rol.TEAMMANAGER: LEERPLICHT_JUSTITIE,
    Rol.JEUGDARTS: {
        "regie.add_mazladvies": OPEN_DEMODAM,
        "regie.view_medisch_advies": OPEN_DEMODAM,
    },
    Rol.SWV_CONSULENT: {"regie.add_vrijstellingsadvies": {"buurdorp_school1"}},
}


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_justitiematrix(wereld: Wereld, rol: str) -> None:
    from tests.regie.factories import casussen

    alle = casussen(wereld)
    gebruiker = wereld.medewerkers[rol]
    per_actie = {
        actie: {naam for naam in alle if gebruiker.has_perm(actie, alle[naam])}
        for actie in JUSTITIE_ACTIES
    }
    verwacht = VERWACHT_JUSTITIE.get(rol, {})
    assert per_actie == {actie: verwacht.get(actie, GEEN) for actie in JUSTITIE_ACTIES}


def test_de_evaluatie_is_voor_interventieteam_teammanagers_en_leerplicht_die_deelnemen(
    wereld: Wereld,
) -> None:
    from binnenboord.regie import services
    from tests.regie.factories import casussen

    casus = casussen(wereld)["demodam_school1"]
    m = wereld.medewerkers
    # the youth doctor already takes part; these three join
    for rol in (Rol.INTERVENTIETEAMLID, Rol.TEAMMANAGER, Rol.LEERPLICHTAMBTENAAR):
        services.voeg_deelnemer_toe(
            casus=casus, door=casus.regisseur, soort="professional", medewerker=m[rol]
        )
    toegestaan = {rol for rol in Rol.values if m[rol].has_perm("regie.add_evaluatie", casus)}
    assert toegestaan == {Rol.INTERVENTIETEAMLID, Rol.TEAMMANAGER, Rol.LEERPLICHTAMBTENAAR}
    anoniem = AnonymousUser()
    assert not any(anoniem.has_perm(actie, casus) for actie in JUSTITIE_ACTIES)


# Accounts (beheer): the functional administrator changes the accounts of its region (its
# Leerplicht bureau and the school in Demodam; in the small world the SWV, JGZ and the others
# serve no municipality, so they are outside it), never its own; nobody else any.
MEDEWERKER_ACTIES = ("toegang.change_medewerker",)
EIGEN_ORGANISATIE_VAN_BEHEERDER = {
    Rol.LEERPLICHTAMBTENAAR,
    Rol.TEAMMANAGER,
    Rol.BELEIDSMEDEWERKER,
    Rol.SCHOOLMEDEWERKER,
}


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_accountmatrix(wereld: Wereld, rol: str) -> None:
    # given every staff member of the world; when each is asked to change every account
    gebruiker = wereld.medewerkers[rol]
    mag = {
        wie
        for wie, medewerker in wereld.medewerkers.items()
        if gebruiker.has_perm("toegang.change_medewerker", medewerker)
    }
    # then only the administrator, and only for the accounts of its own organisation
    verwacht = EIGEN_ORGANISATIE_VAN_BEHEERDER if rol == Rol.FUNCTIONEEL_BEHEERDER else GEEN
    assert mag == verwacht
    assert not AnonymousUser().has_perm("toegang.change_medewerker", gebruiker)


# Organisations and kernteams (beheer): the administrator sees its region (its own Leerplicht
# organisation and the school in Demodam), changes the school but not its own Leerplicht
# organisation, and sets the school's kernteam; the rest of the world is outside its region.
ORGANISATIE_ACTIES = (
    "toegang.view_beheer",
    "toegang.view_organisatie",
    "toegang.change_organisatie",
    "toegang.change_kernteam",
)
VERWACHT_ORGANISATIES = {
    "toegang.view_organisatie": {"Leerplicht Demodam", "Het Baken"},
    "toegang.change_organisatie": {"Het Baken"},
    "toegang.change_kernteam": {"Het Baken"},
}


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_organisatiematrix(wereld: Wereld, rol: str) -> None:
    from binnenboord.toegang.models import Organisatie

    gebruiker = wereld.medewerkers[rol]
    organisaties = list(Organisatie.objects.all())
    beheerder = rol == Rol.FUNCTIONEEL_BEHEERDER
    assert gebruiker.has_perm("toegang.view_beheer") is beheerder
    for actie, verwacht in VERWACHT_ORGANISATIES.items():
        mag = {o.naam for o in organisaties if gebruiker.has_perm(actie, o)}
        assert mag == (verwacht if beheerder else GEEN), actie
    anoniem = AnonymousUser()
    assert not any(anoniem.has_perm(actie, organisaties[0]) for actie in ORGANISATIE_ACTIES)


# Figures (monitoring): a report of a scope and the lists behind its numbers. Leerplicht
# Demodam (its officer, team manager and policy staff) sees Demodam, its configured district
# and the rest outside it, and the school located in Demodam; the SWV its own partnership and
# its school; the lists never for policy staff.
RAPPORT_ACTIES = ("monitoring.view_rapport", "monitoring.view_lijst")
GEMEENTE_ZIET_SCOPES = {"gemeente_demodam", "gebied_demodam", "buiten_demodam", "school1"}
SWV_ZIET_SCOPES = {"swv_demodam", "school1"}
VERWACHT_RAPPORTEN: dict[str, dict[str, set[str]]] = {
    Rol.LEERPLICHTAMBTENAAR: {actie: GEMEENTE_ZIET_SCOPES for actie in RAPPORT_ACTIES},
    Rol.TEAMMANAGER: {actie: GEMEENTE_ZIET_SCOPES for actie in RAPPORT_ACTIES},
    Rol.BELEIDSMEDEWERKER: {"monitoring.view_rapport": GEMEENTE_ZIET_SCOPES},
    Rol.SWV_CONSULENT: {actie: SWV_ZIET_SCOPES for actie in RAPPORT_ACTIES},
}


def _scopes(wereld: Wereld) -> dict[str, object]:
    from binnenboord.monitoring.rapport import Scope
    from binnenboord.registratie.models import School
    from binnenboord.toegang.models import Organisatie

    swv = Organisatie.objects.get(naam="SWV Demodam")
    school1 = School.objects.get(organisatie__naam="Het Baken")
    school1.samenwerkingsverband = swv
    school1.save()
    school2 = School.objects.get(organisatie__naam="De Vuurtoren")
    return {
        "gemeente_demodam": Scope("gemeente", "9999"),
        "gemeente_buurdorp": Scope("gemeente", "9998"),
        "gebied_demodam": Scope("gebied", "9999:9990-9991"),
        "gebied_niet_ingesteld": Scope("gebied", "9999:9990-9995"),
        "buiten_demodam": Scope("buiten", "9999:9990-9991"),
        "school1": Scope("school", f"{school1.brin}{school1.vestiging}"),
        "school2": Scope("school", f"{school2.brin}{school2.vestiging}"),
        "swv_demodam": Scope("swv", str(swv.pk)),
        "swv_ander": Scope("swv", str(swv.pk + 1000)),
    }


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_rapportmatrix(wereld: Wereld, rol: str, settings: Any) -> None:
    # given the district 9990-9991 of Demodam configured, and scopes of every kind
    settings.AANPAK_PER_GEBIED = {"9999:9990-9991": "utrecht_kernpartners"}
    scopes = _scopes(wereld)
    gebruiker = wereld.medewerkers[rol]
    # when every report action is asked for every scope
    per_actie = {
        actie: {naam for naam, scope in scopes.items() if gebruiker.has_perm(actie, scope)}
        for actie in RAPPORT_ACTIES
    }
    # then each role gets exactly its cells; the others (youth doctor, family worker,
    # intervention team, school, administrator) none
    verwacht = VERWACHT_RAPPORTEN.get(rol, {})
    assert per_actie == {actie: verwacht.get(actie, GEEN) for actie in RAPPORT_ACTIES}
    assert not any(
        AnonymousUser().has_perm(actie, scope)
        for actie in RAPPORT_ACTIES
        for scope in scopes.values()
    )


# Medical content (regie.MedischeInhoud): the youth doctor's words of the case it takes part
# in, by its own JGZ; the same case's words by a youth doctor of another JGZ; and its own JGZ's
# words in a case the youth doctor does not take part in. Only the youth doctors of the
# writer's organisation who see the case read them: here the world's youth doctor, one cell.
MEDISCH_ACTIES = ("regie.view_medisch",)


def _medische_inhoud(wereld: Wereld) -> dict[str, object]:
    from binnenboord.regie.models import Contactmoment, MedischeInhoud
    from tests.factories import OrganisatieFactory
    from tests.regie.factories import casussen

    alle = casussen(wereld)
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    elders = MedewerkerFactory(
        rol=Rol.JEUGDARTS, organisatie=OrganisatieFactory(naam="GGD Elders", jgz=True)
    )

    def medisch(casus: str, door: object) -> object:
        contact = Contactmoment.objects.create(
            casus=alle[casus], soort="gesprek", datum=date(2026, 1, 12), door=door
        )
        return MedischeInhoud.objects.create(
            casus=alle[casus],
            contactmoment=contact,
            tekst="Medisch.",
            door=door,
            organisatie=door.organisatie,  # type: ignore[attr-defined]
        )

    return {
        "eigen_jgz": medisch("demodam_school1", jeugdarts),
        "andere_jgz": medisch("demodam_school1", elders),
        "casus_zonder_jeugdarts": medisch("buurdorp_school2", jeugdarts),
    }


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_medische_matrix(wereld: Wereld, rol: str) -> None:
    # given medical content of the own JGZ, another JGZ and a case not taken part in
    inhoud = _medische_inhoud(wereld)
    gebruiker = wereld.medewerkers[rol]
    # when every role asks for each
    per_actie = {
        actie: {naam for naam, i in inhoud.items() if gebruiker.has_perm(actie, i)}
        for actie in MEDISCH_ACTIES
    }
    # then only the youth doctor, and only its own JGZ's words in a case it sees
    verwacht = {"eigen_jgz"} if rol == Rol.JEUGDARTS else GEEN
    assert per_actie == {actie: verwacht for actie in MEDISCH_ACTIES}
    assert not any(
        AnonymousUser().has_perm(actie, i) for actie in MEDISCH_ACTIES for i in inhoud.values()
    )


# Case handovers after a move (regie.Casusoverdracht): to Demodam sent, accepted and still a
# concept, and one from Demodam to Buurdorp. The officer of Leerplicht Demodam receives what
# was sent to Demodam (not a concept); nobody else receives anything, not even Leerplicht's team
# manager.
OVERDRACHT_ACTIES = ("regie.view_overdracht", "regie.accept_overdracht")


def _overdrachten(wereld: Wereld) -> dict[str, object]:
    from binnenboord.regie.models import Casusoverdracht
    from tests.regie.factories import casussen

    alle = casussen(wereld)
    demodam = wereld.leerlingen["demodam_school1"].woongemeente
    buurdorp = wereld.leerlingen["buurdorp_school2"].woongemeente
    status = Casusoverdracht.Status

    def overdracht(casus: str, van: object, naar: object, stand: str) -> object:
        return Casusoverdracht.objects.create(
            casus=alle[casus], van_gemeente=van, naar_gemeente=naar, status=stand
        )

    return {
        "naar_demodam_verzonden": overdracht(
            "buurdorp_school2", buurdorp, demodam, status.VERZONDEN
        ),
        "naar_demodam_aanvaard": overdracht("buurdorp_school2", buurdorp, demodam, status.AANVAARD),
        "naar_demodam_concept": overdracht("buurdorp_school1", buurdorp, demodam, status.CONCEPT),
        "naar_buurdorp_verzonden": overdracht(
            "demodam_school1", demodam, buurdorp, status.VERZONDEN
        ),
    }


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_overdrachtmatrix(wereld: Wereld, rol: str) -> None:
    # given handovers to and from Demodam in several states; when every role asks for each
    overdrachten = _overdrachten(wereld)
    gebruiker = wereld.medewerkers[rol]
    per_actie = {
        actie: {naam for naam, o in overdrachten.items() if gebruiker.has_perm(actie, o)}
        for actie in OVERDRACHT_ACTIES
    }
    # then only Demodam's officer, for what was sent to Demodam
    verwacht = (
        {"naar_demodam_verzonden", "naar_demodam_aanvaard"}
        if rol == Rol.LEERPLICHTAMBTENAAR
        else GEEN
    )
    assert per_actie == {actie: verwacht for actie in OVERDRACHT_ACTIES}
    assert not any(
        AnonymousUser().has_perm(actie, o)
        for actie in OVERDRACHT_ACTIES
        for o in overdrachten.values()
    )


# Participation and escalation (docs/samenwerken.md): the regisseur and Leerplicht who see a
# case end a participation (also of a closed case); the "Escalaties" list is for Leerplicht, team
# managers and the intervention team; an escalation is ended by who holds it as a member of the
# body (here: the team managers, a role the body has) or Leerplicht of the case's municipality.
DEELNAME_ACTIES = ("regie.end_deelname", "regie.list_escalatie", "regie.end_escalatie")
VERWACHT_DEELNAME: dict[str, tuple[set[str], bool, bool]] = {
    # role: (cases where it ends a participation, opens the list, ends the escalation)
    Rol.SCHOOLMEDEWERKER: (SCHOOL1, False, False),
    Rol.LEERPLICHTAMBTENAAR: ({"demodam_school1", "demodam_uitgeschreven"}, True, True),
    Rol.TEAMMANAGER: ({"demodam_school1", "demodam_uitgeschreven"}, True, True),
    Rol.JEUGDARTS: (GEEN, False, False),
    Rol.GEZINSWERKER: (GEEN, False, False),
    Rol.SWV_CONSULENT: (GEEN, False, False),
    Rol.INTERVENTIETEAMLID: (GEEN, True, False),
}


@pytest.mark.parametrize("rol", Rol.values)
def test_deelname_en_escalatie_per_rol(wereld: Wereld, rol: str) -> None:
    from binnenboord.regie.models import Escalatie
    from tests.regie.factories import casussen

    # given a case per pupil, the one of demodam_school1 escalated to the team managers
    alle = casussen(wereld)
    escalatie = Escalatie.objects.create(
        casus=alle["demodam_school1"],
        orgaan="teammanagers",
        datum=alle["demodam_school1"].start,
        bevestigd_door=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
    )
    gebruiker = wereld.medewerkers[rol]
    beeindigen, lijst, escalatie_beeindigen = VERWACHT_DEELNAME.get(rol, (GEEN, False, False))
    assert {n for n in alle if gebruiker.has_perm("regie.end_deelname", alle[n])} == beeindigen
    assert gebruiker.has_perm("regie.list_escalatie") is lijst
    assert gebruiker.has_perm("regie.end_escalatie", escalatie) is escalatie_beeindigen


# Every rule is in the matrix: a permission registered in any app's rules.py without cells
# above fails here, and so do cells of a permission that no longer exists.
MATRIX = {
    *OBJECT_ACTIES,
    *ALGEMENE_ACTIES,
    *SIGNAAL_ACTIES,
    *MELDING_ACTIES,
    *CASUS_ACTIES,
    "regie.change_aanpak",
    *OVERLEG_ACTIES,
    *SPREEKUUR_ACTIES,
    *OVERLEG_ALGEMEEN,
    *JUSTITIE_ACTIES,
    *MEDEWERKER_ACTIES,
    *ORGANISATIE_ACTIES,
    *RAPPORT_ACTIES,
    *MEDISCH_ACTIES,
    *OVERDRACHT_ACTIES,
    *DEELNAME_ACTIES,
}


def _regels_per_app() -> dict[str, set[str]]:
    """The permissions each app's rules.py registers (rules.add_perm("app.name", ...)), read
    from the source."""
    import ast
    from pathlib import Path

    import binnenboord

    uitkomst: dict[str, set[str]] = {}
    for bestand in sorted(Path(binnenboord.__file__).parent.glob("*/rules.py")):
        namen: set[str] = set()
        for knoop in ast.walk(ast.parse(bestand.read_text())):
            if (
                isinstance(knoop, ast.Call)
                and isinstance(knoop.func, ast.Attribute)
                and knoop.func.attr == "add_perm"
            ):
                eerste = knoop.args[0]
                assert isinstance(eerste, ast.Constant), f"{bestand}: a permission named in code"
                namen.add(eerste.value)
        uitkomst[bestand.parent.name] = namen
    return uitkomst


def test_elke_geregistreerde_regel_staat_in_de_matrix() -> None:
    import rules

    geregistreerd = set(rules.permissions.permissions)
    assert geregistreerd - MATRIX == set(), "rules without cells in the matrix"
    assert MATRIX - geregistreerd == set(), "cells of rules that do not exist"


def test_elke_app_registreert_alleen_de_regels_van_haar_eigen_objecten() -> None:
    # toegang also holds the start page's rule: web has no objects of its own
    per_app = _regels_per_app()
    assert set(per_app) >= {
        "toegang",
        "registratie",
        "signalering",
        "regie",
        "monitoring",
        "verantwoording",
    }
    for app, namen in per_app.items():
        eigen = {app, "web"} if app == "toegang" else {app}
        assert {naam.split(".")[0] for naam in namen} <= eigen, app
    # and every registered permission comes from one of these files
    import rules

    alle = set().union(*per_app.values())
    assert alle == set(rules.permissions.permissions)


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_scope_op_naam_is_de_lijst_van_haar_app(wereld: Wereld, rol: str) -> None:
    # given pupils, signals, meldingen and cases, and the scopes the apps register by name for
    # the apps lower in the flow (verantwoording asks for the cases by name)
    from django.apps import apps

    from binnenboord.beheer.selectors import beheerde_organisaties
    from binnenboord.regie.models import Casusoverdracht
    from binnenboord.regie.rules import overdracht_scope
    from binnenboord.regie.selectors.casus import zichtbare_casussen
    from binnenboord.regie.selectors.mazl import verwijzingen_van
    from binnenboord.regie.selectors.overleg import als_lid
    from binnenboord.registratie.selectors import zichtbaar_verzuim, zichtbare_leerlingen
    from binnenboord.signalering.selectors import zichtbare_meldingen, zichtbare_signalen
    from binnenboord.toegang.rules import _scopes, scope
    from tests.regie.factories import casussen

    _signalen(wereld)
    _meldingen(wereld)
    casussen(wereld)
    lijsten = {
        "registratie.leerling": zichtbare_leerlingen,
        "registratie.verzuim": zichtbaar_verzuim,
        "signalering.signaal": zichtbare_signalen,
        "signalering.melding": zichtbare_meldingen,
        "regie.casus": zichtbare_casussen,
        # for unusual access (verantwoording.ongebruikelijk): the MAZL inbox, the agenda items
        # of the meetings the user chairs or sits in, the handovers haal_overdracht reads
        "regie.mazlverwijzing": verwijzingen_van,
        "regie.agendapunt": als_lid,
        "regie.casusoverdracht": lambda g: Casusoverdracht.objects.filter(overdracht_scope(g)),
        # the region of a functional administrator (beheer's organisation list)
        "toegang.organisatie": beheerde_organisaties,
    }
    assert set(_scopes) == set(lijsten)
    gebruiker = wereld.medewerkers[rol]
    for naam, lijst in lijsten.items():
        # then the scope by name shows exactly the rows of the app's own list
        op_naam = apps.get_model(naam).objects.filter(scope(naam, gebruiker))
        assert set(op_naam.values_list("pk", flat=True)) == set(
            lijst(gebruiker).values_list("pk", flat=True)
        ), naam


# Working together (docs/samenwerken.md): attaching a signal to the open case, MAZL referrals,
# the members' view of a published agenda, the exemptions to re-assess and one's own
# notifications. In the small world: school 1's kernteam has the youth doctor; the school
# referred demodam_school1; a UVO of Leerplicht, chaired by the officer with the SWV consultant
# as member, has demodam_school1's case on its published agenda.
SAMENWERKEN_CASUS = ("regie.attach_signaal",)
SAMENWERKEN_MAZL = (
    "regie.view_mazlverwijzing",
    "regie.change_mazlverwijzing",
    "regie.add_mazlmedisch",
)
SAMENWERKEN_ALGEMEEN = (
    "regie.list_mazlverwijzing",
    "regie.list_herbeoordeling",
    "notificaties.view_notificatie",
)
SAMENWERKEN_ACTIES = (
    *SAMENWERKEN_CASUS,
    *SAMENWERKEN_MAZL,
    *SAMENWERKEN_ALGEMEEN,
    "regie.add_mazlverwijzing",
    "regie.view_agendapunt",
)
ALLE_PROFESSIONALS = set(Rol.values)
VERWACHT_SAMENWERKEN: dict[str, dict[str, Any]] = {
    # attach: the open cases it directs, takes part in, or (Leerplicht) sees
    "regie.attach_signaal": {
        Rol.SCHOOLMEDEWERKER: {"demodam_school1", "buurdorp_school1"},
        Rol.LEERPLICHTAMBTENAAR: {"demodam_school1"},
        Rol.TEAMMANAGER: {"demodam_school1"},
        Rol.JEUGDARTS: {"demodam_school1"},
        Rol.GEZINSWERKER: {"buurdorp_school2"},
        Rol.SWV_CONSULENT: {"buurdorp_school1"},
    },
    # refer: the school, for the pupils it sees
    "regie.add_mazlverwijzing": {Rol.SCHOOLMEDEWERKER: SCHOOL_ZIET},
    # the referral: the referring school and the addressed youth doctor see it; only she
    # handles it and writes the medical notes
    "regie.view_mazlverwijzing": {Rol.SCHOOLMEDEWERKER, Rol.JEUGDARTS},
    "regie.change_mazlverwijzing": {Rol.JEUGDARTS},
    "regie.add_mazlmedisch": {Rol.JEUGDARTS},
    "regie.list_mazlverwijzing": {Rol.SCHOOLMEDEWERKER, Rol.JEUGDARTS},
    # Leerplicht's worklist (the team manager in the world is Leerplicht's)
    "regie.list_herbeoordeling": {Rol.LEERPLICHTAMBTENAAR, Rol.TEAMMANAGER},
    "notificaties.view_notificatie": ALLE_PROFESSIONALS,
    # the chair and the member of the meeting, once the agenda is published
    "regie.view_agendapunt": {Rol.LEERPLICHTAMBTENAAR, Rol.SWV_CONSULENT},
}


@pytest.mark.parametrize("rol", Rol.values)
def test_samenwerken_per_rol(wereld: Wereld, rol: str) -> None:
    from django.utils import timezone

    from binnenboord.regie.models import Agendapunt, Overleg, Overlegsoort
    from binnenboord.regie.services import mazl
    from binnenboord.regie.services.overleg import publiceer_agenda
    from binnenboord.registratie.models import School
    from binnenboord.toegang.models import Kernteam, Organisatie
    from tests.regie.factories import casussen

    m = wereld.medewerkers
    alle = casussen(wereld)
    Kernteam.objects.create(
        school=Organisatie.objects.get(naam="Het Baken"), jeugdarts=m[Rol.JEUGDARTS]
    )
    verwijzing = mazl.verwijs_naar_jeugdarts(
        leerling=wereld.leerlingen["demodam_school1"],
        school=School.objects.get(organisatie__naam="Het Baken"),
        reden="Vaak ziek",
        door=m[Rol.SCHOOLMEDEWERKER],
    )
    overleg = Overleg.objects.create(
        soort=Overlegsoort.UVO,
        organisatie=wereld.leerplicht,
        datum=timezone.localdate(),
        voorzitter=m[Rol.LEERPLICHTAMBTENAAR],
        aangemaakt_door=m[Rol.LEERPLICHTAMBTENAAR],
    )
    overleg.leden.add(m[Rol.SWV_CONSULENT])
    punt = Agendapunt.objects.create(
        overleg=overleg,
        casus=alle["demodam_school1"],
        volgorde=1,
        toegevoegd_door=m[Rol.LEERPLICHTAMBTENAAR],
    )
    gebruiker = m[rol]
    # before publication nobody reads the agenda item
    assert not gebruiker.has_perm("regie.view_agendapunt", punt)
    publiceer_agenda(overleg=overleg, door=m[Rol.LEERPLICHTAMBTENAAR])
    punt.refresh_from_db()

    def _verwacht(actie: str) -> Any:
        waarde = VERWACHT_SAMENWERKEN[actie]
        return waarde.get(rol, GEEN) if isinstance(waarde, dict) else rol in waarde

    assert {n for n in alle if gebruiker.has_perm("regie.attach_signaal", alle[n])} == _verwacht(
        "regie.attach_signaal"
    )
    assert {
        n
        for n, leerling in wereld.leerlingen.items()
        if gebruiker.has_perm("regie.add_mazlverwijzing", leerling)
    } == _verwacht("regie.add_mazlverwijzing")
    for actie in SAMENWERKEN_MAZL:
        assert gebruiker.has_perm(actie, verwijzing) is _verwacht(actie), actie
    for actie in SAMENWERKEN_ALGEMEEN:
        assert gebruiker.has_perm(actie) is _verwacht(actie), actie
    assert gebruiker.has_perm("regie.view_agendapunt", punt) is _verwacht("regie.view_agendapunt")
    # nobody anonymous
    anoniem = AnonymousUser()
    assert not any(anoniem.has_perm(actie) for actie in SAMENWERKEN_ALGEMEEN)
    assert not anoniem.has_perm("regie.view_mazlverwijzing", verwijzing)
    assert not anoniem.has_perm("regie.view_agendapunt", punt)


MATRIX |= set(SAMENWERKEN_ACTIES)


# Relatie (docs/relatie.md, "De kant van de professional"): the regisseur, or Leerplicht that
# sees the case, invites to the portal and writes messages in an open case; ends or withholds
# access, reads the messages and answers correction requests also after closing. Everyone who
# sees the case reads the family's own words; the regisseur and the participants note a story
# on their behalf in an open case.
RELATIE_ACTIES = (
    "regie.invite_portaal",
    "regie.end_portaal",
    "regie.view_verhaal",
    "regie.add_verhaal",
    "regie.view_bericht",
    "regie.add_bericht",
    "regie.change_correctieverzoek",
)
LEERPLICHT_ZIET_CASUS = {"demodam_school1", "demodam_uitgeschreven"}


def _relatiecellen(
    zien: set[str], leiden_open: set[str], leiden: set[str], meewerken: set[str]
) -> dict[str, set[str]]:
    return {
        "regie.invite_portaal": leiden_open,
        "regie.add_bericht": leiden_open,
        "regie.end_portaal": leiden,
        "regie.view_bericht": leiden,
        "regie.change_correctieverzoek": leiden,
        "regie.view_verhaal": zien,
        "regie.add_verhaal": meewerken,
    }


VERWACHT_RELATIE: dict[str, dict[str, set[str]]] = {
    Rol.SCHOOLMEDEWERKER: _relatiecellen(SCHOOL1, SCHOOL1, SCHOOL1, SCHOOL1),
    # Leerplicht directs nothing open here but sees its municipality's cases; it notes no story
    # where it neither directs nor takes part
    Rol.LEERPLICHTAMBTENAAR: _relatiecellen(
        LEERPLICHT_ZIET_CASUS, {"demodam_school1"}, LEERPLICHT_ZIET_CASUS, GEEN
    ),
    Rol.TEAMMANAGER: _relatiecellen(
        LEERPLICHT_ZIET_CASUS, {"demodam_school1"}, LEERPLICHT_ZIET_CASUS, GEEN
    ),
    # a participant reads their words and notes a story, nothing of the portal itself
    Rol.JEUGDARTS: _relatiecellen({"demodam_school1"}, GEEN, GEEN, {"demodam_school1"}),
    Rol.GEZINSWERKER: _relatiecellen({"buurdorp_school2"}, GEEN, GEEN, {"buurdorp_school2"}),
    Rol.SWV_CONSULENT: _relatiecellen({"buurdorp_school1"}, GEEN, GEEN, {"buurdorp_school1"}),
    # the intervention team takes part in the closed case: reads, writes nothing
    Rol.INTERVENTIETEAMLID: _relatiecellen({"demodam_uitgeschreven"}, GEEN, GEEN, GEEN),
}


@pytest.mark.parametrize("rol", Rol.values)
def test_elke_cel_van_de_relatiematrix(wereld: Wereld, rol: str) -> None:
    # given a case per pupil; when every relatie action is asked for every case
    from tests.regie.factories import casussen

    alle = casussen(wereld)
    gebruiker = wereld.medewerkers[rol]
    per_actie = {
        actie: {naam for naam in alle if gebruiker.has_perm(actie, alle[naam])}
        for actie in RELATIE_ACTIES
    }
    # then each role gets exactly its cells; policy staff and the administrator none at all
    verwacht = VERWACHT_RELATIE.get(rol, {})
    assert per_actie == {actie: verwacht.get(actie, GEEN) for actie in RELATIE_ACTIES}
    # and nobody anonymous
    anoniem = AnonymousUser()
    assert not any(anoniem.has_perm(a, c) for a in RELATIE_ACTIES for c in alle.values())


MATRIX |= set(RELATIE_ACTIES)


# The family worker on a home visit (docs/samenwerken.md, "Wat de gezinswerker ziet"): the pupil's
# address and the parents' phone numbers on the case page only for a family worker who directs
# or takes part in the case (here: buurdorp_school2); every other role keeps what it had (the
# school and Leerplicht read them on the pupil's page), policy staff and the administrator none.
HUISBEZOEK_ACTIES = ("regie.view_huisbezoekgegevens",)


@pytest.mark.parametrize("rol", Rol.values)
def test_huisbezoekgegevens_per_rol(wereld: Wereld, rol: str) -> None:
    from binnenboord.regie.services.deelname import beeindig_deelname
    from tests.regie.factories import casussen

    alle = casussen(wereld)
    gebruiker = wereld.medewerkers[rol]
    verwacht = {"buurdorp_school2"} if rol == Rol.GEZINSWERKER else GEEN
    zien = {n for n in alle if gebruiker.has_perm("regie.view_huisbezoekgegevens", alle[n])}
    assert zien == verwacht
    assert not AnonymousUser().has_perm("regie.view_huisbezoekgegevens", alle["buurdorp_school2"])
    if rol == Rol.GEZINSWERKER:
        # an ended participation gives nothing any more
        casus = alle["buurdorp_school2"]
        deelname = casus.deelnemers.get(medewerker=gebruiker)
        beeindig_deelname(deelnemer=deelname, door=casus.regisseur, reden="Het gezin is verhuisd.")
        gebruiker = type(gebruiker).objects.get(pk=gebruiker.pk)
        assert not gebruiker.has_perm("regie.view_huisbezoekgegevens", casus)


MATRIX |= set(HUISBEZOEK_ACTIES)


# A figures export made in the background (monitoring.Export): only its asker fetches it, and
# only while the asker may still see the figures of its area: Leerplicht Demodam's officer, team
# manager and policy staff their own export of Demodam, the SWV consultant its own of the SWV;
# nobody a colleague's export, nobody an export of an area they do not see.
EXPORT_ACTIES = ("monitoring.view_export",)
EIGEN_GEMEENTE_EXPORT = {Rol.LEERPLICHTAMBTENAAR, Rol.TEAMMANAGER, Rol.BELEIDSMEDEWERKER}


@pytest.mark.parametrize("rol", Rol.values)
def test_een_export_ziet_alleen_wie_hem_vroeg_zolang_die_het_gebied_ziet(
    wereld: Wereld, rol: str
) -> None:
    from binnenboord.monitoring.models import Export
    from binnenboord.toegang.models import Organisatie

    swv = Organisatie.objects.get(naam="SWV Demodam")
    gebruiker = wereld.medewerkers[rol]
    collega = MedewerkerFactory(rol=gebruiker.rol, organisatie=gebruiker.organisatie)

    def export(eigenaar: Any, scope: str) -> Any:
        parameters = {"soort": "maand", "periode": "2026-10", "scope": scope}
        return Export.objects.create(medewerker=eigenaar, formaat="pdf", parameters=parameters)

    exporten = {
        "eigen_gemeente": export(gebruiker, "gemeente:9999"),
        "eigen_buurdorp": export(gebruiker, "gemeente:9998"),
        "eigen_swv": export(gebruiker, f"swv:{swv.pk}"),
        "collega_gemeente": export(collega, "gemeente:9999"),
        "collega_swv": export(collega, f"swv:{swv.pk}"),
    }
    ziet = {n for n, e in exporten.items() if gebruiker.has_perm("monitoring.view_export", e)}
    if rol in EIGEN_GEMEENTE_EXPORT:
        assert ziet == {"eigen_gemeente"}
    elif rol == Rol.SWV_CONSULENT:
        assert ziet == {"eigen_swv"}
    else:
        assert ziet == GEEN
    assert not any(AnonymousUser().has_perm("monitoring.view_export", e) for e in exporten.values())


MATRIX |= set(EXPORT_ACTIES)


# Log-in connections (toegang.Inlogkoppeling, beheer/views_inloggen.py): only the functional
# administrator of a Leerplicht organisation, for the connections of the organisations of its
# region; another municipality's administrator only its own.
INLOGKOPPELING_ACTIES = ("toegang.change_inlogkoppeling",)


@pytest.mark.parametrize("rol", Rol.values)
def test_een_inlogkoppeling_beheert_alleen_de_beheerder_van_de_regio(
    wereld: Wereld, rol: str
) -> None:
    from binnenboord.toegang.models import Gemeente, Inlogkoppeling, Organisatie

    def koppeling(organisatie: Organisatie, slug: str) -> Inlogkoppeling:
        return Inlogkoppeling.objects.create(
            naam=slug,
            slug=slug,
            organisatie=organisatie,
            autorisatie_url="https://op.example/a",
            token_url="https://op.example/t",
            userinfo_url="https://op.example/u",
            jwks_url="https://op.example/j",
            client_id="c",
        )

    buurdorp = Organisatie.objects.create(naam="Leerplicht Buurdorp", soort="gemeente")
    buurdorp.gemeenten.set([Gemeente.objects.get(code="9998")])
    school_a = wereld.medewerkers[Rol.SCHOOLMEDEWERKER].organisatie
    assert school_a is not None
    koppelingen = {
        "eigen": koppeling(wereld.leerplicht, "eigen"),
        "school_in_regio": koppeling(school_a, "school-a"),
        "school_buurdorp": koppeling(Organisatie.objects.get(naam="De Vuurtoren"), "school-b"),
        "andere_gemeente": koppeling(buurdorp, "buurdorp"),
    }
    actie = "toegang.change_inlogkoppeling"
    gebruiker = wereld.medewerkers[rol]

    mag = {n for n, k in koppelingen.items() if gebruiker.has_perm(actie, k)}

    assert mag == ({"eigen", "school_in_regio"} if rol == Rol.FUNCTIONEEL_BEHEERDER else GEEN)
    ander = MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEERDER, organisatie=buurdorp)
    assert {n for n, k in koppelingen.items() if ander.has_perm(actie, k)} == {
        "school_buurdorp",
        "andere_gemeente",
    }
    # an organisation is no connection, and an anonymous visitor gets nothing
    assert not gebruiker.has_perm(actie, wereld.leerplicht)
    assert not any(AnonymousUser().has_perm(actie, k) for k in koppelingen.values())


MATRIX |= set(INLOGKOPPELING_ACTIES)
