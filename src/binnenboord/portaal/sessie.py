# SPDX-License-Identifier: EUPL-1.2
"""The portal's own session: the Portaalgebruiker's id under SESSIE_SLEUTEL. Logging in to
the portal ends any staff log-in in the same browser (the session is flushed first), and a
staff log-in ends the portal session (receiver below), so one browser is never both.

`portaal_vereist` guards every portal page: without a portal session it sends the browser to
the portal's log-in page; with one it sets request.portaalgebruiker. Which case a page may
show is decided per request by regie.relatie.geldige_toegang(en)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from binnenboord.toegang.models import Portaalgebruiker

SESSIE_SLEUTEL = "portaal_gebruiker"
# the normalised invitation code of the e-mail's link (portaal.views.inloggen), kept in the
# session (never in a URL) until the user uses it on the log-in or the code page
CODE_SLEUTEL = "portaal_uitnodigingscode"

V = TypeVar("V", bound=Callable[..., HttpResponse])


def huidige_gebruiker(request: HttpRequest) -> Portaalgebruiker | None:
    pk = request.session.get(SESSIE_SLEUTEL)
    if pk is None:
        return None
    return Portaalgebruiker.objects.filter(pk=pk, is_actief=True).first()


def log_in(request: HttpRequest, gebruiker: Portaalgebruiker) -> HttpResponse:
    """Start the portal session (a new session id: no fixation) and go to the start page; to
    the code page instead when an invitation code from an e-mail's link waits in the session
    (it is kept through the new session, and filled in there for the user to confirm)."""
    code = request.session.get(CODE_SLEUTEL)
    if request.user.is_authenticated:
        logout(request)  # flushes the session
    else:
        request.session.flush()
    request.session[SESSIE_SLEUTEL] = gebruiker.pk
    Portaalgebruiker.objects.filter(pk=gebruiker.pk).update(laatst_ingelogd_op=timezone.now())
    if isinstance(code, str) and code:
        request.session[CODE_SLEUTEL] = code
        return HttpResponseRedirect(reverse("portaal:code"))
    return HttpResponseRedirect(reverse("portaal:start"))


def log_uit(request: HttpRequest) -> None:
    request.session.flush()


@receiver(user_logged_in)
def staf_log_in_beeindigt_portaal(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSIE_SLEUTEL, None)


def portaal_vereist[V: Callable[..., HttpResponse]](view: V) -> V:
    """A portal page: open to a portal session only (Django's staff log-in does not count)."""

    @wraps(view)
    def omhulsel(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        gebruiker = huidige_gebruiker(request)
        if gebruiker is None:
            return HttpResponseRedirect(reverse("portaal:inloggen"))
        request.portaalgebruiker = gebruiker  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return login_not_required(omhulsel)  # type: ignore[return-value]
