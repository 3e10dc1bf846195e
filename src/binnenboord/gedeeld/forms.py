# SPDX-License-Identifier: EUPL-1.2
"""What the forms of every app share: the NL Design System classes on each widget (`Opmaak`),
radio and checkbox groups in the NL Design System markup for every form (`Weergave`, the
project's FORM_RENDERER; docs/schermen.md) and the choice of one or more staff members, shown
as name · role · organisation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.renderers import DjangoTemplates

if TYPE_CHECKING:
    from django.template.backends.django import Template

    from binnenboord.toegang.models import Medewerker


KEUZEGROEP = "gedeeld/widgets/keuzes.html"
KEUZE = "gedeeld/widgets/keuze.html"
VINKJE = "gedeeld/widgets/vinkje.html"


class Weergave(DjangoTemplates):
    """The project's form renderer (settings.FORM_RENDERER): Django's own widget templates,
    except that every radio group (RadioSelect), checkbox group (CheckboxSelectMultiple) and
    single checkbox (CheckboxInput) is drawn with the shared NL Design System templates in
    gedeeld/templates/gedeeld/widgets/: each option a row of its own with the Utrecht class on
    the input only and its label beside it. So every form gets them, with or without
    `Opmaak`, and a new form cannot fall back to Django's markup
    (tests/gedeeld/test_keuzes.py walks every form of the project)."""

    VERVANGINGEN = {
        "django/forms/widgets/radio.html": KEUZEGROEP,
        "django/forms/widgets/checkbox_select.html": KEUZEGROEP,
        "django/forms/widgets/radio_option.html": KEUZE,
        "django/forms/widgets/checkbox_option.html": KEUZE,
        "django/forms/widgets/checkbox.html": VINKJE,
    }

    def get_template(self, template_name: str) -> Template:
        return super().get_template(self.VERVANGINGEN.get(template_name, template_name))


class Opmaak:
    """NL Design System classes on every widget: call `self._opmaak()` after __init__. Radio
    buttons and checkboxes get theirs from their templates (`Weergave`), on the input only."""

    def _opmaak(self) -> None:
        velden: Any = self.fields  # type: ignore[attr-defined]
        for veld in velden.values():
            widget = veld.widget
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "utrecht-textarea")
                widget.attrs.setdefault("rows", 3)
            elif isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):
                # RadioSelect includes CheckboxSelectMultiple; on their attrs a class would
                # also land on the <div> around the options
                continue
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "utrecht-select")
            else:
                widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")


def medewerkerlabel(medewerker: Medewerker) -> str:
    """How a staff member is offered in a choice: name · role · organisation."""
    return f"{medewerker} · {medewerker.get_rol_display()} · {medewerker.organisatie}"


class Medewerkerkeuze(forms.ModelChoiceField):
    """One staff member of the queryset the form gives it."""

    def label_from_instance(self, obj: Any) -> str:
        return medewerkerlabel(obj)


class Medewerkerskeuze(forms.ModelMultipleChoiceField):
    """Several staff members of the queryset the form gives it."""

    def label_from_instance(self, obj: Any) -> str:
        return medewerkerlabel(obj)
