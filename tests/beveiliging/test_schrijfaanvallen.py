# SPDX-License-Identifier: EUPL-1.2
"""Write attacks (issue 13, "a write never widens who sees a child").

The attack sweep of tests/web/test_aanvallen.py covers reads and the forms of the pages; this
one covers the writes that arrive in bulk: every import kind (scholen, leerlingen,
inschrijvingen, verzuim, vrijstellingen) through the service `importeer`, the web upload and
the API (uploads as a person's session and as an organisation's token, and PUT/PATCH of an
enrolment with If-Match).

World: municipality A with the victim (a pupil living in A, enrolled at school A1, with an
ended enrolment at school A2, parents, an address, absence, a signal, a melding and an open
case), and municipality B with its own Leerplicht, functional administrator and school B1.
The attackers: school B1 staff, school A2 staff (the victim's former school), Leerplicht of B,
the functional administrator of B (schools have no functional administrator), and the API
tokens of B1, A2 and Leerplicht B.

Each attack may be rejected, or held for the pupil's own municipality to confirm. In every case:
1. a row hash of the victim's data (the pupil, and each row of every table that points at the
   pupil or at its case, and the victim's schools A1 and A2) is unchanged;
2. what each attacker sees through the rules the views use (leerling_scope, casus_scope,
   signaal_scope, melding_scope and has_perm on the pupil and the case) is unchanged;
3. the owners (Leerplicht A, school A1) still see the pupil and the case.

Positive controls: the rightful importer's same kind of row does change the victim's data, so
the sweep is not vacuous. The BSN oracle: a row naming the victim's BSN gets the same rejection
as a row naming a valid BSN that exists nowhere.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from rest_framework.test import APIClient

from binnenboord.api.tokens import maak_token
from binnenboord.regie import services as regie
from binnenboord.regie.models import Casus
from binnenboord.regie.rules import casus_scope
from binnenboord.registratie.importeren import services as import_services
from binnenboord.registratie.importeren.services import importeer
from binnenboord.registratie.models import Afwijzing, Import, Inschrijving, Leerling, School
from binnenboord.signalering.models import Melding, Signaal
from binnenboord.signalering.rules import melding_scope, signaal_scope
from binnenboord.signalering.services.melding import maak_thuiszittermelding
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from binnenboord.toegang.rules import leerling_scope
from tests.factories import (
    GemeenteFactory,
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
    OuderFactory,
    SchoolFactory,
    VerzuimFactory,
    _bsn,
)
from tests.signalering.factories import SignaalFactory

SLACHTOFFER_BSN = _bsn(424_242)
# valid (eleven test) and in no row of this world: the oracle's comparison number
NERGENS_BSN = _bsn(737_373)
MOEDER_BSN = _bsn(434_343)
PLAATSHOUDER = "<BSN>"
VERZUIMDAG = date(2026, 11, 18)  # a Wednesday, a school day in region noord
OUD_BEGIN, OUD_EIND = date(2022, 8, 1), date(2024, 7, 31)  # the ended enrolment at A2
A1_BEGIN = date(2024, 8, 1)


# --- the world ------------------------------------------------------------------------------


@dataclass
class Wereld:
    slachtoffer: Leerling
    casus: Casus
    scholen: dict[str, School]  # a1, a2, b1
    gemeenten: dict[str, Any]  # a, b
    gebruikers: dict[str, Medewerker]  # owners and attackers (people)
    tokens: dict[str, tuple[str, Medewerker]]  # organisation key: (key, technical account)
    inschrijving_a1: Inschrijving
    inschrijving_a2: Inschrijving

    def medewerker(self, wie: str) -> Medewerker:
        if wie.startswith("token_"):
            return self.tokens[wie.removeprefix("token_")][1]
        return self.gebruikers[wie]


# the attackers' own school and municipality: where an attack puts the victim
EIGEN_SCHOOL = {"school_b1": "b1", "school_a2": "a2", "lpa_b": "b1", "fb_b": "b1"}
EIGEN_GEMEENTE = {"school_b1": "b", "school_a2": "a", "lpa_b": "b", "fb_b": "b"}
PERSOONLIJKE_AANVALLERS = ("school_b1", "school_a2", "lpa_b", "fb_b")
# an API token acts for its organisation: (token key, the person whose reach it has)
TOKEN_AANVALLERS = {"token_b1": "school_b1", "token_a2": "school_a2", "token_lpb": "lpa_b"}


def _bouw() -> Wereld:
    gemeente_a = GemeenteFactory(code="9101", naam="Slachtofferstad")
    gemeente_b = GemeenteFactory(code="9102", naam="Aanvallerveen")
    leerplicht_a = OrganisatieFactory(naam="Leerplicht Slachtofferstad", gemeenten=[gemeente_a])
    leerplicht_b = OrganisatieFactory(naam="Leerplicht Aanvallerveen", gemeenten=[gemeente_b])
    organisaties = {
        "a1": OrganisatieFactory(naam="De Kern", school=True),
        "a2": OrganisatieFactory(naam="De Rand", school=True),
        "b1": OrganisatieFactory(naam="Het Verre", school=True),
    }
    swv = OrganisatieFactory(naam="SWV Slachtofferstad", swv=True)
    scholen = {
        "a1": SchoolFactory(
            brin="11AA",
            naam="De Kern",
            organisatie=organisaties["a1"],
            gemeente=gemeente_a,
            samenwerkingsverband=swv,
        ),
        "a2": SchoolFactory(
            brin="22BB", naam="De Rand", organisatie=organisaties["a2"], gemeente=gemeente_a
        ),
        "b1": SchoolFactory(
            brin="33CC", naam="Het Verre", organisatie=organisaties["b1"], gemeente=gemeente_b
        ),
    }

    def mw(naam: str, rol: str, organisatie: Organisatie) -> Medewerker:
        gebruiker: Medewerker = MedewerkerFactory(username=naam, rol=rol, organisatie=organisatie)
        return gebruiker

    gebruikers = {
        # the owners
        "school_a1": mw("school_a1", Rol.SCHOOLMEDEWERKER, organisaties["a1"]),
        "lpa_a": mw("lpa_a", Rol.LEERPLICHTAMBTENAAR, leerplicht_a),
        "fb_a": mw("fb_a", Rol.FUNCTIONEEL_BEHEERDER, leerplicht_a),
        # the attackers
        "school_b1": mw("school_b1", Rol.SCHOOLMEDEWERKER, organisaties["b1"]),
        "school_a2": mw("school_a2", Rol.SCHOOLMEDEWERKER, organisaties["a2"]),
        "lpa_b": mw("lpa_b", Rol.LEERPLICHTAMBTENAAR, leerplicht_b),
        "fb_b": mw("fb_b", Rol.FUNCTIONEEL_BEHEERDER, leerplicht_b),
    }

    slachtoffer: Leerling = LeerlingFactory(
        bsn=SLACHTOFFER_BSN,
        voornamen="Veilig",
        achternaam="Beschermd",
        geboortedatum=date(2013, 3, 14),
        woongemeente=gemeente_a,
        straat="Thuisstraat",
        huisnummer="7",
        postcode="9101AB",
        woonplaats="Slachtofferstad",
        # shielded: an import must not lift it (docs/relatie.md)
        adres_afgeschermd=True,
    )
    # the mother: no gezag and a shielded address; an import must not give the one or lift
    # the other (docs/importeren.md)
    OuderFactory(
        leerling=slachtoffer,
        voornamen="Moeder",
        achternaam="Beschermd",
        gezag=False,
        bsn=MOEDER_BSN,
        straat="Schuilweg",
        huisnummer="3",
        postcode="9101AD",
        woonplaats="Slachtofferstad",
        adres_afgeschermd=True,
    )
    inschrijving_a2 = InschrijvingFactory(
        leerling=slachtoffer, school=scholen["a2"], begindatum=OUD_BEGIN, einddatum=OUD_EIND
    )
    inschrijving_a1 = InschrijvingFactory(
        leerling=slachtoffer, school=scholen["a1"], begindatum=A1_BEGIN
    )
    VerzuimFactory(
        leerling=slachtoffer, school=scholen["a1"], datum=date(2026, 11, 4), minuten_ziek=300
    )
    SignaalFactory(leerling=slachtoffer, school=scholen["a1"])
    casus = regie.open_casus(
        leerling=slachtoffer,
        door=gebruikers["school_a1"],
        start=timezone.localdate() - timedelta(weeks=2),
    )
    maak_thuiszittermelding(
        leerling=slachtoffer, door=gebruikers["school_a1"], soort="thuiszitter", omschrijving="X"
    )
    # each attacker has pupils of its own, so its visible sets are not empty to begin with
    eigen_b: Leerling = LeerlingFactory(woongemeente=gemeente_b)
    InschrijvingFactory(leerling=eigen_b, school=scholen["b1"])
    SignaalFactory(leerling=eigen_b, school=scholen["b1"])
    regie.open_casus(leerling=eigen_b, door=gebruikers["school_b1"], start=date(2026, 11, 2))
    eigen_a2: Leerling = LeerlingFactory(woongemeente=gemeente_a)
    InschrijvingFactory(leerling=eigen_a2, school=scholen["a2"])

    tokens: dict[str, tuple[str, Medewerker]] = {}
    scopes = ["lezen", "verzuim:schrijven", "inschrijvingen:schrijven"]
    for sleutel, organisatie in (
        ("a1", organisaties["a1"]),
        ("a2", organisaties["a2"]),
        ("b1", organisaties["b1"]),
        ("lpb", leerplicht_b),
    ):
        token, geheim = maak_token(
            organisatie=organisatie, naam=f"systeem {sleutel}", scopes=scopes, door=None
        )
        tokens[sleutel] = (geheim, token.medewerker)
    return Wereld(
        slachtoffer=slachtoffer,
        casus=casus,
        scholen=scholen,
        gemeenten={"a": gemeente_a, "b": gemeente_b},
        gebruikers=gebruikers,
        tokens=tokens,
        inschrijving_a1=inschrijving_a1,
        inschrijving_a2=inschrijving_a2,
    )


@pytest.fixture(scope="module")
def wereld(django_db_setup: None, django_db_blocker: Any) -> Iterator[Wereld]:
    """Built once for the module inside a transaction that is rolled back at its end; each
    test runs in a savepoint inside it (pytest-django's `db`)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _bouw()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _nederlands() -> None:
    translation.activate("nl")


# --- what is measured -----------------------------------------------------------------------

# the access log and the change history grow on every write, refused or not: no victim data
NIET_GEMETEN_APPS = {"verantwoording", "auditlog", "sessions", "admin", "axes"}
# a write held for the pupil's own municipality to confirm is allowed: it changes nothing yet
VASTGEHOUDEN = {"registratie.verhuismelding", "registratie.inschrijvingterbevestiging"}


def _gegevens_van_slachtoffer(w: Wereld) -> list[tuple[str, models.QuerySet[Any]]]:
    """Every row of the victim's data: the pupil, each row of each table with a foreign key to
    the pupil or to its case, and the victim's schools."""
    leerling_model, casus_model = Leerling, Casus
    sets: list[tuple[str, models.QuerySet[Any]]] = [
        ("leerling", Leerling._base_manager.filter(pk=w.slachtoffer.pk)),
        ("scholen", School._base_manager.filter(pk__in=[w.scholen["a1"].pk, w.scholen["a2"].pk])),
        ("casus", Casus._base_manager.filter(pk=w.casus.pk)),
    ]
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if (
            not meta.managed
            or meta.proxy
            or meta.app_label in NIET_GEMETEN_APPS
            or meta.label_lower in VASTGEHOUDEN
        ):
            continue
        for veld in meta.concrete_fields:
            if not isinstance(veld, models.ForeignKey):
                continue
            if veld.related_model is leerling_model:
                waarde = w.slachtoffer.pk
            elif veld.related_model is casus_model:
                waarde = w.casus.pk
            else:
                continue
            sets.append(
                (
                    f"{meta.db_table}.{veld.column}",
                    model._base_manager.filter(**{veld.name: waarde}),
                )
            )
    return sets


def _stand(w: Wereld) -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row (each field, as text) of the victim's data, one query
    (as tests/web/test_aanvallen.py does for whole tables)."""
    delen, parameters = [], []
    for naam, queryset in _gegevens_van_slachtoffer(w):
        sql, params = queryset.query.sql_with_params()
        delen.append(
            "SELECT %s, count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
            f"FROM ({sql}) t"
        )
        parameters.extend([naam, *params])
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(delen), parameters)
        return {naam: (aantal, hash_) for naam, aantal, hash_ in cursor.fetchall()}


def _verschil(voor: dict[str, tuple[int, str]], na: dict[str, tuple[int, str]]) -> list[str]:
    return sorted(t for t in voor.keys() | na.keys() if voor.get(t) != na.get(t))


def _zicht(gebruiker: Medewerker, w: Wereld) -> dict[str, Any]:
    """What `gebruiker` may see, through the rules the views use."""
    gebruiker = Medewerker.objects.get(pk=gebruiker.pk)  # no cached organisation or perms

    def pks(model: type[models.Model], scope: Any) -> frozenset[int]:
        return frozenset(model._default_manager.filter(scope).values_list("pk", flat=True))

    return {
        "leerlingen": pks(Leerling, leerling_scope(gebruiker)),
        "casussen": pks(Casus, casus_scope(gebruiker)),
        "signalen": pks(Signaal, signaal_scope(gebruiker)),
        "meldingen": pks(Melding, melding_scope(gebruiker)),
        "dossier": gebruiker.has_perm("registratie.view_leerling", w.slachtoffer),
        "casus": gebruiker.has_perm("regie.view_casus", w.casus),
    }


def _alle_aanvallers(w: Wereld) -> list[str]:
    return [*PERSOONLIJKE_AANVALLERS, *TOKEN_AANVALLERS]


def _zicht_van_aanvallers(w: Wereld) -> dict[str, dict[str, Any]]:
    return {wie: _zicht(w.medewerker(wie), w) for wie in _alle_aanvallers(w)}


def _eigenaren_zien_nog(w: Wereld) -> list[str]:
    """The owners who no longer see the pupil or its case (should be none)."""
    kwijt = []
    for wie in ("lpa_a", "school_a1"):
        zicht = _zicht(w.gebruikers[wie], w)
        if not (zicht["dossier"] and zicht["casus"]):
            kwijt.append(wie)
    return kwijt


# --- the attack rows ------------------------------------------------------------------------

Rijen = Callable[[Wereld, str], list[dict[str, str]]]


def _school(w: Wereld, sleutel: str) -> dict[str, str]:
    school = w.scholen[sleutel]
    return {"brin": school.brin, "vestiging": school.vestiging}


def _vandaag() -> str:
    return timezone.localdate().isoformat()


@dataclass(frozen=True)
class Aanval:
    naam: str
    soort: str
    rijen: Rijen
    api: bool = False  # also through the API upload of this kind


def _leerling_rij(w: Wereld, gemeente: str, **extra: str) -> dict[str, str]:
    return {
        "bsn": SLACHTOFFER_BSN,
        "voornamen": "Gekaapt",
        "achternaam": "Overschreven",
        "geboortedatum": "2013-03-14",
        "woongemeente": w.gemeenten[gemeente].naam,
        "straat": "Kaperstraat",
        "huisnummer": "1",
        "postcode": "9102ZZ",
        "woonplaats": "Aanvallerveen",
        "adres_afgeschermd": "nee",
        "ouder1_voornamen": "Nepouder",
        "ouder1_achternaam": "Overschreven",
        "ouder1_telefoon": "0612345678",
        "ouder1_email": "kaper@example.org",
        "ouder1_gezag": "ja",
        "ouder1_bsn": NERGENS_BSN,
        "ouder1_straat": "Kaperstraat",
        "ouder1_huisnummer": "1",
        "ouder1_postcode": "9102ZZ",
        "ouder1_woonplaats": "Aanvallerveen",
        "ouder1_adres_afgeschermd": "nee",
        **extra,
    }


def _moeder(**extra: str) -> dict[str, str]:
    """The victim's own mother named, so the row aims at her stored gezag and shielding."""
    return {
        "ouder1_voornamen": "Moeder",
        "ouder1_achternaam": "Beschermd",
        "ouder1_gezag": "ja",
        "ouder1_adres_afgeschermd": "nee",
        "ouder1_bsn": MOEDER_BSN,
        "ouder1_straat": "Kaperstraat",
        "ouder1_huisnummer": "1",
        "ouder1_postcode": "9102ZZ",
        "ouder1_woonplaats": "Aanvallerveen",
        **extra,
    }


AANVALLEN: list[Aanval] = [
    # leerlingen: overwrite name, address, parents and (to the attacker's municipality) the
    # home municipality; or keep the victim's municipality and only overwrite
    Aanval(
        "leerlingen-naam-adres-verhuizen-naar-eigen-gemeente",
        "leerlingen",
        lambda w, a: [_leerling_rij(w, EIGEN_GEMEENTE[a])],
    ),
    Aanval(
        "leerlingen-naam-adres-in-gemeente-slachtoffer",
        "leerlingen",
        lambda w, a: [_leerling_rij(w, "a")],
    ),
    # the victim's mother: give her gezag, lift her shielding, overwrite her address
    Aanval(
        "leerlingen-gezag-en-afscherming-moeder-verhuizen-naar-eigen-gemeente",
        "leerlingen",
        lambda w, a: [_leerling_rij(w, EIGEN_GEMEENTE[a], **_moeder())],
    ),
    Aanval(
        "leerlingen-gezag-en-afscherming-moeder-in-gemeente-slachtoffer",
        "leerlingen",
        lambda w, a: [_leerling_rij(w, "a", **_moeder(ouder1_telefoon="", ouder1_email=""))],
    ),
    # scholen: rename the victim's school and move it to the attacker's municipality
    Aanval(
        "scholen-hernoem-en-verhuis-school-slachtoffer",
        "scholen",
        lambda w, a: [
            {
                **_school(w, "a1"),
                "naam": "Gekaapt College",
                "soort": "VO",
                "gemeente": w.gemeenten[EIGEN_GEMEENTE[a]].naam,
                "regio": "zuid",
            }
        ],
    ),
    Aanval(
        "scholen-hernoem-school-slachtoffer-in-haar-gemeente",
        "scholen",
        lambda w, a: [
            {
                **_school(w, "a1"),
                "naam": "Gekaapt College",
                "soort": "MBO",
                "gemeente": w.gemeenten["a"].naam,
                "regio": "noord",
            }
        ],
    ),
    # inschrijvingen: enrol the victim at the attacker's school, backdated or from today,
    # while it is enrolled at A1; reopen the ended enrolment at A2; end the A1 enrolment
    Aanval(
        "inschrijvingen-eigen-school-vanaf-2015",
        "inschrijvingen",
        lambda w, a: [
            {
                "bsn": SLACHTOFFER_BSN,
                **_school(w, EIGEN_SCHOOL[a]),
                "begindatum": "2015-08-01",
                "einddatum": "",
            }
        ],
        api=True,
    ),
    Aanval(
        "inschrijvingen-eigen-school-vanaf-vandaag",
        "inschrijvingen",
        lambda w, a: [
            {
                "bsn": SLACHTOFFER_BSN,
                **_school(w, EIGEN_SCHOOL[a]),
                "begindatum": _vandaag(),
                "einddatum": "",
            }
        ],
        api=True,
    ),
    Aanval(
        "inschrijvingen-heropen-beeindigde-inschrijving-a2",
        "inschrijvingen",
        lambda w, a: [
            {
                "bsn": SLACHTOFFER_BSN,
                **_school(w, "a2"),
                "begindatum": OUD_BEGIN.isoformat(),
                "einddatum": "",
            }
        ],
        api=True,
    ),
    Aanval(
        "inschrijvingen-beeindig-inschrijving-a1",
        "inschrijvingen",
        lambda w, a: [
            {
                "bsn": SLACHTOFFER_BSN,
                **_school(w, "a1"),
                "begindatum": A1_BEGIN.isoformat(),
                "einddatum": _vandaag(),
            }
        ],
        api=True,
    ),
    # verzuim: absence of the victim at the attacker's school, and at A1
    Aanval(
        "verzuim-op-eigen-school",
        "verzuim",
        lambda w, a: [
            {
                "bsn": SLACHTOFFER_BSN,
                **_school(w, EIGEN_SCHOOL[a]),
                "datum": VERZUIMDAG.isoformat(),
                "minuten": "300",
                "soort": "ongeoorloofd",
            }
        ],
        api=True,
    ),
    Aanval(
        "verzuim-op-school-a1",
        "verzuim",
        lambda w, a: [
            {
                "bsn": SLACHTOFFER_BSN,
                **_school(w, "a1"),
                "datum": VERZUIMDAG.isoformat(),
                "minuten": "300",
                "soort": "ongeoorloofd",
            }
        ],
        api=True,
    ),
    # vrijstellingen: an exemption for the victim (which ends its compulsory education)
    Aanval(
        "vrijstellingen-vrijstelling-voor-slachtoffer",
        "vrijstellingen",
        lambda w, a: [
            {"bsn": SLACHTOFFER_BSN, "artikel": "5a", "begindatum": _vandaag(), "einddatum": ""}
        ],
    ),
]


def _csv(rijen: list[dict[str, str]]) -> bytes:
    kolommen = list(rijen[0])
    regels = [";".join(kolommen)] + [";".join(r.get(k, "") for k in kolommen) for r in rijen]
    return ("\n".join(regels) + "\n").encode()


def _api_rijen(rijen: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The rows as the API takes them (minutes as a number; an open end date stays "")."""
    return [{**r, **({"minuten": int(r["minuten"])} if "minuten" in r else {})} for r in rijen]


def _api_client(w: Wereld, wie: str) -> APIClient:
    client = APIClient()
    if wie.startswith("token_"):
        geheim = w.tokens[wie.removeprefix("token_")][0]
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {geheim}")
    else:
        client.force_login(w.gebruikers[wie])
    return client


# --- the channels: each returns a short description of the answer ---------------------------


def _via_dienst(w: Wereld, wie: str, soort: str, rijen: list[dict[str, str]]) -> str:
    try:
        resultaat = importeer(
            soort=soort,
            bestand=io.BytesIO(_csv(rijen)),
            bestandsnaam=f"{soort}.csv",
            door=w.medewerker(wie),
        )
    except PermissionDenied:
        return "PermissionDenied"
    return f"{resultaat.status}: {resultaat.aantal_afgewezen} afgewezen"


def _via_scherm(w: Wereld, wie: str, soort: str, rijen: list[dict[str, str]]) -> str:
    client = Client()
    client.force_login(w.gebruikers[wie])
    bestand = SimpleUploadedFile(f"{soort}.csv", _csv(rijen), content_type="text/csv")
    antwoord = client.post(reverse("registratie:imports"), {"soort": soort, "bestand": bestand})
    assert antwoord.status_code < 500, antwoord.content[:2000]
    _werk_wachtrij_af()
    return str(antwoord.status_code)


def _werk_wachtrij_af() -> None:
    """An upload the screen queued for the background worker is run here, as the worker
    would (when the importer has a queue)."""
    verwerk = getattr(import_services, "verwerk_wachtrij", None)
    if verwerk is None:
        return
    for pk in Import.objects.filter(status="wachtrij").values_list("pk", flat=True):
        verwerk(pk)


API_UPLOAD = {"inschrijvingen": "/api/v1/inschrijvingen/upload/", "verzuim": "/api/v1/verzuim/"}


def _via_api(w: Wereld, wie: str, soort: str, rijen: list[dict[str, str]]) -> str:
    antwoord = _api_client(w, wie).post(API_UPLOAD[soort], _api_rijen(rijen), format="json")
    # 401 (not signed in) or 400 (a body the API does not take) would make the attack vacuous
    assert antwoord.status_code in (200, 202, 403), antwoord.content[:2000]
    _werk_wachtrij_af()
    return str(antwoord.status_code)


KANALEN: dict[str, Callable[[Wereld, str, str, list[dict[str, str]]], str]] = {
    "dienst": _via_dienst,
    "scherm": _via_scherm,
    "api": _via_api,
}


def _gevallen() -> list[Any]:
    gevallen = []
    for aanval in AANVALLEN:
        for wie in PERSOONLIJKE_AANVALLERS:
            kanalen = ["dienst", "scherm"] + (["api"] if aanval.api else [])
            for kanaal in kanalen:
                gevallen.append(
                    pytest.param(aanval, wie, kanaal, id=f"{aanval.naam}-door-{wie}-via-{kanaal}")
                )
        if aanval.api:
            for token in TOKEN_AANVALLERS:
                gevallen.append(
                    pytest.param(aanval, token, "api", id=f"{aanval.naam}-door-{token}-via-api")
                )
    return gevallen


def _geen_mislukte_import() -> None:
    """An import that stopped on an error stored nothing, but proves nothing either."""
    mislukt = list(Import.objects.filter(status="mislukt").values_list("melding", flat=True))
    assert mislukt == [], mislukt


def _controleer(w: Wereld, voor: dict[str, Any], zicht_voor: dict[str, Any], uitkomst: str) -> None:
    _geen_mislukte_import()
    veranderd = _verschil(voor, _stand(w))
    assert veranderd == [], f"gegevens van het slachtoffer veranderd ({uitkomst}): {veranderd}"
    zicht_na = _zicht_van_aanvallers(w)
    verruimd = {
        wie: sorted(k for k in zicht_voor[wie] if zicht_voor[wie][k] != zicht_na[wie][k])
        for wie in zicht_voor
        if zicht_voor[wie] != zicht_na[wie]
    }
    assert verruimd == {}, f"een aanvaller ziet nu meer ({uitkomst}): {verruimd}"
    assert _eigenaren_zien_nog(w) == [], f"de eigenaar ziet het kind niet meer ({uitkomst})"


@pytest.mark.parametrize(("aanval", "wie", "kanaal"), _gevallen())
def test_een_importaanval_verandert_niets_van_het_slachtoffer_en_verruimt_geen_zicht(
    aanval: Aanval, wie: str, kanaal: str, wereld: Wereld, db: None
) -> None:
    # given the victim's data and what every attacker sees
    voor = _stand(wereld)
    zicht_voor = _zicht_van_aanvallers(wereld)
    # when the attacker sends the attack rows through the channel
    rijen = aanval.rijen(wereld, TOKEN_AANVALLERS.get(wie, wie))
    uitkomst = KANALEN[kanaal](wereld, wie, aanval.soort, rijen)
    # then (rejected or held) the victim's data is the same, no attacker sees more, and the
    # owners still see the pupil and its case
    _controleer(wereld, voor, zicht_voor, uitkomst)


# --- API writes of one enrolment (PUT/PATCH with If-Match) ----------------------------------


@dataclass(frozen=True)
class Bijwerking:
    naam: str
    inschrijving: Callable[[Wereld], Inschrijving]
    methode: str
    body: Callable[[Wereld, Inschrijving], dict[str, Any]]


def _put_body(inschrijving: Inschrijving, einddatum: str | None) -> dict[str, Any]:
    return {
        "id": inschrijving.pk,
        "leerling": inschrijving.leerling_id,
        "school": inschrijving.school_id,
        "begindatum": inschrijving.begindatum.isoformat(),
        "einddatum": einddatum,
    }


BIJWERKINGEN = [
    Bijwerking(
        "patch-heropen-beeindigde-inschrijving-a2",
        lambda w: w.inschrijving_a2,
        "patch",
        lambda w, i: {"einddatum": None},
    ),
    Bijwerking(
        "put-heropen-beeindigde-inschrijving-a2",
        lambda w: w.inschrijving_a2,
        "put",
        lambda w, i: _put_body(i, None),
    ),
    Bijwerking(
        "patch-beeindig-inschrijving-a1",
        lambda w: w.inschrijving_a1,
        "patch",
        lambda w, i: {"einddatum": _vandaag()},
    ),
    Bijwerking(
        "patch-verleng-beeindigde-inschrijving-a2",
        lambda w: w.inschrijving_a2,
        "patch",
        lambda w, i: {"einddatum": "2099-07-31"},
    ),
]


@pytest.mark.parametrize(
    ("bijwerking", "wie"),
    [
        pytest.param(b, wie, id=f"{b.naam}-door-{wie}")
        for b in BIJWERKINGEN
        for wie in (*PERSOONLIJKE_AANVALLERS, *TOKEN_AANVALLERS)
    ],
)
def test_een_inschrijving_schrijven_via_de_api_verandert_niets_en_verruimt_geen_zicht(
    bijwerking: Bijwerking, wie: str, wereld: Wereld, db: None
) -> None:
    voor = _stand(wereld)
    zicht_voor = _zicht_van_aanvallers(wereld)
    inschrijving = bijwerking.inschrijving(wereld)
    client = _api_client(wereld, wie)
    antwoord = getattr(client, bijwerking.methode)(
        f"/api/v1/inschrijvingen/{inschrijving.pk}/",
        bijwerking.body(wereld, inschrijving),
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert antwoord.status_code in (200, 400, 403, 404, 412), antwoord.content[:2000]
    _controleer(wereld, voor, zicht_voor, str(antwoord.status_code))


# --- positive controls: the rightful importer's row does change the data --------------------


@dataclass(frozen=True)
class Controle:
    naam: str
    soort: str
    wie: str
    rijen: Callable[[Wereld], list[dict[str, str]]]
    veranderd: Callable[[Wereld], bool]  # the change itself, read back
    kanalen: tuple[str, ...] = ("dienst", "scherm")


def _leerling(w: Wereld) -> Leerling:
    return Leerling.objects.get(pk=w.slachtoffer.pk)


CONTROLES = [
    Controle(
        "scholen-hernoem-eigen-school",
        "scholen",
        "fb_a",
        lambda w: [
            {
                **_school(w, "a1"),
                "naam": "De Kern Hernoemd",
                "soort": "VO",
                "gemeente": w.gemeenten["a"].naam,
                "regio": "noord",
            }
        ],
        lambda w: School.objects.get(pk=w.scholen["a1"].pk).naam == "De Kern Hernoemd",
    ),
    Controle(
        "leerlingen-corrigeer-naam-en-adres",
        "leerlingen",
        "lpa_a",
        lambda w: [
            {
                "bsn": SLACHTOFFER_BSN,
                "voornamen": "Veilig",
                "achternaam": "Gecorrigeerd",
                "geboortedatum": "2013-03-14",
                "woongemeente": w.gemeenten["a"].naam,
                "straat": "Nieuwstraat",
                "huisnummer": "8",
                "postcode": "9101AC",
                "woonplaats": "Slachtofferstad",
            }
        ],
        lambda w: (_leerling(w).achternaam, _leerling(w).straat) == ("Gecorrigeerd", "Nieuwstraat"),
    ),
    Controle(
        "leerlingen-gezag-en-afscherming-moeder",
        "leerlingen",
        "lpa_a",
        lambda w: [
            {
                "bsn": SLACHTOFFER_BSN,
                "voornamen": "Veilig",
                "achternaam": "Beschermd",
                "geboortedatum": "2013-03-14",
                "woongemeente": w.gemeenten["a"].naam,
                **_moeder(),
            }
        ],
        lambda w: (
            list(w.slachtoffer.ouders.values_list("gezag", "adres_afgeschermd", "straat"))
            == [(True, False, "Kaperstraat")]
        ),
    ),
    Controle(
        "inschrijvingen-einddatum-eigen-inschrijving",
        "inschrijvingen",
        "school_a1",
        lambda w: [
            {
                "bsn": SLACHTOFFER_BSN,
                **_school(w, "a1"),
                "begindatum": A1_BEGIN.isoformat(),
                "einddatum": "2027-07-31",
            }
        ],
        lambda w: Inschrijving.objects.get(pk=w.inschrijving_a1.pk).einddatum == date(2027, 7, 31),
        ("dienst", "scherm", "api", "token_a1"),
    ),
    Controle(
        "verzuim-op-eigen-school",
        "verzuim",
        "school_a1",
        lambda w: [
            {
                "bsn": SLACHTOFFER_BSN,
                **_school(w, "a1"),
                "datum": VERZUIMDAG.isoformat(),
                "minuten": "300",
                "soort": "ongeoorloofd",
            }
        ],
        lambda w: w.slachtoffer.verzuim.filter(datum=VERZUIMDAG, school=w.scholen["a1"]).exists(),
        ("dienst", "scherm", "api", "token_a1"),
    ),
    Controle(
        "vrijstellingen-vrijstelling-eigen-gemeente",
        "vrijstellingen",
        "lpa_a",
        lambda w: [
            {"bsn": SLACHTOFFER_BSN, "artikel": "5a", "begindatum": _vandaag(), "einddatum": ""}
        ],
        lambda w: w.slachtoffer.vrijstellingen.filter(artikel="5a").exists(),
    ),
]


@pytest.mark.parametrize(
    ("controle", "kanaal"),
    [pytest.param(c, k, id=f"{c.naam}-via-{k}") for c in CONTROLES for k in c.kanalen],
)
def test_de_rechtmatige_importeur_verandert_de_gegevens_van_het_slachtoffer(
    controle: Controle, kanaal: str, wereld: Wereld, db: None
) -> None:
    voor = _stand(wereld)
    wie = controle.wie
    if kanaal == "token_a1":
        wie, kanaal = "token_a1", "api"
    KANALEN[kanaal](wereld, wie, controle.soort, controle.rijen(wereld))
    _geen_mislukte_import()
    assert controle.veranderd(wereld)
    assert _verschil(voor, _stand(wereld)) != []
    assert _eigenaren_zien_nog(wereld) == []


@pytest.mark.parametrize(
    ("methode", "wie", "body"),
    [
        pytest.param("patch", "token_a1", lambda i: {"einddatum": "2027-07-31"}, id="patch-token"),
        pytest.param("put", "token_a1", lambda i: _put_body(i, "2027-07-31"), id="put-token"),
        pytest.param(
            "patch", "school_a1", lambda i: {"einddatum": "2027-07-31"}, id="patch-sessie"
        ),
    ],
)
def test_de_rechtmatige_school_wijzigt_haar_inschrijving_via_de_api(
    methode: str, wie: str, body: Callable[[Inschrijving], dict[str, Any]], wereld: Wereld,
    db: None,
) -> None:  # fmt: skip
    voor = _stand(wereld)
    inschrijving = wereld.inschrijving_a1
    antwoord = getattr(_api_client(wereld, wie), methode)(
        f"/api/v1/inschrijvingen/{inschrijving.pk}/",
        body(inschrijving),
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert antwoord.status_code == 200, antwoord.content
    assert Inschrijving.objects.get(pk=inschrijving.pk).einddatum == date(2027, 7, 31)
    assert _verschil(voor, _stand(wereld)) == ["registratie_inschrijving.leerling_id"]


def test_een_ruimer_zicht_valt_op(wereld: Wereld, db: None) -> None:
    """The visibility check is not vacuous: an enrolment at B1 (written directly, as no
    attacker may) shows up in B1's visible sets."""
    voor = _zicht(wereld.gebruikers["school_b1"], wereld)
    InschrijvingFactory(leerling=wereld.slachtoffer, school=wereld.scholen["b1"])
    na = _zicht(wereld.gebruikers["school_b1"], wereld)
    assert (voor["dossier"], na["dossier"]) == (False, True)
    assert na["leerlingen"] - voor["leerlingen"] == {wereld.slachtoffer.pk}
    assert na["casussen"] - voor["casussen"] == {wereld.casus.pk}


# --- the BSN oracle -------------------------------------------------------------------------


@dataclass(frozen=True)
class Orakel:
    naam: str
    soort: str
    wie: str
    rij: Callable[[Wereld, str], dict[str, str]]  # (world, BSN) -> row
    kanaal: str = "dienst"


def _inschrijving_rij(w: Wereld, bsn: str, school: str) -> dict[str, str]:
    return {"bsn": bsn, **_school(w, school), "begindatum": _vandaag(), "einddatum": ""}


def _verzuim_rij(w: Wereld, bsn: str, school: str) -> dict[str, str]:
    return {
        "bsn": bsn,
        **_school(w, school),
        "datum": VERZUIMDAG.isoformat(),
        "minuten": "120",
        "soort": "ongeoorloofd",
    }


ORAKELS = [
    *[
        Orakel(
            f"inschrijvingen-{wie}-via-{kanaal}",
            "inschrijvingen",
            wie,
            lambda w, bsn, s=EIGEN_SCHOOL[wie]: _inschrijving_rij(w, bsn, s),
            kanaal,
        )  # type: ignore[misc]
        for wie in ("school_b1", "school_a2")
        for kanaal in ("dienst", "api")
    ],
    *[
        Orakel(
            f"verzuim-{wie}-via-{kanaal}",
            "verzuim",
            wie,
            lambda w, bsn, s=EIGEN_SCHOOL[wie]: _verzuim_rij(w, bsn, s),
            kanaal,
        )  # type: ignore[misc]
        for wie in ("school_b1", "school_a2")
        for kanaal in ("dienst", "api")
    ],
    Orakel(
        "vrijstellingen-lpa_b-via-dienst",
        "vrijstellingen",
        "lpa_b",
        lambda w, bsn: {"bsn": bsn, "artikel": "5a", "begindatum": _vandaag(), "einddatum": ""},
    ),
    Orakel(
        "leerlingen-lpa_b-eigen-gemeente-via-dienst",
        "leerlingen",
        "lpa_b",
        lambda w, bsn: {**_leerling_rij(w, "b"), "bsn": bsn},
    ),
    Orakel(
        "leerlingen-lpa_b-gemeente-slachtoffer-via-dienst",
        "leerlingen",
        "lpa_b",
        lambda w, bsn: {**_leerling_rij(w, "a"), "bsn": bsn},
    ),
]


def _afwijzingen(w: Wereld, orakel: Orakel, bsn: str) -> list[tuple[str, str, str]]:
    """The rejections of one row naming `bsn`, with the BSN replaced by a placeholder."""
    rijen = [orakel.rij(w, bsn)]
    if orakel.kanaal == "api":
        antwoord = _api_client(w, orakel.wie).post(
            API_UPLOAD[orakel.soort], _api_rijen(rijen), format="json"
        )
        assert antwoord.status_code == 200, antwoord.content
        gevonden = [(a["veld"], a["waarde"], a["reden"]) for a in antwoord.json()["afwijzingen"]]
    else:
        resultaat = importeer(
            soort=orakel.soort,
            bestand=io.BytesIO(_csv(rijen)),
            bestandsnaam="orakel.csv",
            door=w.medewerker(orakel.wie),
        )
        assert resultaat.status == Import.Status.KLAAR, resultaat.melding
        gevonden = list(
            Afwijzing.objects.filter(bestandsimport=resultaat)
            .order_by("rij", "pk")
            .values_list("veld", "waarde", "reden")
        )
    return [
        (veld, waarde.replace(bsn, PLAATSHOUDER), reden.replace(bsn, PLAATSHOUDER))
        for veld, waarde, reden in gevonden
    ]


@pytest.mark.parametrize("orakel", [pytest.param(o, id=o.naam) for o in ORAKELS])
def test_een_rij_met_het_bsn_van_het_slachtoffer_wordt_afgewezen_als_een_bsn_dat_nergens_bestaat(
    orakel: Orakel, wereld: Wereld, db: None
) -> None:
    assert not Leerling.objects.filter(bsn=NERGENS_BSN).exists()
    # the row with a BSN that exists nowhere first, in its own savepoint (a new pupil it makes
    # must not be there when the victim's row comes)
    with transaction.atomic():
        onbekend = _afwijzingen(wereld, orakel, NERGENS_BSN)
        transaction.set_rollback(True)
    slachtoffer = _afwijzingen(wereld, orakel, SLACHTOFFER_BSN)
    assert slachtoffer == onbekend


def test_de_wereld_is_wat_de_aanvallen_aannemen(wereld: Wereld, db: None) -> None:
    zicht = _zicht_van_aanvallers(wereld)
    # no attacker sees the victim or its case before the attacks
    assert {wie: (z["dossier"], z["casus"]) for wie, z in zicht.items()} == {
        wie: (False, False) for wie in zicht
    }
    # but each school attacker (and Leerplicht B) sees pupils of its own
    for wie in ("school_b1", "school_a2", "lpa_b", "token_b1", "token_a2", "token_lpb"):
        assert zicht[wie]["leerlingen"], wie
    assert _eigenaren_zien_nog(wereld) == []
    # the victim's data covers each kind the attacks aim at
    stand = _stand(wereld)
    for tabel in (
        "registratie_ouder.leerling_id",
        "registratie_inschrijving.leerling_id",
        "registratie_verzuim.leerling_id",
        "registratie_vrijstelling.leerling_id",
        "signalering_signaal.leerling_id",
        "signalering_melding.leerling_id",
    ):
        assert tabel in stand, tabel
    assert stand["scholen"][0] == 2
    assert stand["registratie_inschrijving.leerling_id"][0] == 2
    assert not Import.objects.exists()
