# SPDX-License-Identifier: EUPL-1.2
"""Log-in with the own organisation (toegang/oidc.py does the log-in itself): the start per
connection, the provider's answer (one callback address for every connection; the session
says which one started) and the page that says why a log-in was refused."""

from __future__ import annotations

from typing import Any

from django.contrib import auth
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render, resolve_url
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from binnenboord.toegang.models import Inlogkoppeling
from binnenboord.toegang.oidc import (
    SESSIE_KOPPELING,
    SESSIE_SSO,
    SESSIE_WEIGERING,
    gekozen_koppeling,
    instelling,
)


class _OpenVoorIedereen:
    """The log-in flow is open without a log-in (LoginRequiredMiddleware)."""

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        return login_not_required(never_cache(super().as_view(**initkwargs)))  # type: ignore[misc]


class SsoStart(_OpenVoorIedereen, OIDCAuthenticationRequestView):
    """Sends the browser to the provider of the active connection `slug` (PKCE, state and
    nonce in the session, as the library does), and remembers which connection it was."""

    koppeling: Inlogkoppeling | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # the library reads the provider here; ours is known once the slug is (get)
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get_settings(self, attr: str, *args: Any) -> Any:
        return instelling(self.koppeling, attr, *args)

    def get(self, request: HttpRequest, slug: str = "") -> HttpResponse:
        self.koppeling = get_object_or_404(Inlogkoppeling, slug=slug, actief=True)
        self.OIDC_OP_AUTH_ENDPOINT = self.koppeling.autorisatie_url
        self.OIDC_RP_CLIENT_ID = self.koppeling.client_id
        request.session[SESSIE_KOPPELING] = self.koppeling.pk
        request.session.pop(SESSIE_WEIGERING, None)
        antwoord: HttpResponse = super().get(request)
        return antwoord


class SsoTerug(_OpenVoorIedereen, OIDCAuthenticationCallbackView):
    """The provider's answer. On success: a fresh session for the account, marked as a log-in
    through the organisation (SESSIE_SSO: no second step of ours), on to Vandaag or the page
    asked for; otherwise the refusal page."""

    def get_settings(self, attr: str, *args: Any) -> Any:
        return instelling(gekozen_koppeling(self.request), attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        if gekozen_koppeling(request) is None:
            # no log-in started here, or its connection was switched off meanwhile
            return HttpResponseRedirect(reverse("web:sso_geweigerd"))
        antwoord: HttpResponse = super().get(request)
        return antwoord

    def login_success(self) -> HttpResponse:
        volgende = self.request.session.get("oidc_login_next") or resolve_url("web:vandaag")
        koppeling_pk = self.user.inlogkoppeling_id
        # always a new session key (another user's session is emptied first)
        auth.login(self.request, self.user)
        self.request.session[SESSIE_SSO] = koppeling_pk
        for sleutel in (SESSIE_KOPPELING, SESSIE_WEIGERING, "oidc_login_next"):
            self.request.session.pop(sleutel, None)
        return HttpResponseRedirect(volgende)

    def login_failure(self) -> HttpResponse:
        return HttpResponseRedirect(reverse("web:sso_geweigerd"))


@login_not_required
@require_safe
@never_cache
def sso_geweigerd(request: HttpRequest) -> HttpResponse:
    """Why the last log-in through an organisation did not go through, in words a person can
    act on: which claim value was not recognised, that the account was switched off, or that
    a local account has the name; and whom to ask."""
    weigering = request.session.get(SESSIE_WEIGERING)
    if not isinstance(weigering, dict):
        weigering = {"soort": "fout"}
    return render(request, "web/sso_geweigerd.html", {"weigering": weigering}, status=403)
