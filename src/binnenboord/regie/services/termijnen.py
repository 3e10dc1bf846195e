# SPDX-License-Identifier: EUPL-1.2
"""Deadlines of all open cases, set-wise: the facts of many cases in a fixed number of queries
(`beoordeel_in_bulk`, the same facts as beoordeling.feiten_van gives one case), the daily job
that records what became due (`bewaak_termijnen`: a phase entered, an escalation due, a model
step or plan action overdue) once per case and notifies the people concerned (notificaties:
in the application, and by e-mail at once or in the daily digest, as each chose), and moving a
case to another escalation model (`verplaats_naar_aanpak`, a person's act).

Idempotent (docs/ontwikkelen.md, "Idempotente taken"): Termijnsignaal is unique per (casus, soort,
code, fase), and an item is notified only while its `gemaild_op` is empty (and once per person
by the notification's key)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

import structlog

from binnenboord.kern import aanpak as kern
from binnenboord.notificaties.models import Notificatie
from binnenboord.notificaties.services import Bericht, notificeer_velen
from binnenboord.toegang.models import Medewerker, Rol

from .. import geschiedenis
from ..beoordeling import GEBEURTENISLABELS, beoordeel_in_bulk
from ..configuratie import aanpakken
from ..models import Actie, Casus, CasusGebeurtenis, Termijnsignaal
from .casus import CasusNietMogelijk, vergrendel_casus

log = structlog.get_logger(__name__)

# The history row that a case entered a phase, written once by the daily job.
FASE_INGEGAAN = CasusGebeurtenis.Soort.FASE_INGEGAAN


# --- the facts of many cases at once -------------------------------------------------------


def open_casussen() -> QuerySet[Casus]:
    return Casus.objects.filter(status=Casus.Status.OPEN).select_related(
        "leerling", "regisseur", "signaal"
    )


# --- what became due -----------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    soort: str
    code: str
    fase: str
    omschrijving: str
    datum: date


def _ingegane_fasen(aanpak: kern.Aanpak, beoordeling: kern.Beoordeling) -> list[tuple[str, date]]:
    """The phases entered after the first (code, day), as Kop.fasen_ingegaan reads them."""
    begin: dict[str, date] = {}
    for s in beoordeling.stappen:
        if s.stap.na == "fase" and s.termijn is not None:
            begin.setdefault(s.fase, s.termijn.start)
    begin[beoordeling.fase.code] = beoordeling.fase_sinds
    volgorde = [f.code for f in aanpak.fasen]
    return sorted(
        ((code, dag) for code, dag in begin.items() if code != volgorde[0]),
        key=lambda i: volgorde.index(i[0]),
    )


def items_van(
    casus: Casus, beoordeling: kern.Beoordeling, acties: Iterable[Actie], peildatum: date
) -> list[Item]:
    """What is due in one open case on `peildatum`: the phases entered, the escalation due,
    the model steps and plan actions overdue."""
    aanpak = aanpakken()[casus.aanpak]
    namen = {f.code: f.naam for f in aanpak.fasen}
    items = [
        Item(Termijnsignaal.Soort.FASE, code, code, namen[code], dag)
        for code, dag in _ingegane_fasen(aanpak, beoordeling)
    ]
    if beoordeling.escalatie:
        code = beoordeling.escalatie
        items.append(
            Item(
                Termijnsignaal.Soort.ESCALATIE,
                code,
                beoordeling.fase.code,
                str(GEBEURTENISLABELS.get(code, code)),
                beoordeling.fase_sinds,
            )
        )
    items += [
        Item(
            Termijnsignaal.Soort.STAP_TE_LAAT,
            s.stap.code,
            s.fase,
            s.stap.naam,
            s.termijn.verloopt_op,
        )
        for s in beoordeling.stappen
        if s.status == "verlopen" and s.termijn is not None
    ]
    items += [
        Item(Termijnsignaal.Soort.ACTIE_TE_LAAT, str(a.pk), "", a.wat[:300], a.uiterlijk)
        for a in acties
        if a.status == Actie.Status.OPEN and a.uiterlijk < peildatum
    ]
    return items


@dataclass
class Uitkomst:
    """What one run did: new records by kind, and the notifications written for them."""

    vastgelegd: dict[str, int] = field(default_factory=dict)
    notificaties: int = 0

    @property
    def totaal(self) -> int:
        return sum(self.vastgelegd.values())


def bewaak_termijnen(*, peildatum: date, nu: datetime | None = None) -> Uitkomst:
    """Evaluate every open case on `peildatum`, record once what became due, write a history
    row for each phase entered, and notify each person concerned of each record (by e-mail as
    they chose: at once, or in the daily digest `binnenboord notificaties --digest`). Running
    it again records and notifies nothing new."""
    nu = nu or timezone.now()
    uitkomst = Uitkomst()
    with transaction.atomic():
        nieuw = _leg_vast(peildatum, nu)
    for item in nieuw:
        uitkomst.vastgelegd[item.soort] = uitkomst.vastgelegd.get(item.soort, 0) + 1
    _notificeer(uitkomst, nu)
    log.info(
        "termijnen",
        peildatum=peildatum.isoformat(),
        **uitkomst.vastgelegd,
        notificaties=uitkomst.notificaties,
    )
    return uitkomst


def _leg_vast(peildatum: date, nu: datetime) -> list[Termijnsignaal]:
    casussen = list(open_casussen())
    beoordelingen = beoordeel_in_bulk(casussen, peildatum)
    acties: dict[int, list[Actie]] = defaultdict(list)
    for actie in Actie.objects.filter(
        casus__in=casussen, status=Actie.Status.OPEN, uiterlijk__lt=peildatum
    ):
        acties[actie.casus_id].append(actie)
    bestaand = set(
        Termijnsignaal.objects.filter(casus__in=casussen).values_list(
            "casus_id", "soort", "code", "fase"
        )
    )
    rijen = [
        Termijnsignaal(
            casus=casus,
            soort=item.soort,
            code=item.code,
            fase=item.fase,
            omschrijving=item.omschrijving[:300],
            datum=item.datum,
            peildatum=peildatum,
            vastgelegd_op=nu,
        )
        for casus in casussen
        for item in items_van(casus, beoordelingen[casus.pk], acties[casus.pk], peildatum)
        if (casus.pk, item.soort, item.code, item.fase) not in bestaand
    ]
    # a concurrent run may have recorded some meanwhile: the constraint keeps them once, and
    # the rows of this run are the ones carrying its moment
    Termijnsignaal.objects.bulk_create(rijen, ignore_conflicts=True)
    nieuw = list(
        Termijnsignaal.objects.filter(casus__in=casussen, vastgelegd_op=nu).select_related("casus")
    )
    fasen = [t for t in nieuw if t.soort == Termijnsignaal.Soort.FASE]
    geschiedenis.fasen_ingegaan((t.casus, t.omschrijving, t.datum) for t in fasen)
    return nieuw


# --- notifying -----------------------------------------------------------------------------


def _leerplicht_per_gemeente(gemeente_ids: Iterable[int]) -> dict[int, list[Medewerker]]:
    """The active leerplichtambtenaren of each municipality's Leerplicht organisation."""
    per_gemeente: dict[int, list[Medewerker]] = defaultdict(list)
    for medewerker, gemeente_id in _leerplicht_rijen(gemeente_ids):
        per_gemeente[gemeente_id].append(medewerker)
    return per_gemeente


def _leerplicht_rijen(gemeente_ids: Iterable[int]) -> list[tuple[Medewerker, int]]:
    rijen = (
        Medewerker.objects.filter(
            rol=Rol.LEERPLICHTAMBTENAAR,
            is_active=True,
            organisatie__gemeenten__in=set(gemeente_ids),
        )
        .values_list("pk", "organisatie__gemeenten")
        .distinct()
    )
    paren = list(rijen)
    medewerkers = Medewerker.objects.in_bulk({pk for pk, _gemeente in paren})
    return [(medewerkers[pk], gemeente_id) for pk, gemeente_id in paren]


def _notificeer(uitkomst: Uitkomst, nu: datetime) -> None:
    """Each record not delivered yet reaches who must act, as a notification
    `termijn_verlopen` with a link to the case: the regisseur; for an overdue plan action its
    assignee too; for an escalation due also Leerplicht of the pupil's municipality. The
    e-mail goes through the notification delivery (at once or in the daily digest, as each
    person chose). `gemaild_op` marks the record delivered; the notification's key
    ("termijn:<id>") keeps it once per person however often this runs."""
    with transaction.atomic():
        te_melden = list(
            Termijnsignaal.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(gemaild_op__isnull=True, casus__status=Casus.Status.OPEN)
            .select_related("casus", "casus__regisseur")
            .order_by("casus_id", "datum", "pk")
        )
        if not te_melden:
            return
        leerplicht = _leerplicht_per_gemeente(
            t.casus.gemeente_id
            for t in te_melden
            if t.soort == Termijnsignaal.Soort.ESCALATIE and t.casus.gemeente_id
        )
        actie_ids = {
            int(t.code)
            for t in te_melden
            if t.soort == Termijnsignaal.Soort.ACTIE_TE_LAAT and t.code.isdigit()
        }
        uitvoerders = dict(
            Actie.objects.filter(pk__in=actie_ids, wie__isnull=False).values_list("pk", "wie")
        )
        medewerkers = Medewerker.objects.in_bulk(set(uitvoerders.values()))
        berichten = []
        for t in te_melden:
            ontvangers: list[Medewerker | None] = [t.casus.regisseur]
            gegevens: dict[str, object] = {
                "casus": t.casus_id,
                "termijn": t.soort,
                "datum": t.datum.isoformat(),
            }
            if t.soort == Termijnsignaal.Soort.ESCALATIE:
                ontvangers += leerplicht.get(t.casus.gemeente_id or 0, [])
            if t.soort == Termijnsignaal.Soort.ACTIE_TE_LAAT:
                # an action's text is typed by a person and may name the child: not sent
                wie = uitvoerders.get(int(t.code)) if t.code.isdigit() else None
                ontvangers.append(medewerkers.get(wie) if wie else None)
            else:
                gegevens["wat"] = t.omschrijving  # the model's name of the phase or step
            berichten.append(
                Bericht(
                    tuple(ontvangers),
                    Notificatie.Soort.TERMIJN_VERLOPEN,
                    reverse("regie:casus", args=[t.casus_id]),
                    gegevens,
                    f"termijn:{t.pk}",
                )
            )
        uitkomst.notificaties = len(notificeer_velen(berichten))
        Termijnsignaal.objects.filter(pk__in=[t.pk for t in te_melden]).update(gemaild_op=nu)


# --- moving a case to another model --------------------------------------------------------


@transaction.atomic
def verplaats_naar_aanpak(*, casus: Casus, aanpak: str, door: Medewerker, reden: str) -> Casus:
    """Move an open case to another escalation model: a person's act with a reason (a case
    keeps its model unless a person moves it; docs/aanpakken.md). The phases and deadlines
    are from now on those of the new model, counted from the same start."""
    reden = reden.strip()
    if not reden:
        raise CasusNietMogelijk("Het verplaatsen naar een andere aanpak heeft een reden nodig.")
    modellen: Mapping[str, kern.Aanpak] = aanpakken()
    if aanpak not in modellen:
        raise CasusNietMogelijk(f"Onbekende aanpak {aanpak!r}.")
    casus = vergrendel_casus(casus)
    if casus.aanpak == aanpak:
        raise CasusNietMogelijk("De casus loopt al onder deze aanpak.")
    van = casus.aanpak
    casus.aanpak = aanpak
    casus.save(update_fields=["aanpak"])
    geschiedenis.aanpak_gewijzigd(
        casus, door=door, van=van, naar=aanpak, reden=reden, datum=timezone.localdate()
    )
    return casus
