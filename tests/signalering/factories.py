# SPDX-License-Identifier: EUPL-1.2
"""Signals for tests: stored ones (SignaalFactory) and engine output rows (uitkomst)."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
import polars as pl
from factory.django import DjangoModelFactory

from binnenboord.kern.signalen import SIGNAAL_SCHEMA
from binnenboord.signalering.models import Signaal, Soort
from tests.factories import LeerlingFactory


class SignaalFactory(DjangoModelFactory):
    class Meta:
        model = Signaal

    leerling = factory.SubFactory(LeerlingFactory)
    soort = Soort.LANGDURIG_RELATIEF_VERZUIM
    begindatum = date(2026, 2, 2)
    datum = date(2026, 3, 2)
    van = date(2026, 2, 2)
    tot = date(2026, 3, 2)
    minuten = 1500
    dagen = 15
    uitleg = "Sinds 02-02-2026 elke lesdag de hele dag afwezig zonder geldige reden."

    class Params:
        gebeurtenis = factory.Trait(
            soort=Soort.VERZUIM_16_UUR,
            begindatum=date(2025, 12, 8),
            datum=date(2026, 1, 12),
            van=date(2025, 12, 8),
            tot=date(2026, 1, 12),
            minuten=960,
            dagen=4,
            uitleg="16 uur ongeoorloofd verzuim in 4 lesweken.",
        )


def episode(leerling: Any, soort: str, begin: date, datum: date, **extra: Any) -> Signaal:
    """A stored signal as an episode: from `begin`, the rule met on `datum` (the monitoring
    figures count a pupil from then on)."""
    signaal: Signaal = SignaalFactory(
        leerling=leerling, soort=soort, begindatum=begin, datum=datum, van=begin, tot=datum, **extra
    )
    return signaal


def rij(leerling_id: int, **waarden: Any) -> dict[str, Any]:
    """One engine output row with sensible defaults (a langdurig relatief verzuim episode)."""
    basis: dict[str, Any] = {
        "leerling_id": leerling_id,
        "soort": Soort.LANGDURIG_RELATIEF_VERZUIM.value,
        "begindatum": date(2026, 2, 2),
        "datum": date(2026, 3, 2),
        "einddatum": None,
        "school_id": None,
        "van": date(2026, 2, 2),
        "tot": date(2026, 3, 2),
        "minuten": 1500,
        "dagen": 15,
        "uitleg": "Sinds 02-02-2026 elke lesdag de hele dag afwezig zonder geldige reden.",
    }
    return {**basis, **waarden}


def uitkomst(*rijen: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(list(rijen), schema=SIGNAAL_SCHEMA)
