# SPDX-License-Identifier: EUPL-1.2
"""Log-in to the portal (docs/relatie.md, "Inloggen"): DigiD (portaal.oidc), the invitation
code with a password (the demo, and where DigiD is not configured: PORTAAL_INLOG_MET_CODE),
the invitation code after a DigiD log-in or for a second child, the start page, log-out.

A wrong code or password gets one message that does not say which was wrong. Failed attempts
are counted per IP address and code, and per IP address, in the cache; past the limit
(AXES_FAILURE_LIMIT, four times that per address) the form refuses for AXES_COOLOFF_MINUTES,
as the staff log-in does."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from axes.helpers import get_client_ip_address

from binnenboord.regie.relatie import reden_geen_toegang, toegangen_van
from binnenboord.regie.services.relatie import RelatieNietMogelijk, aanvaard, normaliseer_code
from binnenboord.toegang.models import Portaalgebruiker
from binnenboord.verantwoording.models import Inzage

from ..inlogformulieren import CODE_LENGTE, ActiveerFormulier, CodeFormulier, InlogFormulier
from ..inzage import log_portaal
from ..oidc import digid_ingesteld
from ..sessie import CODE_SLEUTEL, huidige_gebruiker, log_in, log_uit, portaal_vereist

# the limit per address over all codes, as a multiple of the limit per address and code
PER_ADRES = 4


# --- failed attempts --------------------------------------------------------------------------


def _sleutels(request: HttpRequest, code: str) -> tuple[str, str]:
    adres = get_client_ip_address(request) or "onbekend"
    return f"portaal-inlog:{adres}:{code}", f"portaal-inlog:{adres}"


def _limiet() -> int:
    return int(settings.AXES_FAILURE_LIMIT)


def geblokkeerd(request: HttpRequest, code: str) -> bool:
    met_code, adres = _sleutels(request, code)
    return (
        int(cache.get(met_code, 0)) >= _limiet()
        or int(cache.get(adres, 0)) >= _limiet() * PER_ADRES
    )


def _mislukt(request: HttpRequest, code: str) -> None:
    duur = int(settings.AXES_COOLOFF_TIME.total_seconds())
    for sleutel in _sleutels(request, code):
        cache.add(sleutel, 0, timeout=duur)
        try:
            cache.incr(sleutel)
        except ValueError:  # expired in between
            cache.set(sleutel, 1, timeout=duur)


def _gelukt(request: HttpRequest, code: str) -> None:
    cache.delete(_sleutels(request, code)[0])


def _te_vaak() -> str:
    minuten = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _("You tried too often. Try again in %(minuten)d minutes.") % {"minuten": minuten}


NIET_GELUKT = gettext_lazy("Logging in did not work. Check the code and the password.")
CODE_WERKT_NIET = gettext_lazy(
    "This code does not work. It may be used already or too old. Ask for a new code from the "
    "person who invited you."
)


# --- the code of an e-mail's link -------------------------------------------------------------


def _bewaar_code(request: HttpRequest) -> None:
    """The invitation e-mail links to the log-in page with `?code=`: the normalised code goes
    into the session (an odd or too long value is ignored), for the first-time form, and
    through a DigiD log-in to the code page (sessie.log_in)."""
    ingevuld = normaliseer_code(request.GET.get("code", "")[: CODE_LENGTE * 2])
    if ingevuld and len(ingevuld) <= CODE_LENGTE:
        request.session[CODE_SLEUTEL] = ingevuld


def _wachtende_code(request: HttpRequest) -> str:
    code = request.session.get(CODE_SLEUTEL)
    return code if isinstance(code, str) else ""


# --- the pages --------------------------------------------------------------------------------


def _pagina(request: HttpRequest, **formulieren: Any) -> HttpResponse:
    context = {
        "digid": digid_ingesteld(),
        "met_code": settings.PORTAAL_INLOG_MET_CODE,
        "inloggen": formulieren.get("inloggen") or InlogFormulier(prefix="inloggen"),
        "activeren": formulieren.get("activeren")
        or ActiveerFormulier(prefix="activeren", initial={"code": _wachtende_code(request)}),
        "digid_mislukt": request.GET.get("mislukt") == "digid",
    }
    status = 429 if formulieren.get("te_vaak") else 200
    return render(request, "portaal/inloggen.html", context, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def inloggen(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        if "code" in request.GET:
            # kept in the session, and the same page again without the code in its address
            # (no browser history, Referer or later log line carries it); a fixed address
            _bewaar_code(request)
            return HttpResponseRedirect(reverse("portaal:inloggen"))
        if huidige_gebruiker(request) is not None:
            if _wachtende_code(request):
                return HttpResponseRedirect(reverse("portaal:code"))
            return HttpResponseRedirect(reverse("portaal:start"))
        return _pagina(request)
    if not settings.PORTAAL_INLOG_MET_CODE:
        raise Http404
    if request.POST.get("actie") == "activeren":
        return _activeer(request)
    formulier = InlogFormulier(request.POST, prefix="inloggen")
    if not formulier.is_valid():
        return _pagina(request, inloggen=formulier)
    code = formulier.cleaned_data["code"]
    if geblokkeerd(request, code):
        formulier.add_error(None, _te_vaak())
        return _pagina(request, inloggen=formulier, te_vaak=True)
    gebruiker = Portaalgebruiker.objects.filter(inlognaam=code, is_actief=True).first()
    if gebruiker is None:
        make_password(formulier.cleaned_data["wachtwoord"])  # as long as a real check
    elif gebruiker.controleer_wachtwoord(formulier.cleaned_data["wachtwoord"]):
        _gelukt(request, code)
        if _wachtende_code(request) == code:  # the link of the code they log in with
            request.session.pop(CODE_SLEUTEL, None)
        return log_in(request, gebruiker)
    _mislukt(request, code)
    formulier.add_error(None, NIET_GELUKT)
    return _pagina(request, inloggen=formulier)


def _activeer(request: HttpRequest) -> HttpResponse:
    """The first log-in with a new code: the account (log-in name = the code) and the
    invitation accepted, in one transaction."""
    formulier = ActiveerFormulier(request.POST, prefix="activeren")
    if not formulier.is_valid():
        return _pagina(request, activeren=formulier)
    code = formulier.cleaned_data["code"]
    if geblokkeerd(request, code):
        formulier.add_error(None, _te_vaak())
        return _pagina(request, activeren=formulier, te_vaak=True)
    try:
        with transaction.atomic():
            if Portaalgebruiker.objects.filter(inlognaam=code).exists():
                raise RelatieNietMogelijk("code al gebruikt")
            gebruiker = Portaalgebruiker(inlognaam=code)
            gebruiker.set_wachtwoord(formulier.cleaned_data["wachtwoord"])
            gebruiker.save()
            aanvaard(code=code, gebruiker=gebruiker)
    except (RelatieNietMogelijk, IntegrityError):
        _mislukt(request, code)
        formulier.add_error(None, CODE_WERKT_NIET)
        return _pagina(request, activeren=formulier)
    _gelukt(request, code)
    request.session.pop(CODE_SLEUTEL, None)  # used
    return log_in(request, gebruiker)


@portaal_vereist
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    """An invitation code for the logged-in user: after a DigiD log-in without access, or to
    add another child."""
    gebruiker: Portaalgebruiker = request.portaalgebruiker  # type: ignore[attr-defined]
    # the code of an e-mail's link is filled in; the user still confirms it with the button
    formulier = CodeFormulier(
        request.POST or None, prefix="uitnodiging", initial={"code": _wachtende_code(request)}
    )
    status = 200
    if request.method == "POST" and formulier.is_valid():
        ingevuld = formulier.cleaned_data["code"]
        if geblokkeerd(request, ingevuld):
            formulier.add_error(None, _te_vaak())
            status = 429
        else:
            try:
                aanvaard(code=ingevuld, gebruiker=gebruiker)
            except RelatieNietMogelijk as fout:
                # logged in: the service's own reason (another BSN, already has access)
                _mislukt(request, ingevuld)
                formulier.add_error(None, str(fout))
            else:
                _gelukt(request, ingevuld)
                request.session.pop(CODE_SLEUTEL, None)
                messages.success(request, _("The code worked. You now have access."))
                return HttpResponseRedirect(reverse("portaal:start"))
    heeft_toegangen = toegangen_van(gebruiker).exists()
    return render(
        request,
        "portaal/code.html",
        {"formulier": formulier, "heeft_toegangen": heeft_toegangen},
        status=status,
    )


@portaal_vereist
@require_http_methods(["GET"])
def start(request: HttpRequest) -> HttpResponse:
    """The user's cases: one → its overview; several → a list; none valid → why not."""
    gebruiker: Portaalgebruiker = request.portaalgebruiker  # type: ignore[attr-defined]
    alle = list(toegangen_van(gebruiker))
    if not alle:
        return HttpResponseRedirect(reverse("portaal:code"))
    redenen = {t.pk: reden_geen_toegang(t) for t in alle}
    geldig = [t for t in alle if not redenen[t.pk]]
    if len(geldig) == 1:
        return HttpResponseRedirect(reverse("portaal:casus", args=[geldig[0].pk]))
    kinderen = [
        {
            "toegang": t,
            "voornaam": t.casus.leerling.voornamen.split()[0] if t.casus.leerling.voornamen else "",
            "start": t.casus.start,
        }
        for t in geldig
    ]
    niet = list(dict.fromkeys(redenen[t.pk] for t in alle if redenen[t.pk]))
    # the list names each child (first name, start of the case): one access-log line per
    # pupil shown, as a staff list does
    getoond: set[int] = set()
    for t in geldig:
        if t.casus.leerling_id not in getoond:
            getoond.add(t.casus.leerling_id)
            log_portaal(request, t, bron="portaal:start", handeling=Inzage.Handeling.ZOEKEN)
    return render(request, "portaal/start.html", {"kinderen": kinderen, "redenen": niet})


@login_not_required
@require_POST
def uitloggen(request: HttpRequest) -> HttpResponse:
    log_uit(request)
    return HttpResponseRedirect(reverse("portaal:inloggen"))


urls: list[URLPattern] = [
    path("", start, name="start"),
    path("inloggen/", inloggen, name="inloggen"),
    path("uitloggen/", uitloggen, name="uitloggen"),
    path("code/", code, name="code"),
]
