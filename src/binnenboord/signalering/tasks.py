# SPDX-License-Identifier: EUPL-1.2
"""Background task of signalering: the signal run after an absence import (receivers.py),
queued when the import's transaction commits and run by `binnenboord db_worker`, never in the
web request.

django-tasks is the backport of Django 6's django.tasks (the same API)."""

from __future__ import annotations

from datetime import date

from django_tasks import task  # Django 6: from django.tasks import task

from .receivers import signaleer_na_import as signaleer


@task()
def signaleer_na_import(
    leerling_ids: list[int], peildatum: str, import_id: int | None, alles: bool = False
) -> dict[str, int]:
    """Signal the pupils an absence import touched (all pupils when `alles`: a very large
    import) on `peildatum` (ISO date); returns the counts."""
    return signaleer(leerling_ids, date.fromisoformat(peildatum), import_id, alles=alles)
