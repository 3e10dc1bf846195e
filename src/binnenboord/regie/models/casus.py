# SPDX-License-Identifier: EUPL-1.2
"""The case of one pupil (docs/domein.md, "Casus", "Regie: de twee escalatiemodellen"): one
regisseur at any time, its transfers and its participants (parents and pupil as partners),
closed with a passend aanbod. Its plan and actions are in models.plan, its contact moments in
models.contact. Everything that happens to a case is an append-only CasusGebeurtenis, written
by the services in the same transaction (regie.geschiedenis); it feeds the case's timeline and
the facts kern.aanpak evaluates."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import (
    Gebeurtenis,
    GebeurtenisQuerySet,
    aangemaakt_moment,
    door_medewerker,
)


class Casus(models.Model):
    """One pupil's case. `aanpak` is the code of the escalation model (kern.aanpak.AANPAKKEN)
    chosen from configuration when the case opened; it stays unless a person moves it."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        GESLOTEN = "gesloten", _("closed")

    class PassendAanbod(models.TextChoices):
        EIGEN_SCHOOL = "eigen_school", _("back to the own school")
        ANDERE_SCHOOL = "andere_school", _("another school")
        ZORGARRANGEMENT = "zorgarrangement", _("care arrangement")
        COMBINATIE = "combinatie", _("combination of education and care")
        VRIJSTELLING = "vrijstelling", _("exemption")
        VERHUISD = "verhuisd", _("moved away")
        OVERIG = "overig", _("other")

    leerling = models.ForeignKey(
        "registratie.Leerling",
        on_delete=models.PROTECT,
        related_name="casussen",
        verbose_name=_("pupil"),
    )
    gemeente = models.ForeignKey(
        "toegang.Gemeente",
        on_delete=models.PROTECT,
        related_name="casussen",
        verbose_name=_("municipality"),
        help_text=_(
            "The municipality the case belongs to: the pupil's home municipality when it "
            "opened. A move does not change it; the receiving municipality gets a case of its "
            "own only through a recorded handover (Casusoverdracht)."
        ),
    )
    aanpak = models.CharField(
        _("escalation model"),
        max_length=40,
        help_text=_("The model the case runs under, chosen per area when it opened."),
    )
    start = models.DateField(
        _("start"), help_text=_("The first day of the stay-at-home period, or of the report.")
    )
    signaal = models.ForeignKey(
        "signalering.Signaal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="casussen",
        verbose_name=_("signal"),
    )
    melding = models.ForeignKey(
        "signalering.Melding",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="casussen",
        verbose_name=_("report"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="regie_casussen",
        verbose_name=_("case director"),
    )
    geopend_door = door_medewerker(_("opened by"))
    geopend_op = aangemaakt_moment(_("opened at"))
    passend_aanbod = models.CharField(
        _("fitting offer"), max_length=16, choices=PassendAanbod.choices, blank=True
    )
    passend_aanbod_op = models.DateField(_("fitting offer from"), null=True, blank=True)
    opmerking_afsluiting = models.TextField(_("remark on closing"), blank=True)
    gekoppelde_signalen = models.ManyToManyField(
        "signalering.Signaal",
        blank=True,
        related_name="gekoppelde_casussen",
        verbose_name=_("attached signals"),
        help_text=_(
            "Signals of the pupil's situation handled within this case: attached by a person, "
            "or closed when the case opened."
        ),
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling"],
                condition=Q(status="open"),
                name="casus_een_open_per_leerling",
                violation_error_message=_("This pupil already has an open case."),
            ),
            models.CheckConstraint(
                condition=Q(
                    status="gesloten", passend_aanbod__gt="", passend_aanbod_op__isnull=False
                )
                | Q(status="open", passend_aanbod="", passend_aanbod_op__isnull=True),
                name="casus_gesloten_met_passend_aanbod",
            ),
            models.CheckConstraint(
                condition=Q(passend_aanbod_op__isnull=True) | Q(passend_aanbod_op__gte=F("start")),
                name="casus_passend_aanbod_na_start",
            ),
        ]
        indexes = [models.Index(fields=["regisseur", "status"], name="casus_regisseur_status")]

    def __str__(self) -> str:
        return f"{self.leerling} ({self.start:%d-%m-%Y})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.gemeente_id is None and self.leerling_id is not None:
            # a new case belongs to the pupil's home municipality of today
            self.gemeente_id = self.leerling.woongemeente_id
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def doorlooptijd(self) -> int | None:
        """Days from the start to the passend aanbod (docs/domein.md, "doorlooptijd"); None while
        open."""
        if self.passend_aanbod_op is None:
            return None
        return (self.passend_aanbod_op - self.start).days


class RegieOverdracht(models.Model):
    """An explicit transfer of regie: from whom to whom, on which day, why, by whom."""

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="overdrachten", verbose_name=_("case")
    )
    datum = models.DateField(_("date"))
    van = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    naar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    reden = models.TextField(_("reason"))
    door = door_medewerker(_("by"))
    geregistreerd_op = aangemaakt_moment(_("registered at"))

    class Meta:
        verbose_name = _("transfer of case direction")
        verbose_name_plural = _("transfers of case direction")
        ordering = ["casus", "geregistreerd_op", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(van=F("naar")), name="overdracht_aan_een_ander"),
            models.CheckConstraint(condition=~Q(reden=""), name="overdracht_met_reden"),
        ]

    def __str__(self) -> str:
        return f"{self.van} → {self.naar} ({self.datum:%d-%m-%Y})"


class Deelnemer(models.Model):
    """Who takes part in a case: a professional with an account, an external person, or the
    parents and the pupil as partners, with their view. One participant may be the
    casusverantwoordelijke zorg (Amsterdam)."""

    class Soort(models.TextChoices):
        PROFESSIONAL = "professional", _("professional with an account")
        EXTERN = "extern", _("external person")
        OUDER = "ouder", _("parent")
        LEERLING = "leerling", _("pupil")

    class Grond(models.TextChoices):
        """Why a professional takes part, which says how long: added by a person (until the
        participation is ended), assigned an action or a meeting's decision (while the case is
        open), a member of the body the case is escalated to (while the body holds it)."""

        TOEGEVOEGD = "toegevoegd", _("added to the case")
        ACTIE = "actie", _("assigned an action")
        ESCALATIE = "escalatie", _("member of the body the case is escalated to")

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="deelnemers", verbose_name=_("case")
    )
    soort = models.CharField(_("kind"), max_length=12, choices=Soort.choices)
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deelnames",
        verbose_name=_("staff member"),
    )
    ouder = models.ForeignKey(
        "registratie.Ouder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parent"),
    )
    naam = models.CharField(_("name"), max_length=200, blank=True)
    organisatie = models.CharField(_("organisation"), max_length=200, blank=True)
    rol = models.CharField(
        _("role in the case"),
        max_length=200,
        blank=True,
        help_text=_("E.g. parent-child adviser, family manager, care provider."),
    )
    casusverantwoordelijke_zorg = models.BooleanField(
        _("responsible for care in this case"), default=False
    )
    visie = models.TextField(_("view"), blank=True)
    grond = models.CharField(
        _("grounds"), max_length=12, choices=Grond.choices, default=Grond.TOEGEVOEGD
    )
    beeindigd_op = models.DateTimeField(
        _("ended at"),
        null=True,
        blank=True,
        help_text=_("From this moment the participant no longer sees the case."),
    )
    toegevoegd_door = door_medewerker(_("added by"))
    toegevoegd_op = aangemaakt_moment(_("added at"))

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["casus", "toegevoegd_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus", "medewerker"],
                condition=Q(medewerker__isnull=False),
                name="deelnemer_medewerker_eenmaal",
            ),
            models.UniqueConstraint(
                fields=["casus"],
                condition=Q(casusverantwoordelijke_zorg=True),
                name="deelnemer_een_casusverantwoordelijke_zorg",
            ),
            models.CheckConstraint(
                condition=Q(soort="professional", medewerker__isnull=False)
                | (~Q(soort="professional") & Q(medewerker__isnull=True)),
                name="deelnemer_professional_met_account",
            ),
            models.CheckConstraint(
                condition=Q(soort__in=["professional", "leerling"])
                | ~Q(naam="")
                | Q(ouder__isnull=False),
                name="deelnemer_extern_met_naam",
            ),
        ]

    def __str__(self) -> str:
        if self.medewerker is not None:
            return str(self.medewerker)
        if self.naam:
            return self.naam
        if self.ouder is not None:
            return f"{self.ouder.voornamen} {self.ouder.achternaam}"
        return str(self.get_soort_display())


class CasusGebeurtenisQuerySet(GebeurtenisQuerySet):
    """The append-only queryset of the shared base, declared in this app so that the type
    checker's Django plugin can resolve the manager (it cannot across apps)."""


class CasusGebeurtenis(Gebeurtenis):
    """What happened to a case, by whom (empty: the system) and when. Append-only; written by
    the services in the same transaction as the change. A row with `stap` records that a step
    of the escalation model was done on `datum` (and `tijdstip` for hour-based deadlines):
    those rows are the facts kern.aanpak.beoordeel evaluates.

    The writers in regie.geschiedenis store what happened as values in `gegevens` and what a
    person typed (a reason, a note) in `toelichting`; `tekst` is the sentence, made when it
    is read."""

    NIET_WIJZIGBAAR = "De historie van een casus kan niet worden gewijzigd."

    class Soort(models.TextChoices):
        GEOPEND = "geopend", _("case opened")
        REGIE_OVERGEDRAGEN = "regie_overgedragen", _("case direction transferred")
        DEELNEMER_TOEGEVOEGD = "deelnemer_toegevoegd", _("participant added")
        PLAN_OPGESLAGEN = "plan_opgeslagen", _("plan version saved")
        ACTIE_TOEGEVOEGD = "actie_toegevoegd", _("action added")
        ACTIE_AFGEROND = "actie_afgerond", _("action completed")
        CONTACTMOMENT = "contactmoment", _("contact moment")
        STAP_GEDAAN = "stap_gedaan", _("step done")
        AANPAK_GEWIJZIGD = "aanpak_gewijzigd", _("escalation model changed")
        GESLOTEN = "gesloten", _("case closed")
        HEROPEND = "heropend", _("case reopened")
        # recorded by the daily deadline job the first time it finds the case in a new phase
        FASE_INGEGAAN = "fase_ingegaan", _("phase entered")
        OVERLEG = "overleg", _("discussed in a meeting")
        # the pupil moved: the handover to the receiving municipality (Casusoverdracht)
        GEMEENTEOVERDRACHT = "gemeenteoverdracht", _("handover after a move")
        DEELNAME_BEEINDIGD = "deelname_beeindigd", _("participation ended")
        ESCALATIE = "escalatie", _("escalated to a body")
        ESCALATIE_BEEINDIGD = "escalatie_beeindigd", _("escalation ended")
        SIGNAAL_GEKOPPELD = "signaal_gekoppeld", _("signal attached")
        AGENDA = "agenda", _("on a published agenda")
        MAZL = "mazl", _("MAZL referral")
        # relatie: the parents and the pupil in the portal (docs/relatie.md)
        PORTAAL_UITGENODIGD = "portaal_uitgenodigd", _("invited to the portal")
        PORTAAL_AANVAARD = "portaal_aanvaard", _("portal invitation accepted")
        PORTAAL_BEEINDIGD = "portaal_beeindigd", _("portal access ended")
        PORTAAL_ONTZEGD = "portaal_ontzegd", _("portal access withheld")
        TOESTEMMING = "toestemming", _("pupil's consent changed")
        VERHAAL = "verhaal", _("own story written")
        PLANREACTIE = "planreactie", _("reaction to the plan")
        OVERLEGUITNODIGING = "overleguitnodiging", _("invited to a meeting")
        OVERLEGANTWOORD = "overlegantwoord", _("reply to a meeting invitation")
        CORRECTIEVERZOEK = "correctieverzoek", _("correction requested")

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="gebeurtenissen", verbose_name=_("case")
    )
    soort = models.CharField(_("event"), max_length=24, choices=Soort.choices)
    stap = models.CharField(
        _("model step"),
        max_length=40,
        blank=True,
        help_text=_("The code of the escalation model's step this event completes."),
    )
    datum = models.DateField(_("date it happened"), null=True, blank=True)
    tijdstip = models.DateTimeField(_("moment it happened"), null=True, blank=True)
    gegevens = models.JSONField(
        _("facts"),
        default=dict,
        blank=True,
        help_text=_(
            "What happened, as values (names, codes, dates); the sentence is made from them "
            "when the history is read, in the reader's language. Empty for rows written "
            "before: their sentence is in the explanation."
        ),
    )

    # the base declares `objects` as well; this is the same append-only manager
    objects = CasusGebeurtenisQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["casus", "wanneer", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stap="") | Q(datum__isnull=False),
                name="casusgebeurtenis_stap_met_datum",
            )
        ]
        indexes = [
            models.Index(
                fields=["casus", "stap"], condition=~Q(stap=""), name="casusgebeurtenis_stappen"
            )
        ]

    @property
    def tekst(self) -> str:
        """The event as a sentence in the active language (regie.geschiedenis.tekst_van)."""
        from binnenboord.regie.geschiedenis import tekst_van

        return tekst_van(self)
