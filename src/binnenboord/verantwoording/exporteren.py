# SPDX-License-Identifier: EUPL-1.2
"""Formula escaping for every export a person opens in a spreadsheet (CSV injection): one
implementation, used by the melding, monitoring, rejection-report and access-log exports."""

from __future__ import annotations

from typing import Any

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def is_formule(waarde: Any) -> bool:
    """Whether a spreadsheet would read `waarde` as a formula."""
    return isinstance(waarde, str) and waarde.startswith(FORMULETEKENS)


def onschadelijk(waarde: str) -> str:
    """A leading apostrophe keeps a spreadsheet from reading the value as a formula (CSV).
    In XLSX, write the value unchanged as a text cell with the quote prefix instead."""
    return f"'{waarde}" if is_formule(waarde) else waarde


def onschadelijk_csv(waarde: Any) -> Any:
    """onschadelijk() for strings; numbers, dates and None pass unchanged."""
    return onschadelijk(waarde) if isinstance(waarde, str) else waarde
