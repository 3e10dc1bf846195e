# SPDX-License-Identifier: EUPL-1.2
"""Who may see and do what with regie's objects: cases and everything in them (plan, actions,
contacts, model steps, the justice chain, letters, advice, exemptions, OPP, evaluation, medical
content), meetings, the Leerplichtspreekuur and the handover of a case after a move. The shared
parts (role predicates, leerling_scope) are toegang.rules'; a pupil for whom a case is opened
passes registratie.rules.leerling_zichtbaar. The scoped reads that use these scopes are in
regie.selectors."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

import rules

from binnenboord.registratie.rules import leerling_zichtbaar
from binnenboord.toegang.models import Medewerker, Rol
from binnenboord.toegang.rules import (
    NIETS,
    Gebruiker,
    actieve_medewerker,
    add_scope,
    gemeenten_van,
    hoort_bij_leerplicht,
    is_jeugdarts,
    is_leerplicht,
    is_leerplichtambtenaar,
    is_schoolmedewerker,
    is_swv_consulent,
    leerling_scope,
    rol_predicate,
)
from binnenboord.toegang.verzoek import onthouden

from .configuratie import TERUG_OP_SCHOOL, aanpakken
from .models import (
    Agendapunt,
    Casus,
    Casusoverdracht,
    Deelnemer,
    Escalatie,
    Mazlverwijzing,
    MedischeInhoud,
    Overleg,
    Spreekuur,
)


def lopende_deelnames(medewerker: Medewerker) -> QuerySet[Deelnemer]:
    """The participations of `medewerker` that give access now (docs/samenwerken.md,
    "Deelname en toegewezen werk"): not ended (beeindigd_op empty), and on the grond "actie" or
    "escalatie" only while the case is open; added by a person ("toegevoegd"): until ended."""
    return Deelnemer.objects.filter(
        Q(grond=Deelnemer.Grond.TOEGEVOEGD) | Q(casus__status=Casus.Status.OPEN),
        medewerker=medewerker,
        beeindigd_op__isnull=True,
    )


def casus_scope(user: Gebruiker, *, peildatum: date | None = None) -> Q:
    """The cases `user` may see, as a filter on Casus. A school: the cases of its currently
    enrolled pupils (leerling_scope). Leerplicht (officer, or team manager of a municipal
    organisation): the cases that belong to its municipalities (Casus.gemeente), and the cases
    it takes part in. Youth doctor, family worker, SWV consultant, other team managers and the
    intervention team: only the cases they direct or take part in (a running participation:
    lopende_deelnames; added by a person, assigned an action, or a member of the body the case
    is escalated to). Policy staff and the functional administrator: none."""
    medewerker = actieve_medewerker(user)
    if medewerker is None or medewerker.rol in (Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER):
        return NIETS
    if medewerker.rol == Rol.SCHOOLMEDEWERKER:
        return leerling_scope(user, peildatum=peildatum, via="leerling")
    betrokken = Q(regisseur=medewerker) | Q(
        Exists(lopende_deelnames(medewerker).filter(casus=OuterRef("pk")))
    )
    if hoort_bij_leerplicht(medewerker):
        # the cases of its municipalities (Casus.gemeente, not where the pupil lives now: after
        # a move the receiving municipality gets a case only through a recorded handover),
        # for the officer and for Leerplicht's team manager
        return Q(gemeente_id__in=gemeenten_van(medewerker)) | betrokken
    return betrokken


@rules.predicate
def casus_zichtbaar(user: Gebruiker, casus: Casus | None) -> bool:
    if casus is None:
        return False
    return onthouden(
        ("casus", getattr(user, "pk", None), casus.pk),
        lambda: bool(Casus.objects.filter(casus_scope(user), pk=casus.pk).exists()),
    )


@rules.predicate
def casus_is_open(user: Gebruiker, casus: Casus | None) -> bool:
    return casus is not None and casus.status == Casus.Status.OPEN


@rules.predicate
def is_regisseur(user: Gebruiker, casus: Casus | None) -> bool:
    medewerker = actieve_medewerker(user)
    return casus is not None and medewerker is not None and casus.regisseur_id == medewerker.pk


@rules.predicate
def is_deelnemer(user: Gebruiker, casus: Casus | None) -> bool:
    medewerker = actieve_medewerker(user)
    if casus is None or medewerker is None:
        return False
    return onthouden(
        ("deelnemer", medewerker.pk, casus.pk),
        lambda: bool(lopende_deelnames(medewerker).filter(casus_id=casus.pk).exists()),
    )


# Cases: the list for every role that can take part in a case; each case within casus_scope.
# School and Leerplicht open a case for a pupil they see. The regisseur and Leerplicht transfer
# regie, add participants, close and reopen; the regisseur and the participants edit the plan
# and add contacts, actions and model steps.
is_casusrol = rol_predicate(
    Rol.SCHOOLMEDEWERKER,
    Rol.LEERPLICHTAMBTENAAR,
    Rol.JEUGDARTS,
    Rol.GEZINSWERKER,
    Rol.SWV_CONSULENT,
    Rol.TEAMMANAGER,
    Rol.INTERVENTIETEAMLID,
)
regisseur_of_leerplicht = casus_zichtbaar & (is_regisseur | is_leerplicht)
regisseur_of_deelnemer = casus_zichtbaar & (is_regisseur | is_deelnemer)
rules.add_perm("regie.list_casus", is_casusrol)
rules.add_perm(
    "regie.add_casus", (is_leerplichtambtenaar | is_schoolmedewerker) & leerling_zichtbaar
)
rules.add_perm("regie.view_casus", casus_zichtbaar)
rules.add_perm("regie.transfer_casus", casus_is_open & regisseur_of_leerplicht)
rules.add_perm("regie.add_deelnemer", casus_is_open & regisseur_of_leerplicht)
rules.add_perm("regie.close_casus", casus_is_open & regisseur_of_leerplicht)
rules.add_perm("regie.reopen_casus", ~casus_is_open & regisseur_of_leerplicht)
rules.add_perm("regie.change_plan", casus_is_open & regisseur_of_deelnemer)
rules.add_perm("regie.add_actie", casus_is_open & regisseur_of_deelnemer)
rules.add_perm("regie.add_contactmoment", casus_is_open & regisseur_of_deelnemer)
# The family worker on a home visit (need-to-know, docs/samenwerken.md): on the case page the
# pupil's address (unless shielded) and the parents' phone numbers, when it directs or takes
# part in the case. Other roles keep what they had: the school and Leerplicht read them on the
# pupil's page (registratie.view_leerling).
is_gezinswerker = rol_predicate(Rol.GEZINSWERKER)
rules.add_perm(
    "regie.view_huisbezoekgegevens",
    casus_zichtbaar & is_gezinswerker & (is_regisseur | is_deelnemer),
)


@rules.predicate
def casus_in_nazorg(user: Gebruiker, casus: Casus | None) -> bool:
    """A closed case with aftercare to record: closed with a return to school (configuratie.
    TERUG_OP_SCHOOL) under a model with aftercare steps (kern.aanpak.Aanpak.nazorg)."""
    if casus is None or casus.status != Casus.Status.GESLOTEN:
        return False
    aanpak = aanpakken().get(casus.aanpak)
    return casus.passend_aanbod in TERUG_OP_SCHOOL and aanpak is not None and bool(aanpak.nazorg)


# model steps: the regisseur and the participants of an open case, and Leerplicht who sees it
# (it transfers regie and closes the case too, and engages the Interventieteam early, issue 15
# §7, without first taking part; which step a person may record is registreer_stap's
# mag_stap_vastleggen); the aftercare step of a closed case (docs/aanpakken.md, "Nazorg") its
# regisseur
rules.add_perm(
    "regie.add_stap",
    (casus_is_open & (regisseur_of_deelnemer | regisseur_of_leerplicht))
    | (casus_in_nazorg & casus_zichtbaar & is_regisseur),
)
rules.add_perm("regie.change_aanpak", casus_is_open & casus_zichtbaar & is_leerplicht)


# Meetings (Overleg): Leerplicht (officer, or team manager of a municipal organisation) sees and
# plans the meetings of its own organisation; every other case role the meetings it chairs or
# is a member of. Policy staff and the functional administrator: none. An agenda item shows the
# case only to who may see that case (regie.view_casus).
def overleg_scope(user: Gebruiker) -> Q:
    """The meetings `user` may see, as a filter on Overleg."""
    medewerker = actieve_medewerker(user)
    if medewerker is None or medewerker.rol in (Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER):
        return NIETS
    leden = Overleg.leden.through
    lid = Q(voorzitter=medewerker) | Q(
        Exists(leden.objects.filter(overleg=OuterRef("pk"), medewerker=medewerker))
    )
    if hoort_bij_leerplicht(medewerker):
        return Q(organisatie=medewerker.organisatie) | lid
    return lid


@rules.predicate
def overleg_zichtbaar(user: Gebruiker, overleg: Overleg | None) -> bool:
    if overleg is None:
        return False
    return bool(Overleg.objects.filter(overleg_scope(user), pk=overleg.pk).exists())


# The Leerplichtspreekuur: the school's staff see their own school's consultation hours and
# refer their pupils to them; the leerplichtambtenaar of a consultation hour sees it and
# records the outcomes.
def spreekuur_scope(user: Gebruiker) -> Q:
    """The consultation hours `user` may see, as a filter on Spreekuur."""
    medewerker = actieve_medewerker(user)
    if medewerker is None:
        return NIETS
    if medewerker.rol == Rol.SCHOOLMEDEWERKER:
        return Q(school__organisatie=medewerker.organisatie)
    if medewerker.rol == Rol.LEERPLICHTAMBTENAAR:
        return Q(leerplichtambtenaar=medewerker)
    return NIETS


@rules.predicate
def spreekuur_zichtbaar(user: Gebruiker, spreekuur: Spreekuur | None) -> bool:
    if spreekuur is None:
        return False
    return bool(Spreekuur.objects.filter(spreekuur_scope(user), pk=spreekuur.pk).exists())


rules.add_perm("regie.list_overleg", is_casusrol)
rules.add_perm("regie.add_overleg", is_leerplicht)
rules.add_perm("regie.view_overleg", overleg_zichtbaar)
rules.add_perm("regie.change_overleg", overleg_zichtbaar)
rules.add_perm("regie.list_spreekuur", is_schoolmedewerker | is_leerplichtambtenaar)
rules.add_perm("regie.add_spreekuur", is_leerplichtambtenaar)
rules.add_perm("regie.view_spreekuur", spreekuur_zichtbaar)
rules.add_perm("regie.refer_spreekuur", is_schoolmedewerker & spreekuur_zichtbaar)
rules.add_perm("regie.record_verwijzing", is_leerplichtambtenaar & spreekuur_zichtbaar)
# Justice chain, letters, advice, exemptions, OPP and evaluation within a case (docs/regie.md
# "Justitie, brieven, evaluatie en vrijstellingen"). Justice data is criminal data (AVG art.
# 10): its content and the letters only for Leerplicht; the other viewers of the case see that
# a justice step exists. The MAZL advice (only what may be shared) by the youth doctor taking
# part, visible to every viewer of the case; the SWV's exemption advice by its consultant
# taking part; the evaluation by the intervention team, team managers and Leerplicht taking
# part; the OPP link and its export by the school and Leerplicht.
_evalueert = rol_predicate(Rol.INTERVENTIETEAMLID, Rol.TEAMMANAGER, Rol.LEERPLICHTAMBTENAAR)
rules.add_perm("regie.view_justitiestap", casus_zichtbaar & is_leerplicht)
# the worklist of art. 5 onder a exemptions due for re-assessment: Leerplicht, its own
# municipalities (regie.selectors.justitie.herbeoordelingen)
rules.add_perm("regie.list_herbeoordeling", is_leerplicht)
rules.add_perm("regie.add_justitiestap", casus_zichtbaar & is_leerplichtambtenaar)
rules.add_perm("regie.add_brief", casus_is_open & casus_zichtbaar & is_leerplichtambtenaar)
rules.add_perm("regie.export_brief", casus_zichtbaar & is_leerplicht)
rules.add_perm("regie.add_mazladvies", casus_is_open & is_jeugdarts & regisseur_of_deelnemer)
rules.add_perm(
    "regie.add_vrijstellingsadvies", casus_is_open & is_swv_consulent & regisseur_of_deelnemer
)
rules.add_perm(
    "regie.add_vrijstellingsverklaring",
    casus_is_open & casus_zichtbaar & is_leerplichtambtenaar,
)
rules.add_perm("regie.add_evaluatie", casus_is_open & _evalueert & regisseur_of_deelnemer)
rules.add_perm(
    "regie.add_opp",
    casus_is_open & casus_zichtbaar & (is_schoolmedewerker | is_leerplichtambtenaar),
)
rules.add_perm("regie.export_opp", casus_zichtbaar & (is_schoolmedewerker | is_leerplicht))


# Medical content (issue 13, finding 9): what a youth doctor wrote as medical (the notes of a
# contact, the medical part of a MAZL advice; MedischeInhoud) only for the youth doctors of the
# writer's organisation who see the case. The youth doctor's short, non-medical advice (of a
# contact or a MAZL consult) for the case director and youth doctors who see the case.
# Everyone else who sees the case sees that there is medical content, not what.
@rules.predicate
def medisch_zichtbaar(user: Gebruiker, inhoud: MedischeInhoud | None) -> bool:
    medewerker = actieve_medewerker(user)
    if inhoud is None or medewerker is None or medewerker.rol != Rol.JEUGDARTS:
        return False
    if inhoud.organisatie_id != medewerker.organisatie_id:
        return False
    if inhoud.mazlverwijzing_id is not None:
        # the notes of a MAZL referral (with or without a case): the addressed youth doctor
        return bool(mazl_zichtbaar(user, inhoud.mazlverwijzing))
    return bool(casus_zichtbaar(user, inhoud.casus))


rules.add_perm("regie.view_medisch", medisch_zichtbaar)
rules.add_perm("regie.view_medisch_advies", casus_zichtbaar & (is_regisseur | is_jeugdarts))


# Case handover after a move (Casusoverdracht, issue 13): the sending side (the case's
# regisseur, or Leerplicht who sees the case) sends what it chooses; the receiving side, the
# leerplichtambtenaren of the municipality the pupil moved to, see a handover only once it is
# sent, and only what was sent, never the case itself.
def overdracht_scope(user: Gebruiker) -> Q:
    """The handovers `user` receives, as a filter on Casusoverdracht."""
    medewerker = actieve_medewerker(user)
    if medewerker is None or medewerker.rol != Rol.LEERPLICHTAMBTENAAR:
        return NIETS
    return Q(naar_gemeente_id__in=gemeenten_van(medewerker)) & ~Q(
        status=Casusoverdracht.Status.CONCEPT
    )


@rules.predicate
def overdracht_ontvangen(user: Gebruiker, overdracht: Casusoverdracht | None) -> bool:
    if overdracht is None:
        return False
    return bool(Casusoverdracht.objects.filter(overdracht_scope(user), pk=overdracht.pk).exists())


rules.add_perm("regie.send_overdracht", casus_is_open & regisseur_of_leerplicht)
rules.add_perm("regie.view_overdracht", overdracht_ontvangen)
rules.add_perm("regie.accept_overdracht", overdracht_ontvangen & is_leerplichtambtenaar)

# verantwoording (below regie in the flow) asks for the cases by name: unusual access
add_scope("regie.casus", casus_scope)
add_scope("regie.casusoverdracht", overdracht_scope)


# A published agenda (issue 15): the chair and the members of a meeting see each case on its
# agenda (summary, plan and the question; never medical or justice content) from the moment
# the agenda is published until the meeting's outcome for that case is recorded. It does not
# make them a participant and does not open the case itself (regie.view_casus). A case that
# closes before it is discussed leaves their view, as an action's or a body's access does.
def agendapunt_scope(user: Gebruiker) -> Q:
    """The agenda items `user` sees as chair or member of their meeting, as a filter on
    Agendapunt."""
    medewerker = actieve_medewerker(user)
    if medewerker is None or medewerker.rol in (Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER):
        return NIETS
    leden = Overleg.leden.through
    # no longer than the case runs: a case closed before it was discussed leaves their view
    return Q(
        overleg__agenda_gepubliceerd_op__isnull=False,
        status=Agendapunt.Status.GEAGENDEERD,
        casus__status=Casus.Status.OPEN,
    ) & (
        Q(overleg__voorzitter=medewerker)
        | Q(Exists(leden.objects.filter(overleg=OuterRef("overleg_id"), medewerker=medewerker)))
    )


@rules.predicate
def agendapunt_zichtbaar(user: Gebruiker, punt: Agendapunt | None) -> bool:
    if punt is None:
        return False
    return bool(Agendapunt.objects.filter(agendapunt_scope(user), pk=punt.pk).exists())


rules.add_perm("regie.view_agendapunt", agendapunt_zichtbaar)
add_scope("regie.agendapunt", agendapunt_scope)  # unusual access (verantwoording)


# MAZL referrals (docs/samenwerken.md, "MAZL"): the school refers a pupil it sees (currently
# enrolled) to the youth doctor of its kernteam, with or without a case. The referring school
# sees its referrals (status and advice) while the pupil is enrolled there; the addressed youth
# doctor sees the referrals addressed to them (not the pupil file), records the consult, the
# medical notes (MedischeInhoud of the referral, medisch_zichtbaar) and the shareable advice.
# Leerplicht, other schools and other youth doctors: none.
def mazl_scope(user: Gebruiker) -> Q:
    """The MAZL referrals `user` may see, as a filter on Mazlverwijzing."""
    medewerker = actieve_medewerker(user)
    if medewerker is None:
        return NIETS
    if medewerker.rol == Rol.JEUGDARTS:
        return Q(jeugdarts=medewerker)
    if medewerker.rol == Rol.SCHOOLMEDEWERKER:
        return Q(school__organisatie=medewerker.organisatie) & leerling_scope(user, via="leerling")
    return NIETS


@rules.predicate
def mazl_zichtbaar(user: Gebruiker, verwijzing: Mazlverwijzing | None) -> bool:
    if verwijzing is None:
        return False
    return onthouden(
        ("mazl", getattr(user, "pk", None), verwijzing.pk),
        lambda: bool(Mazlverwijzing.objects.filter(mazl_scope(user), pk=verwijzing.pk).exists()),
    )


@rules.predicate
def is_verwezen_jeugdarts(user: Gebruiker, verwijzing: Mazlverwijzing | None) -> bool:
    medewerker = actieve_medewerker(user)
    return (
        verwijzing is not None
        and medewerker is not None
        and medewerker.rol == Rol.JEUGDARTS
        and verwijzing.jeugdarts_id == medewerker.pk
    )


@rules.predicate
def mazl_loopt(user: Gebruiker, verwijzing: Mazlverwijzing | None) -> bool:
    return verwijzing is not None and verwijzing.status != Mazlverwijzing.Status.AFGEROND


rules.add_perm("regie.list_mazlverwijzing", is_schoolmedewerker | is_jeugdarts)
rules.add_perm("regie.add_mazlverwijzing", is_schoolmedewerker & leerling_zichtbaar)
rules.add_perm("regie.view_mazlverwijzing", mazl_zichtbaar)
add_scope("regie.mazlverwijzing", mazl_scope)  # unusual access (verantwoording)
rules.add_perm("regie.change_mazlverwijzing", is_verwezen_jeugdarts & mazl_zichtbaar & mazl_loopt)
rules.add_perm("regie.add_mazlmedisch", is_verwezen_jeugdarts & mazl_zichtbaar)


# Signals and cases (docs/samenwerken.md, "Signalen en casussen"): a signal of the pupil is
# attached to the open case by who changes the case (its regisseur, a participant, Leerplicht
# who sees it); the service also asks that the person may handle the signal
# (signalering.handle_signaal), so both sides are checked.
rules.add_perm(
    "regie.attach_signaal", casus_is_open & (regisseur_of_deelnemer | regisseur_of_leerplicht)
)


# Participation and escalation (docs/samenwerken.md, "Deelname en toegewezen werk",
# "Escalatie"). The regisseur and Leerplicht who see the case end a participation. The
# "Escalaties" worklist: the running escalations of visible cases to a body the user is a
# member of (a participant on the grond "escalatie", the chair or a member of the meeting the
# case is proposed for, staff with the body's role), and for Leerplicht those of its
# municipalities. Who sees an escalation there ends it, with a reason.
ORGAAN_VAN_ROL: dict[str, str] = {
    Rol.TEAMMANAGER: "teammanagers",
    Rol.INTERVENTIETEAMLID: "interventieteam",
}


def escalatie_scope(user: Gebruiker) -> Q:
    """The running escalations `user` holds as a member of the body, as a filter on Escalatie."""
    medewerker = actieve_medewerker(user)
    if medewerker is None or medewerker.rol in (Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER):
        return NIETS
    leden = Overleg.leden.through
    lid = (
        Q(
            Exists(
                Deelnemer.objects.filter(
                    casus=OuterRef("casus"),
                    medewerker=medewerker,
                    grond=Deelnemer.Grond.ESCALATIE,
                    beeindigd_op__isnull=True,
                )
            )
        )
        | Q(overleg__voorzitter=medewerker)
        | Q(Exists(leden.objects.filter(overleg=OuterRef("overleg"), medewerker=medewerker)))
    )
    if medewerker.rol in ORGAAN_VAN_ROL:
        lid |= Q(orgaan=ORGAAN_VAN_ROL[medewerker.rol])
    if hoort_bij_leerplicht(medewerker):
        lid |= Q(casus__gemeente_id__in=gemeenten_van(medewerker))
    zichtbaar = Casus.objects.filter(casus_scope(user)).values("pk")
    return Q(beeindigd_op__isnull=True, casus__status=Casus.Status.OPEN, casus__in=zichtbaar) & lid


@rules.predicate
def escalatie_zichtbaar(user: Gebruiker, escalatie: Escalatie | None) -> bool:
    if escalatie is None:
        return False
    return bool(Escalatie.objects.filter(escalatie_scope(user), pk=escalatie.pk).exists())


is_escalatierol = rol_predicate(Rol.LEERPLICHTAMBTENAAR, Rol.TEAMMANAGER, Rol.INTERVENTIETEAMLID)
rules.add_perm("regie.end_deelname", casus_zichtbaar & regisseur_of_leerplicht)
rules.add_perm("regie.list_escalatie", is_escalatierol)
rules.add_perm("regie.end_escalatie", escalatie_zichtbaar)


# --- Relatie: the parents and the pupil in the portal (docs/relatie.md) -------------------
# The regisseur (or Leerplicht of the case) invites, ends and withholds portal access, invites
# to a meeting, answers messages and handles correction requests. Everyone who sees the case
# reads the family's own story and their agreement with the plan beside their own notes; a
# participant may note a story on their behalf (it says so). The message thread and the
# correction requests stay with the regisseur and Leerplicht.
rules.add_perm("regie.invite_portaal", casus_is_open & regisseur_of_leerplicht)
rules.add_perm("regie.end_portaal", casus_zichtbaar & regisseur_of_leerplicht)
rules.add_perm("regie.view_verhaal", casus_zichtbaar)
rules.add_perm("regie.add_verhaal", casus_is_open & regisseur_of_deelnemer)
rules.add_perm("regie.view_bericht", casus_zichtbaar & regisseur_of_leerplicht)
rules.add_perm("regie.add_bericht", casus_is_open & regisseur_of_leerplicht)
rules.add_perm("regie.change_correctieverzoek", casus_zichtbaar & regisseur_of_leerplicht)
