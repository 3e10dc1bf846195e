# SPDX-License-Identifier: EUPL-1.2
"""The portal's log-in forms (portaal.views.inloggen): log in with the invitation code and a
password, activate an account with a new invitation code, and enter an invitation code once
logged in (after DigiD, or for a second child).

The fields are prefixed (`inloggen-code`, `activeren-code`, `uitnodiging-code`), so each form
on the log-in page has its own ids."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from binnenboord.regie.services.relatie import normaliseer_code

CODE_LENGTE = 40


class _Code(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("Code"),
            max_length=CODE_LENGTE,
            help_text=_("The code from the letter or the e-mail."),
            widget=forms.TextInput(
                attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
            ),
            **kwargs,
        )

    def clean(self, value: Any) -> str:
        # as the invitation stores it, and as the log-in name: capitals, letters and digits
        # only (a code typed with spaces, dashes or small letters is the same code)
        return normaliseer_code(super().clean(value))


class InlogFormulier(forms.Form):
    """Log in with the code of the first log-in and the password chosen then."""

    code = _Code()
    wachtwoord = forms.CharField(
        label=_("Password"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ActiveerFormulier(forms.Form):
    """The first log-in: a new invitation code and a password, typed twice."""

    code = _Code()
    wachtwoord = forms.CharField(
        label=_("New password"),
        max_length=128,
        strip=False,
        help_text=_("At least 12 characters. Choose a password you do not use anywhere else."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    wachtwoord_opnieuw = forms.CharField(
        label=_("New password again"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        wachtwoord = gegevens.get("wachtwoord")
        if wachtwoord and wachtwoord != gegevens.get("wachtwoord_opnieuw"):
            self.add_error("wachtwoord_opnieuw", _("The two passwords are not the same."))
        elif wachtwoord:
            try:
                validate_password(wachtwoord)
            except forms.ValidationError as fout:
                self.add_error("wachtwoord", fout)
        return gegevens


class CodeFormulier(forms.Form):
    """An invitation code for a user who is logged in already."""

    code = _Code()
