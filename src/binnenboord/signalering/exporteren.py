# SPDX-License-Identifier: EUPL-1.2
"""A melding as a file a person can hand in (PDF, A4, accessible PDF/UA-1) and as structured
data (JSON, CSV). The caller checks access and writes the access log."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from binnenboord.verantwoording.exporteren import FORMULETEKENS, onschadelijk

from .meldingvelden import als_gegevens, als_rij, art14_rijen
from .models import Melding

__all__ = ["FORMULETEKENS", "als_csv", "als_json", "als_pdf", "bestandsnaam", "onschadelijk"]


def bestandsnaam(melding: Melding, extensie: str) -> str:
    return f"melding-{melding.pk}-{timezone.localdate():%Y%m%d}.{extensie}"


def als_json(melding: Melding) -> bytes:
    return json.dumps(als_gegevens(melding), ensure_ascii=False, indent=2).encode()


def als_csv(melding: Melding) -> bytes:
    """One header row and one row; semicolons and a BOM, as Dutch spreadsheets expect."""
    rij = als_rij(melding)
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(rij.keys())
    schrijver.writerow(onschadelijk(w) for w in rij.values())
    return uit.getvalue().encode("utf-8-sig")


def als_pdf(melding: Melding, *, context: dict[str, Any] | None = None) -> bytes:
    # WeasyPrint loads Pango and fonts on import: only when a PDF is asked for.
    from weasyprint import HTML

    html = render_to_string(
        "signalering/melding_pdf.html",
        {
            "melding": melding,
            "rijen": art14_rijen(melding),
            "gemaakt_op": timezone.localtime(),
            **(context or {}),
        },
    )
    return bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
