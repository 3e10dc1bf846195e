# SPDX-License-Identifier: EUPL-1.2
"""Reading a CSV or XLSX file into one table of text values (polars, not Python objects).

The table has one row per non-blank row of the file, a column per known column of the file
(values stripped, empty cells null) and four columns of our own:

- `_rij`: the row's number in the file, the header being row 1 (the Excel row number, and the
  line number of a CSV file without line breaks inside quoted cells);
- `_fout`, `_fout_veld`, `_fout_waarde`: a Dutch reason when the row cannot be read as a row at
  all (a wrong number of fields, an Excel formula), else null.

A file that cannot be read at all raises OnleesbaarBestand with a Dutch message; nothing of it
is used then."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

import polars as pl

from .kolommen import RAPPORTKOLOMMEN, Formaat
from .validatie import melding

XLSX_MAGIE = b"PK\x03\x04"
XLS_MAGIE = b"\xd0\xcf\x11\xe0"
# Rows per polars chunk while reading an XLSX or a CSV with quoted cells.
BLOK = 50_000


class OnleesbaarBestand(Exception):
    """The file cannot be read at all; the message (Dutch) says why."""


@dataclass(frozen=True)
class Tabel:
    rijen: pl.DataFrame
    kolommen: tuple[str, ...]
    """The known columns present in the file (report columns left out), in the file's order."""

    @property
    def aantal(self) -> int:
        return self.rijen.height


def max_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_MB", 100)) * 1024 * 1024


def lees_tabel(bestand: BinaryIO | Path, formaat: Formaat) -> Tabel:
    data = _lees_bytes(bestand)
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise OnleesbaarBestand(_("The file is empty."))
    if data.startswith(XLSX_MAGIE):
        return _lees_xlsx(data, formaat)
    if data.startswith(XLS_MAGIE):
        raise OnleesbaarBestand(
            _("This is an old Excel file (.xls). Save it as .xlsx or as CSV (UTF-8).")
        )
    return _lees_csv(data, formaat)


def _lees_bytes(bestand: BinaryIO | Path) -> bytes:
    grens = max_bytes()
    if isinstance(bestand, Path):
        if bestand.stat().st_size > grens:
            raise _te_groot()
        return bestand.read_bytes()
    data = bestand.read(grens + 1)
    if len(data) > grens:
        raise _te_groot()
    return data


def _te_groot() -> OnleesbaarBestand:
    return OnleesbaarBestand(
        _("The file is larger than %(mb)s MB; split it into smaller files.")
        % {"mb": getattr(settings, "IMPORT_MAX_MB", 100)}
    )


# --- header ---------------------------------------------------------------------------------


def _kop(ruwe_namen: list[str], formaat: Formaat) -> list[str]:
    """Checks the header; returns the normalised column names in the file's order."""
    namen = [n.strip().lstrip("\ufeff").strip().lower() for n in ruwe_namen]
    dubbel = sorted({n for n in namen if namen.count(n) > 1})
    if dubbel:
        raise OnleesbaarBestand(
            _("The column %(kolommen)s appears more than once in the header.")
            % {"kolommen": ", ".join(dubbel)}
        )
    onbekend = [n for n in namen if n not in formaat.kolommen and n not in RAPPORTKOLOMMEN]
    if onbekend:
        raise OnleesbaarBestand(
            _(
                "Unknown column(s) in the header: %(onbekend)s. The columns for %(soort)s are: "
                "%(kolommen)s."
            )
            % {
                "onbekend": ", ".join(n or '""' for n in onbekend),
                "soort": formaat.soort,
                "kolommen": ", ".join(formaat.kolommen),
            }
        )
    ontbrekend = [n for n in formaat.verplicht if n not in namen]
    if ontbrekend:
        raise OnleesbaarBestand(
            _("Required column(s) missing from the header: %(kolommen)s.")
            % {"kolommen": ", ".join(ontbrekend)}
        )
    return namen


def _tabel(rijen: pl.DataFrame, namen: list[str]) -> Tabel:
    bekend = tuple(n for n in namen if n not in RAPPORTKOLOMMEN)
    leeg = pl.all_horizontal(pl.col(n).is_null() for n in namen) if namen else pl.lit(True)
    rijen = rijen.filter(pl.col("_fout").is_not_null() | ~leeg)
    return Tabel(rijen.select("_rij", "_fout", "_fout_veld", "_fout_waarde", *bekend), bekend)


def _schoon(naam: str) -> pl.Expr:
    waarde = pl.col(naam).str.strip_chars()
    return pl.when(waarde == "").then(None).otherwise(waarde).alias(naam)


# --- CSV ------------------------------------------------------------------------------------


def _lees_csv(data: bytes, formaat: Formaat) -> Tabel:
    if b"\x00" in data:
        raise OnleesbaarBestand(_("This is not a CSV or XLSX file."))
    try:
        tekst = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise OnleesbaarBestand(
            _(
                "The file is not UTF-8 text. Save it as CSV UTF-8 (in Excel: "
                '"CSV UTF-8 (door komma\'s gescheiden)") or as XLSX.'
            )
        ) from None
    kopregel = tekst.split("\n", 1)[0].rstrip("\r")
    if not kopregel.strip():
        raise OnleesbaarBestand(_("The file has no header."))
    scheiding = ";" if kopregel.count(";") >= kopregel.count(",") else ","
    if '"' in tekst:
        return _lees_csv_met_aanhalingstekens(tekst, scheiding, formaat)
    namen = _kop(kopregel.split(scheiding), formaat)
    regels = (
        pl.DataFrame({"_regel": [tekst]})
        .select(pl.col("_regel").str.split("\n").explode().str.strip_chars_end("\r"))
        .with_row_index("_rij", offset=1)
        .with_columns(pl.col("_rij").cast(pl.Int64))
        .slice(1)
    )
    aantal = len(namen)
    velden = pl.col("_regel").str.split_exact(scheiding, max(aantal - 1, 0))
    rijen = (
        regels.with_columns(
            _n=pl.col("_regel").str.count_matches(scheiding, literal=True) + 1,
            _v=velden.struct.rename_fields(namen),
        )
        .unnest("_v")
        .with_columns(
            *(_schoon(n) for n in namen),
            _leeg=pl.col("_regel").str.strip_chars() == "",
        )
        .filter(~pl.col("_leeg"))
    )
    fout = pl.col("_n") != aantal
    rijen = rijen.with_columns(
        _fout=pl.when(fout).then(_veldental(pl.col("_n"), aantal)),
        _fout_veld=pl.when(fout).then(pl.lit("")),
        _fout_waarde=pl.when(fout).then(pl.col("_regel")),
    )
    return _tabel(rijen, namen)


def _veldental(gevonden: pl.Expr | int, verwacht: int) -> pl.Expr:
    return melding(
        _("The row has %(gevonden)s fields; the header has %(verwacht)s."),
        gevonden=gevonden,
        verwacht=verwacht,
    )


def _lees_csv_met_aanhalingstekens(tekst: str, scheiding: str, formaat: Formaat) -> Tabel:
    """The slower exact path with Python's csv module, for files with quoted cells."""
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    try:
        kop = next(lezer)
    except (StopIteration, csv.Error):
        raise OnleesbaarBestand(_("The file has no header.")) from None
    namen = _kop(kop, formaat)
    blokken = list(_csv_blokken(lezer, namen, scheiding))
    return _tabel(_samen(blokken, namen), namen)


def _csv_blokken(
    lezer: Iterator[list[str]], namen: list[str], scheiding: str
) -> Iterator[pl.DataFrame]:
    aantal = len(namen)
    rij = 1
    blok: list[tuple[Any, ...]] = []
    try:
        for velden in lezer:
            rij += 1
            if not any(v.strip() for v in velden):
                continue
            if len(velden) == aantal:
                blok.append((rij, None, None, None, *velden))
            else:
                passend = (velden + [""] * aantal)[:aantal]
                fout = _("The row has %(gevonden)s fields; the header has %(verwacht)s.") % {
                    "gevonden": len(velden),
                    "verwacht": aantal,
                }
                blok.append((rij, fout, "", scheiding.join(velden), *passend))
            if len(blok) >= BLOK:
                yield _blok(blok, namen)
                blok = []
    except csv.Error as fout:
        raise OnleesbaarBestand(
            _("The CSV file cannot be read from row %(rij)s on: %(fout)s")
            % {"rij": rij + 1, "fout": fout}
        ) from None
    if blok:
        yield _blok(blok, namen)


def _blok(blok: list[tuple[Any, ...]], namen: list[str]) -> pl.DataFrame:
    schema: dict[str, Any] = {"_rij": pl.Int64}
    schema |= {k: pl.String for k in ("_fout", "_fout_veld", "_fout_waarde", *namen)}
    return pl.DataFrame(blok, schema=schema, orient="row").with_columns(
        *(_schoon(n) for n in namen)
    )


def _samen(blokken: list[pl.DataFrame], namen: list[str]) -> pl.DataFrame:
    if blokken:
        return pl.concat(blokken)
    return _blok([], namen)


# --- XLSX -----------------------------------------------------------------------------------


def _lees_xlsx(data: bytes, formaat: Formaat) -> Tabel:
    # openpyxl parses with defusedxml when it is installed (it is a dependency): no XML bombs.
    import openpyxl

    try:
        boek = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise OnleesbaarBestand(_("This is not a CSV or XLSX file.")) from None
    except Exception:
        raise OnleesbaarBestand(_("The XLSX file cannot be read.")) from None
    try:
        blad = boek.worksheets[0]
        rijen = blad.iter_rows()
        kop = next(rijen, None)
        if kop is None or not any(c.value is not None for c in kop):
            raise OnleesbaarBestand(_("The file has no header."))
        kopwaarden = [_tekst(c.value) or "" for c in kop]
        while kopwaarden and not kopwaarden[-1]:
            kopwaarden.pop()
        namen = _kop(kopwaarden, formaat)
        blokken = list(_xlsx_blokken(rijen, namen))
    except OnleesbaarBestand:
        raise
    except Exception:
        raise OnleesbaarBestand(_("The XLSX file cannot be read.")) from None
    finally:
        boek.close()
    return _tabel(_samen(blokken, namen), namen)


def _xlsx_blokken(rijen: Iterator[Any], namen: list[str]) -> Iterator[pl.DataFrame]:
    aantal = len(namen)
    blok: list[tuple[Any, ...]] = []
    for nummer, cellen in enumerate(rijen, start=2):
        waarden: list[str | None] = []
        formule: tuple[str, str] | None = None
        for k, cel in enumerate(cellen):
            waarde = getattr(cel, "value", None)
            if getattr(cel, "data_type", None) == "f" and formule is None:
                kolom = namen[k] if k < aantal else ""
                formule = (kolom, str(waarde))
                waarde = None
            waarden.append(_tekst(waarde))
        if not any(w and w.strip() for w in waarden) and formule is None:
            continue
        fout: tuple[str | None, str | None, str | None] = (None, None, None)
        if formule is not None:
            fout = (
                _("The cell holds a formula (%(formule)s); formulas are not evaluated. "
                  "Enter the value itself.") % {"formule": formule[1]},
                formule[0],
                formule[1],
            )  # fmt: skip
        elif any(w and w.strip() for w in waarden[aantal:]):
            fout = (
                _("The row has values beyond the last column of the header."),
                "",
                ";".join(w or "" for w in waarden),
            )
        passend = (waarden + [None] * aantal)[:aantal]
        blok.append((nummer, *fout, *passend))
        if len(blok) >= BLOK:
            yield _blok(blok, namen)
            blok = []
    if blok:
        yield _blok(blok, namen)


def _tekst(waarde: Any) -> str | None:
    """A cell value as text, the way a person would have typed it."""
    if waarde is None:
        return None
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, datetime):
        return waarde.date().isoformat() if waarde.time() == time(0) else waarde.isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde)
