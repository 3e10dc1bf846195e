# SPDX-License-Identifier: EUPL-1.2
"""The signal thresholds per municipality: docs/domein.md's values (kern.signalen.STANDAARD) unless
settings.SIGNAAL_DREMPELS gives a municipality (by CBS code) its own. Leerplicht follows the
home municipality, so a pupil's signals use the thresholds of the municipality he lives in."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.core.exceptions import ImproperlyConfigured

from binnenboord.kern import signalen as kern

VELDEN = frozenset(f.name for f in dataclasses.fields(kern.Drempels))


def drempels_per_gemeente() -> dict[str, kern.Drempels]:
    """CBS code -> the thresholds of that municipality, for the municipalities that deviate."""
    uitkomst = {}
    for code, waarden in settings.SIGNAAL_DREMPELS.items():
        if fouten := _fouten(code, waarden):
            raise ImproperlyConfigured(" ".join(fouten))
        eigen: dict[str, Any] = dict(waarden)
        uitkomst[str(code)] = dataclasses.replace(kern.STANDAARD, **eigen)
    return uitkomst


def _fouten(code: Any, waarden: Any) -> list[str]:
    if not isinstance(waarden, dict):
        return [f"SIGNAAL_DREMPELS[{code!r}] moet een object met drempels zijn."]
    fouten = [
        f"SIGNAAL_DREMPELS[{code!r}]: onbekende drempel {naam!r} (kies uit "
        f"{', '.join(sorted(VELDEN))})."
        for naam in sorted(set(waarden) - VELDEN)
    ]
    standaard = dataclasses.asdict(kern.STANDAARD)
    for naam, waarde in sorted(waarden.items()):
        if naam not in VELDEN:
            continue
        soort = type(standaard[naam])
        if type(waarde) is not soort:
            fouten.append(
                f"SIGNAAL_DREMPELS[{code!r}][{naam!r}]: {waarde!r} is geen {soort.__name__}."
            )
        elif soort is int and waarde < 0:
            fouten.append(f"SIGNAAL_DREMPELS[{code!r}][{naam!r}]: {waarde} mag niet negatief zijn.")
    return fouten


def controleer_drempels(**kwargs: Any) -> list[CheckMessage]:
    """A system check, so a wrong setting stops the start rather than the nightly run."""
    return [
        Error(fout, id="binnenboord.E001")
        for code, waarden in settings.SIGNAAL_DREMPELS.items()
        for fout in _fouten(code, waarden)
    ]
