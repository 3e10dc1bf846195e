# SPDX-License-Identifier: EUPL-1.2
"""The history of a case (CasusGebeurtenis): what the services write, in their transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Casus, CasusGebeurtenis


def systeemtekst(tekst: str, **waarden: Any) -> str:
    """History is stored in the default language, whoever writes it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(tekst) % waarden


def schrijf(
    casus: Casus,
    soort: str,
    door: Any,
    toelichting: str = "",
    *,
    stap: str = "",
    datum: date | None = None,
    tijdstip: datetime | None = None,
) -> CasusGebeurtenis:
    return CasusGebeurtenis.objects.create(
        casus=casus,
        soort=soort,
        wie=door,
        toelichting=toelichting,
        stap=stap,
        datum=datum,
        tijdstip=tijdstip,
    )
