# SPDX-License-Identifier: EUPL-1.2
"""The data the rules compute on: schools, pupils, parents, enrolments and day-level absence.
Integrity that must never break is enforced by the database itself."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.models import aangemaakt_moment, door_medewerker
from binnenboord.toegang.models import Gemeente, Organisatie, Regio

from .validators import valideer_brin, valideer_bsn, valideer_onderwijsnummer


class School(models.Model):
    """A school location: BRIN plus vestiging, in a holiday region."""

    class Soort(models.TextChoices):
        PO = "PO", _("Primary education (PO)")
        SO = "SO", _("Special primary education (SO)")
        VO = "VO", _("Secondary education (VO)")
        VSO = "VSO", _("Special secondary education (VSO)")
        MBO = "MBO", _("Vocational education (MBO)")

    brin = models.CharField(_("BRIN"), max_length=4, validators=[valideer_brin])
    vestiging = models.CharField(
        _("branch"), max_length=2, validators=[RegexValidator(r"^\d{2}$")], default="00"
    )
    naam = models.CharField(_("name"), max_length=200)
    soort = models.CharField(_("kind"), max_length=3, choices=Soort.choices)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="scholen", verbose_name=_("municipality")
    )
    regio = models.CharField(_("holiday region"), max_length=6, choices=Regio.choices)
    organisatie = models.OneToOneField(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="school",
        limit_choices_to={"soort": Organisatie.Soort.SCHOOL},
        verbose_name=_("organisation"),
    )
    samenwerkingsverband = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scholen_in_swv",
        limit_choices_to={"soort": Organisatie.Soort.SAMENWERKINGSVERBAND},
        verbose_name=_("school partnership"),
    )
    daglengte_minuten = models.PositiveSmallIntegerField(
        _("length of a school day (minutes)"),
        default=300,
        validators=[MinValueValidator(1), MaxValueValidator(720)],
        help_text=_("What a whole day of absence counts when the school reports no minutes."),
    )
    lesuur_minuten = models.PositiveSmallIntegerField(
        _("length of a lesson (minutes)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("What one lesson of absence counts in a lesson-level absence file."),
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["brin", "vestiging"], name="school_unieke_brin_vestiging"
            ),
            models.CheckConstraint(
                condition=Q(daglengte_minuten__gte=1, daglengte_minuten__lte=720),
                name="school_daglengte_binnen_grenzen",
            ),
            models.CheckConstraint(
                condition=Q(lesuur_minuten__gte=1, lesuur_minuten__lte=240),
                name="school_lesuur_binnen_grenzen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.brin}{self.vestiging})"


class Leerling(models.Model):
    """A child or youth, identified by BSN or, without one, by onderwijsnummer."""

    bsn = models.CharField(
        _("BSN"), max_length=9, unique=True, null=True, blank=True, validators=[valideer_bsn]
    )
    onderwijsnummer = models.CharField(
        _("education number"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[valideer_onderwijsnummer],
    )
    voornamen = models.CharField(_("first names"), max_length=200)
    tussenvoegsel = models.CharField(_("surname prefix"), max_length=20, blank=True)
    achternaam = models.CharField(_("surname"), max_length=200)
    geboortedatum = models.DateField(_("date of birth"))
    woongemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="inwoners",
        verbose_name=_("home municipality"),
    )
    straat = models.CharField(_("street"), max_length=200, blank=True)
    huisnummer = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    woonplaats = models.CharField(_("town"), max_length=100, blank=True)
    adres_afgeschermd = models.BooleanField(
        _("address shielded"),
        default=False,
        help_text=_(
            "The address may not be shown to a parent who does not live there (for example "
            "after Veilig Thuis or a court order). The portal never shows it to the other parent."
        ),
    )

    class Meta:
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        ordering = ["achternaam", "voornamen"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bsn__isnull=False) | Q(onderwijsnummer__isnull=False),
                name="leerling_heeft_bsn_of_onderwijsnummer",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)


class Ouder(models.Model):
    """A parent or carer of one pupil."""

    class Relatie(models.TextChoices):
        MOEDER = "moeder", _("mother")
        VADER = "vader", _("father")
        VERZORGER = "verzorger", _("carer")

    leerling = models.ForeignKey(
        Leerling, on_delete=models.CASCADE, related_name="ouders", verbose_name=_("pupil")
    )
    relatie = models.CharField(_("relation"), max_length=10, choices=Relatie.choices)
    voornamen = models.CharField(_("first names"), max_length=200)
    tussenvoegsel = models.CharField(_("surname prefix"), max_length=20, blank=True)
    achternaam = models.CharField(_("surname"), max_length=200)
    telefoon = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    gezag = models.BooleanField(_("has parental authority"), default=True)
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        validators=[valideer_bsn],
        help_text=_(
            "When known, a portal log-in through DigiD must carry this BSN to accept an "
            "invitation for this parent."
        ),
    )
    straat = models.CharField(_("street"), max_length=200, blank=True)
    huisnummer = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    woonplaats = models.CharField(_("town"), max_length=100, blank=True)
    adres_afgeschermd = models.BooleanField(
        _("address shielded"),
        default=False,
        help_text=_("Never shown to the other parent, nor in the other parent's portal."),
    )

    class Meta:
        verbose_name = _("parent or carer")
        verbose_name_plural = _("parents and carers")
        ordering = ["leerling", "relatie"]

    def __str__(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)


class Inschrijving(models.Model):
    """Enrolment of a pupil at a school; einddatum empty means ongoing."""

    leerling = models.ForeignKey(
        Leerling, on_delete=models.CASCADE, related_name="inschrijvingen", verbose_name=_("pupil")
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="inschrijvingen", verbose_name=_("school")
    )
    begindatum = models.DateField(_("start date"))
    einddatum = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["leerling", "-begindatum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(begindatum__lte=F("einddatum")),
                name="inschrijving_begin_voor_eind",
            ),
            models.UniqueConstraint(
                fields=["leerling", "school", "begindatum"], name="inschrijving_uniek"
            ),
        ]
        indexes = [models.Index(fields=["school", "begindatum", "einddatum"])]

    def __str__(self) -> str:
        return f"{self.leerling} @ {self.school}"


VERZUIMSOORTEN = ("ongeoorloofd", "luxe", "te_laat", "ziek", "geoorloofd")


class Verzuim(models.Model):
    """Absence of one pupil on one school day, in minutes per verzuimsoort (docs/domein.md).
    A day without a row is a day present."""

    class Bron(models.TextChoices):
        IMPORT = "import", _("file import")
        API = "api", _("school system (API)")
        HANDMATIG = "handmatig", _("entered by hand")
        DEMO = "demo", _("demo generator")

    # No separate FK indexes: the unique (leerling, datum) and the (school, datum) index lead
    # with these columns already, and every extra index slows the bulk absence import.
    leerling = models.ForeignKey(
        Leerling,
        on_delete=models.CASCADE,
        related_name="verzuim",
        verbose_name=_("pupil"),
        db_index=False,
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        related_name="verzuim",
        verbose_name=_("school"),
        db_index=False,
    )
    datum = models.DateField(_("date"))
    minuten_ongeoorloofd = models.PositiveIntegerField(_("minutes unauthorised"), default=0)
    minuten_luxe = models.PositiveIntegerField(_("minutes luxury absence"), default=0)
    minuten_te_laat = models.PositiveIntegerField(_("minutes late"), default=0)
    minuten_ziek = models.PositiveIntegerField(_("minutes sick"), default=0)
    minuten_geoorloofd = models.PositiveIntegerField(_("minutes authorised"), default=0)
    reden_code = models.CharField(
        _("school's reason code"),
        max_length=50,
        blank=True,
        help_text=_("The reason code of the school's own system, kept beside the mapped kind."),
    )
    bron = models.CharField(_("source"), max_length=10, choices=Bron.choices)

    # PositiveIntegerField puts "minutes >= 0" in the database as a CHECK constraint.
    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absence")
        ordering = ["leerling", "datum"]
        constraints = [
            models.UniqueConstraint(fields=["leerling", "datum"], name="verzuim_uniek_per_dag"),
            models.CheckConstraint(
                condition=LessThanOrEqual(
                    F("minuten_ongeoorloofd")
                    + F("minuten_luxe")
                    + F("minuten_te_laat")
                    + F("minuten_ziek")
                    + F("minuten_geoorloofd"),
                    24 * 60,
                ),
                name="verzuim_hooguit_een_dag",
            ),
        ]
        indexes = [models.Index(fields=["school", "datum"])]

    def __str__(self) -> str:
        return f"{self.leerling} {self.datum}"

    @property
    def minuten_totaal(self) -> int:
        return sum(getattr(self, f"minuten_{soort}") for soort in VERZUIMSOORTEN)


GEOORLOOFDE_SOORTEN = ("ziek", "geoorloofd")
"""The kinds of absence with a valid reason; the other three are without one."""


class Verzuimcode(models.Model):
    """One of a school's own absence codes (as its administration system registers absence),
    mapped to one of Binnenboord's kinds. A lesson-level absence file names these codes.
    `geoorloofd` (authorised) follows from the kind: ziek and geoorloofd are, ongeoorloofd,
    luxe and te_laat are not; the database holds the two together."""

    class Soort(models.TextChoices):
        ONGEOORLOOFD = "ongeoorloofd", _("unauthorised")
        LUXE = "luxe", _("luxury absence")
        TE_LAAT = "te_laat", _("late")
        ZIEK = "ziek", _("sick")
        GEOORLOOFD = "geoorloofd", _("authorised")

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="verzuimcodes", verbose_name=_("school")
    )
    code = models.CharField(
        _("code"), max_length=50, help_text=_("The school's own code; case does not matter.")
    )
    omschrijving = models.CharField(_("description"), max_length=200, blank=True)
    soort = models.CharField(_("kind of absence"), max_length=12, choices=Soort.choices)
    geoorloofd = models.BooleanField(
        _("authorised"), help_text=_("Follows from the kind: sick and authorised absence are.")
    )

    class Meta:
        verbose_name = _("absence code")
        verbose_name_plural = _("absence codes")
        ordering = ["school", "code"]
        constraints = [
            models.UniqueConstraint(
                models.F("school"), Lower("code"), name="verzuimcode_uniek_per_school"
            ),
            models.CheckConstraint(
                condition=Q(soort__in=GEOORLOOFDE_SOORTEN, geoorloofd=True)
                | (~Q(soort__in=GEOORLOOFDE_SOORTEN) & Q(geoorloofd=False)),
                name="verzuimcode_geoorloofd_volgt_soort",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.soort})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.geoorloofd = self.soort in GEOORLOOFDE_SOORTEN
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if (
            self.soort
            and self.geoorloofd is not None
            and self.geoorloofd != (self.soort in GEOORLOOFDE_SOORTEN)
        ):
            raise ValidationError({"geoorloofd": _("Authorised follows from the kind of absence.")})


assert tuple(Verzuimcode.Soort.values) == VERZUIMSOORTEN


class Vrijstelling(models.Model):
    """An exemption from compulsory education (LPW art. 5, 5a, 15). Leave under art. 11 is
    not an exemption and is registered as absence (geoorloofd)."""

    class Artikel(models.TextChoices):
        ART_5A = "5a", _("art. 5 under a: physical or psychological grounds")
        ART_5B = "5b", _("art. 5 under b: objection to the school's orientation")
        ART_5C = "5c", _("art. 5 under c: school abroad")
        ART_5A_TREKKEND = "5a_trekkend", _("art. 5a: travelling way of life")
        ART_15 = "15", _("art. 15: qualification duty")

    leerling = models.ForeignKey(
        Leerling, on_delete=models.CASCADE, related_name="vrijstellingen", verbose_name=_("pupil")
    )
    artikel = models.CharField(_("article"), max_length=12, choices=Artikel.choices)
    begindatum = models.DateField(_("start date"))
    einddatum = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")
        ordering = ["leerling", "-begindatum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(begindatum__lte=F("einddatum")),
                name="vrijstelling_begin_voor_eind",
            ),
            models.UniqueConstraint(
                fields=["leerling", "artikel", "begindatum"], name="vrijstelling_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leerling} {self.get_artikel_display()}"


class Import(models.Model):
    """One import of one file: who, when, which file, and what became of its rows."""

    class Soort(models.TextChoices):
        SCHOLEN = "scholen", _("schools")
        LEERLINGEN = "leerlingen", _("pupils")
        INSCHRIJVINGEN = "inschrijvingen", _("enrolments")
        VERZUIM = "verzuim", _("absence")
        VRIJSTELLINGEN = "vrijstellingen", _("exemptions")
        VERZUIMCODES = "verzuimcodes", _("absence codes")

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("queued")
        BEZIG = "bezig", _("in progress")
        KLAAR = "klaar", _("finished")
        MISLUKT = "mislukt", _("failed")

    soort = models.CharField(_("kind"), max_length=20, choices=Soort.choices)
    bestandsnaam = models.CharField(_("file name"), max_length=255)
    medewerker = models.ForeignKey(
        "toegang.Medewerker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("imported by"),
        help_text=_("Empty for the command line."),
    )
    gestart_op = aangemaakt_moment(_("started at"))
    klaar_op = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="bezig")
    melding = models.TextField(_("message"), blank=True)
    aantal_rijen = models.PositiveIntegerField(_("rows"), default=0)
    verwerkt = models.PositiveIntegerField(_("rows processed"), default=0)
    aantal_nieuw = models.PositiveIntegerField(_("stored"), default=0)
    aantal_bijgewerkt = models.PositiveIntegerField(_("updated"), default=0)
    aantal_ongewijzigd = models.PositiveIntegerField(_("unchanged"), default=0)
    aantal_afgewezen = models.PositiveIntegerField(_("rejected"), default=0)
    aantal_wachtend = models.PositiveIntegerField(
        _("awaiting confirmation"),
        default=0,
        help_text=_("Rows held for the pupil's Leerplicht to confirm (a move or an enrolment)."),
    )
    organisatie = models.ForeignKey(
        "toegang.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importing organisation"),
        help_text=_("The importer's organisation then; it decides who sees the import."),
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-gestart_op"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.bestandsnaam}"


class Importbestand(models.Model):
    """The uploaded file of an import waiting for the background worker, in the database (the
    web processes keep no files). Deleted as soon as the worker has read it."""

    bestandsimport = models.OneToOneField(
        Import, on_delete=models.CASCADE, related_name="bestand", verbose_name=_("import")
    )
    inhoud = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")

    def __str__(self) -> str:
        return str(self.bestandsimport)


class Afwijzing(models.Model):
    """A rejected row of an import: which row, which field, which value, and why (Dutch)."""

    bestandsimport = models.ForeignKey(
        Import, on_delete=models.CASCADE, related_name="afwijzingen", verbose_name=_("import")
    )
    rij = models.PositiveIntegerField(_("row"))
    veld = models.CharField(_("field"), max_length=100, blank=True)
    waarde = models.TextField(_("value"), blank=True)
    reden = models.TextField(_("reason"))
    gegevens = models.JSONField(
        _("row data"), default=dict, help_text=_("The whole row, to fix and upload again.")
    )

    class Meta:
        verbose_name = _("rejected row")
        verbose_name_plural = _("rejected rows")
        ordering = ["bestandsimport", "rij", "pk"]

    def __str__(self) -> str:
        return f"rij {self.rij}: {self.reden}"


class Schoolvakantie(models.Model):
    """A school holiday imported from the rijksoverheid feed; for the school years it covers
    it replaces the holidays package's school holidays of that region."""

    class RegioOfLand(models.TextChoices):
        NOORD = "noord", _("North")
        MIDDEN = "midden", _("Middle")
        ZUID = "zuid", _("South")
        HEEL_NEDERLAND = "heel nederland", _("Whole country")

    regio = models.CharField(_("holiday region"), max_length=16, choices=RegioOfLand.choices)
    naam = models.CharField(_("name"), max_length=100)
    begindatum = models.DateField(_("first day"))
    einddatum = models.DateField(_("last day"))
    verplicht = models.BooleanField(_("compulsory dates"), default=True)

    class Meta:
        verbose_name = _("school holiday")
        verbose_name_plural = _("school holidays")
        ordering = ["begindatum", "regio"]
        constraints = [
            models.CheckConstraint(
                condition=Q(begindatum__lte=F("einddatum")), name="schoolvakantie_begin_voor_eind"
            ),
            models.UniqueConstraint(
                fields=["regio", "naam", "begindatum"], name="schoolvakantie_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} {self.regio} {self.begindatum:%d-%m-%Y}"


class VrijeDag(models.Model):
    """A school's own free day (study day, day off around a holiday): no lesdag there."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="vrije_dagen", verbose_name=_("school")
    )
    datum = models.DateField(_("date"))
    omschrijving = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("day off")
        verbose_name_plural = _("days off")
        ordering = ["school", "datum"]
        constraints = [models.UniqueConstraint(fields=["school", "datum"], name="vrije_dag_uniek")]

    def __str__(self) -> str:
        return f"{self.school} {self.datum:%d-%m-%Y}"


class Bevestiging(models.TextChoices):
    """The state of a write that waits for the organisation that has the pupil."""

    OPEN = "open", _("awaiting confirmation")
    BEVESTIGD = "bevestigd", _("confirmed")
    AFGEWEZEN = "afgewezen", _("rejected")
    VERVALLEN = "vervallen", _("no longer needed")


class Besluit(models.Model):
    """The decision on a held write: open until the organisation that has the pupil confirms
    or rejects it (with an explanation the requester reads), or a later write settles it."""

    status = models.CharField(
        _("status"), max_length=10, choices=Bevestiging.choices, default=Bevestiging.OPEN
    )
    behandeld_door = door_medewerker(_("handled by"), leeg=True)
    behandeld_op = models.DateTimeField(_("handled at"), null=True, blank=True)
    toelichting = models.TextField(_("explanation"), blank=True)

    class Meta:
        abstract = True


class Verhuismelding(Besluit):
    """A reported move: an import row that says a pupil of another municipality now lives in a
    municipality of the importer. It is held until the pupil's current Leerplicht confirms it;
    only then does the pupil move (and the open case goes through an explicit overdracht). The
    row's values wait in `gegevens` and are applied on confirmation."""

    leerling = models.ForeignKey(
        Leerling, on_delete=models.CASCADE, related_name="verhuismeldingen", verbose_name=_("pupil")
    )
    van_gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("from municipality")
    )
    naar_gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("to municipality")
    )
    gegevens = models.JSONField(_("reported data"), default=dict)
    bestandsimport = models.ForeignKey(
        Import,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verhuismeldingen",
        verbose_name=_("import"),
    )
    rij = models.PositiveIntegerField(_("row"), null=True, blank=True)
    gemeld_door = door_medewerker(_("reported by"), leeg=True)
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reporting organisation"),
        help_text=_("Fixed when the move is reported; empty for the command line."),
    )
    gemeld_op = aangemaakt_moment(_("reported at"))

    class Meta:
        verbose_name = _("reported move")
        verbose_name_plural = _("reported moves")
        ordering = ["-gemeld_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerling", "naar_gemeente"],
                condition=Q(status="open"),
                name="verhuismelding_een_open_per_leerling_en_gemeente",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leerling_id}: {self.van_gemeente_id} -> {self.naar_gemeente_id}"


class InschrijvingTerBevestiging(Besluit):
    """A school's enrolment row that would open a pupil's file: it starts more than 30 days
    before the import, reopens an enrolment that ended long ago, or overlaps an ongoing
    enrolment at another school (a dubbele inschrijving). It is not applied; Leerplicht of the
    pupil's municipality confirms or rejects it, and until then the school sees nothing of the
    pupil. A row naming a BSN no pupil has waits in the same way (without `leerling`) until
    Leerplicht imports that pupil: to the school, "unknown" and "somebody else's" look alike."""

    class Reden(models.TextChoices):
        TERUGGEDATEERD = "teruggedateerd", _("starts more than 30 days before the import")
        HEROPEND = "heropend", _("reopens an enrolment that ended more than 30 days ago")
        DUBBEL = "dubbel", _("overlaps an ongoing enrolment at another school")
        ONBEKEND = "onbekend", _("no pupil with this BSN or education number was known yet")

    leerling = models.ForeignKey(
        Leerling,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inschrijvingen_ter_bevestiging",
        verbose_name=_("pupil"),
        help_text=_("Empty until a pupil with the identifier is imported."),
    )
    identiteit = models.CharField(
        _("identifier"),
        max_length=40,
        help_text=_('As the school sent it: "bsn:…" or "onderwijsnummer:…".'),
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    begindatum = models.DateField(_("start date"))
    einddatum = models.DateField(_("end date"), null=True, blank=True)
    reden = models.CharField(_("reason"), max_length=20, choices=Reden.choices)
    bestandsimport = models.ForeignKey(
        Import,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inschrijvingen_ter_bevestiging",
        verbose_name=_("import"),
    )
    rij = models.PositiveIntegerField(_("row"), null=True, blank=True)
    aangevraagd_door = door_medewerker(_("requested by"), leeg=True)
    aangevraagd_op = aangemaakt_moment(_("requested at"))

    class Meta:
        verbose_name = _("enrolment awaiting confirmation")
        verbose_name_plural = _("enrolments awaiting confirmation")
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["identiteit", "school", "begindatum"],
                condition=Q(status="open"),
                name="inschrijving_ter_bevestiging_een_open",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(begindatum__lte=F("einddatum")),
                name="inschrijving_ter_bevestiging_begin_voor_eind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leerling_id} @ {self.school_id} {self.begindatum}"
