# SPDX-License-Identifier: EUPL-1.2
"""Permission attacks on every HTML page (issue 7, "Permission attacks").

One victim world (a pupil of school A living in municipality X, with a case, plan, action,
contact moment, participants, justice step, letter, signals, meldingen, an
import with rejected rows, a meeting with the case on its agenda and a consultation-hour
referral) is attacked by another school, Leerplicht of another municipality, uninvolved
professionals, a policy officer of X and an anonymous visitor.

- Every URL of the site is known here (test_geen_url_is_vergeten): a new URL fails the suite
  until it is added to OBJECTEN (it names an object) or PAGINAS (it does not), or to the
  commented UITGESLOTEN list.
- Object URLs: each logged-in attacker gets exactly the answer a missing object gets (404; 405
  for a method the URL never takes, for any id), the victim's data is not in the body, and no
  table changed except the access log. The anonymous visitor is sent to the log-in page
  (302) for GET and POST alike: LoginRequiredMiddleware answers before any view looks up the
  object, so a visitor cannot tell an existing id from a missing one either.
- Pages without an object: the roles that may open them get 200 without the victim's data
  (e.g. a search for the victim's surname finds nothing); the others 403 (a page the role may
  never open has no object to hide, so "forbidden" tells nothing); a report scope of another
  municipality is 404 like a missing scope.
- A positive control per object URL: the rightful user does not get 404, so the filled-in
  URL really names the victim's object and the attackers' 404 is not vacuous.
"""

from __future__ import annotations

import collections
import logging  # noqa: TID251  (only to quiet one stdlib logger of Django, below)
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import time, timedelta
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

import pytest

from binnenboord.monitoring.models import Export
from binnenboord.notificaties.models import Notificatie
from binnenboord.portaal.sessie import SESSIE_SLEUTEL
from binnenboord.regie import services
from binnenboord.regie.models import (
    Bericht,
    Brief,
    Casus,
    Casusoverdracht,
    Correctieverzoek,
    Escalatie,
    Overlegsoort,
    Overleguitnodiging,
)
from binnenboord.regie.services import justitie, mazl, overleg
from binnenboord.regie.views.casus import UITKLAPBAAR
from binnenboord.regie.views.justitie import FORMULIEREN
from binnenboord.registratie.models import (
    Afwijzing,
    Import,
    InschrijvingTerBevestiging,
    School,
    Verhuismelding,
)
from binnenboord.signalering.models import Signaal
from binnenboord.signalering.services.melding import (
    maak_thuiszittermelding,
    maak_verzuimmelding,
)
from binnenboord.toegang.models import (
    Claimregel,
    Gemeente,
    Inlogkoppeling,
    Kernteam,
    Organisatie,
    Rol,
)
from binnenboord.verantwoording.models import Inzage, Inzageanker
from tests.factories import (
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
    OuderFactory,
    PortaaltoegangFactory,
    _bsn,
)
from tests.signalering.factories import SignaalFactory
from tests.wereld import bouw_wereld

# --- the URLs the sweep leaves to other tests -----------------------------------------------

# Namespaces and names outside the sweep, each with its reason.
UITGESLOTEN_NAAMRUIMTEN = {
    # Django admin: only for is_staff superusers, none of the attackers; its own permission
    # system (tests/toegang covers that professionals are not staff).
    "admin",
    # The REST API has its own attack sweep (tests/api/), with tokens and scopes.
    "api",
    # django-two-factor-auth's own pages about the logged-in user's own device; they name no
    # pupil or other object (tests/beveiliging/test_tweestaps.py).
    "two_factor",
}
UITGESLOTEN_NAMEN = {
    # The log-in flow: open to anonymous visitors by design (tests/web/test_pages.py,
    # tests/beveiliging).
    "login",
    "logout",
    "verificatie",
    # The one-time log-in link: open to anonymous visitors by design; without a valid token it
    # shows the page of a dead link (410) and names nothing (tests/web/test_eenmalig.py).
    "eenmalig_inloggen",
    # Switching the interface language: stores a cookie, names no object.
    "set_language",
    # The browser's own request for the icon: a redirect to a static file, names no object.
    "favicon",
    # The health checks for load balancers: public by design, no data about people
    # (tests/conf/test_gezondheid.py).
    "gezondheid_leeft",
    "gezondheid_klaar",
    # The portal's log-in flow: open to anonymous visitors by design; a staff log-in is no
    # portal log-in (tests/portaal/test_inloggen.py, tests/portaal/test_digid.py).
    "portaal:inloggen",
    "portaal:uitloggen",
    "portaal:oidc_start",
    "portaal:oidc_callback",
    # The staff log-in with the own organisation (OpenID Connect): open to anonymous visitors
    # by design; a refusal shows only the visitor's own claims (tests/web/test_sso.py).
    "web:sso_start",
    "web:sso_terug",
    "web:sso_geweigerd",
    # The portal's questionnaire: open only after the UVO or at closing, so the sweep's
    # victim has none to show; its attacks (another family, a withheld access, a staff
    # log-in) are in tests/portaal/test_vragenlijst.py.
    "portaal:vragenlijst",
}

ONBESTAAND = 2_000_000_000  # an id no row has (still a valid <int:...> and bigint)
PERIODE = "2026-10"


# --- the victim world -----------------------------------------------------------------------


@dataclass
class Slachtoffer:
    """The victim's objects, the rightful users and the attackers."""

    gebruikers: dict[str, Any]
    objecten: dict[str, Any]
    kenmerken: tuple[str, ...]  # strings that must never reach an attacker


def _bouw() -> Slachtoffer:
    wereld = bouw_wereld()
    m = wereld.medewerkers
    demodam = Gemeente.objects.get(code="9999")
    buurdorp = Gemeente.objects.get(code="9998")
    school_a = School.objects.get(organisatie__naam="Het Baken")
    swv_x = Organisatie.objects.get(naam="SWV Demodam")
    school_a.samenwerkingsverband = swv_x
    school_a.save()
    vandaag = timezone.localdate()

    leerling: Any = LeerlingFactory(
        bsn=_bsn(987_654),
        voornamen="Vertrouwelijka",
        achternaam="Geheimhouder",
        woongemeente=demodam,
    )
    InschrijvingFactory(leerling=leerling, school=school_a)
    ouder = OuderFactory(leerling=leerling, achternaam="Zwijgzaam", telefoon="06-98765432")

    school = m[Rol.SCHOOLMEDEWERKER]
    lpa = m[Rol.LEERPLICHTAMBTENAAR]
    jgz = Organisatie.objects.get(naam="GGD Demodam")
    interventieteam = Organisatie.objects.get(naam="Interventieteam VO")
    jeugdarts_betrokken: Any = MedewerkerFactory(
        username="jeugdarts_betrokken", rol=Rol.JEUGDARTS, organisatie=jgz
    )
    it_betrokken: Any = MedewerkerFactory(
        username="it_betrokken", rol=Rol.INTERVENTIETEAMLID, organisatie=interventieteam
    )

    # the case: directed by school A; the youth doctor, the SWV consultant of X and an
    # intervention team member take part
    casus = services.open_casus(leerling=leerling, door=school, start=vandaag - timedelta(weeks=3))
    for deelnemer in (jeugdarts_betrokken, m[Rol.SWV_CONSULENT], it_betrokken):
        services.voeg_deelnemer_toe(
            casus=casus, door=school, soort="professional", medewerker=deelnemer
        )
    services.voeg_deelnemer_toe(
        casus=casus, door=school, soort="extern", naam="J. Zorgverlener", rol="zorgaanbieder"
    )
    services.sla_plan_op(casus=casus, door=school, basis_versie=0, doel="Plandoel-Zeldzaam")
    actie = services.voeg_actie_toe(
        casus=casus,
        door=school,
        wat="Actie-Zeldzaam",
        wie_naam="Moeder",
        uiterlijk=vandaag + timedelta(days=7),
    )
    services.registreer_contactmoment(
        casus=casus, door=school, soort="huisbezoek", datum=vandaag, verslag="Verslag-Zeldzaam"
    )
    justitie.registreer_justitiestap(
        casus=casus, door=lpa, soort="onderzoek_ouders", datum=vandaag, toelichting="Gehoord"
    )
    brief = justitie.maak_brief(
        casus=casus,
        door=lpa,
        sjabloon="uitnodiging_gesprek",
        aan="Familie Zwijgzaam",
        afspraak=timezone.now() + timedelta(days=3),
    )
    # signals and meldingen: one open signal, a draft verzuimmelding (school only) and a sent
    # stay-at-home melding (Leerplicht X and the SWV of school A)
    signaal: Any = SignaalFactory(leerling=leerling, school=school_a, gebeurtenis=True)
    bron: Any = SignaalFactory(
        leerling=leerling,
        school=school_a,
        gebeurtenis=True,
        datum=signaal.datum + timedelta(days=60),
        begindatum=signaal.begindatum + timedelta(days=60),
    )
    concept = maak_verzuimmelding(signaal=bron, door=school)
    melding = maak_thuiszittermelding(
        leerling=leerling, door=school, soort="thuiszitter", omschrijving="Omschrijving-Zeldzaam"
    )

    # an import of school A whose rejected row holds the pupil's data
    bestandsimport = Import.objects.create(
        soort=Import.Soort.VERZUIM,
        bestandsnaam="geheim-bestand.csv",
        medewerker=school,
        status=Import.Status.KLAAR,
        aantal_rijen=1,
        aantal_afgewezen=1,
    )
    Afwijzing.objects.create(
        bestandsimport=bestandsimport,
        rij=2,
        veld="bsn",
        waarde=leerling.bsn,
        reden="Onbekende leerling",
        gegevens={"bsn": leerling.bsn, "achternaam": leerling.achternaam},
    )

    # a meeting series of Leerplicht X with the case on the agenda, and a consultation hour
    # at school A with the pupil referred
    # (chaired by Leerplicht X, its agenda published: the chair reads the agenda item)
    bijeenkomst = overleg.plan_overleg(
        soort=Overlegsoort.DOORBRAAKOVERLEG,
        datum=vandaag,
        door=lpa,
        interval_weken=3,
        voorzitter=lpa,
    )
    punt = overleg.agendeer(overleg=bijeenkomst, casus=casus, door=lpa)
    overleg.publiceer_agenda(bijeenkomst, lpa)
    spreekuur = overleg.plan_spreekuur(
        school=school_a,
        leerplichtambtenaar=lpa,
        datum=vandaag - timedelta(days=1),
        begin=time(9, 0),
        einde=time(10, 0),
    )
    verwijzing = overleg.verwijs(
        spreekuur=spreekuur, leerling=leerling, door=school, tijdvak=time(9, 0), reden="Reden"
    )

    # a MAZL referral to the youth doctor of school A's kernteam (who also takes part in the
    # case), attached to the open case, with the youth doctor's medical notes
    Kernteam.objects.create(school=school_a.organisatie, jeugdarts=jeugdarts_betrokken)
    mazlverwijzing = mazl.verwijs_naar_jeugdarts(
        leerling=leerling, school=school_a, reden="Mazlreden-Zeldzaam", door=school
    )
    mazl.leg_medisch_vast_bij_verwijzing(
        verwijzing=mazlverwijzing, door=jeugdarts_betrokken, tekst="Medisch-Zeldzaam"
    )

    # a handover after a move (regie.Casusoverdracht): one the case awaits, and one sent to
    # Leerplicht of a third municipality, Verweg (its officer is a rightful user of it)
    verweg = Gemeente.objects.create(code="9003", naam="Verweg")
    ontvanger = MedewerkerFactory(
        username="lpa_ontvanger",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Verweg", gemeenten=[verweg]),
    )
    gemeenteoverdracht = Casusoverdracht.objects.create(
        casus=casus, van_gemeente=demodam, naar_gemeente=verweg
    )
    ontvangen_overdracht = Casusoverdracht.objects.create(
        casus=casus,
        van_gemeente=demodam,
        naar_gemeente=verweg,
        status=Casusoverdracht.Status.VERZONDEN,
        verzonden_door=lpa,
        verzonden_op=timezone.now(),
        inhoud={"samenvatting": "Plandoel-Zeldzaam"},
    )

    # the attackers
    leerplicht_y = OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp])
    swv_elders = OrganisatieFactory(naam="SWV Elders", swv=True)
    aanvallers: dict[str, Any] = {
        "andere_school": MedewerkerFactory(
            username="aanvaller_school_b",
            rol=Rol.SCHOOLMEDEWERKER,
            organisatie=Organisatie.objects.get(naam="De Vuurtoren"),
        ),
        "andere_gemeente": MedewerkerFactory(
            username="aanvaller_lpa_y", rol=Rol.LEERPLICHTAMBTENAAR, organisatie=leerplicht_y
        ),
        # the wereld's youth doctor and family worker take no part in this case
        "jeugdarts": m[Rol.JEUGDARTS],
        "gezinswerker": m[Rol.GEZINSWERKER],
        "swv_consulent": MedewerkerFactory(
            username="aanvaller_swv", rol=Rol.SWV_CONSULENT, organisatie=swv_elders
        ),
        "interventieteam": m[Rol.INTERVENTIETEAMLID],
        "beleid": m[Rol.BELEIDSMEDEWERKER],
    }
    gebruikers = {
        "school": school,
        "lpa": lpa,
        "jeugdarts_betrokken": jeugdarts_betrokken,
        "swv_betrokken": m[Rol.SWV_CONSULENT],
        "it_betrokken": it_betrokken,
        "lpa_ontvanger": ontvanger,
        **aanvallers,
    }
    # writes held for Leerplicht X about the victim (registratie.bevestigen)
    verhuismelding = Verhuismelding.objects.create(
        leerling=leerling,
        van_gemeente=demodam,
        naar_gemeente=buurdorp,
        gegevens={"waarden": {"achternaam": leerling.achternaam, "bsn": leerling.bsn}},
    )
    ter_bevestiging = InschrijvingTerBevestiging.objects.create(
        leerling=leerling,
        identiteit=f"bsn:{leerling.bsn}",
        school=school_a,
        begindatum=vandaag - timedelta(days=400),
        reden=InschrijvingTerBevestiging.Reden.TERUGGEDATEERD,
    )
    # the portal (docs/relatie.md): the victim's parent and the pupil (14) have an active
    # access, the parent is invited to the meeting and the letter is addressed to her; the
    # portal's attacker is a parent of another family with a case of its own
    ouder_toegang = PortaaltoegangFactory(casus=casus, ouder=ouder)
    Brief.objects.filter(pk=brief.pk).update(ouder=ouder)
    ander_kind: Any = LeerlingFactory(woongemeente=demodam, achternaam="Anderhuis")
    InschrijvingFactory(leerling=ander_kind, school=school_a)
    andere_casus = services.open_casus(
        leerling=ander_kind, door=school, start=vandaag - timedelta(weeks=1)
    )
    portaal = {
        "ouder": ouder_toegang,
        "leerling": PortaaltoegangFactory(casus=casus, ouder=None),
        "uitnodiging": Overleguitnodiging.objects.create(
            overleg=bijeenkomst, casus=casus, toegang=ouder_toegang, uitgenodigd_door=lpa
        ),
        "vreemd": PortaaltoegangFactory(
            casus=andere_casus, ouder=OuderFactory(leerling=ander_kind, gezag=True)
        ),
    }
    # the staff side of relatie on the case page (regie.views.relatie): a second parent whose
    # access is withheld, a message of the pupil and a correction request of the parent
    vader: Any = OuderFactory(leerling=leerling, relatie="vader", achternaam="Zwijgzaam")
    relatie = {
        "ontzegd": PortaaltoegangFactory(casus=casus, ouder=vader, ontzegd=True),
        "bericht": Bericht.objects.create(
            toegang=portaal["leerling"], casus=casus, tekst="Bericht-Zeldzaam"
        ),
        "correctieverzoek": Correctieverzoek.objects.create(
            toegang=ouder_toegang, casus=casus, wat="Correctie-Zeldzaam", toelichting="Anders"
        ),
    }
    objecten = {
        **{f"portaal_{sleutel}": rij for sleutel, rij in portaal.items()},
        **{f"relatie_{sleutel}": rij for sleutel, rij in relatie.items()},
        "verhuismelding": verhuismelding,
        "ter_bevestiging": ter_bevestiging,
        "leerling": leerling,
        "casus": casus,
        "gemeenteoverdracht": gemeenteoverdracht,
        "ontvangen_overdracht": ontvangen_overdracht,
        "actie": actie,
        "brief": brief,
        "signaal": signaal,
        "concept": concept,
        "melding": melding,
        "import": bestandsimport,
        "overleg": bijeenkomst,
        "punt": punt,
        # a participant of the case, and the case escalated to the Doorbraakoverleg
        "deelnemer": casus.deelnemers.get(medewerker=it_betrokken),
        "escalatie": Escalatie.objects.create(
            casus=casus, orgaan="doorbraakoverleg", datum=vandaag, bevestigd_door=lpa
        ),
        "spreekuur": spreekuur,
        "verwijzing": verwijzing,
        "school_a": school_a,
        # the notification Leerplicht X got of the sent melding (notificaties)
        "notificatie": Notificatie.objects.get(ontvanger=lpa, soort="melding_ontvangen"),
        "mazlverwijzing": mazlverwijzing,
        # a figures export Leerplicht X asked for, made (monitoring.exporten)
        "export": Export.objects.create(
            medewerker=lpa,
            formaat="xlsx",
            parameters={"soort": "maand", "periode": PERIODE, "scope": "gemeente:9999"},
            status=Export.Status.KLAAR,
            bestandsnaam="binnenboord-maandrapportage.xlsx",
            inhoud=b"PK-cijfers",
        ),
    }
    kenmerken = (
        leerling.achternaam,
        leerling.voornamen,
        leerling.bsn,
        "Zwijgzaam",
        "06-98765432",
        "Plandoel-Zeldzaam",
        "Actie-Zeldzaam",
        "Verslag-Zeldzaam",
        "Omschrijving-Zeldzaam",
        "geheim-bestand.csv",
        "Mazlreden-Zeldzaam",
        "Medisch-Zeldzaam",
        "Bericht-Zeldzaam",
        "Correctie-Zeldzaam",
    )
    # the log-in connection of Leerplicht X with one claim rule, and the functional
    # administrator who manages it (beheer/views_inloggen.py, tests/web/test_sso_beheer.py)
    koppeling = Inlogkoppeling.objects.create(
        naam="Gemeente Demodam",
        slug="demodam",
        organisatie=lpa.organisatie,
        autorisatie_url="https://login.demodam.example/authorize",
        token_url="https://login.demodam.example/token",
        userinfo_url="https://login.demodam.example/userinfo",
        jwks_url="https://login.demodam.example/jwks",
        client_id="binnenboord",
        client_secret="Clientgeheim-Zeldzaam",
    )
    objecten["inlogkoppeling"] = koppeling
    objecten["claimregel"] = Claimregel.objects.create(
        koppeling=koppeling,
        claim="groups",
        waarde="lpa-demodam",
        organisatie=lpa.organisatie,
        rol=Rol.LEERPLICHTAMBTENAAR,
    )
    gebruikers.setdefault("beheerder", m[Rol.FUNCTIONEEL_BEHEERDER])
    # beheer: the victim's school as an organisation, and its school employee's account
    objecten["organisatie_a"] = school_a.organisatie
    objecten["account_a"] = school
    kenmerken = (*kenmerken, "Clientgeheim-Zeldzaam")
    return Slachtoffer(gebruikers, objecten, kenmerken)


@pytest.fixture(scope="module")
def slachtoffer(django_db_setup: None, django_db_blocker: Any) -> Iterator[Slachtoffer]:
    """Built once for the module inside a transaction that is rolled back at its end; each
    test runs in a savepoint inside it (pytest-django's `db`), so tests cannot see each
    other's changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _bouw()
        transaction.set_rollback(True)


# --- what every URL is filled with ----------------------------------------------------------

Gegevens = Callable[[Slachtoffer], dict[str, Any]]


def _leeg(s: Slachtoffer) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Object:
    """A URL that names one of the victim's objects."""

    naam: str  # the URL name
    args: Callable[[Slachtoffer], list[Any]]
    eigenaar: str  # who may use it (the positive control)
    methoden: tuple[str, ...] = ("GET", "POST")
    post: Gegevens = _leeg


def _o(sleutel: str) -> Callable[[Slachtoffer], list[Any]]:
    return lambda s: [s.objecten[sleutel].pk]


def _casus_en(*rest: Any) -> Callable[[Slachtoffer], list[Any]]:
    return lambda s: [s.objecten["casus"].pk, *rest]


def _casus_en_object(sleutel: str) -> Callable[[Slachtoffer], list[Any]]:
    return lambda s: [s.objecten["casus"].pk, s.objecten[sleutel].pk]


def _vandaag() -> str:
    return timezone.localdate().isoformat()


CASUSFORMULIEREN: dict[str, tuple[str, Gegevens]] = {
    # URL name: (the form's name on regie:formulier, plausible data)
    "overdragen": (
        "overdracht",
        lambda s: {
            "overdracht-naar": s.gebruikers["andere_gemeente"].pk,
            "overdracht-datum": _vandaag(),
            "overdracht-reden": "Overname",
        },
    ),
    "deelnemer": (
        "deelnemer",
        lambda s: {
            "deelnemer-soort": "professional",
            "deelnemer-medewerker": s.gebruikers["jeugdarts"].pk,
        },
    ),
    "contactmoment": (
        "contact",
        lambda s: {
            "contact-soort": "huisbezoek",
            "contact-datum": _vandaag(),
            "contact-met": ["ouders"],
            "contact-verslag": "Binnengedrongen",
        },
    ),
    "plan": ("plan", lambda s: {"plan-basis_versie": 1, "plan-doel": "Overschreven"}),
    "actie": (
        "actie",
        # an action of the victim's parent (Actie.ouder): the family's own action in the portal
        lambda s: {
            "actie-ouder": s.objecten["portaal_ouder"].ouder_id,
            "actie-wat": "Ingevoegd",
            "actie-uiterlijk": _vandaag(),
        },
    ),
    "stap": ("stap", lambda s: {"stap-stap": "uvo", "stap-datum": _vandaag()}),
}

JUSTITIE: dict[str, tuple[str, Gegevens]] = {
    # form name: (rightful user, plausible data)
    "justitie": (
        "lpa",
        lambda s: {"justitie-soort": "waarschuwing", "justitie-datum": _vandaag()},
    ),
    # a letter to the victim's parent: it shows in her portal
    "brief": (
        "lpa",
        lambda s: {
            "brief-sjabloon": "waarschuwing",
            "brief-ontvanger": f"ouder:{s.objecten['portaal_ouder'].ouder_id}",
        },
    ),
    "mazl": ("jeugdarts_betrokken", lambda s: {"mazl-datum": _vandaag(), "mazl-advies": "Rust"}),
    "vrijstellingsadvies": (
        "swv_betrokken",
        lambda s: {"vrijstellingsadvies-advies": "Deels naar school"},
    ),
    "verklaring": ("lpa", lambda s: {"verklaring-deskundige": "Dr. X"}),
    "opp": ("school", lambda s: {"opp-verwijzing": "OPP-1", "opp-datum": _vandaag()}),
    "evaluatie": (
        "it_betrokken",
        lambda s: {
            "evaluatie-niveau": "proces",
            "evaluatie-datum": _vandaag(),
            "evaluatie-wat_ging_goed": "a",
            "evaluatie-wat_kan_beter": "b",
        },
    ),
}

# otherwise the sent melding
MELDING = {"wijzigen": "concept", "versturen": "concept", "duo_gemeld": "concept"}

OBJECTEN: dict[str, Object] = {
    # pupil file, opening a case and a stay-at-home melding for the pupil
    "registratie:leerling": Object("registratie:leerling", _o("leerling"), "school"),
    # Leerplicht changes a parent of the pupil (gezag, BSN, address, shielding)
    "registratie:ouder": Object(
        "registratie:ouder",
        lambda s: [s.objecten["leerling"].pk, s.objecten["portaal_ouder"].ouder_id],
        "lpa",
        post=lambda s: {
            "relatie": "moeder",
            "voornamen": "Gekaapt",
            "achternaam": "Zwijgzaam",
            "gezag": "on",
            "adres_afgeschermd": "",
            "reden": "Overgenomen",
        },
    ),
    "regie:nieuw": Object(
        "regie:nieuw",
        _o("leerling"),
        "school",
        post=lambda s: {"start": _vandaag(), "regisseur": s.gebruikers["andere_school"].pk},
    ),
    "meldingen:thuiszitter": Object(
        "meldingen:thuiszitter",
        _o("leerling"),
        "school",
        post=lambda s: {"soort": "thuiszitter", "omschrijving": "Nep"},
    ),
    # deciding on a held write about the victim
    "registratie:bevestig_verhuizing": Object(
        "registratie:bevestig_verhuizing",
        _o("verhuismelding"),
        "lpa",
        ("POST",),
        post=lambda s: {"besluit": "bevestigen"},
    ),
    "registratie:bevestig_inschrijving": Object(
        "registratie:bevestig_inschrijving",
        _o("ter_bevestiging"),
        "lpa",
        ("POST",),
        post=lambda s: {"besluit": "bevestigen"},
    ),
    # imports
    "registratie:import": Object("registratie:import", _o("import"), "school"),
    **{
        f"registratie:import_rapport[{formaat}]": Object(
            "registratie:import_rapport",
            lambda s, f=formaat: [s.objecten["import"].pk, f],  # type: ignore[misc]
            "school",
        )
        for formaat in ("csv", "xlsx")
    },
    # signals
    "signalering:signaal": Object("signalering:signaal", _o("signaal"), "school"),
    "signalering:afwijzen": Object(
        "signalering:afwijzen",
        _o("signaal"),
        "school",
        ("POST",),
        lambda s: {"reden": "Weggewerkt"},
    ),
    "meldingen:maak_verzuim": Object("meldingen:maak_verzuim", _o("signaal"), "school", ("POST",)),
    # attaching the signal to the pupil's open case (the school directs it)
    "regie:koppel_signaal": Object(
        "regie:koppel_signaal",
        lambda s: [s.objecten["casus"].pk, s.objecten["signaal"].pk],
        "school",
        ("POST",),
    ),
    # meldingen
    **{
        f"meldingen:{naam}": Object(
            f"meldingen:{naam}",
            _o(MELDING.get(naam, "melding")),
            eigenaar,
            methoden,
            post,
        )
        for naam, eigenaar, methoden, post in (
            ("melding", "lpa", ("GET", "POST"), _leeg),
            ("wijzigen", "school", ("GET", "POST"), lambda s: {"omschrijving": "Gewijzigd"}),
            ("versturen", "school", ("POST",), _leeg),
            (
                "behandelen",
                "lpa",
                ("POST",),
                lambda s: {"status": "in_behandeling", "toelichting": "x"},
            ),
            ("swv", "swv_betrokken", ("POST",), lambda s: {"swv_toelichting": "x"}),
            ("duo_gemeld", "school", ("POST",), lambda s: {"duo_gemeld_op": _vandaag()}),
            ("export_pdf", "lpa", ("GET", "POST"), _leeg),
            ("export_json", "lpa", ("GET", "POST"), _leeg),
            ("export_csv", "lpa", ("GET", "POST"), _leeg),
        )
    },
    # the case page and its forms
    "regie:casus": Object("regie:casus", _o("casus"), "school"),
    **{
        f"regie:formulier[{vouw}]": Object(
            "regie:formulier", _casus_en(vouw), "school", post=CASUSFORMULIEREN[naam][1]
        )
        for naam, (vouw, _gegevens) in CASUSFORMULIEREN.items()
    },
    **{
        f"regie:{naam}": Object(f"regie:{naam}", _o("casus"), "school", ("POST",), gegevens)
        for naam, (_vouw, gegevens) in CASUSFORMULIEREN.items()
    },
    "regie:sluiten": Object(
        "regie:sluiten",
        _o("casus"),
        "school",
        ("POST",),
        lambda s: {"sluiten-passend_aanbod": "eigen_school", "sluiten-op": _vandaag()},
    ),
    # heropenen answers the rightful user 403 on an open case: found, not hidden
    "regie:deelname_beeindigen": Object(
        "regie:deelname_beeindigen",
        lambda s: [s.objecten["casus"].pk, s.objecten["deelnemer"].pk],
        "school",
        ("POST",),
        lambda s: {"reden": "Niet meer nodig"},
    ),
    "regie:escalatie_beeindigen": Object(
        "regie:escalatie_beeindigen",
        _o("escalatie"),
        "lpa",
        ("POST",),
        lambda s: {"reden": "Besproken"},
    ),
    "regie:heropenen": Object(
        "regie:heropenen",
        _o("casus"),
        "lpa",
        ("POST",),
        lambda s: {"heropenen-reden": "Weer thuis"},
    ),
    "regie:actie_afronden": Object(
        "regie:actie_afronden",
        lambda s: [s.objecten["casus"].pk, s.objecten["actie"].pk],
        "school",
        ("POST",),
        lambda s: {"afronden-status": "gedaan", "afronden-op": _vandaag()},
    ),
    "regie:aanpak_verplaatsen": Object(
        "regie:aanpak_verplaatsen",
        _o("casus"),
        "lpa",
        ("POST",),
        lambda s: {"aanpak-aanpak": "amsterdam_drie_fasen", "aanpak-reden": "Andere aanpak"},
    ),
    **{
        f"regie:justitie_formulier[{naam}]": Object(
            "regie:justitie_formulier", _casus_en(naam), eigenaar, post=gegevens
        )
        for naam, (eigenaar, gegevens) in JUSTITIE.items()
    },
    "regie:brief_pdf": Object(
        "regie:brief_pdf",
        lambda s: [s.objecten["casus"].pk, s.objecten["brief"].pk],
        "lpa",
        ("GET",),
    ),
    "regie:opp_pdf": Object("regie:opp_pdf", _o("casus"), "school", ("GET",)),
    # the section "Ouders en leerling" (regie.views.relatie): the regisseur's forms and the
    # message thread; every id in them is one of the victim's case
    **{
        f"regie:relatie_{naam}": Object(f"regie:relatie_{naam}", args, "school", methoden, post)
        for naam, args, methoden, post in (
            (
                "uitnodigen",
                _o("casus"),
                ("POST",),
                lambda s: {"uitnodigen-persoon": "leerling", "uitnodigen-via": "brief"},
            ),
            ("code", _casus_en_object("portaal_ouder"), ("POST",), _leeg),
            (
                "beeindigen",
                _casus_en_object("portaal_leerling"),
                ("POST",),
                lambda s: {"einde-reden": "Weg", "einde-bevestigd": "on"},
            ),
            (
                "ontzeggen",
                lambda s: [s.objecten["casus"].pk, s.objecten["portaal_ouder"].ouder_id],
                ("POST",),
                lambda s: {"einde-reden": "Weg", "einde-bevestigd": "on"},
            ),
            (
                "opheffen",
                _casus_en_object("relatie_ontzegd"),
                ("POST",),
                lambda s: {"einde-reden": "Weg", "einde-bevestigd": "on"},
            ),
            (
                "overleg",
                _o("casus"),
                ("POST",),
                lambda s: {
                    "overleguitnodiging-overleg": s.objecten["overleg"].pk,
                    "overleguitnodiging-toegang": s.objecten["portaal_leerling"].pk,
                },
            ),
            (
                "verhaal",
                _o("casus"),
                ("POST",),
                lambda s: {"verhaal-namens": "leerling", "verhaal-wat_speelt": "Binnengedrongen"},
            ),
            (
                "berichten",
                _casus_en_object("portaal_leerling"),
                ("GET", "POST"),
                lambda s: {"bericht-tekst": "Binnengedrongen"},
            ),
            (
                "correctie",
                _casus_en_object("relatie_correctieverzoek"),
                ("POST",),
                lambda s: {"correctie-uitkomst": "afgewezen", "correctie-antwoord": "Nee"},
            ),
        )
    },
    # the handover after a move: the sending side's form, the receiving side's page
    "regie:gemeenteoverdracht_versturen": Object(
        "regie:gemeenteoverdracht_versturen",
        _o("casus"),
        "lpa",
        post=lambda s: {"gemeenteoverdracht-plan": "on"},
    ),
    "regie:overdracht": Object("regie:overdracht", _o("ontvangen_overdracht"), "lpa_ontvanger"),
    "regie:overdracht_aanvaarden": Object(
        "regie:overdracht_aanvaarden", _o("ontvangen_overdracht"), "lpa_ontvanger", ("POST",)
    ),
    "regie:overdracht_weigeren": Object(
        "regie:overdracht_weigeren",
        _o("ontvangen_overdracht"),
        "lpa_ontvanger",
        ("POST",),
        lambda s: {"weigeren-reden": "Niet hier"},
    ),
    # meetings and the consultation hour
    "overleg:overleg": Object("overleg:overleg", _o("overleg"), "lpa"),
    "overleg:agenderen": Object(
        "overleg:agenderen",
        _o("overleg"),
        "lpa",
        ("POST",),
        lambda s: {"agenderen-casussen": [s.objecten["casus"].pk]},
    ),
    "overleg:volgend": Object("overleg:volgend", _o("overleg"), "lpa", ("POST",)),
    # opening one's own notification (marks it read, then follows its link): POST only
    "notificaties:openen": Object("notificaties:openen", _o("notificatie"), "lpa", ("POST",)),
    # a figures export: its page and its file, only for its asker (read-only)
    "monitoring:exportstatus": Object("monitoring:exportstatus", _o("export"), "lpa", ("GET",)),
    "monitoring:exportbestand": Object("monitoring:exportbestand", _o("export"), "lpa", ("GET",)),
    "overleg:van_agenda": Object(
        "overleg:van_agenda",
        lambda s: [s.objecten["overleg"].pk, s.objecten["punt"].pk],
        "lpa",
        ("POST",),
    ),
    "overleg:besluit": Object(
        "overleg:besluit",
        lambda s: [s.objecten["overleg"].pk, s.objecten["punt"].pk],
        "lpa",
        ("POST",),
        lambda s: {
            f"besluit-{s.objecten['punt'].pk}-uitkomst": "besproken",
            f"besluit-{s.objecten['punt'].pk}-besluit": "Besloten",
        },
    ),
    "overleg:publiceren": Object("overleg:publiceren", _o("overleg"), "lpa", ("POST",)),
    "overleg:vraag": Object(
        "overleg:vraag",
        lambda s: [s.objecten["overleg"].pk, s.objecten["punt"].pk],
        "lpa",
        ("POST",),
        lambda s: {f"vraag-{s.objecten['punt'].pk}-vraag": "Gevraagd"},
    ),
    "overleg:agendapunt": Object(
        "overleg:agendapunt",
        lambda s: [s.objecten["overleg"].pk, s.objecten["punt"].pk],
        "lpa",
    ),
    # MAZL: the school refers the pupil; the addressed youth doctor reads and handles it
    "mazl:nieuw": Object(
        "mazl:nieuw",
        _o("leerling"),
        "school",
        post=lambda s: {"verwijzing-reden": "Nogmaals"},
    ),
    "mazl:verwijzing": Object(
        "mazl:verwijzing", _o("mazlverwijzing"), "jeugdarts_betrokken", ("GET",)
    ),
    "mazl:consult": Object(
        "mazl:consult",
        _o("mazlverwijzing"),
        "jeugdarts_betrokken",
        ("POST",),
        lambda s: {"consult-consult_op": _vandaag(), "consult-status": "gepland"},
    ),
    "mazl:medisch": Object(
        "mazl:medisch",
        _o("mazlverwijzing"),
        "jeugdarts_betrokken",
        ("POST",),
        lambda s: {"medisch-tekst": "Overschreven"},
    ),
    "mazl:advies": Object(
        "mazl:advies",
        _o("mazlverwijzing"),
        "jeugdarts_betrokken",
        ("POST",),
        lambda s: {"advies-consult_op": _vandaag(), "advies-advies": "Rust"},
    ),
    "overleg:spreekuur": Object("overleg:spreekuur", _o("spreekuur"), "school"),
    "overleg:verwijs": Object(
        "overleg:verwijs",
        _o("spreekuur"),
        "school",
        ("POST",),
        lambda s: {
            "verwijzing-leerling": s.objecten["leerling"].pk,
            "verwijzing-tijdvak": "09:20",
            "verwijzing-reden": "Nogmaals",
        },
    ),
    # the staff pickers' searches of the case forms and of opening a case (web/keuzes.py)
    "web:zoek_casusmedewerker": Object(
        "web:zoek_casusmedewerker", _casus_en("deelnemer"), "school", ("GET",)
    ),
    "web:zoek_regisseur": Object("web:zoek_regisseur", _o("leerling"), "school", ("GET",)),
    # the pupil picker's search of the referral form: the school's own pupils (web/keuzes.py)
    "web:zoek_verwijzing": Object("web:zoek_verwijzing", _o("spreekuur"), "school", ("GET",)),
    "overleg:uitkomst": Object(
        "overleg:uitkomst",
        lambda s: [s.objecten["spreekuur"].pk, s.objecten["verwijzing"].pk],
        "lpa",
        ("POST",),
        lambda s: {
            f"uitkomst-{s.objecten['verwijzing'].pk}-uitkomst_soort": "advies",
            f"uitkomst-{s.objecten['verwijzing'].pk}-uitkomst": "Advies",
        },
    ),
}

# the object URLs that take a form name: every name must be attacked
VARIANTEN = {
    "regie:formulier": {v for v, _g in CASUSFORMULIEREN.values()},
    "regie:justitie_formulier": set(JUSTITIE),
    "registratie:import_rapport": {"csv", "xlsx"},
}

AANVALLERS = (
    "andere_school",
    "andere_gemeente",
    "jeugdarts",
    "gezinswerker",
    "swv_consulent",
    "interventieteam",
    "beleid",
    "anoniem",
)
SCHOOL_LPA = {"andere_school": 200, "andere_gemeente": 200}
CASUSROLLEN = {a: 200 for a in AANVALLERS if a not in ("beleid", "anoniem")}
SCOPE_X = {"soort": "maand", "periode": PERIODE, "scope": "gemeente:9999"}
LIJST = {**SCOPE_X, "tabel": "categorie", "rij": "totaal", "kolom": "aantal"}


@dataclass(frozen=True)
class Pagina:
    """A URL without an object in its path: who may open it (the rest gets 403), and the
    victim-naming query or form data an attacker tries."""

    naam: str
    methode: str = "GET"
    open_voor: dict[str, int] = field(default_factory=dict)  # attacker: status
    gegevens: Gegevens = _leeg


PAGINAS: dict[str, Pagina] = {
    "web:vandaag": Pagina("web:vandaag", open_voor={a: 200 for a in AANVALLERS[:-1]}),
    # each user's own notifications and e-mail choice: open to every professional, showing
    # only their own ("all read" marks only their own: nothing of the victim's changes)
    "notificaties:lijst": Pagina("notificaties:lijst", open_voor={a: 200 for a in AANVALLERS[:-1]}),
    "notificaties:alles_gelezen": Pagina(
        "notificaties:alles_gelezen", "POST", open_voor={a: 302 for a in AANVALLERS[:-1]}
    ),
    "notificaties:voorkeur": Pagina(
        "notificaties:voorkeur", open_voor={a: 200 for a in AANVALLERS[:-1]}
    ),
    "registratie:leerlingen": Pagina(
        "registratie:leerlingen",
        open_voor=SCHOOL_LPA,
        gegevens=lambda s: {"q": s.objecten["leerling"].achternaam},
    ),
    "registratie:school": Pagina("registratie:school", open_voor={"andere_school": 200}),
    # GET only: an attacker's own upload is its own import (the row checks are in
    # tests/registratie/importeren); the victim's import is attacked through its own URLs
    "registratie:imports": Pagina("registratie:imports", open_voor=SCHOOL_LPA),
    "registratie:bevestigen": Pagina("registratie:bevestigen", open_voor=SCHOOL_LPA),
    "signalering:signalen": Pagina(
        "signalering:signalen",
        open_voor=SCHOOL_LPA,
        gegevens=lambda s: {"school": s.objecten["school_a"].pk},
    ),
    # marking the victim's signal as seen: the form rejects ids outside the scope and sends
    # the user back (302) with a message; nothing is marked
    "signalering:gezien": Pagina(
        "signalering:gezien",
        "POST",
        open_voor={"andere_school": 302, "andere_gemeente": 302},
        gegevens=lambda s: {"signalen": [s.objecten["signaal"].pk]},
    ),
    "meldingen:meldingen": Pagina(
        "meldingen:meldingen", open_voor={**SCHOOL_LPA, "swv_consulent": 200}
    ),
    "regie:casussen": Pagina(
        "regie:casussen",
        open_voor=CASUSROLLEN,
        gegevens=lambda s: {"q": s.objecten["leerling"].achternaam},
    ),
    "overleg:overleggen": Pagina("overleg:overleggen", open_voor=CASUSROLLEN),
    # the MAZL list: another school and another youth doctor see their own (none of the victim)
    "mazl:verwijzingen": Pagina(
        "mazl:verwijzingen", open_voor={"andere_school": 200, "jeugdarts": 200}
    ),
    "regie:escalaties": Pagina(
        "regie:escalaties", open_voor={"andere_gemeente": 200, "interventieteam": 200}
    ),
    # art. 5 onder a exemptions to re-assess: Leerplicht of another municipality sees its own
    "vrijstellingen:herbeoordeling": Pagina(
        "vrijstellingen:herbeoordeling", open_voor={"andere_gemeente": 200}
    ),
    "overleg:nieuw": Pagina("overleg:nieuw", open_voor={"andere_gemeente": 200}),
    # the staff picker's search of the meeting forms: staff only, never a pupil (web/keuzes.py)
    "web:zoek_medewerker": Pagina(
        "web:zoek_medewerker",
        open_voor=CASUSROLLEN,
        gegevens=lambda s: {
            "veld": "leden",
            "naam": "leden",
            "leden-zoekterm": s.objecten["leerling"].achternaam,
        },
    ),
    "overleg:spreekuren": Pagina("overleg:spreekuren", open_voor=SCHOOL_LPA),
    # planning a consultation hour at school A: not one of Leerplicht Y's schools (400)
    "overleg:spreekuur_nieuw": Pagina(
        "overleg:spreekuur_nieuw",
        "POST",
        open_voor={"andere_gemeente": 400},
        gegevens=lambda s: {
            "school": s.objecten["school_a"].pk,
            "datum": _vandaag(),
            "begin": "09:00",
            "einde": "10:00",
            "duur_minuten": 20,
        },
    ),
    # the access log: the functional administrator only
    "verantwoording:inzagelog": Pagina("verantwoording:inzagelog"),
    "verantwoording:leerling_inzagelog": Pagina(
        "verantwoording:leerling_inzagelog",
        "POST",
        gegevens=lambda s: {"nummer": s.objecten["leerling"].bsn},
    ),
    "verantwoording:leerling_inzagelog_export": Pagina(
        "verantwoording:leerling_inzagelog_export",
        "POST",
        gegevens=lambda s: {"nummer": s.objecten["leerling"].bsn, "formaat": "json"},
    ),
    "verantwoording:ongebruikelijk": Pagina("verantwoording:ongebruikelijk"),
    # figures of municipality X: Leerplicht Y and another SWV get 404 (a scope they may not
    # see is answered like one that does not exist); the policy officer of X sees the
    # suppressed aggregates (200) and its export, but never the list of pupils behind a
    # number: 403, deliberately, since the scope is its own there is nothing to hide
    "monitoring:dashboard": Pagina(
        "monitoring:dashboard",
        open_voor={"andere_gemeente": 404, "swv_consulent": 404, "beleid": 200},
        gegevens=lambda s: SCOPE_X,
    ),
    "monitoring:lijst": Pagina(
        "monitoring:lijst",
        open_voor={"andere_gemeente": 404, "swv_consulent": 404},
        gegevens=lambda s: LIJST,
    ),
    "monitoring:export": Pagina(
        "monitoring:export",
        open_voor={"andere_gemeente": 404, "swv_consulent": 404, "beleid": 200},
        gegevens=lambda s: {**SCOPE_X, "formaat": "json"},
    ),
}


# --- the portal: a portal session, never a staff log-in ---------------------------------------


# The log-in connections of the region (beheer/views_inloggen.py): only the functional
# administrator of Leerplicht X (another municipality's: tests/web/test_sso_beheer.py)
OBJECTEN |= {
    "beheer:inlogkoppeling": Object(
        "beheer:inlogkoppeling",
        _o("inlogkoppeling"),
        "beheerder",
        post=lambda s: {"naam": "Gekaapt"},
    ),
    "beheer:claimregel_nieuw": Object(
        "beheer:claimregel_nieuw",
        _o("inlogkoppeling"),
        "beheerder",
        methoden=("POST",),
        post=lambda s: {
            "regel-volgorde": 1,
            "regel-claim": "groups",
            "regel-waarde": "iedereen",
            "regel-organisatie": s.objecten["school_a"].organisatie_id,
            "regel-rol": "schoolmedewerker",
        },
    ),
    "beheer:claimregel_verwijderen": Object(
        "beheer:claimregel_verwijderen", _o("claimregel"), "beheerder", methoden=("POST",)
    ),
}
PAGINAS |= {
    "beheer:inlogkoppelingen": Pagina("beheer:inlogkoppelingen"),
    "beheer:inlogkoppeling_nieuw": Pagina(
        "beheer:inlogkoppeling_nieuw",
        "POST",
        gegevens=lambda s: {
            "naam": "Gekaapt",
            "slug": "gekaapt",
            "organisatie": s.objecten["school_a"].organisatie_id,
        },
    ),
}

# Beheer (binnenboord.beheer): the organisations, accounts and kernteams of the region, only
# for the functional administrator of Leerplicht X; another municipality's administrator is in
# tests/beheer/test_beheer_toegang.py. The victim's school and its school employee's account.
_ACCOUNT = {
    "first_name": "Gekaapt",
    "last_name": "Account",
    "email": "gekaapt@example.org",
    "rol": "schoolmedewerker",
}
OBJECTEN |= {
    "beheer:organisatie": Object(
        "beheer:organisatie",
        _o("organisatie_a"),
        "beheerder",
        post=lambda s: {"naam": "Gekaapt"},
    ),
    "beheer:medewerker": Object(
        "beheer:medewerker",
        _o("account_a"),
        "beheerder",
        post=lambda s: {**_ACCOUNT, "organisatie": s.objecten["school_a"].organisatie_id},
    ),
    "beheer:medewerker_deactiveren": Object(
        "beheer:medewerker_deactiveren",
        _o("account_a"),
        "beheerder",
        methoden=("POST",),
    ),
    "beheer:medewerker_heractiveren": Object(
        "beheer:medewerker_heractiveren",
        _o("account_a"),
        "beheerder",
        methoden=("POST",),
    ),
    "beheer:medewerker_uitnodigen": Object(
        "beheer:medewerker_uitnodigen",
        _o("account_a"),
        "beheerder",
        methoden=("POST",),
    ),
    "beheer:kernteam": Object(
        "beheer:kernteam",
        _o("organisatie_a"),
        "beheerder",
        post=lambda s: {"leerplichtambtenaar": s.gebruikers["andere_gemeente"].pk},
    ),
    # the person picker's search of a kernteam member: staff of the region only
    "beheer:zoek_kernteamlid": Object(
        "beheer:zoek_kernteamlid", _o("organisatie_a"), "beheerder", methoden=("GET",)
    ),
}
PAGINAS |= {
    "beheer:start": Pagina("beheer:start"),
    "beheer:organisaties": Pagina(
        "beheer:organisaties", gegevens=lambda s: {"q": s.objecten["school_a"].naam}
    ),
    "beheer:organisatie_nieuw": Pagina(
        "beheer:organisatie_nieuw",
        "POST",
        gegevens=lambda s: {"soort": "wijkteam", "naam": "Gekaapt", "gemeenten": []},
    ),
    "beheer:medewerkers": Pagina(
        "beheer:medewerkers",
        gegevens=lambda s: {"organisatie": s.objecten["school_a"].organisatie_id},
    ),
    "beheer:medewerker_nieuw": Pagina(
        "beheer:medewerker_nieuw",
        "POST",
        gegevens=lambda s: {**_ACCOUNT, "organisatie": s.objecten["school_a"].organisatie_id},
    ),
    "beheer:kernteams": Pagina("beheer:kernteams"),
}


@dataclass(frozen=True)
class Portaalobject:
    """A portal URL (docs/relatie.md): its arguments from the victim's portal rows, the
    victim's access that rightly uses it ("ouder" or "leerling"), and its methods. An
    `eigen` page names no object: every portal user gets their own (the settings)."""

    naam: str
    args: Callable[[Slachtoffer], list[Any]]
    eigenaar: str = "ouder"
    methoden: tuple[str, ...] = ("GET",)
    post: Gegevens = _leeg
    eigen: bool = False


def _toegang(wie: str = "ouder", *rest: str) -> Callable[[Slachtoffer], list[Any]]:
    return lambda s: [s.objecten[f"portaal_{wie}"].pk, *(s.objecten[r].pk for r in rest)]


def _antwoord(s: Slachtoffer) -> dict[str, Any]:
    return {f"u{s.objecten['portaal_uitnodiging'].pk}-antwoord": "komt"}


PORTAAL: dict[str, Portaalobject] = {
    "portaal:casus": Portaalobject("portaal:casus", _toegang()),
    "portaal:mensen": Portaalobject("portaal:mensen", _toegang()),
    "portaal:plan": Portaalobject(
        "portaal:plan", _toegang(), methoden=("GET", "POST"), post=lambda s: {"eens": "ja"}
    ),
    "portaal:verhaal": Portaalobject(
        "portaal:verhaal",
        _toegang(),
        methoden=("GET", "POST"),
        post=lambda s: {"wat_speelt": "Binnengedrongen"},
    ),
    "portaal:overleggen": Portaalobject("portaal:overleggen", _toegang()),
    "portaal:overleg_antwoord": Portaalobject(
        "portaal:overleg_antwoord",
        _toegang("ouder", "portaal_uitnodiging"),
        methoden=("POST",),
        post=_antwoord,
    ),
    "portaal:brieven": Portaalobject("portaal:brieven", _toegang()),
    "portaal:brief_pdf": Portaalobject("portaal:brief_pdf", _toegang("ouder", "brief")),
    "portaal:berichten": Portaalobject(
        "portaal:berichten",
        _toegang(),
        methoden=("GET", "POST"),
        post=lambda s: {"tekst": "Binnengedrongen"},
    ),
    "portaal:toestemming": Portaalobject(
        "portaal:toestemming", _toegang("leerling"), eigenaar="leerling"
    ),
    # the AVG pages (portaal.views.avg)
    "portaal:gegevens": Portaalobject("portaal:gegevens", _toegang()),
    "portaal:gegevens_pdf": Portaalobject("portaal:gegevens_pdf", _toegang()),
    "portaal:gegevens_json": Portaalobject("portaal:gegevens_json", _toegang()),
    "portaal:wie_keek": Portaalobject(
        "portaal:wie_keek", _toegang("leerling"), eigenaar="leerling"
    ),
    "portaal:correctie": Portaalobject(
        "portaal:correctie",
        _toegang(),
        methoden=("GET", "POST"),
        post=lambda s: {"wat": "Binnengedrongen", "toelichting": "Binnengedrongen"},
    ),
    # the user's own start page and invitation code: no object in the URL; an unknown code
    # accepts nothing (the code's own checks are in tests/portaal/test_inloggen.py)
    "portaal:start": Portaalobject("portaal:start", lambda s: [], eigen=True),
    "portaal:code": Portaalobject(
        "portaal:code",
        lambda s: [],
        methoden=("GET", "POST"),
        post=lambda s: {"uitnodiging-code": "ABCD-EFGH-JKMN"},
        eigen=True,
    ),
    "portaal:instellingen": Portaalobject(
        "portaal:instellingen",
        lambda s: [],
        methoden=("GET", "POST"),
        post=lambda s: {"email": "aanvaller@example.invalid"},
        eigen=True,
    ),
}


class _Nergens:
    pk = ONBESTAAND
    ouder_id = ONBESTAAND  # an access's parent (regie:relatie_ontzeggen names her)


_LEGE_WERELD = Slachtoffer({}, collections.defaultdict(_Nergens), ())


# --- helpers --------------------------------------------------------------------------------


def _alle_urlnamen() -> set[str]:
    """Every named URL of the site outside the exclusions, as "namespace:name"."""
    namen: set[str] = set()

    def loop(patronen: list[Any], ruimte: str) -> None:
        for patroon in patronen:
            if isinstance(patroon, URLResolver):
                eigen = patroon.namespace
                if eigen in UITGESLOTEN_NAAMRUIMTEN:
                    continue
                loop(patroon.url_patterns, f"{ruimte}{eigen}:" if eigen else ruimte)
            elif isinstance(patroon, URLPattern):
                naam = f"{ruimte}{patroon.name}" if patroon.name else None
                if naam is None:
                    raise AssertionError(f"a URL without a name: {patroon.pattern}")
                if naam not in UITGESLOTEN_NAMEN:
                    namen.add(naam)

    loop(get_resolver().url_patterns, "")
    return namen


UITGEZONDERDE_TABELLEN = {
    # the access log may gain entries (a refused read is not logged now, but may be)
    Inzage._meta.db_table,
    Inzageanker._meta.db_table,
    # the session is saved on every request (its expiry moves on)
    "django_session",
}


def _stand() -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row of every table (so also each `updated` field and
    each text), in one query."""
    tabellen = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
        - UITGEZONDERDE_TABELLEN
    )
    qn = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT %s, count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
        f"FROM {qn(tabel)} t"
        for tabel in tabellen
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, tabellen)
        return {naam: (aantal, hash_) for naam, aantal, hash_ in cursor.fetchall()}


def _verschil(voor: dict[str, tuple[int, str]], na: dict[str, tuple[int, str]]) -> list[str]:
    return sorted(t for t in voor.keys() | na.keys() if voor.get(t) != na.get(t))


def _inhoud(antwoord: HttpResponse) -> str:
    inhoud = b"".join(antwoord) if antwoord.streaming else antwoord.content
    return inhoud.decode("utf-8", errors="replace")


def _lekken(s: Slachtoffer, antwoord: HttpResponse, verzonden: dict[str, Any]) -> list[str]:
    """The victim's data in the body; what the attacker sent itself (a search for the
    surname, which the search field shows again) does not count."""
    inhoud = _inhoud(antwoord)
    eigen = {str(w) for w in verzonden.values()}
    return [k for k in s.kenmerken if k in inhoud and k not in eigen]


def _vraag(client: Client, methode: str, url: str, gegevens: dict[str, Any]) -> Any:
    if methode == "GET":
        return client.get(url, gegevens if gegevens else None)
    return client.post(url, gegevens)


def _naar_inloggen(antwoord: HttpResponse) -> bool:
    return antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))


def _onbestaand(args: list[Any]) -> list[Any]:
    return [ONBESTAAND if isinstance(a, int) else a for a in args]


@pytest.fixture(scope="module", autouse=True)
def _stille_weigeringen() -> Iterator[None]:
    """Django logs every 403 and 404 as a warning with a rendered traceback (~0.1 s each);
    here refusals are the expected outcome of some 800 requests, so only errors are logged."""
    logger = logging.getLogger("django.request")
    niveau = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(niveau)


@pytest.fixture(scope="module")
def clients(slachtoffer: Slachtoffer, django_db_blocker: Any) -> dict[str, Client]:
    """One logged-in client per user, made once: logging in costs more than a request. The
    sessions live in the module's transaction; what a test's requests change in them is
    rolled back with the test."""
    with django_db_blocker.unblock():
        uitkomst = {"anoniem": Client()}
        for wie, gebruiker in slachtoffer.gebruikers.items():
            client = Client()
            client.force_login(gebruiker)
            uitkomst[wie] = client
        return uitkomst


# Known leaks, marked so the suite stays green and the leak stays visible: {url id: reason}
LEKKEN: dict[str, str] = {}


def _gevallen(sleutels: Any) -> list[Any]:
    return [
        pytest.param(
            sleutel,
            marks=[pytest.mark.xfail(strict=True, reason=LEKKEN[sleutel])]
            if sleutel in LEKKEN
            else [],
        )
        for sleutel in sleutels
    ]


# --- the tests ------------------------------------------------------------------------------


def test_geen_url_is_vergeten() -> None:
    # every URL of the site is either attacked here or excluded with a reason
    bekend = {o.naam for o in OBJECTEN.values()} | set(PAGINAS) | set(PORTAAL)
    assert _alle_urlnamen() == bekend
    # every URL with arguments names an object, every URL without is a page
    for sleutel, doel in OBJECTEN.items():
        with pytest.raises(NoReverseMatch):
            reverse(doel.naam)
        assert reverse(doel.naam, args=_onbestaand(doel.args(_LEGE_WERELD))), sleutel
    for naam in PAGINAS:
        reverse(naam)
    # and every form name of a URL that takes one is attacked
    gedekt: dict[str, set[str]] = {}
    for sleutel, doel in OBJECTEN.items():
        if "[" in sleutel:
            gedekt.setdefault(doel.naam, set()).add(sleutel.partition("[")[2].rstrip("]"))
    assert gedekt == VARIANTEN
    assert VARIANTEN["regie:formulier"] == set(UITKLAPBAAR)
    assert VARIANTEN["regie:justitie_formulier"] == set(FORMULIEREN)


@pytest.mark.parametrize("sleutel", OBJECTEN)
def test_de_rechtmatige_gebruiker_vindt_het_object(
    slachtoffer: Slachtoffer, db: None, clients: dict[str, Client], sleutel: str
) -> None:
    """The positive control: the URL as filled in names the victim's object (its rightful
    user is not told "not found"), so the attackers' 404 is not vacuous."""
    doel = OBJECTEN[sleutel]
    url = reverse(doel.naam, args=doel.args(slachtoffer))
    methode = doel.methoden[0]
    gegevens = doel.post(slachtoffer) if methode == "POST" else {}
    antwoord = _vraag(clients[doel.eigenaar], methode, url, gegevens)
    assert antwoord.status_code not in (404, 405)
    assert antwoord.status_code < 500


@pytest.mark.parametrize("sleutel", _gevallen(OBJECTEN))
def test_elke_aanvaller_krijgt_niet_gevonden_en_verandert_niets(
    slachtoffer: Slachtoffer, db: None, clients: dict[str, Client], sleutel: str
) -> None:
    doel = OBJECTEN[sleutel]
    args = doel.args(slachtoffer)
    url = reverse(doel.naam, args=args)
    ontbrekend = reverse(doel.naam, args=_onbestaand(args))
    fouten: list[tuple[Any, ...]] = []
    voor = _stand()
    for wie in AANVALLERS:
        client = clients[wie]
        for methode in ("GET", "POST"):
            gegevens = doel.post(slachtoffer) if methode == "POST" else {}
            antwoord = _vraag(client, methode, url, gegevens)
            if wie == "anoniem":
                if not _naar_inloggen(antwoord):
                    fouten.append((wie, methode, antwoord.status_code))
            else:
                verwacht = 404 if methode in doel.methoden else 405
                if antwoord.status_code != verwacht:
                    fouten.append((wie, methode, antwoord.status_code))
                # the same answer as for an id that does not exist (once per attacker)
                if methode == doel.methoden[0]:
                    geen = _vraag(client, methode, ontbrekend, gegevens).status_code
                    if geen != verwacht:
                        fouten.append((wie, methode, "missing id", geen))
            if lek := _lekken(slachtoffer, antwoord, gegevens):
                fouten.append((wie, methode, "leaks", lek))
    assert fouten == []
    assert _verschil(voor, _stand()) == []


@pytest.mark.parametrize("sleutel", _gevallen(PAGINAS))
def test_een_pagina_zonder_object_toont_geen_aanvaller_iets_van_het_slachtoffer(
    slachtoffer: Slachtoffer, db: None, clients: dict[str, Client], sleutel: str
) -> None:
    pagina = PAGINAS[sleutel]
    gegevens = pagina.gegevens(slachtoffer)
    fouten: list[tuple[Any, ...]] = []
    voor = _stand()
    for wie in AANVALLERS:
        antwoord = _vraag(clients[wie], pagina.methode, reverse(pagina.naam), gegevens)
        if wie == "anoniem":
            if not _naar_inloggen(antwoord):
                fouten.append((wie, antwoord.status_code))
        elif antwoord.status_code != pagina.open_voor.get(wie, 403):
            fouten.append((wie, antwoord.status_code))
        if lek := _lekken(slachtoffer, antwoord, gegevens):
            fouten.append((wie, "leaks", lek))
    assert fouten == []
    assert _verschil(voor, _stand()) == []


def test_de_wereld_van_het_slachtoffer_is_wat_de_aanvallen_aannemen(
    slachtoffer: Slachtoffer, db: None
) -> None:
    """The attackers really are outsiders: none of them directs or takes part in the case."""
    casus: Casus = slachtoffer.objecten["casus"]
    deelnemers = set(casus.deelnemers.values_list("medewerker_id", flat=True))
    ids = {slachtoffer.gebruikers[a].pk for a in AANVALLERS if a != "anoniem"}
    assert casus.status == Casus.Status.OPEN
    assert deelnemers & ids == set()
    assert casus.regisseur_id not in ids
    assert slachtoffer.objecten["signaal"].status == Signaal.Status.OPEN
    assert slachtoffer.objecten["melding"].verzonden_op is not None
    assert slachtoffer.objecten["concept"].verzonden_op is None


# --- the portal -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def portaalclients(slachtoffer: Slachtoffer, django_db_blocker: Any) -> dict[str, Client]:
    """One browser with a portal session per portal user: the victim's parent and pupil, and
    the parent of another family (the attacker)."""
    with django_db_blocker.unblock():
        uitkomst = {}
        for wie in ("ouder", "leerling", "vreemd"):
            client = Client()
            sessie = client.session
            sessie[SESSIE_SLEUTEL] = slachtoffer.objecten[f"portaal_{wie}"].gebruiker_id
            sessie.save()
            uitkomst[wie] = client
        return uitkomst


def _naar_portaal_inloggen(antwoord: HttpResponse) -> bool:
    return antwoord.status_code == 302 and antwoord["Location"] == reverse("portaal:inloggen")


@pytest.mark.parametrize("sleutel", PORTAAL)
def test_het_portaal_opent_niet_voor_een_medewerker_of_bezoeker(
    slachtoffer: Slachtoffer, db: None, clients: dict[str, Client], sleutel: str
) -> None:
    """A staff log-in is no portal session: every attacker, and the case's own regisseur,
    is sent to the portal's log-in page for any method, and nothing changes."""
    doel = PORTAAL[sleutel]
    url = reverse(doel.naam, args=doel.args(slachtoffer))
    fouten: list[tuple[Any, ...]] = []
    voor = _stand()
    for wie in (*AANVALLERS, "school"):
        for methode in ("GET", "POST"):
            gegevens = doel.post(slachtoffer) if methode == "POST" else {}
            antwoord = _vraag(clients[wie], methode, url, gegevens)
            if not _naar_portaal_inloggen(antwoord):
                fouten.append((wie, methode, antwoord.status_code))
    assert fouten == []
    assert _verschil(voor, _stand()) == []


@pytest.mark.parametrize("sleutel", PORTAAL)
def test_de_rechtmatige_portaalgebruiker_vindt_het_object(
    slachtoffer: Slachtoffer, db: None, portaalclients: dict[str, Client], sleutel: str
) -> None:
    """The positive control: the victim's own parent or pupil is not told "not found"."""
    doel = PORTAAL[sleutel]
    url = reverse(doel.naam, args=doel.args(slachtoffer))
    methode = doel.methoden[0]
    gegevens = doel.post(slachtoffer) if methode == "POST" else {}
    antwoord = _vraag(portaalclients[doel.eigenaar], methode, url, gegevens)
    assert antwoord.status_code in (200, 302), antwoord.status_code


@pytest.mark.parametrize("sleutel", PORTAAL)
def test_een_ouder_van_een_ander_gezin_krijgt_niet_gevonden_en_verandert_niets(
    slachtoffer: Slachtoffer, db: None, portaalclients: dict[str, Client], sleutel: str
) -> None:
    doel = PORTAAL[sleutel]
    args = doel.args(slachtoffer)
    url = reverse(doel.naam, args=args)
    client = portaalclients["vreemd"]
    fouten: list[tuple[Any, ...]] = []
    voor = _stand()
    for methode in ("GET", "POST"):
        gegevens = doel.post(slachtoffer) if methode == "POST" else {}
        antwoord = _vraag(client, methode, url, gegevens)
        if doel.eigen:
            # one's own settings: shown and saved for oneself only (a method the page never
            # takes: 405)
            verwacht = (200, 302) if methode in doel.methoden else (405,)
            if antwoord.status_code not in verwacht:
                fouten.append((methode, antwoord.status_code))
        else:
            if antwoord.status_code != 404:
                fouten.append((methode, antwoord.status_code))
            geen = _vraag(client, methode, reverse(doel.naam, args=_onbestaand(args)), gegevens)
            if geen.status_code != 404:
                fouten.append((methode, "missing id", geen.status_code))
        if lek := _lekken(slachtoffer, antwoord, gegevens):
            fouten.append((methode, "leaks", lek))
    assert fouten == []
    veranderd = _verschil(voor, _stand())
    if doel.eigen:
        # only the attacker's own account row
        assert set(veranderd) <= {"toegang_portaalgebruiker"}
        eigen = slachtoffer.objecten["portaal_ouder"].gebruiker
        eigen.refresh_from_db()
        assert eigen.email != "aanvaller@example.invalid"
    else:
        assert veranderd == []
