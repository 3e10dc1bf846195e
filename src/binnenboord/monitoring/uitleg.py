# SPDX-License-Identifier: EUPL-1.2
"""What the figures screens and the PDF say around the tables (issue 17): the headline numbers
at the top of a report, the statistical terms explained in plain words beside the tables that
use them, and the sentence that stands in for a chart with nothing left to draw.

Everything here reads a report as it is shown (suppressed for policy staff and in every
export), so a headline number is exactly the cell of the table it comes from: "< 5" there is
"< 5" here too, in the page, the Excel file and the PDF alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from binnenboord.kern import onderdrukking

from .rapport import Cel, Grafiek, Kolom, Rapport, Tabel

# --- the terms -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Begrip:
    sleutel: str
    term: str
    uitleg: str


BEGRIPPEN: dict[str, Callable[[], Begrip]] = {
    "mediaan": lambda: Begrip(
        "mediaan",
        _("Median"),
        _(
            "The middle value: half of the cases took less time, half took more. A few very "
            "long cases hardly move it, unlike an average."
        ),
    ),
    "percentiel": lambda: Begrip(
        "percentiel",
        _("75th and 90th percentile"),
        _(
            "The 75th percentile: three quarters of the cases took less time, one quarter more. "
            "The 90th: nine in ten took less time. They show how long the slow cases take."
        ),
    ),
    "kaplan_meier": lambda: Begrip(
        "kaplan_meier",
        _("Kaplan–Meier"),
        _(
            "A way to estimate how long it takes until a pupil has a fitting offer that also "
            "counts the cases still running. Leaving those out would make a period with many "
            "open cases look better than it is. The curve shows, week by week, the share of "
            "cases still without a fitting offer."
        ),
    ),
    "gecensureerd": lambda: Begrip(
        "gecensureerd",
        _("Censored"),
        _(
            "A case still running on the reference date, or of a pupil who moved away, is "
            "followed as long as we can: it counts up to its last known day and no further, "
            "because how long it will still take is not known yet. Such a case is called "
            "censored; it is not dropped."
        ),
    ),
    "interval": lambda: Begrip(
        "interval",
        _("95% interval (confidence interval)"),
        _(
            "The range in which the true value lies with 95 percent certainty, given the number of "
            "cases. The fewer the cases, the wider the range: a wide interval means the figure "
            "is uncertain."
        ),
    ),
    "p_waarde": lambda: Begrip(
        "p_waarde",
        _("p-value"),
        _(
            "How likely a difference at least this large is if in reality there were no "
            "difference. Below 0.05 chance alone is an unlikely explanation. It says nothing "
            "about how large or how important the difference is."
        ),
    ),
    "logrank": lambda: Begrip(
        "logrank",
        _("Log-rank test"),
        _(
            "A test that compares two Kaplan–Meier curves over their whole length: does one "
            "group reach a fitting offer faster than the other? Its p-value reads as above."
        ),
    ),
    "verhouding": lambda: Begrip(
        "verhouding",
        _("Ratio"),
        _("One number divided by the other: 1 means equal, 0.5 half as many, 2 twice as many."),
    ),
}

# The terms each table uses (by the table's key), in the order they are explained.
BEGRIPPEN_PER_TABEL: dict[str, tuple[str, ...]] = {
    "doorlooptijd": ("mediaan", "percentiel", "kaplan_meier", "gecensureerd"),
    "km": ("kaplan_meier", "gecensureerd", "interval"),
    "km_vergelijking": ("kaplan_meier", "gecensureerd"),
    "vergelijking": ("mediaan", "kaplan_meier"),
    "toets": ("verhouding", "interval", "p_waarde", "logrank"),
}


def begrippen(tabel: Tabel) -> list[Begrip]:
    """The terms `tabel` uses, each with its plain explanation (empty: none)."""
    return [BEGRIPPEN[sleutel]() for sleutel in BEGRIPPEN_PER_TABEL.get(tabel.sleutel, ())]


# --- the headline numbers --------------------------------------------------------------------


@dataclass(frozen=True)
class Kopcijfer:
    sleutel: str
    label: str
    tekst: str
    # where the number comes from (the table's title), and a term explained under it
    bron: str
    onderdrukt: bool
    uitleg: str = ""


# (key, label, table, row, column, explanation)
_KOPCIJFERS: tuple[tuple[str, Callable[[], str], str, str, str, Callable[[], str]], ...] = (
    (
        "thuiszitters",
        lambda: _("Stay-at-home pupils on the reference date"),
        "categorie",
        "totaal",
        "aantal",
        lambda: "",
    ),
    (
        "nieuw",
        lambda: _("New stay-at-home pupils in the period"),
        "stroom",
        "nieuw",
        "aantal",
        lambda: "",
    ),
    (
        "beeindigd",
        lambda: _("Back in school or otherwise ended in the period"),
        "stroom",
        "beeindigd",
        "aantal",
        lambda: "",
    ),
    (
        "langer",
        lambda: _("At home longer than 3 months"),
        "duur",
        "langer_dan_3_maanden",
        "aantal",
        lambda: "",
    ),
    (
        "mediaan",
        lambda: _("Median days to a fitting offer"),
        "doorlooptijd",
        "km",
        "mediaan",
        lambda: _(
            "Half of the cases that started in the window had a fitting offer within this "
            "many days (Kaplan–Meier: open cases count as long as they run)."
        ),
    ),
)


def kopcijfers(rapport: Rapport) -> list[Kopcijfer]:
    """The headline numbers of `rapport` (as it is shown: suppressed or not), each the very
    cell of the table it comes from."""
    from .exporteren import celtekst

    uitkomst = []
    for sleutel, label, tabel_sleutel, rij, kolom_sleutel, uitleg in _KOPCIJFERS:
        try:
            tabel = rapport.tabel(tabel_sleutel)
            kolom = tabel.kolom(kolom_sleutel)
            cel = tabel.cel(rij, kolom_sleutel)
        except StopIteration:
            continue
        tekst = celtekst(kolom, cel)
        if kolom.soort == "dagen" and not cel.onderdrukt and cel.waarde is None:
            tekst = _("not yet known")
        uitkomst.append(
            Kopcijfer(sleutel, label(), tekst, tabel.titel, cel.onderdrukt, uitleg=uitleg())
        )
    return uitkomst


# --- a chart with nothing to draw ------------------------------------------------------------


def niets_te_tekenen(grafiek: Grafiek, tabel: Tabel) -> str:
    """Why `grafiek` cannot be drawn ("" when it can): every value it would draw is suppressed
    (an empty frame would suggest zero), or there are no values at all."""
    cellen: list[tuple[Kolom, Cel]] = [
        (tabel.kolom(reeks), cel)
        for rij in tabel.rijen
        if not rij.totaal
        for reeks in grafiek.reeksen
        for cel in (tabel.cel(rij.sleutel, reeks),)
    ]
    if any(not c.onderdrukt and c.waarde is not None for _k, c in cellen):
        return ""
    if cellen and all(c.onderdrukt for _k, c in cellen):
        if any(c.beschermend for _k, c in cellen):
            return _(
                "Too little data to show: every value is below %(grens)s or hidden to protect "
                "such a small number."
            ) % {"grens": onderdrukking.GRENS}
        return _("Too little data to show: all values are below %(grens)s.") % {
            "grens": onderdrukking.GRENS
        }
    if any(c.onderdrukt for _k, c in cellen):
        return _("Too little data to show: the values are below %(grens)s or not known yet.") % {
            "grens": onderdrukking.GRENS
        }
    return _("Nothing to show: there are no values for this period yet.")
