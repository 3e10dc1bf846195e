# SPDX-License-Identifier: EUPL-1.2
"""Synthetic demo city generator and the demo command."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "binnenboord.demo"
    verbose_name = _("Demo")
