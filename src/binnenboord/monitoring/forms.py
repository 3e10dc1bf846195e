# SPDX-License-Identifier: EUPL-1.2
"""The dashboard's choice of report (a GET form): kind, period, scope and an optional
comparison. The drill-down and the export read the same parameters, so a number opens the
list of the very report it was shown in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .rapport import (
    RAPPORTSOORTEN,
    OngeldigeInvoer,
    Periode,
    RapportSoort,
    Scope,
    lees_periode,
    lees_scope,
    standaardperiode,
)

SOORTLABELS = {
    "maand": _("Monthly report (Leerplicht and SWV)"),
    "kernpartners": _("Core-partner meeting (every two months)"),
    "jaar": _("Annual report (OOGO)"),
}
VERGELIJKINGEN = (
    ("", _("Standard (the annual report: the year before)")),
    ("vorige", _("The period before, of the same length")),
    ("rest", _("The rest of the municipality (for a district)")),
)


@dataclass(frozen=True)
class Keuze:
    """A valid choice: what maak_rapport is asked for."""

    soort: RapportSoort
    periode: Periode
    scope: Scope
    vergelijking: str
    basisaantal: int | None

    @property
    def basis(self) -> Periode | int | None:
        if self.basisaantal is not None:
            return self.basisaantal
        if self.vergelijking == "vorige":
            return self.periode.even_lang_ervoor()
        return None

    @property
    def vergelijk_met(self) -> Scope | None:
        return self.scope.rest() if self.vergelijking == "rest" else None

    def parameters(self) -> dict[str, str]:
        """The query string that gives this report back (the period fixed, so a link keeps
        meaning the same report when the month turns)."""
        parameters = {
            "soort": self.soort,
            "periode": self.periode.code,
            "scope": self.scope.tekst,
        }
        if self.vergelijking:
            parameters["vergelijking"] = self.vergelijking
        if self.basisaantal is not None:
            parameters["basis"] = str(self.basisaantal)
        return parameters


class RapportForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Kind of figures report"), choices=[(s, SOORTLABELS[s]) for s in RAPPORTSOORTEN]
    )
    periode = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=40,
        help_text=_(
            "A month (2026-10), a school year (2025/2026) or a range (2026-09..2026-10). "
            "Empty: the last whole month, two months or school year."
        ),
    )
    scope = forms.CharField(label=_("Figures of"), max_length=60)
    vergelijking = forms.ChoiceField(
        label=_("Compare with"), choices=VERGELIJKINGEN, required=False
    )
    basis = forms.IntegerField(
        label=_("Or compare with a number"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        help_text=_("For example 24 long-term stay-at-home pupils last year."),
    )

    def __init__(self, *args: Any, scopes: list[Scope], vandaag: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vandaag = vandaag
        self.fields["scope"].widget = forms.Select(choices=[(s.tekst, s.label) for s in scopes])
        for veld in self.fields.values():
            if isinstance(veld.widget, forms.Select):
                veld.widget.attrs["class"] = "utrecht-select"
            else:
                veld.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"

    def clean_periode(self) -> Periode | None:
        tekst: str = self.cleaned_data["periode"].strip()
        if not tekst:
            return None
        try:
            return lees_periode(tekst)
        except OngeldigeInvoer as fout:
            raise forms.ValidationError(str(fout)) from None

    def clean_scope(self) -> Scope:
        try:
            return lees_scope(self.cleaned_data["scope"])
        except OngeldigeInvoer as fout:
            raise forms.ValidationError(str(fout)) from None

    def clean(self) -> dict[str, Any]:
        super().clean()
        gegevens = self.cleaned_data
        scope = gegevens.get("scope")
        vergelijking = gegevens.get("vergelijking")
        if vergelijking == "rest" and scope is not None and scope.soort != "gebied":
            self.add_error("vergelijking", _("Only a district has a rest of the municipality."))
        if vergelijking and gegevens.get("basis") is not None:
            self.add_error("basis", _("Choose one comparison: a period, an area or a number."))
        return gegevens

    def keuze(self) -> Keuze:
        """The choice of a valid form; the default period of its kind when none was given."""
        gegevens = self.cleaned_data
        soort: RapportSoort = gegevens["soort"]
        periode = gegevens["periode"] or standaardperiode(soort, self.vandaag)
        return Keuze(
            soort=soort,
            periode=periode,
            scope=gegevens["scope"],
            vergelijking=gegevens.get("vergelijking") or "",
            basisaantal=gegevens.get("basis"),
        )
