# SPDX-License-Identifier: EUPL-1.2
"""The figures of a report as tables and sentences (issue 6; docs/monitoring.md): the data of
one scope read once (monitoring.lezen), counted by the pure functions of kern.monitoring and the
statistics of kern.overleving, and put into a monitoring.rapport.Rapport whose counts keep the
ids behind them. Every sentence is one translatable string with named placeholders. A fixed
number of queries, whatever the size of the city."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenboord.kern import monitoring as kern
from binnenboord.kern import onderdrukking, overleving
from binnenboord.kern.aanpak import AANPAKKEN
from binnenboord.regie.beoordeling import GEBEURTENISLABELS
from binnenboord.regie.models import Casus
from binnenboord.registratie.models import School, Vrijstelling
from binnenboord.signalering.models import Melding
from binnenboord.signalering.models import Soort as Signaalsoort

from . import terugkoppeling
from .lezen import Gegevens, gebieden_van, lees, met_label
from .rapport import (
    Cel,
    Familie,
    Grafiek,
    Kolom,
    Lijstsoort,
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


# --- table helpers ---------------------------------------------------------------------------


def _aantal(ids: Iterable[int], aantal: int | None = None) -> Cel:
    ids = frozenset(ids)
    return Cel(len(ids) if aantal is None else aantal, ids=ids)


def _teltabel(
    sleutel: str,
    titel: str,
    rijen: Sequence[tuple[str, str, Iterable[int]]],
    *,
    lijst: Lijstsoort,
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
    per_keuze: Mapping[str, frozenset[int]],
    keuzes: type[TextChoices],
    *,
    lijst: Lijstsoort,
) -> Tabel:
    """A count table with a row per choice, in the order declared."""
    return _teltabel(
        sleutel,
        titel,
        [(k.value, str(k.label), per_keuze.get(k.value, frozenset())) for k in keuzes],
        lijst=lijst,
    )


def _staaf(sleutel: str, titel: str, tabel: Tabel, beschrijving: str) -> Grafiek:
    return Grafiek(sleutel, titel, "staaf", tabel.sleutel, ("aantal",), beschrijving)


def _opsomming(tabel: Tabel) -> str:
    """The rows of a count table as a list "label: number; …", for a chart's text
    alternative."""
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
LEEG: frozenset[int] = frozenset()


# --- sections --------------------------------------------------------------------------------


def _sectie_thuiszitters(g: Gegevens) -> Sectie:
    thuis = kern.thuiszitters_op(g.episodes, g.peildatum)
    landelijk = kern.landelijk(thuis)
    per_categorie = kern.per_categorie(thuis)
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
    per_duur = kern.per_duurklasse(landelijk)
    duur = _teltabel(
        "duur",
        _("Stay-at-home pupils by duration"),
        [(d, DUURLABELS[d](), per_duur[d]) for d in kern.DUURKLASSEN],
        lijst="leerling",
        toelichting=_("Counted from the first day of the absence up to the reference date."),
    )
    per_soort = kern.per_schoolsoort(landelijk, g.scholen)
    schoolsoort = _teltabel(
        "schoolsoort",
        _("Stay-at-home pupils by kind of school"),
        [(s.value, str(s.label), per_soort.get(s.value, LEEG)) for s in School.Soort]
        + [(kern.GEEN_SCHOOL, _("Not enrolled"), per_soort.get(kern.GEEN_SCHOOL, LEEG))],
        lijst="leerling",
    )
    per_leeftijd = kern.per_leeftijdsklasse(landelijk, g.geboortedata, g.peildatum)
    leeftijd = _teltabel(
        "leeftijd",
        _("Stay-at-home pupils by age on the reference date"),
        [(k, LEEFTIJDSLABELS[k](), per_leeftijd.get(k, LEEG)) for k in kern.LEEFTIJDSKLASSEN],
        lijst="leerling",
    )
    s = kern.stroom(kern.thuisperiodes(g.episodes), g.periode.van, g.periode.tot)
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
    vrij = kern.vrijstellingen_op(g.vrijstellingen, g.peildatum)
    vrijstellingen = _teltabel(
        "vrijstellingen",
        _("Exemptions on the reference date by article"),
        [(a.value, str(a.label), vrij.get(a.value, LEEG)) for a in Vrijstelling.Artikel],
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


def _sectie_signalen(g: Gegevens) -> Sectie:
    signalen = _keuzetabel(
        "signalen",
        _("Signals by kind (rule met in the period)"),
        kern.per_waarde(g.signalen),
        Signaalsoort,
        lijst="signaal",
    )
    meldingen = _keuzetabel(
        "meldingen",
        _("Reports sent in the period by kind"),
        kern.per_waarde(g.meldingen),
        Melding.Soort,
        lijst="melding",
    )
    return Sectie(
        "signalen_meldingen",
        _("Signals and reports"),
        (signalen, meldingen),
        (_staaf("signalen", _("Signals by kind"), signalen, _opsomming(signalen)),),
    )


def _sectie_normen(g: Gegevens) -> Sectie:
    """Every deadline that fell in the period, per model step: met, not met, still running;
    the national 3-month norm; the escalations of phases entered in the period."""
    telling = kern.tel_normen(
        (c for c in g.casussen if c.start <= g.periode.tot),
        g.beoordelingen,
        g.escalatiestappen,
        g.periode.van,
        g.periode.tot,
    )
    labels = dict(telling.stapnamen)
    labels[kern.NORM] = _("National norm: a fitting offer within 3 months")
    volgorde = [*sorted(k for k in telling.uitkomsten if k != kern.NORM), kern.NORM]
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
        uitkomst = telling.uitkomsten.get(sleutel, {})
        gehaald, niet, lopend = (
            uitkomst.get(k, LEEG) for k in ("gehaald", "niet_gehaald", "lopend")
        )
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
    for sleutel in sorted(telling.escalaties):
        vastgelegd = telling.escalaties[sleutel]
        aanpak, code = sleutel
        rij_sleutel = f"{aanpak}:{code}"
        label = f"{AANPAKKEN[aanpak].naam}: {GEBEURTENISLABELS.get(code, code)}"
        ja, nee = vastgelegd.get("vastgelegd", LEEG), vastgelegd.get("niet_vastgelegd", LEEG)
        esc_rijen.append(Rij(rij_sleutel, label, (_aantal(ja), _aantal(nee), _aantal(ja | nee))))
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
                    _("%(stap)s: %(gehaald)s met, %(niet_gehaald)s not met")
                    % {
                        "stap": r.label,
                        "gehaald": r.cellen[0].waarde,
                        "niet_gehaald": r.cellen[1].waarde,
                    }
                    for r in rijen
                )
                + ".",
            ),
        ),
    )


# --- durations -------------------------------------------------------------------------------


def _cohort(g: Gegevens, venster: Periode) -> kern.Cohort:
    return kern.cohort(g.casussen, venster.van, venster.tot, g.peildatum)


def _km_tabel(sleutel: str, titel: str, cohort: kern.Cohort, venster: Periode) -> Tabel:
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


def _sectie_doorlooptijd(g: Gegevens) -> Sectie:
    gesloten = kern.afgesloten(g.casussen, g.periode.van, g.periode.tot, g.peildatum)
    met_aanbod = kern.met_aanbod(gesloten)
    dagen = kern.doorlooptijden(met_aanbod)
    cohort = _cohort(g, g.venster)
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
        kern.per_waarde((c.pk, c.passend_aanbod) for c in gesloten),
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
    if not delen:
        return _("No cases in the window.")
    return _("Step curve: %(standen)s.") % {"standen": "; ".join(delen)}


def _sectie_vrijstellingen_5a(g: Gegevens) -> Sectie:
    maanden = g.venster.maanden()
    per_maand = kern.vrijstellingen_per_maand(
        g.vrijstellingen, Vrijstelling.Artikel.ART_5A, ((m.van, m.tot) for m in maanden)
    )
    rijen = [
        Rij(maand.van.strftime("%Y-%m"), maand.label, (_aantal(actief), _aantal(nieuw)))
        for maand, (actief, nieuw) in zip(maanden, per_maand, strict=True)
    ]
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


def _sectie_per_school(g: Gegevens) -> Sectie:
    per_school = kern.per_school(kern.landelijk(kern.thuiszitters_op(g.episodes, g.peildatum)))
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
    cohort: kern.Cohort


def _kerncijfers(g: Gegevens, label: str) -> _Kern:
    thuis = kern.landelijk(kern.thuiszitters_op(g.episodes, g.peildatum))
    periodes = kern.thuisperiodes(g.episodes)
    return _Kern(
        label=label,
        periode=g.periode,
        omvang=g.omvang,
        ooit=kern.ooit_thuis(periodes, g.periode.van, g.periode.tot),
        op_peildatum=frozenset(thuis["leerling_id"].to_list()),
        langer_dan_3_maanden=kern.per_duurklasse(thuis)["langer_dan_3_maanden"],
        cohort=_cohort(g, g.periode),
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
    """What a comparison of two counts says, in whole sentences (each one translatable
    string), joined with a space."""
    zinnen = [
        _("%(a)s against %(b)s: a difference of %(verschil)s.")
        % {"a": a, "b": b, "verschil": f"{a - b:+d}"}
    ]
    if per_omvang:
        zinnen.append(_("Compared per pupil living in each area."))
    if v.ratio is not None and v.ratio_laag is not None and v.ratio_hoog is not None:
        zinnen.append(
            _("Ratio %(ratio)s, 95%% interval %(laag)s to %(hoog)s; exact test p = %(p)s.")
            % {
                "ratio": _getal(v.ratio),
                "laag": _getal(v.ratio_laag),
                "hoog": _getal(v.ratio_hoog),
                "p": _getal(v.p),
            }
        )
    if v.p >= 0.05:
        zinnen.append(
            _(
                "A difference this size can arise by chance: it does not show that the "
                "approach works (or does not)."
            )
        )
    else:
        zinnen.append(_("A difference this size is unlikely to be chance alone."))
    return " ".join(zinnen)


# --- the report ------------------------------------------------------------------------------

# The title of a report: one sentence per kind, with the scope and the period in it.
TITELS = {
    "maand": lambda: _("Monthly report %(scope)s, %(periode)s"),
    "kernpartners": lambda: _("Core-partner meeting report %(scope)s, %(periode)s"),
    "jaar": lambda: _("Annual report (OOGO) %(scope)s, %(periode)s"),
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
    g = lees(scope, periode, peildatum)
    secties = [_sectie_thuiszitters(g)]
    if soort == "kernpartners" or alles:
        secties.append(_sectie_per_school(g))
    secties += [_sectie_signalen(g), _sectie_normen(g), _sectie_doorlooptijd(g)]
    if soort == "jaar" or soort == "kernpartners" or alles:
        secties.append(_sectie_vrijstellingen_5a(g))
    secties.append(terugkoppeling.sectie(terugkoppeling.lees(scope, periode)))
    if vergelijk_met is not None:
        gb = lees(vergelijk_met, periode, peildatum, volledig=False)
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
        gb = lees(scope, basis, min(basis.tot, vandaag), volledig=False)
        secties.append(
            _sectie_vergelijking(
                _kerncijfers(g, periode.label), _kerncijfers(gb, basis.label), per_omvang=False
            )
        )
    return Rapport(
        soort=soort,
        titel=TITELS[soort]() % {"scope": scope.label, "periode": periode.label},
        periode=periode,
        scope=scope,
        peildatum=peildatum,
        gemaakt_op=nu,
        secties=tuple(secties),
    )
