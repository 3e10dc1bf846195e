# SPDX-License-Identifier: EUPL-1.2
"""Structured logging with structlog: key-value lines in development, JSON in production.
Every line, our own and Django's, passes redigeer_bsn first, so no BSN or onderwijsnummer
(nine digits that pass the eleven test) ever reaches a log file. The context variables bound
with structlog.contextvars (the request id of conf/verzoek.py) are merged into every line."""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import Any

import structlog
from stdnum.nl import bsn, onderwijsnummer

NEGEN_CIJFERS = re.compile(r"(?<!\d)\d{9}(?!\d)")
VERVANGING = "[BSN]"


def _vervang(tekst: str) -> str:
    def nummer(match: re.Match[str]) -> str:
        waarde = match.group(0)
        return VERVANGING if bsn.is_valid(waarde) or onderwijsnummer.is_valid(waarde) else waarde

    return NEGEN_CIJFERS.sub(nummer, tekst)


def _redigeer(waarde: Any) -> Any:
    if isinstance(waarde, str):
        return _vervang(waarde)
    if isinstance(waarde, dict):
        # the keys too: Sentry sends a dictionary keyed by BSN (a frame's local variable) as is
        return {_redigeer(k) if isinstance(k, str) else k: _redigeer(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return type(waarde)(_redigeer(v) for v in waarde)
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        return _vervang(str(waarde)) if NEGEN_CIJFERS.fullmatch(str(waarde)) else waarde
    return waarde


def redigeer_bsn(
    _logger: Any, _methode: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor: replace every BSN/onderwijsnummer in the event by [BSN]."""
    return {k: _redigeer(v) for k, v in event_dict.items()}


GEDEELDE_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.PositionalArgumentsFormatter(),
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    redigeer_bsn,
]


def logging_config(*, json: bool, niveau: str) -> dict[str, Any]:
    """The LOGGING setting: Django's own loggers go through the same processors."""
    weergave = (
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[*GEDEELDE_PROCESSORS, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structlog": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    weergave,
                ],
                "foreign_pre_chain": GEDEELDE_PROCESSORS,
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structlog"}},
        "root": {"handlers": ["console"], "level": niveau},
        "loggers": {
            "django": {"handlers": ["console"], "level": niveau, "propagate": False},
            # WeasyPrint and fontTools tell every rendering step at INFO (the PDF export task)
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
