# SPDX-License-Identifier: EUPL-1.2
"""The rows of one import as one table of text values (polars), whatever they came from: a
CSV or XLSX file (bestanden.lees_bestand) or Python mappings of column to value, such as the
API's JSON rows (lees_rijen). services.verwerk_rijen checks and stores such a table.

The table has one row per non-blank row, a column per known column (values stripped, empty
values null) and four columns of our own:

- `_rij`: the row's number, the header being row 1 (the Excel row number, the line number of a
  CSV file without line breaks inside quoted cells; the first of a list of mappings is row 2,
  EERSTE_RIJ, as if under a header);
- `_fout`, `_fout_veld`, `_fout_waarde`: a Dutch reason when the row cannot be read as a row at
  all (a wrong number of fields, an Excel formula, a NUL character), else null.

Two repairs keep a corrected rejection report round-trippable and the database safe:

- a value that begins with an apostrophe followed by = + - @ (the formula escape of every CSV
  export, verantwoording.exporteren) loses exactly that one apostrophe, so the value is what the
  school sent; an apostrophe before anything else stays ('t Hooft);
- a NUL character (which PostgreSQL cannot store) rejects its row, naming the field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

import polars as pl

from .kolommen import RAPPORTKOLOMMEN, Formaat
from .meldingen import melding
from .normaliseren import als_tekst

# The value a spreadsheet would run as a formula, behind the apostrophe that escaped it.
ONTSNAPT = r"^'[=+\-@\t\r]"
NUL = "\x00"
EERSTE_RIJ = 2
"""The number of the first row: the row under the header."""


class Onleesbaar(Exception):
    """The rows cannot be read at all; the message (Dutch) says why. Nothing of them is used."""


@dataclass(frozen=True)
class Tabel:
    rijen: pl.DataFrame
    kolommen: tuple[str, ...]
    """The known columns present (report columns left out), in the file's order."""

    @property
    def aantal(self) -> int:
        return self.rijen.height


def max_rijen() -> int:
    """IMPORT_MAX_RIJEN: a file with more rows below its header is refused as a whole."""
    return int(getattr(settings, "IMPORT_MAX_RIJEN", 1_000_000))


def te_veel_rijen() -> str:
    """Why more than max_rijen() rows are refused."""
    return _(
        "The file has more than %(max)s rows; at most %(max)s rows can be imported at once. "
        "Split it into smaller files. Nothing was stored."
    ) % {"max": f"{max_rijen():,}".replace(",", ".")}


def onbekende_kolommen(namen: Iterable[str], formaat: Formaat) -> str | None:
    """Why columns the format does not know refuse all rows (a typo in an optional column
    never drops data silently); the four columns of the rejection report are no such columns.
    None when every column is known."""
    onbekend = [n for n in namen if n not in formaat.kolommen and n not in RAPPORTKOLOMMEN]
    if not onbekend:
        return None
    return _(
        "Unknown column(s) in the header: %(onbekend)s. The columns for %(soort)s are: "
        "%(kolommen)s."
    ) % {
        "onbekend": ", ".join(n or '""' for n in onbekend),
        "soort": formaat.soort,
        "kolommen": ", ".join(formaat.kolommen),
    }


def lees_rijen(rijen: Iterable[Mapping[str, object]], formaat: Formaat) -> Tabel:
    """Rows as Python mappings of column to value, as the table a file with the same rows
    gives: each value as text (normaliseren.als_tekst: true is "ja", 120 is "120"), cleaned like
    a cell. A column missing from a mapping is empty in that row; a column the format does not
    know refuses all rows, as in a file's header (raises Onleesbaar)."""
    lijst = list(rijen)
    if len(lijst) > max_rijen():
        raise Onleesbaar(te_veel_rijen())
    aanwezig = {k for rij in lijst for k in rij}
    formaat = formaat.voor(aanwezig)
    if (fout := onbekende_kolommen(sorted(aanwezig), formaat)) is not None:
        raise Onleesbaar(fout)
    # the format's order; a required column nobody sent is there, empty
    namen = [k for k in formaat.kolommen if k in aanwezig]
    namen += [k for k in formaat.verplicht if k not in aanwezig]
    waarden = [
        (nummer, None, None, None, *(als_tekst(rij.get(k)) for k in namen))
        for nummer, rij in enumerate(lijst, start=EERSTE_RIJ)
    ]
    nul = any(isinstance(w, str) and NUL in w for rij in waarden for w in rij[4:])
    return maak_tabel(tekstframe(waarden, namen), namen, nul=nul)


# --- shared with the file readers (bestanden) -----------------------------------------------


def maak_tabel(rijen: pl.DataFrame, namen: list[str], *, nul: bool = False) -> Tabel:
    """Drops the blank rows and the report's columns. nul: whether the rows hold a NUL
    character at all (a fast byte search), so that the per-cell search runs only then."""
    bekend = tuple(n for n in namen if n not in RAPPORTKOLOMMEN)
    leeg = pl.all_horizontal(pl.col(n).is_null() for n in namen) if namen else pl.lit(True)
    rijen = rijen.filter(pl.col("_fout").is_not_null() | ~leeg)
    rijen = rijen.select("_rij", "_fout", "_fout_veld", "_fout_waarde", *bekend)
    if nul:
        rijen = _zonder_nul(rijen, bekend)
    return Tabel(rijen, bekend)


def tekstframe(rijen: list[tuple[Any, ...]], namen: list[str]) -> pl.DataFrame:
    """Rows of (_rij, _fout, _fout_veld, _fout_waarde, value per column) as a frame of cleaned
    text values."""
    schema: dict[str, Any] = {"_rij": pl.Int64}
    schema |= {k: pl.String for k in ("_fout", "_fout_veld", "_fout_waarde", *namen)}
    return pl.DataFrame(rijen, schema=schema, orient="row").with_columns(
        *(schoon(n) for n in namen)
    )


def samen(blokken: list[pl.DataFrame], namen: list[str]) -> pl.DataFrame:
    if blokken:
        return pl.concat(blokken)
    return tekstframe([], namen)


def schoon(naam: str) -> pl.Expr:
    """A cell stripped, its formula escape removed, and null when empty."""
    waarde = pl.col(naam).str.strip_chars()
    waarde = (
        pl.when(waarde.str.contains(ONTSNAPT))
        .then(waarde.str.slice(1).str.strip_chars())
        .otherwise(waarde)
    )
    return pl.when(waarde == "").then(None).otherwise(waarde).alias(naam)


def _zonder_nul(rijen: pl.DataFrame, namen: tuple[str, ...]) -> pl.DataFrame:
    """Rejects a row with a NUL character in a field (naming the first such field), and
    replaces every NUL by U+FFFD so that the rejected row can be stored and shown."""
    if not namen:
        return rijen
    met_nul = [pl.col(n).str.contains(NUL, literal=True).fill_null(False) for n in namen]
    eerste = pl.coalesce(*(pl.when(m).then(pl.lit(n)) for m, n in zip(met_nul, namen, strict=True)))
    nieuw = pl.col("_fout").is_null() & pl.any_horizontal(met_nul)
    vervangen = "\ufffd"
    return rijen.with_columns(
        _fout=pl.when(nieuw)
        .then(
            melding(
                _(
                    "The field %(veld)s holds an invisible NUL character; remove it (retype "
                    "the value) and import the row again."
                ),
                veld=eerste,
            )
        )
        .otherwise(pl.col("_fout")),
        _fout_veld=pl.when(nieuw).then(eerste).otherwise(pl.col("_fout_veld")),
        _fout_waarde=pl.when(nieuw)
        .then(
            pl.coalesce(*(pl.when(m).then(pl.col(n)) for m, n in zip(met_nul, namen, strict=True)))
        )
        .otherwise(pl.col("_fout_waarde"))
        .str.replace_all(NUL, vervangen, literal=True),
    ).with_columns(pl.col(n).str.replace_all(NUL, vervangen, literal=True) for n in namen)
