# SPDX-License-Identifier: EUPL-1.2
"""Whether a page or output names someone: the name as a whole word, so a random surname such
as "Spreeuw" is not found inside a staff member's "van Spreeuwel" (a test that a pupil's name
is absent must not fail on a coincidence, nor pass on one). On an HTML page a name such as
"'s Gravensande" stands escaped ("&#x27;s Gravensande"): both forms count."""

from __future__ import annotations

import re
from html import escape


def noemt(tekst: str, naam: str) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(vorm)}(?!\w)", tekst) is not None
        for vorm in {naam, escape(naam)}
    )
