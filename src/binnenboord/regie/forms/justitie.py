# SPDX-License-Identifier: EUPL-1.2
"""The forms of the justice, letters, advice, exemption, OPP and evaluation sections of a
case. Each has a prefix, so several stand on the case page; the services check every rule
again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binnenboord.registratie.models import Ouder, Vrijstelling

from ..models import Brief, Evaluatie, Justitiestap
from ..services.justitie import VRIJE_BRIEVEN
from .velden import Formulier, datumveld


def _tekst(label: Any, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=5000, widget=forms.Textarea, **kwargs)


class _Vrijstellingkeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_artikel_display()} ({obj.begindatum:%d-%m-%Y})"


class JustitiestapForm(Formulier):
    prefix = "justitie"
    soort = forms.ChoiceField(label=_("Step"), choices=Justitiestap.Soort.choices)
    datum = datumveld(_("Date"), initial=timezone.localdate)
    toelichting = _tekst(_("Explanation"), required=False)
    uitkomst = _tekst(_("Outcome"), required=False)
    toestemming = forms.BooleanField(
        label=_("Consent given (Halt: the youth, and the parents of a youth under 16)"),
        required=False,
    )
    ouders_eerder_veroordeeld = forms.BooleanField(
        label=_("Parents were convicted before (official report: copy to the Board)"),
        required=False,
    )


class BriefForm(Formulier):
    prefix = "brief"
    sjabloon = forms.ChoiceField(
        label=_("Letter"),
        # the portal's and the meeting's invitations are made where the family is invited
        choices=[(k, v) for k, v in Brief.Sjabloon.choices if k in VRIJE_BRIEVEN],
    )
    ontvanger = forms.ChoiceField(
        label=_("For"),
        required=False,
        help_text=_(
            "A letter to a parent with parental authority or to the pupil also shows in their "
            "portal, with their own address. A shielded address of someone else never goes "
            "into the letter."
        ),
    )
    aan = forms.CharField(
        label=_("Addressed to"),
        max_length=300,
        required=False,
        help_text=_("Empty with a parent or the pupil chosen above: their name."),
    )
    afspraak = forms.DateTimeField(
        label=_("Appointment (date and time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("For an invitation or the announcement of a home visit."),
    )

    def __init__(
        self, *args: Any, ontvangers: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["ontvanger"].choices = [
            ("", _("Someone else (give the name below; not in a portal)")),
            *(ontvangers or []),
        ]

    def clean(self) -> dict[str, Any]:
        """`ontvanger` becomes the service's `ouder` (its pk; the service loads and checks the
        stored row) or `aan_leerling`."""
        data = super().clean() or {}
        ontvanger = data.pop("ontvanger", "") or ""
        data["ouder"] = None
        data["aan_leerling"] = ontvanger == "leerling"
        if ontvanger.startswith("ouder:"):
            data["ouder"] = Ouder.objects.filter(pk=int(ontvanger.split(":", 1)[1])).first()
        if not ontvanger and not (data.get("aan") or "").strip():
            self.add_error("aan", _("Give who the letter is addressed to."))
        return data


class MazlAdviesForm(Formulier):
    prefix = "mazl"
    datum = datumveld(_("Date of the consult"), initial=timezone.localdate)
    deelbaar_advies = _tekst(
        _("Short advice for the case director"),
        help_text=_(
            "Only the case director and youth doctors read this. A short, non-medical advice "
            "the family agreed to share, e.g. 'can attend 2 hours a day'. No diagnosis, "
            "medication or other medical content."
        ),
    )
    medisch = _tekst(
        _("Medical content"),
        required=False,
        help_text=_(
            "Only youth doctors of your organisation read this: not the case director, the "
            "school, Leerplicht or other participants. It is never in the timeline, a PDF, the "
            "API or a handover."
        ),
    )


class _MetVrijstelling(Formulier):
    vrijstelling = _Vrijstellingkeuze(label=_("Exemption"), queryset=Vrijstelling.objects.none())

    def __init__(self, *args: Any, vrijstellingen: QuerySet[Vrijstelling], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: Any = self.fields
        velden["vrijstelling"].queryset = vrijstellingen


class VrijstellingsadviesForm(_MetVrijstelling):
    prefix = "vrijstellingsadvies"
    datum = datumveld(_("Date"), initial=timezone.localdate)
    advies = _tekst(_("Advice"))


class VrijstellingsverklaringForm(_MetVrijstelling):
    prefix = "verklaring"
    datum = datumveld(_("Date of the statement"))
    deskundige = forms.CharField(label=_("Appointed expert"), max_length=200)
    nooit_schoolgeschikt = forms.BooleanField(
        label=_("The statement says the child will never be able to attend a school"),
        required=False,
    )


class OppForm(Formulier):
    prefix = "opp"
    verwijzing = forms.CharField(
        label=_("Link or reference of the OPP"),
        max_length=500,
        help_text=_("A web address or the reference of the OPP in the school's system."),
    )
    notitie = _tekst(_("Note"), required=False)


class EvaluatieForm(Formulier):
    prefix = "evaluatie"
    niveau = forms.ChoiceField(label=_("Level"), choices=Evaluatie.Niveau.choices)
    datum = datumveld(_("Date"), initial=timezone.localdate)
    wat_ging_goed = _tekst(_("What went well"))
    wat_kan_beter = _tekst(_("What could be better"))
    lessen = _tekst(_("Lessons"), required=False)
