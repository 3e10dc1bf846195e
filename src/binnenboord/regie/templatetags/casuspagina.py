# SPDX-License-Identifier: EUPL-1.2
"""The case page's small pieces of text (docs/schermen.md, "De casuspagina"): a model step's
status as a word, written by a tag so no template line break ends up inside the brackets or
the sentence around it ("(lopend )")."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def stapstatus(s: Any) -> SafeString:
    """The status of a kern.aanpak.Stapbeoordeling: overdue and due soon in bold (overdue also
    with the class bb-te-laat, so it is not told by colour alone)."""
    if s.status == "verlopen":
        return format_html('<strong class="bb-te-laat">{}</strong>', _("overdue"))
    if s.status == "binnenkort":
        return format_html("<strong>{}</strong>", _("due soon"))
    tekst = {
        "gedaan": _("done"),
        "lopend": _("running"),
        "vervallen": _("lapsed (not done)"),
    }.get(s.status, _("not yet"))
    return format_html("{}", tekst)
