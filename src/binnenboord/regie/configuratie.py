# SPDX-License-Identifier: EUPL-1.2
"""Which escalation model a new case runs under: settings.AANPAK_PER_GEBIED by the pupil's
home municipality (CBS code), else settings.AANPAK. For now the "area" is the municipality; a
district-level area (a pilot in one city district beside the rest of the city) is a later
refinement. A wrong setting is a system check error, so it stops the start, not a case."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

from binnenboord.kern import aanpak as kern


def aanpakken() -> Mapping[str, kern.Aanpak]:
    """The declared models by code."""
    return kern.AANPAKKEN


def aanpak_voor(gemeente_code: str | None) -> str:
    """The model code for a new case of a pupil living in `gemeente_code`."""
    per_gebied: dict[str, str] = settings.AANPAK_PER_GEBIED
    if gemeente_code is not None and gemeente_code in per_gebied:
        return per_gebied[gemeente_code]
    code: str = settings.AANPAK
    return code


def _fouten() -> list[str]:
    codes = aanpakken()
    keuze = ", ".join(sorted(codes))
    fouten = []
    if settings.AANPAK not in codes:
        fouten.append(f"AANPAK: onbekende aanpak {settings.AANPAK!r} (kies uit {keuze}).")
    per_gebied: Any = settings.AANPAK_PER_GEBIED
    if not isinstance(per_gebied, dict):
        return [*fouten, "AANPAK_PER_GEBIED moet een object zijn: CBS-code -> aanpak."]
    for gemeente, code in sorted(per_gebied.items()):
        if not (isinstance(gemeente, str) and len(gemeente) == 4 and gemeente.isdigit()):
            fouten.append(f"AANPAK_PER_GEBIED: {gemeente!r} is geen CBS-code van vier cijfers.")
        if code not in codes:
            fouten.append(
                f"AANPAK_PER_GEBIED[{gemeente!r}]: onbekende aanpak {code!r} (kies uit {keuze})."
            )
    return fouten


def controleer_aanpak(**kwargs: Any) -> list[CheckMessage]:
    return [Error(fout, id="binnenboord.E002") for fout in _fouten()]
