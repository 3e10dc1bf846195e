# SPDX-License-Identifier: EUPL-1.2
"""A report's charts as inline SVG (matplotlib, no pyplot state): a bar chart, a line chart or
a step curve (Kaplan–Meier) drawn from the cells of the table shown beside it. Suppressed and
empty cells are not drawn. The SVG carries its own <title> and <desc> (role="img"), keeps its
text as text, scales through its viewBox and is the same byte for byte on every render."""

from __future__ import annotations

import io
import math
import re
import textwrap
import threading
from collections.abc import Sequence
from html import escape
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.typing import RcKeyType

from .rapport import Cel, Grafiek, Kolom, Rij, Tabel

# At least 3:1 against white and against each other's neighbours (WCAG 1.4.11); the series
# also differ in marker and line style, so colour is never the only difference (WCAG 1.4.1).
KLEUREN = ("#1d4f91", "#b3400b", "#2d6a2e", "#6b3fa0", "#4d4d4d", "#8a1c48")
MARKERS = ("o", "s", "^", "D", "v", "P")
LIJNSTIJLEN = ("-", "--", "-.", ":", "-", "--")
TEKSTKLEUR = "#1a1a1a"
ASKLEUR = "#595959"
RASTERKLEUR = "#d9d9d9"

BREEDTE, HOOGTE = 6.4, 3.4  # inches; the SVG scales through its viewBox

_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "text.parse_math": False,
    "text.color": TEKSTKLEUR,
    "axes.edgecolor": ASKLEUR,
    "axes.labelcolor": TEKSTKLEUR,
    "xtick.color": ASKLEUR,
    "ytick.color": ASKLEUR,
    "xtick.labelcolor": TEKSTKLEUR,
    "ytick.labelcolor": TEKSTKLEUR,
}
# rc_context changes process-wide settings: one render at a time keeps a concurrent render
# from restoring another's hash salt halfway (which would break determinism).
_SLOT = threading.Lock()

_ID = re.compile(r' id="([^"]+)"')
_VERWIJZING = re.compile(r'(url\(#|href="#)([^")]+)')
_STIJL = re.compile(r' style="([^"]*)"')


def svg(grafiek: Grafiek, tabel: Tabel, *, id: str) -> str:
    """The chart as an inline <svg> element (no XML declaration, no doctype), safe to mark
    safe: every text is escaped. `id` must be unique on the page; the ids inside derive from
    it."""
    basis = _veilig_id(id)
    with _SLOT, matplotlib.rc_context(_RC | {"svg.hashsalt": basis}):
        rijen = [r for r in tabel.rijen if not r.totaal]
        hoogte = HOOGTE
        if liggend(grafiek, tabel):
            hoogte = max(HOOGTE, 0.8 + 0.32 * len(rijen) * max(1, len(grafiek.reeksen)))
        figuur = Figure(figsize=(BREEDTE, hoogte))
        assen = figuur.add_subplot()
        _opmaak(assen)
        if grafiek.soort == "staaf":
            _staaf(assen, grafiek, tabel, rijen)
        else:
            _lijn(assen, grafiek, tabel, rijen, trap=grafiek.soort == "trap")
        figuur.tight_layout()
        uit = io.StringIO()
        figuur.savefig(
            uit,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    return _toegankelijk(uit.getvalue(), basis, grafiek.titel, grafiek.beschrijving)


# --- drawing ---------------------------------------------------------------------------------


def _opmaak(assen: Axes) -> None:
    for kant in ("top", "right"):
        assen.spines[kant].set_visible(False)
    assen.set_axisbelow(True)
    assen.grid(axis="y", color=RASTERKLEUR, linewidth=0.6)


def liggend(grafiek: Grafiek, tabel: Tabel) -> bool:
    """Bars lie down when there are many or long labels: Dutch category names stay readable
    on one or two lines instead of being broken up under narrow bars."""
    rijen = [r for r in tabel.rijen if not r.totaal]
    langste = max((len(_x_label(tabel, grafiek, r)) for r in rijen), default=0)
    return grafiek.soort == "staaf" and (len(rijen) > 5 or langste * len(rijen) > 90)


def _staaf(assen: Axes, grafiek: Grafiek, tabel: Tabel, rijen: Sequence[Rij]) -> None:
    """One group of bars per row, one bar per series; a suppressed cell gets no bar, only a
    "< 5" at the foot of its place."""
    plat = liggend(grafiek, tabel)
    aantal = len(grafiek.reeksen)
    breedte = 0.8 / max(aantal, 1)
    hoogste = 0.0
    # lying down, the first row is on top
    volgorde = list(reversed(rijen)) if plat else list(rijen)
    for nummer, sleutel in enumerate(grafiek.reeksen):
        kolom = tabel.kolom(sleutel)
        plekken, hoogtes = [], []
        for i, rij in enumerate(volgorde):
            cel = _cel(tabel, rij, sleutel)
            plek = i + ((aantal - 1) / 2 - nummer if plat else nummer - (aantal - 1) / 2) * breedte
            waarde = _getal(cel)
            if waarde is None:
                if cel.onderdrukt:
                    if plat:
                        assen.text(0, plek, " " + cel.tekst, ha="left", va="center", fontsize=8)
                    else:
                        assen.text(plek, 0, cel.tekst, ha="center", va="bottom", fontsize=8)
                continue
            plekken.append(plek)
            hoogtes.append(waarde)
            hoogste = max(hoogste, waarde)
        stijl: dict[str, Any] = {
            "color": KLEUREN[nummer % len(KLEUREN)],
            "hatch": None if nummer == 0 else ("//", "..", "xx", "\\\\", "++")[(nummer - 1) % 5],
            "edgecolor": "white" if nummer else None,
            "label": kolom.label,
        }
        if plat:
            staven = assen.barh(plekken, hoogtes, height=breedte * 0.92, **stijl)
        else:
            staven = assen.bar(plekken, hoogtes, width=breedte * 0.92, **stijl)
        assen.bar_label(staven, labels=[_nl(h, kolom) for h in hoogtes], fontsize=8, padding=2)
    labels = [_x_label(tabel, grafiek, r) for r in volgorde]
    if plat:
        assen.set_yticks(range(len(volgorde)), ["\n".join(textwrap.wrap(t, 34)) for t in labels])
        assen.set_ylim(-0.6, len(volgorde) - 0.4)
        assen.set_xlim(0, hoogste * 1.15 if hoogste > 0 else 1)
        assen.grid(False)
        assen.grid(axis="x", color=RASTERKLEUR, linewidth=0.6)
        _waarde_as(assen.xaxis, tabel.kolom(grafiek.reeksen[0]))
        if aantal == 1:
            assen.set_xlabel(tabel.kolom(grafiek.reeksen[0]).label)
    else:
        assen.set_xticks(range(len(volgorde)), [_afgebroken(t, len(volgorde)) for t in labels])
        assen.set_xlim(-0.6, len(volgorde) - 0.4)
        assen.set_ylim(0, hoogste * 1.15 if hoogste > 0 else 1)
        _y_as(assen, grafiek, tabel)
    if aantal > 1:
        assen.legend(frameon=False, fontsize=8)


def _lijn(assen: Axes, grafiek: Grafiek, tabel: Tabel, rijen: Sequence[Rij], *, trap: bool) -> None:
    """One line (or step curve) per series; a suppressed point is left out (a line breaks
    there, a step curve ends at its last known point)."""
    numeriek = grafiek.x != "label" and all(
        _getal(_cel(tabel, r, grafiek.x)) is not None for r in rijen
    )
    getekend = False
    for nummer, sleutel in enumerate(grafiek.reeksen):
        xs: list[float] = []
        ys: list[float] = []
        for i, rij in enumerate(rijen):
            y = _getal(_cel(tabel, rij, sleutel))
            if trap and y is None:
                continue
            x = _getal(_cel(tabel, rij, grafiek.x)) if numeriek else float(i)
            xs.append(float(x if x is not None else i))
            ys.append(math.nan if y is None else y)
            getekend = getekend or y is not None
        stijl: dict[str, Any] = {
            "color": KLEUREN[nummer % len(KLEUREN)],
            "linestyle": LIJNSTIJLEN[nummer % len(LIJNSTIJLEN)],
            "linewidth": 1.8,
            "label": tabel.kolom(sleutel).label,
        }
        if trap:
            assen.step(xs, ys, where="post", **stijl)
        else:
            assen.plot(xs, ys, marker=MARKERS[nummer % len(MARKERS)], markersize=4, **stijl)
    if numeriek:
        kolom = tabel.kolom(grafiek.x)
        _waarde_as(assen.xaxis, kolom)
        assen.set_xlabel(kolom.label)
        # the whole range of the table, also where later points are hidden
        alle_x = [_getal(_cel(tabel, r, grafiek.x)) or 0.0 for r in rijen]
        if alle_x and max(alle_x) > min(alle_x):
            assen.set_xlim(min(alle_x), max(alle_x))
    elif len(rijen) > 6:
        assen.set_xticks(range(len(rijen)), [_x_label(tabel, grafiek, r) for r in rijen])
        assen.tick_params(axis="x", labelrotation=40)
        for label in assen.get_xticklabels():
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
    else:
        assen.set_xticks(
            range(len(rijen)),
            [_afgebroken(_x_label(tabel, grafiek, r), len(rijen)) for r in rijen],
        )
    if trap:
        assen.set_ylim(0, 1.02)
    elif not getekend:
        assen.set_ylim(0, 1)
    else:
        assen.set_ylim(bottom=0)
    _y_as(assen, grafiek, tabel)
    if len(grafiek.reeksen) > 1:
        assen.legend(frameon=False, fontsize=8)


def _y_as(assen: Axes, grafiek: Grafiek, tabel: Tabel) -> None:
    kolom = tabel.kolom(grafiek.reeksen[0])
    _waarde_as(assen.yaxis, kolom)
    if len(grafiek.reeksen) == 1:
        assen.set_ylabel(_afgebroken(kolom.label, 1))


def _waarde_as(as_: Axis, kolom: Kolom) -> None:
    """Dutch tick labels; whole numbers only for counts and for whole-number columns."""
    if kolom.soort == "fractie":
        as_.set_major_formatter(FuncFormatter(lambda v, _p: _procent(v, 0)))
        return
    as_.set_major_formatter(FuncFormatter(lambda v, _p: _nl(v, kolom)))
    if kolom.soort in ("aantal", "getal"):
        as_.set_major_locator(MaxNLocator(integer=True))


# --- values and text -------------------------------------------------------------------------


def _cel(tabel: Tabel, rij: Rij, kolom: str) -> Cel:
    index = next(i for i, k in enumerate(tabel.kolommen) if k.sleutel == kolom)
    return rij.cellen[index]


def _getal(cel: Cel) -> float | None:
    if cel.onderdrukt or isinstance(cel.waarde, bool):
        return None
    if isinstance(cel.waarde, int | float) and math.isfinite(cel.waarde):
        return float(cel.waarde)
    return None


def _x_label(tabel: Tabel, grafiek: Grafiek, rij: Rij) -> str:
    if grafiek.x == "label":
        return rij.label
    return _cel(tabel, rij, grafiek.x).tekst


def _afgebroken(tekst: str, aantal: int) -> str:
    """Long labels over several lines, narrower the more labels there are."""
    breedte = max(10, min(30, 90 // max(aantal, 1)))
    return "\n".join(textwrap.wrap(tekst, breedte, break_long_words=False)) or tekst


def _nl(waarde: float, kolom: Kolom) -> str:
    """A number as Dutch readers write it: 1.234 and 12,5."""
    if kolom.soort == "fractie":
        return _procent(waarde, 1)
    if float(waarde).is_integer():
        return f"{int(waarde):,}".replace(",", ".")
    tekst = f"{waarde:,.1f}"
    return tekst.replace(",", " ").replace(".", ",").replace(" ", ".")


def _procent(waarde: float, decimalen: int) -> str:
    return f"{waarde * 100:.{decimalen}f}".replace(".", ",") + "%"


# --- the SVG element -------------------------------------------------------------------------


def _veilig_id(tekst: str) -> str:
    veilig = re.sub(r"[^A-Za-z0-9_-]", "-", tekst)
    return veilig if veilig[:1].isalpha() else f"g-{veilig}"


def _toegankelijk(bron: str, basis: str, titel: str, beschrijving: str) -> str:
    """Drop the XML prologue and the page-wide style rule, keep only the ids something refers
    to (prefixed, so several charts can share a page), drop the fixed size in favour of the
    viewBox, and add role, title and description."""
    begin = bron.index("<svg")
    svg_tekst = bron[begin:]
    svg_tekst = re.sub(r"\s*<style[^>]*>.*?</style>", "", svg_tekst, flags=re.S)
    verwezen = {m[2] for m in _VERWIJZING.finditer(svg_tekst)}

    def id_vervangen(match: re.Match[str]) -> str:
        return f' id="{basis}-{match[1]}"' if match[1] in verwezen else ""

    svg_tekst = _ID.sub(id_vervangen, svg_tekst)
    svg_tekst = _VERWIJZING.sub(lambda m: f"{m[1]}{basis}-{m[2]}", svg_tekst)
    svg_tekst = re.sub(r"\s*<defs>\s*</defs>", "", svg_tekst)
    svg_tekst = _STIJL.sub(_als_attributen, svg_tekst)
    kop = re.match(r"<svg[^>]*>", svg_tekst)
    assert kop is not None
    viewbox = re.search(r'viewBox="([^"]+)"', kop[0])
    assert viewbox is not None
    nieuwe_kop = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="{viewbox[1]}" version="1.1" role="img" class="grafiek" '
        f'aria-labelledby="{basis}-titel {basis}-beschrijving">'
        f'\n <title id="{basis}-titel">{escape(titel)}</title>'
        f'\n <desc id="{basis}-beschrijving">{escape(beschrijving)}</desc>'
    )
    return nieuwe_kop + svg_tekst[kop.end() :].rstrip() + "\n"


def _als_attributen(stijl: re.Match[str]) -> str:
    """style="fill: #fff; stroke: #000" as presentation attributes: the same drawing, and a
    page's style sheet parser (WeasyPrint's among them) no longer meets SVG-only properties."""
    delen = []
    for regel in stijl[1].split(";"):
        naam, _sep, waarde = regel.partition(":")
        if naam.strip() and waarde.strip():
            delen.append(f' {naam.strip()}="{waarde.strip()}"')
    return "".join(delen)
