# SPDX-License-Identifier: EUPL-1.2
"""The portal's tests. The OpenID Connect provider fixtures (`oidc_provider`, `digid`) come from
tests/portaal/oidc, imported by tests/conftest.py for the end-to-end tests too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _geen_oude_pogingen() -> Iterator[None]:
    """The failed log-in counter lives in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
