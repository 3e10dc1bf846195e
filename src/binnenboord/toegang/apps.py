# SPDX-License-Identifier: EUPL-1.2
"""Who may see what: organisations, staff, roles, kernteams and the access rules."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToegangConfig(AppConfig):
    name = "binnenboord.toegang"
    verbose_name = _("Access")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Gemeente)
        auditlog.register(models.Organisatie, m2m_fields={"gemeenten"})
        auditlog.register(models.Medewerker, exclude_fields=["password", "last_login"])
        auditlog.register(models.Kernteam)
        auditlog.register(models.Inlogkoppeling, mask_fields=["client_secret"])
        auditlog.register(models.Claimregel)
