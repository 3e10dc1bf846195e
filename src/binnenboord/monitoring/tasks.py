# SPDX-License-Identifier: EUPL-1.2
"""Background task of monitoring: an export of the figures (PDF, Excel), queued when the
asking transaction commits (exporten.vraag_aan) and run by `binnenboord db_worker`, never in
the web request.

django-tasks is the backport of Django 6's django.tasks (the same API)."""

from __future__ import annotations

from django_tasks import task  # Django 6: from django.tasks import task

from .exporten import maak


@task()
def maak_export(export_id: int) -> str:
    """Makes a queued export; returns its status ("" when it was no longer queued)."""
    export = maak(export_id)
    return export.status if export is not None else ""
