# SPDX-License-Identifier: EUPL-1.2
"""The REST API: one router; serializers live with their app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "binnenboord.api"
    verbose_name = _("API")
