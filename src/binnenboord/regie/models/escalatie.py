# SPDX-License-Identifier: EUPL-1.2
"""An escalation a person confirmed (docs/samenwerken.md, "Escalatie"): the case goes to a body
of its model (the teammanagers, the Interventieteam VO, the Doorbraakoverleg). While the body
holds it, the body's members take part in the case (Deelnemer with grond "escalatie") and see it
in their "Escalaties" worklist; the case is proposed for the body's next meeting."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import aangemaakt_moment, door_medewerker


class Escalatie(models.Model):
    casus = models.ForeignKey(
        "regie.Casus", on_delete=models.CASCADE, related_name="escalaties", verbose_name=_("case")
    )
    orgaan = models.CharField(
        _("body"),
        max_length=40,
        help_text=_("The escalation code of the case's model: the body that takes the case."),
    )
    datum = models.DateField(_("date"))
    bevestigd_door = door_medewerker(_("confirmed by"))
    bevestigd_op = aangemaakt_moment(_("confirmed at"))
    overleg = models.ForeignKey(
        "regie.Overleg",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed for the meeting"),
    )
    beeindigd_op = models.DateTimeField(_("ended at"), null=True, blank=True)
    beeindigd_door = door_medewerker(_("ended by"), leeg=True)
    reden_einde = models.TextField(_("reason for ending"), blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-datum", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus", "orgaan"],
                condition=Q(beeindigd_op__isnull=True),
                name="escalatie_een_lopende_per_orgaan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.casus_id}: {self.orgaan} ({self.datum:%d-%m-%Y})"

    @property
    def is_lopend(self) -> bool:
        return self.beeindigd_op is None
