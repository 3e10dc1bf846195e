# SPDX-License-Identifier: EUPL-1.2
"""The set-wise checks of an absence table (polars), over the whole file at once: a file of
millions of rows is checked in a few passes, not row by row.

valideer_verzuim() checks formats, then pupil, school and scope, then school day and
enrolment, then the day totals. Every failing row gets every reason of its step
(meldingen: the same words as the row-wise checks), naming its field and value. What it looks
up comes from an Opzoeken (opzoeken.Database reads the database, a few queries per file); this
module asks nothing of the database itself.

The normalisers of normaliseren.py are here once more as polars expressions (bsn_expr, ...);
tests/registratie/importeren/test_validatie.py holds the two to the same answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from django.utils import timezone

import polars as pl

from binnenboord.registratie.models import VERZUIMSOORTEN

from .bereik import BEVESTIGINGSTERMIJN_DAGEN, Bereik
from .meldingen import (
    m_bsn,
    m_bsn_of_onderwijsnummer,
    m_dagtotaal,
    m_datum,
    m_geen_getal,
    m_geen_lesdag,
    m_ja_nee,
    m_lesuur,
    m_lesuur_dubbel,
    m_meerdere_scholen,
    m_negatief,
    m_niet_eigen_school,
    m_niet_ingeschreven,
    m_onbekende_code,
    m_onbekende_leerling,
    m_onbekende_school,
    m_onderwijsnummer,
    m_te_lang,
    m_te_veel_minuten,
    m_verplicht,
    m_verzuimsoort,
    m_vestiging,
    melding,
)
from .normaliseren import DATUMFORMATEN

# A row with hele_dag=ja and no minutes counts the school's day length (School.daglengte_minuten);
# a row per lesson without minutes counts the school's lesson length (School.lesuur_minuten).
MAX_MINUTEN_PER_RIJ = 720
MAX_LESUUR = 24
MAX_MINUTEN_PER_DAG = 24 * 60

InschrijvingenVan = Callable[[list[int], list[int]], pl.DataFrame]
"""(leerling_ids, school_ids) -> (leerling_id, school_id, begindatum, einddatum)."""
LesdagenVan = Callable[[pl.DataFrame], pl.DataFrame]
"""(_sid, _datum) pairs -> the same with _lesdag."""


# --- the normalisers as polars expressions --------------------------------------------------


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


# --- the checks --------------------------------------------------------------------------


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


def _formaatchecks(lesuren: bool) -> list[Check]:
    bsn, onr = pl.col("bsn"), pl.col("onderwijsnummer")
    hele_dag = (pl.col("_hele_dag") == "ja").fill_null(False)
    minuten = pl.col("minuten")
    is_getal = minuten.str.contains(r"^\d+$")
    # minutes are required on a day row without hele_dag=ja; when given they are checked on
    # every row (hele_dag=ja with minutes counts those minutes)
    minutenchecks = [
        Check(
            "minuten",
            minuten.str.contains(r"^-\s*\d+$"),
            melding(m_negatief(), waarde=minuten),
        ),
        Check(
            "minuten",
            minuten.is_not_null() & ~is_getal & ~minuten.str.contains(r"^-\s*\d+$"),
            melding(m_geen_getal(), waarde=minuten),
        ),
        Check(
            "minuten",
            is_getal & (pl.col("_min").is_null() | (pl.col("_min") > MAX_MINUTEN_PER_RIJ)),
            melding(m_te_veel_minuten(), waarde=minuten),
        ),
    ]
    if lesuren:
        lesuur = pl.col("lesuur")
        return [
            *_identiteitchecks(bsn, onr),
            Check("lesuur", lesuur.is_null(), pl.lit(m_verplicht() % {"veld": "lesuur"})),
            Check(
                "lesuur",
                lesuur.is_not_null()
                & (pl.col("_lesuur").is_null() | (pl.col("_lesuur") > MAX_LESUUR)),
                melding(m_lesuur(), waarde=lesuur),
            ),
            Check("code", pl.col("code").is_null(), pl.lit(m_verplicht() % {"veld": "code"})),
            Check(
                "code",
                pl.col("code").str.len_chars() > 50,
                pl.lit(m_te_lang() % {"veld": "code", "max": 50}),
            ),
            *minutenchecks,
        ]
    return [
        *_identiteitchecks(bsn, onr),
        Check(
            "hele_dag",
            pl.col("hele_dag").is_not_null() & ~pl.col("_hele_dag").is_in(["ja", "nee"]),
            melding(m_ja_nee(), waarde=pl.col("hele_dag")),
        ),
        Check(
            "minuten", ~hele_dag & minuten.is_null(), pl.lit(m_verplicht() % {"veld": "minuten"})
        ),
        *minutenchecks,
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


def _identiteitchecks(bsn: pl.Expr, onr: pl.Expr) -> list[Check]:
    """The checks of pupil, school and date that both formats share."""
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
            melding(m_vestiging(), waarde=pl.col("vestiging")),
        ),
        Check("datum", pl.col("datum").is_null(), pl.lit(m_verplicht() % {"veld": "datum"})),
        Check(
            "datum",
            pl.col("datum").is_not_null() & pl.col("_datum").is_null(),
            melding(m_datum(), waarde=pl.col("datum")),
        ),
    ]


def _voorbereid(rijen: pl.DataFrame) -> pl.DataFrame:
    for kolom in (
        "hele_dag",
        "reden_code",
        "onderwijsnummer",
        "minuten",
        "soort",
        "lesuur",
        "code",
    ):
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
            _lesuur=pl.col("lesuur").cast(pl.Int64, strict=False),
            _code=pl.col("code").str.to_lowercase(),
        )
        .collect()
    )


class Opzoeken(Protocol):
    """What the absence checks look up, each once per file."""

    def leerlingen(self, bsns: list[str], onderwijsnummers: list[str]) -> pl.DataFrame:
        """(leerling_id, bsn, onderwijsnummer) of these pupils."""

    def scholen(self) -> pl.DataFrame:
        """(school_id, brin, vestiging, regio, organisatie_id, schoolnaam, daglengte,
        lesuurlengte)."""

    def verzuimcodes(self, school_ids: list[int]) -> pl.DataFrame:
        """(school_id, code (lower case), soort, code_school (as the school wrote it)) of the
        own codes of these schools."""

    def inschrijvingen(self, leerling_ids: list[int], school_ids: list[int]) -> pl.DataFrame:
        """(leerling_id, school_id, begindatum, einddatum) of these pupils at these schools."""

    def lesdagen(self, dagen: pl.DataFrame) -> pl.DataFrame:
        """(_sid, _datum) pairs with _lesdag: whether the day is a lesdag on the school's own
        calendar (region, holidays, its own free days), and _waarom: why not, in words."""
        ...


def valideer_verzuim(rijen: pl.DataFrame, *, bereik: Bereik, bron: Opzoeken) -> VerzuimUitslag:
    """Checks a whole absence file set-wise: formats, then pupil, school and scope, then school
    day and enrolment, then the day totals. A file per lesson (columns lesuur and code,
    kolommen.LESUREN) takes the same steps; its rows get their kind from the school's own
    codes and their minutes from the school's lesson length, and add up to the same day rows."""
    bestandskolommen = [k for k in rijen.columns if not k.startswith("_")]
    lesuren = "lesuur" in rijen.columns
    rijen = _stap(_voorbereid(rijen), _formaatchecks(lesuren))
    open_ = rijen.filter(pl.col("_reden").is_null())
    leerlingen = bron.leerlingen(
        open_.get_column("_bsn").drop_nulls().unique().to_list(),
        open_.get_column("_onr").drop_nulls().unique().to_list(),
    )
    scholen = bron.scholen()
    inschrijvingen_van: InschrijvingenVan = bron.inschrijvingen
    if not bereik.alles:
        leerlingen, bij_eigen = _bekend_bij(leerlingen, scholen, bereik, bron)
        # a school's rows that pass the scope checks are of these pupils at its own schools:
        # their enrolments are read already
        inschrijvingen_van = _uit_frame(bij_eigen)
    rijen = _stap(_koppel(rijen, leerlingen, scholen), _koppelchecks(bereik))
    if lesuren:
        rijen = _per_lesuur(rijen, bron)
    rijen = _met_minuten(rijen, lesuren)
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


def _uit_frame(inschrijvingen: pl.DataFrame) -> InschrijvingenVan:
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
        pl.col("daglengte").alias("_daglengte"),
        pl.col("lesuurlengte").alias("_lesuurlengte"),
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


def _per_lesuur(rijen: pl.DataFrame, bron: Opzoeken) -> pl.DataFrame:
    """The kind of each lesson row from its school's own code (an unknown code rejects the row
    and names the code), and one row per lesson: a second row for the same pupil, day and
    lesson is rejected and names the first."""
    open_ = rijen.filter(pl.col("_reden").is_null())
    codes = bron.verzuimcodes(open_.get_column("_sid").drop_nulls().unique().to_list())
    rijen = rijen.drop("_soort").join(
        codes.select(
            pl.col("school_id").alias("_sid"),
            pl.col("code").alias("_code"),
            pl.col("soort").alias("_soort"),
            pl.col("code_school").alias("_code_school"),
        ),
        on=["_sid", "_code"],
        how="left",
        maintain_order="left",
    )
    rijen = _stap(
        rijen,
        [
            Check(
                "code",
                pl.col("_sid").is_not_null() & pl.col("_soort").is_null(),
                melding(
                    m_onbekende_code(),
                    code=pl.col("code"),
                    school=pl.concat_str(pl.col("_brin"), pl.col("_vestiging")),
                    rij=pl.col("_rij"),
                ),
            )
        ],
    )
    # the first open row of each pupil, day and lesson keeps it
    rijen = rijen.with_columns(
        _eerste=pl.when(pl.col("_reden").is_null())
        .then(pl.col("_rij"))
        .min()
        .over("_lid", "_datum", "_lesuur")
    )
    rijen = _stap(
        rijen,
        [
            Check(
                "lesuur",
                pl.col("_rij") != pl.col("_eerste"),
                melding(
                    m_lesuur_dubbel(),
                    lesuur=pl.col("lesuur"),
                    datum=pl.col("datum"),
                    rij=pl.col("_eerste"),
                ),
            )
        ],
    )
    # the school's own spelling of the code is kept beside the kind, as reden_code
    return rijen.with_columns(reden_code=pl.col("_code_school"))


def _met_minuten(rijen: pl.DataFrame, lesuren: bool) -> pl.DataFrame:
    """What each row counts: the minutes it gives; without them a lesson row its school's
    lesson length and a day row with hele_dag=ja its school's day length."""
    if lesuren:
        minuten = pl.coalesce(pl.col("_min"), pl.col("_lesuurlengte"))
    else:
        minuten = (
            pl.when(pl.col("_hele_dag") == "ja")
            .then(pl.coalesce(pl.col("_min"), pl.col("_daglengte")))
            .otherwise(pl.col("_min"))
        )
    return rijen.with_columns(_minuten=minuten.cast(pl.Int64))


def _context(
    rijen: pl.DataFrame, inschrijvingen_van: InschrijvingenVan, lesdagen_van: LesdagenVan
) -> pl.DataFrame:
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
        lesdagen.select("_sid", "_datum", "_lesdag", "_waarom"),
        on=["_sid", "_datum"],
        how="left",
        maintain_order="left",
    ).join(ingeschreven, on="_rij", how="left", maintain_order="left")


def _contextchecks() -> list[Check]:
    return [
        Check(
            "datum",
            pl.col("_lesdag").not_(),
            melding(m_geen_lesdag(), datum=pl.col("datum"), waarom=pl.col("_waarom")),
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
