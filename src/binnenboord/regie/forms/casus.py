# SPDX-License-Identifier: EUPL-1.2
"""The forms of a case itself (opening, regie, participants, contact moments, plan, actions,
steps, closing, the case list's filter). Each has a prefix, so several can stand on the case
page; errors are in the user's language (Dutch by default); the services check every rule
again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.forms import medewerkerlabel
from binnenboord.gedeeld.zoekkeuze import Zoekkeuze
from binnenboord.registratie.models import Ouder
from binnenboord.toegang.models import Medewerker

from ..models import Actie, Casus, Contactmoment, Deelnemer
from .velden import Formulier, datumveld


class OpenCasusForm(Formulier):
    start = datumveld(
        _("Start"),
        help_text=_("The first day of the stay-at-home period, or of the report."),
        error_messages={"required": _("Give the start date of the case.")},
    )
    regisseur = Zoekkeuze(
        label=_("Case director"),
        queryset=Medewerker.objects.none(),
        required=False,
        help_text=_("Empty: you."),
        labeler=medewerkerlabel,
    )
    toelichting = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea, max_length=5000
    )

    def __init__(self, *args: Any, kandidaten: QuerySet[Medewerker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["regisseur"].queryset = kandidaten

    def clean_start(self) -> Any:
        start = self.cleaned_data["start"]
        if start > timezone.localdate():
            raise forms.ValidationError(_("The start cannot be in the future."))
        return start


class OverdrachtForm(Formulier):
    prefix = "overdracht"
    naar = Zoekkeuze(
        label=_("New case director"),
        queryset=Medewerker.objects.none(),
        error_messages={"required": _("Choose the new case director.")},
        labeler=medewerkerlabel,
    )
    datum = datumveld(_("Date"), initial=timezone.localdate)
    reden = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": _("Give the reason for the transfer.")},
    )

    def __init__(self, *args: Any, kandidaten: QuerySet[Medewerker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["naar"].queryset = kandidaten


class DeelnemerForm(Formulier):
    prefix = "deelnemer"
    soort = forms.ChoiceField(
        label=_("Kind of participant"),
        choices=Deelnemer.Soort.choices,
        widget=forms.RadioSelect,
        initial=Deelnemer.Soort.PROFESSIONAL,
    )
    medewerker = Zoekkeuze(
        label=_("Staff member"),
        queryset=Medewerker.objects.none(),
        required=False,
        help_text=_("For a professional with an account: from now on sees the case."),
        labeler=medewerkerlabel,
    )
    ouder = forms.ModelChoiceField(label=_("Parent"), queryset=Ouder.objects.none(), required=False)
    naam = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("For an external person or a parent who is not registered."),
    )
    organisatie = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    rol = forms.CharField(
        label=_("Role in the case"),
        required=False,
        max_length=200,
        help_text=_("E.g. parent-child adviser, family manager, care provider."),
    )
    visie = forms.CharField(
        label=_("Their view"), required=False, widget=forms.Textarea, max_length=5000
    )
    casusverantwoordelijke_zorg = forms.BooleanField(
        label=_("Responsible for care in this case"), required=False
    )

    def __init__(
        self,
        *args: Any,
        kandidaten: QuerySet[Medewerker],
        ouders: QuerySet[Ouder],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["medewerker"].queryset = kandidaten
        velden["ouder"].queryset = ouders

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        soort = data.get("soort")
        if soort == Deelnemer.Soort.PROFESSIONAL and not data.get("medewerker"):
            self.add_error("medewerker", _("Choose the staff member."))
        if soort == Deelnemer.Soort.EXTERN and not (data.get("naam") or "").strip():
            self.add_error("naam", _("Give the name of the participant."))
        if soort == Deelnemer.Soort.OUDER and not (
            data.get("ouder") or (data.get("naam") or "").strip()
        ):
            self.add_error("ouder", _("Choose the parent or give a name."))
        return data


class ContactmomentForm(Formulier):
    prefix = "contact"
    soort = forms.ChoiceField(label=_("Kind"), choices=Contactmoment.Soort.choices)
    datum = datumveld(_("Date"), initial=timezone.localdate)
    met = forms.MultipleChoiceField(
        label=_("With"),
        choices=Contactmoment.Met.choices,
        widget=forms.CheckboxSelectMultiple(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
        required=False,
    )
    verslag = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"required": _("Write a short report of the contact.")},
        help_text=_(
            "Everyone who sees the case reads these notes (school, Leerplicht, participants). "
            "Medical content belongs to the youth doctor and does not go here."
        ),
    )
    advies_regisseur = forms.CharField(
        label=_("Short advice for the case director"),
        required=False,
        widget=forms.Textarea,
        max_length=2000,
        help_text=_(
            "Only the case director and youth doctors read this. Non-medical: no diagnosis or "
            "medication, e.g. 'can attend 2 hours a day'."
        ),
    )
    alleen_professionals = forms.BooleanField(
        label=_("Professionals only (not visible to the parents and the pupil)"),
        required=False,
        help_text=_(
            "Parents and the pupil see the contacts of their case in the portal and in their copy "
            "of the file. Tick this when the notes hold what they may not read, such as what "
            "someone else told in confidence or a concern about safety at home. Everyone who "
            "sees the case still reads them."
        ),
    )

    def __init__(self, *args: Any, jeugdarts: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        if jeugdarts:
            # a youth doctor's notes are medical: kept apart, for youth doctors only
            velden["verslag"].label = _("Medical notes")
            velden["verslag"].help_text = _(
                "Only youth doctors of your organisation read these notes: not the case "
                "director, the school, Leerplicht or other participants. They are never in the "
                "timeline, a PDF, the API or a handover."
            )
        else:
            del velden["advies_regisseur"]

    def clean_datum(self) -> Any:
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("A contact cannot be in the future."))
        return datum


class PlanForm(Formulier):
    prefix = "plan"
    basis_versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    doel = forms.CharField(
        label=_("Goal"),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": _("Give the goal of the plan.")},
    )
    afspraken = forms.CharField(
        label=_("Agreements"),
        required=False,
        widget=forms.Textarea,
        max_length=10000,
        help_text=_("Who does what by when; add the actions below."),
    )
    # typed by a professional: the labels say so, and the case page shows beside them what
    # the family wrote themselves in the portal (docs/relatie.md)
    visie_ouders = forms.CharField(
        label=_("View of the parents, noted by the professional on their behalf"),
        required=False,
        widget=forms.Textarea,
        max_length=5000,
        help_text=_(
            "What you heard from the parents, in your words. Their own story and their own "
            "reaction to the plan in the portal are shown beside it on the case page."
        ),
    )
    visie_leerling = forms.CharField(
        label=_("View of the pupil, noted by the professional on their behalf"),
        required=False,
        widget=forms.Textarea,
        max_length=5000,
        help_text=_(
            "What you heard from the pupil, in your words. The pupil's own story and reaction "
            "in the portal are shown beside it on the case page."
        ),
    )
    leerling_gehoord = forms.BooleanField(
        label=_("The pupil has been heard, noted by the professional"), required=False
    )
    akkoord_ouders = forms.BooleanField(
        label=_("The parents agree, noted by the professional on their behalf"),
        required=False,
        help_text=_("The parents can say themselves in the portal whether they agree."),
    )
    akkoord_leerling = forms.BooleanField(
        label=_("The pupil agrees, noted by the professional on their behalf"),
        required=False,
        help_text=_("The pupil can say so themselves in the portal too."),
    )


class ActieForm(Formulier):
    prefix = "actie"
    wie = Zoekkeuze(
        label=_("Who (staff member)"),
        queryset=Medewerker.objects.none(),
        required=False,
        labeler=medewerkerlabel,
    )
    # an action of the family: it shows in their portal as their own action
    ouder = forms.ModelChoiceField(
        label=_("Or a parent of the pupil"),
        queryset=Ouder.objects.none(),
        required=False,
        help_text=_("The parent sees it in the portal as their own action."),
    )
    leerling_zelf = forms.BooleanField(
        label=_("Or the pupil does this"),
        required=False,
        help_text=_("The pupil sees it in the portal as their own action."),
    )
    wie_naam = forms.CharField(
        label=_("Or who (name)"),
        required=False,
        max_length=200,
        help_text=_("For someone else without an account."),
    )
    wat = forms.CharField(
        label=_("What"),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": _("Describe the action.")},
    )
    uiterlijk = datumveld(
        _("Deadline"), error_messages={"required": _("Give the deadline of the action.")}
    )

    def __init__(
        self,
        *args: Any,
        kandidaten: QuerySet[Medewerker],
        ouders: QuerySet[Ouder] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["wie"].queryset = kandidaten
        velden["ouder"].queryset = ouders if ouders is not None else Ouder.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        gekozen = [v for v in ("wie", "ouder", "leerling_zelf") if data.get(v)]
        if len(gekozen) > 1:
            self.add_error(
                gekozen[1],
                _("Choose one who does the action: a staff member, a parent or the pupil."),
            )
        elif not gekozen and not (data.get("wie_naam") or "").strip():
            self.add_error("wie", _("Choose who does the action, or give a name."))
        return data


class ActieAfrondenForm(Formulier):
    prefix = "afronden"
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(Actie.Status.GEDAAN, _("done")), (Actie.Status.VERVALLEN, _("cancelled"))],
        initial=Actie.Status.GEDAAN,
    )
    op = datumveld(_("On"), initial=timezone.localdate)


class Stapkeuze(forms.ChoiceField):
    """The step choice: a step the user may not record (`voorbehouden`, not among the
    choices) is refused with its own message rather than as an unknown choice."""

    voorbehouden: dict[str, Any] = {}

    def validate(self, value: Any) -> None:
        if value in self.voorbehouden:
            raise forms.ValidationError(self.voorbehouden[value], code="voorbehouden")
        super().validate(value)


class StapForm(Formulier):
    prefix = "stap"
    stap = Stapkeuze(label=_("Step"), choices=(), error_messages={"required": _("Choose a step.")})
    datum = datumveld(_("Done on"), initial=timezone.localdate)
    tijd = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Only where a deadline counts in hours (e.g. the Intervention team)."),
    )
    toelichting = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea, max_length=2000
    )

    def __init__(
        self,
        *args: Any,
        keuzes: list[tuple[str, str]],
        voorbehouden: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """`keuzes`: the steps the user may record; `voorbehouden`: steps of the model the
        user may not record, with the message why."""
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["stap"].choices = [("", _("Choose a step")), *keuzes]
        velden["stap"].voorbehouden = dict(voorbehouden or {})

    def clean_datum(self) -> Any:
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("A step cannot be done in the future."))
        return datum


class SluitenForm(Formulier):
    prefix = "sluiten"
    passend_aanbod = forms.ChoiceField(
        label=_("Fitting offer"),
        choices=Casus.PassendAanbod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the fitting offer.")},
    )
    op = datumveld(
        _("Fitting offer from"),
        initial=timezone.localdate,
        error_messages={"required": _("Give the date of the fitting offer.")},
    )
    opmerking = forms.CharField(
        label=_("Remark"), required=False, widget=forms.Textarea, max_length=5000
    )


class HeropenenForm(Formulier):
    prefix = "heropenen"
    reden = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": _("Give the reason for reopening.")},
    )


class BeeindigenForm(Formulier):
    """Ending a participation or an escalation: the reason, for the history."""

    reden = forms.CharField(
        label=_("Reason for ending"),
        max_length=2000,
        error_messages={"required": _("Give the reason for ending.")},
    )
