# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord ongebruikelijke_inzage`: print unusual access of the whole access log
(ongebruikelijk.py); thresholds from the setting VERANTWOORDING_ONGEBRUIKELIJK."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ...models import Inzage
from ...ongebruikelijk import rapport


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _("Report unusual access in the access log.")

    def handle(self, *args: Any, **options: Any) -> None:
        uitkomst = rapport(Inzage.objects.all())
        for veel in uitkomst["veel"]:
            self.stdout.write(
                _("%(gebruiker)s opened %(aantal)d pupils' files from %(vanaf)s.")
                % {
                    "gebruiker": veel.gebruikersnaam,
                    "aantal": veel.aantal_leerlingen,
                    "vanaf": f"{veel.vanaf:%Y-%m-%d %H:%M}",
                }
            )
        for buiten in uitkomst["buiten_bereik"]:
            self.stdout.write(
                _(
                    "%(gebruiker)s: %(handeling)s of pupil %(leerling)d outside the scope, "
                    "%(moment)s."
                )
                % {
                    "gebruiker": buiten.gebruikersnaam,
                    "handeling": buiten.handeling,
                    "leerling": buiten.leerling_id,
                    "moment": f"{buiten.tijdstip:%Y-%m-%d %H:%M}",
                }
            )
        for nacht in uitkomst["nacht"]:
            self.stdout.write(
                _("%(gebruiker)s opened %(aantal)d pupils' files at night, %(vanaf)s to %(tot)s.")
                % {
                    "gebruiker": nacht.gebruikersnaam,
                    "aantal": nacht.aantal_leerlingen,
                    "vanaf": f"{nacht.vanaf:%Y-%m-%d %H:%M}",
                    "tot": f"{nacht.tot:%Y-%m-%d %H:%M}",
                }
            )
