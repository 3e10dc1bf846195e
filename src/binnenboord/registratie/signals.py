# SPDX-License-Identifier: EUPL-1.2
"""Cross-flow hooks: registratie announces what happened; later apps (signalering) react
without registratie importing them (docs/ontwikkelen.md, "Lagen en importregels")."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import django.dispatch

# Sent after an absence import stored its rows. Keyword arguments: `import_` (the
# registratie.Import), `leerling_ids` (the pupils whose absence the import touched) and
# `peildatum` (the newest day in the file, at most today). The reaction runs as a background
# task (never in a web request: the API imports a small upload within its request), unless the
# sender runs inside `reageer_meteen()`.
verzuim_geimporteerd = django.dispatch.Signal()

_meteen: ContextVar[bool] = ContextVar("verzuim_geimporteerd_meteen", default=False)


@contextmanager
def reageer_meteen() -> Iterator[None]:
    """Within this block the reactions to `verzuim_geimporteerd` run in this process (after
    the commit) instead of as a background task: for code that serves no web request and may
    take the time (the import's own task in the worker, `binnenboord importeer`)."""
    token = _meteen.set(True)
    try:
        yield
    finally:
        _meteen.reset(token)


def meteen_reageren() -> bool:
    """Whether a receiver of `verzuim_geimporteerd` reacts in this process (reageer_meteen)."""
    return _meteen.get()


# Sent inside the transaction in which the pupil's current Leerplicht confirmed a
# verhuismelding (a reported move to another municipality): the pupil's woongemeente is already
# changed. Keyword arguments: `leerling` (registratie.Leerling), `van_gemeente` and
# `naar_gemeente` (toegang.Gemeente), `door` (the confirming Medewerker) and `verhuismelding`
# (registratie.Verhuismelding). Regie reacts by offering the open case for an explicit
# overdracht; nothing moves to the receiving side without one.
leerling_verhuisd = django.dispatch.Signal()
