# SPDX-License-Identifier: EUPL-1.2
"""The portal of the parents and the pupil (docs/relatie.md): their own place in Binnenboord,
at /portaal/, with its own log-in (DigiD through OpenID Connect, or in the demo the invitation
code and a password), its own base template and plain Dutch. A portal user is never a staff
user: the staff side does not know them, and the portal shows only what their valid
Portaaltoegang rows (regie.relatie) give, checked at every request and access-logged."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortaalConfig(AppConfig):
    name = "binnenboord.portaal"
    verbose_name = _("Portal for parents and pupils")

    def ready(self) -> None:
        from . import checks, sessie  # noqa: F401  (the system checks; the staff log-in receiver)
