# SPDX-License-Identifier: EUPL-1.2
"""The forms of meetings and the consultation hour; the services check every rule again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.forms import medewerkerlabel
from binnenboord.gedeeld.zoekkeuze import Zoekkeuze, Zoekkeuzes, leerlinglabel
from binnenboord.registratie.models import Leerling, School
from binnenboord.registratie.selectors import zoek_in
from binnenboord.toegang.models import Medewerker

from ..models import Agendapunt, Overlegsoort, Verwijzing
from .velden import Formulier, datumveld

TIJD = {"type": "time"}


def _tijdveld(label: Any, **kwargs: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label, widget=forms.TimeInput(attrs=TIJD, format="%H:%M"), **kwargs
    )


class OverlegForm(Formulier):
    soort = forms.ChoiceField(label=_("Kind of meeting"), choices=Overlegsoort.choices)
    datum = datumveld(_("Date"), error_messages={"required": _("Give the date of the meeting.")})
    aanvang = _tijdveld(_("Starts at"), required=False)
    locatie = forms.CharField(label=_("Location"), required=False, max_length=200)
    voorzitter = Zoekkeuze(
        label=_("Chair"),
        queryset=Medewerker.objects.none(),
        required=False,
        labeler=medewerkerlabel,
    )
    voorzitter_naam = forms.CharField(
        label=_("Or chair (name)"),
        required=False,
        max_length=200,
        help_text=_("For a chair without an account, e.g. the independent chair."),
    )
    leden = Zoekkeuzes(
        label=_("Members"),
        queryset=Medewerker.objects.none(),
        required=False,
        labeler=medewerkerlabel,
    )
    externe_leden = forms.CharField(
        label=_("Members without an account"),
        required=False,
        widget=forms.Textarea,
        max_length=5000,
        help_text=_("One per line: name and organisation."),
    )
    interval_weken = forms.IntegerField(
        label=_("Repeat every so many weeks"),
        required=False,
        min_value=1,
        max_value=52,
        help_text=_("Empty: a single meeting. The Doorbraakoverleg meets every 3 weeks."),
    )

    def __init__(self, *args: Any, kandidaten: QuerySet[Medewerker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["voorzitter"].queryset = kandidaten
        velden["leden"].queryset = kandidaten


class AgenderenForm(Formulier):
    prefix = "agenderen"
    casussen = forms.MultipleChoiceField(
        label=_("Cases due for this meeting"),
        choices=(),
        widget=forms.CheckboxSelectMultiple(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
        error_messages={"required": _("Choose the cases to put on the agenda.")},
    )

    def __init__(self, *args: Any, keuzes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["casussen"].choices = keuzes


class BesluitForm(Formulier):
    uitkomst = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Agendapunt.Status.BESPROKEN, _("discussed")),
            (Agendapunt.Status.AANGEHOUDEN, _("postponed")),
        ],
        initial=Agendapunt.Status.BESPROKEN,
        widget=forms.RadioSelect,
    )
    advies = forms.CharField(label=_("Advice"), required=False, widget=forms.Textarea)
    besluit = forms.CharField(label=_("Decision"), required=False, widget=forms.Textarea)
    wat = forms.CharField(
        label=_("Follow-up action"),
        required=False,
        widget=forms.Textarea,
        max_length=2000,
        help_text=_("Optional: an action for the case's plan."),
    )
    wie = Zoekkeuze(
        label=_("Who (staff member)"),
        queryset=Medewerker.objects.none(),
        required=False,
        labeler=medewerkerlabel,
    )
    wie_naam = forms.CharField(label=_("Or who (name)"), required=False, max_length=200)
    uiterlijk = datumveld(_("Deadline"), required=False)

    def __init__(self, *args: Any, kandidaten: QuerySet[Medewerker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["wie"].queryset = kandidaten

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        aangehouden = data.get("uitkomst") == Agendapunt.Status.AANGEHOUDEN
        if not aangehouden and not (data.get("advies") or data.get("besluit") or "").strip():
            self.add_error("advies", _("Give the advice or the decision."))
        if (data.get("wat") or "").strip():
            if not data.get("uiterlijk"):
                self.add_error("uiterlijk", _("Give the deadline of the action."))
            if not data.get("wie") and not (data.get("wie_naam") or "").strip():
                self.add_error("wie", _("Choose who does the action, or give a name."))
        return data


class VraagForm(Formulier):
    vraag = forms.CharField(
        label=_("Question for the meeting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "What the meeting is asked to advise or decide. The members see it with the "
            "summary and the plan of the case once the agenda is published."
        ),
    )


class SpreekuurForm(Formulier):
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none())
    datum = datumveld(_("Date"))
    begin = _tijdveld(_("From"))
    einde = _tijdveld(_("Until"))
    duur_minuten = forms.IntegerField(
        label=_("Minutes per conversation"), min_value=5, max_value=120, initial=20
    )
    locatie = forms.CharField(label=_("Location"), required=False, max_length=200)

    def __init__(self, *args: Any, scholen: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["school"].queryset = scholen

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("begin") and data.get("einde") and data["einde"] <= data["begin"]:
            self.add_error("einde", _("The consultation hour ends after it begins."))
        return data


class VerwijzingForm(Formulier):
    prefix = "verwijzing"
    leerling = Zoekkeuze(
        label=_("Pupil"),
        queryset=Leerling.objects.none(),
        error_messages={"required": _("Choose the pupil.")},
        zoeker=zoek_in,
        labeler=leerlinglabel,
        zoekhulp=_(
            "Type at least 2 letters of the name, the date of birth (12-03-2014) or the BSN, "
            "then choose the pupil."
        ),
    )
    tijdvak = forms.ChoiceField(label=_("Slot"), choices=())
    reden = forms.CharField(
        label=_("Reason for referral"),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": _("Give the reason for the referral.")},
    )

    def __init__(
        self,
        *args: Any,
        leerlingen: QuerySet[Leerling],
        tijdvakken: list[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["leerling"].queryset = leerlingen
        velden["tijdvak"].choices = [(f"{t:%H:%M}", f"{t:%H:%M}") for t in tijdvakken]


class UitkomstForm(Formulier):
    uitkomst_soort = forms.ChoiceField(
        label=_("Outcome"),
        choices=Verwijzing.Uitkomst.choices,
        error_messages={"required": _("Choose the outcome.")},
    )
    uitkomst = forms.CharField(
        label=_("Outcome notes"), required=False, widget=forms.Textarea, max_length=5000
    )
