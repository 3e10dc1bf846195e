# SPDX-License-Identifier: EUPL-1.2
"""The dashboard's choice of report (a GET form): kind, period, scope and an optional
comparison. The drill-down and the export read the same parameters, so a number opens the
list of the very report it was shown in.

The period is chosen, not typed (issue 17): a month, two months, a school year (1 August to
31 July) or a range of two dates (`tijdvak` with `maand`, `twee_maanden`, `schooljaar` or
`van` and `tot`). A link, the API and the command still pass `periode=2026-09..2026-10` (every
form monitoring.rapport.lees_periode reads): that is the period asked for, and the form shows
it as the matching choice."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.forms import Opmaak

from .rapport import (
    EERSTE_JAAR,
    LAATSTE_JAAR,
    LANGSTE_JAREN,
    RAPPORTSOORTEN,
    OngeldigeInvoer,
    Periode,
    RapportSoort,
    Scope,
    lees_periode,
    lees_scope,
    maandeinde,
    plus_maanden,
    standaardperiode,
)

SOORTLABELS = {
    "maand": _("Monthly report (Leerplicht and SWV)"),
    "kernpartners": _("Core-partner meeting (every two months)"),
    "jaar": _("Annual report (OOGO)"),
}
# How the period is chosen (the radio group `tijdvak`).
TIJDVAKKEN = (
    ("maand", _("A month")),
    ("twee_maanden", _("Two months")),
    ("schooljaar", _("A school year (1 August to 31 July)")),
    ("eigen", _("From a date up to and including a date")),
)
# The period each kind of report covers when nothing is chosen (rapport.standaardperiode).
TIJDVAK_VAN_SOORT = {"maand": "maand", "kernpartners": "twee_maanden", "jaar": "schooljaar"}
# How far back the lists of months, two-month periods and school years go.
MAANDEN_TERUG = 36
SCHOOLJAREN_TERUG = 8

_MAAND = re.compile(r"^(\d{4})-(\d{2})$")
_SCHOOLJAAR = re.compile(r"^(\d{4})[-/](\d{4})$")

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


class RapportForm(Opmaak, forms.Form):
    soort = forms.ChoiceField(
        label=_("Kind of figures report"), choices=[(s, SOORTLABELS[s]) for s in RAPPORTSOORTEN]
    )
    tijdvak = forms.ChoiceField(
        label=_("Period"),
        choices=TIJDVAKKEN,
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _(
                "Period: “%(value)s” is not a kind of period; choose a month, two months, a "
                "school year or your own dates."
            )
        },
        help_text=_("Choose the kind of period, then the period itself below."),
    )
    # no max_length: whatever a link holds gets the field's own error (clean)
    maand = forms.CharField(label=_("Month"), required=False)
    twee_maanden = forms.CharField(label=_("Two months"), required=False)
    schooljaar = forms.CharField(label=_("School year"), required=False)
    van = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("Only for a period of your own: the first day."),
        error_messages={"invalid": _("From: that is not a date; choose a day.")},
    )
    tot = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("Only for a period of your own: the last day."),
        error_messages={"invalid": _("Up to and including: that is not a date; choose a day.")},
    )
    # a link's, the API's or the command's period (every form lees_periode reads); not shown
    periode = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
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
        self.fields["scope"].widget = forms.Select(choices=[(s.tekst, s.naam) for s in scopes])
        # a period given as text (a link, the API): read as it always was, shown as a choice
        self.uit_tekst = bool(self.data.get("periode", "").strip()) and not self.data.get("tijdvak")
        getoond: Periode | None = None
        if self.uit_tekst:
            try:
                getoond = lees_periode(str(self.data["periode"]))
            except OngeldigeInvoer:
                getoond = None
        elif not self.data.get("tijdvak") and self.is_bound:
            soort = self.data.get("soort")
            if soort in RAPPORTSOORTEN:
                getoond = standaardperiode(soort, vandaag)
        if getoond is not None and self.is_bound:
            # a QueryDict or a dict: a copy whose values this form sets
            gegevens: Any = self.data.copy()  # type: ignore[attr-defined]
            for naam, waarde in _als_keuze(getoond).items():
                gegevens[naam] = waarde
            self.data = gegevens
        self.fields["maand"].widget = forms.Select(choices=self._maanden())
        self.fields["twee_maanden"].widget = forms.Select(choices=self._tweemaanden())
        self.fields["schooljaar"].widget = forms.Select(choices=self._schooljaren())
        self._opmaak()

    # --- the lists to choose from (the latest first; a value of a link is added) -----------

    def _extra(self, naam: str, lijst: list[tuple[str, str]], label: Any) -> list[tuple[str, str]]:
        waarde = str(self.data.get(naam, "") or "") if self.is_bound else ""
        if waarde and waarde not in {w for w, _l in lijst}:
            with contextlib.suppress(OngeldigeInvoer, ValueError):
                lijst.append((waarde, label(waarde)))
        return lijst

    def _maanden(self) -> list[tuple[str, str]]:
        eerste = self.vandaag.replace(day=1)
        maanden = [plus_maanden(eerste, -i) for i in range(MAANDEN_TERUG)]
        lijst = [(f"{m:%Y-%m}", Periode(m, maandeinde(m)).label) for m in maanden]
        return self._extra("maand", lijst, lambda w: _maand_periode(w).label)

    def _tweemaanden(self) -> list[tuple[str, str]]:
        eerste = self.vandaag.replace(day=1)
        # the latest ends with the current month
        beginnen = [plus_maanden(eerste, -1 - i) for i in range(MAANDEN_TERUG)]
        lijst = [(f"{b:%Y-%m}", _tweemaanden_periode(f"{b:%Y-%m}").label) for b in beginnen]
        return self._extra("twee_maanden", lijst, lambda w: _tweemaanden_periode(w).label)

    def _schooljaren(self) -> list[tuple[str, str]]:
        laatste = (
            self.vandaag.year
            if self.vandaag >= date(self.vandaag.year, 8, 1)
            else (self.vandaag.year - 1)
        )
        jaren = [laatste - i for i in range(SCHOOLJAREN_TERUG)]
        lijst = [(f"{j}-{j + 1}", _schooljaar_periode(f"{j}-{j + 1}").label) for j in jaren]
        return self._extra("schooljaar", lijst, lambda w: _schooljaar_periode(w).label)

    # --- validation -------------------------------------------------------------------------

    def clean_periode(self) -> Periode | None:
        tekst: str = self.cleaned_data["periode"].strip()
        if not tekst or not self.uit_tekst:
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
        if not self.uit_tekst:
            gegevens["periode"] = self._gekozen_periode()
        scope = gegevens.get("scope")
        vergelijking = gegevens.get("vergelijking")
        if vergelijking == "rest" and scope is not None and scope.soort != "gebied":
            self.add_error("vergelijking", _("Only a district has a rest of the municipality."))
        if vergelijking and gegevens.get("basis") is not None:
            self.add_error("basis", _("Choose one comparison: a period, an area or a number."))
        return gegevens

    def _gekozen_periode(self) -> Periode | None:
        """The period of the radio group and the field that goes with it; a Dutch error on
        that field (naming it) when it is missing, unreadable, in the future or too long."""
        tijdvak = self.cleaned_data.get("tijdvak") or ""
        if not tijdvak:
            return None
        if tijdvak == "eigen":
            return self._eigen_periode()
        veld = tijdvak
        waarde = (self.cleaned_data.get(veld) or "").strip()
        label = self.fields[veld].label
        if not waarde:
            self.add_error(veld, _("%(veld)s: choose one from the list.") % {"veld": label})
            return None
        lezer = {
            "maand": _maand_periode,
            "twee_maanden": _tweemaanden_periode,
            "schooljaar": _schooljaar_periode,
        }[veld]
        try:
            periode = lezer(waarde)
        except (OngeldigeInvoer, ValueError):
            self.add_error(
                veld,
                _("%(veld)s: “%(waarde)s” is not one of the choices; choose one from the list.")
                % {"veld": label, "waarde": waarde[:40]},
            )
            return None
        # a month may be the current one, a school year the current one (the report counts
        # up to today); a later one is a mistake
        begin = periode.van if veld == "schooljaar" else periode.tot.replace(day=1)
        if begin > self.vandaag:
            self.add_error(
                veld,
                _("%(veld)s: %(periode)s lies in the future; choose a period up to today.")
                % {"veld": label, "periode": periode.label},
            )
            return None
        return periode

    def _eigen_periode(self) -> Periode | None:
        van, tot = self.cleaned_data.get("van"), self.cleaned_data.get("tot")
        labels = {"van": self.fields["van"].label, "tot": self.fields["tot"].label}
        fout = False
        for naam, waarde in (("van", van), ("tot", tot)):
            if waarde is None and naam not in self.errors:
                self.add_error(naam, _("%(veld)s: fill in a date.") % {"veld": labels[naam]})
            if waarde is None:
                fout = True
            elif not EERSTE_JAAR <= waarde.year <= LAATSTE_JAAR:
                self.add_error(
                    naam,
                    _("%(veld)s: choose a date between %(eerste)s and %(laatste)s.")
                    % {"veld": labels[naam], "eerste": EERSTE_JAAR, "laatste": LAATSTE_JAAR},
                )
                fout = True
        if fout or van is None or tot is None:
            return None
        if tot < van:
            self.add_error(
                "tot",
                _("%(tot)s: %(dag)s lies before “%(van)s”; choose a later day.")
                % {"tot": labels["tot"], "van": labels["van"], "dag": f"{tot:%d-%m-%Y}"},
            )
            return None
        if van > self.vandaag:
            self.add_error(
                "van",
                _("%(veld)s: %(dag)s lies in the future; choose a day up to today.")
                % {"veld": labels["van"], "dag": f"{van:%d-%m-%Y}"},
            )
            return None
        if tot >= plus_maanden(van.replace(day=1), 12 * LANGSTE_JAREN):
            self.add_error(
                "tot",
                _("%(tot)s: the period is longer than %(jaren)s years; choose a shorter one.")
                % {"tot": labels["tot"], "jaren": LANGSTE_JAREN},
            )
            return None
        return Periode(van, tot)

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


def _maand_periode(waarde: str) -> Periode:
    delen = _MAAND.match(waarde)
    if delen is None:
        raise ValueError(waarde)
    begin = date(int(delen[1]), int(delen[2]), 1)
    if not EERSTE_JAAR <= begin.year <= LAATSTE_JAAR:
        raise ValueError(waarde)
    return Periode(begin, maandeinde(begin))


def _tweemaanden_periode(waarde: str) -> Periode:
    """Two whole months from the month `waarde` (the kernpartner meeting's period)."""
    eerste = _maand_periode(waarde)
    return Periode(eerste.van, maandeinde(plus_maanden(eerste.van, 1)))


def _schooljaar_periode(waarde: str) -> Periode:
    delen = _SCHOOLJAAR.match(waarde)
    if delen is None or int(delen[2]) != int(delen[1]) + 1:
        raise ValueError(waarde)
    if not EERSTE_JAAR <= int(delen[1]) < LAATSTE_JAAR:
        raise ValueError(waarde)
    return Periode(date(int(delen[1]), 8, 1), date(int(delen[2]), 7, 31))


def _als_keuze(periode: Periode) -> dict[str, str]:
    """The form's choice that shows `periode`: a month, two months, a school year or, for
    anything else, the two dates."""
    hele_maanden = periode.van.day == 1 and periode.tot == maandeinde(periode.tot)
    if hele_maanden:
        aantal = (
            (periode.tot.year - periode.van.year) * 12 + periode.tot.month - periode.van.month + 1
        )
        if aantal == 1:
            return {"tijdvak": "maand", "maand": f"{periode.van:%Y-%m}"}
        if aantal == 2:
            return {"tijdvak": "twee_maanden", "twee_maanden": f"{periode.van:%Y-%m}"}
        if aantal == 12 and periode.van.month == 8:
            jaar = periode.van.year
            return {"tijdvak": "schooljaar", "schooljaar": f"{jaar}-{jaar + 1}"}
    return {"tijdvak": "eigen", "van": periode.van.isoformat(), "tot": periode.tot.isoformat()}
