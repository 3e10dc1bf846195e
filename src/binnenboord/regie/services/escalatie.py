# SPDX-License-Identifier: EUPL-1.2
"""Escalation to a body (docs/samenwerken.md, "Escalatie"): when a person records the
escalation event of the case's model (kern.aanpak.Fase.escalatie: "teammanagers",
"interventieteam", "doorbraakoverleg"), or a meeting of that body records it for the case, the
body takes the case: an `Escalatie`, its members take part (Deelnemer, grond "escalatie"), are
notified, and the case is proposed for the body's next meeting. The body holds the case until a
member or Leerplicht ends the escalation, or the case closes.

The members of the body, bounded to the case's municipality:

1. the chair and members of the meeting the case is proposed for (or discussed in), and of its
   series;
2. without such a meeting: the chair and members of the body's series (Overlegreeks of the
   body's kind of meeting) of an organisation serving the case's municipality
   (Organisatie.gemeenten);
3. when that finds nobody: the active staff with the body's role (teammanagers: TEAMMANAGER,
   interventieteam: INTERVENTIETEAMLID) of an organisation serving the case's municipality, of
   the pupil's current school or of that school's samenwerkingsverband. The Doorbraakoverleg has
   no role of its own: without a meeting or series, Leerplicht of the municipality (who sees the
   case already) is the body.

Never a technical account, never someone without a case role (kiesbare_medewerkers)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from binnenboord.notificaties.services import notificeer
from binnenboord.registratie.models import School
from binnenboord.toegang.models import Medewerker, Organisatie

from .. import geschiedenis
from ..configuratie import aanpakken
from ..models import Actie, Casus, Deelnemer, Escalatie, Overleg, Overlegreeks
from ..rules import ORGAAN_VAN_ROL
from ..selectors.casus import kiesbare_medewerkers, ziet_casus
from .casus import CasusNietMogelijk, vergrendel_casus
from .deelname import casus_url, neem_deel, overleggen_voor

# the role whose staff form the body when it has no meeting or series (see the module's text):
# the Escalaties worklist's body of a role (regie.rules.ORGAAN_VAN_ROL), read the other way
ORGAAN_ROL: dict[str, str] = {orgaan: rol for rol, orgaan in ORGAAN_VAN_ROL.items()}
GESLOTEN = "De casus is gesloten."


def escalatiecodes(casus: Casus) -> frozenset[str]:
    """The escalation events of the case's model: the bodies it can go to."""
    aanpak = aanpakken().get(casus.aanpak)
    if aanpak is None:
        return frozenset()
    return frozenset(f.escalatie for f in aanpak.fasen if f.escalatie)


def overlegsoort_van(orgaan: str) -> str | None:
    """The kind of meeting the body `orgaan` meets in (regie.services.overleg.CODES)."""
    from .overleg import CODES

    return next((soort for soort, codes in CODES.items() if codes.escalatie == orgaan), None)


def _organisaties(casus: Casus) -> QuerySet[Organisatie]:
    """The organisations serving the case's municipality (Organisatie.gemeenten)."""
    return Organisatie.objects.filter(gemeenten=casus.gemeente_id)


def volgend_overleg(
    casus: Casus, orgaan: str, *, door: Medewerker, vandaag: date
) -> Overleg | None:
    """The body's next meeting for the case: the first meeting of its kind, today or later,
    of an organisation serving the case's municipality; else the next meeting of such a series
    (plan_volgend_overleg) when that falls today or later. A series that lapsed (its next
    meeting would lie in the past) makes none: a person plans it."""
    soort = overlegsoort_van(orgaan)
    if soort is None:
        return None
    organisaties = _organisaties(casus)
    overleg = (
        Overleg.objects.filter(soort=soort, organisatie__in=organisaties, datum__gte=vandaag)
        .order_by("datum", "aanvang", "pk")
        .first()
    )
    if overleg is not None:
        return overleg
    from .overleg import plan_volgend_overleg

    for reeks in Overlegreeks.objects.filter(soort=soort, organisatie__in=organisaties).order_by(
        "pk"
    ):
        laatste = reeks.overleggen.aggregate(m=Max("datum"))["m"]
        if laatste is not None and laatste + timedelta(weeks=reeks.interval_weken) >= vandaag:
            return plan_volgend_overleg(reeks=reeks, door=door)
    return None


def leden_van_orgaan(casus: Casus, orgaan: str, overleg: Overleg | None) -> list[Medewerker]:
    """The members of the body `orgaan` for this case (the rule in the module's text)."""
    pks: set[int] = set()
    if overleg is not None:
        pks.update(overleg.leden.values_list("pk", flat=True))
        pks.add(overleg.voorzitter_id or 0)
        if overleg.reeks_id is not None:
            reeks = Overlegreeks.objects.get(pk=overleg.reeks_id)
            pks.update(reeks.leden.values_list("pk", flat=True))
            pks.add(reeks.voorzitter_id or 0)
    else:
        soort = overlegsoort_van(orgaan)
        reeksen = Overlegreeks.objects.filter(soort=soort, organisatie__in=_organisaties(casus))
        for reeks in reeksen if soort else []:
            pks.update(reeks.leden.values_list("pk", flat=True))
            pks.add(reeks.voorzitter_id or 0)
    pks.discard(0)
    if not pks and orgaan in ORGAAN_ROL:
        vandaag = timezone.localdate()
        scholen = School.objects.filter(
            Q(inschrijvingen__einddatum__isnull=True) | Q(inschrijvingen__einddatum__gte=vandaag),
            inschrijvingen__leerling_id=casus.leerling_id,
            inschrijvingen__begindatum__lte=vandaag,
        )
        organisaties = (
            Q(pk__in=_organisaties(casus).values("pk"))
            | Q(pk__in=scholen.values("organisatie_id"))
            | Q(pk__in=scholen.values("samenwerkingsverband_id"))
        )
        pks.update(
            Medewerker.objects.filter(
                rol=ORGAAN_ROL[orgaan],
                organisatie__in=Organisatie.objects.filter(organisaties),
            ).values_list("pk", flat=True)
        )
    return list(kiesbare_medewerkers().filter(pk__in=pks))


def escaleer(
    casus: Casus,
    *,
    orgaan: str,
    door: Medewerker,
    datum: date,
    overleg: Overleg | None = None,
) -> Escalatie:
    """Record that the body `orgaan` takes the case (in the caller's transaction, which holds
    the case row): the Escalatie, its members as participants (grond "escalatie", unless they
    see the case already), a notification to each member, the history row, and the case
    proposed for the body's next meeting (stored in Escalatie.overleg). `overleg`: the meeting
    of the body that recorded it (then the case is on its agenda already). A running escalation
    to the same body is returned as it is."""
    casus = vergrendel_casus(casus)
    if orgaan not in escalatiecodes(casus):
        raise CasusNietMogelijk("Deze escalatie hoort niet bij de aanpak van de casus.")
    if overleg is not None and not overleggen_voor(casus).filter(pk=overleg.pk).exists():
        raise CasusNietMogelijk(
            "Dit overleg is niet van een organisatie van de gemeente van de casus."
        )
    lopend = Escalatie.objects.filter(casus=casus, orgaan=orgaan, beeindigd_op__isnull=True).first()
    if lopend is not None:
        return lopend
    vandaag = timezone.localdate()
    if overleg is None:
        overleg = volgend_overleg(casus, orgaan, door=door, vandaag=vandaag)
        if overleg is not None:
            _agendeer(overleg, casus, orgaan, door)
    escalatie = Escalatie.objects.create(
        casus=casus, orgaan=orgaan, datum=datum, bevestigd_door=door, overleg=overleg
    )
    leden = leden_van_orgaan(casus, orgaan, overleg)
    for lid in leden:
        if not ziet_casus(lid, casus):
            neem_deel(casus, lid, grond=Deelnemer.Grond.ESCALATIE, door=door)
    geschiedenis.escalatie(
        casus, door=door, orgaan=orgaan, datum=datum, leden=leden, overleg=overleg
    )
    gegevens: dict[str, object] = {"casus": casus.pk, "orgaan": orgaan}
    if overleg is not None:
        gegevens.update(overleg=overleg.pk, datum=overleg.datum.isoformat())
    notificeer(
        leden,
        "escalatie",
        url=casus_url(casus),
        gegevens=gegevens,
        sleutel=f"escalatie:{escalatie.pk}",
        door=door,
    )
    return escalatie


def _agendeer(overleg: Overleg, casus: Casus, orgaan: str, door: Medewerker) -> None:
    from .overleg import OverlegNietMogelijk, agendeer

    if overleg.agendapunten.filter(casus=casus).exists():
        return
    try:
        agendeer(overleg=overleg, casus=casus, door=door, waarom=orgaan)
    except OverlegNietMogelijk:
        # a reason outside the case's model: on the agenda without one
        agendeer(overleg=overleg, casus=casus, door=door)


@transaction.atomic
def beeindig_escalatie(*, escalatie: Escalatie, door: Medewerker | None, reden: str) -> Escalatie:
    """The body no longer holds the case: the escalation ends with a reason, and so does the
    participation of its members who take part on the grond "escalatie" (unless a running
    escalation of the case to another body holds them). A participant there on another ground
    keeps it."""
    reden = reden.strip()
    if not reden:
        raise CasusNietMogelijk("Het beëindigen van een escalatie heeft een reden nodig.")
    casus = vergrendel_casus(escalatie.casus, open_=None)
    escalatie = Escalatie.objects.select_for_update().get(pk=escalatie.pk, casus=casus)
    if escalatie.beeindigd_op is not None:
        raise CasusNietMogelijk("Deze escalatie is al beëindigd.")
    nu = timezone.now()
    escalatie.beeindigd_op = nu
    escalatie.beeindigd_door = door
    escalatie.reden_einde = reden
    escalatie.save(update_fields=["beeindigd_op", "beeindigd_door", "reden_einde"])
    blijven: set[int] = set()
    for andere in Escalatie.objects.filter(casus=casus, beeindigd_op__isnull=True).select_related(
        "overleg"
    ):
        blijven.update(m.pk for m in leden_van_orgaan(casus, andere.orgaan, andere.overleg))
    lopend = Deelnemer.objects.filter(
        casus=casus, grond=Deelnemer.Grond.ESCALATIE, beeindigd_op__isnull=True
    ).exclude(medewerker_id__in=blijven)
    # a member who was given an action meanwhile (one row per person, its first grond) keeps
    # the case for that action, on the grond "actie" from now on (it ends with the case)
    met_actie = Actie.objects.filter(casus=casus, status=Actie.Status.OPEN).values("wie_id")
    lopend.filter(medewerker_id__in=met_actie).update(grond=Deelnemer.Grond.ACTIE)
    lopend.exclude(medewerker_id__in=met_actie).update(beeindigd_op=nu)
    geschiedenis.escalatie_beeindigd(
        casus, door=door, orgaan=escalatie.orgaan, reden=reden, datum=timezone.localdate(nu)
    )
    return escalatie


def beeindig_lopende_escalaties(casus: Casus, *, door: Medewerker, reden: str) -> None:
    """End every running escalation of the case (closing it: the bodies no longer hold it)."""
    for escalatie in Escalatie.objects.filter(casus=casus, beeindigd_op__isnull=True):
        beeindig_escalatie(escalatie=escalatie, door=door, reden=reden)
