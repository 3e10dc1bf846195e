# SPDX-License-Identifier: EUPL-1.2
"""Reads for the pupil screens. Every queryset of pupils and absence starts from the scoped
reads at the top (zichtbare_leerlingen, zichtbaar_verzuim), the filters of registratie.rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from binnenboord.gedeeld.zoekkeuze import dd_mm_jjjj
from binnenboord.kern.kalender import Schoolkalender, schooljaar
from binnenboord.toegang.models import Gemeente, Medewerker, Rol
from binnenboord.toegang.rules import Gebruiker, leerling_scope

from .kalenders import schoolkalender
from .models import VERZUIMSOORTEN, Import, Inschrijving, Leerling, School, Verzuim
from .rules import verzuim_scope


def zichtbare_leerlingen(
    gebruiker: Gebruiker, *, peildatum: date | None = None
) -> QuerySet[Leerling]:
    """The pupils `gebruiker` may see on `peildatum` (toegang.rules.leerling_scope)."""
    return Leerling.objects.filter(leerling_scope(gebruiker, peildatum=peildatum))


def haal_leerling(gebruiker: Gebruiker, pk: Any) -> Leerling:
    """The pupil, or 404 for "missing" and "forbidden" alike."""
    try:
        return zichtbare_leerlingen(gebruiker).select_related("woongemeente").get(pk=pk)
    except (ValueError, Leerling.DoesNotExist):
        raise Http404 from None


def zichtbaar_verzuim(gebruiker: Gebruiker) -> QuerySet[Verzuim]:
    """The absence rows `gebruiker` may see (registratie.rules.verzuim_scope): a school its own
    rows of its own enrolment periods, Leerplicht every row of its pupils."""
    return Verzuim.objects.filter(verzuim_scope(gebruiker))


def eigen_perioden(
    gebruiker: Gebruiker, inschrijvingen: Iterable[Inschrijving]
) -> list[tuple[date, date | None]] | None:
    """The periods of a pupil's life that `gebruiker` sees (access follows time): for a school
    the periods of the pupil's enrolments at a school of its own organisation; None (the whole
    picture) for everyone else who sees the pupil. `inschrijvingen` with their school loaded."""
    if not isinstance(gebruiker, Medewerker) or gebruiker.rol != Rol.SCHOOLMEDEWERKER:
        return None
    return [
        (i.begindatum, i.einddatum)
        for i in inschrijvingen
        if i.school.organisatie_id == gebruiker.organisatie_id
    ]


def zoek_leerlingen(gebruiker: Gebruiker, zoekterm: str = "") -> QuerySet[Leerling]:
    return zoek_in(zichtbare_leerlingen(gebruiker).select_related("woongemeente"), zoekterm)


def zoek_in(leerlingen: QuerySet[Leerling], zoekterm: str) -> QuerySet[Leerling]:
    """The pupils of `leerlingen` (already scoped) that `zoekterm` names: a BSN or
    onderwijsnummer, a date of birth (12-03-2014), or words of the name; by surname."""
    zoekterm = zoekterm.strip()
    if zoekterm.isdigit():
        return leerlingen.filter(Q(bsn=zoekterm) | Q(onderwijsnummer=zoekterm))
    if (geboren := dd_mm_jjjj(zoekterm)) is not None:
        return leerlingen.filter(geboortedatum=geboren).order_by("achternaam", "voornamen", "pk")
    return leerlingen.filter(naam_bevat(zoekterm)).order_by("achternaam", "voornamen", "pk")


def naam_bevat(zoekterm: str, pad: str = "") -> Q:
    """Every word of `zoekterm` in the pupil's first names or surname, or the whole
    tussenvoegsel; `pad` leads from another model to the pupil ("leerling__")."""
    voorwaarde = Q()
    for woord in zoekterm.split():
        voorwaarde &= (
            Q(**{f"{pad}voornamen__icontains": woord})
            | Q(**{f"{pad}achternaam__icontains": woord})
            | Q(**{f"{pad}tussenvoegsel__iexact": woord})
        )
    return voorwaarde


@dataclass(frozen=True)
class Verzuimoverzicht:
    van: date
    tot: date
    dagen: int
    uren_per_soort: dict[str, float]


def verzuimoverzicht(
    leerling: Leerling, *, tot: date, weken: int = 8, verzuim: QuerySet[Verzuim] | None = None
) -> Verzuimoverzicht:
    """Totals of the last `weken` weeks up to and including `tot`, in hours per verzuimsoort,
    of the absence rows `verzuim` (the viewer's zichtbaar_verzuim)."""
    van = tot - timedelta(weeks=weken) + timedelta(days=1)
    bron = Verzuim.objects.all() if verzuim is None else verzuim
    rijen = bron.filter(leerling=leerling, datum__range=(van, tot))
    totalen = rijen.aggregate(
        **{soort: Coalesce(Sum(f"minuten_{soort}"), 0) for soort in VERZUIMSOORTEN}
    )
    return Verzuimoverzicht(
        van=van,
        tot=tot,
        dagen=rijen.count(),
        uren_per_soort={soort: round(totalen[soort] / 60, 1) for soort in VERZUIMSOORTEN},
    )


def kalender_van(
    inschrijvingen: list[Inschrijving], leerling: Leerling | None = None
) -> Schoolkalender:
    """The calendar of the pupil's latest school; without one, of the region of the pupil's
    municipality (Gemeente.regio), else the default region."""
    laatste = max(inschrijvingen, key=lambda i: i.begindatum, default=None)
    if laatste is not None:
        return schoolkalender(laatste.school)
    regio = ""
    if leerling is not None and leerling.woongemeente_id is not None:
        regio = (
            Gemeente.objects.filter(pk=leerling.woongemeente_id)
            .values_list("regio", flat=True)
            .first()
            or ""
        )
    return schoolkalender(None, regio=regio)


def schoolleerlingen(
    gebruiker: Gebruiker, *, peildatum: date, zoekterm: str = ""
) -> QuerySet[Leerling]:
    """The pupils now enrolled at the user's school, with this school year's absence in
    minutes per verzuimsoort (one query): only what the school sees (verzuim_scope), so not
    the absence at other schools, nor days outside the school's own enrolment periods."""
    van, tot = schooljaar(peildatum)
    in_jaar = (
        zichtbaar_verzuim(gebruiker)
        .filter(leerling=OuterRef("pk"), datum__range=(van, tot))
        .order_by()
        .values("leerling")
    )
    return zoek_leerlingen(gebruiker, zoekterm).annotate(
        **{
            f"minuten_{soort}": Coalesce(
                Subquery(in_jaar.annotate(som=Sum(f"minuten_{soort}")).values("som")), 0
            )
            for soort in VERZUIMSOORTEN
        }
    )


def mag_importeren(gebruiker: Gebruiker) -> bool:
    return bool(gebruiker.has_perm("registratie.view_import"))


def zichtbare_imports(gebruiker: Gebruiker) -> QuerySet[Import]:
    """The imports whose page, progress, rejected rows and downloads `gebruiker` may open
    (docs/toegang-en-verantwoording.md, "Imports"):

    - the person who imported, always (the rows are the ones they sent);
    - in the importing organisation (Import.organisatie, fixed when the import started, so an
      importer who moves takes nothing along to the new organisation): whoever may import that
      kind of file there, and the functional administrator of that organisation.

    Nobody else: no other organisation, and no one for the command line's imports."""
    if not isinstance(gebruiker, Medewerker) or not gebruiker.is_authenticated:
        return Import.objects.none()
    zichtbaar = Q(medewerker=gebruiker)
    if mag_importeren(gebruiker):
        if gebruiker.rol == Rol.FUNCTIONEEL_BEHEERDER:
            soorten = list(Import.Soort.values)
        else:
            soorten = [
                s for s in Import.Soort.values if gebruiker.has_perm(f"registratie.import_{s}")
            ]
        zichtbaar |= Q(organisatie=gebruiker.organisatie, soort__in=soorten)
    return Import.objects.filter(zichtbaar).select_related("medewerker")


def eigen_school_op(leerling: Leerling, medewerker: Medewerker, dag: date) -> School | None:
    """The school of `medewerker`'s organisation at which `leerling` is enrolled on `dag` (the
    latest enrolment when there are two); None when the pupil is not enrolled there that day."""
    if medewerker.organisatie_id is None:
        return None
    inschrijving = (
        Inschrijving.objects.filter(
            leerling=leerling, school__organisatie_id=medewerker.organisatie_id, begindatum__lte=dag
        )
        .exclude(einddatum__lt=dag)
        .select_related("school")
        .order_by("-begindatum", "-pk")
        .first()
    )
    return inschrijving.school if inschrijving is not None else None
