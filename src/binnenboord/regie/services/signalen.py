# SPDX-License-Identifier: EUPL-1.2
"""Signals and cases (docs/samenwerken.md, "Signalen en casussen"): a signal of a pupil with an
open case is attached to that case by a person (`koppel_signaal`), and opening a case handles
every other open signal of the pupil (`sluit_signalen_bij_opening`, called by open_casus).

Attaching handles the signal through signalering's own service (handel_af, as
Signaal.Afhandeling.GEKOPPELD, with the signal's history), records it in
Casus.gekoppelde_signalen and writes the case's history (regie.geschiedenis), all in one
transaction. Attaching never widens who sees anything: the person must see both the case and
the signal, and the case's viewers already see the signals of its pupil's situation by kind
and date (the case page names the signal it was opened from)."""

from __future__ import annotations

from django.db import transaction

from binnenboord.signalering.models import Signaal
from binnenboord.signalering.services.signaal import SignaalNietOpen, handel_af
from binnenboord.toegang.models import Medewerker

from .. import geschiedenis
from ..models import Casus

# the module, not its names: casus.open_casus calls sluit_signalen_bij_opening, so each module
# imports the other
from . import casus as _casus


@transaction.atomic
def koppel_signaal(*, casus: Casus, signaal: Signaal, door: Medewerker) -> bool:
    """Attach the open `signaal` to the open `casus` of the same pupil, by `door`, who must
    see both and may change the case (regie.attach_signaal) and handle the signal
    (signalering.handle_signaal). True when it was attached now; False when it already was
    (idempotent: a second click, or two people at once, changes nothing)."""
    casus = _casus.vergrendel_casus(casus)
    if signaal.leerling_id != casus.leerling_id:
        raise _casus.CasusNietMogelijk("Het signaal hoort niet bij de leerling van deze casus.")
    if not door.has_perm("regie.attach_signaal", casus):
        raise _casus.CasusNietMogelijk("U mag geen signaal aan deze casus koppelen.")
    if not door.has_perm("signalering.handle_signaal", signaal):
        raise _casus.CasusNietMogelijk("U mag dit signaal niet afhandelen.")
    if casus.gekoppelde_signalen.filter(pk=signaal.pk).exists():
        return False
    try:
        handel_af(signaal=signaal, door=door, afhandeling=Signaal.Afhandeling.GEKOPPELD)
    except SignaalNietOpen:
        raise _casus.CasusNietMogelijk("Dit signaal is niet meer open.") from None
    casus.gekoppelde_signalen.add(signaal)
    geschiedenis.signaal_gekoppeld(casus, door=door, signaal=signaal)
    return True


def sluit_signalen_bij_opening(casus: Casus, *, door: Medewerker) -> list[Signaal]:
    """Handle every open signal of the case's pupil as attached to the just-opened case: the
    case now carries the pupil's situation, so no inbox keeps asking for it. Called by
    open_casus inside its transaction, after the signal it was opened from (if any) has been
    handled as "casus". Every soort and every school: the signals are about the same child,
    whoever sees them. One history row names them all. Returns the handled signals."""
    open_ = list(
        Signaal.objects.select_for_update()
        .filter(leerling_id=casus.leerling_id, status=Signaal.Status.OPEN)
        .order_by("datum", "pk")
    )
    for signaal in open_:
        handel_af(signaal=signaal, door=door, afhandeling=Signaal.Afhandeling.GEKOPPELD)
    if open_:
        casus.gekoppelde_signalen.add(*open_)
        geschiedenis.signalen_gesloten_bij_opening(casus, door=door, signalen=open_)
    return open_
