# SPDX-License-Identifier: EUPL-1.2
"""The figures of a report (issue 6; docs/monitoring.md): the data of one scope is read once
(signals as episodes, meldingen, exemptions, cases), the definitions of kern.monitoring and the
statistics of kern.overleving are applied, and the result is a monitoring.rapport.Rapport whose
counts keep the ids behind them. A fixed number of queries, whatever the size of the city."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _

import polars as pl

from binnenboord.kern import monitoring as kern
from binnenboord.kern import onderdrukking, overleving
from binnenboord.kern.aanpak import AANPAKKEN
from binnenboord.kern.termijnen import maanden_na
from binnenboord.regie.beoordeling import GEBEURTENISLABELS, beoordeel_in_bulk
from binnenboord.regie.configuratie import GEBIED
from binnenboord.regie.models import Casus, CasusGebeurtenis
from binnenboord.registratie.models import Inschrijving, Leerling, School, Vrijstelling
from binnenboord.signalering.gegevens import in_ids, lees_tabel
from binnenboord.signalering.models import Melding, Signaal
from binnenboord.signalering.models import Soort as Signaalsoort
from binnenboord.toegang.models import Gemeente, Organisatie

from .rapport import (
    Cel,
    Familie,
    Grafiek,
    Kolom,
    OngeldigeInvoer,
    Periode,
    Plek,
    Rapport,
    RapportSoort,
    Rij,
    Scope,
    Sectie,
    Tabel,
)

# The Kaplan–Meier table reads the curve at these weeks: 4 weeks (a thuiszitter), 8 and 10
# (Utrecht's escalations), 13 (the national 3-month norm), half a year, a year.
KM_WEKEN = (0, 4, 8, 10, 13, 26, 39, 52)
# Outcomes that end the stay-at-home period; "verhuisd" (moved away) is censored: the child left
# the area, whether it found a place is unknown here.
GECENSUREERD = frozenset({Casus.PassendAanbod.VERHUISD})


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
    """The districts AANPAK_PER_GEBIED configures in a municipality, as scope codes
    ("0363:1020-1039"), sorted. Only these have figures: a range anyone could choose would let
    two nested ranges be subtracted (issue 13)."""
    per_gebied: dict[str, str] = settings.AANPAK_PER_GEBIED
    uitkomst = []
    for sleutel in per_gebied:
        delen = GEBIED.match(sleutel)
        if delen is not None and delen["van"] is not None and delen["gemeente"] == gemeente_code:
            uitkomst.append(f"{delen['gemeente']}:{delen['van']}-{delen['tot']}")
    return sorted(set(uitkomst))


def met_label(scope: Scope) -> Scope:
    """The scope with its name; OngeldigeInvoer when it does not exist (a district: when
    AANPAK_PER_GEBIED does not configure it)."""
    naam: str | None = None
    if scope.postcodes is not None and scope.code not in gebieden_van(scope.code[:4]):
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
        if naam is not None and scope.postcodes is not None:
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


def leerlingen_q(scope: Scope, periode: Periode) -> Q:
    """The pupils of `scope`, as a filter on Leerling: living in the municipality (area: with a
    postcode in the range; rest: not in it), or enrolled at a school of the scope on some day
    of the period."""
    if scope.gemeente_code is not None:
        q = Q(woongemeente__code=scope.gemeente_code)
        if scope.postcodes is not None:
            gebied = _postcode_q(*scope.postcodes)
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


def casussen_q(scope: Scope, leerlingen: Any) -> Q:
    """The cases of `scope`. A municipality's cases are the cases it opened (Casus.gemeente),
    not those of the pupils who live there now: after a move the closed case ("verhuisd")
    stays in the old municipality's figures and the new one counts only its own case. An area
    and its rest split the municipality's cases by where the pupil lives; a school or
    partnership counts the cases of its pupils."""
    if scope.gemeente_code is None:
        return Q(leerling__in=leerlingen)
    q = Q(gemeente__code=scope.gemeente_code)
    if scope.postcodes is not None:
        gebied = _postcode_q(*scope.postcodes)
        # the area filter is on Leerling; cases reach it through their pupil
        binnen = Leerling.objects.filter(gebied).values("pk")
        q &= Q(leerling__in=binnen) if scope.soort == "gebied" else ~Q(leerling__in=binnen)
    return q


# --- the data of one scope -------------------------------------------------------------------


@dataclass
class _Gegevens:
    """What one scope's report reads, once."""

    scope: Scope
    periode: Periode
    peildatum: date
    venster: Periode  # the twelve months (or the period, if longer) for trends and the KM cohort
    omvang: int
    episodes: pl.DataFrame
    signalen: list[tuple[int, str]]  # (pk, soort) met in the period
    meldingen: list[tuple[int, str]]  # (pk, soort) sent in the period
    vrijstellingen: list[tuple[int, int, str, date, date | None]]
    casussen: list[Casus]
    geboortedata: dict[int, date]
    scholen: dict[int, tuple[str, str]]  # pk -> (soort, naam)


def _venster(periode: Periode) -> Periode:
    if periode.dagen >= 365:
        return periode
    return Periode(maanden_na(periode.tot + timedelta(days=1), -12), periode.tot)


def _lees(scope: Scope, periode: Periode, peildatum: date, *, volledig: bool = True) -> _Gegevens:
    """The data of `scope`; not `volledig`: only what a comparison needs (episodes, cases and
    the number of pupils), for the other side of a comparison."""
    venster = _venster(periode)
    leerlingen = Leerling.objects.filter(leerlingen_q(scope, periode)).values("pk")
    scholen_q = _scholen_van(scope)
    signalen_qs = Signaal.objects.filter(leerling__in=leerlingen)
    if scholen_q is not None:
        signalen_qs = signalen_qs.filter(
            Q(school__isnull=True) | Q(school__in=School.objects.filter(scholen_q))
        )
    begin = min(venster.van, periode.van) - timedelta(days=1)
    episodes = lees_tabel(
        signalen_qs.filter(soort__in=list(kern.CATEGORIE), datum__lte=periode.tot)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=begin))
        .exclude(afhandeling=Signaal.Afhandeling.AFGEWEZEN)
        .order_by()
        .values_list("leerling_id", "soort", "begindatum", "datum", "einddatum", "school_id"),
        pl.Schema(kern.EPISODE_SCHEMA),
    )
    casussen_qs = Casus.objects.filter(
        casussen_q(scope, leerlingen), start__lte=periode.tot
    ).filter(
        Q(passend_aanbod_op__isnull=True) | Q(passend_aanbod_op__gte=min(venster.van, periode.van))
    )
    omvang = Leerling.objects.filter(leerlingen_q(scope, periode)).count()
    if not volledig:
        return _Gegevens(
            scope=scope,
            periode=periode,
            peildatum=peildatum,
            venster=venster,
            omvang=omvang,
            episodes=episodes,
            signalen=[],
            meldingen=[],
            vrijstellingen=[],
            casussen=list(casussen_qs.only("pk", "start", "passend_aanbod", "passend_aanbod_op")),
            geboortedata={},
            scholen={},
        )
    signalen = list(
        signalen_qs.filter(datum__range=(periode.van, periode.tot))
        .order_by()
        .values_list("pk", "soort")
    )
    meldingen = list(
        Melding.objects.filter(
            leerling__in=leerlingen,
            verzonden_op__isnull=False,
            verzonden_op__date__range=(periode.van, periode.tot),
        ).values_list("pk", "soort")
    )
    vrijstellingen = list(
        Vrijstelling.objects.filter(leerling__in=leerlingen, begindatum__lte=periode.tot)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=min(venster.van, periode.van)))
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
    return _Gegevens(
        scope=scope,
        periode=periode,
        peildatum=peildatum,
        venster=venster,
        omvang=omvang,
        episodes=episodes,
        signalen=signalen,
        meldingen=meldingen,
        vrijstellingen=vrijstellingen,
        casussen=casussen,
        geboortedata=geboortedata,
        scholen=scholen,
    )


# --- table helpers ---------------------------------------------------------------------------


def _aantal(ids: Iterable[int], aantal: int | None = None) -> Cel:
    ids = frozenset(ids)
    return Cel(len(ids) if aantal is None else aantal, ids=ids)


def _teltabel(
    sleutel: str,
    titel: str,
    rijen: Sequence[tuple[str, str, Iterable[int]]],
    *,
    lijst: Any,
    kolomlabel: str | None = None,
    toelichting: str = "",
    totaal: bool = True,
) -> Tabel:
    """A one-column count table with a total row; the parts and the total are one relation."""
    rijen_ = [Rij(k, label, (_aantal(ids),)) for k, label, ids in rijen]
    vergelijkingen: tuple[frozenset[Plek], ...] = ()
    if totaal:
        alle: frozenset[int] = frozenset().union(*(r.cellen[0].ids for r in rijen_))
        som = sum(int(r.cellen[0].waarde or 0) for r in rijen_)
        rijen_.append(Rij("totaal", _("Total"), (Cel(som, ids=alle),), totaal=True))
        vergelijkingen = (frozenset((r.sleutel, "aantal") for r in rijen_),)
    return Tabel(
        sleutel=sleutel,
        titel=titel,
        kolommen=(Kolom("aantal", kolomlabel or _("Number"), "aantal", lijst=lijst),),
        rijen=tuple(rijen_),
        vergelijkingen=vergelijkingen,
        toelichting=toelichting,
    )


def _keuzetabel(
    sleutel: str,
    titel: str,
    paren: Iterable[tuple[int, str]],
    keuzes: type[TextChoices],
    *,
    lijst: Any,
) -> Tabel:
    """A count table with a row per choice (in the order declared) from (id, choice) pairs."""
    per_keuze: dict[str, set[int]] = defaultdict(set)
    for pk, keuze in paren:
        per_keuze[keuze].add(pk)
    return _teltabel(
        sleutel, titel, [(k.value, str(k.label), per_keuze[k.value]) for k in keuzes], lijst=lijst
    )


def _staaf(sleutel: str, titel: str, tabel: Tabel, beschrijving: str) -> Grafiek:
    return Grafiek(sleutel, titel, "staaf", tabel.sleutel, ("aantal",), beschrijving)


def _opsomming(tabel: Tabel) -> str:
    """The rows of a count table in words, for a chart's text alternative."""
    delen = [
        f"{r.label}: {r.cellen[0].waarde}"
        for r in tabel.rijen
        if not r.totaal and r.cellen[0].waarde is not None
    ]
    return "; ".join(delen) + "."


CATEGORIELABELS = {
    "absoluut_verzuim": lambda: _("Absolute absence (not enrolled)"),
    "langdurig_relatief_verzuim": lambda: _("Long-term unauthorised absence (over 4 weeks)"),
    "verborgen": lambda: _("Hidden: over 4 weeks absent with a valid reason (e.g. sick)"),
}
DUURLABELS = {
    "korter_dan_4_weken": lambda: _("Shorter than 4 weeks"),
    "4_weken_tot_3_maanden": lambda: _("4 weeks to 3 months"),
    "langer_dan_3_maanden": lambda: _("Longer than 3 months"),
}
LEEFTIJDSLABELS = {
    "jonger_dan_5": lambda: _("Younger than 5"),
    "5-11": lambda: _("5 to 11 years"),
    "12-15": lambda: _("12 to 15 years"),
    "16-17": lambda: _("16 and 17 years"),
    "18_en_ouder": lambda: _("18 years and older"),
}


# --- sections --------------------------------------------------------------------------------


def _sectie_thuiszitters(g: _Gegevens) -> Sectie:
    thuis = kern.thuiszitters_op(g.episodes, g.peildatum)
    landelijk = thuis.filter(pl.col("categorie").is_in(list(kern.LANDELIJK)))
    per_categorie = {
        c: frozenset(thuis.filter(pl.col("categorie") == c)["leerling_id"].to_list())
        for c in kern.VOLGORDE
    }
    categorie = _teltabel(
        "categorie",
        _("Stay-at-home pupils on the reference date by category"),
        [
            (c, CATEGORIELABELS[c](), per_categorie[c])
            for c in sorted(kern.LANDELIJK, key=kern.VOLGORDE.index)
        ],
        lijst="leerling",
        toelichting=_(
            "The national definition: absolute absence plus unauthorised absence of more than 4 "
            "weeks. Pupils with an exemption are not stay-at-home pupils (see the exemptions)."
        ),
    )
    verborgen = _teltabel(
        "verborgen",
        _("Hidden stay-at-home pupils on the reference date"),
        [("verborgen", CATEGORIELABELS["verborgen"](), per_categorie["verborgen"])],
        lijst="leerling",
        totaal=False,
        toelichting=_(
            "Counted beside the national figure, as Amsterdam does; not part of its total."
        ),
    )
    duur = _teltabel(
        "duur",
        _("Stay-at-home pupils by duration"),
        [
            (
                d,
                DUURLABELS[d](),
                landelijk.filter(pl.col("duurklasse") == d)["leerling_id"].to_list(),
            )
            for d in kern.DUURKLASSEN
        ],
        lijst="leerling",
        toelichting=_("Counted from the first day of the absence up to the reference date."),
    )
    per_soort: dict[str, set[int]] = defaultdict(set)
    per_leeftijd: dict[str, set[int]] = defaultdict(set)
    for leerling_id, school_id in landelijk.select("leerling_id", "school_id").iter_rows():
        soort = g.scholen[school_id][0] if school_id is not None else "geen"
        per_soort[soort].add(leerling_id)
        per_leeftijd[kern.leeftijdsklasse(g.geboortedata[leerling_id], g.peildatum)].add(
            leerling_id
        )
    schoolsoort = _teltabel(
        "schoolsoort",
        _("Stay-at-home pupils by kind of school"),
        [(s.value, str(s.label), per_soort[s.value]) for s in School.Soort]
        + [("geen", _("Not enrolled"), per_soort["geen"])],
        lijst="leerling",
    )
    leeftijd = _teltabel(
        "leeftijd",
        _("Stay-at-home pupils by age on the reference date"),
        [(k, LEEFTIJDSLABELS[k](), per_leeftijd[k]) for k in kern.LEEFTIJDSKLASSEN],
        lijst="leerling",
    )
    periodes = kern.thuisperiodes(g.episodes)
    s = kern.stroom(periodes, g.periode.van, g.periode.tot)
    stroom = Tabel(
        sleutel="stroom",
        titel=_("In and out over the period"),
        kolommen=(Kolom("aantal", _("Number"), "aantal", lijst="leerling"),),
        rijen=(
            Rij("begin", _("At home the day before the period"), (_aantal(s.begin),)),
            Rij("nieuw", _("Became a stay-at-home pupil"), (_aantal(s.nieuw, s.nieuw_aantal),)),
            Rij(
                "beeindigd",
                _("Stay-at-home period ended"),
                (_aantal(s.beeindigd, s.beeindigd_aantal),),
            ),
            Rij("eind", _("At home on the last day"), (_aantal(s.eind),), totaal=True),
        ),
        vergelijkingen=(
            {
                ("begin", "aantal"): 1,
                ("nieuw", "aantal"): 1,
                ("beeindigd", "aantal"): -1,
                ("eind", "aantal"): -1,
            },
        ),
        toelichting=_("At home before + became − ended = at home on the last day."),
    )
    vrij = _vrijstellingen_op(g.vrijstellingen, g.peildatum)
    vrijstellingen = _teltabel(
        "vrijstellingen",
        _("Exemptions on the reference date by article"),
        [(a.value, str(a.label), vrij[a.value]) for a in Vrijstelling.Artikel],
        lijst="vrijstelling",
        toelichting=_("Pupils with an exemption are not stay-at-home pupils; reported apart."),
    )
    return Sectie(
        "thuiszitters",
        _("Stay-at-home pupils"),
        (categorie, verborgen, duur, schoolsoort, leeftijd, stroom, vrijstellingen),
        (
            _staaf(
                "categorie", _("Stay-at-home pupils by category"), categorie, _opsomming(categorie)
            ),
            _staaf("duur", _("Stay-at-home pupils by duration"), duur, _opsomming(duur)),
        ),
        toelichting=_("Reference date %(dag)s.") % {"dag": f"{g.peildatum:%d-%m-%Y}"},
    )


def _vrijstellingen_op(
    vrijstellingen: Iterable[tuple[int, int, str, date, date | None]], dag: date
) -> dict[str, set[int]]:
    per_artikel: dict[str, set[int]] = defaultdict(set)
    for pk, _leerling, artikel, begin, eind in vrijstellingen:
        if begin <= dag and (eind is None or eind >= dag):
            per_artikel[artikel].add(pk)
    return per_artikel


def _sectie_signalen(g: _Gegevens) -> Sectie:
    signalen = _keuzetabel(
        "signalen",
        _("Signals by kind (rule met in the period)"),
        g.signalen,
        Signaalsoort,
        lijst="signaal",
    )
    meldingen = _keuzetabel(
        "meldingen",
        _("Reports sent in the period by kind"),
        g.meldingen,
        Melding.Soort,
        lijst="melding",
    )
    return Sectie(
        "signalen_meldingen",
        _("Signals and reports"),
        (signalen, meldingen),
        (_staaf("signalen", _("Signals by kind"), signalen, _opsomming(signalen)),),
    )


def _sectie_normen(g: _Gegevens) -> Sectie:
    """Every deadline that fell in the period, per model step: met, not met, still running;
    the national 3-month norm; the escalations of phases entered in the period."""
    casussen = [c for c in g.casussen if c.start <= g.periode.tot]
    beoordelingen = beoordeel_in_bulk(casussen, g.peildatum) if casussen else {}
    uitkomsten: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    labels: dict[tuple[str, str], str] = {}
    escalaties: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    codes = {f.escalatie for a in AANPAKKEN.values() for f in a.fasen if f.escalatie}
    escalatiestappen: dict[int, set[str]] = defaultdict(set)
    for casus_id, stap in CasusGebeurtenis.objects.filter(
        in_ids("casus_id", (c.pk for c in casussen)), stap__in=codes
    ).values_list("casus_id", "stap"):
        escalatiestappen[casus_id].add(stap)
    for casus in casussen:
        b = beoordelingen[casus.pk]
        aanpak = AANPAKKEN[casus.aanpak]
        for s in b.stappen:
            if s.termijn is None or not g.periode.bevat(s.termijn.verloopt_op):
                continue
            uitkomst = kern.normuitkomst(
                s.status, s.termijn.verloopt_op, s.termijn.verloopt_om, s.gedaan_op
            )
            if uitkomst is None:
                continue
            sleutel = (aanpak.code, s.stap.code)
            labels[sleutel] = f"{aanpak.naam}: {s.stap.naam}"
            uitkomsten[sleutel][uitkomst].add(casus.pk)
        # the national norm: not for a pupil who moved away (censored, its outcome unknown)
        if g.periode.bevat(b.norm.verloopt_op) and casus.passend_aanbod not in GECENSUREERD:
            uitkomst = kern.normuitkomst(
                b.norm_status, b.norm.verloopt_op, None, casus.passend_aanbod_op
            )
            if uitkomst is not None:
                uitkomsten[("", "norm")][uitkomst].add(casus.pk)
        ingegaan = {st.fase for st in b.stappen} | {b.fase.code}
        for fase in aanpak.fasen:
            if fase.escalatie is None or fase.code not in ingegaan:
                continue
            ingang = _fase_ingang(b, fase.code)
            if ingang is None or not g.periode.bevat(ingang):
                continue
            sleutel = (aanpak.code, fase.escalatie)
            labels[sleutel] = (
                f"{aanpak.naam}: {GEBEURTENISLABELS.get(fase.escalatie, fase.escalatie)}"
            )
            vastgelegd = fase.escalatie in escalatiestappen.get(casus.pk, ())
            escalaties[sleutel]["vastgelegd" if vastgelegd else "niet_vastgelegd"].add(casus.pk)
    labels[("", "norm")] = _("National norm: a fitting offer within 3 months")
    volgorde = [*sorted(k for k in uitkomsten if k != ("", "norm")), ("", "norm")]
    kolommen = (
        Kolom("gehaald", _("Met"), "aantal", lijst="casus"),
        Kolom("niet_gehaald", _("Not met"), "aantal", lijst="casus"),
        Kolom("lopend", _("Still running"), "aantal", lijst="casus"),
        Kolom("totaal", _("Total"), "aantal", lijst="casus"),
        Kolom("aandeel", _("Share met"), "fractie"),
    )
    rijen = []
    vergelijkingen = []
    for sleutel in volgorde:
        per = uitkomsten.get(sleutel, {})
        gehaald, niet, lopend = (per.get(k, set()) for k in ("gehaald", "niet_gehaald", "lopend"))
        beslist = len(gehaald) + len(niet)
        rij_sleutel = f"{sleutel[0]}:{sleutel[1]}" if sleutel[0] else sleutel[1]
        rijen.append(
            Rij(
                rij_sleutel,
                labels[sleutel],
                (
                    _aantal(gehaald),
                    _aantal(niet),
                    _aantal(lopend),
                    Cel(
                        len(gehaald) + len(niet) + len(lopend),
                        ids=frozenset(gehaald | niet | lopend),
                    ),
                    Cel(len(gehaald) / beslist if beslist else None, n=beslist),
                ),
            )
        )
        vergelijkingen.append(
            frozenset((rij_sleutel, k) for k in ("gehaald", "niet_gehaald", "lopend", "totaal"))
        )
    normen = Tabel(
        "normen",
        _("Deadlines that fell in the period"),
        kolommen,
        tuple(rijen),
        tuple(vergelijkingen),
        toelichting=_(
            "Per step of the escalation model whose deadline fell in the period: done in time, "
            "done late or not done, or its deadline still to come. Steps of a case that closed "
            "before their deadline are left out."
        ),
    )
    esc_rijen = []
    esc_verg = []
    for sleutel in sorted(escalaties):
        per = escalaties[sleutel]
        rij_sleutel = f"{sleutel[0]}:{sleutel[1]}"
        ja, nee = per.get("vastgelegd", set()), per.get("niet_vastgelegd", set())
        esc_rijen.append(
            Rij(rij_sleutel, labels[sleutel], (_aantal(ja), _aantal(nee), _aantal(ja | nee)))
        )
        esc_verg.append(
            frozenset((rij_sleutel, k) for k in ("vastgelegd", "niet_vastgelegd", "totaal"))
        )
    escalatie = Tabel(
        "escalaties",
        _("Escalations due in the period"),
        (
            Kolom("vastgelegd", _("Escalated (recorded)"), "aantal", lijst="casus"),
            Kolom("niet_vastgelegd", _("Not recorded"), "aantal", lijst="casus"),
            Kolom("totaal", _("Total"), "aantal", lijst="casus"),
        ),
        tuple(esc_rijen),
        tuple(esc_verg),
        toelichting=_(
            "Cases that reached an escalation moment in the period (Utrecht: team managers at 8 "
            "weeks, Intervention team at 10 weeks; Amsterdam: Doorbraakoverleg at 3 months) "
            "without a fitting offer, and whether the escalation was recorded."
        ),
    )
    return Sectie(
        "normen",
        _("Deadlines and escalation"),
        (normen, escalatie),
        (
            Grafiek(
                "normen",
                _("Deadlines met and not met"),
                "staaf",
                "normen",
                ("gehaald", "niet_gehaald"),
                "; ".join(
                    f"{r.label}: {r.cellen[0].waarde} "
                    + _("met")
                    + f", {r.cellen[1].waarde} "
                    + _("not met")
                    for r in rijen
                )
                + ".",
            ),
        ),
    )


def _fase_ingang(beoordeling: Any, fase: str) -> date | None:
    """The day the case entered `fase`: the current phase's own entry, or the start of the
    deadlines that count from an earlier phase's entry."""
    if beoordeling.fase.code == fase:
        return beoordeling.fase_sinds
    return min(
        (
            s.termijn.start
            for s in beoordeling.stappen
            if s.fase == fase and s.stap.na == "fase" and s.termijn is not None
        ),
        default=None,
    )


# --- durations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cohort:
    casus_ids: tuple[int, ...]
    duren: tuple[int, ...]
    gebeurtenis: tuple[bool, ...]


def _cohort(casussen: Iterable[Casus], venster: Periode, peildatum: date) -> _Cohort:
    """The cases that started in `venster`: days from the start to the passend aanbod (an
    event), or to the peildatum while open, or to moving away (censored)."""
    ids, duren, gebeurtenis = [], [], []
    for c in sorted(casussen, key=lambda c: c.pk):
        if not venster.bevat(c.start) or c.start > peildatum:
            continue
        klaar = c.passend_aanbod_op is not None and c.passend_aanbod_op <= peildatum
        eind = c.passend_aanbod_op if klaar and c.passend_aanbod_op else peildatum
        ids.append(c.pk)
        duren.append((eind - c.start).days)
        gebeurtenis.append(klaar and c.passend_aanbod not in GECENSUREERD)
    return _Cohort(tuple(ids), tuple(duren), tuple(gebeurtenis))


def _km_tabel(sleutel: str, titel: str, cohort: _Cohort, venster: Periode) -> Tabel:
    curve = overleving.kaplan_meier(cohort.duren, cohort.gebeurtenis)
    rijen = []
    for weken in KM_WEKEN:
        dagen = weken * 7
        if curve:
            stand = overleving.stand_op(curve, dagen)
            in_beeld = frozenset(
                i for i, d in zip(cohort.casus_ids, cohort.duren, strict=True) if d >= dagen
            )
            rijen.append(
                Rij(
                    str(weken),
                    _("%(weken)s weeks") % {"weken": weken},
                    (
                        Cel(weken),
                        Cel(stand.in_beeld, ids=in_beeld),
                        Cel(stand.overleving, n=stand.in_beeld),
                        Cel(stand.laag, n=stand.in_beeld),
                        Cel(stand.hoog, n=stand.in_beeld),
                    ),
                )
            )
    return Tabel(
        sleutel,
        titel,
        (
            Kolom("weken", _("Weeks"), "getal"),
            Kolom("in_beeld", _("Still without an offer (at risk)"), "aantal", lijst="casus"),
            Kolom("overleving", _("Share still without a fitting offer"), "fractie"),
            Kolom("laag", _("95% interval, lower"), "fractie"),
            Kolom("hoog", _("95% interval, upper"), "fractie"),
        ),
        tuple(rijen),
        toelichting=_(
            "Kaplan–Meier estimate over the cases that started in %(venster)s: open cases count "
            "up to the reference date and are then censored, not dropped; a pupil who moved away "
            "is censored on that day. Pointwise 95%% intervals (Greenwood, log-log)."
        )
        % {"venster": venster.label},
    )


def _sectie_doorlooptijd(g: _Gegevens) -> Sectie:
    gesloten = [
        c
        for c in g.casussen
        if c.passend_aanbod_op is not None
        and g.periode.bevat(c.passend_aanbod_op)
        and c.passend_aanbod_op <= g.peildatum
    ]
    met_aanbod = [c for c in gesloten if c.passend_aanbod not in GECENSUREERD]
    dagen = [float((c.passend_aanbod_op - c.start).days) for c in met_aanbod if c.passend_aanbod_op]
    cohort = _cohort(g.casussen, g.venster, g.peildatum)
    curve = overleving.kaplan_meier(cohort.duren, cohort.gebeurtenis)
    n = len(dagen)
    n_km = len(cohort.duren)

    def km(q: float) -> int | None:
        return overleving.kwantiel_km(curve, q) if curve else None

    doorloop = Tabel(
        "doorlooptijd",
        _("Lead time to a fitting offer, in days"),
        (
            Kolom("aantal", _("Cases"), "aantal", lijst="casus"),
            Kolom("mediaan", _("Median"), "dagen"),
            Kolom("p75", _("75th percentile"), "dagen"),
            Kolom("p90", _("90th percentile"), "dagen"),
        ),
        (
            Rij(
                "afgesloten",
                _("Fitting offer reached in the period (observed)"),
                (
                    _aantal(c.pk for c in met_aanbod),
                    Cel(_rond(overleving.kwantiel(dagen, 0.5)), n=n),
                    Cel(_rond(overleving.kwantiel(dagen, 0.75)), n=n),
                    Cel(_rond(overleving.kwantiel(dagen, 0.9)), n=n),
                ),
            ),
            Rij(
                "km",
                _("All cases started in the window, open ones included (Kaplan–Meier)"),
                (
                    _aantal(cohort.casus_ids),
                    Cel(km(0.5), n=n_km),
                    Cel(km(0.75), n=n_km),
                    Cel(km(0.9), n=n_km),
                ),
            ),
        ),
        toelichting=_(
            "Lead time: from the first day of the stay-at-home period (or the report) to the "
            "fitting offer. The observed figures leave out cases still open; the Kaplan–Meier "
            "figures include them (censored), so they do not flatter a period with many open "
            "cases. Empty: the curve has not come down that far yet."
        ),
    )
    km_tabel = _km_tabel("km", _("Time to a fitting offer (Kaplan–Meier)"), cohort, g.venster)
    uitkomsten = _keuzetabel(
        "uitkomsten",
        _("Outcomes of the cases closed in the period"),
        ((c.pk, c.passend_aanbod) for c in gesloten),
        Casus.PassendAanbod,
        lijst="casus",
    )
    return Sectie(
        "doorlooptijd",
        _("Lead time and outcomes"),
        (doorloop, km_tabel, uitkomsten),
        (
            Grafiek(
                "km",
                _("Share of cases still without a fitting offer"),
                "trap",
                "km",
                ("overleving",),
                _km_beschrijving(km_tabel),
                x="weken",
            ),
        ),
        toelichting=_("Cohort window for the curve: %(van)s to %(tot)s.")
        % {"van": f"{g.venster.van:%d-%m-%Y}", "tot": f"{g.venster.tot:%d-%m-%Y}"},
    )


def _km_beschrijving(tabel: Tabel) -> str:
    delen = []
    for r in tabel.rijen:
        waarde = r.cellen[2].waarde
        if isinstance(waarde, float):
            delen.append(
                _("after %(weken)s weeks %(procent)s%% still without an offer")
                % {"weken": r.sleutel, "procent": round(waarde * 100)}
            )
    return (_("Step curve: ") + "; ".join(delen) + ".") if delen else _("No cases in the window.")


def _sectie_vrijstellingen_5a(g: _Gegevens) -> Sectie:
    rijen = []
    for maand in g.venster.maanden():
        actief = {
            pk
            for pk, _l, artikel, begin, eind in g.vrijstellingen
            if artikel == Vrijstelling.Artikel.ART_5A
            and begin <= maand.tot
            and (eind is None or eind >= maand.tot)
        }
        nieuw = {
            pk
            for pk, _l, artikel, begin, _eind in g.vrijstellingen
            if artikel == Vrijstelling.Artikel.ART_5A and maand.bevat(begin)
        }
        rijen.append(
            Rij(
                maand.van.strftime("%Y-%m"),
                maand.label,
                (_aantal(actief), _aantal(nieuw)),
            )
        )
    tabel = Tabel(
        "vrijstellingen_5a",
        _("Exemptions under art. 5 under a, per month"),
        (
            Kolom("actief", _("In force at the end of the month"), "aantal", lijst="vrijstelling"),
            Kolom("nieuw", _("New in the month"), "aantal", lijst="vrijstelling"),
        ),
        tuple(rijen),
        toelichting=_(
            "Utrecht re-assesses art. 5 under a exemptions where (partial) schooling may be "
            "possible: a falling line is the aim."
        ),
    )
    return Sectie(
        "vrijstellingen_5a",
        _("Exemptions under art. 5 under a over time"),
        (tabel,),
        (
            Grafiek(
                "vrijstellingen_5a",
                _("Art. 5 under a exemptions in force"),
                "lijn",
                "vrijstellingen_5a",
                ("actief",),
                "; ".join(f"{r.label}: {r.cellen[0].waarde}" for r in rijen) + ".",
            ),
        ),
    )


def _sectie_per_school(g: _Gegevens) -> Sectie:
    thuis = kern.thuiszitters_op(g.episodes, g.peildatum).filter(
        pl.col("categorie").is_in(list(kern.LANDELIJK))
    )
    per_school: dict[int | None, set[int]] = defaultdict(set)
    for leerling_id, school_id in thuis.select("leerling_id", "school_id").iter_rows():
        per_school[school_id].add(leerling_id)
    rijen = [
        (str(pk), g.scholen[pk][1], per_school[pk])
        for pk in sorted((k for k in per_school if k is not None), key=lambda k: g.scholen[k][1])
    ]
    if None in per_school:
        rijen.append(("geen", _("Not enrolled"), per_school[None]))
    tabel = _teltabel(
        "per_school",
        _("Stay-at-home pupils on the reference date per school"),
        rijen,
        lijst="leerling",
        toelichting=_("For the core team of each school (Utrecht core-partner meeting)."),
    )
    return Sectie("per_school", _("Per school"), (tabel,))


# --- comparison ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kern:
    """The headline figures of one scope and period, for a comparison."""

    label: str
    periode: Periode
    omvang: int
    ooit: frozenset[int]
    op_peildatum: frozenset[int]
    langer_dan_3_maanden: frozenset[int]
    cohort: _Cohort


def _kerncijfers(g: _Gegevens, label: str) -> _Kern:
    thuis = kern.thuiszitters_op(g.episodes, g.peildatum).filter(
        pl.col("categorie").is_in(list(kern.LANDELIJK))
    )
    periodes = kern.thuisperiodes(g.episodes)
    return _Kern(
        label=label,
        periode=g.periode,
        omvang=g.omvang,
        ooit=kern.ooit_thuis(periodes, g.periode.van, g.periode.tot),
        op_peildatum=frozenset(thuis["leerling_id"].to_list()),
        langer_dan_3_maanden=frozenset(
            thuis.filter(pl.col("duurklasse") == "langer_dan_3_maanden")["leerling_id"].to_list()
        ),
        cohort=_cohort(g.casussen, g.periode, g.peildatum),
    )


def _rond(waarde: float | None) -> float | None:
    """A number of days to one decimal (an interpolated percentile has float noise)."""
    return None if waarde is None else round(waarde, 1)


def _getal(waarde: float | None) -> str:
    return "–" if waarde is None else f"{waarde:.2f}".replace(".", ",")


def _sectie_vergelijking(a: _Kern, b: _Kern | int, *, per_omvang: bool) -> Sectie:
    """`a` against `b` (another scope or period, or a number given by hand): the counts side by
    side, the difference with an exact test and a confidence interval of the ratio, and for two
    cohorts the log-rank test of their curves."""
    kolommen = (
        Kolom("ooit", _("Stay-at-home pupils in the period"), "aantal", lijst="leerling"),
        Kolom("op_peildatum", _("At home on the reference date"), "aantal", lijst="leerling"),
        Kolom("langer", _("Of which longer than 3 months"), "aantal", lijst="leerling"),
        Kolom("casussen", _("Cases started in the period"), "aantal", lijst="casus"),
        Kolom("mediaan", _("Median days to a fitting offer (Kaplan–Meier)"), "dagen"),
    )

    def rij(k: _Kern, sleutel: str) -> Rij:
        curve = overleving.kaplan_meier(k.cohort.duren, k.cohort.gebeurtenis)
        return Rij(
            sleutel,
            k.label,
            (
                _aantal(k.ooit),
                _aantal(k.op_peildatum),
                _aantal(k.langer_dan_3_maanden),
                _aantal(k.cohort.casus_ids),
                Cel(
                    overleving.kwantiel_km(curve, 0.5) if curve else None,
                    n=len(k.cohort.duren),
                ),
            ),
        )

    rijen = [rij(a, "a")]
    if isinstance(b, int):
        rijen.append(
            Rij(
                "b",
                _("Baseline given"),
                (Cel(b), Cel(None), Cel(None), Cel(None), Cel(None)),
            )
        )
        aantal_b = b
    else:
        rijen.append(rij(b, "b"))
        aantal_b = len(b.ooit)
    zijden = Tabel(
        "vergelijking",
        _("Side by side"),
        kolommen,
        tuple(rijen),
        toelichting=_(
            "Stay-at-home pupils in the period: pupils at home (national definition) on at "
            "least one day of it."
        ),
    )
    omvang_a = float(a.omvang) if per_omvang and not isinstance(b, int) else 1.0
    omvang_b = float(b.omvang) if per_omvang and not isinstance(b, int) else 1.0
    v = overleving.vergelijk_aantallen(
        len(a.ooit), aantal_b, omvang_a=max(omvang_a, 1.0), omvang_b=max(omvang_b, 1.0)
    )
    # a ratio gives a count back from the other: hidden when either count is small
    kleinste = min(len(a.ooit), aantal_b)
    toets_rijen = [
        Rij(
            "aantallen",
            _("Stay-at-home pupils in the period: ratio (%(a)s against %(b)s)")
            % {"a": a.label, "b": rijen[1].label},
            (
                Cel(v.ratio, n=kleinste),
                Cel(v.ratio_laag, n=kleinste),
                Cel(v.ratio_hoog, n=kleinste),
                Cel(v.p, n=kleinste),
            ),
        )
    ]
    uitspraak = _uitspraak(
        len(a.ooit), aantal_b, v, per_omvang=per_omvang and not isinstance(b, int)
    )
    uitspraak_onderdrukt = (
        uitspraak
        if kleinste >= onderdrukking.GRENS
        else _(
            "One of the two numbers is below 5: outside the system the difference and its test "
            "are not shown."
        )
    )
    grafieken: tuple[Grafiek, ...] = ()
    tabellen = [zijden]
    if not isinstance(b, int):
        toets = (
            overleving.logrank(
                a.cohort.duren, a.cohort.gebeurtenis, b.cohort.duren, b.cohort.gebeurtenis
            )
            if a.cohort.duren and b.cohort.duren
            else None
        )
        n = min(len(a.cohort.duren), len(b.cohort.duren))
        toets_rijen.append(
            Rij(
                "logrank",
                _("Time to a fitting offer: log-rank test of the two curves"),
                (
                    Cel(toets.statistiek if toets else None, n=n),
                    Cel(None),
                    Cel(None),
                    Cel(toets.p if toets else None, n=n),
                ),
            )
        )
        if toets is not None:
            zin = _(
                "The curves of time to a fitting offer differ with p = %(p)s (log-rank); "
                "below 0.05 the difference is unlikely to be chance alone."
            ) % {"p": _getal(toets.p)}
            uitspraak += " " + zin
            if n >= onderdrukking.GRENS:
                uitspraak_onderdrukt += " " + zin
        km_a = _km_tabel("km_a", a.label, a.cohort, a.periode)
        km_b = _km_tabel("km_b", b.label, b.cohort, b.periode)
        samen = Tabel(
            "km_vergelijking",
            _("Share still without a fitting offer, both curves"),
            (
                Kolom("weken", _("Weeks"), "getal"),
                Kolom("a", a.label, "fractie"),
                Kolom("b", b.label, "fractie"),
            ),
            tuple(
                Rij(ra.sleutel, ra.label, (ra.cellen[0], ra.cellen[2], rb.cellen[2]))
                for ra, rb in zip(km_a.rijen, km_b.rijen, strict=False)
            ),
        )
        tabellen.append(samen)
        grafieken = (
            Grafiek(
                "km_vergelijking",
                _("Time to a fitting offer compared"),
                "trap",
                "km_vergelijking",
                ("a", "b"),
                _("Two step curves: %(a)s and %(b)s.") % {"a": a.label, "b": b.label},
                x="weken",
            ),
        )
    tabellen.append(
        Tabel(
            "toets",
            _("Uncertainty"),
            (
                Kolom("waarde", _("Ratio or statistic"), "getal"),
                Kolom("laag", _("95% interval, lower"), "getal"),
                Kolom("hoog", _("95% interval, upper"), "getal"),
                Kolom("p", _("p-value"), "getal"),
            ),
            tuple(toets_rijen),
            toelichting=uitspraak,
            toelichting_onderdrukt=uitspraak_onderdrukt,
        )
    )
    return Sectie(
        "vergelijking",
        _("Comparison"),
        tuple(tabellen),
        grafieken,
        toelichting=uitspraak,
        toelichting_onderdrukt=uitspraak_onderdrukt,
    )


def _uitspraak(a: int, b: int, v: overleving.Vergelijking, *, per_omvang: bool) -> str:
    verschil = a - b
    tekst = _("%(a)s against %(b)s: a difference of %(verschil)s.") % {
        "a": a,
        "b": b,
        "verschil": f"{verschil:+d}",
    }
    if per_omvang:
        tekst += " " + _("Compared per pupil living in each area.")
    if v.ratio is not None and v.ratio_laag is not None and v.ratio_hoog is not None:
        tekst += " " + _(
            "Ratio %(ratio)s, 95%% interval %(laag)s to %(hoog)s; exact test p = %(p)s."
        ) % {
            "ratio": _getal(v.ratio),
            "laag": _getal(v.ratio_laag),
            "hoog": _getal(v.ratio_hoog),
            "p": _getal(v.p),
        }
    if v.p >= 0.05:
        tekst += " " + _(
            "A difference this size can arise by chance: it does not show that the approach "
            "works (or does not)."
        )
    else:
        tekst += " " + _("A difference this size is unlikely to be chance alone.")
    return tekst


# --- the report ------------------------------------------------------------------------------

TITELS = {
    "maand": lambda: _("Monthly report"),
    "kernpartners": lambda: _("Core-partner meeting report"),
    "jaar": lambda: _("Annual report (OOGO)"),
}


def maak_rapport(
    soort: RapportSoort,
    periode: Periode,
    scope: Scope,
    *,
    basis: Periode | int | None = None,
    vergelijk_met: Scope | None = None,
    nu: datetime | None = None,
) -> Rapport:
    """The report of `soort` over `periode` for `scope` (exact numbers with the ids behind
    them; call .onderdrukt() before it leaves the system or reaches policy staff). `basis`:
    compare with another period, or with a number of stay-at-home pupils in a period given by
    hand ("24 last year"); `vergelijk_met`: compare with another scope (a pilot district against
    the rest: scope.rest()). A yearly report compares with the year before unless told
    otherwise. Raises OngeldigeInvoer for a scope that does not exist.

    The report knows its family (`_familie`): .onderdrukt() suppresses it together with the
    reports of the scopes it adds up with, so that no difference of published reports gives a
    small number back (issue 13; docs/monitoring.md)."""
    nu = nu or timezone.now()
    scope = met_label(scope)
    ander = met_label(vergelijk_met) if vergelijk_met is not None else None
    if soort == "jaar" and basis is None and ander is None:
        basis = periode.even_lang_ervoor()
    rapport = _bouw(soort, periode, scope, basis=basis, vergelijk_met=ander, nu=nu)
    rijen = {"a": (scope.tekst, "a")}
    if ander is not None:
        rijen["b"] = (ander.tekst, "a")
    elif basis == periode.even_lang_ervoor():
        rijen["b"] = (scope.tekst, "b")
    return replace(rapport, familie=lambda: _familie(periode, scope, nu), vergelijkingsrijen=rijen)


def _familie(periode: Periode, scope: Scope, nu: datetime) -> Familie:
    """The reports `scope`'s report is suppressed with: for a municipality, a district or its
    rest, the municipality and every configured district of it with its rest (the whole and
    its parts); for a school or a samenwerkingsverband, its own. Each with every table a kind
    of report shows and the comparison with the period before, so the maand, kernpartners and
    jaar reports of one period publish slices of the same solution."""
    code = scope.gemeente_code
    leden = [scope] if code is None else [Scope("gemeente", code)]
    splitsingen = []
    if code is not None:
        for gebied in gebieden_van(code):
            delen = (Scope("gebied", gebied), Scope("buiten", gebied))
            leden += delen
            splitsingen.append((f"gemeente:{code}", tuple(d.tekst for d in delen)))
    vorige = periode.even_lang_ervoor()
    return Familie(
        tuple(
            _bouw("kernpartners", periode, met_label(s), basis=vorige, nu=nu, alles=True)
            for s in leden
        ),
        tuple(splitsingen),
    )


def _bouw(
    soort: RapportSoort,
    periode: Periode,
    scope: Scope,
    *,
    basis: Periode | int | None = None,
    vergelijk_met: Scope | None = None,
    nu: datetime,
    alles: bool = False,
) -> Rapport:
    """The report of labelled scopes; `alles`: every section any kind of report has."""
    vandaag = timezone.localtime(nu).date()
    peildatum = min(periode.tot, vandaag)
    g = _lees(scope, periode, peildatum)
    secties = [_sectie_thuiszitters(g)]
    if soort == "kernpartners" or alles:
        secties.append(_sectie_per_school(g))
    secties += [_sectie_signalen(g), _sectie_normen(g), _sectie_doorlooptijd(g)]
    if soort == "jaar" or soort == "kernpartners" or alles:
        secties.append(_sectie_vrijstellingen_5a(g))
    if vergelijk_met is not None:
        gb = _lees(vergelijk_met, periode, peildatum, volledig=False)
        secties.append(
            _sectie_vergelijking(
                _kerncijfers(g, scope.label), _kerncijfers(gb, vergelijk_met.label), per_omvang=True
            )
        )
    elif isinstance(basis, int):
        secties.append(
            _sectie_vergelijking(_kerncijfers(g, periode.label), basis, per_omvang=False)
        )
    elif basis is not None:
        gb = _lees(scope, basis, min(basis.tot, vandaag), volledig=False)
        secties.append(
            _sectie_vergelijking(
                _kerncijfers(g, periode.label), _kerncijfers(gb, basis.label), per_omvang=False
            )
        )
    return Rapport(
        soort=soort,
        titel=f"{TITELS[soort]()} {scope.label}, {periode.label}",
        periode=periode,
        scope=scope,
        peildatum=peildatum,
        gemaakt_op=nu,
        secties=tuple(secties),
    )
