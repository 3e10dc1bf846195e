# SPDX-License-Identifier: EUPL-1.2
"""The portal's AVG pages and the questionnaire (docs/relatie.md, "AVG-rechten",
"Werkt dit?"): what is registered about the child and the person (as a page, a PDF and JSON),
who looked at the child's file, a request to correct something, and "werkt dit?".

Every page reaches the case only through portaal.inzage.casuspagina (the access valid today,
else 404) and writes the access log; the two downloads as "exporteren". The writes go through
regie.services.relatie."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from binnenboord.gedeeld.forms import Opmaak
from binnenboord.monitoring.terugkoppeling import vragen
from binnenboord.regie.models import Correctieverzoek, Portaaltoegang, Terugkoppeling
from binnenboord.regie.services import relatie as diensten
from binnenboord.regie.services.justitie import als_pdf
from binnenboord.regie.services.relatie import RelatieNietMogelijk
from binnenboord.verantwoording.models import Inzage

from .. import avg
from ..inzage import casuspagina
from . import toon

PER_PAGINA = 25
MAX_TEKST = 5000


def _bestandsnaam(toegang: Portaaltoegang, extensie: str) -> str:
    return f"binnenboord-gegevens-{timezone.localdate():%Y-%m-%d}.{extensie}"


# --- what is registered ----------------------------------------------------------------------


@casuspagina("portaal:gegevens")
@require_GET
def gegevens(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    return toon(request, toegang, "gegevens.html", {"kopie": avg.kopie(toegang)})


@casuspagina("portaal:gegevens_pdf", handeling=Inzage.Handeling.EXPORTEREN)
@require_GET
def gegevens_pdf(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    html = render_to_string(
        "portaal/gegevens_pdf.html",
        {"toegang": toegang, "is_leerling": toegang.is_leerling, "kopie": avg.kopie(toegang)},
        request=request,
    )
    antwoord = HttpResponse(als_pdf(html), content_type="application/pdf")
    antwoord["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(toegang, "pdf")}"'
    return antwoord


@casuspagina("portaal:gegevens_json", handeling=Inzage.Handeling.EXPORTEREN)
@require_GET
def gegevens_json(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    inhoud = json.dumps(avg.kopie(toegang), ensure_ascii=False, indent=2)
    antwoord = HttpResponse(inhoud.encode(), content_type="application/json; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(toegang, "json")}"'
    return antwoord


# --- who looked ------------------------------------------------------------------------------


@casuspagina("portaal:wie_keek")
@require_GET
def wie_keek(request: HttpRequest, toegang: Portaaltoegang, pagina: int = 1) -> HttpResponse:
    # the page number is part of the path (an int): no query parameter is read here
    # the professionals' reads are the list; the family's own are one line above it
    blad = Paginator(avg.inzagen_professionals(toegang), PER_PAGINA).get_page(pagina)
    return toon(
        request,
        toegang,
        "wie_keek.html",
        {
            "pagina": blad,
            "regels": [avg.als_regel(i, toegang) for i in blad.object_list],
            "gezin": avg.inzagen_gezin(toegang),
        },
    )


# --- correction ------------------------------------------------------------------------------


class Correctieform(Opmaak, forms.Form):
    wat = forms.CharField(
        label=gettext_lazy("What is wrong?"),
        help_text=gettext_lazy("For example: the date of birth, or a note about a talk."),
        max_length=300,
        error_messages={
            "required": gettext_lazy("Write what is wrong."),
            "max_length": gettext_lazy("This text is too long. Keep it shorter."),
        },
    )
    toelichting = forms.CharField(
        label=gettext_lazy("What should it be?"),
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext_lazy("Write what it should be."),
            "max_length": gettext_lazy("This text is too long. Keep it shorter."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for veld, fout in (
            ("wat", gettext_lazy("Write what is wrong.")),
            ("toelichting", gettext_lazy("Write what it should be.")),
        ):
            if veld in data:
                data[veld] = str(data[veld]).strip()
                if not data[veld]:
                    self.add_error(veld, fout)
        return data


@casuspagina("portaal:correctie")
@require_http_methods(["GET", "POST"])
def correctie(request: HttpRequest, toegang: Portaaltoegang) -> HttpResponse:
    form = Correctieform(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            diensten.vraag_correctie(
                toegang=toegang,
                wat=form.cleaned_data["wat"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except RelatieNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("Thank you. The case director got your request."))
            return HttpResponseRedirect(reverse("portaal:correctie", args=[toegang.pk]))
    verzoeken = Correctieverzoek.objects.filter(
        casus=toegang.casus, toegang__in=avg.eigen_toegangen(toegang)
    ).order_by("-ingediend_op", "-pk")
    return toon(
        request,
        toegang,
        "correctie.html",
        {"form": form, "verzoeken": verzoeken},
    )


# --- "werkt dit?" ----------------------------------------------------------------------------

SCHAAL = (
    (1, gettext_lazy("not at all")),
    (2, gettext_lazy("not really")),
    (3, gettext_lazy("a little")),
    (4, gettext_lazy("mostly")),
    (5, gettext_lazy("completely")),
)


class Vragenlijstform(Opmaak, forms.Form):
    open_antwoord = forms.CharField(
        label=gettext_lazy("Is there anything else you want to tell us?"),
        help_text=gettext_lazy("You do not have to. Please do not write names."),
        required=False,
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": gettext_lazy("This text is too long. Keep it shorter.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        velden: dict[str, forms.Field] = {}
        for code, tekst in vragen():
            velden[f"vraag_{code}"] = forms.TypedChoiceField(
                label=tekst,
                choices=[(str(w), f"{w} – {label}") for w, label in SCHAAL],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose an answer from 1 to 5."),
                    "invalid_choice": _("Choose an answer from 1 to 5."),
                },
            )
        self.fields = {**velden, "open_antwoord": self.fields["open_antwoord"]}
        self._opmaak()

    def antwoorden(self) -> dict[str, int]:
        return {
            naam.removeprefix("vraag_"): int(waarde)
            for naam, waarde in self.cleaned_data.items()
            if naam.startswith("vraag_")
        }


@casuspagina("portaal:vragenlijst")
@require_http_methods(["GET", "POST"])
def vragenlijst(request: HttpRequest, toegang: Portaaltoegang, moment: str) -> HttpResponse:
    if moment not in Terugkoppeling.Moment.values:
        raise Http404
    label = Terugkoppeling.Moment(moment).label
    ingevuld = Terugkoppeling.objects.filter(toegang=toegang, moment=moment).exists()
    if ingevuld:
        return toon(request, toegang, "vragenlijst.html", {"bedankt": True, "moment": label})
    if moment not in diensten.open_vragenlijsten(toegang):
        raise Http404
    form = Vragenlijstform(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            diensten.vul_terugkoppeling_in(
                toegang=toegang,
                moment=moment,
                antwoorden=form.antwoorden(),
                open_antwoord=form.cleaned_data["open_antwoord"].strip(),
            )
        except RelatieNietMogelijk as fout:
            form.add_error(None, str(fout))
        else:
            return HttpResponseRedirect(reverse("portaal:vragenlijst", args=[toegang.pk, moment]))
    return toon(
        request, toegang, "vragenlijst.html", {"form": form, "moment": label, "bedankt": False}
    )


urls: list[URLPattern] = [
    path("<int:toegang>/gegevens/", gegevens, name="gegevens"),
    path("<int:toegang>/gegevens/pdf/", gegevens_pdf, name="gegevens_pdf"),
    path("<int:toegang>/gegevens/json/", gegevens_json, name="gegevens_json"),
    path("<int:toegang>/wie-keek/", wie_keek, name="wie_keek"),
    path("<int:toegang>/wie-keek/<int:pagina>/", wie_keek, name="wie_keek"),
    path("<int:toegang>/correctie/", correctie, name="correctie"),
    path("<int:toegang>/vragenlijst/<str:moment>/", vragenlijst, name="vragenlijst"),
]
