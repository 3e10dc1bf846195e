# SPDX-License-Identifier: EUPL-1.2
"""Radio and checkbox groups in the NL Design System markup (gedeeld.forms.Weergave and
gedeeld/templates/gedeeld/widgets/, docs/schermen.md): the Utrecht class on the inputs only,
each input with one label of its own beside it, the group in a <fieldset> with its legend, help
text and errors tied to it, the choice kept when the form comes back with an error; and every
form of the project draws its groups that way, so a new form cannot fall back to Django's
markup (where the class also lands on the <div> around the options)."""

from __future__ import annotations

import contextlib
import copy
import importlib
import inspect
import pkgutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django import forms
from django.forms.renderers import get_default_renderer
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

import binnenboord
from binnenboord.gedeeld.forms import KEUZE, KEUZEGROEP, VINKJE, Opmaak, Weergave
from binnenboord.regie.forms.casus import SluitenForm
from binnenboord.regie.models import Casus
from binnenboord.toegang.models import Rol
from tests.regie.factories import open_casus
from tests.wereld import Wereld

RADIO = {"utrecht-radio-button", "utrecht-radio-button--html-input"}
VINK = {"utrecht-checkbox", "utrecht-checkbox--html-input"}
UTRECHT_KEUZE = RADIO | VINK


# --- reading the HTML ---------------------------------------------------------------------


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    ouder: Element | None
    kinderen: list[Element] = field(default_factory=list)
    tekst: str = ""

    @property
    def klassen(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def voorouders(self) -> list[Element]:
        rij, e = [], self.ouder
        while e is not None:
            rij.append(e)
            e = e.ouder
        return rij

    def alle(self) -> list[Element]:
        rij = [self]
        for kind in self.kinderen:
            rij.extend(kind.alle())
        return rij

    def alle_tekst(self) -> str:
        return (self.tekst + "".join(k.alle_tekst() for k in self.kinderen)).strip()


LEEG = {"input", "br", "img", "hr", "meta", "link"}


class Lezer(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.wortel = Element("wortel", {}, None)
        self.huidig = self.wortel

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        e = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self.huidig)
        self.huidig.kinderen.append(e)
        if tag not in LEEG:
            self.huidig = e

    def handle_endtag(self, tag: str) -> None:
        e: Element | None = self.huidig
        while e is not None and e.tag != tag:
            e = e.ouder
        if e is not None and e.ouder is not None:
            self.huidig = e.ouder

    def handle_data(self, data: str) -> None:
        self.huidig.tekst += data


def lees(html: str) -> list[Element]:
    lezer = Lezer()
    lezer.feed(html)
    return lezer.wortel.alle()[1:]


def controleer_keuzes(html: str, *, waar: str = "") -> list[Element]:
    """The inputs of type radio/checkbox in `html`, after checking the shared markup: the
    Utrecht class of its kind on each input and on nothing else, each input in an NL Design
    System form field row of its kind, with exactly one <label for> naming it."""
    elementen = lees(html)
    inputs = [
        e for e in elementen if e.tag == "input" and e.attrs.get("type") in ("radio", "checkbox")
    ]
    for e in elementen:
        if e.tag != "input":
            assert not (e.klassen & UTRECHT_KEUZE), (waar, e.tag, e.attrs)
    labels = [e for e in elementen if e.tag == "label"]
    for invoer in inputs:
        soort = invoer.attrs["type"]
        assert (RADIO if soort == "radio" else VINK) <= invoer.klassen, (waar, invoer.attrs)
        assert invoer.attrs.get("id"), (waar, invoer.attrs)
        eigen = [label for label in labels if label.attrs.get("for") == invoer.attrs["id"]]
        assert len(eigen) == 1, (waar, invoer.attrs)
        [label] = eigen
        assert label.alle_tekst(), (waar, invoer.attrs)
        assert {"utrecht-form-label", f"utrecht-form-label--{soort}"} <= label.klassen
        assert invoer not in label.alle()  # beside the input, not around it
        rij = next(e for e in invoer.voorouders() if "utrecht-form-field" in e.klassen)
        assert f"utrecht-form-field--{soort}" in rij.klassen, (waar, rij.attrs)
        assert label in rij.alle(), waar
        # one input per row
        assert [e for e in rij.alle() if e.tag == "input"] == [invoer], waar
    return inputs


# --- a form with every kind ---------------------------------------------------------------


KLEUREN = [("rood", "Rood, de kleur van de liefde en het verkeerslicht"), ("groen", "Groen")]


class Voorbeeldform(Opmaak, forms.Form):
    kleur = forms.ChoiceField(
        label="Kleur", help_text="Kies er één.", choices=KLEUREN, widget=forms.RadioSelect
    )
    dagen = forms.MultipleChoiceField(
        label="Dagen",
        choices=[("ma", "maandag"), ("di", "dinsdag"), ("wo", "woensdag")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    akkoord = forms.BooleanField(label="Akkoord", help_text="Vink aan.", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()


class ZonderOpmaak(forms.Form):
    """A form that does not call Opmaak still gets the shared templates."""

    kleur = forms.ChoiceField(label="Kleur", choices=KLEUREN, widget=forms.RadioSelect)
    akkoord = forms.BooleanField(label="Akkoord", required=False)


def veld_html(form: forms.Form, naam: str) -> str:
    return render_to_string("gedeeld/_veld.html", {"veld": form[naam]})


def test_de_vormgever_van_het_project_is_weergave() -> None:
    assert isinstance(get_default_renderer(), Weergave)
    assert isinstance(Voorbeeldform().renderer or get_default_renderer(), Weergave)


def test_een_radiogroep_heeft_per_keuze_een_rij_met_een_eigen_label() -> None:
    html = veld_html(Voorbeeldform(), "kleur")
    inputs = controleer_keuzes(html)
    assert [i.attrs["value"] for i in inputs] == ["rood", "groen"]
    elementen = lees(html)
    [fieldset] = [e for e in elementen if e.tag == "fieldset"]
    assert "utrecht-form-fieldset" in fieldset.klassen
    [legend] = [e for e in fieldset.kinderen if e.tag == "legend"]
    assert legend.alle_tekst() == "Kleur"
    assert all(fieldset in e.voorouders() for e in elementen if e.tag == "input")
    # the <div> around the options is only a list, not a radio button
    [groep] = [e for e in elementen if "bb-keuzes" in e.klassen]
    assert groep.attrs["id"] == "id_kleur"
    assert not groep.klassen & UTRECHT_KEUZE
    assert len([e for e in groep.kinderen if "bb-keuze" in e.klassen]) == 2


def test_een_checkboxgroep_krijgt_vinkjes_geen_rondjes() -> None:
    inputs = controleer_keuzes(veld_html(Voorbeeldform(), "dagen"))
    assert [i.attrs["type"] for i in inputs] == ["checkbox"] * 3
    assert all(not (i.klassen & RADIO) for i in inputs)


def test_een_los_vinkje_staat_naast_zijn_label_met_hulptekst_erbij() -> None:
    html = veld_html(Voorbeeldform(), "akkoord")
    [invoer] = controleer_keuzes(html)
    assert invoer.attrs["aria-describedby"] == "id_akkoord_helptext"
    elementen = lees(html)
    assert [e for e in elementen if e.attrs.get("id") == "id_akkoord_helptext"]
    assert not [e for e in elementen if e.tag == "fieldset"]


def test_een_formulier_zonder_opmaak_krijgt_dezelfde_opmaak() -> None:
    form = ZonderOpmaak()
    controleer_keuzes(veld_html(form, "kleur"))
    controleer_keuzes(veld_html(form, "akkoord"))
    # and as Django renders the field by itself
    assert len(controleer_keuzes(str(form["kleur"]))) == 2


def test_hulptekst_en_fout_horen_bij_de_groep() -> None:
    form = Voorbeeldform(data={"kleur": "paars"})
    assert not form.is_valid()
    html = veld_html(form, "kleur")
    elementen = lees(html)
    [fieldset] = [e for e in elementen if e.tag == "fieldset"]
    beschreven = fieldset.attrs["aria-describedby"].split()
    assert beschreven == ["id_kleur_helptext", "fout-kleur"]
    ids = {e.attrs.get("id") for e in elementen}
    assert set(beschreven) <= ids
    assert "utrecht-form-fieldset--invalid" in fieldset.klassen
    inputs = controleer_keuzes(html)
    assert all(i.attrs.get("aria-invalid") == "true" for i in inputs)


def test_een_eigen_klasse_komt_erbij_zonder_de_utrecht_klasse_te_verdringen() -> None:
    class Form(forms.Form):
        kleur = forms.ChoiceField(
            choices=KLEUREN, widget=forms.RadioSelect(attrs={"class": "extra", "data-x": "1"})
        )

    inputs = controleer_keuzes(str(Form()["kleur"]))
    assert all(
        "extra" in i.klassen and i.attrs["data-x"] == "1" and "class" in i.attrs for i in inputs
    )
    # and not on the <div> around them
    [groep] = [e for e in lees(str(Form()["kleur"])) if "bb-keuzes" in e.klassen]
    assert "extra" not in groep.klassen


def test_een_gekozen_keuze_blijft_gekozen_na_een_fout(client: Client, wereld: Wereld) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    casus = open_casus(wereld.leerlingen["demodam_school1"], leerplicht)
    client.force_login(leerplicht)
    # the date is missing: the form comes back with its error, the choice still made
    antwoord = client.post(
        reverse("regie:sluiten", args=[casus.pk]),
        {"sluiten-passend_aanbod": "zorgarrangement", "sluiten-op": ""},
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    inputs = [i for i in controleer_keuzes(html) if i.attrs["name"] == "sluiten-passend_aanbod"]
    assert len(inputs) == len(Casus.PassendAanbod.choices)
    gekozen = [i.attrs["value"] for i in inputs if "checked" in i.attrs]
    assert gekozen == ["zorgarrangement"]
    casus.refresh_from_db()
    assert casus.status == Casus.Status.OPEN


def test_het_portaal_tekent_een_groep_met_dezelfde_sjablonen() -> None:
    from binnenboord.portaal.forms import Overlegantwoordform

    form = Overlegantwoordform()
    for sjabloon in ("gedeeld/_veld.html", "portaal/_veld.html"):
        html = render_to_string(sjabloon, {"veld": form["antwoord"]})
        assert len(controleer_keuzes(html, waar=sjabloon)) >= 2
        [legend] = [e for e in lees(html) if e.tag == "legend"]
        assert legend.alle_tekst() == str(form["antwoord"].label)


# --- every form of the project ------------------------------------------------------------


def alle_modules() -> list[Any]:
    modules = []
    for info in pkgutil.walk_packages(binnenboord.__path__, "binnenboord."):
        if ".migrations" in info.name or info.name.startswith("binnenboord.conf."):
            continue
        modules.append(importlib.import_module(info.name))
    return modules


def alle_formulieren() -> list[type[forms.BaseForm]]:
    gevonden: dict[str, type[forms.BaseForm]] = {}
    for module in alle_modules():
        for _naam, klasse in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(klasse, forms.BaseForm)
                and klasse.__module__.startswith("binnenboord.")
                and not inspect.isabstract(klasse)
            ):
                gevonden[f"{klasse.__module__}.{klasse.__qualname__}"] = klasse
    return list(gevonden.values())


def keuzevelden(klasse: type[forms.BaseForm]) -> dict[str, forms.Field]:
    """The fields of a form with a radio/checkbox widget: those it declares, and those it adds
    in __init__ when it can be made without arguments."""
    velden = dict(klasse.base_fields)
    # a form that needs arguments: its declared fields only
    with contextlib.suppress(Exception):
        velden.update(klasse().fields)
    return {
        naam: veld
        for naam, veld in velden.items()
        if isinstance(veld.widget, (forms.RadioSelect, forms.CheckboxInput))
    }


def als_veld(naam: str, veld: forms.Field) -> forms.BoundField:
    """The field in a form of its own, as gedeeld/_veld.html shows it; a choice without
    options (a queryset the view gives) gets two."""
    veld = copy.deepcopy(veld)
    if isinstance(veld, forms.ChoiceField) and not list(veld.choices):
        veld.choices = [("a", "A"), ("b", "B")]
    form = type("Los", (forms.Form,), {naam: veld})()
    return form[naam]


def test_elk_formulier_van_het_project_gebruikt_de_gedeelde_keuzesjablonen(db: None) -> None:
    formulieren = alle_formulieren()
    gezien: list[str] = []
    vervangen = Weergave.VERVANGINGEN
    for klasse in formulieren:
        for naam, veld in keuzevelden(klasse).items():
            waar = f"{klasse.__module__}.{klasse.__qualname__}.{naam}"
            gezien.append(waar)
            widget = veld.widget
            sjabloon = vervangen.get(widget.template_name, widget.template_name)
            if isinstance(widget, forms.RadioSelect):  # also CheckboxSelectMultiple
                assert sjabloon == KEUZEGROEP, waar
                optie = vervangen.get(widget.option_template_name, widget.option_template_name)
                assert optie == KEUZE, waar
            else:
                assert sjabloon == VINKJE, waar
            html = render_to_string("gedeeld/_veld.html", {"veld": als_veld(naam, veld)})
            assert controleer_keuzes(html, waar=waar), waar
    # the walk found the forms it is meant to guard (else it would pass on nothing)
    assert len(formulieren) >= 40, len(formulieren)
    assert "binnenboord.regie.forms.casus.SluitenForm.passend_aanbod" in gezien
    assert any(w.startswith("binnenboord.regie.forms.overleg.") for w in gezien)
    assert any(w.startswith("binnenboord.portaal.forms.") for w in gezien)
    assert len(gezien) >= 17, gezien


def test_ook_de_filters_van_de_lijsten_gebruiken_de_gedeelde_keuzesjablonen() -> None:
    """A list's filters (django-filter) build their form fields from the filters: each widget
    they ask for, radio or checkbox, goes through the same templates."""
    import django_filters

    filtersets = []
    for module in alle_modules():
        for _naam, klasse in inspect.getmembers(module, inspect.isclass):
            if issubclass(klasse, django_filters.FilterSet) and klasse.__module__.startswith(
                "binnenboord."
            ):
                filtersets.append(klasse)
    assert filtersets
    vervangen = Weergave.VERVANGINGEN
    for klasse in filtersets:
        for naam, filter_ in klasse.base_filters.items():
            widget = filter_.extra.get("widget") or filter_.field_class.widget
            if isinstance(widget, type):
                widget = widget()
            if isinstance(widget, (forms.RadioSelect, forms.CheckboxInput)):
                sjabloon = vervangen.get(widget.template_name, widget.template_name)
                assert sjabloon in (KEUZEGROEP, VINKJE), f"{klasse.__qualname__}.{naam}"


def test_de_sluitenform_tekent_zeven_rijen() -> None:
    form = SluitenForm()
    inputs = controleer_keuzes(veld_html(form, "passend_aanbod"))
    assert len(inputs) == len(Casus.PassendAanbod.choices) == 7
