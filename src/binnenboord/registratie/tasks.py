# SPDX-License-Identifier: EUPL-1.2
"""Background tasks of registratie: a file import uploaded on the import screen or through the
API runs here, in `binnenboord db_worker`, never in the web request (docs/importeren.md).

django-tasks is the backport of Django 6's django.tasks (the same API)."""

from __future__ import annotations

from django_tasks import task  # Django 6: from django.tasks import task

from binnenboord.registratie.importeren.services import verwerk_wachtrij
from binnenboord.registratie.signals import reageer_meteen


@task()
def verwerk_import(import_id: int) -> None:
    """Runs a queued import (services.zet_in_wachtrij put it there); already in the worker,
    the signal run after an absence import follows here, in this task."""
    with reageer_meteen():
        verwerk_wachtrij(import_id)
