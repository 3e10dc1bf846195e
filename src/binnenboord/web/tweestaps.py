# SPDX-License-Identifier: EUPL-1.2
"""Two-step verification: after the password, a session must be verified with a code from an
authenticator app (TOTP) or a backup code before any page opens (docs/beveiliging.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

import django_otp

from binnenboord.toegang.http import AppRequest

from .forms import VerificatieForm

# Pages that a logged-in but unverified session may open: leaving, changing the language
# and the verification step itself.
ALTIJD_OPEN = frozenset({"login", "logout", "set_language", "verificatie"})
# Only for an account without any device yet: setting one up. With a device, these would let
# someone who only knows the password add a second app, so they stay closed.
INRICHTEN = frozenset({"two_factor:setup", "two_factor:qr", "two_factor:setup_complete"})


def is_geverifieerd(request: HttpRequest) -> bool:
    """Whether this session passed the second step (or does not need to)."""
    if not settings.TWEESTAPS_VERPLICHT:
        return True
    return bool(request.user.is_verified())  # type: ignore[union-attr]


class TweestapsMiddleware:
    """Sends a logged-in, unverified session to the code step (or to set up an app) from every
    page. The API (`/api/`) authenticates itself: there an unverified session counts as
    anonymous, so only API tokens or a verified session get data."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not request.user.is_authenticated or is_geverifieerd(request):
            return None
        if request.path.startswith(("/api/", settings.STATIC_URL)):
            request.user = AnonymousUser()
            return None
        match = request.resolver_match
        naam = match.view_name if match else ""
        if naam in ALTIJD_OPEN:
            return None
        heeft_app = django_otp.user_has_device(request.user, confirmed=True)
        if not heeft_app and naam in INRICHTEN:
            return None
        doel = "verificatie" if heeft_app else "two_factor:setup"
        return HttpResponseRedirect(
            f"{reverse(doel)}?{urlencode({'next': request.get_full_path()})}"
        )


def _volgende(request: HttpRequest) -> str:
    doel = request.POST.get("next") or request.GET.get("next") or ""
    veilig = url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return doel if veilig else reverse(settings.LOGIN_REDIRECT_URL)


@never_cache
def verificatie(request: AppRequest) -> HttpResponse:
    """The second step: one code from the app, or one backup code (used up by this)."""
    if is_geverifieerd(request):
        return redirect(_volgende(request))
    if not django_otp.user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('two_factor:setup')}?{urlencode({'next': _volgende(request)})}")
    form = VerificatieForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, form.apparaat)
        return redirect(_volgende(request))
    return render(request, "web/verificatie.html", {"form": form, "next": _volgende(request)})
