# SPDX-License-Identifier: EUPL-1.2
"""The case of one pupil (docs/domein.md, "Casus", "Regie: de twee escalatiemodellen"): one
regisseur at any time, its participants (parents and pupil as partners), the plan in versions
with its actions, contact moments and the model steps done, closed with a passend aanbod.
Everything that happens to a case is an append-only CasusGebeurtenis, written by the services
in the same transaction; it feeds the case's timeline and the facts kern.aanpak evaluates."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from binnenboord.signalering.models import Gebeurtenis, GebeurtenisQuerySet


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
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    geopend_op = models.DateTimeField(_("opened at"), auto_now_add=True)
    passend_aanbod = models.CharField(
        _("fitting offer"), max_length=16, choices=PassendAanbod.choices, blank=True
    )
    passend_aanbod_op = models.DateField(_("fitting offer from"), null=True, blank=True)
    opmerking_afsluiting = models.TextField(_("remark on closing"), blank=True)

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
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    geregistreerd_op = models.DateTimeField(_("registered at"), auto_now_add=True)

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
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    toegevoegd_op = models.DateTimeField(_("added at"), auto_now_add=True)

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
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    gemaakt_op = models.DateTimeField(_("made at"), auto_now_add=True)

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


class Actie(models.Model):
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
    wat = models.TextField(_("what"))
    uiterlijk = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    gedaan_op = models.DateField(_("done on"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)

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
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    geregistreerd_op = models.DateTimeField(_("registered at"), auto_now_add=True)

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


class MedischeInhoud(models.Model):
    """The medical part of what a youth doctor wrote in a case: the notes of a contact moment
    or the medical content behind a MAZL advice (diagnosis, medication, ...). It has a model of
    its own so that nothing that shows a contact or an advice can show it by accident: only
    youth doctors of the writer's organisation read it (regie.view_medisch), and every read is
    in the access log (bron "regie:medisch"). Never in the timeline, a PDF, the API or an
    overdracht."""

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="medische_inhoud", verbose_name=_("case")
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
    tekst = models.TextField(_("medical content"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    organisatie = models.ForeignKey(
        "toegang.Organisatie",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The youth health care organisation of the writer: its youth doctors read it."),
    )
    vastgelegd_op = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("medical content")
        verbose_name_plural = _("medical content")
        ordering = ["casus", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contactmoment__isnull=False, mazladvies__isnull=True)
                | Q(contactmoment__isnull=True, mazladvies__isnull=False),
                name="medische_inhoud_bij_een_ding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class Casusoverdracht(models.Model):
    """The handover of an open case to the Leerplicht of the municipality a pupil moved to
    (issue 13: a move is a reported move, and the open case is handed over explicitly). When
    the move is confirmed (registratie.signals.leerling_verhuisd) the case gets a concept; the
    sending side (the regisseur or Leerplicht of the case's municipality) chooses what goes
    along and sends it, which closes the case with the outcome "verhuisd". The receiving
    Leerplicht sees only what was sent (`inhoud`, a copy made at sending; never medical
    content) and accepts it, which opens a case of its own, or refuses it with a reason."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("awaiting handover")
        VERZONDEN = "verzonden", _("sent")
        AANVAARD = "aanvaard", _("accepted")
        GEWEIGERD = "geweigerd", _("refused")
        VERVALLEN = "vervallen", _("lapsed")

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="gemeenteoverdrachten", verbose_name=_("case")
    )
    van_gemeente = models.ForeignKey(
        "toegang.Gemeente",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("from municipality"),
    )
    naar_gemeente = models.ForeignKey(
        "toegang.Gemeente",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to municipality"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONCEPT
    )
    # what the sending side chose to hand over, copied when it was sent
    inhoud = models.JSONField(_("handed over"), default=dict, blank=True)
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    verzonden_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    verzonden_op = models.DateTimeField(_("sent at"), null=True, blank=True)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    behandeld_op = models.DateTimeField(_("handled at"), null=True, blank=True)
    reden_weigering = models.TextField(_("reason for refusal"), blank=True)
    nieuwe_casus = models.OneToOneField(
        Casus,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ontvangen_overdracht",
        verbose_name=_("new case"),
    )

    class Meta:
        verbose_name = _("case handover")
        verbose_name_plural = _("case handovers")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus"],
                condition=Q(status="concept"),
                name="casusoverdracht_een_concept_per_casus",
            ),
            models.CheckConstraint(
                condition=~Q(van_gemeente=F("naar_gemeente")),
                name="casusoverdracht_naar_een_andere_gemeente",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.casus} → {self.naar_gemeente}"

    @property
    def onderdelen(self) -> list[str]:
        """The names of the parts that were handed over (for the texts)."""
        return [k for k in ("plan", "acties", "contactmomenten", "besluiten") if k in self.inhoud]


class CasusGebeurtenisQuerySet(GebeurtenisQuerySet):
    """The append-only queryset of the shared base, declared in this app so that the type
    checker's Django plugin can resolve the manager (it cannot across apps)."""


class CasusGebeurtenis(Gebeurtenis):
    """What happened to a case, by whom (empty: the system) and when. Append-only; written by
    the services in the same transaction as the change. A row with `stap` records that a step
    of the escalation model was done on `datum` (and `tijdstip` for hour-based deadlines):
    those rows are the facts kern.aanpak.beoordeel evaluates."""

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


from . import models_justitie  # noqa: E402, F401  (justice chain, letters, advice, OPP)
from .models_overleg import Agendapunt, Overleg, Overlegreeks, Spreekuur, Verwijzing  # noqa: E402, F401
from .models_termijnen import Termijnsignaal  # noqa: E402, F401  (the deadline job's records)
