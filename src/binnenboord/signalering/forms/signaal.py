# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from binnenboord.registratie.models import School

from ..models import Signaal, Soort
from ..selectors import Inboxfilter


class InboxfilterForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Soort.choices]
    )
    school = forms.ModelChoiceField(
        label=_("School"),
        required=False,
        queryset=School.objects.none(),
        empty_label=_("All schools"),
    )
    leeftijd_van = forms.IntegerField(
        label=_("Age from"), required=False, min_value=0, max_value=30
    )
    leeftijd_tot = forms.IntegerField(
        label=_("Age up to and including"), required=False, min_value=0, max_value=30
    )

    def __init__(self, *args: Any, scholen: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["school"].queryset = scholen

    def als_filter(self) -> Inboxfilter:
        """The valid part of the filter; an invalid field filters nothing (and shows its
        error)."""
        if not self.is_bound:
            return Inboxfilter()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        school = data.get("school")
        return Inboxfilter(
            soort=data.get("soort") or "",
            school_id=school.pk if school is not None else None,
            leeftijd_van=data.get("leeftijd_van"),
            leeftijd_tot=data.get("leeftijd_tot"),
        )


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
