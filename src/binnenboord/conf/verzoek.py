# SPDX-License-Identifier: EUPL-1.2
"""A request id in every log line and in django-auditlog's correlation id (docs/beheer.md,
"Verzoek-id in de logboeken").

VerzoekId, the first middleware, takes the X-Request-ID header of the reverse proxy when it is
a sane value (VERZOEK_ID: 8 to 128 letters, digits and - _ . :, without a BSN) and otherwise
makes a uuid4. It
binds the id as `request_id` in structlog's context variables (conf/logboek.py merges them
into every line, ours and Django's), sends it back as the X-Request-ID response header, and
unbinds it when the response is finished (Django's request_finished, after Django's own
"Not Found"/"Server Error" line, so that line carries it too). auditlog reads it through
AUDITLOG_CID_GETTER = verzoek_id, so each LogEntry written in the request has it as `cid`.

A background task has no request: while it runs, `taak_id` is bound and, when no request id is
bound (the db_worker process), `request_id` is the task's id. The line logged when a task is
queued carries both the request id of the request that queued it and the task id, which links
the two."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

import structlog

from .logboek import redigeer_bsn

HEADER = "X-Request-ID"
VERZOEK_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")

logger = structlog.get_logger(__name__)


def verzoek_id() -> str | None:
    """The request id of the running request or task (None outside both): auditlog's cid
    getter (AUDITLOG_CID_GETTER)."""
    waarde = structlog.contextvars.get_contextvars().get("request_id")
    return str(waarde) if waarde is not None else None


def kies_verzoek_id(aangeleverd: str | None) -> str:
    """The proxy's id when it is sane (and holds no BSN, as the log redaction sees it: the
    id is stored unredacted as auditlog's cid), otherwise a new uuid4 (hex)."""
    if (
        aangeleverd
        and VERZOEK_ID.fullmatch(aangeleverd)
        and redigeer_bsn(None, "", {"id": aangeleverd})["id"] == aangeleverd
    ):
        return aangeleverd
    return uuid.uuid4().hex


def _vergeet(**_kwargs: Any) -> None:
    structlog.contextvars.unbind_contextvars("request_id")


class VerzoekId:
    """Binds the request id for the request's log lines and auditlog entries and answers it
    in the X-Request-ID header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        request_finished.connect(_vergeet, dispatch_uid="binnenboord.verzoek_id")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        waarde = kies_verzoek_id(request.headers.get(HEADER))
        structlog.contextvars.bind_contextvars(request_id=waarde)
        request.verzoek_id = waarde  # type: ignore[attr-defined]
        response = self.get_response(request)
        response[HEADER] = waarde
        return response


# --- background tasks -------------------------------------------------------------------------

_lopend: dict[str, Mapping[str, Any]] = {}


def _in_wachtrij(sender: Any, task_result: Any, **_kwargs: Any) -> None:
    # bound: the request_id of the request that queues it (if any), so this line links them
    logger.info(
        "taak in de wachtrij", taak_id=str(task_result.id), taak=task_result.task.module_path
    )


def _gestart(sender: Any, task_result: Any, **_kwargs: Any) -> None:
    taak_id = str(task_result.id)
    waarden = {"taak_id": taak_id}
    if "request_id" not in structlog.contextvars.get_contextvars():
        waarden["request_id"] = taak_id
    _lopend[taak_id] = structlog.contextvars.bind_contextvars(**waarden)


def _klaar(sender: Any, task_result: Any, **_kwargs: Any) -> None:
    tokens = _lopend.pop(str(task_result.id), None)
    if tokens is not None:
        structlog.contextvars.reset_contextvars(**tokens)


def verbind_taken() -> None:
    """Connect the task signals (called from binnenboord.web's AppConfig.ready, so the web
    processes and `binnenboord db_worker` alike)."""
    from django_tasks.signals import task_enqueued, task_finished, task_started

    task_enqueued.connect(_in_wachtrij, dispatch_uid="binnenboord.verzoek_id.wachtrij")
    task_started.connect(_gestart, dispatch_uid="binnenboord.verzoek_id.gestart")
    task_finished.connect(_klaar, dispatch_uid="binnenboord.verzoek_id.klaar")
