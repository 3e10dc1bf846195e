# SPDX-License-Identifier: EUPL-1.2
"""Reading a CSV or XLSX file into the table of its rows (tabel.Tabel: text values in polars,
not Python objects), with the header checked against the import kind's format (kolommen).

A file that cannot be read at all raises OnleesbaarBestand with a Dutch message; nothing of it
is used then. What a file really is comes from its first bytes (herken()), never from its name or
the browser's content type: a PNG named .csv is refused as a PNG. tabel.py describes the table
and the two repairs of a cell (the formula escape, a NUL character)."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

import polars as pl

from .kolommen import Formaat
from .meldingen import melding
from .normaliseren import als_tekst
from .tabel import (
    NUL,
    Onleesbaar,
    Tabel,
    maak_tabel,
    max_rijen,
    onbekende_kolommen,
    samen,
    schoon,
    te_veel_rijen,
    tekstframe,
)

XLSX_MAGIE = b"PK\x03\x04"
XLS_MAGIE = b"\xd0\xcf\x11\xe0"
# Bytes looked at to tell what a file really is.
KOPBYTES = 8192
# An XLSX (zipped XML) larger than this many times the upload limit (IMPORT_MAX_MB) once
# unpacked is refused unread: a zip bomb unpacks to thousands of times its size. A real workbook
# unpacks to about ten times its own size, so one near the upload limit is refused too: such a
# file would also pass IMPORT_MAX_RIJEN (split it, or send it as CSV).
MAX_UITPAKFACTOR = 5
# Rows per polars chunk while reading an XLSX or a CSV with quoted cells.
BLOK = 50_000


class OnleesbaarBestand(Onleesbaar):
    """The file cannot be read at all; the message (Dutch) says why."""


class BeschadigdArchief(OnleesbaarBestand):
    """The file starts like a zip archive (XLSX) but is not a complete one."""


def max_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_MB", 100)) * 1024 * 1024


def lees_bestand(bestand: BinaryIO | Path, formaat: Formaat) -> Tabel:
    data = _lees_bytes(bestand)
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise OnleesbaarBestand(_("The file is empty."))
    soort = herken(data[:KOPBYTES])
    if soort == "xlsx":
        return _lees_xlsx(data, formaat)
    if soort != "tekst":
        raise OnleesbaarBestand(geen_tabel(soort))
    return _lees_csv(data, formaat)


# --- what a file really is ------------------------------------------------------------------

_MAGIE: tuple[tuple[bytes, str], ...] = (
    (XLSX_MAGIE, "xlsx"),
    (b"PK\x05\x06", "xlsx"),  # an empty zip archive: the XLSX reader says what is wrong
    (XLS_MAGIE, "xls"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"%PDF-", "pdf"),
    (b"\x1f\x8b", "gzip"),
    (b"{\\rtf", "rtf"),
    (b"\xff\xfe", "utf16"),
    (b"\xfe\xff", "utf16"),
)


def herken(begin: bytes) -> str:
    """What the file that starts with `begin` really is: "xlsx" (a zip archive), "tekst" (to be
    read as CSV) or the kind of file that cannot be imported ("png", "pdf", "utf16", "binair",
    ...). A few NUL characters in text leave it "tekst": the row that holds one is rejected."""
    for magie, soort in _MAGIE:
        if begin.startswith(magie):
            return soort
    if not begin:
        return "tekst"
    nullen = begin.count(0)
    # UTF-16 without a byte order mark: every other byte of ASCII text is a NUL
    if nullen * 3 >= len(begin) and (
        begin[1::2].count(0) * 4 >= len(begin) or begin[0::2].count(0) * 4 >= len(begin)
    ):
        return "utf16"
    stuurtekens = sum(1 for b in begin if b < 32 and b not in (9, 10, 13))
    if stuurtekens * 10 > len(begin):
        return "binair"
    return "tekst"


def geen_tabel(soort: str) -> str:
    """The Dutch reason why a file of this kind (from herken()) cannot be imported."""
    if soort == "xls":
        return _("This is an old Excel file (.xls). Save it as .xlsx or as CSV (UTF-8).")
    if soort == "utf16":
        return _(
            'The file is UTF-16 text (in Excel: "Unicode text"). Save it as CSV UTF-8 '
            '(in Excel: "CSV UTF-8 (door komma\'s gescheiden)") or as XLSX.'
        )
    namen = {
        "png": _("a PNG image"),
        "jpeg": _("a JPEG image"),
        "gif": _("a GIF image"),
        "pdf": _("a PDF document"),
        "gzip": _("a compressed (gzip) file"),
        "rtf": _("a Word (RTF) document"),
    }
    if soort in namen:
        return _("This is not a CSV or XLSX file but %(soort)s.") % {"soort": namen[soort]}
    return _("This is not a CSV or XLSX file.")


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
    formaat = formaat.voor(namen)
    if (fout := onbekende_kolommen(namen, formaat)) is not None:
        raise OnleesbaarBestand(fout)
    ontbrekend = [n for n in formaat.verplicht if n not in namen]
    if ontbrekend:
        raise OnleesbaarBestand(
            _("Required column(s) missing from the header: %(kolommen)s.")
            % {"kolommen": ", ".join(ontbrekend)}
        )
    return namen


# --- CSV ------------------------------------------------------------------------------------


def _lees_csv(data: bytes, formaat: Formaat) -> Tabel:
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
    # the rows below the header (the split leaves one empty line after a final line break)
    if regels.height - int(tekst.endswith("\n")) > max_rijen():
        raise OnleesbaarBestand(te_veel_rijen())
    aantal = len(namen)
    velden = pl.col("_regel").str.split_exact(scheiding, max(aantal - 1, 0))
    rijen = (
        regels.with_columns(
            _n=pl.col("_regel").str.count_matches(scheiding, literal=True) + 1,
            _v=velden.struct.rename_fields(namen),
        )
        .unnest("_v")
        .with_columns(
            *(schoon(n) for n in namen),
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
    return maak_tabel(rijen, namen, nul=NUL in tekst)


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
    except StopIteration:
        raise OnleesbaarBestand(_("The file has no header.")) from None
    except csv.Error as fout:
        raise OnleesbaarBestand(_csv_fout(fout, 1)) from None
    namen = _kop(kop, formaat)
    laatste: list[int] = [1]
    blokken = list(_csv_blokken(lezer, namen, scheiding, laatste))
    if _open_aanhalingsteken(tekst, laatste[0], scheiding):
        raise OnleesbaarBestand(
            _(
                'The quote (") that opens a cell in row %(rij)s is never closed, so the rest of '
                "the file would be read as one cell. Close the quote or remove it."
            )
            % {"rij": laatste[0] + 1}
        )
    return maak_tabel(samen(blokken, namen), namen, nul=NUL in tekst)


def _csv_fout(fout: csv.Error, rij: int) -> str:
    if "field larger than field limit" in str(fout):
        return _(
            'A cell that begins in row %(rij)s is longer than %(max)s characters. A quote (") '
            "that is never closed usually causes this."
        ) % {"rij": rij, "max": f"{csv.field_size_limit():,}".replace(",", ".")}
    return _("The CSV file cannot be read from row %(rij)s on: %(fout)s") % {
        "rij": rij,
        "fout": fout,
    }


def _open_aanhalingsteken(tekst: str, regel: int, scheiding: str) -> bool:
    """Whether the last record (from line `regel` on, 0-based) ends inside a quoted cell: the
    lenient reader then reads the rest of the file into that cell without complaint."""
    staart = "".join(itertools.islice(io.StringIO(tekst, newline=""), regel, None))
    if '"' not in staart:
        return False
    try:
        for _rij in csv.reader(io.StringIO(staart, newline=""), delimiter=scheiding, strict=True):
            pass
    except csv.Error as fout:
        return "unexpected end of data" in str(fout)
    return False


def _csv_blokken(
    lezer: Any, namen: list[str], scheiding: str, laatste: list[int]
) -> Iterator[pl.DataFrame]:
    """The rows in blocks; `laatste[0]` is left at the line (0-based) where the last record
    began."""
    aantal = len(namen)
    rij = 1
    grens = max_rijen()
    blok: list[tuple[Any, ...]] = []
    while True:
        begin = lezer.line_num
        try:
            velden = next(lezer)
        except StopIteration:
            break
        except csv.Error as leesfout:
            raise OnleesbaarBestand(_csv_fout(leesfout, begin + 1)) from None
        laatste[0] = begin
        rij += 1
        if rij - 1 > grens:
            raise OnleesbaarBestand(te_veel_rijen())
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
            yield tekstframe(blok, namen)
            blok = []
    if blok:
        yield tekstframe(blok, namen)


# --- XLSX -----------------------------------------------------------------------------------


def _lees_xlsx(data: bytes, formaat: Formaat) -> Tabel:
    # openpyxl parses with defusedxml when it is installed (it is a dependency): no XML bombs.
    import openpyxl

    controleer_xlsx(io.BytesIO(data))
    try:
        boek = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise OnleesbaarBestand(_("This is not a CSV or XLSX file.")) from None
    except Exception:
        raise OnleesbaarBestand(_("The XLSX file cannot be read.")) from None
    try:
        if not boek.worksheets:
            raise OnleesbaarBestand(_("The Excel file has no worksheet."))
        blad = boek.worksheets[0]
        rijen = blad.iter_rows()
        kop = next(rijen, None)
        if kop is None or not any(c.value is not None for c in kop):
            raise OnleesbaarBestand(
                _(
                    "The first worksheet (%(blad)s) has no column names in row 1. Only the first "
                    "worksheet is imported."
                )
                % {"blad": blad.title}
            )
        kopwaarden = [als_tekst(c.value) or "" for c in kop]
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
    return maak_tabel(samen(blokken, namen), namen)


def controleer_xlsx(bron: BinaryIO) -> None:
    """A damaged archive, a zip that is no workbook, or one that unpacks to far more than any
    real workbook (a zip bomb) is refused before openpyxl opens it. Reads only the archive's
    directory."""
    try:
        with zipfile.ZipFile(bron) as archief:
            inhoud = archief.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise BeschadigdArchief(_("This is not a CSV or XLSX file.")) from None
    namen = {i.filename for i in inhoud}
    if "xl/workbook.xml" not in namen:
        if "word/document.xml" in namen:
            soort = _("a Word document")
        elif "ppt/presentation.xml" in namen:
            soort = _("a PowerPoint presentation")
        elif "content.xml" in namen:
            soort = _("an OpenDocument file; save it as .xlsx")
        else:
            soort = _("a ZIP archive")
        raise OnleesbaarBestand(
            _("This is not a CSV or XLSX file but %(soort)s.") % {"soort": soort}
        )
    if sum(i.file_size for i in inhoud) > MAX_UITPAKFACTOR * max_bytes():
        raise OnleesbaarBestand(
            _("The Excel file unpacks to more than %(mb)s MB; split it into smaller files.")
            % {"mb": MAX_UITPAKFACTOR * int(getattr(settings, "IMPORT_MAX_MB", 100))}
        )


def _xlsx_blokken(rijen: Iterator[Any], namen: list[str]) -> Iterator[pl.DataFrame]:
    aantal = len(namen)
    blok: list[tuple[Any, ...]] = []
    grens = max_rijen()
    for nummer, cellen in enumerate(rijen, start=2):
        if nummer - 1 > grens:
            raise OnleesbaarBestand(te_veel_rijen())
        waarden: list[str | None] = []
        formule: tuple[str, str] | None = None
        for k, cel in enumerate(cellen):
            waarde = getattr(cel, "value", None)
            if getattr(cel, "data_type", None) == "f" and formule is None:
                kolom = namen[k] if k < aantal else ""
                formule = (kolom, str(waarde))
                waarde = None
            waarden.append(als_tekst(waarde))
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
            yield tekstframe(blok, namen)
            blok = []
    if blok:
        yield tekstframe(blok, namen)
