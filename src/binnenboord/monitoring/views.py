# SPDX-License-Identifier: EUPL-1.2
"""The monitoring screens (docs/monitoring.md): the dashboard per role, the list behind a
number, and the export of a report. The report is built once per request. Policy staff see it
suppressed (no number below 5, no list behind a number); the other roles with figures see the
exact numbers, and a count opens the records behind it that they may see, access-logged. A
scope the user may not see answers 404, the same as one that does not exist. PDF and Excel are
made in the background (exporten.py): the export's page follows it and offers the file."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from binnenboord.regie.beoordeling import beoordeel_in_bulk
from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import log_gelezen, logt_inzage

from . import grafieken
from .exporten import FORMATEN_OP_DE_ACHTERGROND, bewaaruren, maak_rapport, vraag_aan
from .exporteren import FORMATEN, MEDIATYPES, bestandsnaam, celtekst, exporteer, onderdrukkingsnoot
from .forms import Keuze, RapportForm
from .models import Export
from .rapport import Cel, Grafiek, Kolom, OngeldigeInvoer, Rapport, Rij, Scope, Sectie, Tabel
from .selectors import lijst as lijst_van
from .selectors import scopes_voor
from .uitleg import Begrip, begrippen, kopcijfers, niets_te_tekenen

FORMAATLABELS = {"xlsx": "Excel", "pdf": "PDF", "csv": "CSV", "json": "JSON"}
# the number of columns of each kind of list (lijst.html)
BREEDTE = {"leerling": 3, "casus": 6, "signaal": 4, "melding": 4, "vrijstelling": 4}


# --- what the template shows -----------------------------------------------------------------


@dataclass(frozen=True)
class Celweergave:
    tekst: str
    numeriek: bool
    # the list behind the number (None: no link)
    url: str | None = None


@dataclass(frozen=True)
class Rijweergave:
    rij: Rij
    cellen: list[Celweergave]


@dataclass(frozen=True)
class Grafiekweergave:
    grafiek: Grafiek
    svg: SafeString
    # why nothing is drawn ("" when the chart is drawn): every value suppressed, or none
    leeg: str = ""


@dataclass(frozen=True)
class Tabelweergave:
    tabel: Tabel
    id: str
    rijen: list[Rijweergave]
    grafieken: list[Grafiekweergave] = field(default_factory=list)
    # the statistical terms the table uses, explained in plain words
    begrippen: list[Begrip] = field(default_factory=list)

    @property
    def breed(self) -> bool:
        """Too wide to stand beside its chart (more than one column of values)."""
        return len(self.tabel.kolommen) > 2


@dataclass(frozen=True)
class Sectieweergave:
    sectie: Sectie
    tabellen: list[Tabelweergave]


def _weergave(rapport: Rapport, keuze: Keuze, *, met_lijsten: bool) -> list[Sectieweergave]:
    """The report for the template: every chart beside the table it is drawn from, and for a
    count with records behind it (and a user who may open it) the link to that list."""
    secties = []
    for sectie in rapport.secties:
        per_tabel: dict[str, list[Grafiek]] = {}
        for grafiek in sectie.grafieken:
            per_tabel.setdefault(grafiek.tabel, []).append(grafiek)
        tabellen = []
        for tabel in sectie.tabellen:
            rijen = [
                Rijweergave(
                    rij,
                    [
                        _cel(kolom, cel, keuze, tabel, rij, met_lijsten=met_lijsten)
                        for kolom, cel in zip(tabel.kolommen, rij.cellen, strict=True)
                    ],
                )
                for rij in tabel.rijen
            ]
            tekeningen = []
            for g in per_tabel.get(tabel.sleutel, []):
                leeg = niets_te_tekenen(g, tabel)
                svg = mark_safe("") if leeg else _svg(g, tabel, f"{sectie.sleutel}-{g.sleutel}")
                tekeningen.append(Grafiekweergave(g, svg, leeg))
            tabellen.append(
                Tabelweergave(
                    tabel,
                    f"tabel-{sectie.sleutel}-{tabel.sleutel}",
                    rijen,
                    tekeningen,
                    begrippen(tabel),
                )
            )
        secties.append(Sectieweergave(sectie, tabellen))
    return secties


def _svg(grafiek: Grafiek, tabel: Tabel, sleutel: str) -> SafeString:
    """The chart as inline SVG. Drawing takes most of a dashboard's time and depends only on
    the values (not on the ids behind them) and the language, so a drawing is kept for the
    next request that shows the same numbers."""
    zonder_ids = replace(
        tabel,
        rijen=tuple(
            replace(rij, cellen=tuple(replace(cel, ids=frozenset()) for cel in rij.cellen))
            for rij in tabel.rijen
        ),
    )
    # grafieken.svg escapes every text it writes
    return mark_safe(_getekend(grafiek, zonder_ids, f"grafiek-{sleutel}", get_language()))


@lru_cache(maxsize=128)
def _getekend(grafiek: Grafiek, tabel: Tabel, id: str, taal: str) -> str:
    return grafieken.svg(grafiek, tabel, id=id)


def _cel(
    kolom: Kolom, cel: Cel, keuze: Keuze, tabel: Tabel, rij: Rij, *, met_lijsten: bool
) -> Celweergave:
    numeriek = kolom.soort != "tekst"
    url = None
    if met_lijsten and kolom.lijst is not None and cel.ids and not cel.onderdrukt:
        url = _url(
            "monitoring:lijst",
            keuze,
            tabel=tabel.sleutel,
            rij=rij.sleutel,
            kolom=kolom.sleutel,
        )
    return Celweergave(celtekst(kolom, cel), numeriek, url)


def _url(naam: str, keuze: Keuze, **extra: str) -> str:
    return f"{reverse(naam)}?{urlencode({**keuze.parameters(), **extra})}"


# --- reading the choice ----------------------------------------------------------------------


def _form(request: AppRequest, scopes: list[Any], *, standaard: bool) -> RapportForm:
    gegevens = request.GET.copy()
    if standaard:
        gegevens.setdefault("soort", "maand")
        if scopes:
            gegevens.setdefault("scope", scopes[0].tekst)
    return RapportForm(gegevens, scopes=scopes, vandaag=timezone.localdate())


def _keuze_van_link(request: AppRequest) -> Keuze:
    """The choice in a link (the list, the export): anything unreadable is not found."""
    form = _form(request, [], standaard=False)
    if not form.is_valid():
        raise Http404
    keuze = form.keuze()
    _mag_zien(request, keuze)
    return keuze


def _mag_zien(request: AppRequest, keuze: Keuze) -> None:
    for scope in (keuze.scope, keuze.vergelijk_met):
        if scope is not None and not _mag(request, "monitoring.view_rapport", scope):
            raise Http404


def _mag(request: AppRequest, permissie: str, scope: Scope) -> bool:
    # the rules take a Scope as the object (monitoring.rules.scope_zichtbaar), not a model
    object_: Any = scope
    return request.user.has_perm(permissie, object_)


def _maak(keuze: Keuze) -> Rapport:
    return maak_rapport(keuze)


# --- the views -------------------------------------------------------------------------------


@permission_required("monitoring.view_cijfers", raise_exception=True)
def dashboard(request: AppRequest) -> HttpResponse:
    scopes = scopes_voor(request.user)
    form = _form(request, scopes, standaard=True)
    context: dict[str, Any] = {"form": form, "scopes": scopes, "rapport": None}
    if not scopes and "scope" not in request.GET:
        return render(request, "monitoring/dashboard.html", context)
    if form.is_valid():
        keuze = form.keuze()
        _mag_zien(request, keuze)
        try:
            rapport = _maak(keuze)
        except OngeldigeInvoer as fout:
            form.add_error(None, str(fout))
        else:
            met_lijsten = _mag(request, "monitoring.view_lijst", keuze.scope)
            if not met_lijsten:
                rapport = rapport.onderdrukt()
            context.update(
                rapport=rapport,
                kopcijfers=kopcijfers(rapport),
                secties=_weergave(rapport, keuze, met_lijsten=met_lijsten),
                onderdrukkingsnoot=onderdrukkingsnoot() if rapport.onderdrukking else "",
                exports=[
                    (
                        FORMAATLABELS[f],
                        _url("monitoring:export", keuze, formaat=f),
                        f in FORMATEN_OP_DE_ACHTERGROND,
                    )
                    for f in FORMATEN
                ],
            )
    return render(request, "monitoring/dashboard.html", context)


@permission_required("monitoring.view_cijfers", raise_exception=True)
@logt_inzage
def lijst(request: AppRequest) -> HttpResponse:
    keuze = _keuze_van_link(request)
    if not _mag(request, "monitoring.view_lijst", keuze.scope):
        # policy staff: figures, never the pupils behind them
        raise PermissionDenied
    rapport = _maak(keuze)
    try:
        tabel = rapport.tabel(request.GET["tabel"])
        kolom = tabel.kolom(request.GET["kolom"])
        rij = next(r for r in tabel.rijen if r.sleutel == request.GET["rij"])
    except (KeyError, StopIteration):
        raise Http404 from None
    if kolom.lijst is None:
        raise Http404
    cel = tabel.cel(rij.sleutel, kolom.sleutel)
    gevonden = lijst_van(request.user, kolom.lijst, cel.ids)
    fasen = _fasen(gevonden.rijen, rapport.peildatum) if kolom.lijst == "casus" else {}
    log_gelezen(request, gevonden.leerlingen, bron="monitoring:lijst", aantal=len(gevonden.rijen))
    return render(
        request,
        "monitoring/lijst.html",
        {
            "rapport": rapport,
            "tabel": tabel,
            "rij": rij,
            "kolom": kolom,
            "lijst": gevonden,
            "rijen": [(x, fasen.get(x.pk, "")) for x in gevonden.rijen],
            "breedte": BREEDTE[kolom.lijst],
            "terug": _url("monitoring:dashboard", keuze),
        },
    )


def _fasen(casussen: list[Any], peildatum: date) -> dict[int, str]:
    """The phase of each case on the report's reference date."""
    return {pk: b.fase.naam for pk, b in beoordeel_in_bulk(casussen, peildatum).items()}


@permission_required("monitoring.view_cijfers", raise_exception=True)
def export(request: AppRequest) -> HttpResponse:
    """CSV and JSON are made at once (a GET answers the file). PDF and Excel take seconds (the
    annual report's PDF about six): a POST asks for one, made by the background worker, and
    leads to its page; a GET (an old link) shows the button that asks for it."""
    formaat = next((f for f in FORMATEN if f == request.GET.get("formaat")), None)
    if formaat is None:
        raise Http404
    keuze = _keuze_van_link(request)
    if formaat in FORMATEN_OP_DE_ACHTERGROND:
        if request.method == "POST":
            aangevraagd = vraag_aan(door=request.user, keuze=keuze, formaat=formaat)
            return redirect("monitoring:exportstatus", pk=aangevraagd.pk)
        return render(
            request,
            "monitoring/export_aanvragen.html",
            {
                "formaat": FORMAATLABELS[formaat],
                "actie": _url("monitoring:export", keuze, formaat=formaat),
                "terug": _url("monitoring:dashboard", keuze),
            },
        )
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    rapport = _maak(keuze)
    # aggregated figures only, small numbers suppressed (exporteren does): no access log
    antwoord = HttpResponse(exporteer(rapport, formaat), content_type=MEDIATYPES[formaat])
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam(rapport, formaat)}"'
    return antwoord


def _eigen_export(request: AppRequest, pk: int, *, met_inhoud: bool = False) -> Export:
    """The user's own export whose area they may still see; anything else is not found:
    someone else's export, of this or another municipality, and any export for a role without
    figures (a school) answer as one that does not exist (rule monitoring.view_export)."""
    exporten = Export.objects.filter(medewerker_id=request.user.pk)
    if not met_inhoud:
        exporten = exporten.defer("inhoud")
    gevonden = exporten.filter(pk=pk).first()
    export_: Any = gevonden
    if gevonden is None or not request.user.has_perm("monitoring.view_export", export_):
        raise Http404
    return gevonden


@require_GET
def exportstatus(request: AppRequest, pk: int) -> HttpResponse:
    """ "Uw export wordt gemaakt": refreshes itself every 2 seconds (htmx; without JavaScript
    a link) until the file is ready or the export failed."""
    gevonden = _eigen_export(request, pk)
    context = {
        "export": gevonden,
        "bewaaruren": bewaaruren(),
        "terug": _dashboardlink(gevonden),
    }
    template = "monitoring/_exportstatus.html" if request.htmx else "monitoring/export.html"
    return render(request, template, context)


def _dashboardlink(gevonden: Export) -> str:
    parameters = {k: str(v) for k, v in gevonden.parameters.items()}
    return f"{reverse('monitoring:dashboard')}?{urlencode(parameters)}"


@require_GET
def exportbestand(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = _eigen_export(request, pk, met_inhoud=True)
    if gevonden.status != Export.Status.KLAAR or gevonden.inhoud is None:
        raise Http404
    formaat: Any = gevonden.formaat
    # aggregated figures only, small numbers suppressed: no access log
    antwoord = HttpResponse(bytes(gevonden.inhoud), content_type=MEDIATYPES[formaat])
    antwoord["Content-Disposition"] = f'attachment; filename="{gevonden.bestandsnaam}"'
    return antwoord
