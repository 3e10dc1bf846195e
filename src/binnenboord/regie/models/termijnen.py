# SPDX-License-Identifier: EUPL-1.2
"""What the daily deadline job (`binnenboord termijnen`) found due in a case: a phase entered,
an escalation due, a model step or a plan action overdue. One row per (casus, soort, code,
fase), so a run records each item once and a second run on the same day records and mails
nothing new (docs/ontwikkelen.md, "Idempotente taken"). `gemaild_op` stays empty until the people
concerned were
e-mailed, so a failed mail run is retried by the next one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Termijnsignaal(models.Model):
    class Soort(models.TextChoices):
        FASE = "fase", _("phase entered")
        ESCALATIE = "escalatie", _("escalation due")
        STAP_TE_LAAT = "stap_te_laat", _("step overdue")
        ACTIE_TE_LAAT = "actie_te_laat", _("action overdue")

    casus = models.ForeignKey(
        "regie.Casus",
        on_delete=models.CASCADE,
        related_name="termijnsignalen",
        verbose_name=_("case"),
    )
    soort = models.CharField(_("kind"), max_length=16, choices=Soort.choices)
    code = models.CharField(
        _("code"),
        max_length=40,
        help_text=_("The phase, escalation or step code of the model, or the action's number."),
    )
    fase = models.CharField(_("phase"), max_length=40, blank=True)
    omschrijving = models.CharField(_("description"), max_length=300)
    datum = models.DateField(_("due date"), help_text=_("The day the phase began or the deadline."))
    peildatum = models.DateField(_("reference date"))
    vastgelegd_op = models.DateTimeField(_("recorded at"))
    gemaild_op = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("deadline signal")
        verbose_name_plural = _("deadline signals")
        ordering = ["casus", "datum", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus", "soort", "code", "fase"], name="termijnsignaal_eenmaal"
            )
        ]
        indexes = [
            models.Index(
                fields=["gemaild_op"],
                condition=models.Q(gemaild_op__isnull=True),
                name="termijnsignaal_te_mailen",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.omschrijving}"
