# SPDX-License-Identifier: EUPL-1.2
"""Error reporting to Sentry (docs/beheer.md, "Foutmeldingen naar Sentry"): only when
SENTRY_DSN is set. No personal data by default (send_default_pii=False: no cookies, no user,
no IP address), and every event and breadcrumb passes the same BSN redaction as the log lines
(conf/logboek.py, redigeer_bsn) before it leaves the process: exception messages, local
variables, the request body, log breadcrumbs."""

from __future__ import annotations

from typing import Any

from .logboek import redigeer_bsn

# Parts of a field or variable name whose value never leaves the process. sentry-sdk's own
# list matches whole names only ("password", not the one-time link's "new_password1", nor a
# log-in connection's "client_secret").
GEHEIME_NAMEN = ("password", "passwd", "secret", "token", "otp")
GEFILTERD = "[Filtered]"


def _zonder_geheimen(waarde: Any) -> Any:
    if isinstance(waarde, dict):
        return {
            k: GEFILTERD
            if isinstance(k, str) and any(deel in k.lower() for deel in GEHEIME_NAMEN)
            else _zonder_geheimen(v)
            for k, v in waarde.items()
        }
    if isinstance(waarde, list | tuple):
        return type(waarde)(_zonder_geheimen(v) for v in waarde)
    return waarde


def schoon(gegevens: dict[str, Any], _hint: Any = None) -> dict[str, Any]:
    """before_send and before_breadcrumb: every BSN/onderwijsnummer in the event replaced by
    [BSN], with the log lines' own redaction, and every password, secret or token field
    (GEHEIME_NAMEN) filtered."""
    return dict(redigeer_bsn(None, "sentry", _zonder_geheimen(gegevens)))


def start_sentry(
    dsn: str, *, omgeving: str, release: str | None = None, transport: Any = None
) -> bool:
    """Initialise sentry-sdk with the Django integration when `dsn` is set; False (and
    nothing initialised) without it. `transport` is for the tests (no network)."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    opties: dict[str, Any] = {"before_send": schoon, "before_breadcrumb": schoon}
    if transport is not None:
        opties["transport"] = transport
    sentry_sdk.init(
        dsn=dsn,
        environment=omgeving,
        release=release,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        # errors only: no performance traces of pages about pupils
        traces_sample_rate=0.0,
        **opties,
    )
    return True
