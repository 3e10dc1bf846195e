# SPDX-License-Identifier: EUPL-1.2
"""Meetings about cases (docs/domein.md, "Overleg") and the Amsterdam Leerplichtspreekuur.

An `Overleg` (actietafel, UVO, teammanagersoverleg, Interventieteam VO, Doorbraakoverleg,
kernpartneroverleg) has a date, a chair and members, and an agenda of cases (`Agendapunt`)
proposed from the worklist: the cases whose model says this meeting is due. Per case it keeps
the advice and decision and the plan actions that follow (regie.Actie). Recurring meetings
belong to an `Overlegreeks` (the Doorbraakoverleg meets every 3 weeks).

A `Spreekuur` is a consultation hour of the leerplichtambtenaar at a school, in slots; the
school refers a pupil preventively (`Verwijzing`), before any threshold and before any case
exists; the outcome may be that a case is opened."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import AangemaaktDoor, aangemaakt_moment, door_medewerker

__all__ = ["Agendapunt", "Overleg", "Overlegreeks", "Overlegsoort", "Spreekuur", "Verwijzing"]


class Overlegsoort(models.TextChoices):
    ACTIETAFEL = "actietafel", _("action table of the core team")
    UVO = "uvo", _("implementers' meeting (UVO)")
    TEAMMANAGERSOVERLEG = "teammanagersoverleg", _("team managers' meeting")
    INTERVENTIETEAM = "interventieteam", _("Intervention team VO")
    DOORBRAAKOVERLEG = "doorbraakoverleg", _("Doorbraakoverleg")
    KERNPARTNEROVERLEG = "kernpartneroverleg", _("core partners' meeting")


class _Samenstelling(AangemaaktDoor):
    """What a meeting and its series share: kind, organiser, chair and members."""

    soort = models.CharField(_("kind of meeting"), max_length=20, choices=Overlegsoort.choices)
    organisatie = models.ForeignKey(
        "toegang.Organisatie",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organised by"),
    )
    aanvang = models.TimeField(_("starts at"), null=True, blank=True)
    locatie = models.CharField(_("location"), max_length=200, blank=True)
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair"),
    )
    voorzitter_naam = models.CharField(
        _("chair (name)"),
        max_length=200,
        blank=True,
        help_text=_("For a chair without an account, e.g. the independent chair."),
    )
    externe_leden = models.TextField(
        _("members without an account"),
        blank=True,
        help_text=_("One per line: name and organisation."),
    )

    class Meta:
        abstract = True

    @property
    def externe_ledenlijst(self) -> list[str]:
        return [r.strip() for r in self.externe_leden.splitlines() if r.strip()]


class Overlegreeks(_Samenstelling):
    """A recurring meeting: every `interval_weken` weeks (the Doorbraakoverleg: 3). Its next
    meeting is made from the last one, with the series' members."""

    naam = models.CharField(_("name"), max_length=200)
    interval_weken = models.PositiveSmallIntegerField(_("every so many weeks"))
    leden = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("series of meetings")
        verbose_name_plural = _("series of meetings")
        ordering = ["naam", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_weken__gte=1), name="overlegreeks_interval_minstens_een"
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Overleg(_Samenstelling):
    """One meeting on one day; optionally part of a series."""

    datum = models.DateField(_("date"))
    reeks = models.ForeignKey(
        Overlegreeks,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="overleggen",
        verbose_name=_("series"),
    )
    leden = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="overleggen",
        verbose_name=_("members"),
    )
    notities = models.TextField(_("notes"), blank=True)
    agenda_gepubliceerd_op = models.DateTimeField(
        _("agenda published at"),
        null=True,
        blank=True,
        help_text=_(
            "From this moment the members see the cases on the agenda (summary, plan and "
            "question), each until its decision is recorded."
        ),
    )
    agenda_gepubliceerd_door = door_medewerker(_("agenda published by"), leeg=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["datum", "aanvang", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reeks", "datum"],
                condition=Q(reeks__isnull=False),
                name="overleg_eenmaal_per_dag_in_reeks",
            )
        ]
        indexes = [models.Index(fields=["organisatie", "datum"], name="overleg_organisatie_datum")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"


class Agendapunt(models.Model):
    """A case on a meeting's agenda: why it is due (the escalation or step code of its model),
    and once discussed the advice, the decision and the actions that follow."""

    class Status(models.TextChoices):
        GEAGENDEERD = "geagendeerd", _("on the agenda")
        BESPROKEN = "besproken", _("discussed")
        AANGEHOUDEN = "aangehouden", _("postponed")

    overleg = models.ForeignKey(
        Overleg, on_delete=models.CASCADE, related_name="agendapunten", verbose_name=_("meeting")
    )
    casus = models.ForeignKey(
        "regie.Casus",
        on_delete=models.CASCADE,
        related_name="agendapunten",
        verbose_name=_("case"),
    )
    volgorde = models.PositiveIntegerField(_("order"))
    waarom = models.CharField(
        _("reason"),
        max_length=40,
        blank=True,
        help_text=_("The escalation or step of the model that makes the case due."),
    )
    vraag = models.TextField(
        _("question for the meeting"),
        blank=True,
        help_text=_("What the meeting is asked to advise or decide; the members see it."),
    )
    advies = models.TextField(_("advice"), blank=True)
    besluit = models.TextField(_("decision"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.GEAGENDEERD
    )
    acties = models.ManyToManyField(
        "regie.Actie", blank=True, related_name="agendapunten", verbose_name=_("follow-up actions")
    )
    toegevoegd_door = door_medewerker(_("by"))
    besproken_door = door_medewerker(_("recorded by"), leeg=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["overleg", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["overleg", "casus"], name="agendapunt_casus_eenmaal"),
            models.CheckConstraint(
                condition=Q(status="geagendeerd") | Q(besproken_door__isnull=False),
                name="agendapunt_besproken_door_iemand",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.overleg}: {self.volgorde}"


class Spreekuur(models.Model):
    """A consultation hour of the leerplichtambtenaar at a school (Amsterdam): from `begin` to
    `einde` in slots of `duur_minuten`."""

    school = models.ForeignKey(
        "registratie.School",
        on_delete=models.PROTECT,
        related_name="spreekuren",
        verbose_name=_("school"),
    )
    leerplichtambtenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="spreekuren",
        verbose_name=_("compulsory education officer"),
    )
    datum = models.DateField(_("date"))
    begin = models.TimeField(_("from"))
    einde = models.TimeField(_("until"))
    duur_minuten = models.PositiveSmallIntegerField(_("minutes per conversation"), default=20)
    locatie = models.CharField(_("location"), max_length=200, blank=True)
    aangemaakt_op = aangemaakt_moment(_("created at"))

    class Meta:
        verbose_name = _("consultation hour")
        verbose_name_plural = _("consultation hours")
        ordering = ["datum", "begin", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gt=F("begin")), name="spreekuur_einde_na_begin"
            ),
            models.CheckConstraint(
                condition=Q(duur_minuten__gte=5), name="spreekuur_duur_minstens_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.datum:%d-%m-%Y} {self.begin:%H:%M}"

    def tijdvakken(self) -> list[time]:
        """The start of each slot that ends on or before `einde`."""
        vakken = []
        moment = datetime.combine(self.datum, self.begin)
        einde = datetime.combine(self.datum, self.einde)
        stap = timedelta(minutes=self.duur_minuten)
        while moment + stap <= einde:
            vakken.append(moment.time())
            moment += stap
        return vakken


class Verwijzing(models.Model):
    """A pupil referred by the school to one slot of a consultation hour, and its outcome."""

    class Uitkomst(models.TextChoices):
        ADVIES = "advies", _("advice given")
        VERVOLGGESPREK = "vervolggesprek", _("follow-up conversation")
        NIET_VERSCHENEN = "niet_verschenen", _("did not attend")
        CASUS_GEOPEND = "casus_geopend", _("case opened")

    spreekuur = models.ForeignKey(
        Spreekuur,
        on_delete=models.CASCADE,
        related_name="verwijzingen",
        verbose_name=_("consultation hour"),
    )
    tijdvak = models.TimeField(_("slot"))
    leerling = models.ForeignKey(
        "registratie.Leerling",
        on_delete=models.PROTECT,
        related_name="verwijzingen",
        verbose_name=_("pupil"),
    )
    verwezen_door = door_medewerker(_("referred by"))
    reden = models.TextField(_("reason for referral"))
    verwezen_op = aangemaakt_moment(_("referred at"))
    uitkomst_soort = models.CharField(
        _("outcome"), max_length=16, choices=Uitkomst.choices, blank=True
    )
    uitkomst = models.TextField(_("outcome notes"), blank=True)
    casus = models.ForeignKey(
        "regie.Casus",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verwijzingen",
        verbose_name=_("case"),
    )
    afgehandeld_door = door_medewerker(_("outcome recorded by"), leeg=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["spreekuur", "tijdvak", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["spreekuur", "tijdvak"], name="verwijzing_tijdvak_eenmaal"
            ),
            models.CheckConstraint(
                condition=Q(uitkomst_soort="") | Q(afgehandeld_door__isnull=False),
                name="verwijzing_uitkomst_door_iemand",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.spreekuur} {self.tijdvak:%H:%M}"
