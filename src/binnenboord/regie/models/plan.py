# SPDX-License-Identifier: EUPL-1.2
"""The plan of a case in versions (each version a new row) and its actions: who does what by
when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import AangemaaktDoor, aangemaakt_moment, door_medewerker

from .casus import Casus


class PlanVanAanpak(models.Model):
    """One version of a case's plan: a new version is a new row, never an update. Made with
    parents and pupil: their views and agreement are part of each version."""

    # what a version says (the plan form's fields, and what a handover copies)
    INHOUD = (
        "doel",
        "afspraken",
        "visie_ouders",
        "visie_leerling",
        "leerling_gehoord",
        "akkoord_ouders",
        "akkoord_leerling",
    )

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="planversies", verbose_name=_("case")
    )
    versie = models.PositiveIntegerField(_("version"))
    doel = models.TextField(_("goal"))
    afspraken = models.TextField(_("agreements"), blank=True)
    visie_ouders = models.TextField(_("view of the parents"), blank=True)
    visie_leerling = models.TextField(_("view of the pupil"), blank=True)
    leerling_gehoord = models.BooleanField(_("the pupil has been heard"), default=False)
    akkoord_ouders = models.BooleanField(_("parents agree"), default=False)
    akkoord_leerling = models.BooleanField(_("pupil agrees"), default=False)
    gemaakt_door = door_medewerker(_("by"))
    gemaakt_op = aangemaakt_moment(_("made at"))

    class Meta:
        verbose_name = _("plan of action")
        verbose_name_plural = _("plans of action")
        ordering = ["casus", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["casus", "versie"], name="plan_versie_eenmaal"),
            models.CheckConstraint(condition=Q(versie__gte=1), name="plan_versie_vanaf_1"),
        ]

    def __str__(self) -> str:
        return f"{self.casus} v{self.versie}"


class Actie(AangemaaktDoor):
    """Who does what by when: an action of the plan (or of the case without a plan)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        GEDAAN = "gedaan", _("done")
        VERVALLEN = "vervallen", _("cancelled")

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="acties", verbose_name=_("case")
    )
    plan = models.ForeignKey(
        PlanVanAanpak,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acties",
        verbose_name=_("plan version"),
    )
    wie = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regie_acties",
        verbose_name=_("who (staff member)"),
    )
    wie_naam = models.CharField(_("who (name)"), max_length=200, blank=True)
    # an action of the family: it shows as theirs in the portal (docs/relatie.md)
    ouder = models.ForeignKey(
        "registratie.Ouder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who (parent)"),
    )
    leerling_zelf = models.BooleanField(_("the pupil does this"), default=False)
    wat = models.TextField(_("what"))
    uiterlijk = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    gedaan_op = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("case action")
        verbose_name_plural = _("actions")
        ordering = ["casus", "uiterlijk", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wie__isnull=False) | ~Q(wie_naam=""), name="actie_met_wie"
            ),
            models.CheckConstraint(
                condition=Q(status="open", gedaan_op__isnull=True)
                | (~Q(status="open") & Q(gedaan_op__isnull=False)),
                name="actie_afgerond_met_datum",
            ),
        ]

    def __str__(self) -> str:
        return self.wat[:60]

    @property
    def uitvoerder(self) -> str:
        return str(self.wie) if self.wie is not None else self.wie_naam
