# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..models import Signaal


class GezienForm(forms.Form):
    signalen = forms.ModelMultipleChoiceField(
        label=_("Signals"),
        queryset=Signaal.objects.none(),
        error_messages={"required": _("Select at least one signal.")},
    )

    def __init__(self, *args: Any, signalen: QuerySet[Signaal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["signalen"].queryset = signalen


class AfwijzenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reason for dismissing"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
        max_length=2000,
        help_text=_("Required: why this signal needs no action."),
        error_messages={"required": _("Give a reason for dismissing this signal.")},
    )
