# SPDX-License-Identifier: EUPL-1.2
"""The access log (NEN 7513): who looked at or did what with which child's data, when, on
whose behalf and from where. Append-only: the application cannot change or delete an entry
(the model refuses, and database triggers refuse as well)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InzageNietWijzigbaar(Exception):
    """Raised on any attempt to change or delete an access-log entry."""


class InzageQuerySet(models.QuerySet["Inzage"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise InzageNietWijzigbaar("Het inzagelog kan niet worden gewijzigd.")

    def delete(self) -> NoReturn:
        raise InzageNietWijzigbaar("Het inzagelog kan niet worden verwijderd.")


class Inzage(models.Model):
    class Handeling(models.TextChoices):
        BEKIJKEN = "bekijken", _("view")
        ZOEKEN = "zoeken", _("search")
        AANMAKEN = "aanmaken", _("create")
        WIJZIGEN = "wijzigen", _("change")
        VERWIJDEREN = "verwijderen", _("delete")
        EXPORTEREN = "exporteren", _("export")
        AFDRUKKEN = "afdrukken", _("print")

    # Set before the insert (not auto_now_add), because the entry's hash covers it.
    tijdstip = models.DateTimeField(_("moment"), default=timezone.now, db_index=True)
    # Who: the account plus a snapshot of name, role and organisation at that moment, so the
    # entry stays true when the account changes later.
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    gebruikersnaam = models.CharField(_("user name"), max_length=150)
    rol = models.CharField(_("role"), max_length=30, blank=True)
    organisatie = models.CharField(_("organisation"), max_length=200, blank=True)
    # Which child (and later which case); no database constraint, so retention of a pupil's
    # file never rewrites the log.
    leerling = models.ForeignKey(
        "registratie.Leerling",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pupil"),
    )
    casus_id = models.BigIntegerField(_("case"), null=True, blank=True)
    handeling = models.CharField(_("action"), max_length=12, choices=Handeling.choices)
    bron = models.CharField(
        _("screen or endpoint"), max_length=200, help_text=_("The view or endpoint used.")
    )
    pad = models.CharField(_("path"), max_length=500, blank=True)
    reden = models.TextField(_("reason"), blank=True)
    aantal = models.PositiveIntegerField(
        _("number of records"), default=1, help_text=_("For searches and lists.")
    )
    ip_adres = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # Tamper evidence: sha256 over this entry's fields and the previous entry's hash (keten.py).
    vorige_hash = models.CharField(_("previous hash"), max_length=64, default="", editable=False)
    hash = models.CharField(_("hash"), max_length=64, default="", editable=False)

    objects = InzageQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-tijdstip", "-pk"]
        indexes = [models.Index(fields=["leerling", "tijdstip"])]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.gebruikersnaam} {self.handeling}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise InzageNietWijzigbaar("Het inzagelog kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise InzageNietWijzigbaar("Het inzagelog kan niet worden verwijderd.")


class Inzageanker(models.Model):
    """A checkpoint of the hash chain, written in the same transaction that removes access-log
    entries past their retention term: the chain of the remaining entries starts from
    `laatste_hash`, so it stays verifiable after pruning."""

    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)
    tot_en_met_id = models.BigIntegerField(_("last removed entry"))
    laatste_hash = models.CharField(_("hash of the last removed entry"), max_length=64)
    aantal_verwijderd = models.PositiveIntegerField(_("number of entries removed"))
    ouder_dan = models.DateTimeField(_("removed entries older than"))

    class Meta:
        verbose_name = _("access log anchor")
        verbose_name_plural = _("access log anchors")
        ordering = ["-tot_en_met_id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.aangemaakt_op:%Y-%m-%d} t/m {self.tot_en_met_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise InzageNietWijzigbaar("Een anker van het inzagelog kan niet worden gewijzigd.")
        super().save(*args, **kwargs)
