# SPDX-License-Identifier: EUPL-1.2
"""The forms of the handover of a case after a move: what the sending side hands over, and the
receiving side's refusal."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .velden import Formulier


class GemeenteoverdrachtForm(Formulier):
    """What the sending side hands over to the Leerplicht of the pupil's new municipality."""

    prefix = "gemeenteoverdracht"
    plan = forms.BooleanField(
        label=_("The current plan of action"),
        required=False,
        help_text=_("It becomes the first version of the plan of the new case."),
    )
    acties = forms.BooleanField(
        label=_("The actions"),
        required=False,
        help_text=_("Open actions become actions of the new case (with the name of who does it)."),
    )
    contactmomenten = forms.BooleanField(
        label=_("The contact moments"),
        required=False,
        help_text=_(
            "Date, kind, with whom and the shared notes; never the youth doctor's medical notes "
            "or advice."
        ),
    )
    besluiten = forms.BooleanField(label=_("The advice and decisions of meetings"), required=False)
    samenvatting = forms.CharField(
        label=_("Summary for the receiving municipality"),
        required=False,
        widget=forms.Textarea,
        max_length=5000,
        help_text=_(
            "Leerplicht of the new municipality reads only what you tick here and this "
            "summary, never the case itself. Write no medical details."
        ),
    )


class WeigerenForm(Formulier):
    prefix = "weigeren"
    reden = forms.CharField(
        label=_("Reason for refusal"),
        widget=forms.Textarea,
        max_length=2000,
        help_text=_("The sending municipality reads this in the history of its case."),
        error_messages={"required": _("Give the reason why you refuse the handover.")},
    )
