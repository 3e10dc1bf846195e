# SPDX-License-Identifier: EUPL-1.2
"""Unusual access, from the access log: (1) a user who opened many different pupils' files
in a short time; (2) a read of a pupil outside the user's scope now (not in leerling_scope and
no case in casus_scope: no longer, or never, theirs to see). Searches and lists are not
counted for (1): they log every pupil shown.

Thresholds: setting VERANTWOORDING_ONGEBRUIKELIJK = {"venster_minuten": 60,
"aantal_leerlingen": 30, "periode_dagen": 7}."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from binnenboord.toegang.models import Medewerker
from binnenboord.toegang.rules import leerling_scope, scope

from .models import Inzage

STANDAARD = {"venster_minuten": 60, "aantal_leerlingen": 30, "periode_dagen": 7}
GEOPEND = ("bekijken", "wijzigen", "exporteren", "afdrukken")


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


def buiten_bereik(inzages: QuerySet[Inzage]) -> list[BuitenBereik]:
    """Reads of pupils the user may not see now. Each user has a scope of their own, so this
    takes two scope queries per user who read files in the period (pupils, cases), and three
    queries besides: who read which pupils, the users, and the reads outside scope."""
    leerling_model = apps.get_model("registratie", "Leerling")
    casus_model = apps.get_model("regie", "Casus")
    rijen = inzages.filter(leerling_id__isnull=False, medewerker_id__isnull=False)
    gelezen: dict[int, set[int]] = {}
    paren = rijen.order_by().values_list("medewerker_id", "leerling_id").distinct()
    for medewerker_id, leerling_id in paren:
        gelezen.setdefault(medewerker_id, set()).add(leerling_id)
    buiten = Q(pk__in=[])
    for medewerker in Medewerker.objects.filter(pk__in=gelezen).select_related("organisatie"):
        eigen = gelezen[medewerker.pk]
        in_bereik = set(
            leerling_model.objects.filter(leerling_scope(medewerker), pk__in=eigen).values_list(
                "pk", flat=True
            )
        ) | set(
            casus_model.objects.filter(
                scope("regie.casus", medewerker), leerling_id__in=eigen
            ).values_list("leerling_id", flat=True)
        )
        if eigen - in_bereik:
            buiten |= Q(medewerker_id=medewerker.pk, leerling_id__in=sorted(eigen - in_bereik))
    return [
        BuitenBereik(i.gebruikersnaam, i.tijdstip, i.leerling_id, i.handeling)
        for i in rijen.filter(buiten).order_by("medewerker_id", "tijdstip", "pk")
        if i.leerling_id is not None
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
    }
