# SPDX-License-Identifier: EUPL-1.2
"""Beheer: the functional administrator manages the organisations, staff accounts, roles and
kernteams of its region in Binnenboord itself (docs/inrichten.md, "Beheer in Binnenboord").
The Django admin stays for technical staff only."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeheerConfig(AppConfig):
    name = "binnenboord.beheer"
    verbose_name = _("Management")
