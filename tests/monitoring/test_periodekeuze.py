# SPDX-License-Identifier: EUPL-1.2
"""The figures' period is chosen, not typed (issue 17): a month, two months, a school year
(1 August to 31 July) or a range of two dates, each checked with a Dutch error that names its
field; a link's `periode=2026-09..2026-10` still means what it did and shows as the matching
choice. The form alone, on a fixed day (no database)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import translation

import pytest

from binnenboord.monitoring.forms import RapportForm
from binnenboord.monitoring.rapport import Periode

VANDAAG = date(2026, 11, 23)
BASIS = {"soort": "maand", "scope": "gemeente:9999"}


def _form(**gegevens: str) -> RapportForm:
    return RapportForm({**BASIS, **gegevens}, scopes=[], vandaag=VANDAAG)


def _periode(**gegevens: str) -> Periode:
    form = _form(**gegevens)
    assert form.is_valid(), form.errors
    return form.keuze().periode


def _fouten(**gegevens: str) -> dict[str, Any]:
    with translation.override("nl"):
        form = _form(**gegevens)
        assert not form.is_valid()
        return {naam: [str(f) for f in fouten] for naam, fouten in form.errors.items()}


@pytest.mark.parametrize(
    ("gegevens", "periode"),
    [
        ({"tijdvak": "maand", "maand": "2026-10"}, Periode(date(2026, 10, 1), date(2026, 10, 31))),
        # the current month is allowed: the report counts up to today
        ({"tijdvak": "maand", "maand": "2026-11"}, Periode(date(2026, 11, 1), date(2026, 11, 30))),
        (
            {"tijdvak": "twee_maanden", "twee_maanden": "2026-09"},
            Periode(date(2026, 9, 1), date(2026, 10, 31)),
        ),
        (
            {"tijdvak": "twee_maanden", "twee_maanden": "2025-12"},
            Periode(date(2025, 12, 1), date(2026, 1, 31)),
        ),
        (
            {"tijdvak": "schooljaar", "schooljaar": "2025-2026"},
            Periode(date(2025, 8, 1), date(2026, 7, 31)),
        ),
        (
            {"tijdvak": "eigen", "van": "2026-01-05", "tot": "2026-02-10"},
            Periode(date(2026, 1, 5), date(2026, 2, 10)),
        ),
        # the other fields do not count: the radio group decides
        (
            {"tijdvak": "maand", "maand": "2026-10", "van": "2026-01-05", "tot": "2025-01-01"},
            Periode(date(2026, 10, 1), date(2026, 10, 31)),
        ),
    ],
)
def test_elke_soort_periode_geeft_die_periode(gegevens: dict[str, str], periode: Periode) -> None:
    assert _periode(**gegevens) == periode


@pytest.mark.parametrize(
    ("tekst", "periode"),
    [
        ("2026-09..2026-10", Periode(date(2026, 9, 1), date(2026, 10, 31))),
        ("2026-10", Periode(date(2026, 10, 1), date(2026, 10, 31))),
        ("2025/2026", Periode(date(2025, 8, 1), date(2026, 7, 31))),
        ("2026-01-05..2026-02-10", Periode(date(2026, 1, 5), date(2026, 2, 10))),
        # a link to a period still running later (the API and the command accept it)
        ("2026-12", Periode(date(2026, 12, 1), date(2026, 12, 31))),
    ],
)
def test_een_oude_link_met_periode_werkt_nog(tekst: str, periode: Periode) -> None:
    assert _periode(periode=tekst) == periode


@pytest.mark.parametrize(
    ("tekst", "getoond"),
    [
        ("2026-09..2026-10", {"tijdvak": "twee_maanden", "twee_maanden": "2026-09"}),
        ("2026-10-01..2026-10-31", {"tijdvak": "maand", "maand": "2026-10"}),
        ("2025-2026", {"tijdvak": "schooljaar", "schooljaar": "2025-2026"}),
        ("2026-01-05..2026-02-10", {"tijdvak": "eigen", "van": "2026-01-05", "tot": "2026-02-10"}),
        ("2026-01..2026-06", {"tijdvak": "eigen", "van": "2026-01-01", "tot": "2026-06-30"}),
    ],
)
def test_een_oude_link_toont_de_bijpassende_keuze(tekst: str, getoond: dict[str, str]) -> None:
    form = _form(periode=tekst)
    for naam, waarde in getoond.items():
        assert form[naam].value() == waarde
    html = str(form["tijdvak"])
    assert f'value="{getoond["tijdvak"]}"' in html
    gekozen = html.split(f'value="{getoond["tijdvak"]}"')[1].split(">")[0]
    assert "checked" in gekozen


def test_een_maand_uit_een_oude_link_staat_in_de_keuzelijst() -> None:
    # older than the list goes back: added, so the form shows what is reported
    form = _form(periode="2019-03")
    assert ("2019-03", "maart 2019") in [
        (w, str(label)) for w, label in form.fields["maand"].widget.choices
    ] or ("2019-03", "March 2019") in [
        (w, str(label)) for w, label in form.fields["maand"].widget.choices
    ]
    assert form.is_valid()
    assert form.keuze().periode == Periode(date(2019, 3, 1), date(2019, 3, 31))


def test_zonder_periode_de_gewone_periode_van_het_rapport() -> None:
    for soort, getoond, periode in (
        ("maand", {"maand": "2026-10"}, Periode(date(2026, 10, 1), date(2026, 10, 31))),
        (
            "kernpartners",
            {"twee_maanden": "2026-09"},
            Periode(date(2026, 9, 1), date(2026, 10, 31)),
        ),
        ("jaar", {"schooljaar": "2025-2026"}, Periode(date(2025, 8, 1), date(2026, 7, 31))),
    ):
        form = RapportForm({**BASIS, "soort": soort}, scopes=[], vandaag=VANDAAG)
        assert form.is_valid(), form.errors
        assert form.keuze().periode == periode
        for naam, waarde in getoond.items():
            assert form[naam].value() == waarde


def test_de_keuzelijsten_lopen_tot_nu_en_niet_verder() -> None:
    form = _form()
    maanden = [w for w, _l in form.fields["maand"].widget.choices]
    assert maanden[0] == "2026-11"
    assert "2026-12" not in maanden
    tweemaanden = [w for w, _l in form.fields["twee_maanden"].widget.choices]
    # the latest two months end with the current month
    assert tweemaanden[0] == "2026-10"
    schooljaren = [w for w, _l in form.fields["schooljaar"].widget.choices]
    assert schooljaren[0] == "2026-2027"
    assert "2025-2026" in schooljaren
    with translation.override("nl"):
        labels = dict(_form().fields["twee_maanden"].widget.choices)
        assert str(labels["2026-09"]) == "september 2026 – oktober 2026"


@pytest.mark.parametrize(
    ("gegevens", "veld", "woorden"),
    [
        # "november" typed where a month is chosen: an error naming the field, never a 500
        ({"tijdvak": "maand", "maand": "november"}, "maand", ["Maand", "november", "lijst"]),
        ({"tijdvak": "maand", "maand": ""}, "maand", ["Maand", "kies"]),
        ({"tijdvak": "maand", "maand": "2027-01"}, "maand", ["Maand", "toekomst"]),
        (
            {"tijdvak": "twee_maanden", "twee_maanden": "2026-11"},
            "twee_maanden",
            ["Twee maanden", "toekomst"],
        ),
        (
            {"tijdvak": "schooljaar", "schooljaar": "2027-2028"},
            "schooljaar",
            ["Schooljaar", "toekomst"],
        ),
        (
            {"tijdvak": "schooljaar", "schooljaar": "2025-2027"},
            "schooljaar",
            ["Schooljaar", "lijst"],
        ),
        ({"tijdvak": "eigen", "tot": "2026-02-10"}, "van", ["Vanaf", "datum"]),
        ({"tijdvak": "eigen", "van": "2026-02-10"}, "tot", ["Tot en met", "datum"]),
        (
            {"tijdvak": "eigen", "van": "2026-02-10", "tot": "2026-01-05"},
            "tot",
            ["Tot en met", "05-01-2026", "vóór", "Vanaf"],
        ),
        (
            {"tijdvak": "eigen", "van": "2026-12-01", "tot": "2026-12-31"},
            "van",
            ["Vanaf", "toekomst"],
        ),
        (
            {"tijdvak": "eigen", "van": "2000-01-01", "tot": "2026-01-01"},
            "tot",
            ["Tot en met", "20 jaar"],
        ),
        (
            {"tijdvak": "eigen", "van": "1850-01-01", "tot": "1851-01-01"},
            "van",
            ["Vanaf", "1900", "2100"],
        ),
        ({"tijdvak": "eigen", "van": "gisteren", "tot": "2026-01-05"}, "van", ["Vanaf", "datum"]),
        ({"tijdvak": "week"}, "tijdvak", ["Periode", "week"]),
    ],
)
def test_een_verkeerde_periode_is_een_nederlandse_fout_bij_het_veld(
    gegevens: dict[str, str], veld: str, woorden: list[str]
) -> None:
    fouten = _fouten(**gegevens)
    assert veld in fouten, fouten
    for woord in woorden:
        assert woord in fouten[veld][0], fouten[veld]
