# SPDX-License-Identifier: EUPL-1.2
"""The reading part of a report (docs/monitoring.md): which pupils and cases a scope covers,
and the data of one scope and period read once, in a fixed number of queries whatever the size
of the city, into frozen inputs (Gegevens) for the counting of kern.monitoring and the tables of
monitoring.cijfers. Nothing here counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

import polars as pl

from binnenboord.gedeeld.gegevens import in_ids, lees_tabel
from binnenboord.kern import monitoring as kern
from binnenboord.kern.aanpak import AANPAKKEN, Beoordeling
from binnenboord.kern.termijnen import maanden_na
from binnenboord.regie import configuratie
from binnenboord.regie.beoordeling import beoordeel_in_bulk
from binnenboord.regie.models import Casus, CasusGebeurtenis
from binnenboord.registratie.models import Inschrijving, Leerling, School, Vrijstelling
from binnenboord.signalering.models import Melding, Signaal
from binnenboord.toegang.models import Gemeente, Organisatie

from .rapport import OngeldigeInvoer, Periode, Scope

# --- scope -----------------------------------------------------------------------------------


def _postcode_q(van: str, tot: str) -> Q:
    boven = int(tot) + 1
    q = Q(postcode__gte=van)
    return q & Q(postcode__lt=f"{boven:04d}") if boven <= 9999 else q


def _scholen_van(scope: Scope) -> Q | None:
    """The schools of a school or SWV scope, as a filter on School; None for area scopes."""
    if scope.soort == "school":
        return Q(brin=scope.code[:4], vestiging=scope.code[4:])
    if scope.soort == "swv":
        return Q(samenwerkingsverband_id=int(scope.code))
    return None


def gebieden_van(gemeente_code: str) -> list[str]:
    """The pilot areas AANPAK_PER_GEBIED configures in a municipality (a postcode district or a
    set of schools; regie.configuratie.gebieden), as scope codes: their keys ("0363:1020-1039",
    "0363:brin=12AB,34CD01"), sorted. Only these have figures: a range anyone could choose
    would let two nested ranges be subtracted (issue 13)."""
    return sorted(
        {g.code for g in configuratie.gebieden() if g.rang > 0 and g.gemeente == gemeente_code}
    )


def gebied_q(scope: Scope, periode: Periode | None) -> Q:
    """The pupils in the pilot area of a `gebied` or `buiten` scope, as a filter on Leerling
    (without its municipality): regie.configuratie.Gebied.bevat read as a query, so the figures
    count the pupils the models give the area's model. A postcode district: living at a
    postcode in the range. A set of schools: enrolled at one of them (a 4-character BRIN: any
    branch) on some day of the period, as a school's figures count its pupils; the model takes
    the school on the day a case opens, which lies in the period of its figures (no period:
    enrolled there at any time)."""
    gebied = configuratie.lees_gebied(scope.code)
    if gebied is None:
        raise OngeldigeInvoer(_("The scope %(scope)s does not exist.") % {"scope": scope.tekst})
    if gebied.scholen is None:
        assert gebied.van is not None and gebied.tot is not None
        return _postcode_q(gebied.van, gebied.tot)
    scholen = Q(pk__in=[])
    for code in sorted(gebied.scholen):
        scholen |= Q(brin=code[:4]) if len(code) == 4 else Q(brin=code[:4], vestiging=code[4:])
    ingeschreven = Inschrijving.objects.filter(
        leerling=OuterRef("pk"), school__in=School.objects.filter(scholen)
    )
    if periode is not None:
        ingeschreven = ingeschreven.filter(
            Q(einddatum__isnull=True) | Q(einddatum__gte=periode.van),
            begindatum__lte=periode.tot,
        )
    return Q(Exists(ingeschreven))


def met_label(scope: Scope) -> Scope:
    """The scope with its name; OngeldigeInvoer when it does not exist (a district: when
    AANPAK_PER_GEBIED does not configure it)."""
    naam: str | None = None
    if scope.soort in ("gebied", "buiten") and scope.code not in gebieden_van(scope.code[:4]):
        raise OngeldigeInvoer(
            _(
                "The scope %(scope)s is not a configured district: only the districts of "
                "AANPAK_PER_GEBIED have figures."
            )
            % {"scope": scope.tekst}
        )
    if scope.gemeente_code is not None:
        naam = (
            Gemeente.objects.filter(code=scope.gemeente_code).values_list("naam", flat=True).first()
        )
        if naam is not None and scope.scholen is not None:
            naam = gebiednaam(scope, naam)
        elif naam is not None and scope.postcodes is not None:
            van, tot = scope.postcodes
            if scope.soort == "gebied":
                naam = _("%(gemeente)s, postcodes %(van)s–%(tot)s") % {
                    "gemeente": naam,
                    "van": van,
                    "tot": tot,
                }
            else:
                naam = _("%(gemeente)s outside postcodes %(van)s–%(tot)s") % {
                    "gemeente": naam,
                    "van": van,
                    "tot": tot,
                }
    elif scope.soort == "swv":
        naam = (
            Organisatie.objects.filter(
                pk=int(scope.code), soort=Organisatie.Soort.SAMENWERKINGSVERBAND
            )
            .values_list("naam", flat=True)
            .first()
        )
    else:
        scholen = _scholen_van(scope)
        assert scholen is not None
        naam = School.objects.filter(scholen).values_list("naam", flat=True).first()
    if naam is None:
        raise OngeldigeInvoer(_("The scope %(scope)s does not exist.") % {"scope": scope.tekst})
    return Scope(scope.soort, scope.code, naam)


def gebiednaam(scope: Scope, gemeente_naam: str) -> str:
    """The name of a pilot area of schools, or of the rest of its municipality."""
    scholen = ", ".join(scope.scholen or ())
    if scope.soort == "gebied":
        return _("%(gemeente)s, schools %(scholen)s") % {
            "gemeente": gemeente_naam,
            "scholen": scholen,
        }
    return _("%(gemeente)s outside schools %(scholen)s") % {
        "gemeente": gemeente_naam,
        "scholen": scholen,
    }


def leerlingen_q(scope: Scope, periode: Periode) -> Q:
    """The pupils of `scope`, as a filter on Leerling: living in the municipality (pilot area:
    in it, gebied_q; rest: not in it), or enrolled at a school of the scope on some day of the
    period."""
    if scope.gemeente_code is not None:
        q = Q(woongemeente__code=scope.gemeente_code)
        if scope.soort in ("gebied", "buiten"):
            gebied = gebied_q(scope, periode)
            q &= gebied if scope.soort == "gebied" else ~gebied
        return q
    scholen = _scholen_van(scope)
    assert scholen is not None
    ingeschreven = Inschrijving.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=periode.van),
        leerling=OuterRef("pk"),
        begindatum__lte=periode.tot,
        school__in=School.objects.filter(scholen),
    )
    return Q(Exists(ingeschreven))


def casussen_q(
    scope: Scope, leerlingen: QuerySet[Leerling, Any], periode: Periode | None = None
) -> Q:
    """The cases of `scope`; `leerlingen` are its pupils (a Leerling queryset of pks, as
    `Leerling.objects.filter(leerlingen_q(...)).values("pk")`). A municipality's cases are the
    cases it opened (Casus.gemeente), not those of the pupils who live there now: after a move
    the closed case ("verhuisd") stays in the old municipality's figures and the new one counts
    only its own case. An area and its rest split the municipality's cases by where the pupil
    lives; a school or partnership counts the cases of its pupils."""
    if scope.gemeente_code is None:
        return Q(leerling__in=leerlingen)
    q = Q(gemeente__code=scope.gemeente_code)
    if scope.soort in ("gebied", "buiten"):
        # the area filter is on Leerling; cases reach it through their pupil
        binnen = Leerling.objects.filter(gebied_q(scope, periode)).values("pk")
        q &= Q(leerling__in=binnen) if scope.soort == "gebied" else ~Q(leerling__in=binnen)
    return q


# --- the data of one scope -------------------------------------------------------------------


@dataclass(frozen=True)
class Gegevens:
    """What one scope's report reads, once. The lists and maps are filled only for a full read
    (lees(..., volledig=True)); the other side of a comparison has episodes, cases and omvang."""

    scope: Scope
    periode: Periode
    peildatum: date
    venster: Periode  # the twelve months (or the period, if longer) for trends and the KM cohort
    omvang: int  # the number of pupils of the scope
    episodes: pl.DataFrame  # kern.monitoring.EPISODE_SCHEMA
    casussen: tuple[kern.CasusRegel, ...]
    signalen: tuple[tuple[int, str], ...] = ()  # (pk, soort) met in the period
    meldingen: tuple[tuple[int, str], ...] = ()  # (pk, soort) sent in the period
    vrijstellingen: tuple[kern.VrijstellingRegel, ...] = ()
    beoordelingen: Mapping[int, Beoordeling] = field(default_factory=dict)  # by case pk
    escalatiestappen: Mapping[int, frozenset[str]] = field(default_factory=dict)  # by case pk
    geboortedata: Mapping[int, date] = field(default_factory=dict)  # of today's thuiszitters
    scholen: Mapping[int, tuple[str, str]] = field(default_factory=dict)  # pk -> (soort, naam)


def venster(periode: Periode) -> Periode:
    """The window of trends and the Kaplan–Meier cohort: the twelve months up to the end of the
    period, or the period itself when it is longer."""
    if periode.dagen >= 365:
        return periode
    return Periode(maanden_na(periode.tot + timedelta(days=1), -12), periode.tot)


def lees(scope: Scope, periode: Periode, peildatum: date, *, volledig: bool = True) -> Gegevens:
    """The data of `scope`; not `volledig`: only what a comparison needs (episodes, cases and
    the number of pupils), for the other side of a comparison."""
    venster_ = venster(periode)
    leerlingen = Leerling.objects.filter(leerlingen_q(scope, periode)).values("pk")
    scholen_q = _scholen_van(scope)
    signalen_qs = Signaal.objects.filter(leerling__in=leerlingen)
    if scholen_q is not None:
        signalen_qs = signalen_qs.filter(
            Q(school__isnull=True) | Q(school__in=School.objects.filter(scholen_q))
        )
    begin = min(venster_.van, periode.van) - timedelta(days=1)
    episodes = lees_tabel(
        signalen_qs.filter(soort__in=list(kern.CATEGORIE), datum__lte=periode.tot)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=begin))
        .exclude(afhandeling=Signaal.Afhandeling.AFGEWEZEN)
        .order_by()
        .values_list("leerling_id", "soort", "begindatum", "datum", "einddatum", "school_id"),
        pl.Schema(kern.EPISODE_SCHEMA),
    )
    casussen_qs = Casus.objects.filter(
        casussen_q(scope, leerlingen, periode), start__lte=periode.tot
    ).filter(
        Q(passend_aanbod_op__isnull=True) | Q(passend_aanbod_op__gte=min(venster_.van, periode.van))
    )
    omvang = Leerling.objects.filter(leerlingen_q(scope, periode)).count()
    if not volledig:
        return Gegevens(
            scope=scope,
            periode=periode,
            peildatum=peildatum,
            venster=venster_,
            omvang=omvang,
            episodes=episodes,
            casussen=tuple(
                _regel(c)
                for c in casussen_qs.only(
                    "pk", "aanpak", "start", "passend_aanbod", "passend_aanbod_op"
                )
            ),
        )
    signalen = tuple(
        signalen_qs.filter(datum__range=(periode.van, periode.tot))
        .order_by()
        .values_list("pk", "soort")
    )
    meldingen = tuple(
        Melding.objects.filter(
            leerling__in=leerlingen,
            verzonden_op__isnull=False,
            verzonden_op__date__range=(periode.van, periode.tot),
        ).values_list("pk", "soort")
    )
    vrijstellingen = tuple(
        kern.VrijstellingRegel(*rij)
        for rij in Vrijstelling.objects.filter(leerling__in=leerlingen, begindatum__lte=periode.tot)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=min(venster_.van, periode.van)))
        .values_list("pk", "leerling_id", "artikel", "begindatum", "einddatum")
    )
    # the fields the report and kern.aanpak read: lighter objects for thousands of cases
    casussen = list(
        casussen_qs.select_related("regisseur", "signaal").only(
            "pk",
            "leerling_id",
            "aanpak",
            "start",
            "status",
            "passend_aanbod",
            "passend_aanbod_op",
            "regisseur__rol",
            "signaal__soort",
        )
    )
    # the deadlines: each case judged on the peildatum, and the escalations in its history
    beoordelingen = beoordeel_in_bulk(casussen, peildatum) if casussen else {}
    codes = {f.escalatie for a in AANPAKKEN.values() for f in a.fasen if f.escalatie}
    escalatiestappen: dict[int, set[str]] = defaultdict(set)
    for casus_id, stap in CasusGebeurtenis.objects.filter(
        in_ids("casus_id", (c.pk for c in casussen)), stap__in=codes
    ).values_list("casus_id", "stap"):
        escalatiestappen[casus_id].add(stap)
    thuis = kern.thuiszitters_op(episodes, peildatum)
    geboortedata = dict(
        Leerling.objects.filter(in_ids("pk", thuis["leerling_id"].to_list())).values_list(
            "pk", "geboortedatum"
        )
    )
    school_ids = {s for s in episodes["school_id"].to_list() if s is not None}
    scholen = {
        pk: (soort, naam)
        for pk, soort, naam in School.objects.filter(pk__in=school_ids).values_list(
            "pk", "soort", "naam"
        )
    }
    return Gegevens(
        scope=scope,
        periode=periode,
        peildatum=peildatum,
        venster=venster_,
        omvang=omvang,
        episodes=episodes,
        casussen=tuple(_regel(c) for c in casussen),
        signalen=signalen,
        meldingen=meldingen,
        vrijstellingen=vrijstellingen,
        beoordelingen=beoordelingen,
        escalatiestappen={pk: frozenset(stappen) for pk, stappen in escalatiestappen.items()},
        geboortedata=geboortedata,
        scholen=scholen,
    )


def _regel(casus: Casus) -> kern.CasusRegel:
    return kern.CasusRegel(
        casus.pk, casus.aanpak, casus.start, casus.passend_aanbod, casus.passend_aanbod_op
    )
