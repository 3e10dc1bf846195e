# SPDX-License-Identifier: EUPL-1.2
"""DigiD for the portal through a configurable OpenID Connect provider (a DigiD broker), with
mozilla-django-oidc. Its settings are the library's, prefixed PORTAAL_ (conf/base.py), so a
staff OpenID Connect log-in can use the library's own names beside it.

The backend finds or makes a Portaalgebruiker by the BSN claim. It answers only the portal's
own callback (PortaalOIDCCallbackView): for any other authenticate() call, such as the staff
log-in form, it returns None at once, and it never gives a staff user (get_user is None)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest

from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from stdnum.nl import bsn as stdnum_bsn

from binnenboord.toegang.models import Portaalgebruiker

CALLBACK_URL = "portaal:oidc_callback"
# the mozilla-django-oidc settings that have a PORTAAL_ twin
_EIGEN = {"OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL}


def portaal_instelling(attr: str, *args: Any) -> Any:
    """mozilla-django-oidc's setting `attr`, read as PORTAAL_<attr> (or the default)."""
    if attr in _EIGEN:
        return _EIGEN[attr]
    if attr.startswith("OIDC_") and hasattr(settings, f"PORTAAL_{attr}"):
        return getattr(settings, f"PORTAAL_{attr}")
    if args:
        return args[0]
    return getattr(settings, f"PORTAAL_{attr}", "")


def digid_ingesteld() -> bool:
    return bool(settings.PORTAAL_OIDC_RP_CLIENT_ID and settings.PORTAAL_OIDC_OP_TOKEN_ENDPOINT)


class PortaalOIDCBackend(OIDCAuthenticationBackend):
    """Finds the Portaalgebruiker of the BSN claim, or makes one without access: the
    invitation code then links it to a case (portaal.views)."""

    get_settings = staticmethod(portaal_instelling)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        # only the portal's callback passes a nonce; the staff log-in passes a password
        if request is None or "nonce" not in kwargs or not digid_ingesteld():
            return None
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name != CALLBACK_URL:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation:
            # no valid BSN, or the account of this BSN is switched off: the log-in fails
            # (the callback sends the browser back to the log-in page with a message)
            return None

    def get_user(self, user_id: Any) -> None:
        # never a staff user from a session
        return None

    def _bsn(self, claims: dict[str, Any]) -> str:
        waarde = str(claims.get(settings.PORTAAL_OIDC_BSN_CLAIM, "") or "").strip()
        return waarde if stdnum_bsn.is_valid(waarde) else ""

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(self._bsn(claims))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return Portaalgebruiker.objects.filter(bsn=self._bsn(claims), is_actief=True)

    def create_user(self, claims: dict[str, Any]) -> Portaalgebruiker:
        bsn = self._bsn(claims)
        if not bsn:
            raise SuspiciousOperation("Geen geldig BSN van DigiD.")
        if Portaalgebruiker.objects.filter(bsn=bsn, is_actief=False).exists():
            raise SuspiciousOperation("Dit portaalaccount is uitgezet.")
        return Portaalgebruiker.objects.create(bsn=bsn)

    def update_user(self, user: Portaalgebruiker, claims: dict[str, Any]) -> Portaalgebruiker:
        return user


class _OpenVoorIedereen:
    """The log-in flow is open without a staff log-in (LoginRequiredMiddleware)."""

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        return login_not_required(super().as_view(**initkwargs))  # type: ignore[misc]


class PortaalOIDCRequestView(_OpenVoorIedereen, OIDCAuthenticationRequestView):
    """Sends the browser to the DigiD provider (not there when DigiD is not configured: no
    redirect to an empty provider address, which would loop back here)."""

    get_settings = staticmethod(portaal_instelling)

    def get(self, request: HttpRequest) -> Any:
        if not digid_ingesteld() or not settings.PORTAAL_OIDC_OP_AUTHORIZATION_ENDPOINT:
            raise Http404
        return super().get(request)


class PortaalOIDCCallbackView(_OpenVoorIedereen, OIDCAuthenticationCallbackView):
    """The provider's answer: on success the portal session starts (portaal.sessie), never a
    staff log-in."""

    get_settings = staticmethod(portaal_instelling)

    def login_success(self) -> Any:
        from binnenboord.portaal.sessie import log_in

        gebruiker: Portaalgebruiker = self.user
        return log_in(self.request, gebruiker)

    @property
    def failure_url(self) -> str:
        from django.urls import reverse

        return reverse("portaal:inloggen") + "?mislukt=digid"
