# SPDX-License-Identifier: EUPL-1.2
"""Choosing a person from a long list: a search box and at most MAX_TREFFERS matches as radio
buttons (one choice) or checkboxes (several), instead of a dropdown of a thousand names.

- Without JavaScript: the search box has its own submit button (`zoek-<name>`). The view asks
  `alleen_zoeken(form)`: when that button was pressed, the form is shown again (no errors,
  nothing saved) with the matches of the search term and all other values as entered.
- With JavaScript: htmx asks the search endpoint of the field (`zoekurl`, web/keuzes.py) as
  the user types and replaces the options with its answer: the same markup, the same code
  (`Zoekkeuze.opties`).
- What is chosen stays visible above the matches (for several: as chips, unticked to remove).
- Validation stays the ModelChoiceField's: a posted id outside the field's queryset (what this
  user may choose) is an error naming the field. The endpoint builds the same form with the
  same queryset, so it offers nothing the form would refuse.

A form gives the field its queryset as before, and the view its search endpoint (`zoek_via`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.forms.boundfield import BoundField
from django.forms.utils import ErrorDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

MAX_TREFFERS = 25
MIN_TEKENS = 2
ZOEKTERM = "-zoekterm"  # the search box's name: the field's name and this
ZOEKKNOP = "zoek-"  # the search button's name: this and the field's name
NAAM = re.compile(r"^[A-Za-z0-9_-]{1,100}$")

Zoeker = Callable[[QuerySet[Any], str], QuerySet[Any]]


def schoon(zoekterm: str) -> str:
    """The search term as searched: at most 100 characters, without control characters (a NUL
    cannot reach the database) and surrounding spaces."""
    return "".join(t for t in zoekterm[:100] if t.isprintable()).strip()


def zoek_medewerkers(medewerkers: QuerySet[Any], zoekterm: str) -> QuerySet[Any]:
    """Staff whose name (or organisation) holds every word of `zoekterm`."""
    for woord in zoekterm.split():
        medewerkers = medewerkers.filter(
            Q(first_name__icontains=woord)
            | Q(last_name__icontains=woord)
            | Q(organisatie__naam__icontains=woord)
        )
    return medewerkers


def leerlinglabel(leerling: Any) -> str:
    """A pupil in a choice sorted by surname: surname first, then first names and date of
    birth ("Jansen, Piet (12-03-2014)"; "Berg, Anna van den (01-02-2013)")."""
    voor = " ".join(d for d in (leerling.voornamen, leerling.tussenvoegsel) if d)
    return f"{leerling.achternaam}, {voor} ({leerling.geboortedatum:%d-%m-%Y})"


@dataclass(frozen=True)
class Optie:
    waarde: str
    label: str
    gekozen: bool
    id: str
    naam: str = ""
    meervoud: bool = False

    @property
    def widget(self) -> dict[str, Any]:
        """The option as Django's option context, for the shared gedeeld/widgets/keuze.html."""
        return {
            "type": "checkbox" if self.meervoud else "radio",
            "name": self.naam,
            "value": self.waarde,
            "label": self.label,
            "attrs": {"id": self.id, "checked": self.gekozen},
        }


class _ZoekBoundField(BoundField):
    """Gives the widget what it needs to draw the field: the search term sent with the form
    and the options (chosen first, then the matches)."""

    def as_widget(self, widget: Any = None, attrs: Any = None, only_initial: bool = False) -> Any:
        veld: Zoekkeuze | Zoekkeuzes = self.field  # type: ignore[assignment]
        zoekterm = self.form.data.get(self.html_name + ZOEKTERM, "") if self.form.is_bound else ""
        waarde = self.value()
        veld.widget.context = veld.opties(
            self.html_name, self.auto_id or self.html_name, zoekterm, waarde
        )
        return super().as_widget(widget, attrs, only_initial)


class Zoekwidget(forms.Widget):
    """The search box, its button and the options (gedeeld/widgets/zoekkeuze.html)."""

    template_name = "gedeeld/widgets/zoekkeuze.html"
    use_fieldset = True
    meervoud = False

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.context: dict[str, Any] = {}

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["keuze"] = self.context
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.meervoud:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an unticked choice sends nothing, and means nothing chosen

    def id_for_label(self, id_: str) -> str:
        return f"{id_}{ZOEKTERM}" if id_ else id_


class Zoekwidgets(Zoekwidget):
    meervoud = True


class _Zoekbaar:
    """What both fields share: how to search the queryset and label a match."""

    queryset: Any
    widget: Any
    zoekurl: str
    zoeker: Zoeker
    labeler: Callable[[Any], str]
    zoekhulp: Any
    standaardhulp: Any

    def __init__(
        self,
        *,
        zoeker: Zoeker = zoek_medewerkers,
        labeler: Callable[[Any], str] = str,
        zoekhulp: Any = None,
        zoekurl: str = "",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("queryset", None)
        super().__init__(**kwargs)  # the Django field that follows in the class order
        self.zoeker, self.labeler, self.zoekurl = zoeker, labeler, zoekurl
        self.zoekhulp = zoekhulp or self.standaardhulp

        # a posted id outside the queryset (not found, or not for this user): the field named
        fout = format_lazy(
            _("{veld}: choose from the search results; this choice is not possible."),
            veld=getattr(self, "label", None) or _("Choice"),
        )
        meldingen: Any = getattr(self, "error_messages", {})
        meldingen["invalid_choice"] = fout
        meldingen["invalid_pk_value"] = fout

    def label_from_instance(self, obj: Any) -> str:
        return self.labeler(obj)

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> BoundField:
        return _ZoekBoundField(form, self, field_name)  # type: ignore[arg-type]

    def gekozen(self, waarde: Any) -> list[Any]:
        """The chosen objects among what may be chosen (an id outside it is left out)."""
        if waarde in (None, "", [], ()):
            return []
        waarden = waarde if isinstance(waarde, (list, tuple)) else [waarde]
        if not self.widget.meervoud:
            # one choice is one id: a list of ids sent to the search endpoint would show every
            # one of them without a search term, past MIN_TEKENS and MAX_TREFFERS
            waarden = waarden[:1]
        pks = [str(getattr(w, "pk", w)) for w in waarden]
        pks = [pk for pk in pks if pk.isdigit() and len(pk) < 19]
        if not pks:
            return []
        return list(self.queryset.filter(pk__in=pks))

    def treffers(self, zoekterm: str) -> tuple[list[Any], bool]:
        """The matches of `zoekterm` (at most MAX_TREFFERS), and whether there are more."""
        zoekterm = schoon(zoekterm)
        if len(zoekterm) < MIN_TEKENS:
            return [], False
        gevonden = list(self.zoeker(self.queryset, zoekterm)[: MAX_TREFFERS + 1])
        return gevonden[:MAX_TREFFERS], len(gevonden) > MAX_TREFFERS

    def opties(self, naam: str, id_: str, zoekterm: str, waarde: Any) -> dict[str, Any]:
        """Everything the option list shows: the chosen first, then the matches."""
        gekozen = self.gekozen(waarde)
        treffers, meer = self.treffers(zoekterm)
        gekozen_pks = {obj.pk for obj in gekozen}
        meervoud = self.widget.meervoud
        opties = [
            Optie(str(obj.pk), self.labeler(obj), True, f"{id_}_{obj.pk}", naam, meervoud)
            for obj in gekozen
        ] + [
            Optie(str(obj.pk), self.labeler(obj), False, f"{id_}_{obj.pk}", naam, meervoud)
            for obj in treffers
            if obj.pk not in gekozen_pks
        ]
        kort = schoon(zoekterm)
        return {
            "naam": naam,
            "id": id_,
            "label": self.label,  # type: ignore[attr-defined]
            "verplicht": self.required,  # type: ignore[attr-defined]
            "geen": Optie("", str(_("nobody (leave empty)")), False, f"{id_}_geen", naam),
            "zoekterm": kort,
            "zoekurl": self.zoekurl,
            "zoekhulp": self.zoekhulp,
            "meervoud": self.widget.meervoud,
            "opties": opties,
            "gekozen": [o for o in opties if o.gekozen],
            "treffers": [o for o in opties if not o.gekozen],
            "getoond": gekozen + [obj for obj in treffers if obj.pk not in gekozen_pks],
            "te_kort": 0 < len(kort) < MIN_TEKENS,
            "niets": len(kort) >= MIN_TEKENS and not treffers,
            "meer": meer,
            "max": MAX_TREFFERS,
            "min": MIN_TEKENS,
        }


class Zoekkeuze(_Zoekbaar, forms.ModelChoiceField):
    """One person of the queryset the form gives it, found by searching."""

    widget = Zoekwidget
    standaardhulp = _("Type at least 2 letters of the name, then choose.")


class Zoekkeuzes(_Zoekbaar, forms.ModelMultipleChoiceField):
    """Several people of the queryset the form gives it, found by searching."""

    widget = Zoekwidgets
    standaardhulp = _("Type at least 2 letters of the name, then tick who you choose.")


def zoekvelden(form: forms.BaseForm) -> Iterable[tuple[str, _Zoekbaar]]:
    for naam, veld in form.fields.items():
        if isinstance(veld, _Zoekbaar):
            yield naam, veld


def zoek_via(form: forms.BaseForm, veldnaam: str, zoekurl: str) -> None:
    """The search endpoint (URL) htmx asks as the user types in field `veldnaam`."""
    veld: Any = form.fields[veldnaam]
    veld.zoekurl = zoekurl


def alleen_zoeken(form: forms.BaseForm) -> bool:
    """Whether the form was sent with a field's search button (no JavaScript): then the view
    shows the form again, with the matches, saving nothing and showing no errors."""
    if not form.is_bound:
        return False
    for naam, _veld in zoekvelden(form):
        if ZOEKKNOP + form.add_prefix(naam) in form.data:
            bewerkt: Any = form
            bewerkt._errors = ErrorDict()  # a search is no attempt to save
            return True
    return False


def getoond(form: forms.BaseForm) -> list[Any]:
    """The objects the form's search fields show (for the access log of a page with pupils):
    the chosen and the matches, nothing else of the queryset."""
    objecten: list[Any] = []
    for naam, veld in zoekvelden(form):
        bound = form[naam]
        zoekterm = form.data.get(bound.html_name + ZOEKTERM, "") if form.is_bound else ""
        objecten += veld.opties(bound.html_name, bound.auto_id or "", zoekterm, bound.value())[
            "getoond"
        ]
    return objecten


def dd_mm_jjjj(tekst: str) -> Any:
    """A date written as 12-03-2014 (or 12/03/2014, 2014-03-12), or None."""
    for patroon in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(tekst, patroon).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None
