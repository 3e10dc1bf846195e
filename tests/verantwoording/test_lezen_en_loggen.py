# SPDX-License-Identifier: EUPL-1.2
"""Reading a child's object logs it, by construction (verantwoording.inzage): the reader checks
the scope (404) and the permission (403), notes the line, and @logt_inzage writes it when the
view ends, with what the view finally did."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

import pytest

from binnenboord.registratie.lezen import lees_leerling
from binnenboord.toegang.http import AppRequest
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.inzage import logt_inzage, uitkomst
from binnenboord.verantwoording.models import Inzage
from tests.wereld import Wereld


def _verzoek(wereld: Wereld, rol: str = Rol.LEERPLICHTAMBTENAAR) -> AppRequest:
    verzoek: AppRequest = RequestFactory().get("/ergens/")  # type: ignore[assignment]
    verzoek.user = wereld.medewerkers[rol]
    return verzoek


def test_een_lezer_buiten_een_gelogde_view_weigert(wereld: Wereld) -> None:
    # a view that forgot @logt_inzage cannot read a pupil at all
    with pytest.raises(ImproperlyConfigured, match="logt_inzage"):
        lees_leerling(_verzoek(wereld), wereld.leerlingen["demodam_school1"].pk, bron="t:x")
    assert not Inzage.objects.exists()


def test_de_regel_wordt_geschreven_met_wat_de_view_uiteindelijk_deed(wereld: Wereld) -> None:
    leerling = wereld.leerlingen["demodam_school1"]

    @logt_inzage
    def view(request: AppRequest) -> HttpResponse:
        gelezen = lees_leerling(request, leerling.pk, bron="t:wijzigen")
        # the same pupil read again on the same screen: still one line
        lees_leerling(request, leerling.pk, bron="t:wijzigen")
        assert not Inzage.objects.exists()  # noted, written when the view ends
        uitkomst(request, Inzage.Handeling.WIJZIGEN, reden="omdat")
        return HttpResponse(gelezen.achternaam)

    view(_verzoek(wereld))
    regel = Inzage.objects.get()
    assert (regel.leerling_id, regel.bron, regel.handeling, regel.reden, regel.pad) == (
        leerling.pk,
        "t:wijzigen",
        "wijzigen",
        "omdat",
        "/ergens/",
    )


def test_buiten_bereik_is_404_en_een_verboden_handeling_403_zonder_regel(wereld: Wereld) -> None:
    # Leerplicht Demodam: a Buurdorp pupil is not hers; her own pupil she may not report
    buiten = wereld.leerlingen["buurdorp_school2"]
    eigen = wereld.leerlingen["demodam_school1"]

    @logt_inzage
    def view(request: AppRequest, pk: int, mag: str | None) -> HttpResponse:
        lees_leerling(request, pk, bron="t:lezen", mag=mag)
        return HttpResponse()

    verzoek = _verzoek(wereld)
    with pytest.raises(Http404):
        view(verzoek, buiten.pk, None)
    with pytest.raises(Http404):
        view(verzoek, 2_000_000_000, None)
    with pytest.raises(PermissionDenied):
        view(verzoek, eigen.pk, "signalering.add_melding")
    assert not Inzage.objects.exists()
    view(verzoek, eigen.pk, "registratie.view_leerling")
    assert Inzage.objects.get().leerling_id == eigen.pk


def test_een_404_na_het_lezen_schrijft_niets_een_fout_wel(wereld: Wereld) -> None:
    leerling = wereld.leerlingen["demodam_school1"]

    @logt_inzage
    def niet_gevonden(request: AppRequest) -> HttpResponse:
        lees_leerling(request, leerling.pk, bron="t:404")
        raise Http404

    @logt_inzage
    def kapot(request: AppRequest) -> HttpResponse:
        lees_leerling(request, leerling.pk, bron="t:fout")
        raise RuntimeError("stuk")

    with pytest.raises(Http404):
        niet_gevonden(_verzoek(wereld))
    assert not Inzage.objects.exists()
    # the data was read before the error: the read stays logged
    with pytest.raises(RuntimeError):
        kapot(_verzoek(wereld))
    assert list(Inzage.objects.values_list("leerling_id", "bron")) == [(leerling.pk, "t:fout")]


def test_een_gelogde_view_binnen_een_andere_schrijft_eenmaal(wereld: Wereld) -> None:
    leerling = wereld.leerlingen["demodam_school1"]

    @logt_inzage
    def binnen(request: AppRequest) -> HttpResponse:
        lees_leerling(request, leerling.pk, bron="t:binnen")
        return HttpResponse()

    @logt_inzage
    def buiten(request: AppRequest) -> HttpResponse:
        antwoord = binnen(request)
        # the outer view still collects after the inner one returned
        lees_leerling(request, leerling.pk, bron="t:buiten")
        return antwoord

    buiten(_verzoek(wereld))
    assert sorted(Inzage.objects.values_list("bron", flat=True)) == ["t:binnen", "t:buiten"]
