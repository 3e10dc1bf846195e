# SPDX-License-Identifier: EUPL-1.2
"""What a report is, apart from how it is read (monitoring.lezen), counted (kern.monitoring),
put into tables and sentences (monitoring.cijfers) and shown (the dashboard, the
xlsx/pdf/csv/json exports): a Rapport of Secties, each with Tabellen and the
Grafieken drawn from them. Every count keeps the ids of the records behind it, so a number on
the dashboard can open the list of cases or pupils behind it for a role that may see them,
and that list is exactly the number. Exports and the policy officer's screen get
`rapport.onderdrukt()`: small cells suppressed (kern.onderdrukking) and no ids at all.

Periods and scopes are parsed here, once, for the command and the dashboard alike."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Literal

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from binnenboord.kern import onderdrukking

RapportSoort = Literal["maand", "kernpartners", "jaar"]
RAPPORTSOORTEN: tuple[RapportSoort, ...] = ("maand", "kernpartners", "jaar")

# What a column holds: a count of records (suppressed below the limit), a number of days, a
# fraction 0..1, a plain number (a test statistic) or text.
KolomSoort = Literal["aantal", "dagen", "fractie", "getal", "tekst"]
# What the ids of a count are: the drill-down list it opens.
Lijstsoort = Literal["leerling", "casus", "signaal", "melding", "vrijstelling"]

ONDERDRUKT = "< 5"
# a cell hidden so that a small one cannot be computed back from it (the statistical offices'
# "x": secret)
BESCHERMEND = "x"


class OngeldigeInvoer(ValueError):
    """A period or scope that cannot be read; the message is Dutch and names the value."""


# --- periods ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Periode:
    """A period of whole days, both ends included."""

    van: date
    tot: date

    @property
    def label(self) -> str:
        if self.van.day == 1 and self.tot == maandeinde(self.tot):
            if (self.van.year, self.van.month) == (self.tot.year, self.tot.month):
                return f"{_maandnaam(self.van.month)} {self.van.year}"
            if self.van.month == 8 and self.tot.month == 7 and self.tot.year == self.van.year + 1:
                jaren = {"van": self.van.year, "tot": self.tot.year}
                return _("school year %(van)s/%(tot)s") % jaren
            return (
                f"{_maandnaam(self.van.month)} {self.van.year} – "
                f"{_maandnaam(self.tot.month)} {self.tot.year}"
            )
        return f"{self.van:%d-%m-%Y} – {self.tot:%d-%m-%Y}"

    @property
    def code(self) -> str:
        """The form the parser reads back (for links and file names)."""
        return f"{self.van.isoformat()}..{self.tot.isoformat()}"

    @property
    def dagen(self) -> int:
        return (self.tot - self.van).days + 1

    def bevat(self, dag: date) -> bool:
        return self.van <= dag <= self.tot

    def maanden(self) -> list[Periode]:
        """The calendar months of the period (the first and last cut to the period)."""
        uitkomst = []
        begin = self.van
        while begin <= self.tot:
            eind = min(maandeinde(begin), self.tot)
            uitkomst.append(Periode(begin, eind))
            begin = eind + timedelta(days=1)
        return uitkomst

    def even_lang_ervoor(self) -> Periode:
        """The period of the same length just before this one (a baseline); a school year or a
        run of whole months gives the same months a year or a run earlier."""
        if self.van.day == 1 and self.tot == maandeinde(self.tot):
            aantal = (self.tot.year - self.van.year) * 12 + self.tot.month - self.van.month + 1
            van = plus_maanden(self.van, -aantal)
            return Periode(van, maandeinde(plus_maanden(van, aantal - 1)))
        lengte = self.tot - self.van + timedelta(days=1)
        return Periode(self.van - lengte, self.van - timedelta(days=1))


def _maandnaam(maand: int) -> str:
    return str(MONTHS[maand])


def maandeinde(dag: date) -> date:
    return dag.replace(day=calendar.monthrange(dag.year, dag.month)[1])


def plus_maanden(dag: date, aantal: int) -> date:
    index = dag.year * 12 + dag.month - 1 + aantal
    return date(index // 12, index % 12 + 1, 1)


# A period lies within these years and spans at most this many: anything else is a typing
# error, and the report computes dates around it (the year before, twelve months of trend)
# that would leave the calendar for years near 1 or 9999 (issue 13).
EERSTE_JAAR = 1900
LAATSTE_JAAR = 2100
LANGSTE_JAREN = 20

_MAAND = re.compile(r"^(\d{4})-(\d{2})$")
_SCHOOLJAAR = re.compile(r"^(\d{4})[/-](\d{4})$")
_JAAR = re.compile(r"^(\d{4})$")
_DAG = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _lees_stuk(tekst: str, *, einde: bool) -> date:
    if _DAG.match(tekst):
        return date.fromisoformat(tekst)
    maand = _MAAND.match(tekst)
    if maand:
        begin = date(int(maand[1]), int(maand[2]), 1)
        return maandeinde(begin) if einde else begin
    raise ValueError(tekst)


def lees_periode(tekst: str) -> Periode:
    """Read a period: "2026-10" (a month), "2025/2026" or "2025-2026" (a school year, 1 August
    to 31 July), "2026" (a calendar year), "2026-09..2026-10" (months) or
    "2026-01-01..2026-03-31" (days)."""
    tekst = tekst.strip()
    try:
        if ".." in tekst:
            begin, _sep, eind = tekst.partition("..")
            periode = Periode(
                _lees_stuk(begin.strip(), einde=False), _lees_stuk(eind.strip(), einde=True)
            )
        elif schooljaar := _SCHOOLJAAR.match(tekst):
            if int(schooljaar[2]) != int(schooljaar[1]) + 1:
                raise ValueError(tekst)
            periode = Periode(date(int(schooljaar[1]), 8, 1), date(int(schooljaar[2]), 7, 31))
        elif jaar := _JAAR.match(tekst):
            periode = Periode(date(int(jaar[1]), 1, 1), date(int(jaar[1]), 12, 31))
        else:
            periode = Periode(_lees_stuk(tekst, einde=False), _lees_stuk(tekst, einde=True))
    except ValueError:
        raise OngeldigeInvoer(
            _(
                "'%(tekst)s' is not a period. Use a month (2026-10), a school year (2025/2026), "
                "a year (2026) or a range (2026-09..2026-10 or 2026-01-01..2026-03-31)."
            )
            % {"tekst": tekst}
        ) from None
    if periode.tot < periode.van:
        raise OngeldigeInvoer(_("The period %(tekst)s ends before it begins.") % {"tekst": tekst})
    if periode.van.year < EERSTE_JAAR or periode.tot.year > LAATSTE_JAAR:
        raise OngeldigeInvoer(
            _("The period %(tekst)s does not lie between %(eerste)s and %(laatste)s.")
            % {"tekst": tekst, "eerste": EERSTE_JAAR, "laatste": LAATSTE_JAAR}
        )
    if periode.tot >= plus_maanden(periode.van.replace(day=1), 12 * LANGSTE_JAREN):
        raise OngeldigeInvoer(
            _("The period %(tekst)s is longer than %(jaren)s years.")
            % {"tekst": tekst, "jaren": LANGSTE_JAREN}
        )
    return periode


def standaardperiode(soort: RapportSoort, vandaag: date) -> Periode:
    """The period a report covers when none is given: the last whole month (maand), the last
    two whole months (kernpartners), the last whole school year (jaar)."""
    eerste = vandaag.replace(day=1)
    if soort == "maand":
        van = plus_maanden(eerste, -1)
        return Periode(van, maandeinde(van))
    if soort == "kernpartners":
        van = plus_maanden(eerste, -2)
        return Periode(van, maandeinde(plus_maanden(van, 1)))
    eind_jaar = vandaag.year if vandaag >= date(vandaag.year, 7, 31) else vandaag.year - 1
    return Periode(date(eind_jaar - 1, 8, 1), date(eind_jaar, 7, 31))


# --- scopes ----------------------------------------------------------------------------------

ScopeSoort = Literal["gemeente", "gebied", "buiten", "swv", "school"]


@dataclass(frozen=True)
class Scope:
    """Whose figures: the pupils living in a municipality (`gemeente`, its CBS code), in a
    pilot area of it as AANPAK_PER_GEBIED configures one (`gebied`: a range of 4-digit
    postcodes, "0363:1020-1039", or a set of schools, "0363:brin=12AB,34CD01"; the same reading
    as regie.configuratie), in the rest of that municipality (`buiten`), or the pupils of the
    schools of a samenwerkingsverband (`swv`, the organisation's id) or of one school (`school`,
    BRIN and vestiging: "12AB00")."""

    soort: ScopeSoort
    code: str
    label: str = field(default="", compare=False)

    @property
    def tekst(self) -> str:
        return f"{self.soort}:{self.code}"

    @property
    def naam(self) -> str:
        """How a person reads the scope ("Gemeente Demodam"), never its code."""
        if self.soort == "gemeente" and self.label:
            return _("Municipality %(naam)s") % {"naam": self.label}
        return self.label or _("an unknown area")

    @property
    def gemeente_code(self) -> str | None:
        return self.code[:4] if self.soort in ("gemeente", "gebied", "buiten") else None

    @property
    def postcodes(self) -> tuple[str, str] | None:
        """A postcode district's range (of a `gebied` or `buiten` scope); None otherwise."""
        if self.soort not in ("gebied", "buiten") or self.scholen is not None:
            return None
        van, _sep, tot = self.code[5:].partition("-")
        return van, tot

    @property
    def scholen(self) -> tuple[str, ...] | None:
        """A pilot area of schools' BRIN codes (of a `gebied` or `buiten` scope whose code is a
        set of schools, "0363:brin=12AB,34CD01"); None otherwise."""
        if self.soort not in ("gebied", "buiten") or ":brin=" not in self.code:
            return None
        return tuple(s.strip().upper() for s in self.code.partition("=")[2].split(",") if s)

    def rest(self) -> Scope:
        """A district's complement: the rest of its municipality (for a pilot comparison)."""
        if self.soort != "gebied":
            raise OngeldigeInvoer(_("Only a district has a rest of the municipality."))
        return Scope("buiten", self.code)


_SCOPE = re.compile(
    r"^(?:(?P<gemeente>gemeente):(?P<cbs>\d{4})"
    r"|(?P<gebied>gebied|buiten):(?P<gcbs>\d{4}):(?P<van>\d{4})-(?P<tot>\d{4})"
    r"|(?P<scholen>gebied|buiten):(?P<scbs>\d{4}):brin=(?P<brins>[0-9A-Za-z, ]+)"
    r"|(?P<swv>swv):(?P<id>\d+)"
    r"|(?P<school>school):(?P<brin>[0-9A-Z]{4})(?P<vestiging>\d{2}))$"
)


def lees_scope(tekst: str) -> Scope:
    """Read a scope: "gemeente:0363", "gebied:0363:1020-1039", "buiten:0363:1020-1039",
    "swv:12" or "school:12AB00". Whether it exists and who may see it is checked by
    monitoring.lezen.met_label and the access rules."""
    delen = _SCOPE.match(tekst.strip())
    if delen is None:
        raise OngeldigeInvoer(
            _(
                "'%(tekst)s' is not a scope. Use gemeente:0363, gebied:0363:1020-1039, "
                "buiten:0363:1020-1039, swv:<number> or school:<BRIN and branch, e.g. 12AB00>."
            )
            % {"tekst": tekst}
        )
    if delen["gemeente"]:
        return Scope("gemeente", delen["cbs"])
    if delen["gebied"]:
        if delen["van"] > delen["tot"]:
            raise OngeldigeInvoer(
                _("In %(tekst)s the postcode range ends before it begins.") % {"tekst": tekst}
            )
        soort: ScopeSoort = "gebied" if delen["gebied"] == "gebied" else "buiten"
        return Scope(soort, f"{delen['gcbs']}:{delen['van']}-{delen['tot']}")
    if delen["scholen"]:
        gebiedsoort: ScopeSoort = "gebied" if delen["scholen"] == "gebied" else "buiten"
        return Scope(gebiedsoort, f"{delen['scbs']}:brin={delen['brins']}")
    if delen["swv"]:
        return Scope("swv", delen["id"])
    return Scope("school", f"{delen['brin']}{delen['vestiging']}")


# --- the report ------------------------------------------------------------------------------

Waarde = int | float | str | None


@dataclass(frozen=True)
class Kolom:
    sleutel: str
    label: str
    soort: KolomSoort = "aantal"
    # the drill-down list the ids of this column's cells open (None: no list)
    lijst: Lijstsoort | None = None


@dataclass(frozen=True)
class Cel:
    """One value. `ids`: the records behind a count (empty after suppression and in exports).
    `n`: for a statistic (median, fraction, survival), the number of records it is computed
    over; a statistic over fewer than 5 is suppressed like a small count. `onderdrukt`: the
    value was hidden (shown as "< 5", or as "n < 5" for a statistic)."""

    waarde: Waarde
    ids: frozenset[int] = frozenset()
    n: int | None = None
    onderdrukt: bool = False
    # hidden although not small itself: to protect a small cell of the same row or relation
    beschermend: bool = False

    @property
    def tekst(self) -> str:
        """The value as a person reads it (Dutch number format)."""
        if self.onderdrukt:
            if self.beschermend:
                return BESCHERMEND
            return ONDERDRUKT if self.n is None else "n " + ONDERDRUKT
        if self.waarde is None:
            return "–"
        if isinstance(self.waarde, float):
            return f"{self.waarde:.2f}".replace(".", ",")
        return str(self.waarde)


@dataclass(frozen=True)
class Rij:
    sleutel: str
    label: str
    cellen: tuple[Cel, ...]
    # a total row (shown bold, last)
    totaal: bool = False


# A cell's place in a table: (row key, column key); in a report: (table, row, column).
Plek = tuple[str, str]
Plek3 = tuple[str, str, str]


@dataclass(frozen=True)
class Tabel:
    """A table; `vergelijkingen` are the sets of cells tied by one linear relation (the parts
    and their total), or mappings of cell to coefficient (begin + new − ended − end = 0):
    suppression keeps each of them from giving back a hidden cell."""

    sleutel: str
    titel: str
    kolommen: tuple[Kolom, ...]
    rijen: tuple[Rij, ...]
    # not part of equality or the hash: a relation may be a mapping (not hashable), and it does
    # not change what the table shows
    vergelijkingen: tuple[Collection[Plek], ...] = field(default=(), compare=False)
    toelichting: str = ""
    # the explanation after suppression, when `toelichting` is written from exact numbers
    toelichting_onderdrukt: str | None = None

    def cel(self, rij: str, kolom: str) -> Cel:
        index = next(i for i, k in enumerate(self.kolommen) if k.sleutel == kolom)
        return next(r for r in self.rijen if r.sleutel == rij).cellen[index]

    def kolom(self, sleutel: str) -> Kolom:
        return next(k for k in self.kolommen if k.sleutel == sleutel)


GrafiekSoort = Literal["staaf", "lijn", "trap"]


@dataclass(frozen=True)
class Grafiek:
    """A chart drawn from one table (shown beside it as its data table): `x` is the column of
    the labels (or "label": the row labels), `reeksen` the columns drawn. `trap` is a step
    curve (Kaplan–Meier). `beschrijving` is the text alternative."""

    sleutel: str
    titel: str
    soort: GrafiekSoort
    tabel: str
    reeksen: tuple[str, ...]
    beschrijving: str
    x: str = "label"


@dataclass(frozen=True)
class Sectie:
    sleutel: str
    titel: str
    tabellen: tuple[Tabel, ...]
    grafieken: tuple[Grafiek, ...] = ()
    toelichting: str = ""
    # the explanation after suppression, when `toelichting` is written from exact numbers
    toelichting_onderdrukt: str | None = None

    def tabel(self, sleutel: str) -> Tabel:
        return next(t for t in self.tabellen if t.sleutel == sleutel)


@dataclass(frozen=True)
class Rapport:
    soort: RapportSoort
    titel: str
    periode: Periode
    scope: Scope
    peildatum: date
    gemaakt_op: datetime
    secties: tuple[Sectie, ...]
    onderdrukking: bool = False
    # the reports this one is suppressed together with (monitoring.cijfers builds them when
    # asked: only suppression needs them); None: suppressed on its own
    familie: Callable[[], Familie] | None = field(default=None, compare=False, repr=False)
    # the comparison table's rows as places in the family: row key -> (scope, family row);
    # a row not named (a number given by hand, another basis period) is suppressed on its own
    vergelijkingsrijen: Mapping[str, tuple[str, str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def sectie(self, sleutel: str) -> Sectie:
        return next(s for s in self.secties if s.sleutel == sleutel)

    def tabel(self, sleutel: str) -> Tabel:
        return next(t for s in self.secties for t in s.tabellen if t.sleutel == sleutel)

    def tabellen(self) -> list[Tabel]:
        return [t for s in self.secties for t in s.tabellen]

    def onderdrukt(self) -> Rapport:
        """The report as it may leave the system or be shown to policy staff: every count below
        5 as "< 5", every statistic over fewer than 5 records hidden, secondary suppression so
        no relation gives a hidden cell back, and no ids."""
        if self.onderdrukking:
            return self
        # one joint solution for every table of the report (issue 17): a report without a
        # family is a family of one, so a total hidden in one table is hidden in every table
        # that publishes the same figure
        familie = self.familie() if self.familie is not None else Familie((self,))
        samen, bekend = _familieoplossing(familie)
        return replace(
            self,
            onderdrukking=True,
            secties=tuple(
                _met_veilige_grafieken(
                    s,
                    tuple(
                        _onderdruk_tabel(
                            t,
                            self._in_familie(t, samen),
                            alleen_samen=self._in_familie(t, bekend) >= _telcellen(t),
                        )
                        for t in s.tabellen
                    ),
                    toelichting=_of(s.toelichting_onderdrukt, s.toelichting),
                    toelichting_onderdrukt=None,
                )
                for s in self.secties
            ),
        )

    def _in_familie(self, tabel: Tabel, verborgen: frozenset[Familieplek]) -> frozenset[Plek]:
        """The cells of `tabel` that the family's joint suppression hides."""
        uitkomst = set()
        for rij in tabel.rijen:
            for kolom in tabel.kolommen:
                if tabel.sleutel == "vergelijking":
                    plaats = self.vergelijkingsrijen.get(rij.sleutel)
                    if plaats is None:
                        continue
                    plek = (plaats[0], tabel.sleutel, plaats[1], kolom.sleutel)
                else:
                    plek = (self.scope.tekst, tabel.sleutel, rij.sleutel, kolom.sleutel)
                if plek in verborgen:
                    uitkomst.add((rij.sleutel, kolom.sleutel))
        return frozenset(uitkomst)


# --- suppression across reports --------------------------------------------------------------

# A cell's place in a family of reports: (scope, table, row, column).
Familieplek = tuple[str, str, str, str]

# Cells of one report that publish the same figure in two tables (when their values are equal:
# the flow ends on the period's last day, the other tables on the reference date): a cell
# hidden in one table must not stand in the other.
GELIJKE_CELLEN: tuple[tuple[Plek3, ...], ...] = (
    (
        ("categorie", "totaal", "aantal"),
        ("duur", "totaal", "aantal"),
        ("schoolsoort", "totaal", "aantal"),
        ("leeftijd", "totaal", "aantal"),
        ("per_school", "totaal", "aantal"),
        ("stroom", "eind", "aantal"),
        ("vergelijking", "a", "op_peildatum"),
    ),
    (("duur", "langer_dan_3_maanden", "aantal"), ("vergelijking", "a", "langer")),
    (("doorlooptijd", "km", "aantal"), ("km", "0", "in_beeld")),
)


@dataclass(frozen=True)
class Familie:
    """Reports over the same period whose scopes add up, suppressed together (issue 13): a
    municipality is each configured district plus the rest of it, so a cell of the district
    is the municipality's cell minus the rest's. `splitsingen`: (the whole, its parts) by
    scope text. Each report holds every table any kind of report shows for its scope and
    period (and the comparison with the period before), so every kind publishes a slice of
    one joint solution."""

    rapporten: tuple[Rapport, ...]
    splitsingen: tuple[tuple[str, tuple[str, ...]], ...] = ()


def verborgen_in_familie(familie: Familie) -> frozenset[Familieplek]:
    """The cells to hide in the reports of `familie` so that nothing published by any of them,
    together, gives a count below 5 back: one kern.onderdrukking problem over all their
    counts, with each table's relations, the cells one report publishes twice (the same
    figure in two tables: GELIJKE_CELLEN, and any two counts of the same records), and for
    each cell the whole = the sum of its parts (a row a part lacks counts 0 there)."""
    return _familieoplossing(familie)[0]


def _telcellen(tabel: Tabel) -> frozenset[Plek]:
    """The places of the counts of `tabel` (the cells suppression decides on)."""
    return frozenset(
        (rij.sleutel, kolom.sleutel)
        for rij in tabel.rijen
        for kolom, cel in zip(tabel.kolommen, rij.cellen, strict=True)
        if kolom.soort == "aantal" and isinstance(cel.waarde, int)
    )


def _familieoplossing(
    familie: Familie,
) -> tuple[frozenset[Familieplek], frozenset[Familieplek]]:
    """The hidden cells of the family's joint suppression, and every count it decided on."""
    waarden: dict[Familieplek, int] = {}
    relaties: list[Collection[Familieplek]] = []
    for rapport in familie.rapporten:
        s = rapport.scope.tekst
        for tabel in rapport.tabellen():
            for rij in tabel.rijen:
                for kolom, cel in zip(tabel.kolommen, rij.cellen, strict=True):
                    if kolom.soort == "aantal" and isinstance(cel.waarde, int):
                        waarden[(s, tabel.sleutel, rij.sleutel, kolom.sleutel)] = cel.waarde
            for v in tabel.vergelijkingen:
                if isinstance(v, Mapping):
                    relaties.append({(s, tabel.sleutel, *p): c for p, c in v.items()})
                else:
                    relaties.append(frozenset((s, tabel.sleutel, *p) for p in v))
        for groep in GELIJKE_CELLEN:
            aanwezig = [(s, *plek) for plek in groep if (s, *plek) in waarden]
            for a, b in pairwise(aanwezig):
                if waarden[a] == waarden[b]:
                    relaties.append({a: 1, b: -1})
        # two counts of the very same records publish one figure twice, whatever their tables
        # call it: hidden in one, hidden in the other
        for gelijk in _zelfde_records(rapport).values():
            aanwezig = [(s, *plek) for plek in gelijk if (s, *plek) in waarden]
            for a, b in pairwise(aanwezig):
                if waarden[a] == waarden[b]:
                    relaties.append({a: 1, b: -1})
        # the rows of a table without a total that count disjoint records, together the
        # records of a cell of another table, add up to that cell (else 9 - 8 gives the 1 back)
        for som, termen in _sommen(rapport):
            geheel_: Familieplek = (s, *som)
            delen_: list[Familieplek] = [(s, *d) for d in termen]
            if all(p in waarden for p in (geheel_, *delen_)) and waarden[geheel_] == sum(
                waarden[p] for p in delen_
            ):
                relaties.append({geheel_: 1} | {p: -1 for p in delen_})
    for geheel, delen in familie.splitsingen:
        plekken = sorted({p[1:] for p in waarden if p[0] in (geheel, *delen)})
        for plek in plekken:
            relatie = {(geheel, *plek): 1} | {(deel, *plek): -1 for deel in delen}
            relatie = {k: c for k, c in relatie.items() if k in waarden}
            if len(relatie) >= 2 and sum(c * waarden[k] for k, c in relatie.items()) == 0:
                relaties.append(relatie)
    return onderdrukking.onderdruk(waarden, relaties), frozenset(waarden)


def _zelfde_records(
    rapport: Rapport,
) -> dict[tuple[str | None, frozenset[int]], list[Plek3]]:
    """The counts of `rapport` by the records behind them, of one kind (pupils, cases,
    signals…: ids of two kinds may be equal numbers); only sets shared by two cells."""
    per_ids: dict[tuple[str | None, frozenset[int]], list[Plek3]] = {}
    for tabel in rapport.tabellen():
        for rij in tabel.rijen:
            for kolom, cel in zip(tabel.kolommen, rij.cellen, strict=True):
                if kolom.soort == "aantal" and cel.ids:
                    per_ids.setdefault((kolom.lijst, cel.ids), []).append(
                        (tabel.sleutel, rij.sleutel, kolom.sleutel)
                    )
    return {ids: plekken for ids, plekken in per_ids.items() if len(plekken) > 1}


def _sommen(rapport: Rapport) -> list[tuple[Plek3, list[Plek3]]]:
    """Sums across tables: per column of a table without a total row whose rows count
    disjoint records of one kind, the cells of other tables counting exactly their union."""
    per_ids: dict[tuple[str | None, frozenset[int]], list[Plek3]] = {}
    for tabel in rapport.tabellen():
        for rij in tabel.rijen:
            for kolom, cel in zip(tabel.kolommen, rij.cellen, strict=True):
                if kolom.soort == "aantal" and cel.ids and cel.waarde == len(cel.ids):
                    plek = (tabel.sleutel, rij.sleutel, kolom.sleutel)
                    per_ids.setdefault((kolom.lijst, cel.ids), []).append(plek)
    sommen: list[tuple[Plek3, list[Plek3]]] = []
    for tabel in rapport.tabellen():
        if len(tabel.rijen) < 2 or any(rij.totaal for rij in tabel.rijen):
            continue
        for k, kolom in enumerate(tabel.kolommen):
            cellen = [(rij.sleutel, rij.cellen[k]) for rij in tabel.rijen]
            if kolom.soort != "aantal" or any(c.waarde != len(c.ids) for _r, c in cellen):
                continue
            samen: frozenset[int] = frozenset().union(*(c.ids for _r, c in cellen))
            if sum(len(c.ids) for _r, c in cellen) != len(samen):
                continue  # the rows overlap: their sum is no count of records
            delen = [(tabel.sleutel, r, kolom.sleutel) for r, _c in cellen]
            sommen += [
                (geheel, delen)
                for geheel in per_ids.get((kolom.lijst, samen), [])
                if geheel[0] != tabel.sleutel
            ]
    return sommen


def _met_veilige_grafieken(
    sectie: Sectie, tabellen: tuple[Tabel, ...], *, toelichting: str, toelichting_onderdrukt: None
) -> Sectie:
    """The section with its suppressed tables; a chart whose table now hides a cell gets a text
    alternative without numbers (its own was written from the exact ones)."""
    verborgen = {
        t.sleutel for t in tabellen if any(c.onderdrukt for r in t.rijen for c in r.cellen)
    }
    return replace(
        sectie,
        tabellen=tabellen,
        toelichting=toelichting,
        toelichting_onderdrukt=toelichting_onderdrukt,
        grafieken=tuple(
            replace(
                g,
                beschrijving=_(
                    "Chart of the table '%(titel)s'. Numbers below 5 are not shown; the table "
                    "beside it gives the values that may be shown."
                )
                % {"titel": g.titel},
            )
            if g.tabel in verborgen
            else g
            for g in sectie.grafieken
        ),
    )


def _of(eerste: str | None, anders: str) -> str:
    return anders if eerste is None else eerste


def _onderdruk_tabel(
    tabel: Tabel, samen: frozenset[Plek] = frozenset(), *, alleen_samen: bool = False
) -> Tabel:
    """The table with the cells `samen` hidden (by the joint suppression of its report and
    family). `alleen_samen`: that joint suppression decided on every count of the table, so
    it is all there is to hide — suppressing the table on its own too could hide a total
    here that another table shows (issue 17: "Totaal x" beside "Totaal 9"). Otherwise (a
    comparison row given by hand) the table is suppressed on its own as well: hiding more
    than one solution needs never gives more back."""
    aantallen: dict[Plek, int] = {}
    for rij in tabel.rijen:
        for kolom, cel in zip(tabel.kolommen, rij.cellen, strict=True):
            if kolom.soort == "aantal" and isinstance(cel.waarde, int):
                aantallen[(rij.sleutel, kolom.sleutel)] = cel.waarde
    verborgen = samen
    if not alleen_samen:
        verborgen = samen | onderdrukking.onderdruk(aantallen, tabel.vergelijkingen)
    # a row with a hidden count hides its other numbers too: a share, median or ratio beside a
    # count can give it back (0.20 of 15 is 3)
    rijen_met_verborgen = {rij for rij, _kolom in verborgen}

    def cel_van(rij: Rij, kolom: Kolom, cel: Cel) -> Cel:
        if (rij.sleutel, kolom.sleutel) in verborgen:
            klein = aantallen[(rij.sleutel, kolom.sleutel)] < onderdrukking.GRENS
            return Cel(None, onderdrukt=True, beschermend=not klein)
        if cel.n is not None and cel.n < onderdrukking.GRENS:
            return Cel(None, n=cel.n, onderdrukt=True)
        if (
            rij.sleutel in rijen_met_verborgen
            and kolom.soort in ("dagen", "fractie", "getal")
            and cel.waarde is not None
            and kolom.sleutel != "weken"
        ):
            return Cel(None, onderdrukt=True, beschermend=True)
        return Cel(cel.waarde, n=cel.n)

    return replace(
        tabel,
        toelichting=_of(tabel.toelichting_onderdrukt, tabel.toelichting),
        toelichting_onderdrukt=None,
        rijen=tuple(
            replace(
                rij,
                cellen=tuple(
                    cel_van(rij, kolom, cel)
                    for kolom, cel in zip(tabel.kolommen, rij.cellen, strict=True)
                ),
            )
            for rij in tabel.rijen
        ),
    )


def als_json(rapport: Rapport) -> Mapping[str, object]:
    """The report as plain data (no ids): for the json export and the API."""
    return {
        "soort": rapport.soort,
        "titel": rapport.titel,
        "periode": {"van": rapport.periode.van.isoformat(), "tot": rapport.periode.tot.isoformat()},
        "scope": {
            "soort": rapport.scope.soort,
            "code": rapport.scope.code,
            "naam": rapport.scope.label,
        },
        "peildatum": rapport.peildatum.isoformat(),
        "gemaakt_op": rapport.gemaakt_op.isoformat(),
        "kleine_aantallen_onderdrukt": rapport.onderdrukking,
        "secties": [
            {
                "sleutel": s.sleutel,
                "titel": s.titel,
                "toelichting": s.toelichting,
                "tabellen": [
                    {
                        "sleutel": t.sleutel,
                        "titel": t.titel,
                        "toelichting": t.toelichting,
                        "kolommen": [
                            {"sleutel": k.sleutel, "label": k.label, "soort": k.soort}
                            for k in t.kolommen
                        ],
                        "rijen": [
                            {
                                "sleutel": r.sleutel,
                                "label": r.label,
                                "totaal": r.totaal,
                                "waarden": {
                                    k.sleutel: (c.tekst if c.onderdrukt else c.waarde)
                                    for k, c in zip(t.kolommen, r.cellen, strict=True)
                                },
                            }
                            for r in t.rijen
                        ],
                    }
                    for t in s.tabellen
                ],
            }
            for s in rapport.secties
        ],
    }
