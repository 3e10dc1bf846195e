# SPDX-License-Identifier: EUPL-1.2
"""`{{ veld|toegankelijk }}`: the widget with aria-describedby naming its help text and its
errors, so a screen reader reads both with the field."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def toegankelijk(veld: BoundField) -> SafeString:
    ids = []
    if veld.help_text:
        ids.append(f"{veld.auto_id}_helptext")
    if veld.errors:
        ids.append(f"fout-{veld.name}")
    attrs: dict[str, str | bool] = {"aria-describedby": " ".join(ids)} if ids else {}
    return veld.as_widget(attrs=attrs)
