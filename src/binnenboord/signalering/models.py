# SPDX-License-Identifier: EUPL-1.2
"""Stored signals (docs/domein.md, "Signalen"): one row per episode that kern.signalen found,
with its status and who did what with it, plus an append-only history per signal; meldingen
with theirs."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import (
    AangemaaktDoor,
    Gebeurtenis,
    aangemaakt_moment,
    door_medewerker,
)
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
        GEKOPPELD = "gekoppeld", _("attached to the pupil's open case")

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
    aangemaakt_op = aangemaakt_moment(_("created at"))
    gezien_door = door_medewerker(_("seen by"), leeg=True)
    gezien_op = models.DateTimeField(_("seen at"), null=True, blank=True)
    afhandeling = models.CharField(
        _("handled as"), max_length=12, choices=Afhandeling.choices, blank=True
    )
    afgehandeld_door = door_medewerker(_("handled by"), leeg=True)
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


class SignaalGebeurtenis(Gebeurtenis):
    """What happened to a signal, by whom (empty: the system) and when. Append-only; written
    by the services in the same transaction as the change itself."""

    NIET_WIJZIGBAAR = "De historie van een signaal kan niet worden gewijzigd."

    class Soort(models.TextChoices):
        AANGEMAAKT = "aangemaakt", _("created")
        BIJGEWERKT = "bijgewerkt", _("updated")
        GESLOTEN = "gesloten", _("closed, situation ended")
        HEROPEND = "heropend", _("reopened")
        GEZIEN = "gezien", _("seen")
        AFGEWEZEN = "afgewezen", _("dismissed")
        MELDING_GEMAAKT = "melding_gemaakt", _("turned into a report")
        CASUS_GEMAAKT = "casus_gemaakt", _("turned into a case")
        GEKOPPELD = "gekoppeld", _("attached to the pupil's open case")

    signaal = models.ForeignKey(
        Signaal, on_delete=models.CASCADE, related_name="gebeurtenissen", verbose_name=_("signal")
    )
    soort = models.CharField(_("event"), max_length=20, choices=Soort.choices)

    class Meta:
        verbose_name = _("signal event")
        verbose_name_plural = _("signal events")
        ordering = ["signaal", "wanneer", "pk"]


class Melding(AangemaaktDoor):
    """A formal report about one pupil (docs/domein.md, "Melding"): the school's verzuimmelding
    (LPW art. 21a; the data of Besluit register onderwijsdeelnemers art. 14, items b–k by the
    school, l–p by the municipality) or the report of a (threatening) thuiszitter, which goes
    to Leerplicht and the samenwerkingsverband at once (Utrecht approach).

    A melding is a draft (concept) until it is sent (verzonden_op); Leerplicht and the SWV see
    only sent meldingen. `status` is art. 14 m, set by the municipality."""

    class Soort(models.TextChoices):
        VERZUIMMELDING = "verzuimmelding", _("Absence report (art. 21a LPW)")
        DREIGEND_THUISZITTER = "dreigend_thuiszitter", _("Threatening stay-at-home pupil")
        THUISZITTER = "thuiszitter", _("Stay-at-home pupil")

    class VermoedelijkeSoort(models.TextChoices):
        # art. 14 d; the value list of the Besluit Verzuimmelding (2009)
        LUXE = "luxe", _("luxury absence")
        BEGINNEND = "beginnend", _("beginning absence")
        SIGNAAL = "signaal", _("signal absence")
        ZESTIEN_UUR = (
            "zestien_uur",
            _("unauthorised absence of 16 hours in total in 4 consecutive school weeks"),
        )
        EEN_MAAND = "een_maand", _("unauthorised absence of 1 month or longer")

    class Prioriteit(models.TextChoices):
        HOOG = "hoog", _("high")
        NORMAAL = "normaal", _("normal")
        LAAG = "laag", _("low")

    class Status(models.TextChoices):
        # art. 14 m, set by the municipality
        IN_BEHANDELING = "in_behandeling", _("being handled")
        AFGESLOTEN = "afgesloten", _("closed")
        TER_KENNISNEMING = "ter_kennisneming_aangenomen", _("accepted for information")

    class RedenAfsluiting(models.TextChoices):
        # art. 14 n
        TERUG_NAAR_SCHOOL = "terug_naar_school", _("back to school, education resumed")
        ANDERE_OPLEIDING = "andere_opleiding", _("enrolment ended, other education")
        WERK = "werk", _("enrolment ended, work")
        OVERIGE_REDENEN = "overige_redenen", _("enrolment ended, other reasons")
        OVERLEDEN = "overleden", _("enrolment ended, pupil deceased")
        LANGDURIG_ZIEK = "langdurig_ziek", _("no absence, long-term sick")
        LEGITIEM_AFWEZIG = "legitiem_afwezig", _("no absence, legitimately absent")

    class ToelichtingAfsluiting(models.TextChoices):
        # art. 14 o, the value list of the Besluit Verzuimmelding
        GEZIEN = "gezien", _("the pupil has been seen by the municipality")
        ACTIE = "actie", _("the municipality is taking action towards the pupil")
        GEEN_ACTIE = "geen_actie", _("no further action towards the pupil")

    soort = models.CharField(_("kind"), max_length=24, choices=Soort.choices)
    leerling = models.ForeignKey(
        "registratie.Leerling",
        on_delete=models.CASCADE,
        related_name="meldingen",
        verbose_name=_("pupil"),
    )
    school = models.ForeignKey(
        "registratie.School",
        on_delete=models.PROTECT,
        related_name="meldingen",
        verbose_name=_("school"),
    )
    signaal = models.ForeignKey(
        Signaal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meldingen",
        verbose_name=_("signal"),
        help_text=_("The signal this report was made from."),
    )
    gemeente = models.ForeignKey(
        "toegang.Gemeente",
        on_delete=models.PROTECT,
        related_name="meldingen",
        verbose_name=_("municipality addressed"),
        help_text=_("The pupil's home municipality when the report was made."),
    )
    samenwerkingsverband = models.ForeignKey(
        "toegang.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meldingen",
        limit_choices_to={"soort": "samenwerkingsverband"},
        verbose_name=_("school partnership"),
    )
    omschrijving = models.TextField(
        _("description"),
        blank=True,
        help_text=_("For a stay-at-home report: the situation, since when, what was tried."),
    )

    # art. 14 b–k: delivered by the school
    begindatum = models.DateField(_("start date of the absence"), null=True, blank=True)
    einddatum = models.DateField(_("end date of the absence"), null=True, blank=True)
    vermoedelijke_soort = models.CharField(
        _("presumed kind of absence"),
        max_length=12,
        choices=VermoedelijkeSoort.choices,
        blank=True,
    )
    vermoedelijke_reden = models.CharField(
        _("presumed reason for the absence"), max_length=200, blank=True
    )
    alle_lessen_gemist = models.BooleanField(_("all lessons missed"), default=False)
    ondernomen_actie = models.TextField(_("action taken by the school"), blank=True)
    actie_gemeente_gewenst = models.BooleanField(
        _("action by the municipality wanted"), default=True
    )
    prioriteit = models.CharField(
        _("priority"), max_length=7, choices=Prioriteit.choices, blank=True
    )
    toelichting_geen_actie = models.TextField(_("explanation when no action is wanted"), blank=True)
    leslocatie = models.CharField(_("name of the teaching location"), max_length=200, blank=True)
    contactpersoon_naam = models.CharField(_("school contact: name"), max_length=200, blank=True)
    contactpersoon_functie = models.CharField(
        _("school contact: position"), max_length=200, blank=True
    )
    contactpersoon_telefoon = models.CharField(
        _("school contact: phone"), max_length=20, blank=True
    )
    contactpersoon_email = models.EmailField(_("school contact: email"), blank=True)
    telefoon_leerling_ouder = models.CharField(
        _("phone numbers of pupil or parent"), max_length=200, blank=True
    )

    # art. 14 l–p: delivered by the municipality (the school's data pre-fills l)
    verzuimspecificatie = models.JSONField(
        _("specification of absence days and hours"),
        default=list,
        blank=True,
        help_text=_("A list of {datum, minuten}: the unauthorised minutes per day."),
    )
    status = models.CharField(_("status"), max_length=28, choices=Status.choices, blank=True)
    reden_afsluiting = models.CharField(
        _("reason for closing"), max_length=20, choices=RedenAfsluiting.choices, blank=True
    )
    toelichting_afsluiting = models.CharField(
        _("explanation of closing"),
        max_length=12,
        choices=ToelichtingAfsluiting.choices,
        blank=True,
    )
    opmerking_afsluiting = models.TextField(_("remark on closing"), blank=True)
    gemeente_contactpersoon_naam = models.CharField(
        _("municipal contact: name"), max_length=200, blank=True
    )
    gemeente_contactpersoon_functie = models.CharField(
        _("municipal contact: position"), max_length=200, blank=True
    )
    gemeente_contactpersoon_telefoon = models.CharField(
        _("municipal contact: phone"), max_length=20, blank=True
    )
    gemeente_contactpersoon_email = models.EmailField(_("municipal contact: email"), blank=True)

    # who did what, when (and aangemaakt_door, aangemaakt_op of AangemaaktDoor)
    verzonden_door = door_medewerker(_("sent by"), leeg=True)
    verzonden_op = models.DateTimeField(_("sent at"), null=True, blank=True)
    behandelaar = door_medewerker(_("handled at Leerplicht by"), leeg=True)
    swv_behandelaar = door_medewerker(_("handled at the partnership by"), leeg=True)
    swv_opmerking = models.TextField(_("remark of the partnership"), blank=True)
    afgesloten_op = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The school's own report to DUO (Verzuimregister), which Binnenboord does not send: the
    # school confirms it made it from its administration system or Mijn DUO, and on which day
    # (docs/signalering.md, "DUO: wat Binnenboord wel en niet doet").
    duo_gemeld_op = models.DateField(_("reported to DUO on"), null=True, blank=True)
    duo_gemeld_door = door_medewerker(_("report to DUO confirmed by"), leeg=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verzonden_op__isnull=True, verzonden_door__isnull=True)
                | Q(verzonden_op__isnull=False, verzonden_door__isnull=False),
                name="melding_verzonden_met_wie",
            ),
            models.CheckConstraint(
                condition=Q(status="") | Q(verzonden_op__isnull=False),
                name="melding_status_na_verzenden",
                violation_error_message=_("Only a report that has been sent can be handled."),
            ),
            models.CheckConstraint(
                condition=Q(status="afgesloten", reden_afsluiting__gt="")
                | (~Q(status="afgesloten") & Q(reden_afsluiting="", toelichting_afsluiting="")),
                name="melding_afgesloten_met_reden",
                violation_error_message=_(
                    "A closed report needs a reason for closing; an open one has none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(afgesloten_op__isnull=True) | Q(status="afgesloten"),
                name="melding_afgesloten_op_alleen_afgesloten",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True)
                | Q(begindatum__isnull=True)
                | Q(begindatum__lte=F("einddatum")),
                name="melding_begin_voor_eind",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(soort="verzuimmelding")
                | Q(begindatum__isnull=False, vermoedelijke_soort__gt=""),
                name="melding_verzuim_begin_en_soort",
                violation_error_message=_(
                    "An absence report needs a start date and a presumed kind of absence."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(soort="verzuimmelding")
                | Q(actie_gemeente_gewenst=True, prioriteit__gt="")
                | Q(actie_gemeente_gewenst=False, toelichting_geen_actie__gt=""),
                name="melding_actie_met_prioriteit_of_toelichting",
                violation_error_message=_(
                    "Give a priority when action is wanted, or explain why no action is wanted."
                ),
            ),
            models.CheckConstraint(
                condition=Q(soort="verzuimmelding")
                | Q(verzonden_op__isnull=True)
                | Q(samenwerkingsverband__isnull=False, omschrijving__gt=""),
                name="melding_thuiszitter_aan_swv_met_omschrijving",
                violation_error_message=_(
                    "A stay-at-home report is sent with a description to a school partnership."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(soort="verzuimmelding")
                | Q(swv_behandelaar__isnull=True, swv_opmerking=""),
                name="melding_swv_alleen_thuiszitter",
            ),
            models.CheckConstraint(
                condition=Q(duo_gemeld_op__isnull=True, duo_gemeld_door__isnull=True)
                | Q(
                    soort="verzuimmelding",
                    duo_gemeld_op__isnull=False,
                    duo_gemeld_door__isnull=False,
                ),
                name="melding_duo_gemeld_met_wie",
                violation_error_message=_(
                    "Only an absence report is reported to DUO, with the day and who confirmed it."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["school", "-aangemaakt_op"], name="melding_school_aangemaakt"),
            models.Index(fields=["status", "soort"], name="melding_status_soort"),
            models.Index(
                fields=["samenwerkingsverband", "-verzonden_op"], name="melding_swv_verzonden"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.leerling}"

    @property
    def is_concept(self) -> bool:
        return self.verzonden_op is None

    @property
    def is_verzuimmelding(self) -> bool:
        return self.soort == self.Soort.VERZUIMMELDING

    @property
    def is_open(self) -> bool:
        """Sent or draft, and not closed or accepted for information by the municipality."""
        return self.status in ("", self.Status.IN_BEHANDELING)

    @property
    def stand(self) -> str:
        """The status as a person reads it: draft, sent (not yet taken up), or art. 14 m."""
        if self.is_concept:
            return str(_("draft"))
        if not self.status:
            return str(_("sent"))
        return str(self.get_status_display())


class MeldingGebeurtenis(Gebeurtenis):
    """What happened to a melding, by whom and when. Append-only; written by the services in
    the same transaction as the change itself."""

    NIET_WIJZIGBAAR = "De historie van een melding kan niet worden gewijzigd."

    class Soort(models.TextChoices):
        AANGEMAAKT = "aangemaakt", _("created")
        GEWIJZIGD = "gewijzigd", _("changed")
        VERZONDEN = "verzonden", _("sent")
        BEHANDELD = "behandeld", _("handled by Leerplicht")
        SWV_BEHANDELD = "swv_behandeld", _("handled by the partnership")
        DUO_GEMELD = "duo_gemeld", _("reported to DUO by the school")

    melding = models.ForeignKey(
        Melding, on_delete=models.CASCADE, related_name="gebeurtenissen", verbose_name=_("report")
    )
    soort = models.CharField(_("event"), max_length=20, choices=Soort.choices)
    wie = door_medewerker(_("by"))  # never empty for a melding

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        ordering = ["melding", "wanneer", "pk"]
