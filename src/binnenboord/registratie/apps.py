# SPDX-License-Identifier: EUPL-1.2
"""Schools, pupils, parents, enrolments and absence."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistratieConfig(AppConfig):
    name = "binnenboord.registratie"
    verbose_name = _("Registration")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Change history with before/after; identifiers are masked in the diffs.
        auditlog.register(models.School)
        auditlog.register(models.Leerling, mask_fields=["bsn", "onderwijsnummer"])
        auditlog.register(models.Ouder, mask_fields=["bsn"])
        auditlog.register(models.Inschrijving)
        auditlog.register(models.Verzuim)
        auditlog.register(models.Vrijstelling)
        auditlog.register(models.Schoolvakantie)
        auditlog.register(models.VrijeDag)
        auditlog.register(models.Verhuismelding)
        auditlog.register(models.InschrijvingTerBevestiging)
        auditlog.register(models.Verzuimcode)
