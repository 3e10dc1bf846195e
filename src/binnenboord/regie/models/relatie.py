# SPDX-License-Identifier: EUPL-1.2
"""Relatie: the parents and the pupil as partners in their own case (docs/relatie.md).

- Portaaltoegang: one person's access to one case in the portal, as a parent (`ouder` set)
  or as the pupil (`ouder` empty). It starts as an invitation with a one-time code, by letter
  or e-mail; the regisseur can end or withhold it with a reason. Whether it gives access
  today is decided at every request by regie.relatie.toegang_geldig (gezag, the age rules,
  the pupil's consent), never stored.
- Verhaal ("Mijn verhaal"): what is going on, what they want, what they need, in their own
  words; a new row for each version. Typed by a professional it says so (`door`).
- Planreactie: "eens" / "niet eens, want ..." on one plan version.
- Overleguitnodiging: an invitation to a meeting (the UVO and others) with their reply.
- Bericht: the message thread between one person and the regisseur.
- Correctieverzoek: a request to correct what is registered; a task for the regisseur.
- Terugkoppeling: the short questionnaire "werkt dit?" after the UVO and at closing.

Who wrote a row is either the person in the portal (`toegang`) or a staff member (`door`);
never both and never neither, so the case page can always say whose words they are."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import aangemaakt_moment, door_medewerker

from .casus import Casus
from .overleg import Overleg
from .plan import PlanVanAanpak


class Portaaltoegang(models.Model):
    class Via(models.TextChoices):
        BRIEF = "brief", _("letter with a one-time code")
        EMAIL = "email", _("e-mail with a one-time code")

    class Status(models.TextChoices):
        UITGENODIGD = "uitgenodigd", _("invited")
        ACTIEF = "actief", _("active")
        BEEINDIGD = "beeindigd", _("ended")
        ONTZEGD = "ontzegd", _("withheld")

    # the statuses that hold the one place a person has in a case
    LOPEND = (Status.UITGENODIGD, Status.ACTIEF, Status.ONTZEGD)

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="portaaltoegangen", verbose_name=_("case")
    )
    ouder = models.ForeignKey(
        "registratie.Ouder",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="portaaltoegangen",
        verbose_name=_("parent"),
        help_text=_("Empty: the access is the pupil's own."),
    )
    gebruiker = models.ForeignKey(
        "toegang.Portaalgebruiker",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toegangen",
        verbose_name=_("portal user"),
        help_text=_("Set when the invitation is accepted."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UITGENODIGD
    )
    via = models.CharField(_("invited by"), max_length=6, choices=Via.choices, blank=True)
    email = models.EmailField(_("email"), blank=True)
    # the one-time code is never stored readable: only its hash (Django's password hashers)
    code_hash = models.CharField(_("code (hash)"), max_length=128, blank=True, editable=False)
    code_zoeksleutel = models.CharField(
        _("code look-up key"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("A keyed hash of the code, to find the invitation without reading the code."),
    )
    code_geldig_tot = models.DateTimeField(_("code valid until"), null=True, blank=True)
    uitgenodigd_door = door_medewerker(_("invited by"), leeg=True)
    uitgenodigd_op = models.DateTimeField(_("invited at"), null=True, blank=True)
    aanvaard_op = models.DateTimeField(_("accepted at"), null=True, blank=True)
    beeindigd_door = door_medewerker(_("ended or withheld by"), leeg=True)
    beeindigd_op = models.DateTimeField(_("ended or withheld at"), null=True, blank=True)
    reden = models.TextField(
        _("reason"), blank=True, help_text=_("Why the access was ended or withheld.")
    )
    toestemming_leerling_op = models.DateTimeField(
        _("pupil's consent since"),
        null=True,
        blank=True,
        help_text=_(
            "From the age set in PORTAAL_LEEFTIJD_TOESTEMMING a parent sees the case only with "
            "the pupil's consent, which the pupil gives or withdraws in the portal."
        ),
    )
    aangemaakt_op = aangemaakt_moment(_("created at"))

    class Meta:
        verbose_name = _("portal access")
        verbose_name_plural = _("portal accesses")
        ordering = ["casus", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus", "ouder"],
                condition=Q(ouder__isnull=False, status__in=["uitgenodigd", "actief", "ontzegd"]),
                name="portaaltoegang_een_per_ouder",
            ),
            models.UniqueConstraint(
                fields=["casus"],
                condition=Q(ouder__isnull=True, status__in=["uitgenodigd", "actief", "ontzegd"]),
                name="portaaltoegang_een_voor_leerling",
            ),
            models.CheckConstraint(
                condition=~Q(status="actief")
                | Q(gebruiker__isnull=False, aanvaard_op__isnull=False),
                name="portaaltoegang_actief_met_gebruiker",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["beeindigd", "ontzegd"])
                | (Q(beeindigd_op__isnull=False) & ~Q(reden="")),
                name="portaaltoegang_einde_met_reden",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.persoon} ({self.get_status_display()})"

    @property
    def is_leerling(self) -> bool:
        return self.ouder_id is None

    @property
    def persoon(self) -> str:
        """The person's name: the parent's, or the pupil's."""
        if self.ouder is not None:
            return str(self.ouder)
        return self.casus.leerling.naam


class _DoorPortaalOfMedewerker(models.Model):
    """Written by the person in the portal (`toegang`) or, on their behalf and saying so, by
    a staff member (`door`, with `namens_ouder` or the pupil)."""

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="%(class)s_set", verbose_name=_("case")
    )
    toegang = models.ForeignKey(
        Portaaltoegang,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written in the portal by"),
    )
    door = door_medewerker(_("noted by staff member"), leeg=True)
    namens_ouder = models.ForeignKey(
        "registratie.Ouder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of parent"),
        help_text=_(
            "Noted by a staff member for this parent; empty with a staff member: the pupil."
        ),
    )
    geschreven_op = aangemaakt_moment(_("written at"))

    class Meta:
        abstract = True


def _een_schrijver(naam: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(toegang__isnull=False, door__isnull=True, namens_ouder__isnull=True)
        | Q(toegang__isnull=True, door__isnull=False),
        name=naam,
    )


class Verhaal(_DoorPortaalOfMedewerker):
    """ "Mijn verhaal": one version of a parent's or the pupil's own view."""

    wat_speelt = models.TextField(_("what is going on"), blank=True)
    wat_wil_ik = models.TextField(_("what I want"), blank=True)
    wat_heb_ik_nodig = models.TextField(_("what I need"), blank=True)

    class Meta:
        verbose_name = _("own story")
        verbose_name_plural = _("own stories")
        ordering = ["casus", "-geschreven_op", "-pk"]
        constraints = [
            _een_schrijver("verhaal_een_schrijver"),
            models.CheckConstraint(
                condition=~Q(wat_speelt="", wat_wil_ik="", wat_heb_ik_nodig=""),
                name="verhaal_niet_leeg",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.geschreven_op:%d-%m-%Y}"


class Planreactie(_DoorPortaalOfMedewerker):
    """Agreement with one plan version: "eens", or "niet eens, want ..." (the reason is
    required). A later reaction of the same person replaces it on the page; all stay."""

    plan = models.ForeignKey(
        PlanVanAanpak,
        on_delete=models.CASCADE,
        related_name="reacties",
        verbose_name=_("plan version"),
    )
    eens = models.BooleanField(_("agrees"))
    toelichting = models.TextField(_("because"), blank=True)

    class Meta:
        verbose_name = _("reaction to the plan")
        verbose_name_plural = _("reactions to the plan")
        ordering = ["plan", "-geschreven_op", "-pk"]
        constraints = [
            _een_schrijver("planreactie_een_schrijver"),
            models.CheckConstraint(
                condition=Q(eens=True) | ~Q(toelichting=""), name="planreactie_oneens_met_reden"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {'eens' if self.eens else 'niet eens'}"


class Overleguitnodiging(models.Model):
    """A parent or the pupil invited to a meeting about their case, with their reply."""

    class Antwoord(models.TextChoices):
        KOMT = "komt", _("I will come")
        KAN_NIET = "kan_niet", _("I cannot come")
        MEEGEVEN = "meegeven", _("I want to pass this on")

    overleg = models.ForeignKey(
        Overleg,
        on_delete=models.CASCADE,
        related_name="uitnodigingen",
        verbose_name=_("meeting"),
    )
    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="overleguitnodigingen", verbose_name=_("case")
    )
    toegang = models.ForeignKey(
        Portaaltoegang,
        on_delete=models.CASCADE,
        related_name="overleguitnodigingen",
        verbose_name=_("invited person"),
    )
    brief = models.ForeignKey(
        "regie.Brief",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invitation letter"),
    )
    uitgenodigd_door = door_medewerker(_("invited by"))
    uitgenodigd_op = aangemaakt_moment(_("invited at"))
    antwoord = models.CharField(_("reply"), max_length=10, choices=Antwoord.choices, blank=True)
    antwoord_tekst = models.TextField(_("message with the reply"), blank=True)
    beantwoord_op = models.DateTimeField(_("replied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting invitation")
        verbose_name_plural = _("meeting invitations")
        ordering = ["overleg__datum", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["overleg", "toegang"], name="overleguitnodiging_eenmaal"
            ),
            models.CheckConstraint(
                condition=Q(antwoord="", beantwoord_op__isnull=True)
                | (~Q(antwoord="") & Q(beantwoord_op__isnull=False)),
                name="overleguitnodiging_antwoord_met_moment",
            ),
            models.CheckConstraint(
                condition=~Q(antwoord="meegeven") | ~Q(antwoord_tekst=""),
                name="overleguitnodiging_meegeven_met_tekst",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.overleg} ({self.toegang})"


class Bericht(models.Model):
    """One message in the thread between one person (their Portaaltoegang) and the
    regisseur. Sent from the portal (`door` empty) or by a staff member (`door`)."""

    toegang = models.ForeignKey(
        Portaaltoegang, on_delete=models.CASCADE, related_name="berichten", verbose_name=_("thread")
    )
    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="berichten", verbose_name=_("case")
    )
    door = door_medewerker(_("sent by staff member"), leeg=True)
    tekst = models.TextField(_("message"))
    verstuurd_op = aangemaakt_moment(_("sent at"))
    gelezen_op = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["toegang", "verstuurd_op", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(tekst=""), name="bericht_niet_leeg")]
        indexes = [
            models.Index(
                fields=["casus", "gelezen_op"],
                condition=Q(door__isnull=True, gelezen_op__isnull=True),
                name="bericht_ongelezen_van_portaal",
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.verstuurd_op:%d-%m-%Y %H:%M}"

    @property
    def van_portaal(self) -> bool:
        return self.door_id is None


class Correctieverzoek(models.Model):
    """A request to correct what is registered about the child or the person (AVG art. 16):
    a task for the regisseur until they answer it."""

    class Uitkomst(models.TextChoices):
        GECORRIGEERD = "gecorrigeerd", _("corrected")
        AFGEWEZEN = "afgewezen", _("refused")

    toegang = models.ForeignKey(
        Portaaltoegang,
        on_delete=models.CASCADE,
        related_name="correctieverzoeken",
        verbose_name=_("requested by"),
    )
    casus = models.ForeignKey(
        Casus,
        on_delete=models.CASCADE,
        related_name="correctieverzoeken",
        verbose_name=_("case"),
    )
    wat = models.CharField(_("what is wrong"), max_length=300)
    toelichting = models.TextField(_("what it should be"))
    ingediend_op = aangemaakt_moment(_("requested at"))
    uitkomst = models.CharField(_("outcome"), max_length=12, choices=Uitkomst.choices, blank=True)
    antwoord = models.TextField(_("answer"), blank=True)
    afgehandeld_door = door_medewerker(_("handled by"), leeg=True)
    afgehandeld_op = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["casus", "-ingediend_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(uitkomst="", afgehandeld_op__isnull=True, afgehandeld_door__isnull=True)
                | (
                    ~Q(uitkomst="")
                    & ~Q(antwoord="")
                    & Q(afgehandeld_op__isnull=False, afgehandeld_door__isnull=False)
                ),
                name="correctieverzoek_afgehandeld_met_antwoord",
            )
        ]

    def __str__(self) -> str:
        return self.wat[:60]


class Terugkoppeling(models.Model):
    """ "Werkt dit?": a parent's or the pupil's answers after the UVO or at closing; the
    figures count them per model and area with small-cell suppression."""

    class Moment(models.TextChoices):
        NA_UVO = "na_uvo", _("after the UVO")
        AFSLUITING = "afsluiting", _("at closing")

    toegang = models.ForeignKey(
        Portaaltoegang,
        on_delete=models.CASCADE,
        related_name="terugkoppelingen",
        verbose_name=_("answered by"),
    )
    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="terugkoppelingen", verbose_name=_("case")
    )
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices)
    # {question code: 1..5}; the questions are in regie.relatie.VRAGEN
    antwoorden = models.JSONField(_("answers"), default=dict)
    open_antwoord = models.TextField(_("open answer"), blank=True)
    ingevuld_op = aangemaakt_moment(_("answered at"))

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["casus", "ingevuld_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["toegang", "moment"], name="terugkoppeling_eenmaal_per_moment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_display()} ({self.toegang})"
