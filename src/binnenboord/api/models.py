# SPDX-License-Identifier: EUPL-1.2
"""API tokens: a key per connected system of one organisation, stored as a hash only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from binnenboord.toegang.models import Medewerker, Organisatie


class Scope(models.TextChoices):
    """What a token may do; the access rules of its organisation still apply on top."""

    LEZEN = "lezen", _("read")
    VERZUIM_SCHRIJVEN = "verzuim:schrijven", _("write absence")
    INSCHRIJVINGEN_SCHRIJVEN = "inschrijvingen:schrijven", _("write enrolments")


class ApiToken(models.Model):
    """A system's key. It acts through its own technical Medewerker of the organisation (a
    school's token as schoolmedewerker, Leerplicht's as leerplichtambtenaar), so the same
    rules and scopes as for people decide what it sees and writes. The key is shown once; only
    its SHA-256 is kept, found by a short random prefix."""

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("organisation"),
    )
    naam = models.CharField(_("name"), max_length=100)
    scopes = models.JSONField(_("scopes"), default=list)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    sleutel_hash = models.CharField(_("key hash"), max_length=64)
    medewerker = models.OneToOneField(
        Medewerker,
        on_delete=models.PROTECT,
        related_name="api_token",
        verbose_name=_("technical account"),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    laatst_gebruikt_op = models.DateTimeField(_("last used at"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["organisatie__naam", "naam"]

    def __str__(self) -> str:
        return f"{self.organisatie} – {self.naam} ({self.prefix})"

    @property
    def is_actief(self) -> bool:
        return self.ingetrokken_op is None

    def mag(self, scope: str) -> bool:
        return scope in self.scopes
