# SPDX-License-Identifier: EUPL-1.2
"""Organisations, staff (Medewerker), roles and kernteams. What a role may see and do is said
by the rules (toegang/rules.py and each app's rules.py); this module only stores who is who."""

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Regio(models.TextChoices):
    """The school holiday regions (noord, midden, zuid) of the Netherlands."""

    NOORD = "noord", _("North")
    MIDDEN = "midden", _("Middle")
    ZUID = "zuid", _("South")


class Gemeente(models.Model):
    """A municipality; leerplicht follows the pupil's home municipality (BRP). Every
    municipality of the Netherlands is shipped with its CBS code (migration 0004); one that a
    herindeling ended keeps its row, with the date it ended and its successor, so older data
    and imports naming it still resolve (docs/inrichten.md)."""

    code = models.CharField(_("CBS code"), max_length=4, unique=True)
    naam = models.CharField(_("name"), max_length=100, unique=True)
    regio = models.CharField(
        _("holiday region"),
        max_length=6,
        choices=Regio.choices,
        blank=True,
        help_text=_(
            "Set up by `binnenboord inrichten`; a school imported here without a region gets it."
        ),
    )
    aanpak = models.CharField(
        _("approach"),
        max_length=40,
        blank=True,
        help_text=_(
            "The model of a new case for a pupil living here (a code of the declared models); "
            "empty: the AANPAK setting."
        ),
    )
    opgeheven_op = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("The day a herindeling ended this municipality; empty while it exists."),
    )
    opvolger = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voorgangers",
        verbose_name=_("successor"),
        help_text=_("The municipality it merged into (herindeling)."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Organisatie(models.Model):
    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", _("Municipality / Leerplicht")
        SCHOOL = "school", _("School")
        SAMENWERKINGSVERBAND = "samenwerkingsverband", _("School partnership (SWV)")
        JGZ = "jgz", _("Youth health care (JGZ/GGD)")
        WIJKTEAM = "wijkteam", _("Neighbourhood team / family work")
        INTERVENTIETEAM = "interventieteam", _("Intervention team")

    naam = models.CharField(_("name"), max_length=200)
    soort = models.CharField(_("kind"), max_length=30, choices=Soort.choices)
    brin = models.CharField(_("BRIN"), max_length=4, blank=True)
    vestigingsnummer = models.CharField(_("branch number"), max_length=2, blank=True)
    gemeenten = models.ManyToManyField(
        Gemeente,
        blank=True,
        related_name="organisaties",
        verbose_name=_("municipalities served"),
        help_text=_("For Leerplicht: the municipalities whose pupils this organisation serves."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(soort="school") | models.Q(brin="", vestigingsnummer=""),
                name="organisatie_brin_alleen_voor_school",
            ),
            models.UniqueConstraint(
                fields=["brin", "vestigingsnummer"],
                condition=~models.Q(brin=""),
                name="organisatie_unieke_brin_vestiging",
            ),
        ]

    def __str__(self) -> str:
        return self.naam


# The technical account of an API token (api.ApiToken.medewerker, named by its relation: api
# is above toegang): a system, not a person. It is never chosen, assigned or notified.
TECHNISCH_ACCOUNT = models.Q(api_token__isnull=False)


class Rol(models.TextChoices):
    SCHOOLMEDEWERKER = "schoolmedewerker", _("School staff / care coordinator")
    LEERPLICHTAMBTENAAR = "leerplichtambtenaar", _("Compulsory education officer")
    JEUGDARTS = "jeugdarts", _("Youth doctor / youth nurse")
    GEZINSWERKER = "gezinswerker", _("Family worker / parent-child adviser")
    SWV_CONSULENT = "swv_consulent", _("Partnership consultant")
    TEAMMANAGER = "teammanager", _("Team manager")
    INTERVENTIETEAMLID = "interventieteamlid", _("Intervention team member")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Policy officer (aggregates only)")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functional administrator")


class Medewerker(AbstractUser):
    """A professional who logs in: always one organisation and one role."""

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
        verbose_name=_("organisation"),
    )
    rol = models.CharField(_("role"), max_length=30, choices=Rol.choices, blank=True)
    # Log-in with the own organisation (OpenID Connect, toegang/oidc.py): the connection this
    # account was made by and the provider's stable subject; empty for a local account.
    inlogkoppeling = models.ForeignKey(
        "Inlogkoppeling",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
        verbose_name=_("log-in connection"),
    )
    inlogonderwerp = models.CharField(_("subject at the provider"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["inlogkoppeling", "inlogonderwerp"],
                condition=models.Q(inlogkoppeling__isnull=False),
                name="medewerker_uniek_onderwerp_per_koppeling",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if self.organisatie is not None and self.rol:
            past = ROLLEN_PER_SOORT.get(self.organisatie.soort, frozenset())
            if self.rol not in past:
                raise ValidationError(
                    {
                        "rol": _("The role %(rol)s does not fit an organisation of kind %(soort)s.")
                        % {
                            "rol": self.get_rol_display(),
                            "soort": self.organisatie.get_soort_display(),
                        }
                    }
                )

    @property
    def heeft_passende_rol(self) -> bool:
        """True when the role fits the organisation; the rules grant nothing otherwise."""
        if not (self.is_active and self.organisatie is not None and self.rol):
            return False
        return self.rol in ROLLEN_PER_SOORT.get(self.organisatie.soort, frozenset())


def _kernteamlid(rol: str, verbose_name: Any) -> models.ForeignKey[Medewerker | None]:
    return models.ForeignKey(
        Medewerker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"rol": rol},
        verbose_name=verbose_name,
    )


class Kernteam(models.Model):
    """Per school: its leerplichtambtenaar, jeugdarts/jeugdverpleegkundige, gezinswerker and
    swv-consulent (Utrecht approach)."""

    school = models.OneToOneField(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="kernteam",
        limit_choices_to={"soort": Organisatie.Soort.SCHOOL},
        verbose_name=_("school"),
    )
    leerplichtambtenaar = _kernteamlid(Rol.LEERPLICHTAMBTENAAR, _("compulsory education officer"))
    jeugdarts = _kernteamlid(Rol.JEUGDARTS, _("youth doctor / youth nurse"))
    gezinswerker = _kernteamlid(Rol.GEZINSWERKER, _("family worker"))
    swv_consulent = _kernteamlid(Rol.SWV_CONSULENT, _("partnership consultant"))

    class Meta:
        verbose_name = _("core team")
        verbose_name_plural = _("core teams")

    def __str__(self) -> str:
        return str(self.school)

    # The member fields, in this order (selectors read them as columns: LEDEN_KOLOMMEN).
    LEDEN = ("leerplichtambtenaar", "jeugdarts", "gezinswerker", "swv_consulent")
    LEDEN_KOLOMMEN = tuple(f"{veld}_id" for veld in LEDEN)

    def leden(self) -> list[Medewerker]:
        return [m for m in (getattr(self, veld) for veld in self.LEDEN) if m is not None]


# Which roles fit which kind of organisation; a Medewerker outside this table sees nothing.
ROLLEN_PER_SOORT: dict[str, frozenset[str]] = {
    Organisatie.Soort.GEMEENTE: frozenset(
        {Rol.LEERPLICHTAMBTENAAR, Rol.TEAMMANAGER, Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER}
    ),
    Organisatie.Soort.SCHOOL: frozenset({Rol.SCHOOLMEDEWERKER, Rol.TEAMMANAGER}),
    Organisatie.Soort.SAMENWERKINGSVERBAND: frozenset(
        {Rol.SWV_CONSULENT, Rol.TEAMMANAGER, Rol.BELEIDSMEDEWERKER}
    ),
    Organisatie.Soort.JGZ: frozenset({Rol.JEUGDARTS, Rol.TEAMMANAGER}),
    Organisatie.Soort.WIJKTEAM: frozenset({Rol.GEZINSWERKER, Rol.TEAMMANAGER}),
    Organisatie.Soort.INTERVENTIETEAM: frozenset({Rol.INTERVENTIETEAMLID}),
}


class Inlogkoppeling(models.Model):
    """Log-in with the own organisation: one OpenID Connect provider and client, such as a
    municipality's Entra ID or ADFS, or Entree Federatie for schools (docs/inrichten.md). Its
    claim rules (Claimregel) say which organisation and role a person gets; toegang/oidc.py
    does the log-in. The client secret may come from the environment instead
    (INLOGKOPPELING_<SLUG>_CLIENT_SECRET, see `geheim`)."""

    class Ondertekening(models.TextChoices):
        RS256 = "RS256", "RS256"
        ES256 = "ES256", "ES256"
        HS256 = "HS256", "HS256"

    naam = models.CharField(
        _("name"), max_length=100, help_text=_("Shown on the log-in button: 'Log in with …'.")
    )
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="inlogkoppelingen",
        verbose_name=_("managed by"),
        help_text=_("The organisation whose functional administrators manage this connection."),
    )
    actief = models.BooleanField(_("active"), default=True)
    autorisatie_url = models.URLField(_("authorization endpoint"), max_length=500)
    token_url = models.URLField(_("token endpoint"), max_length=500)
    userinfo_url = models.URLField(_("userinfo endpoint"), max_length=500)
    jwks_url = models.URLField(_("JWKS endpoint"), max_length=500, blank=True)
    client_id = models.CharField(_("client id"), max_length=255)
    client_secret = models.CharField(
        _("client secret"),
        max_length=255,
        blank=True,
        help_text=_(
            "Better empty: then it comes from the environment variable "
            "INLOGKOPPELING_<SLUG>_CLIENT_SECRET."
        ),
    )
    scopes = models.CharField(_("scopes"), max_length=255, default="openid email profile")
    ondertekening = models.CharField(
        _("signing algorithm"), max_length=5, choices=Ondertekening.choices, default="RS256"
    )
    pkce = models.BooleanField(_("use PKCE"), default=True)
    claim_onderwerp = models.CharField(_("claim: stable subject"), max_length=100, default="sub")
    claim_email = models.CharField(_("claim: e-mail"), max_length=100, default="email", blank=True)
    claim_voornaam = models.CharField(
        _("claim: given name"), max_length=100, default="given_name", blank=True
    )
    claim_achternaam = models.CharField(
        _("claim: family name"), max_length=100, default="family_name", blank=True
    )
    claim_uitgezet = models.CharField(
        _("claim: account disabled"),
        max_length=100,
        blank=True,
        help_text=_("Optional: a claim that is true when the account is disabled at the provider."),
    )
    voorwaarde_claim = models.CharField(
        _("condition: claim"),
        max_length=100,
        blank=True,
        help_text=_(
            "Optional: only people whose claim has the value below can log in, e.g. "
            "eduPersonAffiliation = employee (no pupils through Entree Federatie)."
        ),
    )
    voorwaarde_waarde = models.CharField(_("condition: value"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("log-in connection")
        verbose_name_plural = _("log-in connections")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        super().clean()
        if self.ondertekening != self.Ondertekening.HS256 and not self.jwks_url:
            raise ValidationError(
                {"jwks_url": _("RS256 and ES256 need the provider's JWKS endpoint.")}
            )

    def voldoet_aan_voorwaarde(self, claims: dict[str, Any]) -> bool:
        """Whether the claims meet the connection's condition (always, without one)."""
        if not self.voorwaarde_claim:
            return True
        return Claimregel(claim=self.voorwaarde_claim, waarde=self.voorwaarde_waarde).past_bij(
            claims
        )

    def geheim(self) -> str:
        """The client secret: the environment's, when set, else the stored one."""
        import os

        naam = f"INLOGKOPPELING_{self.slug.upper().replace('-', '_')}_CLIENT_SECRET"
        return os.environ.get(naam) or self.client_secret


class Claimregel(models.Model):
    """One row of a connection's mapping: a person whose claim `claim` has the value `waarde`
    (or, for a list such as `groups`, contains it) gets `organisatie` and `rol`. The rules are
    tried in the order of `volgorde` (then of creation); the first that matches wins."""

    koppeling = models.ForeignKey(
        Inlogkoppeling,
        on_delete=models.CASCADE,
        related_name="regels",
        verbose_name=_("log-in connection"),
    )
    volgorde = models.PositiveIntegerField(_("order"), default=10)
    claim = models.CharField(_("claim"), max_length=100)
    waarde = models.CharField(_("value"), max_length=255)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    rol = models.CharField(_("role"), max_length=30, choices=Rol.choices)

    class Meta:
        verbose_name = _("claim rule")
        verbose_name_plural = _("claim rules")
        ordering = ["volgorde", "pk"]

    def __str__(self) -> str:
        return f"{self.claim} = {self.waarde}"

    def clean(self) -> None:
        super().clean()
        past = (
            ROLLEN_PER_SOORT.get(self.organisatie.soort, frozenset()) if self.organisatie_id else ()
        )
        if self.rol and self.organisatie_id is not None and self.rol not in past:
            raise ValidationError(
                {
                    "rol": _("The role %(rol)s does not fit an organisation of kind %(soort)s.")
                    % {
                        "rol": self.get_rol_display(),
                        "soort": self.organisatie.get_soort_display(),
                    }
                }
            )

    def past_bij(self, claims: dict[str, Any]) -> bool:
        """Whether the claims carry this rule's value (a string, or one item of a list)."""
        waarde = claims.get(self.claim)
        if isinstance(waarde, list | tuple):
            return any(str(w).strip() == self.waarde for w in waarde)
        return waarde is not None and str(waarde).strip() == self.waarde


class Portaalgebruiker(models.Model):
    """A parent or a pupil who logs in to the portal (binnenboord.portaal): never a
    Medewerker, so nothing of the staff side is open to them. What they see is what their
    Portaaltoegang rows (regie) give, one per case and person, checked at every request.

    In production they log in through DigiD (an OpenID Connect provider; the BSN claim is
    `bsn`). In the demo and where DigiD is not configured they log in with the invitation code
    of their first log-in (`inlognaam`) and a password they chose then."""

    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        help_text=_("From the DigiD log-in (the OpenID Connect claim); empty for a code log-in."),
    )
    inlognaam = models.CharField(
        _("log-in name"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The invitation code of the first log-in, for a code and password log-in."),
    )
    wachtwoord = models.CharField(_("password"), max_length=128, blank=True)
    naam = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    email_meldingen = models.BooleanField(
        _("email notifications"),
        default=False,
        help_text=_(
            "An e-mail with only a link (never a pupil's details) on a new plan version, a "
            "meeting invitation or a message."
        ),
    )
    is_actief = models.BooleanField(_("active"), default=True)
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    laatst_ingelogd_op = models.DateTimeField(_("last log-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("portal user")
        verbose_name_plural = _("portal users")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bsn__isnull=False) | models.Q(inlognaam__isnull=False),
                name="portaalgebruiker_met_bsn_of_inlognaam",
            )
        ]

    def __str__(self) -> str:
        return self.naam or str(_("portal user"))

    @property
    def is_active(self) -> bool:
        # the name mozilla-django-oidc's callback asks
        return self.is_actief

    def set_wachtwoord(self, ruw: str) -> None:
        from django.contrib.auth.hashers import make_password

        self.wachtwoord = make_password(ruw)

    def controleer_wachtwoord(self, ruw: str) -> bool:
        from django.contrib.auth.hashers import check_password

        return bool(self.wachtwoord) and check_password(ruw, self.wachtwoord)
