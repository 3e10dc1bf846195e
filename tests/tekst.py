# SPDX-License-Identifier: EUPL-1.2
"""Whether a page or output names someone: the name as a whole word, so a random surname such
as "Spreeuw" is not found inside a staff member's "van Spreeuwel" (a test that a pupil's name
is absent must not fail on a coincidence, nor pass on one)."""

from __future__ import annotations

import re


def noemt(tekst: str, naam: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(naam)}(?!\w)", tekst) is not None
