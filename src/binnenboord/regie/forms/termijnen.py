# SPDX-License-Identifier: EUPL-1.2
"""The form that moves a case to another escalation model."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from ..configuratie import aanpakken
from ..models import Casus
from .velden import Formulier


class AanpakForm(Formulier):
    prefix = "aanpak"
    aanpak = forms.ChoiceField(
        label=gettext_lazy("New escalation model"),
        error_messages={"required": gettext_lazy("Choose the escalation model.")},
    )
    reden = forms.CharField(
        label=gettext_lazy("Reason for the move"),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": gettext_lazy("Give the reason for the move.")},
    )

    def __init__(self, *args: Any, casus: Casus, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["aanpak"].choices = [
            (code, a.naam) for code, a in aanpakken().items() if code != casus.aanpak
        ]
