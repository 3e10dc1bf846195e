# SPDX-License-Identifier: EUPL-1.2
"""Unusual access, from the access log (verantwoording:ongebruikelijk). A finding is a question
to ask, not proof of misuse. The rules, each with its reason (docs/toegang-en-verantwoording.md):

1. Zonder relatie: a read of a pupil the user has no working relation with. Normal work is
   not flagged: the school of enrolment (on the day of the read), Leerplicht of the pupil's
   municipality, a participant or regisseur of the pupil's case (casus_scope), the SWV a
   stay-at-home melding was sent to (melding_scope), a signal the user sees, the youth doctor
   a MAZL referral is addressed to, a member of a meeting with the case on its published
   agenda, Leerplicht receiving a handover after a move, and the functional administrator
   answering a request for access (the access-log pages, for a pupil living in the own
   organisation's municipalities or with entries by its own staff). Why: need-to-know; a
   read outside every relation is the one thing the access rules should have made
   impossible, or a relation that has ended.
2. Veel dossiers: `aantal_leerlingen` or more different pupils opened (viewed, changed,
   exported, printed) within `venster_minuten`. Lists and searches are not counted: they
   name every pupil shown, once per page view. Why: browsing many files is the pattern of
   curiosity or of copying data away.
3. 's Nachts: a staff member opening a pupil's file on a screen between `nacht_van` and
   `nacht_tot` o'clock (local time); the API and the scheduled commands work at night by
   design and are not counted, nor are the family's own reads in the portal. Why: nobody's
   work with a pupil needs the file at that hour, and a stolen account is used then.

Thresholds: setting VERANTWOORDING_ONGEBRUIKELIJK = {"venster_minuten": 60,
"aantal_leerlingen": 30, "periode_dagen": 7, "nacht_van": 0, "nacht_tot": 6}."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.toegang.rules import NIETS, gemeenten_van, leerling_scope, scope

from .models import Inzage

STANDAARD = {
    "venster_minuten": 60,
    "aantal_leerlingen": 30,
    "periode_dagen": 7,
    "nacht_van": 0,
    "nacht_tot": 6,
}
GEOPEND = ("bekijken", "wijzigen", "exporteren", "afdrukken")
# The access-log pages: the functional administrator's look-up for a request for access.
INZAGELOG = "verantwoording:"
EIGEN_LIJSTEN = ("verantwoording:inzagelog", "verantwoording:ongebruikelijk")
# A relation to a pupil through a registered scope (toegang.rules.add_scope): the model and
# the path from it to the pupil.
RELATIES = (
    ("regie.casus", "leerling_id"),
    ("signalering.melding", "leerling_id"),
    ("signalering.signaal", "leerling_id"),
    ("regie.mazlverwijzing", "leerling_id"),
    ("regie.agendapunt", "casus__leerling_id"),
    ("regie.casusoverdracht", "casus__leerling_id"),
)


def drempels() -> dict[str, int]:
    return {**STANDAARD, **getattr(settings, "VERANTWOORDING_ONGEBRUIKELIJK", {})}


@dataclass(frozen=True)
class Veel:
    gebruikersnaam: str
    vanaf: datetime
    aantal_leerlingen: int


@dataclass(frozen=True)
class BuitenBereik:
    gebruikersnaam: str
    tijdstip: datetime
    leerling_id: int
    handeling: str
    bron: str = ""


@dataclass(frozen=True)
class Nachtwerk:
    gebruikersnaam: str
    vanaf: datetime
    tot: datetime
    aantal_leerlingen: int


def veel_dossiers(inzages: QuerySet[Inzage], *, venster: timedelta, drempel: int) -> list[Veel]:
    """Per user the first moment from which `drempel` or more different pupils were opened
    within `venster` (sliding window)."""
    rijen = (
        inzages.filter(handeling__in=GEOPEND, leerling_id__isnull=False)
        .order_by("gebruikersnaam", "tijdstip", "pk")
        .values_list("gebruikersnaam", "tijdstip", "leerling_id")
    )
    uitkomst: list[Veel] = []
    huidige: str | None = None
    raam: deque[tuple[datetime, int]] = deque()
    gemeld = False
    for naam, tijdstip, leerling_id in rijen.iterator(chunk_size=5000):
        if naam != huidige:
            huidige, raam, gemeld = naam, deque(), False
        raam.append((tijdstip, leerling_id))
        while raam[0][0] < tijdstip - venster:
            raam.popleft()
        verschillend = len({leerling for _, leerling in raam})
        if verschillend >= drempel and not gemeld:
            uitkomst.append(Veel(naam, raam[0][0], verschillend))
            gemeld = True
    return uitkomst


def _met_relatie(medewerker: Medewerker, leerlingen: set[int]) -> set[int]:
    """Of `leerlingen`, those `medewerker` has a working relation with now (rule 1): one query,
    the pupil scope or any registered scope that names the pupil."""
    leerling_model = apps.get_model("registratie", "Leerling")
    relatie = leerling_scope(medewerker)
    for model, pad in RELATIES:
        try:
            filter_ = scope(model, medewerker)
        except KeyError:  # an app that registers no such scope
            continue
        if filter_ == NIETS:
            continue
        relatie |= Q(Exists(apps.get_model(model).objects.filter(filter_, **{pad: OuterRef("pk")})))
    return set(
        leerling_model.objects.filter(relatie, pk__in=leerlingen).values_list("pk", flat=True)
    )


def _op_de_dag(medewerker: Medewerker, leerlingen: set[int], dag: date) -> set[int]:
    """Of `leerlingen`, those in `medewerker`'s pupils on `dag` (a school: enrolled then)."""
    leerling_model = apps.get_model("registratie", "Leerling")
    return set(
        leerling_model.objects.filter(
            leerling_scope(medewerker, peildatum=dag), pk__in=leerlingen
        ).values_list("pk", flat=True)
    )


def _voor_inzageverzoek(medewerker: Medewerker, leerlingen: set[int]) -> set[int]:
    """Of `leerlingen`, those whose access log the functional administrator may look up
    (verantwoording.selectors.leerling_voor_inzagelog): living in the organisation's
    municipalities, or with entries by other staff of the organisation."""
    if medewerker.rol != Rol.FUNCTIONEEL_BEHEERDER or medewerker.organisatie is None:
        return set()
    leerling_model = apps.get_model("registratie", "Leerling")
    woont = set(
        leerling_model.objects.filter(
            pk__in=leerlingen, woongemeente_id__in=gemeenten_van(medewerker)
        ).values_list("pk", flat=True)
    )
    eigen_staf = set(
        Inzage.objects.filter(
            leerling_id__in=leerlingen - woont,
            medewerker__organisatie=medewerker.organisatie,
        )
        .exclude(medewerker_id=medewerker.pk)
        .values_list("leerling_id", flat=True)
    )
    return woont | eigen_staf


def buiten_bereik(inzages: QuerySet[Inzage]) -> list[BuitenBereik]:
    """Rule 1: reads of pupils the user has no working relation with (see the module
    docstring). One query per user who read files in the period (the relation), and only for
    what is left: the administrator's look-up (two) and a school's day-of-read check (one,
    and one per day with such reads); three queries besides (who read whom, the users, the
    findings)."""
    # the access-log pages' own list reads: they show only entries in the administrator's
    # scope, so they are normal by construction (the look-up by number is checked below)
    rijen = inzages.filter(leerling_id__isnull=False, medewerker_id__isnull=False).exclude(
        bron__in=EIGEN_LIJSTEN
    )
    gelezen: dict[int, set[int]] = {}
    paren = rijen.order_by().values_list("medewerker_id", "leerling_id").distinct()
    for medewerker_id, leerling_id in paren:
        gelezen.setdefault(medewerker_id, set()).add(leerling_id)
    buiten = Q(pk__in=[])
    medewerkers = Medewerker.objects.filter(pk__in=gelezen).select_related("organisatie")
    for medewerker in medewerkers:
        eigen = gelezen[medewerker.pk]
        rest = eigen - _met_relatie(medewerker, eigen)
        if not rest:
            continue
        verdacht = Q(medewerker_id=medewerker.pk, leerling_id__in=sorted(rest))
        # the access-log pages: the administrator's look-up for a request for access
        avg = _voor_inzageverzoek(medewerker, rest)
        if avg:
            verdacht &= ~Q(bron__startswith=INZAGELOG, leerling_id__in=sorted(avg))
        if medewerker.rol != Rol.SCHOOLMEDEWERKER:
            buiten |= verdacht
            continue
        # a school's relation that held on the day of the read (a pupil who left it since)
        dagen: dict[date, set[int]] = {}
        for tijdstip, leerling_id in rijen.filter(verdacht).values_list("tijdstip", "leerling_id"):
            dagen.setdefault(timezone.localdate(tijdstip), set()).add(leerling_id)
        for dag, leerlingen in dagen.items():
            toen = _op_de_dag(medewerker, leerlingen, dag)
            if toen:
                begin = timezone.make_aware(datetime.combine(dag, datetime.min.time()))
                verdacht &= ~Q(
                    leerling_id__in=sorted(toen),
                    tijdstip__gte=begin,
                    tijdstip__lt=begin + timedelta(days=1),
                )
        buiten |= verdacht
    return [
        BuitenBereik(i.gebruikersnaam, i.tijdstip, i.leerling_id, i.handeling, i.bron)
        for i in rijen.filter(buiten).order_by("medewerker_id", "tijdstip", "pk")
        if i.leerling_id is not None
    ]


def nachtwerk(inzages: QuerySet[Inzage], *, van: int, tot: int) -> list[Nachtwerk]:
    """Rule 3: per staff member and night, the files opened on a screen between `van` and
    `tot` o'clock, local time (no rule when van == tot)."""
    if van == tot:
        return []
    rijen = (
        inzages.filter(
            handeling__in=GEOPEND, leerling_id__isnull=False, medewerker_id__isnull=False
        )
        .exclude(pad="")
        .exclude(bron__startswith="api:")
        .order_by("gebruikersnaam", "tijdstip", "pk")
        .values_list("gebruikersnaam", "tijdstip", "leerling_id")
    )
    per_nacht: dict[tuple[str, date], tuple[datetime, datetime, set[int]]] = {}
    for naam, tijdstip, leerling_id in rijen.iterator(chunk_size=5000):
        lokaal = timezone.localtime(tijdstip)
        uur = lokaal.hour
        nacht = uur >= van or uur < tot if van > tot else van <= uur < tot
        if not nacht:
            continue
        # a night from 22:00 to 06:00 belongs to the day it started
        dag = lokaal.date() - timedelta(days=1) if van > tot and uur < tot else lokaal.date()
        vanaf, _tot, leerlingen = per_nacht.setdefault((naam, dag), (tijdstip, tijdstip, set()))
        leerlingen.add(leerling_id)
        per_nacht[(naam, dag)] = (vanaf, tijdstip, leerlingen)
    return [
        Nachtwerk(naam, vanaf, laatst, len(leerlingen))
        for (naam, _dag), (vanaf, laatst, leerlingen) in per_nacht.items()
    ]


def rapport(inzages: QuerySet[Inzage], *, nu: datetime | None = None) -> dict[str, Any]:
    d = drempels()
    sinds = (nu or timezone.now()) - timedelta(days=d["periode_dagen"])
    periode = inzages.filter(tijdstip__gte=sinds)
    return {
        "drempels": d,
        "sinds": sinds,
        "veel": veel_dossiers(
            periode, venster=timedelta(minutes=d["venster_minuten"]), drempel=d["aantal_leerlingen"]
        ),
        "buiten_bereik": buiten_bereik(periode),
        "nacht": nachtwerk(periode, van=d["nacht_van"], tot=d["nacht_tot"]),
    }
