# SPDX-License-Identifier: EUPL-1.2
"""Identifier checks with python-stdnum, with Dutch error messages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stdnum.nl import brin, bsn, onderwijsnummer


def valideer_bsn(waarde: str) -> None:
    if not bsn.is_valid(waarde) or len(waarde) != 9:
        raise ValidationError(
            _("%(waarde)s is not a valid BSN (9 digits, eleven test)."),
            code="ongeldig_bsn",
            params={"waarde": waarde},
        )


def valideer_onderwijsnummer(waarde: str) -> None:
    if not onderwijsnummer.is_valid(waarde):
        raise ValidationError(
            _("%(waarde)s is not a valid education number."),
            code="ongeldig_onderwijsnummer",
            params={"waarde": waarde},
        )


def valideer_brin(waarde: str) -> None:
    if len(waarde) != 4 or not brin.is_valid(waarde):
        raise ValidationError(
            _("%(waarde)s is not a valid BRIN (4 characters)."),
            code="ongeldige_brin",
            params={"waarde": waarde},
        )
