# SPDX-License-Identifier: EUPL-1.2
"""A pupil's own access log as a file for an AVG request (inzageverzoek, AVG art. 15): when,
which organisation, in which role, what, and from which screen. Individual staff names are
left out (they are not the pupil's personal data; the administrator's page shows them)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from .exporteren import onschadelijk_csv
from .models import Inzage

KOLOMMEN = ["tijdstip", "organisatie", "rol", "handeling", "scherm"]


def _rij(inzage: Inzage) -> list[Any]:
    return [
        timezone.localtime(inzage.tijdstip).isoformat(timespec="seconds"),
        inzage.organisatie,
        inzage.rol,
        inzage.handeling,
        inzage.bron,
    ]


def als_csv(inzages: Iterable[Inzage]) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOLOMMEN)
    schrijver.writerows([onschadelijk_csv(w) for w in _rij(i)] for i in inzages)
    return uit.getvalue().encode("utf-8-sig")


def als_json(leerling: Any, inzages: Iterable[Inzage]) -> bytes:
    gegevens = {
        "leerling": {"naam": leerling.naam, "geboortedatum": leerling.geboortedatum.isoformat()},
        "gemaakt_op": timezone.localtime().isoformat(timespec="seconds"),
        "inzages": [dict(zip(KOLOMMEN, _rij(i), strict=True)) for i in inzages],
    }
    return json.dumps(gegevens, ensure_ascii=False, indent=2).encode()
