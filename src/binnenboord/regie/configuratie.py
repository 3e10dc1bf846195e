# SPDX-License-Identifier: EUPL-1.2
"""Which escalation model a new case runs under: settings.AANPAK_PER_GEBIED by the pupil's
home area, else settings.AANPAK. An area is a municipality (its CBS code, "0363") or a district
of it given as a range of 4-digit postcodes ("0363:1020-1039", Amsterdam-Noord), so a pilot
district can run a new model beside the rest of the city; the district wins over its
municipality. A wrong setting is a system check error, so it stops the start, not a case."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

from binnenboord.kern import aanpak as kern


def aanpakken() -> Mapping[str, kern.Aanpak]:
    """The declared models by code."""
    return kern.AANPAKKEN


GEBIED = re.compile(r"^(?P<gemeente>\d{4})(:(?P<van>\d{4})-(?P<tot>\d{4}))?$")


def aanpak_voor(gemeente_code: str | None, postcode: str = "") -> str:
    """The model code for a new case of a pupil living in `gemeente_code` at `postcode`."""
    per_gebied: dict[str, str] = settings.AANPAK_PER_GEBIED
    cijfers = postcode.strip()[:4]
    for gebied, code in per_gebied.items():
        delen = GEBIED.match(gebied)
        if (
            delen is not None
            and delen["van"] is not None
            and delen["gemeente"] == gemeente_code
            and cijfers.isdigit()
            and delen["van"] <= cijfers <= delen["tot"]
        ):
            return code
    if gemeente_code is not None and gemeente_code in per_gebied:
        return per_gebied[gemeente_code]
    standaard: str = settings.AANPAK
    return standaard


def aanpak_van(leerling: Any) -> str:
    """The model code for a new case of `leerling` (a registratie.Leerling)."""
    gemeente = leerling.woongemeente
    return aanpak_voor(gemeente.code if gemeente is not None else None, leerling.postcode)


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
        delen = GEBIED.match(gemeente) if isinstance(gemeente, str) else None
        if delen is None:
            fouten.append(
                f"AANPAK_PER_GEBIED: {gemeente!r} is geen CBS-code van vier cijfers, of een "
                "CBS-code met een postcodegebied (bijvoorbeeld '0363:1020-1039')."
            )
        elif delen["van"] is not None and delen["van"] > delen["tot"]:
            fouten.append(f"AANPAK_PER_GEBIED: in {gemeente!r} komt 'van' na 'tot'.")
        if code not in codes:
            fouten.append(
                f"AANPAK_PER_GEBIED[{gemeente!r}]: onbekende aanpak {code!r} (kies uit {keuze})."
            )
    return fouten


def controleer_aanpak(**kwargs: Any) -> list[CheckMessage]:
    return [Error(fout, id="binnenboord.E002") for fout in _fouten()]
