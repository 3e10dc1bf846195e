# SPDX-License-Identifier: EUPL-1.2
"""A MAZL referral (docs/samenwerken.md, "MAZL"): the school refers a pupil with worrying sick
leave to the youth doctor of its kernteam, with or without a case. The youth doctor records the
consult and sends back a short, non-medical advice. What is medical stays with youth health care:
it is a MedischeInhoud of the referral, read only by the youth doctors of that organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import aangemaakt_moment, door_medewerker


class Mazlverwijzing(models.Model):
    class Status(models.TextChoices):
        NIEUW = "nieuw", _("new")
        GEPLAND = "gepland", _("consult planned")
        AFGEROND = "afgerond", _("advice sent")
        NIET_VERSCHENEN = "niet_verschenen", _("did not attend")

    leerling = models.ForeignKey(
        "registratie.Leerling",
        on_delete=models.PROTECT,
        related_name="mazlverwijzingen",
        verbose_name=_("pupil"),
    )
    school = models.ForeignKey(
        "registratie.School", on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    jeugdarts = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mazlverwijzingen",
        verbose_name=_("youth doctor"),
    )
    casus = models.ForeignKey(
        "regie.Casus",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mazlverwijzingen",
        verbose_name=_("case"),
    )
    signaal = models.ForeignKey(
        "signalering.Signaal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mazlverwijzingen",
        verbose_name=_("signal"),
    )
    reden = models.TextField(
        _("reason for referral"),
        help_text=_("What the school sees (the sick leave, what was discussed); no diagnosis."),
    )
    verwezen_door = door_medewerker(_("referred by"))
    verwezen_op = aangemaakt_moment(_("referred at"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NIEUW
    )
    consult_op = models.DateField(_("date of the consult"), null=True, blank=True)
    advies = models.TextField(
        _("shareable advice"),
        blank=True,
        help_text=_("Only what the family agreed to share, e.g. 'can attend 2 hours a day'."),
    )
    advies_op = models.DateTimeField(_("advice sent at"), null=True, blank=True)
    afgehandeld_door = door_medewerker(_("handled by"), leeg=True)

    class Meta:
        verbose_name = _("MAZL referral")
        verbose_name_plural = _("MAZL referrals")
        ordering = ["-verwezen_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="afgerond") | (~Q(advies="") & Q(advies_op__isnull=False)),
                name="mazlverwijzing_afgerond_met_advies",
            ),
        ]
        indexes = [models.Index(fields=["jeugdarts", "status"], name="mazl_jeugdarts_status")]

    def __str__(self) -> str:
        return f"MAZL {self.leerling_id} ({self.verwezen_op:%d-%m-%Y})"
