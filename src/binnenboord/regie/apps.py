# SPDX-License-Identifier: EUPL-1.2
"""Cases, phases, director, plans, meetings, exemptions and justice steps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegieConfig(AppConfig):
    name = "binnenboord.regie"
    verbose_name = _("Case management")
