# SPDX-License-Identifier: EUPL-1.2
"""The one helper that writes the access log. Every page, list, export, PDF and API
endpoint that shows a child's data writes its entries through log_inzage(); HTML views through
verantwoording.inzage, which fetches and logs in one step."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from . import keten
from .models import Inzage


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def voeg_toe(rijen: list[Inzage]) -> list[Inzage]:
    """Append unsaved entries to the hash chain, in order, and store them (one lock, one
    read of the chain head and one insert per call)."""
    with transaction.atomic():
        keten.vergrendel()
        keten.rijg(rijen, keten.kop())
        return Inzage.objects.bulk_create(rijen)


def log_inzage(
    *,
    gebruiker: Any,
    handeling: str,
    bron: str,
    leerlingen: Iterable[Any] = (),
    request: HttpRequest | None = None,
    reden: str = "",
    aantal: int | None = None,
    casus_id: int | None = None,
) -> list[Inzage]:
    """Write one entry per pupil (or one entry without pupil for a search that found none).

    Requests run in autocommit (ATOMIC_REQUESTS is off), so an entry is committed at once and
    stays when later work of the same request fails: a read that happened stays logged. Called
    inside a caller's transaction, the chain lock is held until that transaction ends."""
    return voeg_toe(
        inzagerijen(
            gebruiker=gebruiker,
            handeling=handeling,
            bron=bron,
            leerlingen=leerlingen,
            request=request,
            reden=reden,
            aantal=aantal,
            casus_id=casus_id,
        )
    )


def inzagerijen(
    *,
    gebruiker: Any,
    handeling: str,
    bron: str,
    leerlingen: Iterable[Any] = (),
    request: HttpRequest | None = None,
    reden: str = "",
    aantal: int | None = None,
    casus_id: int | None = None,
    tijdstip: datetime | None = None,
) -> list[Inzage]:
    """The unsaved entries log_inzage writes (see there); `tijdstip` (default now) is the
    moment of the page view, the same for every line a request writes."""
    organisatie = getattr(gebruiker, "organisatie", None)
    # only a staff account is a medewerker; a portal user (a parent or the pupil) is named by
    # its username ("portaal:<pk>") and role, never by a staff member's id
    medewerker = gebruiker if isinstance(gebruiker, get_user_model()) else None
    gemeenschappelijk = {
        "tijdstip": tijdstip or timezone.now(),
        "medewerker_id": getattr(medewerker, "pk", None),
        "gebruikersnaam": getattr(gebruiker, "username", "") or "anoniem",
        "rol": getattr(gebruiker, "rol", "") or "",
        "organisatie": str(organisatie) if organisatie else "",
        "handeling": Inzage.Handeling(handeling),
        "bron": bron,
        # the path without query string: a search term may be a BSN
        "pad": request.path[:500] if request is not None else "",
        "reden": reden,
        "ip_adres": _client_ip(request),
        "casus_id": casus_id,
    }
    lijst = list(leerlingen)
    rijen = [
        Inzage(leerling_id=leerling.pk, aantal=1, **gemeenschappelijk) for leerling in lijst
    ] or [Inzage(leerling_id=None, aantal=aantal or 0, **gemeenschappelijk)]
    return rijen
