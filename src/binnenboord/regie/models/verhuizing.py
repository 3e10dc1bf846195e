# SPDX-License-Identifier: EUPL-1.2
"""The handover of an open case to the municipality a pupil moved to (issue 13)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import aangemaakt_moment, door_medewerker

from .casus import Casus


class Casusoverdracht(models.Model):
    """The handover of an open case to the Leerplicht of the municipality a pupil moved to
    (issue 13: a move is a reported move, and the open case is handed over explicitly). When
    the move is confirmed (registratie.signals.leerling_verhuisd) the case gets a concept; the
    sending side (the regisseur or Leerplicht of the case's municipality) chooses what goes
    along and sends it, which closes the case with the outcome "verhuisd". The receiving
    Leerplicht sees only what was sent (`inhoud`, a copy made at sending; never medical
    content) and accepts it, which opens a case of its own, or refuses it with a reason."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("awaiting handover")
        VERZONDEN = "verzonden", _("sent")
        AANVAARD = "aanvaard", _("accepted")
        GEWEIGERD = "geweigerd", _("refused")
        VERVALLEN = "vervallen", _("lapsed")

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="gemeenteoverdrachten", verbose_name=_("case")
    )
    van_gemeente = models.ForeignKey(
        "toegang.Gemeente",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("from municipality"),
    )
    naar_gemeente = models.ForeignKey(
        "toegang.Gemeente",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to municipality"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONCEPT
    )
    # what the sending side chose to hand over, copied when it was sent
    inhoud = models.JSONField(_("handed over"), default=dict, blank=True)
    aangemaakt_op = aangemaakt_moment(_("created at"))
    verzonden_door = door_medewerker(_("sent by"), leeg=True)
    verzonden_op = models.DateTimeField(_("sent at"), null=True, blank=True)
    behandeld_door = door_medewerker(_("handled by"), leeg=True)
    behandeld_op = models.DateTimeField(_("handled at"), null=True, blank=True)
    reden_weigering = models.TextField(_("reason for refusal"), blank=True)
    nieuwe_casus = models.OneToOneField(
        Casus,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ontvangen_overdracht",
        verbose_name=_("new case"),
    )

    class Meta:
        verbose_name = _("case handover")
        verbose_name_plural = _("case handovers")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus"],
                condition=Q(status="concept"),
                name="casusoverdracht_een_concept_per_casus",
            ),
            models.CheckConstraint(
                condition=~Q(van_gemeente=F("naar_gemeente")),
                name="casusoverdracht_naar_een_andere_gemeente",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.casus} → {self.naar_gemeente}"

    @property
    def onderdelen(self) -> list[str]:
        """The names of the parts that were handed over (for the texts)."""
        return [k for k in ("plan", "acties", "contactmomenten", "besluiten") if k in self.inhoud]
