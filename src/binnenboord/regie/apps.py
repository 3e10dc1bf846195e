# SPDX-License-Identifier: EUPL-1.2
"""Cases, phases, director, plans, meetings, exemptions and justice steps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegieConfig(AppConfig):
    name = "binnenboord.regie"
    verbose_name = _("Case management")

    def ready(self) -> None:
        from django.core import checks

        from binnenboord.registratie.dossier import registreer_dossiersectie

        from .configuratie import controleer_aanpak
        from .dossier import casussectie

        registreer_dossiersectie(casussectie)
        from .views.mazl import mazlsectie

        registreer_dossiersectie(mazlsectie)
        checks.register(controleer_aanpak)

        from binnenboord.registratie.signals import leerling_verhuisd

        from .services.verhuizing import bij_verhuizing

        leerling_verhuisd.connect(bij_verhuizing, dispatch_uid="regie.bij_verhuizing")
