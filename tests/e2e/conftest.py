# SPDX-License-Identifier: EUPL-1.2
"""End-to-end tests in Debian's chromium (Playwright cannot download a browser here)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in the test thread; Django's ORM calls in the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: `make test` installeert het Debian-pakket chromium.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def artefacten() -> Path:
    map_ = Path(settings.BASE_DIR) / "test-artifacts"
    map_.mkdir(exist_ok=True)
    return map_


@pytest.fixture(scope="session")
def axe_script() -> Path:
    return Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # Our users' browsers ask for Dutch; the interface follows Accept-Language.
    return {**browser_context_args, "locale": "nl-NL"}
