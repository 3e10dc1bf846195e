# SPDX-License-Identifier: EUPL-1.2
"""The user's own notifications: the list (newest first, unread marked, each sentence made now
in the reader's language), opening one (marks it read, then goes to its page, where access is
checked and logged), marking all read, and the choice of e-mail. Nobody sees or touches
another person's notification: every query is on the user's own rows, so another id is "not
found" (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binnenboord.toegang.http import AppRequest

from . import services
from .forms import VoorkeurForm
from .models import Notificatie, Notificatievoorkeur
from .teksten import zin

PER_PAGINA = 50
PERMISSIE = "notificaties.view_notificatie"


@permission_required(PERMISSIE, raise_exception=True)
def lijst(request: AppRequest) -> HttpResponse:
    pagina = Paginator(
        Notificatie.objects.filter(ontvanger=request.user).order_by("-aangemaakt_op", "-pk"),
        PER_PAGINA,
    ).get_page(request.GET.get("pagina"))
    regels = [(n, zin(n.soort, n.gegevens)) for n in pagina]
    return render(
        request,
        "notificaties/lijst.html",
        {
            "pagina": pagina,
            "regels": regels,
            "voorkeur": Notificatievoorkeur.Mail(services.voorkeur_van(request.user)).label,
        },
    )


@require_POST
@permission_required(PERMISSIE, raise_exception=True)
def openen(request: AppRequest, pk: int) -> HttpResponse:
    notificatie = Notificatie.objects.filter(ontvanger=request.user, pk=pk).first()
    if notificatie is None:
        raise Http404
    services.markeer_gelezen(medewerker=request.user, pk=notificatie.pk)
    doel = notificatie.url
    if doel.startswith("/") and url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(doel)
    return redirect("notificaties:lijst")


@require_POST
@permission_required(PERMISSIE, raise_exception=True)
def alles_gelezen(request: AppRequest) -> HttpResponse:
    if services.markeer_gelezen(medewerker=request.user):
        messages.success(request, _("All notifications are marked read."))
    return redirect("notificaties:lijst")


@permission_required(PERMISSIE, raise_exception=True)
def voorkeur(request: AppRequest) -> HttpResponse:
    if request.method == "POST":
        form = VoorkeurForm(request.POST)
        if form.is_valid():
            services.kies_voorkeur(medewerker=request.user, mail=form.cleaned_data["mail"])
            messages.success(request, _("Your choice is saved."))
            return redirect(reverse("notificaties:voorkeur"))
    else:
        form = VoorkeurForm(initial={"mail": services.voorkeur_van(request.user)})
    return render(request, "notificaties/voorkeur.html", {"form": form})
