# SPDX-License-Identifier: EUPL-1.2
"""The school calendar as the database knows it: the holidays package, corrected by the
imported rijksoverheid holidays (Schoolvakantie) and the school's own free days (VrijeDag)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import transaction

from binnenboord.kern.kalender import Schoolkalender, Vakantie

from .models import School, Schoolvakantie, VrijeDag


def _vakanties() -> list[Vakantie]:
    return [
        Vakantie(v.naam, v.regio, v.begindatum, v.einddatum, v.verplicht)
        for v in Schoolvakantie.objects.all()
    ]


def schoolkalender(school: School | None, *, regio: str = "") -> Schoolkalender:
    """The calendar of one school (region, imported holidays, own free days); without a
    school the calendar of `regio` (the pupil's municipality's, Gemeente.regio) or, when that
    is not set, of the default region (setting SCHOOLREGIO)."""
    if school is None:
        return Schoolkalender(regio or settings.SCHOOLREGIO, vakanties=_vakanties())
    vrij = VrijeDag.objects.filter(school=school).values_list("datum", flat=True)
    return Schoolkalender(school.regio, vrije_dagen=vrij, vakanties=_vakanties())


def schoolkalenders(scholen: Iterable[School]) -> dict[int, Schoolkalender]:
    """The calendars of many schools at once: two queries, whatever the number of schools."""
    scholen = list(scholen)
    vakanties = _vakanties()
    vrij: dict[int, list[date]] = {}
    for school_id, datum in VrijeDag.objects.filter(school__in=scholen).values_list(
        "school_id", "datum"
    ):
        vrij.setdefault(school_id, []).append(datum)
    return {
        s.pk: Schoolkalender(s.regio, vrije_dagen=vrij.get(s.pk, ()), vakanties=vakanties)
        for s in scholen
    }


@transaction.atomic
def sla_schoolvakanties_op(vakanties: Iterable[Vakantie]) -> tuple[int, int]:
    """Store the holidays of the feed; (new, changed). Importing the same file again
    changes nothing."""
    nieuw = gewijzigd = 0
    for v in vakanties:
        _, gemaakt = Schoolvakantie.objects.get_or_create(
            regio=v.regio,
            naam=v.naam,
            begindatum=v.begin,
            defaults={"einddatum": v.eind, "verplicht": v.verplicht},
        )
        if gemaakt:
            nieuw += 1
            continue
        bestaand = Schoolvakantie.objects.get(regio=v.regio, naam=v.naam, begindatum=v.begin)
        if (bestaand.einddatum, bestaand.verplicht) != (v.eind, v.verplicht):
            bestaand.einddatum, bestaand.verplicht = v.eind, v.verplicht
            bestaand.save()
            gewijzigd += 1
    return nieuw, gewijzigd
