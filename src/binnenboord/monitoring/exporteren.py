# SPDX-License-Identifier: EUPL-1.2
"""A report as a file that leaves the system: Excel (one sheet per table, numbers as
numbers), CSV (one long table), JSON and an accessible PDF (PDF/UA-1). Every export
suppresses small numbers itself (`Rapport.onderdrukt()`), whatever it is given: what leaves
the system never holds a count below 5 or the ids behind a count. The caller checks access."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, Literal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from binnenboord.signalering.exporteren import onschadelijk

from . import grafieken
from .rapport import Cel, Kolom, Rapport, RapportSoort, Tabel
from .rapport import als_json as rapport_als_json
from .uitleg import begrippen, kopcijfers, niets_te_tekenen

Formaat = Literal["xlsx", "pdf", "csv", "json"]
FORMATEN: tuple[Formaat, ...] = ("xlsx", "pdf", "csv", "json")
MEDIATYPES: dict[Formaat, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
# The names the source texts give the three standing reports (for file names).
NAAM_VAN_SOORT: dict[RapportSoort, str] = {
    "maand": "maandrapportage",
    "kernpartners": "kernpartneroverleg",
    "jaar": "jaarverslag",
}


def bestandsnaam(rapport: Rapport, formaat: str) -> str:
    """E.g. binnenboord-maandrapportage-gemeente-0363-2026-10-01-2026-10-31.xlsx."""
    scope = slugify(rapport.scope.tekst.replace(":", "-"))
    periode = f"{rapport.periode.van.isoformat()}-{rapport.periode.tot.isoformat()}"
    return f"binnenboord-{NAAM_VAN_SOORT[rapport.soort]}-{scope}-{periode}.{formaat}"


def exporteer(rapport: Rapport, formaat: Formaat) -> bytes:
    """The report in one of FORMATEN (suppressed)."""
    schrijvers: dict[Formaat, Callable[[Rapport], bytes]] = {
        "xlsx": als_xlsx,
        "pdf": als_pdf,
        "csv": als_csv,
        "json": als_json,
    }
    return schrijvers[formaat](rapport)


def onderdrukkingsnoot() -> str:
    return _(
        'Counts below 5 show as "< 5", and a figure computed over fewer than 5 records as '
        '"n < 5". Where a total or a share would give such a count back, another cell is '
        'hidden too and shows as "x".'
    )


def celtekst(kolom: Kolom, cel: Cel) -> str:
    """A value as a person reads it: Dutch number format, a fraction as a percentage."""
    if cel.onderdrukt:
        return cel.tekst
    if kolom.soort == "fractie" and isinstance(cel.waarde, int | float):
        return f"{cel.waarde * 100:.1f}".replace(".", ",") + "%"
    if isinstance(cel.waarde, int) and not isinstance(cel.waarde, bool):
        return f"{cel.waarde:,}".replace(",", ".")
    if isinstance(cel.waarde, float) and kolom.soort == "dagen":
        return f"{cel.waarde:.1f}".replace(".", ",")
    return cel.tekst


def _is_getal(waarde: object) -> bool:
    return isinstance(waarde, int | float) and not isinstance(waarde, bool)


def _kopgegevens(rapport: Rapport) -> list[tuple[str, str]]:
    # the scope by its name ("Gemeente Demodam"), never its code (issue 17)
    return [
        (_("Period"), rapport.periode.label),
        (_("Figures of"), rapport.scope.naam),
        (_("Peildatum"), f"{rapport.peildatum:%d-%m-%Y}"),
        (_("Made on"), f"{timezone.localtime(rapport.gemaakt_op):%d-%m-%Y %H:%M}"),
    ]


# --- JSON and CSV ----------------------------------------------------------------------------


def als_json(rapport: Rapport) -> bytes:
    gegevens = rapport_als_json(rapport.onderdrukt())
    return json.dumps(gegevens, ensure_ascii=False, indent=2).encode()


def als_csv(rapport: Rapport) -> bytes:
    """One row per cell: section, table, row, column, value. Semicolons, a decimal comma and a
    BOM, as Dutch spreadsheets expect (like the melding CSV); text is escaped against formula
    injection, numbers are left as they are (a negative difference is no formula)."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(["sectie", "tabel", "rij", "kolom", "waarde"])
    for sectie, tabel, rij_label, kolom, cel in _cellen(rapport.onderdrukt()):
        schrijver.writerow(
            [
                onschadelijk(sectie),
                onschadelijk(tabel.titel),
                onschadelijk(rij_label),
                onschadelijk(kolom.label),
                _csv_waarde(cel),
            ]
        )
    return uit.getvalue().encode("utf-8-sig")


def _cellen(rapport: Rapport) -> Iterator[tuple[str, Tabel, str, Kolom, Cel]]:
    for sectie in rapport.secties:
        for tabel in sectie.tabellen:
            for rij in tabel.rijen:
                for kolom, cel in zip(tabel.kolommen, rij.cellen, strict=True):
                    yield sectie.titel, tabel, rij.label, kolom, cel


def _csv_waarde(cel: Cel) -> str:
    if cel.onderdrukt:
        return cel.tekst
    if cel.waarde is None:
        return ""
    if isinstance(cel.waarde, float):
        return repr(cel.waarde).replace(".", ",")
    if isinstance(cel.waarde, int):
        return str(cel.waarde)
    return onschadelijk(cel.waarde)


# --- Excel -----------------------------------------------------------------------------------

VERBODEN_IN_BLADNAAM = re.compile(r"[\[\]:*?/\\]")
# Excel allows at most 31 characters in a sheet name: each table has a short, whole name of
# its own (a table's title cut off at 31 would read "Thuiszitters op de peildatum naa").
BLADLENGTE = 31
BLADNAMEN: dict[str, Callable[[], str]] = {
    "categorie": lambda: _("At home by category"),
    "verborgen": lambda: _("Hidden stay-at-home pupils"),
    "duur": lambda: _("At home by duration"),
    "schoolsoort": lambda: _("At home by kind of school"),
    "leeftijd": lambda: _("At home by age"),
    "stroom": lambda: _("In and out"),
    "vrijstellingen": lambda: _("Exemptions by article"),
    "per_school": lambda: _("At home per school"),
    "signalen": lambda: _("Signals by kind"),
    "meldingen": lambda: _("Reports by kind"),
    "normen": lambda: _("Deadlines"),
    "escalaties": lambda: _("Escalations"),
    "doorlooptijd": lambda: _("Lead time"),
    "km": lambda: _("Time to offer (Kaplan-Meier)"),
    "uitkomsten": lambda: _("Outcomes of closed cases"),
    "vrijstellingen_5a": lambda: _("Art. 5 under a per month"),
    "terugkoppeling_na_uvo_ouder": lambda: _("Parents after the UVO"),
    "terugkoppeling_na_uvo_leerling": lambda: _("Pupils after the UVO"),
    "terugkoppeling_afsluiting_ouder": lambda: _("Parents at closing"),
    "terugkoppeling_afsluiting_leerling": lambda: _("Pupils at closing"),
    "vergelijking": lambda: _("Comparison"),
    "km_vergelijking": lambda: _("Both curves"),
    "toets": lambda: _("Uncertainty"),
}
GETALFORMAAT = {"aantal": "#,##0", "dagen": "#,##0.0", "fractie": "0.0%", "getal": "#,##0.##"}


def als_xlsx(rapport: Rapport) -> bytes:
    """A first sheet with what the report is, then one sheet per table: its title, the header
    row (bold), the rows with numbers as numbers and "< 5" as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rapport = rapport.onderdrukt()
    boek = Workbook()
    boek.properties.title = rapport.titel
    boek.properties.creator = "Binnenboord"
    boek.properties.language = "nl"
    voorblad = boek.active
    assert voorblad is not None
    voorblad.title = "Rapport"
    voorblad.append([onschadelijk(rapport.titel)])
    voorblad["A1"].font = Font(bold=True, size=14)
    voorblad.append([])
    for label, waarde in _kopgegevens(rapport):
        voorblad.append([label, onschadelijk(waarde)])
        voorblad.cell(voorblad.max_row, 1).font = Font(bold=True)
    voorblad.append([])
    voorblad.append([_("At a glance")])
    voorblad.cell(voorblad.max_row, 1).font = Font(bold=True)
    for k in kopcijfers(rapport):
        voorblad.append([k.label, k.tekst])
    voorblad.append([])
    voorblad.append([onderdrukkingsnoot()])
    voorblad.append([])
    voorblad.append([_("Section"), _("Table"), _("Sheet")])
    for cel in voorblad[voorblad.max_row]:
        cel.font = Font(bold=True)

    namen: set[str] = {voorblad.title.lower(), "history"}
    for sectie in rapport.secties:
        for tabel in sectie.tabellen:
            naam = _bladnaam(bladnaam(tabel), namen)
            voorblad.append([onschadelijk(sectie.titel), onschadelijk(tabel.titel), naam])
            _tabelblad(boek.create_sheet(naam), tabel, Alignment, Font)
    voorblad.column_dimensions["A"].width = 28
    voorblad.column_dimensions["B"].width = 48
    voorblad.column_dimensions["C"].width = 32

    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def bladnaam(tabel: Tabel) -> str:
    """The sheet name `tabel` is meant to have: its short name, or its title when it has none
    (a table added later) and that fits."""
    kort = BLADNAMEN.get(tabel.sleutel)
    return kort() if kort is not None else tabel.titel


def _bladnaam(titel: str, bezet: set[str]) -> str:
    """A legal, unique sheet name: at most 31 characters, none of []:*?/\\, no apostrophe at
    either end, unique ignoring case (as Excel compares them)."""
    basis = VERBODEN_IN_BLADNAAM.sub(" ", titel).strip().strip("'").strip() or _("Table")
    naam = basis[:31].rstrip()
    volgnummer = 1
    while naam.lower() in bezet:
        volgnummer += 1
        achtervoegsel = f" ({volgnummer})"
        naam = basis[: 31 - len(achtervoegsel)].rstrip() + achtervoegsel
    bezet.add(naam.lower())
    return naam


def _tabelblad(blad: Any, tabel: Tabel, alignment: Any, font: Any) -> None:
    blad.append([onschadelijk(tabel.titel)])
    blad["A1"].font = font(bold=True, size=12)
    blad.append([onschadelijk(tabel.toelichting)] if tabel.toelichting else [])
    blad.append(["", *(onschadelijk(k.label) for k in tabel.kolommen)])
    for cel in blad[3]:
        cel.font = font(bold=True)
        cel.alignment = alignment(wrap_text=True, vertical="top")
    breedtes = [max((len(r.label) for r in tabel.rijen), default=0)] + [
        len(k.label) for k in tabel.kolommen
    ]
    for rij in tabel.rijen:
        blad.append([onschadelijk(rij.label), *(_xlsx_waarde(c) for c in rij.cellen)])
        regel = blad.max_row
        for i, (kolom, cel) in enumerate(zip(tabel.kolommen, rij.cellen, strict=True), start=2):
            vak = blad.cell(regel, i)
            if _is_getal(vak.value):
                vak.number_format = GETALFORMAAT.get(kolom.soort, "General")
            elif cel.onderdrukt:
                vak.alignment = alignment(horizontal="right")
            breedtes[i - 1] = max(breedtes[i - 1], len(celtekst(kolom, cel)))
        if rij.totaal:
            for vak in blad[regel]:
                vak.font = font(bold=True)
    for i, breedte in enumerate(breedtes, start=1):
        letter = blad.cell(3, i).column_letter
        blad.column_dimensions[letter].width = min(max(breedte + 2, 10), 60)
    blad.freeze_panes = "B4"


def _xlsx_waarde(cel: Cel) -> int | float | str | None:
    if cel.onderdrukt:
        return cel.tekst
    if isinstance(cel.waarde, str):
        return onschadelijk(cel.waarde)
    return cel.waarde


# --- PDF -------------------------------------------------------------------------------------


def als_pdf(rapport: Rapport) -> bytes:
    """The report on A4 as a tagged PDF (PDF/UA-1): per section its tables, each chart as
    vector graphics above the table it is drawn from, page numbers and the suppression note
    in the footer."""
    # WeasyPrint loads Pango and fonts on import: only when a PDF is asked for.
    from weasyprint import HTML

    rapport = rapport.onderdrukt()
    html = render_to_string("monitoring/rapport_pdf.html", pdf_context(rapport))
    return bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))


def pdf_context(rapport: Rapport) -> dict[str, Any]:
    """What the PDF template shows (of an already suppressed report)."""
    secties = []
    for s_index, sectie in enumerate(rapport.secties):
        blokken = []
        for tabel in sectie.tabellen:
            grafieklijst = []
            for g in sectie.grafieken:
                if g.tabel != tabel.sleutel:
                    continue
                leeg = niets_te_tekenen(g, tabel)
                grafieklijst.append(
                    {
                        "titel": g.titel,
                        "leeg": leeg,
                        # safe: grafieken.svg escapes every text
                        "svg": mark_safe(
                            ""
                            if leeg
                            else grafieken.svg(g, tabel, id=f"grafiek-{s_index}-{g.sleutel}")
                        ),
                        "beschrijving": g.beschrijving,
                    }
                )
            blokken.append(
                {
                    "tabel": tabel,
                    "grafieken": grafieklijst,
                    "begrippen": begrippen(tabel),
                    "rijen": [
                        {
                            "rij": rij,
                            "cellen": [
                                {"tekst": celtekst(k, c), "rechts": k.soort != "tekst"}
                                for k, c in zip(tabel.kolommen, rij.cellen, strict=True)
                            ],
                        }
                        for rij in tabel.rijen
                    ],
                }
            )
        secties.append({"sectie": sectie, "blokken": blokken})
    noot = onderdrukkingsnoot()
    return {
        "rapport": rapport,
        "kopgegevens": _kopgegevens(rapport),
        "kopcijfers": kopcijfers(rapport),
        "secties": secties,
        "noot": noot,
        "voettekst": _css_tekst(_voettekst(rapport)),
        "voetnoot": _css_tekst(noot),
    }


def _voettekst(rapport: Rapport) -> str:
    if rapport.periode.label in rapport.titel:
        return f"Binnenboord · {rapport.titel}"
    return f"Binnenboord · {rapport.titel} · {rapport.periode.label}"


def _css_tekst(tekst: str) -> SafeString:
    """Text inside a CSS string in the page's <style> (the footer's margin boxes): every
    character but letters and digits as a six-digit CSS escape, so nothing can end the string
    or the style element (spaces too: a space right after an escape would be swallowed)."""
    delen = (t if t.isalnum() else f"\\{ord(t):06x}" for t in tekst)
    return mark_safe("".join(delen))  # safe: only letters, digits and escapes
