# SPDX-License-Identifier: EUPL-1.2
"""System checks: the security settings that production may not relax."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register("security", deploy=False)
def check_tweestaps(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Two-step verification may only be off in the demo and in development, never in
    production."""
    if settings.TWEESTAPS_VERPLICHT:
        return []
    if settings.PRODUCTIE:
        return [
            Error(
                "Tweestapsverificatie staat uit in productie (TWEESTAPS_VERPLICHT).",
                hint="Alleen de demo en de ontwikkelomgeving mogen zonder.",
                id="binnenboord.E001",
            )
        ]
    return []
