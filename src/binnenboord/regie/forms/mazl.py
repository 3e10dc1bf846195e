# SPDX-License-Identifier: EUPL-1.2
"""The forms of a MAZL referral: the school's referral, and the youth doctor's consult, medical
notes and advice (services.mazl)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Mazlverwijzing
from .velden import Formulier, datumveld


class VerwijzingForm(Formulier):
    prefix = "verwijzing"
    reden = forms.CharField(
        label=_("Reason for referral"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "What the school sees: the sick leave and what was discussed with the pupil and "
            "parents. No diagnosis. The youth doctor of your school's core team reads this."
        ),
        error_messages={"required": _("Give the reason for the referral.")},
    )


class ConsultForm(Formulier):
    prefix = "consult"
    consult_op = datumveld(_("Date of the consult"), initial=timezone.localdate)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Mazlverwijzing.Status.GEPLAND, _("consult planned")),
            (Mazlverwijzing.Status.NIET_VERSCHENEN, _("did not attend")),
        ],
        initial=Mazlverwijzing.Status.GEPLAND,
        help_text=_("The school sees the status and the date, nothing else."),
    )


class MedischForm(Formulier):
    prefix = "medisch"
    tekst = forms.CharField(
        label=_("Medical notes"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        help_text=_(
            "Only youth doctors of your organisation who see this referral read this: never "
            "the school, Leerplicht or a case. Saving again replaces the notes."
        ),
        error_messages={"required": _("Write the medical notes.")},
    )


class AdviesForm(Formulier):
    prefix = "advies"
    consult_op = datumveld(_("Date of the consult"), initial=timezone.localdate)
    advies = forms.CharField(
        label=_("Advice for the school"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "Only what the family agreed to share, e.g. 'can attend 2 hours a day'. No "
            "diagnosis, medication or other medical content. Sending it completes the referral."
        ),
        error_messages={"required": _("Give the advice that may be shared with the school.")},
    )
