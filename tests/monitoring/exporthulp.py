# SPDX-License-Identifier: EUPL-1.2
"""An export of the figures as the dashboard's PDF or Excel button makes it: a POST that asks
for it (the task runs when the transaction commits; the test settings' task backend runs it at
once), the export's page, and the file from its download link."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from binnenboord.monitoring.models import Export


def vraag_export(client: Client, params: dict[str, str], capture: Any) -> Any:
    """POST the export button of `params` (with formaat); returns the response (a redirect to
    the export's page). `capture` is pytest-django's django_capture_on_commit_callbacks."""
    with capture(execute=True):
        return client.post(f"{reverse('monitoring:export')}?{_query(params)}")


def export_bestand(client: Client, params: dict[str, str], capture: Any) -> tuple[Any, Export]:
    """Ask for the export and fetch its file: (the file's response, the export)."""
    antwoord = vraag_export(client, params, capture)
    assert antwoord.status_code == 302, antwoord.status_code
    export = Export.objects.order_by("-pk").first()
    assert export is not None
    assert antwoord["Location"] == reverse("monitoring:exportstatus", args=[export.pk])
    export.refresh_from_db()
    assert export.status == Export.Status.KLAAR, export.fout
    return client.get(reverse("monitoring:exportbestand", args=[export.pk])), export


def _query(params: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode(params)
