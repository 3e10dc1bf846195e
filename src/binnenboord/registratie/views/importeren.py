# SPDX-License-Identifier: EUPL-1.2
"""Upload a file, follow its import, and download the rejected rows to fix them.

The upload only stores the file and queues the import (services.zet_in_wachtrij); the
background worker (`binnenboord db_worker`) reads it, so no web request waits for a file's rows.
The import's page shows the progress and refreshes itself (htmx; without JavaScript a meta
refresh) until the result is there.

Who may open an import: registratie.selectors.zichtbare_imports. Every read of rejected rows
is written to the access log of each pupil those rows name (by BSN or onderwijsnummer)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from django_htmx.http import HttpResponseClientRedirect

from binnenboord.gedeeld.views import haal_of_404
from binnenboord.toegang.http import AppRequest
from binnenboord.verantwoording.inzage import log_gelezen, logt_inzage
from binnenboord.verantwoording.models import Inzage

from ..forms import ImportForm
from ..importeren import rapport
from ..importeren.bestanden import max_bytes
from ..importeren.kolommen import LESUREN
from ..importeren.normaliseren import normaliseer_bsn, normaliseer_onderwijsnummer
from ..importeren.rijsoorten import ARTIKELEN, REGIO_S, SCHOOLSOORTEN
from ..importeren.services import zet_in_wachtrij
from ..models import VERZUIMSOORTEN, Afwijzing, Import, Leerling
from ..selectors import mag_importeren, zichtbare_imports

AFWIJZINGEN_OP_SCHERM = 200

# Per kind of import: its columns and, for a column with a fixed set, the values it takes (the
# same tuples the row checks use, so the page and the checks never disagree).
FORMATEN: dict[str, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {
    "scholen": (
        ("brin", "vestiging", "naam", "soort", "gemeente", "regio"),
        {"soort": SCHOOLSOORTEN, "regio": REGIO_S},
    ),
    "leerlingen": (("bsn", "voornamen", "achternaam", "geboortedatum", "woongemeente"), {}),
    "inschrijvingen": (("bsn", "brin", "vestiging", "begindatum", "einddatum"), {}),
    "verzuim": (
        ("bsn", "brin", "vestiging", "datum", "minuten", "soort", "hele_dag", "reden_code"),
        {"soort": VERZUIMSOORTEN, "hele_dag": ("ja", "nee")},
    ),
    "vrijstellingen": (("bsn", "artikel", "begindatum", "einddatum"), {"artikel": ARTIKELEN}),
    "verzuimcodes": (
        ("brin", "vestiging", "code", "soort", "geoorloofd", "omschrijving"),
        {"soort": VERZUIMSOORTEN, "geoorloofd": ("ja", "nee")},
    ),
}
# Optional columns worth naming on the page, and the columns of absence per lesson.
OPTIONEEL = {"scholen": ("daglengte", "lesuur")}
PER_LESUUR = {"verzuim": LESUREN.kolommen}


def _formaten(form: ImportForm) -> list[dict[str, Any]]:
    """The column formats of the kinds this user may import, in the form's order."""
    return [
        {
            "soort": waarde,
            "label": label,
            "kolommen": ", ".join(FORMATEN[waarde][0]),
            "waarden": [(k, ", ".join(v)) for k, v in FORMATEN[waarde][1].items()],
            "optioneel": ", ".join(OPTIONEEL.get(waarde, ())),
            "per_lesuur": ", ".join(PER_LESUUR.get(waarde, ())),
        }
        for waarde, label in form.fields["soort"].choices  # type: ignore[attr-defined]
    ]


class UploadGrens(FileUploadHandler):
    """Stops storing an uploaded file as soon as it passes IMPORT_MAX_MB: the rest of the
    request is read and thrown away instead of being written to a temporary file first and
    refused afterwards. The view then shows the same message as the form's size check."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.te_groot = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > max_bytes():
            self.te_groot = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@csrf_exempt  # the upload handler must be set before the CSRF check reads the body
def imports(request: AppRequest) -> HttpResponse:
    grens = UploadGrens(request)
    request.upload_handlers.insert(0, grens)
    return _imports(request, grens)


@csrf_protect
def _imports(request: AppRequest, grens: UploadGrens) -> HttpResponse:
    if not mag_importeren(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, gebruiker=request.user)
    if grens.te_groot:
        maximum = getattr(settings, "IMPORT_MAX_MB", 100)
        form.is_valid()
        form.errors["bestand"] = form.error_class(
            [_("The file is larger than %(max)s MB.") % {"max": maximum}]
        )
    elif request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        bestand.seek(0)
        resultaat = zet_in_wachtrij(
            soort=form.cleaned_data["soort"],
            data=bestand.read(max_bytes() + 1),
            bestandsnaam=bestand.name,
            door=request.user,
        )
        url = reverse("registratie:import", args=[resultaat.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    context = {
        "form": form,
        "imports": zichtbare_imports(request.user)[:20],
        "formaten": _formaten(form),
    }
    return render(request, "registratie/imports.html", context)


def _haal_import(request: AppRequest, pk: int) -> Import:
    return haal_of_404(zichtbare_imports(request.user), pk)


def _log_afwijzingen(
    request: AppRequest,
    afwijzingen: list[Afwijzing],
    handeling: str,
    bron: str,
    reden: str,
) -> None:
    """Rejected rows hold pupils' data (BSN, names, address, a parent's phone) as they were in
    the file: a read writes a line in the access log of every existing pupil they name (by BSN
    or onderwijsnummer), or one line without pupil when they name none."""
    log_gelezen(
        request,
        genoemde_leerlingen(afwijzingen),
        bron=bron,
        handeling=handeling,
        reden=reden,
        aantal=len(afwijzingen),
    )


def genoemde_leerlingen(afwijzingen: list[Afwijzing]) -> list[Leerling]:
    """The existing pupils whose BSN or onderwijsnummer a rejected row holds (in its data or as
    its rejected value), in a fixed order."""
    bsns: set[str] = set()
    nummers: set[str] = set()
    for afwijzing in afwijzingen:
        gegevens = afwijzing.gegevens if isinstance(afwijzing.gegevens, dict) else {}
        for waarde in (gegevens.get("bsn"), afwijzing.waarde if afwijzing.veld == "bsn" else None):
            # as the importer reads it: "123.456.782" and "12345678" name a pupil too
            if bsn := normaliseer_bsn(str(waarde or "")):
                bsns.add(bsn)
        if nummer := normaliseer_onderwijsnummer(str(gegevens.get("onderwijsnummer") or "")):
            nummers.add(nummer)
    if not (bsns or nummers):
        return []
    return list(
        Leerling.objects.filter(Q(bsn__in=bsns) | Q(onderwijsnummer__in=nummers))
        .only("pk")
        .order_by("pk")
    )


@logt_inzage
def import_detail(request: AppRequest, pk: int) -> HttpResponse:
    gevonden = _haal_import(request, pk)
    loopt = gevonden.status in (Import.Status.WACHTRIJ, Import.Status.BEZIG)
    afwijzingen: list[Afwijzing] = []
    if not loopt:
        # while it runs the page refreshes itself: the rejected rows come with the result
        afwijzingen = list(gevonden.afwijzingen.all()[:AFWIJZINGEN_OP_SCHERM])
    if afwijzingen:
        _log_afwijzingen(
            request,
            afwijzingen,
            Inzage.Handeling.BEKIJKEN,
            "registratie:import",
            f"afgewezen rijen van import {gevonden.pk}",
        )
    template = "registratie/_import_status.html" if request.htmx else "registratie/import.html"
    return render(
        request, template, {"import": gevonden, "afwijzingen": afwijzingen, "loopt": loopt}
    )


@logt_inzage
def import_rapport(request: AppRequest, pk: int, formaat: str) -> HttpResponse:
    if formaat not in ("csv", "xlsx"):
        raise Http404
    gevonden = _haal_import(request, pk)
    _log_afwijzingen(
        request,
        list(gevonden.afwijzingen.all()),
        Inzage.Handeling.EXPORTEREN,
        "registratie:import_rapport",
        f"afgewezen rijen van import {gevonden.pk} als {formaat}",
    )
    basisnaam = f"afgewezen-rijen-import-{gevonden.pk}"
    if formaat == "xlsx":
        response = HttpResponse(
            rapport.afwijzingen_xlsx(gevonden),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(rapport.afwijzingen_csv(gevonden), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{basisnaam}.{formaat}"'
    return response
