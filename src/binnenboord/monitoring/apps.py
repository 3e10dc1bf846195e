# SPDX-License-Identifier: EUPL-1.2
"""Period reports, dashboards, exports and pilot evaluation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "binnenboord.monitoring"
    verbose_name = _("Monitoring")
