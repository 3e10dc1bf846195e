# SPDX-License-Identifier: EUPL-1.2
"""Only the Chromium launch settings of the end-to-end tests (Debian's chromium); their other
fixtures (the code step, the policy bypass for axe) stay in tests/e2e."""

from tests.e2e.conftest import browser_type_launch_args  # noqa: F401
