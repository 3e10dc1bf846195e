# SPDX-License-Identifier: EUPL-1.2
"""The navigation per role: an item shows only when the access rules allow it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from binnenboord.toegang.rules import Gebruiker


@dataclass(frozen=True)
class Menuitem:
    label: str | Promise
    url_naam: str
    permissie: str

    def url(self) -> str:
        return reverse(self.url_naam)


MENU = (
    Menuitem(_("Today"), "web:vandaag", "web.view_vandaag"),
    Menuitem(_("My school"), "registratie:school", "registratie.view_school"),
    Menuitem(_("Signals"), "signalering:signalen", "signalering.list_signaal"),
    Menuitem(_("Reports"), "meldingen:meldingen", "signalering.list_melding"),
    Menuitem(_("Cases"), "regie:casussen", "regie.list_casus"),
    Menuitem(_("Escalations"), "regie:escalaties", "regie.list_escalatie"),
    Menuitem(_("Meetings"), "overleg:overleggen", "regie.list_overleg"),
    Menuitem(_("MAZL"), "mazl:verwijzingen", "regie.list_mazlverwijzing"),
    Menuitem(_("Exemptions"), "vrijstellingen:herbeoordeling", "regie.list_herbeoordeling"),
    Menuitem(_("Pupils"), "registratie:leerlingen", "registratie.list_leerling"),
    Menuitem(_("Import"), "registratie:imports", "registratie.view_import"),
    Menuitem(_("To confirm"), "registratie:bevestigen", "registratie.view_bevestigen"),
    Menuitem(_("Figures"), "monitoring:dashboard", "monitoring.view_cijfers"),
    Menuitem(_("Access log"), "verantwoording:inzagelog", "verantwoording.view_inzage"),
    Menuitem(_("Management"), "beheer:start", "toegang.view_beheer"),
)


def menu_voor(user: Gebruiker) -> list[Menuitem]:
    return [item for item in MENU if user.has_perm(item.permissie)]
