# SPDX-License-Identifier: EUPL-1.2
"""Small-cell suppression (DOMAIN.md, "Privacy and records"): placeholder, being written."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

GRENS = 5


def onderdruk(
    waarden: Mapping[K, int], vergelijkingen: Iterable[Collection[K]], grens: int = GRENS
) -> frozenset[K]:
    return frozenset(k for k, v in waarden.items() if v < grens)
