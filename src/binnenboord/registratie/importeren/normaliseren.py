# SPDX-License-Identifier: EUPL-1.2
"""Cleaning one imported value, without the database: a value as the text a person would have
typed, dates, BSN and education number (python-stdnum), branch, BRIN, postcode, e-mail, CBS
code. Each answers the clean value, or None (False) when the value is not one.

tabelcontroles has the same cleaning as polars expressions for a whole column (bsn_expr, ...);
tests/registratie/importeren/test_validatie.py holds the two to the same answers."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from stdnum.nl import brin as brin_nummer
from stdnum.nl import bsn as bsn_nummer
from stdnum.nl import onderwijsnummer as onderwijs_nummer
from stdnum.nl import postcode as postcode_nummer

DATUMFORMATEN = ("%Y-%m-%d", "%d-%m-%Y")


def als_tekst(waarde: object) -> str | None:
    """A value (an Excel cell, a JSON value of the API) as text, the way a person would have
    typed it: ja/nee for a boolean, a date as YYYY-MM-DD, 3.0 as 3; None stays None."""
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


def gemeentecode(waarde: str) -> str | None:
    """The four-digit CBS code in "363", "0363" or "GM0363"; None when the value is no code
    (then it may be the municipality's name)."""
    code = waarde.upper().removeprefix("GM")
    return code.zfill(4) if code.isdigit() and len(code) <= 4 else None


def als_json(waarden: dict[str, Any]) -> dict[str, Any]:
    """The row's values as stored in a held write's JSON (dates as ISO text)."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in waarden.items()}
