# SPDX-License-Identifier: EUPL-1.2
"""The rejection report of one import, as CSV or XLSX: every rejected row with its original
columns, then `rij`, `veld`, `waarde` and `reden`. The importer ignores those four columns, so
the user fixes the rows in the report and uploads it again as it is.

Formula injection (verantwoording.exporteren): in XLSX a value beginning with = + - @, a tab
or a carriage return is written unchanged as a text cell with Excel's quote prefix (as if typed
with a leading '), so it is shown and read back as the same text and never evaluated. In CSV
(`;`, UTF-8 with BOM) such a value gets a leading apostrophe, as every CSV export does."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from binnenboord.registratie.models import Afwijzing, Import
from binnenboord.verantwoording.exporteren import is_formule, onschadelijk_csv

from .kolommen import FORMATEN, RAPPORTKOLOMMEN


def kolommen(import_: Import) -> list[str]:
    """The original columns of the file (in the format's order), then the report's own."""
    eerste = Afwijzing.objects.filter(bestandsimport=import_).values_list("gegevens", flat=True)
    aanwezig = set((eerste.first() or {}).keys())
    formaat = FORMATEN[import_.soort].alle_kolommen
    return [k for k in formaat if k in aanwezig] + list(RAPPORTKOLOMMEN)


def rijen(import_: Import) -> Iterator[list[Any]]:
    namen = kolommen(import_)[: -len(RAPPORTKOLOMMEN)]
    afwijzingen = (
        Afwijzing.objects.filter(bestandsimport=import_)
        .order_by("rij", "pk")
        .values_list("gegevens", "rij", "veld", "waarde", "reden")
        .iterator(chunk_size=5000)
    )
    for gegevens, rij, veld, waarde, reden in afwijzingen:
        yield [*((gegevens or {}).get(k) or "" for k in namen), rij, veld, waarde, reden]


def afwijzingen_csv(import_: Import) -> bytes:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(kolommen(import_))
    schrijver.writerows([onschadelijk_csv(w) for w in rij] for rij in rijen(import_))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def afwijzingen_xlsx(import_: Import) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    boek = Workbook(write_only=True)
    blad = boek.create_sheet(title="afwijzingen")

    def cel(waarde: Any, *, vet: bool = False) -> WriteOnlyCell:
        nieuw = WriteOnlyCell(blad, value=waarde)
        if is_formule(waarde):
            nieuw.data_type = "s"
            nieuw.quotePrefix = True
        if vet:
            nieuw.font = Font(bold=True)
        return nieuw

    blad.append([cel(k, vet=True) for k in kolommen(import_)])
    for rij in rijen(import_):
        blad.append([cel(_geen_stuurtekens(w)) for w in rij])
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


def _geen_stuurtekens(waarde: Any) -> Any:
    """XML cannot hold most control characters; a rejected row may contain them."""
    if isinstance(waarde, str):
        return "".join(t if t >= " " or t in "\t\n\r" else "\ufffd" for t in waarde)
    return waarde
