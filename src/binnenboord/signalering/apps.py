# SPDX-License-Identifier: EUPL-1.2
"""Stored signals and reports (meldingen); runs kern.signalen on the data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaleringConfig(AppConfig):
    name = "binnenboord.signalering"
    verbose_name = _("Signalling")

    def ready(self) -> None:
        from django.core import checks

        from binnenboord.registratie.dossier import registreer_dossiersectie
        from binnenboord.registratie.signals import verzuim_geimporteerd

        from .dossier import meldingensectie, signalensectie
        from .drempels import controleer_drempels
        from .receivers import na_verzuimimport

        registreer_dossiersectie(signalensectie)
        registreer_dossiersectie(meldingensectie)
        verzuim_geimporteerd.connect(na_verzuimimport, dispatch_uid="signalering.na_verzuimimport")
        checks.register(controleer_drempels)
