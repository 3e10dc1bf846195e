# SPDX-License-Identifier: EUPL-1.2
"""Every portal page of a case writes the access log (docs/relatie.md, "Wat ouders en
leerling zien en doen"), like every staff page: one line naming the case's pupil and the
case, by "portaal:<Portaalgebruiker pk>" with the role "ouder" or "leerling", without a staff
member or organisation. The family's own reads are in the log too, so the log stays complete
and "wie keek in het dossier" can leave them out by these fields.

`casuspagina` is the one way a portal page reaches a case: it takes the Portaaltoegang pk from
the URL, asks regie.relatie.geldige_toegang (404 for another family's id, an ended or withheld
access, a parent without gezag or without the pupil's consent), calls the view with the access
and writes the line when the view answered. A view that raises Http404 (another family's
letter or invitation) writes nothing: nothing was shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.http import Http404, HttpRequest, HttpResponse

from binnenboord.regie.models import Portaaltoegang
from binnenboord.regie.relatie import geldige_toegang
from binnenboord.verantwoording.models import Inzage
from binnenboord.verantwoording.services import log_inzage

from .sessie import portaal_vereist

V = TypeVar("V", bound=Callable[..., HttpResponse])

ROL_OUDER = "ouder"
ROL_LEERLING = "leerling"


@dataclass(frozen=True)
class Portaallezer:
    """Who reads, as the access log names a portal user (never a staff member's id)."""

    username: str
    rol: str
    organisatie: None = None
    pk: None = None


def lezer(toegang: Portaaltoegang) -> Portaallezer:
    return Portaallezer(
        username=f"portaal:{toegang.gebruiker_id}",
        rol=ROL_LEERLING if toegang.is_leerling else ROL_OUDER,
    )


def log_portaal(
    request: HttpRequest,
    toegang: Portaaltoegang,
    *,
    bron: str,
    handeling: str = Inzage.Handeling.BEKIJKEN,
) -> list[Inzage]:
    return log_inzage(
        gebruiker=lezer(toegang),
        handeling=handeling,
        bron=bron,
        leerlingen=[toegang.casus.leerling],
        request=request,
        casus_id=toegang.casus_id,
    )


def casuspagina(bron: str, *, handeling: str = Inzage.Handeling.BEKIJKEN) -> Callable[[V], V]:
    """A portal page of one case (URL argument `toegang`), logged as `bron`. A POST that
    succeeded (a redirect) is logged as "aanmaken": the person added their words."""

    def decorator(view: V) -> V:
        @wraps(view)
        def omhulsel(request: HttpRequest, toegang: Any, *args: Any, **kwargs: Any) -> HttpResponse:
            gevonden = geldige_toegang(request.portaalgebruiker, toegang)  # type: ignore[attr-defined]
            if gevonden is None:
                raise Http404
            antwoord = view(request, gevonden, *args, **kwargs)
            if antwoord.status_code >= 400:
                # a method the page does not take: nothing was shown
                return antwoord
            wat = handeling
            if request.method == "POST" and antwoord.status_code == 302:
                wat = Inzage.Handeling.AANMAKEN
            log_portaal(request, gevonden, bron=bron, handeling=wat)
            return antwoord

        return portaal_vereist(omhulsel)  # type: ignore[return-value]

    return decorator
