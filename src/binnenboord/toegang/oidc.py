# SPDX-License-Identifier: EUPL-1.2
"""Log-in with the own organisation: staff log in at their organisation's OpenID Connect
provider (a municipality's Entra ID or ADFS, Entree Federatie for schools), one
Inlogkoppeling per provider and client, with mozilla-django-oidc (docs/inrichten.md).

The start view (web/oidc.py) keeps the chosen connection in the session; this backend reads
its settings from that connection instead of from Django's settings, and answers only the
staff callback (for the staff log-in form or the portal's callback it returns None at once).

What a log-in does, by the connection's claim rules (Claimregel, first match by `volgorde`):
- a known subject (the connection's subject claim) gets its organisation, role, name and
  e-mail again from the claims, on every log-in;
- when the disabled claim says so, or no rule matches any more, the account is switched off
  and the person sees why (`Weigering`, shown by web/oidc.py's refusal page);
- a new subject whose claims match a rule gets an account, without a password; one that
  matches no rule is refused and no account is made;
- a local account is never taken over: an account is found by connection and subject only,
  and a new one whose user name is a local account's is refused.

A session that logged in here is marked (SESSIE_SSO); web/tweestaps.py then counts it as
verified, because the provider did the multi-factor (`via_eigen_organisatie`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest

import requests
import structlog
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import Claimregel, Inlogkoppeling, Medewerker

log = structlog.get_logger(__name__)

BACKEND = "binnenboord.toegang.oidc.InlogkoppelingBackend"
CALLBACK_URL = "web:sso_terug"
# the connection chosen at the start of a log-in (its pk)
SESSIE_KOPPELING = "binnenboord_inlogkoppeling"
# set only by the callback after a log-in here: the pk of the connection (web/tweestaps.py)
SESSIE_SSO = "binnenboord_sso"
# why the last log-in here was refused: {"soort": ..., ...} for the refusal page
SESSIE_WEIGERING = "binnenboord_sso_weigering"
# how many values of one claim the refusal page names at most
MAX_WAARDEN = 20
WAAR = frozenset({"true", "1", "ja", "yes", "y", "disabled", "uitgezet"})


class Weigering(SuspiciousOperation):
    """A log-in refused for a reason the person should read (soort: onbekend, uitgezet,
    lokaal, geen_onderwerp)."""

    def __init__(self, soort: str, uitzetten: Medewerker | None = None, **gegevens: Any) -> None:
        super().__init__(soort)
        self.soort = soort
        self.uitzetten = uitzetten
        self.gegevens = gegevens


def instelling(koppeling: Inlogkoppeling | None, attr: str, *args: Any) -> Any:
    """mozilla-django-oidc's setting `attr` for `koppeling`: its endpoints and client from
    the connection, the rest (timeouts and such) the library's default."""
    if koppeling is not None:
        eigen = {
            "OIDC_OP_AUTHORIZATION_ENDPOINT": koppeling.autorisatie_url,
            "OIDC_OP_TOKEN_ENDPOINT": koppeling.token_url,
            "OIDC_OP_USER_ENDPOINT": koppeling.userinfo_url,
            "OIDC_OP_JWKS_ENDPOINT": koppeling.jwks_url or None,
            "OIDC_RP_CLIENT_ID": koppeling.client_id,
            "OIDC_RP_CLIENT_SECRET": koppeling.geheim(),
            "OIDC_RP_SIGN_ALGO": koppeling.ondertekening,
            "OIDC_RP_SCOPES": koppeling.scopes,
            "OIDC_USE_PKCE": koppeling.pkce,
        }
        if attr in eigen:
            return eigen[attr]
    vast = {
        "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL,
        "OIDC_RP_IDP_SIGN_KEY": None,
        "OIDC_CREATE_USER": True,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
        "OIDC_TIMEOUT": getattr(settings, "INLOGKOPPELING_TIMEOUT", 10),
    }
    if attr in vast:
        return vast[attr]
    return args[0] if args else None


def gekozen_koppeling(request: HttpRequest) -> Inlogkoppeling | None:
    """The active connection this session's log-in started with."""
    pk = request.session.get(SESSIE_KOPPELING)
    if not isinstance(pk, int):
        return None
    return Inlogkoppeling.objects.filter(pk=pk, actief=True).first()


def via_eigen_organisatie(request: HttpRequest) -> bool:
    """Whether this session's user logged in through their organisation's provider (and
    not with a password): the session was made by this backend, carries the mark only the
    callback sets, and the mark names the account's own connection."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    sessie = getattr(request, "session", None)
    if sessie is None:
        return False
    merk = sessie.get(SESSIE_SSO)
    return (
        sessie.get(BACKEND_SESSION_KEY) == BACKEND
        and isinstance(merk, int)
        and getattr(user, "inlogkoppeling_id", None) == merk
    )


def _tekst(claims: dict[str, Any], naam: str) -> str:
    if not naam:
        return ""
    waarde = claims.get(naam)
    if waarde is None or isinstance(waarde, dict | list | tuple):
        return ""
    return str(waarde).strip()


def _waarden(claims: dict[str, Any], naam: str) -> list[str]:
    waarde = claims.get(naam)
    if waarde is None:
        return []
    lijst = waarde if isinstance(waarde, list | tuple) else [waarde]
    return [str(w) for w in lijst][:MAX_WAARDEN]


# eduPersonAffiliation (Entree Federatie, SURFconext): a person with only these values is a
# pupil or student, never staff, whatever a claim rule says (the school's branch id is in a
# pupil's claims too, so a connection without its condition would make pupils school staff).
AFFILIATIE_CLAIM = "eduPersonAffiliation"
ALLEEN_LERENDEN = frozenset({"student", "learner", "affiliate", "alum"})


def is_lerende(claims: dict[str, Any]) -> bool:
    """Whether the claims say this person is a pupil or student and nothing more."""
    waarden = {w.strip().lower() for w in _waarden(claims, AFFILIATIE_CLAIM)}
    return bool(waarden) and waarden <= ALLEEN_LERENDEN


def is_uitgezet(koppeling: Inlogkoppeling, claims: dict[str, Any]) -> bool:
    """Whether the connection's disabled claim says the account is switched off."""
    if not koppeling.claim_uitgezet:
        return False
    waarde = claims.get(koppeling.claim_uitgezet)
    if isinstance(waarde, bool):
        return waarde
    return str(waarde).strip().lower() in WAAR if waarde is not None else False


def eerste_regel(koppeling: Inlogkoppeling, claims: dict[str, Any]) -> Claimregel | None:
    """The first claim rule (by volgorde, then creation) that the claims match."""
    for regel in koppeling.regels.select_related("organisatie").order_by("volgorde", "pk"):
        if regel.past_bij(claims):
            return regel
    return None


class InlogkoppelingBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow with the settings of the connection in the session."""

    koppeling: Inlogkoppeling | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # the library reads its settings here; ours come per log-in (authenticate)
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    def get_settings(self, attr: str, *args: Any) -> Any:
        return instelling(self.koppeling, attr, *args)

    def _gebruik(self, koppeling: Inlogkoppeling) -> None:
        self.koppeling = koppeling
        self.OIDC_OP_TOKEN_ENDPOINT = koppeling.token_url
        self.OIDC_OP_USER_ENDPOINT = koppeling.userinfo_url
        self.OIDC_OP_JWKS_ENDPOINT = koppeling.jwks_url or None
        self.OIDC_RP_CLIENT_ID = koppeling.client_id
        self.OIDC_RP_CLIENT_SECRET = koppeling.geheim()
        self.OIDC_RP_SIGN_ALGO = koppeling.ondertekening
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        # only our callback passes a nonce; the staff log-in form passes a password
        if request is None or "nonce" not in kwargs:
            return None
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name != CALLBACK_URL:
            return None
        koppeling = gekozen_koppeling(request)
        if koppeling is None:
            return None
        self._gebruik(koppeling)
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation) as fout:
            # the provider did not answer, or its tokens did not check out
            log.warning("sso_mislukt", koppeling=koppeling.slug, fout=type(fout).__name__)
            request.session[SESSIE_WEIGERING] = {"soort": "fout", "koppeling": koppeling.naam}
            return None

    def get_user(self, user_id: Any) -> Medewerker | None:
        # the session's user, while it is active and its connection is switched on
        return Medewerker.objects.filter(
            pk=user_id, is_active=True, inlogkoppeling__actief=True
        ).first()

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        # the ID token's claims, completed by the userinfo endpoint's (Entra ID puts groups
        # in the ID token, Entree Federatie and most others in userinfo)
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if "sub" in userinfo and userinfo["sub"] != payload.get("sub"):
            raise SuspiciousOperation("userinfo sub differs from the ID token's")
        claims = {**payload, **userinfo}
        try:
            with transaction.atomic():
                return self._medewerker(claims)
        except Weigering as weigering:
            assert self.koppeling is not None
            if weigering.uitzetten is not None:
                # after the rollback of the attempt: the switch-off itself stays
                Medewerker.objects.filter(pk=weigering.uitzetten.pk).update(is_active=False)
            self.request.session[SESSIE_WEIGERING] = {
                "soort": weigering.soort,
                "koppeling": self.koppeling.naam,
                **weigering.gegevens,
            }
            log.info("sso_geweigerd", koppeling=self.koppeling.slug, soort=weigering.soort)
            return None

    def _medewerker(self, claims: dict[str, Any]) -> Medewerker:
        koppeling = self.koppeling
        assert koppeling is not None
        onderwerp = _tekst(claims, koppeling.claim_onderwerp)
        if not onderwerp:
            raise Weigering("geen_onderwerp", claim=koppeling.claim_onderwerp)
        # without the connection's condition (e.g. staff only) no rule applies
        regel = (
            eerste_regel(koppeling, claims)
            if koppeling.voldoet_aan_voorwaarde(claims) and not is_lerende(claims)
            else None
        )
        uitgezet = is_uitgezet(koppeling, claims)
        bestaand = (
            Medewerker.objects.select_for_update()
            .filter(inlogkoppeling=koppeling, inlogonderwerp=onderwerp)
            .first()
        )
        if bestaand is not None:
            if not bestaand.is_active:
                raise Weigering("uitgezet")
            if uitgezet or regel is None:
                raise Weigering("uitgezet" if uitgezet else "geen_regel_meer", uitzetten=bestaand)
            self._neem_over(bestaand, claims, regel)
            bestaand.save()
            return bestaand
        if uitgezet:
            raise Weigering("uitgezet")
        if regel is None:
            namen = sorted(
                {r.claim for r in koppeling.regels.all()} | {koppeling.voorwaarde_claim} - {""}
            )
            raise Weigering(
                "onbekend",
                claims=[[naam, _waarden(claims, naam)] for naam in namen],
            )
        nieuw = Medewerker(
            username=self._gebruikersnaam(koppeling, onderwerp, claims),
            inlogkoppeling=koppeling,
            inlogonderwerp=onderwerp,
        )
        nieuw.set_unusable_password()
        self._neem_over(nieuw, claims, regel)
        nieuw.save()
        return nieuw

    def _neem_over(self, medewerker: Medewerker, claims: dict[str, Any], regel: Claimregel) -> None:
        koppeling = self.koppeling
        assert koppeling is not None
        medewerker.organisatie = regel.organisatie
        medewerker.rol = regel.rol
        for veld, claim, lengte in (
            ("email", koppeling.claim_email, 254),
            ("first_name", koppeling.claim_voornaam, 150),
            ("last_name", koppeling.claim_achternaam, 150),
        ):
            waarde = _tekst(claims, claim)
            if waarde:
                setattr(medewerker, veld, waarde[:lengte])

    def _gebruikersnaam(
        self, koppeling: Inlogkoppeling, onderwerp: str, claims: dict[str, Any]
    ) -> str:
        """The e-mail address, else `<slug>-<subject>`; a name a local account has is refused
        (never taken over), one another connection's account has gets a number."""
        basis = (_tekst(claims, koppeling.claim_email).lower() or f"{koppeling.slug}-{onderwerp}")[
            :140
        ]
        bezet = Medewerker.objects.filter(username__iexact=basis).first()
        if bezet is None:
            return basis
        if bezet.inlogkoppeling_id is None:
            raise Weigering("lokaal", gebruikersnaam=basis)
        volgnummer = 2
        while Medewerker.objects.filter(username__iexact=f"{basis}-{volgnummer}").exists():
            volgnummer += 1
        return f"{basis}-{volgnummer}"
