# SPDX-License-Identifier: EUPL-1.2
"""Writes through the API that are not bulk uploads: changing one enrolment. The checks are
the file importer's (the same Dutch reasons) and the model's own (full_clean); the change gets
the same history entry (django-auditlog LogEntry, {field: [old, new]}) as an import."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError as ModelValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from rest_framework import exceptions
from rest_framework.settings import api_settings

from binnenboord.registratie.importeren.bereik import Bereik, reden_om_te_wachten
from binnenboord.registratie.importeren.rijcontroles import Afgewezen, Controle
from binnenboord.registratie.models import Inschrijving, InschrijvingTerBevestiging
from binnenboord.toegang.models import Medewerker

# What a school system may change of an enrolment. Pupil, school and start date are its key (in
# the file import too): a different one is another enrolment, to be uploaded as such.
WIJZIGBAAR = ("einddatum",)


def mag_inschrijving_wijzigen(gebruiker: Medewerker, inschrijving: Inschrijving) -> bool:
    """The file import's rights: who may import enrolments (a school), for its own school."""
    return bool(gebruiker.has_perm("registratie.import_inschrijvingen")) and Bereik.van(
        gebruiker
    ).school(inschrijving.school.organisatie_id)


def lees_einddatum(inschrijving: Inschrijving, waarde: str | None) -> date | None:
    """The end date as the file import reads it (YYYY-MM-DD or DD-MM-YYYY; empty: open-ended)
    and checks it against the start date, with the import's Dutch reasons."""
    controle = Controle({"einddatum": waarde or None})
    einddatum = controle.datum("einddatum", verplicht=False)
    controle.periode(inschrijving.begindatum, einddatum)
    try:
        controle.klaar()
    except Afgewezen as fout:
        raise exceptions.ValidationError({p.veld: [p.reden] for p in fout.problemen}) from None
    return einddatum


class WachtOpBevestiging(exceptions.APIException):
    """409: the change would give the school a file it does not have (it reopens an enrolment
    that ended long ago, or overlaps an ongoing enrolment at another school). A single change
    through the API is not held; the file upload holds such rows for Leerplicht to confirm."""

    status_code = 409
    default_code = "wacht_op_bevestiging"


def controleer_geen_verruiming(inschrijving: Inschrijving, einddatum: date | None) -> None:
    """The stored enrolment and the pupil's other enrolments decide, as in the file import
    (importeren.bereik.reden_om_te_wachten): a write never widens who sees a child."""
    reden = reden_om_te_wachten(
        school_id=inschrijving.school_id,
        begin=inschrijving.begindatum,
        eind=einddatum,
        bestaand=inschrijving,
        andere=list(Inschrijving.objects.filter(leerling_id=inschrijving.leerling_id)),
        vandaag=timezone.localdate(),
    )
    if reden is not None:
        raise WachtOpBevestiging(
            {
                "einddatum": [
                    _(
                        "This change needs Leerplicht's confirmation: %(reden)s. Send the "
                        "enrolment through the upload; it then waits for Leerplicht."
                    )
                    % {"reden": InschrijvingTerBevestiging.Reden(reden).label}
                ]
            }
        )


def _json(waarde: date | None) -> str | None:
    return None if waarde is None else waarde.isoformat()


def wijzig_inschrijving(
    *,
    inschrijving: Inschrijving,
    einddatum: date | None,
    door: Medewerker,
    bron: str,
    token: str | None,
) -> Inschrijving:
    """Stores the new end date after the model's own checks, with a history entry naming the
    person or system (`token`: its prefix). The caller holds the row lock."""
    oud = inschrijving.einddatum
    controleer_geen_verruiming(inschrijving, einddatum)
    inschrijving.einddatum = einddatum
    try:
        inschrijving.full_clean()
    except ModelValidationError as fout:
        inschrijving.einddatum = oud
        raise exceptions.ValidationError(_veldfouten(fout)) from None
    if einddatum == oud:
        return inschrijving
    with transaction.atomic():
        # auditlog's own entry would have no actor for a token (its middleware runs before DRF
        # authenticates); this one names the caller and the source
        with disable_auditlog():
            inschrijving.save(update_fields=list(WIJZIGBAAR))
        LogEntry.objects.log_create(
            inschrijving,
            action=LogEntry.Action.UPDATE,
            changes={"einddatum": [_json(oud), _json(einddatum)]},
            actor=door,
            additional_data={"bron": bron, "token": token},
        )
    return inschrijving


def _veldfouten(fout: ModelValidationError) -> dict[str, list[str]]:
    algemeen = api_settings.NON_FIELD_ERRORS_KEY
    return {
        (algemeen if veld == "__all__" else veld): list(meldingen)
        for veld, meldingen in fout.message_dict.items()
    }
