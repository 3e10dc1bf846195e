# SPDX-License-Identifier: EUPL-1.2
"""What the forms of regie share: the base form (laid out like the other apps' forms,
gedeeld.forms.Opmaak) and a date field; the staff choices are gedeeld.forms'."""

from __future__ import annotations

from typing import Any

from django import forms

from binnenboord.gedeeld.forms import Opmaak

DATUM = {"type": "date"}


def datumveld(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs=DATUM, format="%Y-%m-%d"), **kwargs
    )


class Formulier(Opmaak, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()
