# SPDX-License-Identifier: EUPL-1.2
"""Contact moments of a case (conversation, phone call, home visit, letter) and, apart, the
medical content a youth doctor wrote (only youth doctors of the writer's organisation read
it)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import VastgelegdDoor, aangemaakt_moment, door_medewerker

from .casus import Casus


class Contactmoment(models.Model):
    """A conversation, phone call, home visit or letter, with whom and its report."""

    class Soort(models.TextChoices):
        GESPREK = "gesprek", _("conversation")
        TELEFOON = "telefoon", _("phone call")
        HUISBEZOEK = "huisbezoek", _("home visit")
        BRIEF = "brief", _("letter")
        OVERIG = "overig", _("other")

    class Met(models.TextChoices):
        OUDERS = "ouders", _("parents")
        LEERLING = "leerling", _("pupil")
        SCHOOL = "school", _("school")
        LEERPLICHT = "leerplicht", _("Leerplicht")
        ZORG = "zorg", _("care provider")
        OVERIG = "overig", _("other")

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="contactmomenten", verbose_name=_("case")
    )
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    datum = models.DateField(_("date"))
    met = models.JSONField(_("with"), default=list, help_text=_("A list of Met values."))
    # what everyone who sees the case reads; empty for a youth doctor's contact, whose notes
    # are medical and stand in MedischeInhoud (only youth doctors of the writer's organisation)
    verslag = models.TextField(_("notes"), blank=True)
    advies_regisseur = models.TextField(
        _("advice for the case director"),
        blank=True,
        help_text=_(
            "A youth doctor's short, non-medical advice; only the case director and youth "
            "doctors read it."
        ),
    )
    alleen_professionals = models.BooleanField(
        _("professionals only"),
        default=False,
        help_text=_(
            "The notes are not shown to the parents and the pupil in the portal or in their "
            "copy of the file (AVG art. 15 lid 4, art. 23: the rights of others)."
        ),
    )
    door = door_medewerker(_("by"))
    geregistreerd_op = aangemaakt_moment(_("registered at"))

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["casus", "-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"

    @property
    def met_labels(self) -> list[str]:
        labels = dict(self.Met.choices)
        return [str(labels.get(m, m)) for m in self.met]


class MedischeInhoud(VastgelegdDoor):
    """The medical part of what a youth doctor wrote in a case: the notes of a contact moment
    or the medical content behind a MAZL advice (diagnosis, medication, ...). It has a model of
    its own so that nothing that shows a contact or an advice can show it by accident: only
    youth doctors of the writer's organisation read it (regie.view_medisch), and every read is
    in the access log (bron "regie:medisch"). Never in the timeline, a PDF, the API or an
    overdracht."""

    casus = models.ForeignKey(
        Casus,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="medische_inhoud",
        verbose_name=_("case"),
        help_text=_("Empty for the notes of a MAZL referral made without a case."),
    )
    contactmoment = models.OneToOneField(
        Contactmoment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="medisch",
        verbose_name=_("contact moment"),
    )
    mazladvies = models.OneToOneField(
        "regie.MazlAdvies",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="medisch",
        verbose_name=_("MAZL advice"),
    )
    mazlverwijzing = models.OneToOneField(
        "regie.Mazlverwijzing",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="medisch",
        verbose_name=_("MAZL referral"),
    )
    tekst = models.TextField(_("medical content"))
    organisatie = models.ForeignKey(
        "toegang.Organisatie",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The youth health care organisation of the writer: its youth doctors read it."),
    )

    class Meta:
        verbose_name = _("medical content")
        verbose_name_plural = _("medical content")
        ordering = ["casus", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    contactmoment__isnull=False,
                    mazladvies__isnull=True,
                    mazlverwijzing__isnull=True,
                    casus__isnull=False,
                )
                | Q(
                    contactmoment__isnull=True,
                    mazladvies__isnull=False,
                    mazlverwijzing__isnull=True,
                    casus__isnull=False,
                )
                | Q(
                    contactmoment__isnull=True,
                    mazladvies__isnull=True,
                    mazlverwijzing__isnull=False,
                ),
                name="medische_inhoud_bij_een_ding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"
