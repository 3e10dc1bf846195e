# SPDX-License-Identifier: EUPL-1.2
"""Checks on imported values, with a Dutch reason that names the field and the value.

Two shapes of the same checks: plain functions for the row-wise kinds (schools, pupils,
enrolments, exemptions: at most some hundred thousand rows) and polars expressions for absence,
which is checked set-wise over the whole file (millions of rows). tests/registratie/importeren
holds the two to the same answers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

import polars as pl
from stdnum.nl import brin as brin_nummer
from stdnum.nl import bsn as bsn_nummer
from stdnum.nl import onderwijsnummer as onderwijs_nummer
from stdnum.nl import postcode as postcode_nummer

from binnenboord.registratie.models import (
    VERZUIMSOORTEN,
    Bevestiging,
    Inschrijving,
    InschrijvingTerBevestiging,
    Leerling,
    Regio,
    School,
    Verhuismelding,
    Vrijstelling,
)

# The minutes of a whole school day when a row says hele_dag=ja. One value for every school
# for now; a per-school day length can replace it later.
DAGLENGTE_MINUTEN = 300
MAX_MINUTEN_PER_RIJ = 720
MAX_MINUTEN_PER_DAG = 24 * 60
DATUMFORMATEN = ("%Y-%m-%d", "%d-%m-%Y")
_SENTINEL = re.compile("\x00(\\w+)\x00")


def melding(sjabloon: str, **waarden: pl.Expr | str | int) -> pl.Expr:
    """A translated message with %(name)s placeholders as a polars expression, each placeholder
    filled from an expression (per row) or a constant."""
    tekst = sjabloon % {naam: f"\x00{naam}\x00" for naam in waarden}
    delen = _SENTINEL.split(tekst)
    stukken: list[pl.Expr] = []
    for i, deel in enumerate(delen):
        if i % 2 == 0:
            if deel:
                stukken.append(pl.lit(deel))
            continue
        waarde = waarden[deel]
        if isinstance(waarde, pl.Expr):
            stukken.append(waarde.cast(pl.String).fill_null(""))
        else:
            stukken.append(pl.lit(str(waarde)))
    return pl.concat_str(stukken) if stukken else pl.lit("")


# --- messages (one place, so the row-wise and the set-wise checks say the same) -------------


def m_verplicht() -> str:
    return _("%(veld)s is required.")


def m_bsn() -> str:
    return _("%(waarde)s is not a valid BSN (eleven test).")


def m_onderwijsnummer() -> str:
    return _("%(waarde)s is not a valid education number.")


def m_bsn_of_onderwijsnummer() -> str:
    return _("Fill in the BSN or the education number.")


def m_datum() -> str:
    return _("%(waarde)s is not a valid date; use YYYY-MM-DD or DD-MM-YYYY.")


def m_onbekende_leerling() -> str:
    return _("No pupil with %(veld)s %(waarde)s is known; import the pupil first.")


def m_onbekende_school() -> str:
    return _("No school with BRIN %(brin)s and branch %(vestiging)s is known.")


def m_niet_eigen_school() -> str:
    return _(
        "%(school)s is not a school of your organisation; you may only import for your own school."
    )


def m_geen_lesdag() -> str:
    return _("%(datum)s is not a school day (lesdag) in holiday region %(regio)s.")


def m_niet_ingeschreven() -> str:
    return _("The pupil was not enrolled at %(school)s on %(datum)s.")


def m_geen_getal() -> str:
    return _("%(waarde)s is not a whole number of minutes.")


def m_negatief() -> str:
    return _("Minutes cannot be negative (%(waarde)s).")


def m_te_veel_minuten() -> str:
    return _("%(waarde)s minutes is more than 720 (12 hours) for one row.")


def m_verzuimsoort() -> str:
    return _(
        "%(waarde)s is not a kind of absence; use ongeoorloofd, luxe, te_laat, ziek or geoorloofd."
    )


def m_ja_nee() -> str:
    return _("%(waarde)s is not ja or nee.")


def m_te_lang() -> str:
    return _("%(veld)s is longer than %(max)s characters.")


def m_dagtotaal() -> str:
    return _(
        "The rows of this pupil for %(datum)s add up to %(totaal)s minutes, more than a day (1440)."
    )


def m_meerdere_scholen() -> str:
    return _("The rows of this pupil for %(datum)s name different schools.")


def m_begin_na_eind() -> str:
    return _("The start date %(begin)s is after the end date %(eind)s.")


def m_dubbel() -> str:
    return _("Duplicate of row %(rij)s; the row was imported once.")


def m_zelfde_sleutel() -> str:
    return _("Row %(rij)s has the same %(sleutel)s with other values; fix one of the two.")


def m_onverwacht() -> str:
    return _(
        "Unexpected error in this row; nothing of it was stored. Check the values, or ask the "
        "functional administrator."
    )


def m_onderwijsnummer_bezet() -> str:
    return _("Education number %(waarde)s already belongs to another pupil.")


def m_eerder_afgewezen() -> str:
    return _(
        "Leerplicht rejected this enrolment on %(datum)s: %(toelichting)s Contact Leerplicht "
        "before you send it again."
    )


def m_verhuizing_afgewezen() -> str:
    return _(
        "The municipality where the pupil lives rejected this move on %(datum)s: "
        "%(toelichting)s Contact that municipality before you send it again."
    )


def als_json(waarden: dict[str, Any]) -> dict[str, Any]:
    """The row's values as stored in a held write's JSON (dates as ISO text)."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in waarden.items()}


def m_gemeente_buiten_bereik() -> str:
    return _("%(gemeente)s is not a municipality that your organisation serves.")


# --- scope ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bereik:
    """What one importer may touch: everything (the command line), the own organisation's
    school (a school), or the municipalities the organisation serves (Leerplicht)."""

    alles: bool
    organisatie_id: int | None = None
    gemeente_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def van(cls, door: Any) -> Bereik:
        if door is None:
            return cls(alles=True)
        organisatie = door.organisatie
        if organisatie is None:
            return cls(alles=False)
        gemeenten = frozenset(organisatie.gemeenten.values_list("pk", flat=True))
        return cls(alles=False, organisatie_id=organisatie.pk, gemeente_ids=gemeenten)

    def school(self, organisatie_id: int | None) -> bool:
        return self.alles or (organisatie_id is not None and organisatie_id == self.organisatie_id)

    def gemeente(self, gemeente_id: int) -> bool:
        return self.alles or gemeente_id in self.gemeente_ids


# --- row-wise checks ------------------------------------------------------------------------


@dataclass(frozen=True)
class Probleem:
    veld: str
    waarde: str
    reden: str


class Afgewezen(Exception):
    def __init__(self, problemen: list[Probleem]) -> None:
        super().__init__(problemen)
        self.problemen = problemen


class Controle:
    """Collects the problems of one row, so a row with three errors names all three."""

    def __init__(self, rij: dict[str, str | None]) -> None:
        self.rij = rij
        self.problemen: list[Probleem] = []

    def fout(self, veld: str, reden: str) -> None:
        self.problemen.append(Probleem(veld, self.rij.get(veld) or "", reden))

    def klaar(self) -> None:
        if self.problemen:
            raise Afgewezen(self.problemen)

    def verplicht(self, veld: str) -> str | None:
        waarde = self.rij.get(veld)
        if not waarde:
            self.fout(veld, m_verplicht() % {"veld": veld})
            return None
        return waarde

    def tekst(self, veld: str, maximum: int, *, verplicht: bool = False) -> str | None:
        waarde = self.verplicht(veld) if verplicht else self.rij.get(veld)
        if waarde is not None and len(waarde) > maximum:
            self.fout(veld, m_te_lang() % {"veld": veld, "max": maximum})
            return None
        return waarde

    def datum(self, veld: str, *, verplicht: bool = True) -> date | None:
        waarde = self.verplicht(veld) if verplicht else self.rij.get(veld)
        if waarde is None:
            return None
        dag = lees_datum(waarde)
        if dag is None:
            self.fout(veld, m_datum() % {"waarde": waarde})
        return dag

    def keuze(self, veld: str, opties: tuple[str, ...], reden: str, *, klein: bool = True) -> str:
        waarde = self.verplicht(veld)
        if waarde is None:
            return ""
        genormaliseerd = waarde.lower() if klein else waarde.upper()
        if genormaliseerd not in opties:
            self.fout(veld, reden % {"waarde": waarde})
        return genormaliseerd

    def periode(self, begin: date | None, eind: date | None) -> None:
        if begin and eind and begin > eind:
            self.fout(
                "einddatum",
                m_begin_na_eind() % {"begin": begin.isoformat(), "eind": eind.isoformat()},
            )

    def identiteit(self) -> tuple[str, str] | None:
        """The pupil's key: ("bsn", …) or, without a BSN, ("onderwijsnummer", …)."""
        bsn = self.rij.get("bsn")
        onderwijsnummer = self.rij.get("onderwijsnummer")
        if bsn:
            schoon = normaliseer_bsn(bsn)
            if schoon is None:
                self.fout("bsn", m_bsn() % {"waarde": bsn})
                return None
            return ("bsn", schoon)
        if onderwijsnummer:
            schoon = normaliseer_onderwijsnummer(onderwijsnummer)
            if schoon is None:
                self.fout("onderwijsnummer", m_onderwijsnummer() % {"waarde": onderwijsnummer})
                return None
            return ("onderwijsnummer", schoon)
        self.fout("bsn", m_bsn_of_onderwijsnummer())
        return None

    def school(self) -> tuple[str, str] | None:
        brin = self.verplicht("brin")
        vestiging = normaliseer_vestiging(self.rij.get("vestiging"))
        if brin is None:
            return None
        if vestiging is None:
            self.fout("vestiging", _("%(waarde)s is not a valid branch number (two digits).")
                      % {"waarde": self.rij.get("vestiging")})  # fmt: skip
            return None
        return (brin.upper(), vestiging)


def lees_datum(waarde: str) -> date | None:
    for formaat in DATUMFORMATEN:
        try:
            return datetime.strptime(waarde, formaat).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    return None


def normaliseer_bsn(waarde: str) -> str | None:
    """A BSN of 9 digits; a BSN of 8 digits gets its leading zero back (Excel drops it)."""
    schoon = bsn_nummer.compact(waarde)
    return schoon if len(schoon) == 9 and bsn_nummer.is_valid(schoon) else None


def normaliseer_onderwijsnummer(waarde: str) -> str | None:
    schoon = onderwijs_nummer.compact(waarde)
    return schoon if len(schoon) == 9 and onderwijs_nummer.is_valid(schoon) else None


def normaliseer_vestiging(waarde: str | None) -> str | None:
    if not waarde:
        return "00"
    return waarde.zfill(2) if waarde.isdigit() and len(waarde) <= 2 else None


def geldige_brin(waarde: str) -> bool:
    return len(waarde) == 4 and brin_nummer.is_valid(waarde)


def normaliseer_postcode(waarde: str) -> str | None:
    try:
        return str(postcode_nummer.validate(waarde))
    except Exception:
        return None


def geldig_email(waarde: str) -> bool:
    try:
        validate_email(waarde)
    except ValidationError:
        return False
    return True


SCHOOLSOORTEN = tuple(School.Soort.values)
REGIO_S = tuple(Regio.values)
ARTIKELEN = tuple(Vrijstelling.Artikel.values)


# --- set-wise checks (polars) ---------------------------------------------------------------


def bsn_expr(kolom: pl.Expr) -> pl.Expr:
    """The BSN of 9 digits (stdnum's compact: spaces, dots and dashes removed, zero-padded)
    when it passes the eleven test, else null."""
    schoon = kolom.str.replace_all(r"[ .\-]", "").str.zfill(9)
    cijfers = [schoon.str.slice(i, 1).cast(pl.Int64, strict=False) for i in range(9)]
    som = sum((cijfers[i] * (9 - i) for i in range(8)), pl.lit(0)) - cijfers[8]
    geldig = (
        schoon.str.contains(r"^\d{9}$").fill_null(False)
        & (schoon != "000000000")
        & ((som % 11) == 0).fill_null(False)
    )
    return pl.when(geldig).then(schoon)


def onderwijsnummer_expr(kolom: pl.Expr) -> pl.Expr:
    schoon = kolom.str.replace_all(r"[ .\-]", "").str.zfill(9)
    cijfers = [schoon.str.slice(i, 1).cast(pl.Int64, strict=False) for i in range(9)]
    som = sum((cijfers[i] * (9 - i) for i in range(8)), pl.lit(0)) - cijfers[8]
    geldig = schoon.str.contains(r"^10\d{7}$").fill_null(False) & ((som % 11) == 5).fill_null(False)
    return pl.when(geldig).then(schoon)


def datum_expr(kolom: pl.Expr) -> pl.Expr:
    return pl.coalesce(
        kolom.str.strptime(pl.Date, DATUMFORMATEN[0], strict=False, exact=True),
        kolom.str.strptime(pl.Date, DATUMFORMATEN[1], strict=False, exact=True),
    )


def vestiging_expr(kolom: pl.Expr) -> pl.Expr:
    return (
        pl.when(kolom.is_null())
        .then(pl.lit("00"))
        .when(kolom.str.contains(r"^\d{1,2}$"))
        .then(kolom.str.zfill(2))
    )


# --- absence, set-wise over the whole file --------------------------------------------------


@dataclass(frozen=True)
class Check:
    veld: str
    conditie: pl.Expr
    reden: pl.Expr


@dataclass(frozen=True)
class VerzuimUitslag:
    goed: pl.DataFrame
    """One row per pupil-day: leerling_id, school_id, datum, minuten_<soort>..., reden_code,
    n_rijen (the file rows that add up to it)."""
    afgewezen: pl.DataFrame
    """One row per rejected file row: _rij, veld, waarde, reden and the file's columns."""


def _stap(rijen: pl.DataFrame, checks: list[Check]) -> pl.DataFrame:
    """Applies checks to the rows not rejected yet; a row gets every failing check's reason."""
    if not checks or rijen.height == 0:
        return rijen
    open_ = pl.col("_reden").is_null()
    raak = [c.conditie.fill_null(False) for c in checks]
    # Most files are clean: test every condition once before building any message.
    if not rijen.select((open_ & pl.any_horizontal(raak)).any()).item():
        return rijen
    veld = pl.concat_str(
        [pl.when(r).then(pl.lit(c.veld)) for r, c in zip(raak, checks, strict=True)],
        separator=", ",
        ignore_nulls=True,
    )
    waarde = pl.concat_str(
        [
            pl.when(r).then(pl.col(c.veld).fill_null("") if c.veld in rijen.columns else pl.lit(""))
            for r, c in zip(raak, checks, strict=True)
        ],
        separator="; ",
        ignore_nulls=True,
    )
    reden = pl.concat_str(
        [pl.when(r).then(c.reden) for r, c in zip(raak, checks, strict=True)],
        separator=" ",
        ignore_nulls=True,
    )
    fout = open_ & pl.any_horizontal(raak)
    return rijen.with_columns(
        _veld=pl.when(fout).then(veld).otherwise(pl.col("_veld")),
        _waarde=pl.when(fout).then(waarde).otherwise(pl.col("_waarde")),
        _reden=pl.when(fout).then(reden).otherwise(pl.col("_reden")),
    )


def _formaatchecks() -> list[Check]:
    bsn, onr = pl.col("bsn"), pl.col("onderwijsnummer")
    hele_dag = (pl.col("_hele_dag") == "ja").fill_null(False)
    minuten = pl.col("minuten")
    is_getal = minuten.str.contains(r"^\d+$")
    return [
        Check("bsn", bsn.is_not_null() & pl.col("_bsn").is_null(), melding(m_bsn(), waarde=bsn)),
        Check(
            "onderwijsnummer",
            bsn.is_null() & onr.is_not_null() & pl.col("_onr").is_null(),
            melding(m_onderwijsnummer(), waarde=onr),
        ),
        Check("bsn", bsn.is_null() & onr.is_null(), pl.lit(m_bsn_of_onderwijsnummer())),
        Check("brin", pl.col("brin").is_null(), pl.lit(m_verplicht() % {"veld": "brin"})),
        Check(
            "vestiging",
            pl.col("_vestiging").is_null(),
            melding(
                _("%(waarde)s is not a valid branch number (two digits)."),
                waarde=pl.col("vestiging"),
            ),
        ),
        Check("datum", pl.col("datum").is_null(), pl.lit(m_verplicht() % {"veld": "datum"})),
        Check(
            "datum",
            pl.col("datum").is_not_null() & pl.col("_datum").is_null(),
            melding(m_datum(), waarde=pl.col("datum")),
        ),
        Check(
            "hele_dag",
            pl.col("hele_dag").is_not_null() & ~pl.col("_hele_dag").is_in(["ja", "nee"]),
            melding(m_ja_nee(), waarde=pl.col("hele_dag")),
        ),
        Check(
            "minuten", ~hele_dag & minuten.is_null(), pl.lit(m_verplicht() % {"veld": "minuten"})
        ),
        Check(
            "minuten",
            ~hele_dag & minuten.str.contains(r"^-\s*\d+$"),
            melding(m_negatief(), waarde=minuten),
        ),
        Check(
            "minuten",
            ~hele_dag & minuten.is_not_null() & ~is_getal & ~minuten.str.contains(r"^-\s*\d+$"),
            melding(m_geen_getal(), waarde=minuten),
        ),
        Check(
            "minuten",
            ~hele_dag
            & is_getal
            & (pl.col("_min").is_null() | (pl.col("_min") > MAX_MINUTEN_PER_RIJ)),
            melding(m_te_veel_minuten(), waarde=minuten),
        ),
        Check("soort", pl.col("soort").is_null(), pl.lit(m_verplicht() % {"veld": "soort"})),
        Check(
            "soort",
            pl.col("soort").is_not_null() & ~pl.col("_soort").is_in(list(VERZUIMSOORTEN)),
            melding(m_verzuimsoort(), waarde=pl.col("soort")),
        ),
        Check(
            "reden_code",
            pl.col("reden_code").str.len_chars() > 50,
            pl.lit(m_te_lang() % {"veld": "reden_code", "max": 50}),
        ),
    ]


def _voorbereid(rijen: pl.DataFrame) -> pl.DataFrame:
    for kolom in ("hele_dag", "reden_code", "onderwijsnummer"):
        if kolom not in rijen.columns:
            rijen = rijen.with_columns(pl.lit(None, pl.String).alias(kolom))
    hele_dag = pl.col("hele_dag").str.to_lowercase()
    # Lazy, so the optimiser computes each shared sub-expression once (the cleaned BSN is used
    # by every digit of the eleven test): several times faster than the same eager.
    return (
        rijen.lazy()
        .with_columns(
            _veld=pl.col("_fout_veld"),
            _waarde=pl.col("_fout_waarde"),
            _reden=pl.col("_fout"),
            _bsn=bsn_expr(pl.col("bsn")),
            _onr=onderwijsnummer_expr(pl.col("onderwijsnummer")),
            _brin=pl.col("brin").str.to_uppercase(),
            _vestiging=vestiging_expr(pl.col("vestiging")),
            _datum=datum_expr(pl.col("datum")),
            _hele_dag=hele_dag,
            _min=pl.col("minuten").cast(pl.Int64, strict=False),
            _soort=pl.col("soort").str.to_lowercase(),
        )
        .with_columns(
            _minuten=pl.when(pl.col("_hele_dag") == "ja")
            .then(pl.lit(DAGLENGTE_MINUTEN, pl.Int64))
            .otherwise(pl.col("_min"))
        )
        .collect()
    )


class Opzoeken(Protocol):
    """What the absence checks look up, each once per file."""

    def leerlingen(self, bsns: list[str], onderwijsnummers: list[str]) -> pl.DataFrame:
        """(leerling_id, bsn, onderwijsnummer) of these pupils."""

    def scholen(self) -> pl.DataFrame:
        """(school_id, brin, vestiging, regio, organisatie_id, schoolnaam)."""

    def inschrijvingen(self, leerling_ids: list[int], school_ids: list[int]) -> pl.DataFrame:
        """(leerling_id, school_id, begindatum, einddatum) of these pupils at these schools."""

    def lesdagen(self, dagen: pl.DataFrame) -> pl.DataFrame:
        """(_sid, _datum) pairs with _lesdag: whether the day is a lesdag on the school's own
        calendar (region, holidays, its own free days)."""
        ...


def valideer_verzuim(rijen: pl.DataFrame, *, bereik: Bereik, bron: Opzoeken) -> VerzuimUitslag:
    """Checks a whole absence file set-wise: formats, then pupil, school and scope, then school
    day and enrolment, then the day totals."""
    bestandskolommen = [k for k in rijen.columns if not k.startswith("_")]
    rijen = _stap(_voorbereid(rijen), _formaatchecks())
    open_ = rijen.filter(pl.col("_reden").is_null())
    leerlingen = bron.leerlingen(
        open_.get_column("_bsn").drop_nulls().unique().to_list(),
        open_.get_column("_onr").drop_nulls().unique().to_list(),
    )
    scholen = bron.scholen()
    inschrijvingen_van = bron.inschrijvingen
    if not bereik.alles:
        leerlingen, bij_eigen = _bekend_bij(leerlingen, scholen, bereik, bron)
        # a school's rows that pass the scope checks are of these pupils at its own schools:
        # their enrolments are read already
        inschrijvingen_van = _uit_frame(bij_eigen)
    rijen = _stap(_koppel(rijen, leerlingen, scholen), _koppelchecks(bereik))
    rijen = _stap(_context(rijen, inschrijvingen_van, bron.lesdagen), _contextchecks())
    rijen, goed = _tel_op(rijen)
    afgewezen = rijen.filter(pl.col("_reden").is_not_null()).select(
        "_rij",
        pl.col("_veld").fill_null("").alias("veld"),
        pl.col("_waarde").fill_null("").alias("waarde"),
        pl.col("_reden").alias("reden"),
        *bestandskolommen,
    )
    return VerzuimUitslag(goed=goed, afgewezen=afgewezen.sort("_rij"))


def _uit_frame(inschrijvingen: pl.DataFrame) -> Any:
    """An Opzoeken.inschrijvingen that answers from enrolments read before."""

    def van(leerling_ids: list[int], school_ids: list[int]) -> pl.DataFrame:
        return inschrijvingen.filter(
            pl.col("leerling_id").is_in(leerling_ids) & pl.col("school_id").is_in(school_ids)
        )

    return van


def _bekend_bij(
    leerlingen: pl.DataFrame, scholen: pl.DataFrame, bereik: Bereik, bron: Opzoeken
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Only the pupils enrolled at a school of the importer's organisation now or until at
    most BEVESTIGINGSTERMIJN_DAGEN ago: any other BSN (also a pupil who left years ago: access
    follows time) gets exactly the rejection of an unknown BSN, so an absence file is no oracle
    for whether a BSN is a pupil somewhere. A current or just-departed pupil on a day outside
    the enrolment still hears that, which helps the school fix its file. Also returns those
    pupils' enrolments at the own schools."""
    eigen = scholen.filter(pl.col("organisatie_id") == bereik.organisatie_id)
    if leerlingen.height == 0 or eigen.height == 0:
        return leerlingen.clear(), bron.inschrijvingen([], [])
    grens = timezone.localdate() - timedelta(days=BEVESTIGINGSTERMIJN_DAGEN)
    bij_eigen = bron.inschrijvingen(
        leerlingen.get_column("leerling_id").unique().to_list(),
        eigen.get_column("school_id").to_list(),
    )
    recent = bij_eigen.filter(pl.col("einddatum").is_null() | (pl.col("einddatum") >= grens))
    bekend = leerlingen.filter(
        pl.col("leerling_id").is_in(recent.get_column("leerling_id").implode())
    )
    return bekend, bij_eigen


def _koppel(rijen: pl.DataFrame, leerlingen: pl.DataFrame, scholen: pl.DataFrame) -> pl.DataFrame:
    per_bsn = leerlingen.filter(pl.col("bsn").is_not_null()).select(
        pl.col("bsn").alias("_bsn"), pl.col("leerling_id").alias("_lid_bsn")
    )
    per_onr = leerlingen.filter(pl.col("onderwijsnummer").is_not_null()).select(
        pl.col("onderwijsnummer").alias("_onr"), pl.col("leerling_id").alias("_lid_onr")
    )
    school = scholen.select(
        pl.col("brin").alias("_brin"),
        pl.col("vestiging").alias("_vestiging"),
        pl.col("school_id").alias("_sid"),
        pl.col("regio").alias("_regio"),
        pl.col("organisatie_id").alias("_org"),
        pl.col("schoolnaam").alias("_schoolnaam"),
    )
    return (
        rijen.join(per_bsn, on="_bsn", how="left", maintain_order="left")
        .join(per_onr, on="_onr", how="left", maintain_order="left")
        .join(school, on=["_brin", "_vestiging"], how="left", maintain_order="left")
        .with_columns(
            _lid=pl.when(pl.col("bsn").is_not_null())
            .then(pl.col("_lid_bsn"))
            .otherwise(pl.col("_lid_onr"))
        )
    )


def _koppelchecks(bereik: Bereik) -> list[Check]:
    via_bsn = pl.col("bsn").is_not_null()
    eigen = pl.lit(True) if bereik.alles else pl.col("_org") == pl.lit(bereik.organisatie_id)
    return [
        Check(
            "bsn",
            pl.col("_lid").is_null() & via_bsn,
            melding(m_onbekende_leerling(), veld="BSN", waarde=pl.col("_bsn")),
        ),
        Check(
            "onderwijsnummer",
            pl.col("_lid").is_null() & ~via_bsn,
            melding(m_onbekende_leerling(), veld="onderwijsnummer", waarde=pl.col("_onr")),
        ),
        Check(
            "brin",
            pl.col("_sid").is_null(),
            melding(m_onbekende_school(), brin=pl.col("_brin"), vestiging=pl.col("_vestiging")),
        ),
        Check(
            "brin",
            pl.col("_sid").is_not_null() & ~eigen.fill_null(False),
            melding(m_niet_eigen_school(), school=pl.col("_schoolnaam")),
        ),
    ]


def _context(rijen: pl.DataFrame, inschrijvingen_van: Any, lesdagen_van: Any) -> pl.DataFrame:
    open_ = rijen.filter(pl.col("_reden").is_null())
    lesdagen: pl.DataFrame = lesdagen_van(open_.select("_sid", "_datum").unique())
    inschrijvingen: pl.DataFrame = inschrijvingen_van(
        open_.get_column("_lid").unique().to_list(), open_.get_column("_sid").unique().to_list()
    )
    ingeschreven = (
        open_.select("_rij", "_lid", "_sid", "_datum")
        .join(
            inschrijvingen.rename({"leerling_id": "_lid", "school_id": "_sid"}),
            on=["_lid", "_sid"],
            how="inner",
        )
        .filter(
            (pl.col("begindatum") <= pl.col("_datum"))
            & (pl.col("einddatum").is_null() | (pl.col("einddatum") >= pl.col("_datum")))
        )
        .select("_rij")
        .unique()
        .with_columns(_ingeschreven=pl.lit(True))
    )
    return rijen.join(
        lesdagen.select("_sid", "_datum", "_lesdag"),
        on=["_sid", "_datum"],
        how="left",
        maintain_order="left",
    ).join(ingeschreven, on="_rij", how="left", maintain_order="left")


def _contextchecks() -> list[Check]:
    return [
        Check(
            "datum",
            pl.col("_lesdag").not_(),
            melding(m_geen_lesdag(), datum=pl.col("datum"), regio=pl.col("_regio")),
        ),
        Check(
            "datum",
            pl.col("_lesdag") & pl.col("_ingeschreven").is_null(),
            melding(m_niet_ingeschreven(), school=pl.col("_schoolnaam"), datum=pl.col("datum")),
        ),
    ]


def _tel_op(rijen: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Adds up the rows of one pupil-day per kind; a day that mixes schools or exceeds 24 hours
    rejects all its rows (which one is wrong cannot be told)."""
    open_ = rijen.filter(pl.col("_reden").is_null())
    dagen = open_.group_by("_lid", "_datum").agg(
        pl.col("_sid").first().alias("school_id"),
        pl.col("_sid").n_unique().alias("_scholen"),
        *(
            pl.col("_minuten").filter(pl.col("_soort") == soort).sum().alias(f"minuten_{soort}")
            for soort in VERZUIMSOORTEN
        ),
        pl.col("reden_code").drop_nulls().unique(maintain_order=True).alias("_codes"),
        pl.len().alias("n_rijen"),
        pl.col("_rij").alias("_rijen"),
    )
    dagen = dagen.with_columns(
        _totaal=pl.sum_horizontal(f"minuten_{soort}" for soort in VERZUIMSOORTEN),
        reden_code=pl.col("_codes").list.join(",").str.slice(0, 50).fill_null(""),
    )
    fout = (pl.col("_scholen") > 1) | (pl.col("_totaal") > MAX_MINUTEN_PER_DAG)
    foute_dagen = dagen.filter(fout).select("_lid", "_datum", "_scholen", "_totaal")
    if foute_dagen.height:
        rijen = rijen.join(foute_dagen, on=["_lid", "_datum"], how="left", maintain_order="left")
        rijen = _stap(
            rijen,
            [
                Check(
                    "brin",
                    pl.col("_scholen") > 1,
                    melding(m_meerdere_scholen(), datum=pl.col("datum")),
                ),
                Check(
                    "minuten",
                    (pl.col("_scholen") == 1) & (pl.col("_totaal") > MAX_MINUTEN_PER_DAG),
                    melding(m_dagtotaal(), datum=pl.col("datum"), totaal=pl.col("_totaal")),
                ),
            ],
        )
    goed = (
        dagen.filter(~fout)
        .select(
            pl.col("_lid").alias("leerling_id"),
            "school_id",
            pl.col("_datum").alias("datum"),
            *(pl.col(f"minuten_{soort}").cast(pl.Int64) for soort in VERZUIMSOORTEN),
            "reden_code",
            pl.col("n_rijen").cast(pl.Int64),
            "_rijen",
        )
        .sort("leerling_id", "datum")
    )
    return rijen, goed


# --- the row-wise kinds ---------------------------------------------------------------------


@dataclass(frozen=True)
class Wacht:
    """Why a valid row waits: "verhuizing" (a reported move, confirmed by the Leerplicht of
    `van_gemeente_id`) or a reason of InschrijvingTerBevestiging.Reden."""

    reden: str
    van_gemeente_id: int | None = None
    identiteit: str = ""
    """An enrolment row's pupil as the school sent it ("bsn:…", "onderwijsnummer:…")."""


VERHUIZING = "verhuizing"
BEVESTIGINGSTERMIJN_DAGEN = 30
"""An enrolment that starts (or an ended enrolment reopened) more than this many days before
the import is confirmed by Leerplicht before it counts."""


@dataclass
class Kandidaat:
    """A valid row, ready to store: its natural key, the values to store, the stored record with
    that key (None: new) and what tells it apart from other rows of the file."""

    rij: int
    sleutel: dict[str, Any]
    waarden: dict[str, Any]
    bestaand: Any
    uniek: list[tuple[str, tuple[Any, ...]]]
    """(label, key) pairs that must be unique within the file, e.g. ("BSN", ("123456782",))."""
    ouders: list[dict[str, str]] = field(default_factory=list)
    wacht: Wacht | None = None
    """Set when the row is valid but may not be applied by this importer: it is held for the
    organisation that has the pupil to confirm (opslaan.bewaar_kandidaten)."""

    @property
    def handtekening(self) -> tuple[Any, ...]:
        return (
            tuple(sorted(self.sleutel.items())),
            tuple(sorted((k, str(v)) for k, v in self.waarden.items())),
            tuple(tuple(sorted(o.items())) for o in self.ouders),
        )


class Gemeenten:
    """All municipalities, fetched once per import: a row names one by CBS code or by name."""

    def __init__(self) -> None:
        from binnenboord.toegang.models import Gemeente

        self.per_code: dict[str, int] = {}
        self.per_naam: dict[str, int] = {}
        self.naam: dict[int, str] = {}
        for pk, code, naam in Gemeente.objects.values_list("pk", "code", "naam"):
            self.per_code[code] = pk
            self.per_naam[naam.casefold()] = pk
            self.naam[pk] = naam

    def zoek(self, waarde: str) -> int | None:
        code = waarde.upper().removeprefix("GM")
        if code.isdigit() and len(code) <= 4:
            return self.per_code.get(code.zfill(4))
        return self.per_naam.get(waarde.casefold())


def _gemeente(c: Controle, veld: str, gemeenten: Gemeenten, bereik: Bereik) -> int | None:
    waarde = c.verplicht(veld)
    if waarde is None:
        return None
    pk = gemeenten.zoek(waarde)
    if pk is None:
        c.fout(veld, _("No municipality with CBS code or name %(waarde)s is known.")
               % {"waarde": waarde})  # fmt: skip
        return None
    if not bereik.gemeente(pk):
        c.fout(veld, m_gemeente_buiten_bereik() % {"gemeente": gemeenten.naam[pk]})
        return None
    return pk


class Rijsoort:
    """One row-wise import kind: set-wise look-ups per batch, then a check per row."""

    model: Any
    sleutelnaam: str = ""

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        self.kolommen = kolommen
        self.bereik = bereik

    def voorbereid(self, rijen: list[dict[str, Any]]) -> None:
        """Fetches what the rows of one batch refer to, in a few queries."""

    def lees(self, rij: dict[str, Any]) -> Kandidaat:
        raise NotImplementedError


class Scholen(Rijsoort):
    model = School

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        super().__init__(kolommen, bereik)
        self.gemeenten = Gemeenten()
        self.bestaand: dict[tuple[str, str], Any] = {}

    def voorbereid(self, rijen: list[dict[str, Any]]) -> None:
        brins = {(r.get("brin") or "").upper() for r in rijen}
        self.bestaand = {
            (s.brin, s.vestiging): s for s in School.objects.filter(brin__in=brins - {""})
        }

    def lees(self, rij: dict[str, Any]) -> Kandidaat:
        c = Controle(rij)
        sleutel = c.school()
        if sleutel and not geldige_brin(sleutel[0]):
            c.fout("brin", _("%(waarde)s is not a valid BRIN (4 characters).")
                   % {"waarde": rij.get("brin")})  # fmt: skip
        naam = c.tekst("naam", 200, verplicht=True)
        soort = c.keuze(
            "soort",
            SCHOOLSOORTEN,
            _("%(waarde)s is not a kind of school; use PO, SO, VO, VSO or MBO."),
            klein=False,
        )
        gemeente = _gemeente(c, "gemeente", self.gemeenten, self.bereik)
        regio = c.keuze(
            "regio", REGIO_S, _("%(waarde)s is not a holiday region; use noord, midden or zuid.")
        )
        bestaand = self.bestaand.get(sleutel) if sleutel else None
        if bestaand is not None and not self.bereik.gemeente(bestaand.gemeente_id):
            # the stored school, not the row, says whose it is: no import takes a school (its
            # name, municipality or holiday region) from the municipality it belongs to
            plaats = self.gemeenten.naam[bestaand.gemeente_id]
            c.fout("brin", _("%(school)s lies in %(gemeente)s, a municipality your organisation "
                             "does not serve; you cannot change it.")
                   % {"school": bestaand.naam, "gemeente": plaats})  # fmt: skip
        c.klaar()
        assert sleutel is not None
        brin, vestiging = sleutel
        return Kandidaat(
            rij=rij["_rij"],
            sleutel={"brin": brin, "vestiging": vestiging},
            waarden={"naam": naam, "soort": soort, "gemeente_id": gemeente, "regio": regio},
            bestaand=bestaand,
            uniek=[(_("BRIN and branch"), sleutel)],
        )


class _MetLeerling(Rijsoort):
    """A kind whose rows name a pupil by BSN (or, without one, by education number)."""

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        super().__init__(kolommen, bereik)
        self.leerlingen: dict[tuple[str, str], Any] = {}

    def _haal_leerlingen(self, rijen: list[dict[str, Any]]) -> list[Any]:
        bsns = {normaliseer_bsn(r["bsn"]) for r in rijen if r.get("bsn")} - {None}
        onrs = {
            normaliseer_onderwijsnummer(r["onderwijsnummer"])
            for r in rijen
            if r.get("onderwijsnummer")
        } - {None}
        gevonden = list(
            Leerling.objects.filter(
                models_q(bsn__in=bsns) | models_q(onderwijsnummer__in=onrs)
            ).select_related("woongemeente")
        )
        self.leerlingen = {}
        for leerling in gevonden:
            if leerling.bsn:
                self.leerlingen[("bsn", leerling.bsn)] = leerling
            if leerling.onderwijsnummer:
                self.leerlingen[("onderwijsnummer", leerling.onderwijsnummer)] = leerling
        return gevonden

    def bekend(self, leerling: Any) -> bool:
        """Whether this importer may name the stored pupil at all. A pupil outside its reach
        gets exactly the answer an unknown BSN gets: the import is no oracle for whether a BSN
        is a pupil somewhere."""
        return True

    def leerling(self, c: Controle) -> Any:
        identiteit = c.identiteit()
        if identiteit is None:
            return None
        leerling = self.leerlingen.get(identiteit)
        if leerling is not None and not self.bekend(leerling):
            leerling = None
        if leerling is None:
            veld = "bsn" if identiteit[0] == "bsn" else "onderwijsnummer"
            c.fout(
                veld,
                m_onbekende_leerling()
                % {"veld": "BSN" if veld == "bsn" else veld, "waarde": identiteit[1]},
            )
        return leerling


def models_q(**kwargs: Any) -> Any:
    from django.db.models import Q

    return Q(**kwargs)


class Scholenlijst:
    """All schools by (BRIN, vestiging), fetched once per import."""

    def __init__(self) -> None:
        self.per_sleutel = {(s.brin, s.vestiging): s for s in School.objects.all()}


def reden_om_te_wachten(
    *,
    school_id: int,
    begin: date,
    eind: date | None,
    bestaand: Any,
    andere: list[Any],
    vandaag: date,
) -> str | None:
    """Why an enrolment written by a school must be confirmed by Leerplicht before it counts,
    because it would give the school a file it does not have; None when it may be stored.

    - a new enrolment that starts more than BEVESTIGINGSTERMIJN_DAGEN before `vandaag`;
    - a stored enrolment (`bestaand`, same pupil, school and start) whose end moves later, when
      it ended more than BEVESTIGINGSTERMIJN_DAGEN ago (it reopens an old file);
    - either, when the new days overlap an ongoing enrolment (not ended before `vandaag`) at
      another school: a dubbele inschrijving.
    `andere`: the pupil's stored enrolments (any school)."""
    grens = vandaag - timedelta(days=BEVESTIGINGSTERMIJN_DAGEN)
    if bestaand is None:
        nieuw_begin = begin
        if begin < grens:
            return str(InschrijvingTerBevestiging.Reden.TERUGGEDATEERD)
    else:
        oud = bestaand.einddatum
        if oud is None or (eind is not None and eind <= oud):
            return None
        if oud < grens:
            return str(InschrijvingTerBevestiging.Reden.HEROPEND)
        nieuw_begin = oud + timedelta(days=1)
    for inschrijving in andere:
        if inschrijving.school_id == school_id:
            continue
        lopend = inschrijving.einddatum is None or inschrijving.einddatum >= vandaag
        overlapt = (eind is None or inschrijving.begindatum <= eind) and (
            inschrijving.einddatum is None or nieuw_begin <= inschrijving.einddatum
        )
        if lopend and overlapt:
            return str(InschrijvingTerBevestiging.Reden.DUBBEL)
    return None


class Inschrijvingen(_MetLeerling):
    model = Inschrijving

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        super().__init__(kolommen, bereik)
        self.scholen = Scholenlijst()
        self.bestaand: dict[tuple[int, int, date], Any] = {}

    def voorbereid(self, rijen: list[dict[str, Any]]) -> None:
        leerlingen = self._haal_leerlingen(rijen)
        self.bestaand = {
            (i.leerling_id, i.school_id, i.begindatum): i
            for i in Inschrijving.objects.filter(leerling__in=leerlingen).select_related(
                "leerling", "school"
            )
        }
        self.per_leerling: dict[int, list[Any]] = {}
        for inschrijving in self.bestaand.values():
            self.per_leerling.setdefault(inschrijving.leerling_id, []).append(inschrijving)
        self.afgewezen = {
            (v.leerling_id, v.school_id, v.begindatum, v.einddatum): v
            for v in InschrijvingTerBevestiging.objects.filter(
                leerling__in=leerlingen, status=Bevestiging.AFGEWEZEN
            )
        }

    def wacht(
        self, leerling: Any, school: Any, begin: date, eind: date | None, bestaand: Any
    ) -> Wacht | None:
        """Why this row must wait for Leerplicht; the command line keeps full rights."""
        if self.bereik.alles:
            return None
        reden = reden_om_te_wachten(
            school_id=school.pk,
            begin=begin,
            eind=eind,
            bestaand=bestaand,
            andere=self.per_leerling.get(leerling.pk, []),
            vandaag=timezone.localdate(),
        )
        return None if reden is None else Wacht(reden)

    def lees(self, rij: dict[str, Any]) -> Kandidaat:
        c = Controle(rij)
        identiteit = c.identiteit()
        leerling = self.leerlingen.get(identiteit) if identiteit else None
        if (
            leerling is None
            and identiteit
            and identiteit[0] == "bsn"
            and rij.get("onderwijsnummer")
        ):
            # a pupil known only by education number, sent with a BSN Binnenboord lacks yet
            onr = normaliseer_onderwijsnummer(rij["onderwijsnummer"])
            leerling = self.leerlingen.get(("onderwijsnummer", onr)) if onr else None
        if identiteit is not None and leerling is None and self.bereik.alles:
            # the command line (a first load) hears it; a school's row waits instead (below)
            veld = "bsn" if identiteit[0] == "bsn" else "onderwijsnummer"
            c.fout(veld, m_onbekende_leerling() % {"veld": "BSN" if veld == "bsn" else veld,
                                                    "waarde": identiteit[1]})  # fmt: skip
        sleutel = c.school()
        school = self.scholen.per_sleutel.get(sleutel) if sleutel else None
        if sleutel and school is None:
            c.fout("brin", m_onbekende_school() % {"brin": sleutel[0], "vestiging": sleutel[1]})
        elif school is not None and not self.bereik.school(school.organisatie_id):
            c.fout("brin", m_niet_eigen_school() % {"school": school.naam})
        begin = c.datum("begindatum")
        eind = c.datum("einddatum", verplicht=False)
        c.periode(begin, eind)
        c.klaar()
        assert identiteit is not None and school is not None and begin is not None
        tekst = f"{identiteit[0]}:{identiteit[1]}"
        if leerling is None:
            # No pupil has this BSN (yet): the row waits until Leerplicht imports the pupil,
            # exactly as a row about somebody else's pupil waits; the school cannot tell which.
            return Kandidaat(
                rij=rij["_rij"],
                sleutel={"school_id": school.pk, "begindatum": begin},
                waarden={"einddatum": eind},
                bestaand=None,
                uniek=[(_("pupil, school and start date"), (tekst, school.pk, begin))],
                wacht=Wacht(InschrijvingTerBevestiging.Reden.ONBEKEND, identiteit=tekst),
            )
        sleutelwaarden = (leerling.pk, school.pk, begin)
        bestaand = self.bestaand.get(sleutelwaarden)
        wacht = self.wacht(leerling, school, begin, eind, bestaand)
        if wacht is not None:
            wacht = Wacht(wacht.reden, identiteit=tekst)
        if wacht is not None and (vorige := self.afgewezen.get((*sleutelwaarden, eind))):
            c.fout("begindatum", m_eerder_afgewezen() % {
                "datum": f"{vorige.behandeld_op:%d-%m-%Y}" if vorige.behandeld_op else "",
                "toelichting": vorige.toelichting,
            })  # fmt: skip
            c.klaar()
        return Kandidaat(
            rij=rij["_rij"],
            sleutel={"leerling_id": leerling.pk, "school_id": school.pk, "begindatum": begin},
            waarden={"einddatum": eind},
            bestaand=bestaand,
            uniek=[(_("pupil, school and start date"), sleutelwaarden)],
            wacht=wacht,
        )


class Vrijstellingen(_MetLeerling):
    model = Vrijstelling

    def bekend(self, leerling: Any) -> bool:
        return self.bereik.gemeente(leerling.woongemeente_id)

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        super().__init__(kolommen, bereik)
        self.bestaand: dict[tuple[int, str, date], Any] = {}

    def voorbereid(self, rijen: list[dict[str, Any]]) -> None:
        leerlingen = self._haal_leerlingen(rijen)
        self.bestaand = {
            (v.leerling_id, v.artikel, v.begindatum): v
            for v in Vrijstelling.objects.filter(leerling__in=leerlingen).select_related("leerling")
        }

    def lees(self, rij: dict[str, Any]) -> Kandidaat:
        c = Controle(rij)
        leerling = self.leerling(c)
        artikel = c.keuze(
            "artikel",
            ARTIKELEN,
            _("%(waarde)s is not an article; use 5a, 5b, 5c, 5a_trekkend or 15."),
        )
        begin = c.datum("begindatum")
        eind = c.datum("einddatum", verplicht=False)
        c.periode(begin, eind)
        c.klaar()
        sleutelwaarden = (leerling.pk, artikel, begin)
        return Kandidaat(
            rij=rij["_rij"],
            sleutel={"leerling_id": leerling.pk, "artikel": artikel, "begindatum": begin},
            waarden={"einddatum": eind},
            bestaand=self.bestaand.get(sleutelwaarden),  # type: ignore[arg-type]
            uniek=[(_("pupil, article and start date"), sleutelwaarden)],
        )


ADRESVELDEN = {"tussenvoegsel": 20, "straat": 200, "huisnummer": 20, "woonplaats": 100}


class Leerlingen(_MetLeerling):
    model = Leerling

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        super().__init__(kolommen, bereik)
        self.gemeenten = Gemeenten()
        from binnenboord.toegang.models import Organisatie

        # municipalities a Leerplicht organisation serves: their pupils are somebody's
        self.bediend = set(
            Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE)
            .exclude(gemeenten=None)
            .values_list("gemeenten", flat=True)
        )
        self.afgewezen: dict[tuple[int, int], list[Any]] = {}

    def voorbereid(self, rijen: list[dict[str, Any]]) -> None:
        leerlingen = self._haal_leerlingen(rijen)
        self.afgewezen = {}
        for melding in Verhuismelding.objects.filter(
            leerling__in=leerlingen, status=Bevestiging.AFGEWEZEN
        ):
            sleutel = (melding.leerling_id, melding.naar_gemeente_id)
            self.afgewezen.setdefault(sleutel, []).append(melding)

    def verhuizing(self, c: Controle, bestaand: Any, waarden: dict[str, Any]) -> Wacht | None:
        """A stored pupil outside this importer's reach is never changed by its import. When
        the row says the pupil now lives in one of the importer's municipalities, the row is a
        reported move (verhuismelding) that the pupil's current Leerplicht confirms; a pupil of
        a municipality no Leerplicht organisation serves simply moves."""
        if bestaand is None or self.bereik.gemeente(bestaand.woongemeente_id):
            return None
        if bestaand.woongemeente_id not in self.bediend:
            return None
        for vorige in self.afgewezen.get((bestaand.pk, waarden["woongemeente_id"]), []):
            if vorige.gegevens.get("waarden") == als_json(waarden):
                c.fout("woongemeente", m_verhuizing_afgewezen() % {
                    "datum": f"{vorige.behandeld_op:%d-%m-%Y}" if vorige.behandeld_op else "",
                    "toelichting": vorige.toelichting,
                })  # fmt: skip
        return Wacht(VERHUIZING, van_gemeente_id=bestaand.woongemeente_id)

    def lees(self, rij: dict[str, Any]) -> Kandidaat:
        c = Controle(rij)
        bsn = None
        if rij.get("bsn"):
            bsn = normaliseer_bsn(rij["bsn"])
            if bsn is None:
                c.fout("bsn", m_bsn() % {"waarde": rij["bsn"]})
        onr = None
        if rij.get("onderwijsnummer"):
            onr = normaliseer_onderwijsnummer(rij["onderwijsnummer"])
            if onr is None:
                c.fout("onderwijsnummer", m_onderwijsnummer() % {"waarde": rij["onderwijsnummer"]})
        if not rij.get("bsn") and not rij.get("onderwijsnummer"):
            c.fout("bsn", m_bsn_of_onderwijsnummer())
        waarden: dict[str, Any] = {
            "voornamen": c.tekst("voornamen", 200, verplicht=True),
            "achternaam": c.tekst("achternaam", 200, verplicht=True),
            "geboortedatum": c.datum("geboortedatum"),
            "woongemeente_id": _gemeente(c, "woongemeente", self.gemeenten, self.bereik),
        }
        for veld, lengte in ADRESVELDEN.items():
            if veld in self.kolommen:
                waarden[veld] = c.tekst(veld, lengte) or ""
        if "postcode" in self.kolommen:
            waarden["postcode"] = self._postcode(c)
        ouders = [o for n in (1, 2) if (o := self._ouder(c, n))]
        bestaand = self._bestaand(c, bsn, onr)
        c.klaar()
        if bsn:
            waarden["bsn"] = bsn
        if onr:
            waarden["onderwijsnummer"] = onr
        wacht = self.verhuizing(c, bestaand, waarden)
        c.klaar()
        uniek: list[tuple[str, tuple[Any, ...]]] = []
        if bsn:
            uniek.append(("BSN", (bsn,)))
        if onr:
            uniek.append((_("education number"), (onr,)))
        sleutel = {"bsn": bsn} if bsn else {"onderwijsnummer": onr}
        return Kandidaat(
            rij=rij["_rij"],
            sleutel=sleutel,
            waarden=waarden,
            bestaand=bestaand,
            uniek=uniek,
            ouders=ouders,
            wacht=wacht,
        )

    def _bestaand(self, c: Controle, bsn: str | None, onr: str | None) -> Any:
        """The stored pupil: by BSN, else by education number (which then gets its BSN)."""
        via_bsn = self.leerlingen.get(("bsn", bsn)) if bsn else None
        via_onr = self.leerlingen.get(("onderwijsnummer", onr)) if onr else None
        if (via_bsn is None and via_onr is not None and bsn and via_onr.bsn) or (
            via_bsn is not None and via_onr is not None and via_onr is not via_bsn
        ):
            c.fout("onderwijsnummer", m_onderwijsnummer_bezet() % {"waarde": onr})
        return via_bsn or via_onr

    def _postcode(self, c: Controle) -> str:
        waarde = c.rij.get("postcode")
        if not waarde:
            return ""
        schoon = normaliseer_postcode(waarde)
        if schoon is None:
            c.fout("postcode", _("%(waarde)s is not a valid postcode.") % {"waarde": waarde})
            return ""
        return schoon

    def _ouder(self, c: Controle, n: int) -> dict[str, str] | None:
        velden = {v: c.rij.get(f"ouder{n}_{v}") or "" for v in OUDERVELDEN}
        if not any(velden.values()):
            return None
        for veld in ("voornamen", "achternaam"):
            if not velden[veld]:
                c.fout(f"ouder{n}_{veld}", m_verplicht() % {"veld": f"ouder{n}_{veld}"})
        for veld, lengte in OUDERVELDEN.items():
            if len(velden[veld]) > lengte:
                c.fout(
                    f"ouder{n}_{veld}", m_te_lang() % {"veld": f"ouder{n}_{veld}", "max": lengte}
                )
        if velden["email"] and not geldig_email(velden["email"]):
            c.fout(
                f"ouder{n}_email",
                _("%(waarde)s is not a valid e-mail address.") % {"waarde": velden["email"]},
            )
        return velden


OUDERVELDEN = {"voornamen": 200, "achternaam": 200, "telefoon": 20, "email": 254}

RIJSOORTEN: dict[str, type[Rijsoort]] = {
    "scholen": Scholen,
    "leerlingen": Leerlingen,
    "inschrijvingen": Inschrijvingen,
    "vrijstellingen": Vrijstellingen,
}
