# SPDX-License-Identifier: EUPL-1.2
"""The scoped reads of MAZL referrals (regie.rules.mazl_scope): the inbox of the youth doctor
and the school's list, one referral, and the worrying sickness signals that reach the youth
doctor (signalering.rules.signaal_scope)."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from binnenboord.signalering.models import Signaal, Soort
from binnenboord.signalering.rules import signaal_scope
from binnenboord.toegang.models import Medewerker

from ..models import Mazlverwijzing
from ..rules import mazl_scope

Status = Mazlverwijzing.Status


def verwijzingen_van(gebruiker: Medewerker) -> QuerySet[Mazlverwijzing]:
    """The referrals `gebruiker` may see: new and planned first, then the rest; newest first."""
    return (
        Mazlverwijzing.objects.filter(mazl_scope(gebruiker))
        .select_related("leerling", "school", "jeugdarts", "verwezen_door")
        .annotate(
            lopend=Case(
                When(status__in=[Status.NIEUW, Status.GEPLAND], then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("lopend", "-verwezen_op", "-pk")
    )


def haal_verwijzing(gebruiker: Medewerker, pk: Any) -> Mazlverwijzing:
    """A referral the user may see, or 404 for "missing" and "not yours" alike."""
    try:
        return (
            Mazlverwijzing.objects.filter(mazl_scope(gebruiker))
            .select_related(
                "leerling", "school", "jeugdarts", "verwezen_door", "afgehandeld_door", "signaal"
            )
            .get(pk=pk)
        )
    except (ValueError, TypeError, Mazlverwijzing.DoesNotExist):
        raise Http404 from None


def verwijzingen_bij_casus(casus_id: int) -> list[Mazlverwijzing]:
    """The referrals attached to a case (for its page; status and advice only)."""
    return list(
        Mazlverwijzing.objects.filter(casus_id=casus_id).select_related(
            "school", "jeugdarts", "verwezen_door"
        )
    )


def ziekteverzuimsignalen(gebruiker: Medewerker) -> QuerySet[Signaal]:
    """The open worrying sickness signals `gebruiker` sees (for the youth doctor: those of the
    schools whose kernteam has them as youth doctor)."""
    return (
        Signaal.objects.filter(
            signaal_scope(gebruiker),
            soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM,
            status=Signaal.Status.OPEN,
        )
        .select_related("leerling", "school")
        .order_by("-datum", "-pk")
    )
