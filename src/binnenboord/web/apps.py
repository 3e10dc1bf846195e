# SPDX-License-Identifier: EUPL-1.2
"""Base templates, layout, shared UI components and the start page."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "binnenboord.web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
