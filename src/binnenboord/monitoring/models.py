# SPDX-License-Identifier: EUPL-1.2
"""An export of the figures made in the background (docs/monitoring.md, "Downloaden"): who
asked for it, in which format and for which report (the dashboard's choice, as parameters), how
far it got, and the file itself.

The file is kept in the database (`inhoud`), not on disk: the web server and the worker may run
on different machines without a shared volume, a file under a media root could be served by a
misconfigured web server, and the row's deletion (the retention of EXPORT_BEWAAR_UUR hours,
`monitoring.exporten.ruim_op`) takes the file with it. The files are aggregate figures of some
hundred kilobytes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import aangemaakt_moment


class Export(models.Model):
    class Formaat(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("queued")
        BEZIG = "bezig", _("being made")
        KLAAR = "klaar", _("ready")
        MISLUKT = "mislukt", _("failed")

    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exporten",
        verbose_name=_("asked by"),
    )
    formaat = models.CharField(_("format"), max_length=4, choices=Formaat.choices)
    # the report's choice as the dashboard's link gives it (forms.Keuze.parameters): soort,
    # periode, scope and optionally vergelijking and basis
    parameters = models.JSONField(_("report parameters"), default=dict)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.WACHTRIJ
    )
    # the asker's language when asking: the file's texts are in it
    taal = models.CharField(_("language"), max_length=10, blank=True)
    bestandsnaam = models.CharField(_("file name"), max_length=255, blank=True)
    inhoud = models.BinaryField(_("file"), null=True, blank=True, editable=False)
    fout = models.TextField(_("error"), blank=True)
    aangemaakt_op = aangemaakt_moment(_("created at"))
    klaar_op = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("figures export")
        verbose_name_plural = _("figures exports")
        ordering = ("-aangemaakt_op", "-pk")
        indexes = [models.Index(fields=["aangemaakt_op"], name="export_aangemaakt_op")]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.formaat}, {self.status})"

    @property
    def afgerond(self) -> bool:
        return self.status in (self.Status.KLAAR, self.Status.MISLUKT)

    @property
    def scope(self) -> Any:
        """The report's scope (a rapport.Scope), None when the parameters hold none readable."""
        from .rapport import OngeldigeInvoer, lees_scope

        try:
            return lees_scope(str(self.parameters.get("scope", "")))
        except OngeldigeInvoer:
            return None
