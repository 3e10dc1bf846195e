# SPDX-License-Identifier: EUPL-1.2
"""The forms of the case page's section "Ouders en leerling" (docs/relatie.md, "De kant van de
professional"): inviting a parent or the pupil to the portal, ending or withholding access
(with a confirm step), inviting to a meeting, noting a story on someone's behalf, replying to
a message and answering a correction request. The choices are the case's own (whom the rules
let invite, the case's meetings and active accesses), so an id of another case is not a
choice; the services check every rule again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Correctieverzoek, Portaaltoegang
from .velden import Formulier

LEERLING = "leerling"


class UitnodigenForm(Formulier):
    """Invite one person (regie.relatie.uit_te_nodigen) by letter or e-mail."""

    prefix = "uitnodigen"
    persoon = forms.ChoiceField(
        label=_("Who"),
        choices=(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who you invite."),
            "invalid_choice": _("This person cannot be invited from this case."),
        },
    )
    via = forms.ChoiceField(
        label=_("How"),
        choices=Portaaltoegang.Via.choices,
        widget=forms.RadioSelect,
        initial=Portaaltoegang.Via.BRIEF,
        error_messages={
            "required": _("Choose how the invitation goes: by letter or by e-mail."),
            "invalid_choice": _("Choose how the invitation goes: by letter or by e-mail."),
        },
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        help_text=_("Only for an invitation by e-mail; filled in from the register when known."),
        error_messages={"invalid": _("Give a valid e-mail address.")},
    )

    def __init__(self, *args: Any, keuzes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["persoon"].choices = keuzes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("via") == Portaaltoegang.Via.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("Give the e-mail address for an invitation by e-mail."))
        return data


class ToegangEindeForm(Formulier):
    """End an access or an invitation, withhold a parent's access, or lift a withholding:
    the reason (required), then a confirm step (`bevestigd`, sent by the confirm page)."""

    prefix = "einde"
    reden = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea,
        max_length=2000,
        help_text=_("The reason is logged in the case; the person does not see it."),
        error_messages={"required": _("Give the reason.")},
    )
    bevestigd = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_reden(self) -> str:
        reden = self.cleaned_data["reden"].strip()
        if not reden:
            raise forms.ValidationError(_("Give the reason."))
        return reden


class OverlegUitnodigenForm(Formulier):
    """Invite a person with access to a meeting that has this case on its agenda."""

    prefix = "overleguitnodiging"
    overleg = forms.ChoiceField(
        label=_("Meeting"),
        choices=(),
        error_messages={
            "required": _("Choose the meeting."),
            "invalid_choice": _("Choose a meeting of this case, today or later."),
        },
    )
    toegang = forms.ChoiceField(
        label=_("Whom"),
        choices=(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whom you invite to the meeting."),
            "invalid_choice": _("Choose a parent or the pupil with access to the portal."),
        },
    )

    def __init__(
        self,
        *args: Any,
        overleggen: list[tuple[str, str]],
        toegangen: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["overleg"].choices = [("", _("Choose a meeting")), *overleggen]
        velden["toegang"].choices = toegangen


class VerhaalNamensForm(Formulier):
    """A story noted by a staff member on behalf of a parent or the pupil: it says so."""

    prefix = "verhaal"
    namens = forms.ChoiceField(
        label=_("On behalf of"),
        choices=(),
        widget=forms.RadioSelect,
        help_text=_(
            "You note their words on their behalf: the case page and the portal show that you "
            "noted it, not they."
        ),
        error_messages={
            "required": _("Choose on whose behalf you note the story."),
            "invalid_choice": _("Choose a parent of this pupil or the pupil."),
        },
    )
    wat_speelt = forms.CharField(
        label=_("What is going on"), required=False, widget=forms.Textarea, max_length=5000
    )
    wat_wil_ik = forms.CharField(
        label=_("What they want"), required=False, widget=forms.Textarea, max_length=5000
    )
    wat_heb_ik_nodig = forms.CharField(
        label=_("What they need"), required=False, widget=forms.Textarea, max_length=5000
    )

    def __init__(self, *args: Any, keuzes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["namens"].choices = keuzes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        teksten = [
            (data.get(v) or "").strip() for v in ("wat_speelt", "wat_wil_ik", "wat_heb_ik_nodig")
        ]
        if not any(teksten) and not self.has_error("wat_speelt"):
            self.add_error("wat_speelt", _("Write at least one of the three parts of the story."))
        return data


class BerichtForm(Formulier):
    prefix = "bericht"
    tekst = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": _("Write your message.")},
    )

    def clean_tekst(self) -> str:
        tekst = self.cleaned_data["tekst"].strip()
        if not tekst:
            raise forms.ValidationError(_("Write your message."))
        return tekst


class CorrectieForm(Formulier):
    prefix = "correctie"
    uitkomst = forms.ChoiceField(
        label=_("Outcome"),
        choices=Correctieverzoek.Uitkomst.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether the data was corrected or the request refused."),
            "invalid_choice": _("Choose whether the data was corrected or the request refused."),
        },
    )
    antwoord = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea,
        max_length=5000,
        help_text=_("The parent or pupil reads this answer in the portal."),
        error_messages={"required": _("Give your answer to the request.")},
    )

    def clean_antwoord(self) -> str:
        antwoord = self.cleaned_data["antwoord"].strip()
        if not antwoord:
            raise forms.ValidationError(_("Give your answer to the request."))
        return antwoord
