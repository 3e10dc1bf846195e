# SPDX-License-Identifier: EUPL-1.2
"""Scoped reads for Vandaag: which open cases each filter shows (mine, my organisation,
escalations, this week's meetings), the closed cases whose aftercare the user may owe, the
running escalations to the user's bodies, the open MAZL referrals of a youth doctor, and the
meldingen and held writes that wait for the user, and what parents and the pupil sent from the
portal to the cases the user directs (van_het_gezin). Every case comes from zichtbare_casussen:
a filter only narrows what the user may see."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from binnenboord.registratie.bevestigen import (
    te_bevestigen_inschrijvingen,
    te_bevestigen_verhuismeldingen,
)
from binnenboord.registratie.models import InschrijvingTerBevestiging, Verhuismelding
from binnenboord.signalering.models import Melding
from binnenboord.signalering.selectors import OPEN_MELDING, zichtbare_meldingen
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.verantwoording.models import Inzage

from ..beoordeling import met_open_nazorg
from ..models import (
    Actie,
    Agendapunt,
    Bericht,
    Casus,
    Correctieverzoek,
    Escalatie,
    Mazlverwijzing,
    Overleg,
    Overleguitnodiging,
    Planreactie,
    PlanVanAanpak,
    Portaaltoegang,
    Verhaal,
)
from ..rules import escalatie_scope, overleg_scope
from .casus import betrokken, zichtbare_casussen


class Filter:
    """The filters of Vandaag's case list (the GET parameter `toon`)."""

    MIJN = "mijn"
    ORGANISATIE = "organisatie"
    ESCALATIES = "escalaties"
    OVERLEGGEN = "overleggen"
    ALLE = (MIJN, ORGANISATIE, ESCALATIES, OVERLEGGEN)


def toegewezen(gebruiker: Medewerker) -> Q:
    """The cases with an open plan action assigned to the user (Actie.wie)."""
    return Q(
        Exists(
            Actie.objects.filter(
                casus=OuterRef("pk"), wie_id=gebruiker.pk, status=Actie.Status.OPEN
            )
        )
    )


def mijn(gebruiker: Medewerker) -> Q:
    """ "Mijn casussen": the cases the user directs or takes part in, or has an open action in."""
    return betrokken(gebruiker) | toegewezen(gebruiker)


def lopende_escalaties(gebruiker: Medewerker) -> QuerySet[Escalatie]:
    """The running escalations to a body the user is a member of, in open cases the user may
    see: regie.rules.escalatie_scope, the same as the "Escalaties" worklist (a participant on
    the grond "escalatie", the chair or a member of the meeting the case is proposed for, staff
    with the body's role, and for Leerplicht those of its municipalities)."""
    return Escalatie.objects.filter(escalatie_scope(gebruiker))


def overleggen_van_de_week(gebruiker: Medewerker, dag: date) -> QuerySet[Overleg]:
    """The meetings of `dag`'s week (Monday to Sunday) the user may see."""
    maandag = dag - timedelta(days=dag.weekday())
    return Overleg.objects.filter(
        overleg_scope(gebruiker), datum__range=(maandag, maandag + timedelta(days=6))
    )


def werklijst_casussen(gebruiker: Medewerker, toon: str, dag: date) -> QuerySet[Casus]:
    """The open cases of one filter of Vandaag, within zichtbare_casussen: `mijn` (directs,
    takes part, has an open action), `organisatie` (every open case the user's scope holds:
    the school's pupils, Leerplicht's municipalities; for the other roles that is their own),
    `escalaties` (a running escalation to one of the user's bodies), `overleggen` (on the
    agenda of a meeting of this week the user may see)."""
    casussen = zichtbare_casussen(gebruiker).filter(status=Casus.Status.OPEN)
    if toon == Filter.ORGANISATIE:
        pass
    elif toon == Filter.ESCALATIES:
        casussen = casussen.filter(pk__in=lopende_escalaties(gebruiker).values("casus_id"))
    elif toon == Filter.OVERLEGGEN:
        casussen = casussen.filter(
            pk__in=Agendapunt.objects.filter(
                overleg__in=overleggen_van_de_week(gebruiker, dag).values("pk")
            ).values("casus_id")
        )
    else:
        casussen = casussen.filter(mijn(gebruiker))
    return casussen.select_related("leerling", "regisseur", "signaal")


def nazorg_casussen(gebruiker: Medewerker, dag: date) -> QuerySet[Casus]:
    """The closed cases the user directed whose aftercare step may be due (regie.beoordeling.
    met_open_nazorg: closed with a return to school, the step not recorded yet), within
    zichtbare_casussen. Whether the step is due the worklist's evaluation says."""
    casussen = zichtbare_casussen(gebruiker).filter(regisseur_id=gebruiker.pk)
    return met_open_nazorg(casussen, dag).select_related("leerling", "regisseur", "signaal")


def open_mazlverwijzingen(gebruiker: Medewerker) -> QuerySet[Mazlverwijzing]:
    """The youth doctor's referrals that wait for a consult or an advice (new or planned),
    longest waiting first."""
    if gebruiker.rol != Rol.JEUGDARTS:
        return Mazlverwijzing.objects.none()
    return (
        Mazlverwijzing.objects.filter(
            jeugdarts_id=gebruiker.pk,
            status__in=[Mazlverwijzing.Status.NIEUW, Mazlverwijzing.Status.GEPLAND],
        )
        .select_related("leerling", "school")
        .order_by("verwezen_op", "pk")
    )


def wachtende_meldingen(gebruiker: Medewerker) -> QuerySet[Melding]:
    """The open meldingen (within zichtbare_meldingen) that wait for this user: for Leerplicht
    a sent melding nobody took yet, or one the user handles; for the SWV one nobody of the SWV
    took yet, or one the user handles; for the school its own drafts not sent yet. Newest
    first."""
    meldingen = zichtbare_meldingen(gebruiker)
    if gebruiker.rol == Rol.LEERPLICHTAMBTENAAR:
        wacht = Q(status="") | Q(behandelaar_id=gebruiker.pk)
    elif gebruiker.rol == Rol.SWV_CONSULENT:
        wacht = Q(swv_behandelaar__isnull=True) | Q(swv_behandelaar_id=gebruiker.pk)
    elif gebruiker.rol == Rol.SCHOOLMEDEWERKER:
        wacht = Q(verzonden_op__isnull=True, aangemaakt_door_id=gebruiker.pk)
    else:
        return Melding.objects.none()
    return (
        meldingen.filter(OPEN_MELDING, wacht)
        .select_related("leerling", "school")
        .order_by(Coalesce("verzonden_op", "aangemaakt_op").desc(), "-pk")
    )


def te_bevestigen(
    gebruiker: Medewerker,
) -> tuple[QuerySet[Verhuismelding], QuerySet[InschrijvingTerBevestiging]]:
    """The reported moves and the enrolments that wait for the user's decision (registratie's
    scoped reads), oldest first."""
    verhuizingen = te_bevestigen_verhuismeldingen(gebruiker).order_by("gemeld_op", "pk")
    inschrijvingen = te_bevestigen_inschrijvingen(gebruiker).order_by("aangevraagd_op", "pk")
    return verhuizingen, inschrijvingen


# --- what the family sent from the portal (docs/relatie.md, "De kant van de professional") ---

# The case page's access-log source: opening it is "looking" at the case.
CASUSPAGINA = "regie:casus"
# The lines of one kind that Vandaag lists at most (the oldest first); the rest on the case.
MAX_GEZINSREGELS = 50
# Where on the case page each kind of line leads (the section "Ouders en leerling", and the
# plan with the family's own reaction beside it).
ANKERS = {
    "correctie": "correctieverzoeken",
    "bericht": "ouders-en-leerling",
    "planreactie": "plan",
    "overleg": "overleguitnodigingen",
    "verhaal": "eigen-woorden",
}


@dataclass(frozen=True)
class Gezinsregel:
    """One line of Vandaag about a case the user directs: `soort` is "correctie" (an open
    correction request: a task), "bericht" (`aantal` unread messages from the portal),
    "planreactie" (someone does not agree with the newest plan version), "overleg" (a reply
    "kan niet" or "meegeven" to an invitation for a meeting still to come) or "verhaal" (a new
    own story). `wie` is the person ("" for the messages of several people); `item` the row
    (Correctieverzoek, Planreactie, Overleguitnodiging, Verhaal; None for messages)."""

    soort: str
    casus: Casus
    moment: datetime
    wie: str = ""
    aantal: int = 1
    item: Any = None

    @property
    def anker(self) -> str:
        return ANKERS[self.soort]

    @property
    def rang(self) -> int:
        return {"correctie": 0, "bericht": 1}.get(self.soort, 2)

    @property
    def uiterlijk(self) -> date | None:
        """A correction request is answered within a month (AVG art. 12 lid 3)."""
        if self.soort != "correctie":
            return None
        return een_maand_na(timezone.localdate(self.moment))


def een_maand_na(dag: date) -> date:
    """The same day a month later, or that month's last day."""
    jaar, maand = (dag.year + 1, 1) if dag.month == 12 else (dag.year, dag.month + 1)
    return date(jaar, maand, min(dag.day, monthrange(jaar, maand)[1]))


def persoon(toegang: Portaaltoegang | None, casus: Casus) -> str:
    """The person of an access as the regisseur reads it: "name (mother)", or the pupil's name
    with "(pupil)"; "" without an access (a row a staff member wrote). Needs the access's
    `ouder` and the case's `leerling` loaded."""
    if toegang is None:
        return ""
    if toegang.ouder is not None:
        return f"{toegang.ouder} ({toegang.ouder.get_relatie_display()})"
    return f"{casus.leerling.naam} ({gettext('pupil')})"


def geregisseerd(gebruiker: Medewerker) -> QuerySet[Casus]:
    """The cases the user directs, within zichtbare_casussen (open or closed: the family can
    still write for a while after closing, regie.relatie.casus_leesbaar)."""
    return zichtbare_casussen(gebruiker).filter(regisseur_id=gebruiker.pk)


def laatst_gekeken(gebruiker: Medewerker, casus: str = "casus") -> Subquery:
    """When the user last opened the case page of the row's case (`casus` is the path to it),
    from the access log; NULL when never."""
    return Subquery(
        Inzage.objects.filter(
            leerling_id=OuterRef(f"{casus}__leerling_id"),
            casus_id=OuterRef(f"{casus}_id"),
            medewerker_id=gebruiker.pk,
            bron=CASUSPAGINA,
        )
        .order_by("-tijdstip")
        .values("tijdstip")[:1]
    )


def _nieuw(veld: str) -> Q:
    """Written after the user last opened the case page (or the user never did)."""
    return Q(_gekeken__isnull=True) | Q(**{f"{veld}__gt": F("_gekeken")})


def _personen(toegangen: QuerySet[Any]) -> Any:
    return toegangen.select_related("casus__leerling", "toegang__ouder")


def van_het_gezin(gebruiker: Medewerker, dag: date) -> list[Gezinsregel]:
    """What parents and the pupil sent from the portal to the cases the user directs, for
    Vandaag: open correction requests (tasks until answered), unread messages per case, and
    since the user last opened the case page a "niet eens" on the newest plan version (the
    person's latest reaction to it), a reply "kan niet" or "meegeven" to an invitation for a
    meeting from `dag` on, and a new own story. Only what the family wrote themselves (in the
    portal), never what a professional noted for them. Five queries, however many cases;
    correction requests first, then messages, each kind the oldest first."""
    casussen = geregisseerd(gebruiker).values("pk")
    regels: list[Gezinsregel] = []
    for verzoek in _personen(
        Correctieverzoek.objects.filter(casus__in=casussen, uitkomst="")
    ).order_by("ingediend_op", "pk")[:MAX_GEZINSREGELS]:
        regels.append(
            Gezinsregel(
                "correctie",
                verzoek.casus,
                verzoek.ingediend_op,
                persoon(verzoek.toegang, verzoek.casus),
                1,
                verzoek,
            )
        )
    ongelezen = list(
        Bericht.objects.filter(casus__in=casussen, door__isnull=True, gelezen_op__isnull=True)
        .values("casus_id")
        .annotate(aantal=Count("pk"), eerste=Min("verstuurd_op"))
        .order_by("eerste", "casus_id")[:MAX_GEZINSREGELS]
    )
    if ongelezen:
        per_pk = Casus.objects.select_related("leerling").in_bulk(
            [r["casus_id"] for r in ongelezen]
        )
        regels += [
            Gezinsregel("bericht", per_pk[r["casus_id"]], r["eerste"], "", r["aantal"])
            for r in ongelezen
        ]
    # the newest plan version of each case; a person's latest reaction to it counts
    nieuwere = PlanVanAanpak.objects.filter(
        casus_id=OuterRef("casus_id"), versie__gt=OuterRef("plan__versie")
    )
    laatste: dict[int, Planreactie] = {}
    for reactie in (
        _personen(
            Planreactie.objects.filter(casus__in=casussen, toegang__isnull=False)
            .filter(~Exists(nieuwere))
            .annotate(_gekeken=laatst_gekeken(gebruiker))
            .filter(_nieuw("geschreven_op"))
        )
        .select_related("plan")
        .order_by("-geschreven_op", "-pk")[: MAX_GEZINSREGELS * 4]
    ):
        laatste.setdefault(reactie.toegang_id, reactie)
    regels += [
        Gezinsregel("planreactie", r.casus, r.geschreven_op, persoon(r.toegang, r.casus), 1, r)
        for r in laatste.values()
        if not r.eens
    ][:MAX_GEZINSREGELS]
    for uitnodiging in (
        _personen(
            Overleguitnodiging.objects.filter(
                casus__in=casussen,
                antwoord__in=[
                    Overleguitnodiging.Antwoord.KAN_NIET,
                    Overleguitnodiging.Antwoord.MEEGEVEN,
                ],
                overleg__datum__gte=dag,
            )
            .annotate(_gekeken=laatst_gekeken(gebruiker))
            .filter(_nieuw("beantwoord_op"))
        )
        .select_related("overleg")
        .order_by("beantwoord_op", "pk")[:MAX_GEZINSREGELS]
    ):
        regels.append(
            Gezinsregel(
                "overleg",
                uitnodiging.casus,
                uitnodiging.beantwoord_op,
                persoon(uitnodiging.toegang, uitnodiging.casus),
                1,
                uitnodiging,
            )
        )
    for verhaal in _personen(
        Verhaal.objects.filter(casus__in=casussen, toegang__isnull=False)
        .annotate(_gekeken=laatst_gekeken(gebruiker))
        .filter(_nieuw("geschreven_op"))
    ).order_by("geschreven_op", "pk")[:MAX_GEZINSREGELS]:
        regels.append(
            Gezinsregel(
                "verhaal",
                verhaal.casus,
                verhaal.geschreven_op,
                persoon(verhaal.toegang, verhaal.casus),
                1,
                verhaal,
            )
        )
    regels.sort(key=lambda r: (r.rang, r.moment, r.casus.pk))
    return regels
