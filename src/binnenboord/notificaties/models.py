# SPDX-License-Identifier: EUPL-1.2
"""A notification for one staff member, and each staff member's choice of e-mail.

A `Notificatie` stores what happened as values (`soort` and `gegevens`: numbers, codes, dates;
never a pupil's name) and the link to where it happened; its sentence is made when it is read,
in the reader's language. `sleutel` makes writing it idempotent: one notification per recipient
and key (e.g. "actie:12"), however often the writer runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import aangemaakt_moment


class Notificatie(models.Model):
    class Soort(models.TextChoices):
        ACTIE_TOEGEWEZEN = "actie_toegewezen", _("action assigned to you")
        DEELNEMER_TOEGEVOEGD = "deelnemer_toegevoegd", _("added to a case")
        ESCALATIE = "escalatie", _("case escalated to your body")
        AGENDA_GEPUBLICEERD = "agenda_gepubliceerd", _("agenda published")
        MELDING_ONTVANGEN = "melding_ontvangen", _("report received")
        VERHUISMELDING = "verhuismelding", _("move reported")
        TERMIJN_VERLOPEN = "termijn_verlopen", _("your deadline is overdue")
        MAZL_VERWIJZING = "mazl_verwijzing", _("MAZL referral received")
        MAZL_ADVIES = "mazl_advies", _("MAZL advice received")
        # from the portal of the parents and the pupil (docs/relatie.md)
        PORTAAL_BERICHT = "portaal_bericht", _("message from a parent or pupil")
        PORTAAL_REACTIE = "portaal_reactie", _("a parent or pupil responded in the portal")
        CORRECTIEVERZOEK = "correctieverzoek", _("correction requested")
        # a figures export made in the background (monitoring.exporten)
        EXPORT_KLAAR = "export_klaar", _("your export is ready")

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notificaties",
        verbose_name=_("recipient"),
    )
    soort = models.CharField(_("kind"), max_length=24, choices=Soort.choices)
    gegevens = models.JSONField(
        _("facts"),
        default=dict,
        blank=True,
        help_text=_("What happened, as values (numbers, codes, dates); never a pupil's name."),
    )
    url = models.CharField(_("link"), max_length=300, help_text=_("A path in this application."))
    sleutel = models.CharField(
        _("key"),
        max_length=100,
        blank=True,
        help_text=_("One notification per recipient and key, however often it is written."),
    )
    aangemaakt_op = aangemaakt_moment(_("created at"))
    gelezen_op = models.DateTimeField(_("read at"), null=True, blank=True)
    gemaild_op = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "sleutel"],
                condition=~Q(sleutel=""),
                name="notificatie_eenmaal_per_sleutel",
            ),
        ]
        indexes = [
            models.Index(
                fields=["ontvanger", "aangemaakt_op"],
                condition=Q(gelezen_op__isnull=True),
                name="notificatie_ongelezen",
            ),
            models.Index(
                fields=["gemaild_op"],
                condition=Q(gemaild_op__isnull=True),
                name="notificatie_te_mailen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.ontvanger_id})"


class Notificatievoorkeur(models.Model):
    """How one staff member wants notifications by e-mail (none chosen: a daily digest)."""

    class Mail(models.TextChoices):
        DIRECT = "direct", _("immediately")
        DAGELIJKS = "dagelijks", _("once a day, as a digest")
        NOOIT = "nooit", _("never (only in the application)")

    medewerker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notificatievoorkeur",
        verbose_name=_("staff member"),
    )
    mail = models.CharField(
        _("e-mail"), max_length=10, choices=Mail.choices, default=Mail.DAGELIJKS
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.medewerker_id}: {self.mail}"
