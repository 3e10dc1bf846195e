# SPDX-License-Identifier: EUPL-1.2
"""Health endpoints for load balancers and orchestrators (docs/beheer.md,
"Gezondheidscontroles voor de load balancer").

- /gezondheid/leeft (liveness): the process answers; touches no database.
- /gezondheid/klaar (readiness): the database answers, and the task worker keeps up.

django-tasks-db keeps no heartbeat of its workers (a DBTaskResult row only records the ids of
the workers that ran it), and without a scheduler no periodic "heartbeat" task can be queued.
So the worker check looks at the queue itself: the worker counts as stale when a task has been
ready to run (status READY, its run_after passed) for longer than
GEZONDHEID_WACHTRIJ_SECONDEN without being picked up. An empty or moving queue is fine. Its
limit: a worker that died while the queue is empty is only noticed once a task waits that
long (docs/beheer.md explains the systemd unit that restarts it).

Both answer JSON with each check and 200 (all fine) or 503; no log-in, no data about people,
no access log, no two-step verification (web/tweestaps.py lets them through); ALLOWED_HOSTS
still applies, and production exempts them from the HTTPS redirect (production.py), since a
load balancer asks over plain HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

import structlog

log = structlog.get_logger(__name__)

OK = "ok"
FOUT = "fout"


def _antwoord(controles: dict[str, dict[str, Any]]) -> JsonResponse:
    gezond = all(c["status"] in (OK, "niet_van_toepassing") for c in controles.values())
    response = JsonResponse(
        {"status": OK if gezond else FOUT, "controles": controles}, status=200 if gezond else 503
    )
    # no "Service Unavailable" error line from Django per probe (nor a Sentry event): the
    # check that failed logged one warning with its reason
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


@login_not_required
@never_cache
@require_safe
def leeft(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers requests."""
    return _antwoord({"proces": {"status": OK}})


def database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as fout:
        log.warning("gezondheid: de database antwoordt niet", fout=type(fout).__name__)
        return {"status": FOUT}
    return {"status": OK}


def taakverwerker() -> dict[str, Any]:
    """The queue of the database task backend: stale when a ready task waits longer than
    GEZONDHEID_WACHTRIJ_SECONDEN."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        # the immediate backend runs a task inside the request: there is no worker
        return {"status": "niet_van_toepassing"}
    grens = timedelta(seconds=settings.GEZONDHEID_WACHTRIJ_SECONDEN)
    nu = timezone.now()
    try:
        # waiting since it was queued, or since its run_after when that came later
        oudste = (
            DBTaskResult.objects.ready()
            .filter(backend_name=backend.alias)
            .annotate(
                sinds=Case(
                    When(run_after=get_date_max(), then=F("enqueued_at")),
                    default=Greatest("enqueued_at", "run_after"),
                )
            )
            .aggregate(oudste=Min("sinds"))["oudste"]
        )
    except DatabaseError as fout:
        log.warning("gezondheid: de takenwachtrij is niet te lezen", fout=type(fout).__name__)
        return {"status": FOUT}
    if oudste is None:
        return {"status": OK, "oudste_wachtende_taak_seconden": 0}
    wacht = max(0, int((nu - oudste).total_seconds()))
    if nu - oudste > grens:
        log.warning("gezondheid: een taak wacht te lang op de worker", seconden=wacht)
        return {"status": FOUT, "oudste_wachtende_taak_seconden": wacht}
    return {"status": OK, "oudste_wachtende_taak_seconden": wacht}


@login_not_required
@never_cache
@require_safe
def klaar(request: HttpRequest) -> JsonResponse:
    """Readiness: the database answers and the task worker keeps up with the queue."""
    controles = {"database": database()}
    if controles["database"]["status"] == OK:
        controles["taakverwerker"] = taakverwerker()
    else:
        controles["taakverwerker"] = {"status": "onbekend"}
    return _antwoord(controles)
