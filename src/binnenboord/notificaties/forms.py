# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Notificatievoorkeur


class VoorkeurForm(forms.Form):
    mail = forms.ChoiceField(
        label=_("Notifications by e-mail"),
        choices=Notificatievoorkeur.Mail.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "An e-mail names no pupil: it says what happened and links to the page in "
            "Binnenboord. What you already read here is not mailed."
        ),
    )
