# SPDX-License-Identifier: EUPL-1.2
"""The number of unread notifications for the header of every page: one cheap count on the
partial index notificatie_ongelezen, asked only when a page really shows it (a fragment
answered to htmx does not)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import cached_property

from .models import Notificatie


class Ongelezen:
    def __init__(self, gebruiker_id: int) -> None:
        self.gebruiker_id = gebruiker_id

    @cached_property
    def aantal(self) -> int:
        return Notificatie.objects.filter(
            ontvanger_id=self.gebruiker_id, gelezen_op__isnull=True
        ).count()


def notificaties(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"ongelezen_notificaties": Ongelezen(user.pk)}
