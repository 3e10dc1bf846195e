# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from django_otp import devices_for_user
from django_otp.models import Device

if TYPE_CHECKING:
    from binnenboord.toegang.models import Medewerker


class InlogForm(AuthenticationForm):
    """The standard log-in form; our template adds the autocomplete hints."""


class VerificatieForm(forms.Form):
    """The code of the authenticator app or a backup code. Each device throttles wrong codes
    itself (django-otp doubles the waiting time after every failure)."""

    code = forms.CharField(label=_("Code"), max_length=16, strip=True)

    def __init__(self, gebruiker: Medewerker, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gebruiker = gebruiker
        self.apparaat: Device | None = None

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].replace(" ", "")
        geweigerd = True
        with transaction.atomic():
            for apparaat in devices_for_user(self.gebruiker, for_verify=True):
                toegestaan, _info = apparaat.verify_is_allowed()
                if not toegestaan:
                    continue
                geweigerd = False
                if apparaat.verify_token(code):
                    self.apparaat = apparaat
                    return code
        if geweigerd:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a moment and try again."), code="throttled"
            )
        raise forms.ValidationError(_("This code is not correct."), code="invalid")


class VandaagfilterForm(forms.Form):
    """Which cases Vandaag lists (GET `toon`): a choice of four, "mine" when none or an unknown
    value is given. Each choice only narrows the cases the user may see
    (regie.selectors.werklijst.werklijst_casussen)."""

    toon = forms.ChoiceField(
        label=_("Which cases"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("mijn", _("My cases")),
            ("organisatie", _("My organisation")),
            ("escalaties", _("Escalations")),
            ("overleggen", _("Meetings this week")),
        ],
    )

    def keuze(self) -> str:
        if self.is_bound and self.is_valid() and self.cleaned_data["toon"]:
            return str(self.cleaned_data["toon"])
        return "mijn"
