# SPDX-License-Identifier: EUPL-1.2
"""Review of issue 18: Sentry gets the local variables of the failing frames. A dictionary
keyed by BSN (as an import matches its rows) must not carry the BSN to Sentry in its keys."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import sentry_sdk

from binnenboord.conf.sentry import start_sentry
from tests.conf.test_sentry import BSN, DSN, Bewaarder, _gebeurtenissen


@pytest.fixture
def sentry() -> Iterator[None]:
    Bewaarder.enveloppen = []
    assert start_sentry(DSN, omgeving="test", transport=Bewaarder)
    yield
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)
    sentry_sdk.get_isolation_scope().clear()


def _koppel(per_bsn: dict[str, int]) -> None:
    raise KeyError("onbekende leerling")


def test_een_woordenboek_met_bsns_als_sleutels_komt_zonder_bsn_aan(sentry: None) -> None:
    # given an error in a frame whose local variable is keyed by BSN
    try:
        _koppel({BSN: 1})
    except KeyError:
        sentry_sdk.capture_exception()

    # then the event holds the frame's variables, but not the BSN
    (gebeurtenis,) = _gebeurtenissen()
    frames = gebeurtenis["exception"]["values"][0]["stacktrace"]["frames"]
    assert any("per_bsn" in frame.get("vars", {}) for frame in frames)
    assert BSN not in json.dumps(gebeurtenis)
