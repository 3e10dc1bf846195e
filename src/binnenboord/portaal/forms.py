# SPDX-License-Identifier: EUPL-1.2
"""The portal's forms of a case (docs/relatie.md): plain words, real radio groups, and an
error that names the field in plain Dutch. The writes go through regie.services.relatie,
which checks them again against the stored rows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.forms import Opmaak
from binnenboord.regie.models import Overleguitnodiging, Portaaltoegang
from binnenboord.toegang.models import Portaalgebruiker

MAX_TEKST = 5000


def _tekst(label: Any, *, help_text: Any = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": _("This text is too long. Keep it shorter.")},
    )


class Planreactieform(Opmaak, forms.Form):
    eens = forms.ChoiceField(
        label=_("Do you agree with the plan?"),
        choices=[("ja", _("I agree")), ("nee", _("I do not agree, because …"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose if you agree with the plan."),
            "invalid_choice": _("Choose if you agree with the plan."),
        },
    )
    toelichting = _tekst(
        _("Why not?"), help_text=_("Only when you do not agree. Write what should change.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        data["toelichting"] = (data.get("toelichting") or "").strip()
        if data.get("eens") == "nee" and not data["toelichting"]:
            self.add_error("toelichting", _("Write why you do not agree."))
        return data


class Verhaalform(Opmaak, forms.Form):
    wat_speelt = _tekst(_("What is going on?"), rows=5)
    wat_wil_ik = _tekst(_("What do I want?"), rows=5)
    wat_heb_ik_nodig = _tekst(_("What do I need?"), rows=5)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for veld in ("wat_speelt", "wat_wil_ik", "wat_heb_ik_nodig"):
            data[veld] = (data.get(veld) or "").strip()
        if not self.errors and not any(
            data[v] for v in ("wat_speelt", "wat_wil_ik", "wat_heb_ik_nodig")
        ):
            self.add_error("wat_speelt", _("Answer at least one question."))
        return data


class Overlegantwoordform(Opmaak, forms.Form):
    antwoord = forms.ChoiceField(
        label=_("Your answer"),
        choices=Overleguitnodiging.Antwoord.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose your answer."),
            "invalid_choice": _("Choose your answer."),
        },
    )
    tekst = _tekst(
        _("What do you want to pass on?"),
        help_text=_("The people at the meeting read this."),
        rows=3,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        data["tekst"] = (data.get("tekst") or "").strip()
        if data.get("antwoord") == Overleguitnodiging.Antwoord.MEEGEVEN and not data["tekst"]:
            self.add_error("tekst", _("Write what you want to pass on."))
        return data


class Berichtform(Opmaak, forms.Form):
    tekst = forms.CharField(
        label=_("Your message"),
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write your message first."),
            "max_length": _("This text is too long. Keep it shorter."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()

    def clean_tekst(self) -> str:
        tekst = str(self.cleaned_data["tekst"]).strip()
        if not tekst:
            raise forms.ValidationError(_("Write your message first."))
        return tekst


class Toestemmingform(Opmaak, forms.Form):
    """The pupil's choice for one parent: may they see the case?"""

    toestemming = forms.ChoiceField(
        label=_("May this parent see your file?"),
        choices=[("ja", _("Yes, they may see it")), ("nee", _("No, they may not"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose yes or no."),
            "invalid_choice": _("Choose yes or no."),
        },
    )

    def __init__(self, *args: Any, ouder_toegang: Portaaltoegang, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"ouder{ouder_toegang.pk}")
        super().__init__(*args, **kwargs)
        self.ouder_toegang = ouder_toegang
        if not self.is_bound:
            self.initial["toestemming"] = (
                "ja" if ouder_toegang.toestemming_leerling_op is not None else "nee"
            )
        self._opmaak()


class Instellingenform(Opmaak, forms.ModelForm):
    class Meta:
        model = Portaalgebruiker
        fields = ["email", "email_meldingen"]
        labels = {
            "email": _("Your e-mail address"),
            "email_meldingen": _("Send me an e-mail when there is news"),
        }
        help_texts = {
            "email": _("We only use it for the e-mails you choose below."),
            "email_meldingen": _(
                "News is a new plan, an invitation to a meeting or a message. The e-mail only "
                "has a link. It never has details about your child."
            ),
        }
        error_messages = {
            "email": {"invalid": _("Write your e-mail address like this: name@example.nl.")}
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        self._opmaak()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        data["email"] = (data.get("email") or "").strip()
        if data.get("email_meldingen") and not data["email"] and "email" not in self.errors:
            self.add_error("email", _("Write your e-mail address to get e-mails."))
        return data
