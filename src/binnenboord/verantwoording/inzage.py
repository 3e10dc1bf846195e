# SPDX-License-Identifier: EUPL-1.2
"""Reading a child's data writes the access log, by construction (HTML views).

A view that shows a child's data is decorated with `@logt_inzage` and fetches the child's
object through a reader built on `lees()`: `registratie.lezen.lees_leerling`,
`signalering.lezen.lees_signaal` / `lees_melding`, regie's `lees_casus`. The reader asks the
scoped selector (404 for "missing" and "not yours" alike), checks the permission the view
names (403, gedeeld.views.vereis) and notes the access-log line. Lists note theirs with
`log_lijst`, other reads with `log_gelezen`.

The noted lines are written when the view ends, so a view can say what finally happened
(`uitkomst`: the change was saved, the melding was made) and the log keeps one line per
pupil and screen, as before:
- the view answered (any status): the lines are written;
- the view raised Http404 or PermissionDenied after a read: nothing is written, nothing was
  shown;
- any other exception: the lines are written (the data was read) and the exception goes on.

A reader called outside a decorated view raises ImproperlyConfigured, so a new view cannot
read a child's object without its log line. The API writes its lines itself
(api.views.LeesViewSet.log)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from binnenboord.gedeeld.views import vereis
from binnenboord.toegang.http import AppRequest

from .models import Inzage
from .services import inzagerijen, voeg_toe

if TYPE_CHECKING:
    from binnenboord.toegang.models import Medewerker

T = TypeVar("T")
V = TypeVar("V", bound=Callable[..., HttpResponse])

_ATTRIBUUT = "_binnenboord_inzagen"


@dataclass
class Inzageregel:
    """One access-log call to make: these pupils, on this screen, with this action."""

    bron: str
    handeling: str
    leerlingen: dict[int, Any] = field(default_factory=dict)
    casus_id: int | None = None
    reden: str = ""
    aantal: int | None = None


class Inzagen:
    """The access-log lines a request has noted; one line per (screen, pupil, case)."""

    def __init__(self) -> None:
        self.regels: dict[tuple[str, int | None], Inzageregel] = {}

    def noteer(
        self,
        leerlingen: Iterable[Any],
        *,
        bron: str,
        handeling: str,
        casus_id: int | None = None,
        reden: str = "",
        aantal: int | None = None,
    ) -> None:
        regel = self.regels.setdefault(
            (bron, casus_id),
            Inzageregel(bron=bron, handeling=handeling, casus_id=casus_id),
        )
        regel.handeling, regel.reden, regel.aantal = handeling, reden or regel.reden, aantal
        for leerling in leerlingen:
            regel.leerlingen.setdefault(leerling.pk, leerling)

    def uitkomst(self, handeling: str, *, reden: str = "", casus_id: int | None = None) -> None:
        """What the request finally did with what it read: every noted line gets `handeling`
        (and `reden`, and the case it made)."""
        for regel in self.regels.values():
            regel.handeling = handeling
            regel.reden = reden or regel.reden
            if casus_id is not None:
                regel.casus_id = casus_id

    def schrijf(self, request: HttpRequest) -> None:
        """Once per page view: every line of the request gets the same moment (the access-log
        page shows them as one page view), and a pupil a list names who is also read, changed
        or exported by another line of the same request is not written again as "zoeken": the
        stronger line names her already. A list read that names nobody stays one line without
        pupil."""
        moment = timezone.now()
        sterker = {
            pk
            for regel in self.regels.values()
            if regel.handeling != Inzage.Handeling.ZOEKEN
            for pk in regel.leerlingen
        }
        rijen: list[Inzage] = []
        for regel in self.regels.values():
            leerlingen = regel.leerlingen
            if regel.handeling == Inzage.Handeling.ZOEKEN and leerlingen:
                leerlingen = {pk: kind for pk, kind in leerlingen.items() if pk not in sterker}
                if not leerlingen:
                    continue
            rijen += inzagerijen(
                gebruiker=request.user,
                handeling=regel.handeling,
                bron=regel.bron,
                leerlingen=leerlingen.values(),
                request=request,
                reden=regel.reden,
                aantal=regel.aantal,
                casus_id=regel.casus_id,
                tijdstip=moment,
            )
        self.regels.clear()
        if rijen:
            voeg_toe(rijen)


def logt_inzage[V: Callable[..., HttpResponse]](view: V) -> V:
    """The view's reads of a child's data are written to the access log when it ends (see the
    module docstring)."""

    @wraps(view)
    def met_inzage(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if hasattr(request, _ATTRIBUUT):
            # called from a view that already collects (a shared handler): it writes them
            return view(request, *args, **kwargs)
        inzagen = Inzagen()
        setattr(request, _ATTRIBUUT, inzagen)
        try:
            antwoord = view(request, *args, **kwargs)
        except (Http404, PermissionDenied):
            raise
        except BaseException:
            inzagen.schrijf(request)
            raise
        finally:
            delattr(request, _ATTRIBUUT)
        inzagen.schrijf(request)
        return antwoord

    return met_inzage  # type: ignore[return-value]


def inzagen_van(request: HttpRequest) -> Inzagen:
    inzagen: Inzagen | None = getattr(request, _ATTRIBUUT, None)
    if inzagen is None:
        raise ImproperlyConfigured(
            "A view that reads a child's data is decorated with @logt_inzage "
            "(binnenboord.verantwoording.inzage)."
        )
    return inzagen


def lees[T](
    request: AppRequest,
    haal: Callable[[Medewerker, Any], T],
    pk: Any,
    *,
    bron: str,
    leerling: Callable[[T], Any],
    casus_id: Callable[[T], int | None] = lambda _obj: None,
    mag: str | None = None,
    handeling: str = Inzage.Handeling.BEKIJKEN,
) -> T:
    """The object `pk` through the scoped selector `haal` (404 outside the user's scope),
    after the permission `mag` on it (403), with its access-log line noted (none when
    `leerling` finds no pupil: a request about somebody not, or not yet, in the register)."""
    inzagen = inzagen_van(request)
    obj = haal(request.user, pk)
    if mag is not None:
        vereis(request.user, mag, obj)
    kind = leerling(obj)
    if kind is not None:
        inzagen.noteer([kind], bron=bron, handeling=handeling, casus_id=casus_id(obj))
    return obj


def log_gelezen(
    request: AppRequest,
    leerlingen: Iterable[Any],
    *,
    bron: str,
    handeling: str = Inzage.Handeling.BEKIJKEN,
    casus_id: int | None = None,
    reden: str = "",
    aantal: int | None = None,
) -> None:
    """Pupils whose data the view read by other means than a reader (a chosen set, a lookup
    by number, rejected rows of an import); `aantal` counts the records when none is named."""
    inzagen_van(request).noteer(
        leerlingen, bron=bron, handeling=handeling, casus_id=casus_id, reden=reden, aantal=aantal
    )


def log_lijst(request: AppRequest, leerlingen: Iterable[Any], *, bron: str) -> None:
    """A list or search: one "zoeken" line per pupil shown, or one line without pupil. Called
    more than once in a request (several blocks of one page) under the same `bron`, a pupil
    is written once (Inzagen.noteer), at the moment the page view ends (Inzagen.schrijf)."""
    inzagen_van(request).noteer(leerlingen, bron=bron, handeling=Inzage.Handeling.ZOEKEN, aantal=0)


def uitkomst(
    request: AppRequest, handeling: str, *, reden: str = "", casus_id: int | None = None
) -> None:
    """What the view finally did with the data it read (see Inzagen.uitkomst)."""
    inzagen_van(request).uitkomst(handeling, reden=reden, casus_id=casus_id)
