# SPDX-License-Identifier: EUPL-1.2
"""Access log of every read of a child's data, and change history."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerantwoordingConfig(AppConfig):
    name = "binnenboord.verantwoording"
    verbose_name = _("Accountability")

    def ready(self) -> None:
        from django.core import checks

        from .bewaartermijnen import check_bewaartermijnen

        # a wrong BEWAARTERMIJNEN setting stops start-up with a clear message
        checks.register(check_bewaartermijnen)
