# SPDX-License-Identifier: EUPL-1.2
"""Base templates, layout, shared UI components and the start page."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "binnenboord.web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from binnenboord.conf.verzoek import verbind_taken

        from . import checks  # noqa: F401  (registers the system checks)

        verbind_taken()  # a background task's log lines carry its id (conf/verzoek.py)
