# SPDX-License-Identifier: EUPL-1.2
"""Stored signals (DOMAIN.md, "Signals"): one row per episode that kern.signalen found, with its
status and who did what with it, plus an append-only history per signal."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from binnenboord.kern import signalen as kern


class Soort(models.TextChoices):
    """The seven signal kinds; the values are kern.signalen's soorten."""

    VERZUIM_16_UUR = kern.VERZUIM_16_UUR, _("16 hours of unauthorised absence")
    LANGDURIG_RELATIEF_VERZUIM = (
        kern.LANGDURIG_RELATIEF_VERZUIM,
        _("Long-term unauthorised absence"),
    )
    LANGDURIG_GEOORLOOFD_VERZUIM = (
        kern.LANGDURIG_GEOORLOOFD_VERZUIM,
        _("Long-term absence with a valid reason"),
    )
    ZORGWEKKEND_ZIEKTEVERZUIM = kern.ZORGWEKKEND_ZIEKTEVERZUIM, _("Worrying sickness absence")
    ABSOLUUT_VERZUIM = kern.ABSOLUUT_VERZUIM, _("Not enrolled (absolute absence)")
    VIERJARIGE_NIET_INGESCHREVEN = (
        kern.VIERJARIGE_NIET_INGESCHREVEN,
        _("Four-year-old not enrolled"),
    )
    THUISZITTER_3_MAANDEN = kern.THUISZITTER_3_MAANDEN, _("At home for more than 3 months")


# Most urgent first: a child out of school for months, or not in any school at all, before
# long runs of absence, before the 16-hour report duty, before the sickness and four-year-old
# lists (docs/signalering.md).
URGENTIE: dict[str, int] = {
    Soort.THUISZITTER_3_MAANDEN: 0,
    Soort.ABSOLUUT_VERZUIM: 1,
    Soort.LANGDURIG_RELATIEF_VERZUIM: 2,
    Soort.LANGDURIG_GEOORLOOFD_VERZUIM: 3,
    Soort.VERZUIM_16_UUR: 4,
    Soort.ZORGWEKKEND_ZIEKTEVERZUIM: 5,
    Soort.VIERJARIGE_NIET_INGESCHREVEN: 6,
}
assert set(URGENTIE) == set(kern.SOORTEN)


class Signaal(models.Model):
    """One episode of one soort for one pupil. The engine creates and closes it; a person
    marks it seen and handles it (melding, casus, or dismissed with a reason)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        # the situation ended (or the engine no longer finds it): closed by the system
        GESLOTEN = "gesloten", _("closed")
        # a person turned it into a melding or casus, or dismissed it
        AFGEHANDELD = "afgehandeld", _("handled")

    class Afhandeling(models.TextChoices):
        MELDING = "melding", _("turned into a report")
        CASUS = "casus", _("turned into a case")
        AFGEWEZEN = "afgewezen", _("dismissed")

    leerling = models.ForeignKey(
        "registratie.Leerling",
        on_delete=models.CASCADE,
        related_name="signalen",
        verbose_name=_("pupil"),
        db_index=False,  # the unique (leerling, soort, begindatum) leads with it
    )
    soort = models.CharField(_("kind"), max_length=40, choices=Soort.choices)
    begindatum = models.DateField(
        _("start of the episode"), help_text=_("With pupil and kind the key of the episode.")
    )
    datum = models.DateField(_("date the rule was met"))
    einddatum = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("The first day the situation no longer held."),
    )
    school = models.ForeignKey(
        "registratie.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signalen",
        verbose_name=_("school"),
    )
    van = models.DateField(_("first day"))
    tot = models.DateField(_("last day"))
    minuten = models.PositiveIntegerField(_("minutes"), default=0)
    dagen = models.PositiveIntegerField(_("school days"), default=0)
    uitleg = models.TextField(_("explanation"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    gezien_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("seen by"),
    )
    gezien_op = models.DateTimeField(_("seen at"), null=True, blank=True)
    afhandeling = models.CharField(
        _("handled as"), max_length=12, choices=Afhandeling.choices, blank=True
    )
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    afgehandeld_op = models.DateTimeField(_("handled at"), null=True, blank=True)
    reden = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-datum", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "soort", "begindatum"], name="signaal_een_per_episode"
            ),
            models.CheckConstraint(condition=Q(van__lte=F("tot")), name="signaal_van_voor_tot"),
            models.CheckConstraint(
                condition=Q(status="afgehandeld", afhandeling__gt="")
                | (~Q(status="afgehandeld") & Q(afhandeling="")),
                name="signaal_afgehandeld_met_afhandeling",
            ),
            models.CheckConstraint(
                condition=~Q(afhandeling="afgewezen") | ~Q(reden=""),
                name="signaal_afwijzing_met_reden",
            ),
        ]
        indexes = [
            # the inbox: open signals by kind, newest first
            models.Index(
                fields=["soort", "-datum"],
                condition=Q(status="open"),
                name="signaal_open_soort_datum",
            ),
            # the school filter and a school's inbox
            models.Index(
                fields=["school", "-datum"],
                condition=Q(status="open"),
                name="signaal_open_school_datum",
            ),
            # the storage service reads the open signals of a scope
            models.Index(fields=["status", "leerling"], name="signaal_status_leerling"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.begindatum:%d-%m-%Y}"

    @property
    def is_gebeurtenis(self) -> bool:
        """Event kinds stay open until a person handles them."""
        return self.soort in kern.GEBEURTENISSEN

    @property
    def urgentie(self) -> int:
        return URGENTIE[self.soort]

    @property
    def schoolcode(self) -> str | None:
        """BRIN plus vestiging ("12AB00"), or None without a school."""
        if self.school is None:
            return None
        return f"{self.school.brin}{self.school.vestiging}"


class GebeurtenisNietWijzigbaar(Exception):
    """Raised on any attempt to change or delete a signal's history."""


class SignaalGebeurtenisQuerySet(models.QuerySet["SignaalGebeurtenis"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise GebeurtenisNietWijzigbaar("De historie van een signaal kan niet worden gewijzigd.")


class SignaalGebeurtenis(models.Model):
    """What happened to a signal, by whom (empty: the system) and when. Append-only; written
    by the services in the same transaction as the change itself."""

    class Soort(models.TextChoices):
        AANGEMAAKT = "aangemaakt", _("created")
        BIJGEWERKT = "bijgewerkt", _("updated")
        GESLOTEN = "gesloten", _("closed, situation ended")
        HEROPEND = "heropend", _("reopened")
        GEZIEN = "gezien", _("seen")
        AFGEWEZEN = "afgewezen", _("dismissed")
        MELDING_GEMAAKT = "melding_gemaakt", _("turned into a report")
        CASUS_GEMAAKT = "casus_gemaakt", _("turned into a case")

    signaal = models.ForeignKey(
        Signaal, on_delete=models.CASCADE, related_name="gebeurtenissen", verbose_name=_("signal")
    )
    soort = models.CharField(_("event"), max_length=20, choices=Soort.choices)
    wie = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the system did it."),
    )
    wanneer = models.DateTimeField(_("when"), auto_now_add=True)
    toelichting = models.TextField(_("explanation"), blank=True)

    objects = SignaalGebeurtenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("signal event")
        verbose_name_plural = _("signal events")
        ordering = ["signaal", "wanneer", "pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.wanneer:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise GebeurtenisNietWijzigbaar(
                "De historie van een signaal kan niet worden gewijzigd."
            )
        super().save(*args, **kwargs)
