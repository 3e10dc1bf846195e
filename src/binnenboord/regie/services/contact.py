# SPDX-License-Identifier: EUPL-1.2
"""Writes of a case's contact moments: a conversation, phone call, home visit or letter, and
what a youth doctor wrote as medical content (MedischeInhoud), apart from what the case
shows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from binnenboord.toegang.models import Medewerker, Rol

from .. import geschiedenis
from ..models import Casus, Contactmoment, MazlAdvies, MedischeInhoud
from .casus import CasusNietMogelijk, vergrendel_casus

HUISBEZOEK = "huisbezoek"


@transaction.atomic
def registreer_contactmoment(
    *,
    casus: Casus,
    door: Medewerker,
    soort: str,
    datum: date,
    verslag: str,
    met: Iterable[str] = (),
    advies_regisseur: str = "",
    alleen_professionals: bool = False,
) -> Contactmoment:
    """Record a conversation, phone call, home visit or letter. A home visit is also the model
    step "huisbezoek" on its date. A youth doctor's notes are medical: they are kept as
    MedischeInhoud (only youth doctors of the writer's organisation read them), never as the
    contact's shared notes; `advies_regisseur` is the youth doctor's short, non-medical advice
    for the case director. `alleen_professionals`: the notes never reach the portal nor the
    family's copy of their file (docs/relatie.md)."""
    casus = vergrendel_casus(casus)
    if datum > timezone.localdate():
        raise CasusNietMogelijk("Een contactmoment ligt niet in de toekomst.")
    if not verslag.strip():
        raise CasusNietMogelijk("Een contactmoment heeft een verslag nodig.")
    jeugdarts = door.rol == Rol.JEUGDARTS
    if advies_regisseur.strip() and not jeugdarts:
        raise CasusNietMogelijk("Alleen de jeugdarts geeft een advies voor de regisseur.")
    contact = Contactmoment.objects.create(
        casus=casus,
        soort=soort,
        datum=datum,
        met=list(met),
        verslag="" if jeugdarts else verslag.strip(),
        advies_regisseur=advies_regisseur.strip(),
        alleen_professionals=alleen_professionals,
        door=door,
    )
    if jeugdarts:
        leg_medisch_vast(casus=casus, door=door, tekst=verslag, contactmoment=contact)
    geschiedenis.contactmoment(
        casus,
        door=door,
        contact=contact,
        stap=HUISBEZOEK if soort == Contactmoment.Soort.HUISBEZOEK else "",
    )
    return contact


def leg_medisch_vast(
    *,
    casus: Casus,
    door: Medewerker,
    tekst: str,
    contactmoment: Contactmoment | None = None,
    mazladvies: MazlAdvies | None = None,
) -> MedischeInhoud:
    """Stores what a youth doctor wrote as medical, apart from what the case shows, for the
    youth doctors of `door`'s organisation only (regie.rules.medisch_zichtbaar). The caller
    holds the case's transaction."""
    if door.organisatie_id is None:
        raise CasusNietMogelijk("Een jeugdarts zonder organisatie legt geen medische inhoud vast.")
    return MedischeInhoud.objects.create(
        casus=casus,
        contactmoment=contactmoment,
        mazladvies=mazladvies,
        tekst=tekst.strip(),
        door=door,
        organisatie_id=door.organisatie_id,
    )
