# SPDX-License-Identifier: EUPL-1.2
"""What the management commands of every app share."""

from __future__ import annotations

import argparse
from datetime import date

from django.utils.translation import gettext as _


def peildatum(waarde: str) -> date:
    """The argparse type of a --peildatum option: a date as YYYY-MM-DD, with a Dutch error."""
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("Invalid peildatum %(waarde)r: use YYYY-MM-DD, e.g. 2026-01-12.") % {"waarde": waarde}
        ) from None
