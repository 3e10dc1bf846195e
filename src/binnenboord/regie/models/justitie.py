# SPDX-License-Identifier: EUPL-1.2
"""The justice chain, letters, the evaluation after an intervention, the MAZL advice, the
advice and statement on an exemption, and the link to the school's OPP — all within a case
(docs/domein.md, "Justitiële keten", "Privacy en dossiers"; docs/domein.md, Bronnen § 4, 5, 7).
The rules live in services.justitie; who may see what in regie.rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import VastgelegdDoor, aangemaakt_moment


class Justitiestap(VastgelegdDoor):
    """One step of the justice chain (LPW art. 22, 26; OM guideline 2017R002; Halt). Criminal
    data (AVG art. 10): only Leerplicht sees the content; other case viewers see that a step
    exists."""

    class Soort(models.TextChoices):
        ONDERZOEK_OUDERS = "onderzoek_ouders", _("investigation: parents heard")
        ONDERZOEK_JONGERE = "onderzoek_jongere", _("investigation: youth heard")
        WAARSCHUWING = "waarschuwing", _("warning")
        HALT_VERWIJZING = "halt_verwijzing", _("Halt referral")
        HALT_RESULTAAT = "halt_resultaat", _("Halt result")
        PROCES_VERBAAL = "proces_verbaal", _("official report to the public prosecutor")
        OM_BESLISSING = "om_beslissing", _("decision of the public prosecutor")
        ZITTING = "zitting", _("court hearing")
        UITSPRAAK = "uitspraak", _("judgment")
        VERZOEK_RAAD = "verzoek_raad", _("request to the Child Protection Board")
        JEUGDBESCHERMING = "jeugdbescherming", _("youth protection (SAVE)")
        VEILIG_THUIS = "veilig_thuis", _("report to Veilig Thuis")

    casus = models.ForeignKey(
        "regie.Casus",
        on_delete=models.CASCADE,
        related_name="justitiestappen",
        verbose_name=_("case"),
    )
    soort = models.CharField(_("step"), max_length=20, choices=Soort.choices)
    datum = models.DateField(_("date"))
    toelichting = models.TextField(_("explanation"), blank=True)
    uitkomst = models.TextField(_("outcome"), blank=True)
    toestemming = models.BooleanField(
        _("consent given"),
        default=False,
        help_text=_("Halt: the youth, and the parents of a youth under 16, consent."),
    )
    ouders_eerder_veroordeeld = models.BooleanField(
        _("parents were convicted before"),
        default=False,
        help_text=_("Official report: a copy then goes to the Child Protection Board."),
    )
    afschrift_raad = models.BooleanField(_("copy to the Child Protection Board"), default=False)

    class Meta:
        verbose_name = _("justice step")
        verbose_name_plural = _("justice steps")
        ordering = ["casus", "datum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(afschrift_raad=False) | Q(soort="proces_verbaal"),
                name="justitiestap_afschrift_alleen_bij_pv",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"


class MazlAdvies(models.Model):
    """The advice of the youth doctor after a MAZL consult, as far as the family agreed to
    share it. There is deliberately no field for medical content: that stays with the youth
    doctor (docs/domein.md, Bronnen § 5, § 8.3)."""

    casus = models.ForeignKey(
        "regie.Casus", on_delete=models.CASCADE, related_name="mazladviezen", verbose_name=_("case")
    )
    jeugdarts = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("youth doctor"),
    )
    datum = models.DateField(_("date of the consult"))
    deelbaar_advies = models.TextField(
        _("shareable advice"),
        help_text=_("Only what the family agreed to share, e.g. 'can attend 2 hours a day'."),
    )
    vastgelegd_op = aangemaakt_moment(_("recorded at"))

    class Meta:
        verbose_name = _("MAZL advice")
        verbose_name_plural = _("MAZL advice")
        ordering = ["casus", "-datum", "-pk"]

    def __str__(self) -> str:
        return f"MAZL {self.datum:%d-%m-%Y}"


class Vrijstellingsverklaring(VastgelegdDoor):
    """The statement of the appointed physician, pedagogue or psychologist on an art. 5 onder a
    claim (LPW art. 7; not older than three months). `nooit_schoolgeschikt`: the statement says
    the child will never be able to attend a school — then no yearly renewal (art. 6 lid 3)."""

    vrijstelling = models.ForeignKey(
        "registratie.Vrijstelling",
        on_delete=models.CASCADE,
        related_name="verklaringen",
        verbose_name=_("exemption"),
    )
    casus = models.ForeignKey(
        "regie.Casus",
        on_delete=models.CASCADE,
        related_name="vrijstellingsverklaringen",
        verbose_name=_("case"),
    )
    datum = models.DateField(_("date of the statement"))
    deskundige = models.CharField(_("appointed expert"), max_length=200)
    nooit_schoolgeschikt = models.BooleanField(_("never able to attend a school"), default=False)

    class Meta:
        verbose_name = _("exemption statement")
        verbose_name_plural = _("exemption statements")
        ordering = ["vrijstelling", "-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.deskundige} {self.datum:%d-%m-%Y}"


class Vrijstellingsadvies(models.Model):
    """The samenwerkingsverband's advice on an exemption claim (Amsterdam practice since
    1 October 2017; not a statutory step, docs/domein.md, Bronnen § 4.2 [ONBEVESTIGD])."""

    vrijstelling = models.ForeignKey(
        "registratie.Vrijstelling",
        on_delete=models.CASCADE,
        related_name="adviezen",
        verbose_name=_("exemption"),
    )
    casus = models.ForeignKey(
        "regie.Casus",
        on_delete=models.CASCADE,
        related_name="vrijstellingsadviezen",
        verbose_name=_("case"),
    )
    swv_consulent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partnership consultant"),
    )
    advies = models.TextField(_("advice"))
    datum = models.DateField(_("date"))
    vastgelegd_op = aangemaakt_moment(_("recorded at"))

    class Meta:
        verbose_name = _("exemption advice")
        verbose_name_plural = _("exemption advice")
        ordering = ["vrijstelling", "-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.vrijstelling} {self.datum:%d-%m-%Y}"


class OppKoppeling(VastgelegdDoor):
    """A link from the case to the school's ontwikkelingsperspectiefplan (the document stays
    in the school's own system)."""

    casus = models.ForeignKey(
        "regie.Casus",
        on_delete=models.CASCADE,
        related_name="oppkoppelingen",
        verbose_name=_("case"),
    )
    verwijzing = models.CharField(
        _("link or reference"),
        max_length=500,
        help_text=_("A web address or the reference of the OPP in the school's system."),
    )
    notitie = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("OPP link")
        verbose_name_plural = _("OPP links")
        ordering = ["casus", "-vastgelegd_op", "-pk"]

    def __str__(self) -> str:
        return self.verwijzing


class Evaluatie(VastgelegdDoor):
    """The evaluation after an intervention of the Interventieteam, on case or process level,
    kept for learning."""

    class Niveau(models.TextChoices):
        CASUS = "casus", _("case level")
        PROCES = "proces", _("process level")

    casus = models.ForeignKey(
        "regie.Casus", on_delete=models.CASCADE, related_name="evaluaties", verbose_name=_("case")
    )
    niveau = models.CharField(_("level"), max_length=8, choices=Niveau.choices)
    wat_ging_goed = models.TextField(_("what went well"))
    wat_kan_beter = models.TextField(_("what could be better"))
    lessen = models.TextField(_("lessons"), blank=True)
    datum = models.DateField(_("date"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["casus", "-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_niveau_display()} {self.datum:%d-%m-%Y}"


class Brief(VastgelegdDoor):
    """A letter made from a template. `tekst` is the letter as it was made (HTML), so the PDF
    made from it later is the same letter even when the template changes."""

    class Sjabloon(models.TextChoices):
        UITNODIGING_GESPREK = "uitnodiging_gesprek", _("invitation to a conversation")
        AANKONDIGING_HUISBEZOEK = "aankondiging_huisbezoek", _("announcement of a home visit")
        WAARSCHUWING = "waarschuwing", _("warning")
        PORTAAL_UITNODIGING = "portaal_uitnodiging", _("invitation to the portal")
        OVERLEG_UITNODIGING = "overleg_uitnodiging", _("invitation to a meeting")

    casus = models.ForeignKey(
        "regie.Casus", on_delete=models.CASCADE, related_name="brieven", verbose_name=_("case")
    )
    sjabloon = models.CharField(_("template"), max_length=24, choices=Sjabloon.choices)
    aan = models.CharField(_("addressed to"), max_length=300)
    ouder = models.ForeignKey(
        "registratie.Ouder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to parent"),
        help_text=_("The parent the letter is for: it shows in their portal."),
    )
    aan_leerling = models.BooleanField(
        _("to the pupil"), default=False, help_text=_("The letter shows in the pupil's portal.")
    )
    afspraak = models.DateTimeField(_("appointment"), null=True, blank=True)
    tekst = models.TextField(_("letter"))
    datum = models.DateField(_("date"))

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["casus", "-datum", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_sjabloon_display()} {self.datum:%d-%m-%Y}"
