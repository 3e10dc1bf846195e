# SPDX-License-Identifier: EUPL-1.2
"""The forms of meldingen: the school's art. 14 b–k, the stay-at-home report, Leerplicht's
handling (art. 14 l–p), the SWV's part and the inbox filter. Errors are in the user's
language (Dutch by default); the database rules are checked again by the services."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.forms import Opmaak
from binnenboord.toegang.models import Medewerker

from ..models import Melding
from ..services.melding import SCHOOLVELDEN, controleer_duo_datum

TEKSTVAK = {"rows": 3, "class": "utrecht-textarea"}


class VerzuimmeldingForm(Opmaak, forms.ModelForm):
    """Art. 14 b–k, pre-filled; the school completes and sends it."""

    class Meta:
        model = Melding
        fields = [v for v in SCHOOLVELDEN if v != "omschrijving"]
        widgets = {
            "begindatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "einddatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contactpersoon_telefoon": forms.TextInput(attrs={"type": "tel"}),
            "contactpersoon_email": forms.EmailInput(),
        }
        help_texts = {
            "alle_lessen_gemist": _("Art. 14 f: tick when the pupil missed every lesson."),
            "prioriteit": _("Art. 14 h: required when action by the municipality is wanted."),
            "toelichting_geen_actie": _("Art. 14 h: required when no action is wanted."),
            "telefoon_leerling_ouder": _("Art. 14 k: separate several numbers with a comma."),
        }

    # Not art. 14 and not sent anywhere: the school's own report to DUO, which Binnenboord
    # does not make (services.melding.bevestig_duo_melding).
    duo_gemeld_op = forms.DateField(
        label=_("Reported to DUO on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Binnenboord does not send anything to DUO. Fill in the day your school reported "
            "this absence to DUO (Verzuimregister) from its own administration system or "
            "Mijn DUO; the case then shows the step as done. Leave empty if not yet done."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["begindatum"].required = True
        velden["vermoedelijke_soort"].required = True
        velden["contactpersoon_naam"].required = True
        if self.instance.duo_gemeld_op is not None:
            self.initial["duo_gemeld_op"] = self.instance.duo_gemeld_op
        self._opmaak()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        begin, eind = data.get("begindatum"), data.get("einddatum")
        if begin and eind and eind < begin:
            self.add_error("einddatum", _("The end date cannot be before the start date."))
        duo = data.get("duo_gemeld_op")
        if duo is not None:
            try:
                controleer_duo_datum(duo, begindatum=begin)
            except ValidationError as fout:
                self.add_error(None, fout)
        if data.get("actie_gemeente_gewenst"):
            if not data.get("prioriteit"):
                self.add_error("prioriteit", _("Choose a priority for the municipality's action."))
        elif not (data.get("toelichting_geen_actie") or "").strip():
            self.add_error(
                "toelichting_geen_actie", _("Explain why no action by the municipality is wanted.")
            )
        return data


class DuoGemeldForm(Opmaak, forms.Form):
    """The school confirms afterwards that it reported the absence to DUO itself."""

    duo_gemeld_op = forms.DateField(
        label=_("Reported to DUO on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the day you reported it to DUO.")},
        help_text=_(
            "The day your school reported this absence to DUO (Verzuimregister) from its own "
            "administration system or Mijn DUO."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()


class ThuiszitterForm(Opmaak, forms.Form):
    soort = forms.ChoiceField(
        label=_("Kind of report"),
        choices=[
            (Melding.Soort.DREIGEND_THUISZITTER, Melding.Soort.DREIGEND_THUISZITTER.label),
            (Melding.Soort.THUISZITTER, Melding.Soort.THUISZITTER.label),
        ],
        widget=forms.RadioSelect,
        initial=Melding.Soort.DREIGEND_THUISZITTER,
    )
    omschrijving = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={**TEKSTVAK, "rows": 5}),
        max_length=5000,
        help_text=_("The situation, since when the pupil is (almost) at home, what was tried."),
        error_messages={"required": _("Describe the situation of the pupil.")},
    )
    ondernomen_actie = forms.CharField(
        label=_("Action taken by the school"),
        widget=forms.Textarea(attrs=TEKSTVAK),
        required=False,
        max_length=5000,
    )
    contactpersoon_telefoon = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()


REGEL = re.compile(r"^\s*(\d{1,2}-\d{1,2}-\d{4})\s+(\d{1,2}):([0-5]\d)\s*$")


class VerzuimspecificatieField(forms.CharField):
    """Art. 14 l as text, one day per line: "12-01-2026 1:30" (date, hours:minutes)."""

    widget = forms.Textarea

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(
                f"{date.fromisoformat(r['datum']):%d-%m-%Y} "
                f"{r['minuten'] // 60}:{r['minuten'] % 60:02d}"
                for r in value
            )
        return value

    def to_python(self, value: Any) -> Any:
        if isinstance(value, list):
            return value
        tekst = super().to_python(value) or ""
        regels = []
        for nummer, regel in enumerate(tekst.splitlines(), start=1):
            if not regel.strip():
                continue
            gevonden = REGEL.match(regel)
            try:
                if gevonden is None:
                    raise ValueError(regel)
                dag_, maand, jaar = (int(d) for d in gevonden[1].split("-"))
                dag = date(jaar, maand, dag_)
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(nummer)d: write a date and hours as 12-01-2026 1:30."),
                    params={"nummer": nummer},
                ) from None
            regels.append(
                {"datum": dag.isoformat(), "minuten": int(gevonden[2]) * 60 + int(gevonden[3])}
            )
        return sorted(regels, key=lambda r: r["datum"])


class BehandelForm(Opmaak, forms.ModelForm):
    """Leerplicht's part: art. 14 l–p and who handles it."""

    verzuimspecificatie = VerzuimspecificatieField(
        label=_("l. Specification of absence days and hours"),
        required=False,
        help_text=_("One day per line: date and hours:minutes, e.g. 12-01-2026 1:30."),
    )

    class Meta:
        model = Melding
        fields = [
            "status",
            "behandelaar",
            "verzuimspecificatie",
            "reden_afsluiting",
            "toelichting_afsluiting",
            "opmerking_afsluiting",
            "gemeente_contactpersoon_naam",
            "gemeente_contactpersoon_functie",
            "gemeente_contactpersoon_telefoon",
            "gemeente_contactpersoon_email",
        ]
        labels = {
            "status": _("m. Status of the report"),
            "reden_afsluiting": _("n. Reason for closing"),
            "toelichting_afsluiting": _("o. Explanation of closing"),
            "opmerking_afsluiting": _("o. Remark on closing"),
            "gemeente_contactpersoon_naam": _("p. Municipal contact: name"),
            "gemeente_contactpersoon_functie": _("p. Municipal contact: position"),
            "gemeente_contactpersoon_telefoon": _("p. Municipal contact: phone"),
            "gemeente_contactpersoon_email": _("p. Municipal contact: email"),
            "behandelaar": _("Handled by"),
        }
        help_texts = {
            "reden_afsluiting": _("Required when the status is closed."),
            "behandelaar": _("Empty: you."),
        }
        widgets = {"gemeente_contactpersoon_telefoon": forms.TextInput(attrs={"type": "tel"})}

    def __init__(self, *args: Any, behandelaars: QuerySet[Medewerker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["status"].required = True
        velden["status"].error_messages["required"] = _("Choose a status.")
        velden["behandelaar"].queryset = behandelaars
        self._opmaak()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        afgesloten = data.get("status") == Melding.Status.AFGESLOTEN
        if afgesloten and not data.get("reden_afsluiting"):
            self.add_error(
                "reden_afsluiting", _("Choose a reason for closing when the report is closed.")
            )
        if not afgesloten and (data.get("reden_afsluiting") or data.get("toelichting_afsluiting")):
            self.add_error(
                "reden_afsluiting",
                _("A reason or explanation of closing only goes with the status closed."),
            )
        return data


class SwvForm(Opmaak, forms.ModelForm):
    class Meta:
        model = Melding
        fields = ["swv_behandelaar", "swv_opmerking"]
        labels = {"swv_behandelaar": _("Handled by"), "swv_opmerking": _("Remark")}
        help_texts = {"swv_behandelaar": _("Empty: you.")}

    def __init__(self, *args: Any, behandelaars: QuerySet[Medewerker], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["swv_behandelaar"].queryset = behandelaars
        self._opmaak()
