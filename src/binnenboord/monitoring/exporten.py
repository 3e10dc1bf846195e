# SPDX-License-Identifier: EUPL-1.2
"""Exports of the figures made in the background (docs/monitoring.md, "Downloaden"). The
dashboard's PDF and Excel button asks for one (`vraag_aan`): a row `Export` with the report's
parameters, and after the commit a task (`monitoring.tasks.maak_export`) that the worker
(`binnenboord db_worker`) runs: `maak` builds the report and the file with the same builders as
the direct download of CSV and JSON (exporteren.exporteer), stores the file beside the row and
notifies the asker. The file is fetched by its asker only, as long as they may still see the
figures of that area (rule monitoring.view_export). After EXPORT_BEWAAR_UUR hours an export is
removed (`ruim_op`, run with every new export and by `binnenboord exporten --opruimen`)."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import structlog

from binnenboord.notificaties.services import notificeer
from binnenboord.toegang.models import Medewerker

from . import cijfers
from .exporteren import bestandsnaam, exporteer
from .forms import Keuze, RapportForm
from .models import Export
from .rapport import OngeldigeInvoer, Rapport

log = structlog.get_logger(__name__)

FORMATEN_OP_DE_ACHTERGROND: tuple[str, ...] = tuple(Export.Formaat.values)


def bewaaruren() -> int:
    return int(getattr(settings, "EXPORT_BEWAAR_UUR", 24))


def keuze_uit(parameters: dict[str, Any]) -> Keuze:
    """The report choice stored with an export (Keuze.parameters); OngeldigeInvoer when it
    no longer reads (it was valid when asked)."""
    form = RapportForm(
        {k: str(v) for k, v in parameters.items()}, scopes=[], vandaag=timezone.localdate()
    )
    if not form.is_valid():
        raise OngeldigeInvoer(_("The report's choice can no longer be read."))
    return form.keuze()


def mag_rapport_zien(medewerker: Any, keuze: Keuze) -> bool:
    """Whether `medewerker` may see the report of `keuze` now (its scope and, for the rest
    of the municipality, that too)."""
    scopes: list[Any] = [s for s in (keuze.scope, keuze.vergelijk_met) if s is not None]
    return all(medewerker.has_perm("monitoring.view_rapport", s) for s in scopes)


def maak_rapport(keuze: Keuze) -> Rapport:
    return cijfers.maak_rapport(
        keuze.soort,
        keuze.periode,
        keuze.scope,
        basis=keuze.basis,
        vergelijk_met=keuze.vergelijk_met,
    )


def vraag_aan(*, door: Medewerker, keuze: Keuze, formaat: str) -> Export:
    """Ask for an export of the report `keuze` in `formaat` (pdf or xlsx) for `door`, who
    may see that report (the caller checked); the task is queued when the caller's
    transaction commits."""
    from .tasks import maak_export

    if formaat not in FORMATEN_OP_DE_ACHTERGROND:
        raise ValueError(f"Geen achtergrondexport in formaat {formaat!r}.")
    export = Export.objects.create(
        medewerker=door,
        formaat=formaat,
        parameters=keuze.parameters(),
        taal=translation.get_language() or settings.LANGUAGE_CODE,
    )
    log.info("export_aangevraagd", export_id=export.pk, formaat=formaat)
    transaction.on_commit(partial(maak_export.enqueue, export.pk))
    return export


def maak(export_id: int) -> Export | None:
    """The task's part: makes a queued export once (a second delivery of the task finds it no
    longer queued and does nothing). The asker's rights are those of now, not of the asking.
    Whatever goes wrong ends the export as "mislukt" with a message in Dutch (the default
    language) or the asker's language; the asker is notified either way."""
    ruim_op()
    with transaction.atomic():
        export = (
            Export.objects.select_for_update()
            .select_related("medewerker")
            .filter(pk=export_id, status=Export.Status.WACHTRIJ)
            .first()
        )
        if export is None:
            return None
        Export.objects.filter(pk=export_id).update(status=Export.Status.BEZIG)
        export.status = Export.Status.BEZIG
    with translation.override(export.taal or settings.LANGUAGE_CODE):
        try:
            _maak(export)
        except OngeldigeInvoer as fout:
            _mislukt(export, str(fout))
        except Exception:
            log.exception("export_mislukt", export_id=export.pk)
            _mislukt(
                export,
                _(
                    "The export could not be made because of an unexpected error. Try again "
                    "later; if it fails again, tell the application administrator."
                ),
            )
        _meld(export)
    return export


def _maak(export: Export) -> None:
    keuze = keuze_uit(export.parameters)
    if not mag_rapport_zien(export.medewerker, keuze):
        raise OngeldigeInvoer(
            _("You may no longer see the figures of this area; no file was made.")
        )
    rapport = maak_rapport(keuze)
    inhoud = exporteer(rapport, export.formaat)  # type: ignore[arg-type]
    export.inhoud = inhoud
    export.bestandsnaam = bestandsnaam(rapport, export.formaat)
    export.status = Export.Status.KLAAR
    export.klaar_op = timezone.now()
    export.save(update_fields=["inhoud", "bestandsnaam", "status", "klaar_op"])
    log.info("export_klaar", export_id=export.pk, formaat=export.formaat, bytes=len(inhoud))


def _mislukt(export: Export, fout: str) -> None:
    export.status = Export.Status.MISLUKT
    export.fout = fout
    export.inhoud = None
    export.klaar_op = timezone.now()
    export.save(update_fields=["status", "fout", "inhoud", "klaar_op"])


def _meld(export: Export) -> None:
    notificeer(
        [export.medewerker],
        "export_klaar",
        url=reverse("monitoring:exportstatus", args=[export.pk]),
        gegevens={
            "export": export.pk,
            "formaat": export.formaat,
            "gelukt": export.status == Export.Status.KLAAR,
        },
        sleutel=f"export:{export.pk}",
    )


def ruim_op(nu: Any = None) -> int:
    """Remove the exports older than EXPORT_BEWAAR_UUR hours, with their files; returns how
    many."""
    grens = (nu or timezone.now()) - timedelta(hours=bewaaruren())
    aantal, _per_model = Export.objects.filter(aangemaakt_op__lt=grens).delete()
    if aantal:
        log.info("exporten_opgeruimd", aantal=aantal)
    return aantal
