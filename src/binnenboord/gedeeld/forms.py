# SPDX-License-Identifier: EUPL-1.2
"""What the forms of every app share: the NL Design System classes on each widget (`Opmaak`)
and the choice of one or more staff members, shown as name · role · organisation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

if TYPE_CHECKING:
    from binnenboord.toegang.models import Medewerker


class Opmaak:
    """NL Design System classes on every widget: call `self._opmaak()` after __init__."""

    def _opmaak(self) -> None:
        velden: Any = self.fields  # type: ignore[attr-defined]
        for veld in velden.values():
            widget = veld.widget
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "utrecht-textarea")
                widget.attrs.setdefault("rows", 3)
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "utrecht-checkbox utrecht-checkbox--html-input")
            elif isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault(
                    "class", "utrecht-radio-button utrecht-radio-button--html-input"
                )
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
