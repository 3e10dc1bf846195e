# SPDX-License-Identifier: EUPL-1.2
"""The one formula-escaping helper for every export."""

from __future__ import annotations

import pytest

from binnenboord.signalering import exporteren as meldingexport
from binnenboord.verantwoording.exporteren import is_formule, onschadelijk, onschadelijk_csv


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("gewoon = tekst", "gewoon = tekst"),
        ("", ""),
    ],
)
def test_een_formuleteken_vooraan_krijgt_een_apostrof(waarde: str, verwacht: str) -> None:
    assert onschadelijk(waarde) == verwacht
    assert is_formule(waarde) == (waarde != verwacht)


def test_wat_geen_tekst_is_gaat_ongewijzigd_door_en_de_meldingexport_gebruikt_dezelfde_hulp() -> (
    None
):
    assert onschadelijk_csv(-5) == -5
    assert onschadelijk_csv(None) is None
    assert meldingexport.onschadelijk is onschadelijk
