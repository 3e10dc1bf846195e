# SPDX-License-Identifier: EUPL-1.2
"""Background task of notificaties: the e-mail at once for who chose "direct", queued when the
notifying transaction commits (services.notificeer) and run by `binnenboord db_worker`, never
in the web request.

django-tasks is the backport of Django 6's django.tasks (the same API)."""

from __future__ import annotations

from django_tasks import task  # Django 6: from django.tasks import task

from .bezorging import verstuur_direct


@task()
def mail_direct(ontvanger_ids: list[int]) -> int:
    """Mails these staff members (those who chose "direct") their notifications not mailed
    yet; returns how many messages were sent. A second delivery of the task sends nothing."""
    return verstuur_direct(ontvanger_ids).mails
