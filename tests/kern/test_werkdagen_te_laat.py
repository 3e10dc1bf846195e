# SPDX-License-Identifier: EUPL-1.2
"""kern.termijnen.werkdagen_te_laat: how many werkdagen a deadline is overdue (Vandaag's
"n werkdagen te laat")."""

from __future__ import annotations

from datetime import date

from binnenboord.kern.kalender import Schoolkalender
from binnenboord.kern.termijnen import werkdagen_te_laat

GEEN: frozenset[date] = frozenset()


def test_niet_te_laat_op_of_voor_de_termijn() -> None:
    assert werkdagen_te_laat(date(2026, 12, 4), date(2026, 12, 4), feestdagen=GEEN) == 0
    assert werkdagen_te_laat(date(2026, 12, 4), date(2026, 12, 1), feestdagen=GEEN) == 0


def test_een_weekend_telt_niet() -> None:
    # Friday 4-12-2026; Saturday and Sunday do not count, Monday is the first werkdag late
    assert werkdagen_te_laat(date(2026, 12, 4), date(2026, 12, 6), feestdagen=GEEN) == 0
    assert werkdagen_te_laat(date(2026, 12, 4), date(2026, 12, 7), feestdagen=GEEN) == 1
    assert werkdagen_te_laat(date(2026, 12, 4), date(2026, 12, 11), feestdagen=GEEN) == 5


def test_een_erkende_feestdag_telt_niet() -> None:
    kalender = Schoolkalender("midden")
    # Wednesday 23-12-2026 due; 24 counts, 25 and 26 (Christmas) and the weekend 26-27 not,
    # Monday 28 counts: 2 werkdagen late on the 28th
    feestdagen = {date(2026, 12, 25), date(2026, 12, 26)}
    assert werkdagen_te_laat(date(2026, 12, 23), date(2026, 12, 28), feestdagen=feestdagen) == 2
    # the school calendar's recognised holidays say the same
    assert not kalender.is_werkdag(date(2026, 12, 25))
    assert werkdagen_te_laat(date(2026, 12, 23), date(2026, 12, 28), feestdagen=GEEN) == 3
