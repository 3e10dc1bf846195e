# SPDX-License-Identifier: EUPL-1.2
"""Who may see what: organisations, staff, roles, kernteams and the access rules."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToegangConfig(AppConfig):
    name = "binnenboord.toegang"
    verbose_name = _("Access")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from auditlog.registry import auditlog

        from . import models
        from .gemeenten import laad_als_leeg

        # the municipalities of the Netherlands come back after a flush (docs/inrichten.md)
        post_migrate.connect(laad_als_leeg, sender=self, dispatch_uid="toegang.gemeenten")

        auditlog.register(models.Gemeente)
        auditlog.register(models.Organisatie, m2m_fields={"gemeenten"})
        auditlog.register(models.Medewerker, exclude_fields=["password", "last_login"])
        auditlog.register(models.Kernteam)
        auditlog.register(models.Inlogkoppeling, mask_fields=["client_secret"])
        auditlog.register(models.Claimregel)
