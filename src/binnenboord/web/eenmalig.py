# SPDX-License-Identifier: EUPL-1.2
"""The page a one-time log-in link opens (toegang.uitnodigen; docs/inrichten.md): choose a
password, then set up two-step verification.

As Django's password reset does, the link's token leaves the address bar at once: the first
request puts it in the session and redirects to the same page with a placeholder instead of
the token, so neither the browser history, a referrer nor our logs hold a working link. A GET
changes nothing (a mail scanner opening the link does not use it up); only sending the form
does: the new password makes every link given before worthless. A used, expired or forged
link gets a page of its own (410), never the log-in page or a server error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from binnenboord.gedeeld.forms import Opmaak
from binnenboord.toegang.models import Medewerker
from binnenboord.toegang.uitnodigen import URL_NAAM, medewerker_van_link

# Stands in the address for the token once it is in the session (Django's "set-password").
IN_SESSIE = "wachtwoord-kiezen"
SESSIESLEUTEL = "_eenmalige_link"


class WachtwoordKiezen(Opmaak, SetPasswordForm):
    """Django's SetPasswordForm (the password validators of the settings), in our markup."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()
        for veld in self.fields.values():
            veld.widget.attrs.pop("autofocus", None)
        self.fields["new_password1"].help_text = ""
        self.fields["new_password1"].widget = forms.PasswordInput(
            attrs={
                "autocomplete": "new-password",
                "class": "utrecht-textbox utrecht-textbox--html-input",
            }
        )


def _ongeldig(request: HttpRequest) -> HttpResponse:
    """The page of a link that no longer works (410 Gone). Django's request log would write
    the address, with the token, for every answer of 400 or more: not this one."""
    request.session.pop(SESSIESLEUTEL, None)
    antwoord = render(request, "web/eenmalig_ongeldig.html", status=410)
    antwoord._has_been_logged = True  # type: ignore[attr-defined]
    return antwoord


@login_not_required
@never_cache
@sensitive_variables("token")
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def eenmalig_inloggen(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """GET: the form to choose a password (nothing changes). POST: the password is set, the
    person logged in and sent to set up two-step verification."""
    if token != IN_SESSIE:
        # the link itself: remember the token, show the page under an address without it
        if medewerker_van_link(uidb64, token) is None:
            return _ongeldig(request)
        request.session[SESSIESLEUTEL] = token
        return redirect(URL_NAAM, uidb64=uidb64, token=IN_SESSIE)
    medewerker = medewerker_van_link(uidb64, request.session.get(SESSIESLEUTEL, ""))
    if medewerker is None:
        return _ongeldig(request)
    form = WachtwoordKiezen(medewerker, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        gebruiker: Medewerker = form.save()  # the new password: the link no longer works
        del request.session[SESSIESLEUTEL]
        login(request, gebruiker, backend="django.contrib.auth.backends.ModelBackend")
        volgende = reverse(settings.LOGIN_REDIRECT_URL)
        return redirect(f"{reverse('two_factor:setup')}?{urlencode({'next': volgende})}")
    return render(request, "web/eenmalig.html", {"form": form, "medewerker": medewerker})
