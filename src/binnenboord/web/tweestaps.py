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
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

import django_otp
from two_factor import views as two_factor_views
from two_factor.utils import get_otpauth_url

from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.oidc import via_eigen_organisatie

from .forms import VerificatieForm

# Pages that a logged-in but unverified session may open: leaving, changing the language,
# the verification step itself, the browser's own request for the icon and a one-time log-in
# link (web/eenmalig.py: it names its own account and logs that one in).
ALTIJD_OPEN = frozenset(
    {"login", "logout", "set_language", "verificatie", "favicon", "eenmalig_inloggen"}
    # the health checks for load balancers (conf/gezondheid.py)
    | {"gezondheid_leeft", "gezondheid_klaar"}
)
# Only for an account without any device yet: setting one up. With a device, these would let
# someone who only knows the password add a second app, so they stay closed.
INRICHTEN = frozenset({"two_factor:setup", "two_factor:qr", "two_factor:setup_complete"})


def is_geverifieerd(request: HttpRequest) -> bool:
    """Whether this session passed the second step (or does not need to: a log-in through
    the own organisation's provider, which did the multi-factor, toegang/oidc.py)."""
    if not settings.TWEESTAPS_VERPLICHT or via_eigen_organisatie(request):
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
        if via_eigen_organisatie(request):
            # django-otp's own question (the API, two_factor's pages) gets the same answer
            request.user.is_verified = lambda: True  # type: ignore[union-attr]
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


# --- django-two-factor-auth's pages, in our words ------------------------------------------
# Its views do the work (the setup wizard, the QR code, the backup codes); the templates are
# ours (web/templates/two_factor/, in base.html) and so are the words of its forms.


class _OnzePagina:
    """The context every two-step page gets: whether the rest of Binnenboord is open to this
    session (then the page offers a way back to Vandaag)."""

    request: HttpRequest

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(*args, **kwargs)  # type: ignore[misc]
        context["kan_verder"] = is_geverifieerd(self.request)
        return context


def _in_onze_woorden(form: Any) -> Any:
    """The code field of the setup and disable forms, labelled and explained in our words."""
    if "token" in form.fields:
        veld = form.fields["token"]
        veld.label = _("Code from the app")
        veld.widget.attrs.pop("autofocus", None)
        veld.widget.attrs.update(autocomplete="one-time-code", inputmode="numeric")
        veld.error_messages = {**veld.error_messages, "invalid": _("Enter the six digits.")}
        form.error_messages = {
            **form.error_messages,
            "invalid_token": _("This code is not correct. Enter the code the app shows now."),
        }
    if "understand" in form.fields:
        form.fields["understand"].label = _("Yes, remove my app and my backup codes")
    return form


class Inrichten(_OnzePagina, two_factor_views.SetupView):
    """Setting up an authenticator app: a welcome step, then the QR code and a first code."""

    def get_prefix(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        return "setup_view"  # the package's own name for the wizard's fields and session data

    def get_form(self, step: str | None = None, **kwargs: Any) -> Any:
        return _in_onze_woorden(super().get_form(step, **kwargs))

    def get_context_data(self, form: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form, **kwargs)
        if "secret_key" in context:
            # the app names the account "Binnenboord: <user name>", not the server's host name
            context["otpauth_url"] = get_otpauth_url(
                self.request.user.get_username(),
                context["secret_key"],
                settings.OTP_TOTP_ISSUER,
            )
        return context


class QrCode(two_factor_views.QRGeneratorView):
    """The QR code of the setup step, an SVG image from our own origin (the CSP allows it)."""

    def get_issuer(self) -> str:
        return str(settings.OTP_TOTP_ISSUER)


class Ingericht(_OnzePagina, two_factor_views.SetupCompleteView):
    """The app works: next, backup codes."""


class Reservecodes(_OnzePagina, two_factor_views.BackupTokensView):
    """Ten backup codes, each usable once; making new ones voids the old ones."""


class Profiel(_OnzePagina, two_factor_views.ProfileView):
    """The user's own two-step verification: the app, the backup codes left."""


class Uitzetten(_OnzePagina, two_factor_views.DisableView):
    """Removing the app and the backup codes (a lost or new phone); with two-step
    verification required, the next page asks to set up an app again."""

    def get_form(self, form_class: Any = None) -> Any:
        return _in_onze_woorden(super().get_form(form_class))
