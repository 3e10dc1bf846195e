# SPDX-License-Identifier: EUPL-1.2
"""Every screen or endpoint code the access log can hold has a readable name (bronnen.py).

The codes are collected from the source, not from memory:
- every string literal in src/binnenboord that has the form of a code ("regie:casus",
  "web:vandaag", "signalering:signaleer --json");
- the codes built from a name at run time (f"regie:formulier:{naam}" and the like), from the
  same tables the views use; a new f-string `bron=` of another form fails the test, so it
  cannot be forgotten;
- the calls that pass a code's last part alone (overleg's `_log_wijziging(..., "besluit")`)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.utils import translation

import pytest

from binnenboord.verantwoording.bronnen import BRONNEN, bronnaam

SRC = Path(__file__).resolve().parents[2] / "src" / "binnenboord"
VORM = re.compile(
    r"^(web|registratie|signalering|meldingen|regie|portaal|api|verantwoording|monitoring)"
    r":[a-z_:]*[a-z]( --json)?$"
)
# the f-strings that build a code, by their literal part: the values of the placeholder
DYNAMISCH: dict[str, str] = {
    "regie:formulier:": "UITKLAPBAAR of regie.views.casus",
    "regie:justitie_": "FORMULIEREN of regie.views.justitie",
    "regie:mazl_": "the `naam=` of regie.views.mazl's _verwerk calls",
    "regie:": "PERMISSIE of regie.views.casus, and log_casus/_log_wijziging",
    "meldingen:export_": "the export formats (csv, json, pdf)",
    "api:": "the `soort` of the API's read endpoints",
}
# helpers that put "regie:" before their last argument
VOORVOEGERS = {"log_casus": 3, "_log_wijziging": 2}


def _bestanden() -> list[tuple[Path, ast.Module]]:
    return [
        (pad, ast.parse(pad.read_text(encoding="utf-8")))
        for pad in sorted(SRC.rglob("*.py"))
        if "migrations" not in pad.parts
    ]


def _letterlijk() -> set[str]:
    codes: set[str] = set()
    for _pad, boom in _bestanden():
        for knoop in ast.walk(boom):
            if (
                isinstance(knoop, ast.Constant)
                and isinstance(knoop.value, str)
                and VORM.match(knoop.value)
            ):
                codes.add(knoop.value)
            if isinstance(knoop, ast.Call):
                naam = getattr(knoop.func, "id", getattr(knoop.func, "attr", ""))
                plaats = VOORVOEGERS.get(naam)
                if plaats is not None and len(knoop.args) > plaats:
                    waarde = knoop.args[plaats]
                    if isinstance(waarde, ast.Constant) and isinstance(waarde.value, str):
                        codes.add(f"regie:{waarde.value}")
    return codes


def _fstring_bronnen() -> set[str]:
    """The literal start of every f-string passed as `bron=` ("{…}" when it starts with a
    placeholder). Not in kern: its `bron` is the legal source of a term, not a screen."""
    starts: set[str] = set()
    for pad, boom in _bestanden():
        if pad.relative_to(SRC).parts[0] == "kern":
            continue
        for knoop in ast.walk(boom):
            if (
                isinstance(knoop, ast.keyword)
                and knoop.arg == "bron"
                and isinstance(knoop.value, ast.JoinedStr)
            ):
                eerste = knoop.value.values[0]
                starts.add(str(eerste.value) if isinstance(eerste, ast.Constant) else "{…}")
    return starts


def _dynamisch() -> set[str]:
    from binnenboord.api import views as api
    from binnenboord.regie.views import casus, justitie

    codes = {f"regie:formulier:{naam}" for naam in casus.UITKLAPBAAR}
    codes |= {f"regie:{naam}" for naam in casus.PERMISSIE}
    codes |= {f"regie:justitie_{naam}" for naam in justitie.FORMULIEREN}
    codes |= {f"meldingen:export_{soort}" for soort in ("csv", "json", "pdf")}
    mazl = (SRC / "regie" / "views" / "mazl.py").read_text(encoding="utf-8")
    codes |= {f"regie:mazl_{naam}" for naam in re.findall(r'naam="([a-z_]+)"', mazl)}
    codes |= {
        f"api:{klasse.soort}"
        for klasse in vars(api).values()
        if isinstance(klasse, type) and isinstance(getattr(klasse, "soort", None), str)
    }
    return codes


def test_elke_fstring_bron_is_bekend() -> None:
    onbekend = _fstring_bronnen() - DYNAMISCH.keys()
    assert not onbekend, (
        f"A new code built at run time: {onbekend}; list its values in _dynamisch() and give "
        "each a name in verantwoording/bronnen.py"
    )


def test_elke_code_in_de_broncode_heeft_een_leesbare_naam() -> None:
    codes = _letterlijk() | _dynamisch()
    # the collection itself works: these are certainly among them
    assert {"web:vandaag", "regie:formulier:contact", "regie:besluit", "api:leerlingen"} <= codes
    ontbreekt = sorted(codes - BRONNEN.keys())
    assert not ontbreekt, f"Codes without a name in verantwoording/bronnen.py: {ontbreekt}"


def test_de_namen_zijn_nederlands_en_een_onbekende_code_leest_toch() -> None:
    with translation.override("nl"):
        assert bronnaam("regie:formulier:contact") == "Casus – formulier contactmoment"
        assert bronnaam("web:vandaag") == "Vandaag"
        assert bronnaam("regie:nieuw_scherm") == "Regie – nieuw scherm"
        assert bronnaam("iets anders") == "iets anders"
        assert bronnaam("") == "onbekend"


@pytest.mark.parametrize("code", sorted(BRONNEN))
def test_elke_naam_is_vertaald(code: str) -> None:
    with translation.override("nl"):
        nederlands = bronnaam(code)
    with translation.override("en"):
        engels = bronnaam(code)
    assert nederlands and (nederlands != engels or code.startswith("api:") or engels == "API")
