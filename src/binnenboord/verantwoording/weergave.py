# SPDX-License-Identifier: EUPL-1.2
"""The access log as a person reads it (verantwoording:inzagelog): one line per page view, with
the screen's name, the actor as name · role · organisation and the pupils by name.

A request writes one entry per pupil it showed, all with the same moment (inzage.Inzagen):
the chain of the log (keten.py) holds one pupil per entry, so a pupil's own log ("who looked
at me") finds every read of her. The page folds the entries of one page view back into one
line: same moment, user, action, screen, path, case, reason and address."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binnenboord.toegang.models import Medewerker, Rol

from .bronnen import bronnaam
from .models import Inzage

# What makes one page view: every field of an entry except the pupil (and the chain).
PAGINAWEERGAVE = (
    "tijdstip",
    "medewerker_id",
    "gebruikersnaam",
    "rol",
    "organisatie",
    "handeling",
    "bron",
    "pad",
    "casus_id",
    "reden",
    "ip_adres",
)
PORTAAL = "portaal:"
PORTAALROLLEN = {"ouder": gettext_lazy("parent"), "leerling": gettext_lazy("pupil")}


@dataclass
class Regel:
    """One page view in the access log."""

    tijdstip: datetime
    handeling: str
    handeling_label: str
    bron: str
    scherm: str
    gebruikersnaam: str
    wie: str
    casus_id: int | None
    reden: str
    aantal: int
    leerlingen: list[tuple[int, str]] = field(default_factory=list)


def paginaweergaven(inzages: QuerySet[Inzage]) -> QuerySet[Any]:
    """The page views of `inzages`, newest first: one row per page view with its number of
    entries and the range of their ids."""
    return (
        inzages.order_by()
        .values(*PAGINAWEERGAVE)
        .annotate(regels=Count("pk"), eerste=Min("pk"), laatste=Max("pk"))
        .order_by("-tijdstip", "-laatste")
    )


def rolnaam(rol: str) -> str:
    if rol in Rol.values:
        return str(Rol(rol).label)
    return str(PORTAALROLLEN.get(rol, rol))


def actor(gebruikersnaam: str, rol: str, organisatie: str, naam: str | None) -> str:
    """Who: name · role · organisation (the role and organisation at that moment); a portal
    user (a parent or the pupil) as the portal and the role."""
    if naam is None and gebruikersnaam.startswith(PORTAAL):
        return f"{_('Portal')} · {rolnaam(rol)}"
    delen = [naam or gebruikersnaam, rolnaam(rol) if rol else "", organisatie]
    return " · ".join(d for d in delen if d)


def regels(inzages: QuerySet[Inzage], weergaven: list[dict[str, Any]]) -> list[Regel]:
    """The lines of one page of `weergaven` (from paginaweergaven), with the pupils of each:
    three queries (the entries, the staff, the pupils)."""
    if not weergaven:
        return []
    binnen = Q(pk__in=[])
    for w in weergaven:
        binnen |= Q(pk__gte=w["eerste"], pk__lte=w["laatste"])
    per_weergave: dict[tuple[Any, ...], list[int | None]] = {}
    for rij in inzages.filter(binnen).order_by("pk").values(*PAGINAWEERGAVE, "leerling_id"):
        sleutel = tuple(rij[v] for v in PAGINAWEERGAVE)
        per_weergave.setdefault(sleutel, []).append(rij["leerling_id"])
    alle = {pk for lijst in per_weergave.values() for pk in lijst if pk is not None}
    leerling_model = apps.get_model("registratie", "Leerling")
    namen = {
        leerling.pk: leerling.naam
        for leerling in leerling_model.objects.filter(pk__in=alle).only(
            "pk", "voornamen", "tussenvoegsel", "achternaam"
        )
    }
    medewerkers = {
        m.pk: str(m)
        for m in Medewerker.objects.filter(
            pk__in={w["medewerker_id"] for w in weergaven if w["medewerker_id"]}
        )
    }
    uit: list[Regel] = []
    for w in weergaven:
        sleutel = tuple(w[v] for v in PAGINAWEERGAVE)
        pks = [pk for pk in per_weergave.get(sleutel, []) if pk is not None]
        uit.append(
            Regel(
                tijdstip=w["tijdstip"],
                handeling=w["handeling"],
                handeling_label=str(Inzage.Handeling(w["handeling"]).label)
                if w["handeling"] in Inzage.Handeling.values
                else w["handeling"],
                bron=w["bron"],
                scherm=bronnaam(w["bron"]),
                gebruikersnaam=w["gebruikersnaam"],
                wie=actor(
                    w["gebruikersnaam"],
                    w["rol"],
                    w["organisatie"],
                    medewerkers.get(w["medewerker_id"]),
                ),
                casus_id=w["casus_id"],
                reden=w["reden"],
                aantal=w["regels"],
                leerlingen=[
                    (pk, namen.get(pk) or _("pupil no longer in the register")) for pk in pks
                ],
            )
        )
    return uit


def getoonde_leerlingen(lijst: list[Regel]) -> set[int]:
    """The pupils the page names (for its own access-log line)."""
    return {pk for regel in lijst for pk, _naam in regel.leerlingen}
