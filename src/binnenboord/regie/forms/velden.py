# SPDX-License-Identifier: EUPL-1.2
"""What the forms of regie share: the base form (laid out like the other apps' forms), a date
field and the choice of a staff member."""

from __future__ import annotations

from typing import Any

from django import forms

from binnenboord.signalering.forms_meldingen import _Opmaak

DATUM = {"type": "date"}


def datumveld(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs=DATUM, format="%Y-%m-%d"), **kwargs
    )


class Medewerkerkeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} · {obj.get_rol_display()} · {obj.organisatie}"


class Formulier(_Opmaak, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()
