# SPDX-License-Identifier: EUPL-1.2
"""The access rules: the one place that says who may see and do what (docs/domein.md, "Privacy en
dossiers"). Views, exports and the API ask these permissions; list querysets use the
same scopes through toegang.selectors, so an object check and a list never disagree.

Need-to-know, in short:
- a school sees the pupils currently enrolled at its own school;
- Leerplicht sees the pupils living in the municipalities its organisation serves;
- youth doctor, family worker, SWV consultant, team manager and intervention team see only the
  cases they are involved in (casus_scope; a team manager of Leerplicht as Leerplicht), not
  the pupil file itself;
- policy staff see aggregates only, never a pupil;
- the functional administrator manages accounts of the own organisation and reads the access
  log, but not the pupil files themselves.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import DateTimeField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

import rules

from .models import Medewerker, Rol
from .verzoek import onthouden

NIETS = Q(pk__in=[])


def _actieve_medewerker(user: Any) -> Medewerker | None:
    if getattr(user, "is_authenticated", False) and user.heeft_passende_rol:
        return user
    return None


def gemeenten_van(medewerker: Medewerker) -> list[int]:
    """The ids of the municipalities the user's organisation serves (once per request). The
    scopes name them as a list of values, not as a join through the organisation: the planner
    then knows how many pupils a municipality has, where "IN (every pupil of the
    organisation)" became a hash of all 150,000 pupils of a G4 city on every list and check."""
    organisatie = medewerker.organisatie
    assert organisatie is not None
    return onthouden(
        ("gemeenten", organisatie.pk),
        lambda: sorted(organisatie.gemeenten.values_list("pk", flat=True)),
    )


def leerling_scope(user: Any, *, peildatum: date | None = None, via: str = "") -> Q:
    """The pupils `user` may see on `peildatum`, as a filter on Leerling, or with
    via="leerling" on a model whose foreign key `leerling` points at them (signals, meldingen,
    cases): one definition of "the pupils I may see" for every model about a pupil."""
    medewerker = _actieve_medewerker(user)
    if medewerker is None:
        return NIETS
    organisatie = medewerker.organisatie
    assert organisatie is not None
    if medewerker.rol == Rol.LEERPLICHTAMBTENAAR:
        veld = f"{via}__woongemeente_id__in" if via else "woongemeente_id__in"
        return Q(**{veld: gemeenten_van(medewerker)})
    if medewerker.rol == Rol.SCHOOLMEDEWERKER:
        dag = peildatum or timezone.localdate()
        inschrijving = apps.get_model("registratie", "Inschrijving")
        ingeschreven = inschrijving.objects.filter(
            Q(einddatum__isnull=True) | Q(einddatum__gte=dag),
            leerling=OuterRef(f"{via}_id" if via else "pk"),
            school__organisatie=organisatie,
            begindatum__lte=dag,
        )
        return Q(Exists(ingeschreven))
    return NIETS


@rules.predicate
def leerling_zichtbaar(user: Any, leerling: Any) -> bool:
    if leerling is None:
        return False
    model = apps.get_model("registratie", "Leerling")
    return onthouden(
        ("leerling", getattr(user, "pk", None), leerling.pk),
        lambda: bool(model.objects.filter(leerling_scope(user), pk=leerling.pk).exists()),
    )


def in_eigen_periode(medewerker: Medewerker, *, dag: Any, via: str = "leerling") -> Q:
    """Access follows time: the row's day (`dag`, an expression on the row such as
    OuterRef("datum")) lies in one of the pupil's enrolment periods at a school of the
    medewerker's organisation. A school sees absence, signals and meldingen of its own periods
    only; what happened at an earlier school, or at another school in a parallel period,
    reaches it only as a case participant."""
    inschrijving = apps.get_model("registratie", "Inschrijving")
    return Q(
        Exists(
            inschrijving.objects.filter(
                Q(einddatum__isnull=True) | Q(einddatum__gte=dag),
                leerling=OuterRef(f"{via}_id"),
                school__organisatie=medewerker.organisatie,
                begindatum__lte=dag,
            )
        )
    )


def _datum_van(moment: Any) -> Any:
    """The local date of a moment on the outer row (an OuterRef has no type of its own)."""
    return TruncDate(ExpressionWrapper(moment, output_field=DateTimeField()))


def verzuim_scope(user: Any, *, peildatum: date | None = None) -> Q:
    """The absence rows `user` may see, as a filter on registratie.Verzuim. Leerplicht: every
    row of the pupils in its municipalities. A school: of the pupils in its leerling_scope, the
    rows its own school registered for a day inside one of its own enrolment periods. Other
    roles: none."""
    return _per_schooldag(user, peildatum=peildatum)


def _per_schooldag(user: Any, *, peildatum: date | None) -> Q:
    """Rows about a pupil on a day at a school (`leerling`, `school`, `datum`: absence and
    signals): Leerplicht every row of its pupils; a school the rows of its own school on a day
    inside one of its own enrolment periods; other roles none."""
    medewerker = _actieve_medewerker(user)
    if medewerker is None or medewerker.rol not in (Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR):
        return NIETS
    zichtbaar = leerling_scope(user, peildatum=peildatum, via="leerling")
    if medewerker.rol == Rol.SCHOOLMEDEWERKER:
        return (
            zichtbaar
            & Q(school__organisatie=medewerker.organisatie)
            & in_eigen_periode(medewerker, dag=OuterRef("datum"))
        )
    return zichtbaar


def signaal_scope(user: Any, *, peildatum: date | None = None) -> Q:
    """The signals `user` may see, as a filter on signalering.Signaal: the signals of the
    pupils in leerling_scope; a school only the signals about its own school raised on a day
    inside one of its own enrolment periods (a pupil who changed schools keeps the old school's
    signals out of the new school's inbox, and access follows time), Leerplicht every signal of
    its pupils. Other roles: none (their access comes with cases)."""
    return _per_schooldag(user, peildatum=peildatum)


@rules.predicate
def signaal_zichtbaar(user: Any, signaal: Any) -> bool:
    if signaal is None:
        return False
    model = apps.get_model("signalering", "Signaal")
    return bool(model.objects.filter(signaal_scope(user), pk=signaal.pk).exists())


def melding_scope(user: Any, *, peildatum: date | None = None) -> Q:
    """The meldingen `user` may see, as a filter on signalering.Melding. A school: its own
    meldingen (drafts included) of pupils in its leerling_scope, made on a day inside one of
    its own enrolment periods, as with signals. Leerplicht:
    the sent meldingen of pupils living in its municipalities. The SWV consultant: the sent
    stay-at-home meldingen addressed to its own samenwerkingsverband, never an absence report.
    Every other role: none."""
    medewerker = _actieve_medewerker(user)
    if medewerker is None:
        return NIETS
    verzonden = Q(verzonden_op__isnull=False)
    if medewerker.rol == Rol.SWV_CONSULENT:
        return (
            verzonden & Q(samenwerkingsverband=medewerker.organisatie) & ~Q(soort="verzuimmelding")
        )
    if medewerker.rol not in (Rol.SCHOOLMEDEWERKER, Rol.LEERPLICHTAMBTENAAR):
        return NIETS
    zichtbaar = leerling_scope(user, peildatum=peildatum, via="leerling")
    if medewerker.rol == Rol.SCHOOLMEDEWERKER:
        return (
            zichtbaar
            & Q(school__organisatie=medewerker.organisatie)
            & in_eigen_periode(medewerker, dag=_datum_van(OuterRef("aangemaakt_op")))
        )
    return zichtbaar & verzonden


@rules.predicate
def melding_zichtbaar(user: Any, melding: Any) -> bool:
    if melding is None:
        return False
    model = apps.get_model("signalering", "Melding")
    return bool(model.objects.filter(melding_scope(user), pk=melding.pk).exists())


@rules.predicate
def melding_is_concept(user: Any, melding: Any) -> bool:
    return melding is not None and melding.verzonden_op is None


@rules.predicate
def melding_is_thuiszitter(user: Any, melding: Any) -> bool:
    return melding is not None and melding.soort != "verzuimmelding"


def _is_leerplicht(medewerker: Medewerker) -> bool:
    """Leerplicht: the officer, or a team manager of a municipal (Leerplicht) organisation."""
    organisatie = medewerker.organisatie
    assert organisatie is not None
    return medewerker.rol == Rol.LEERPLICHTAMBTENAAR or (
        medewerker.rol == Rol.TEAMMANAGER and organisatie.soort == organisatie.Soort.GEMEENTE
    )


def casus_scope(user: Any, *, peildatum: date | None = None) -> Q:
    """The cases `user` may see, as a filter on regie.Casus. A school: the cases of its
    currently enrolled pupils (leerling_scope). Leerplicht (officer, or team manager of a
    municipal organisation): the cases that belong to its municipalities (Casus.gemeente), and
    the cases it takes part in. Youth doctor, family worker, SWV consultant, other team managers
    and the intervention team: only the cases they direct or take part in (Deelnemer). Policy
    staff and the functional administrator: none."""
    medewerker = _actieve_medewerker(user)
    if medewerker is None or medewerker.rol in (Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER):
        return NIETS
    if medewerker.rol == Rol.SCHOOLMEDEWERKER:
        return leerling_scope(user, peildatum=peildatum, via="leerling")
    deelnemer = apps.get_model("regie", "Deelnemer")
    betrokken = Q(regisseur=medewerker) | Q(
        Exists(deelnemer.objects.filter(casus=OuterRef("pk"), medewerker=medewerker))
    )
    if _is_leerplicht(medewerker):
        # the cases of its municipalities (Casus.gemeente, not where the pupil lives now: after
        # a move the receiving municipality gets a case only through a recorded handover),
        # for the officer and for Leerplicht's team manager
        return Q(gemeente_id__in=gemeenten_van(medewerker)) | betrokken
    return betrokken


@rules.predicate
def casus_zichtbaar(user: Any, casus: Any) -> bool:
    if casus is None:
        return False
    model = apps.get_model("regie", "Casus")
    return onthouden(
        ("casus", getattr(user, "pk", None), casus.pk),
        lambda: bool(model.objects.filter(casus_scope(user), pk=casus.pk).exists()),
    )


@rules.predicate
def casus_is_open(user: Any, casus: Any) -> bool:
    return casus is not None and casus.status == "open"


@rules.predicate
def is_regisseur(user: Any, casus: Any) -> bool:
    return (
        casus is not None
        and _actieve_medewerker(user) is not None
        and casus.regisseur_id == user.pk
    )


@rules.predicate
def is_deelnemer(user: Any, casus: Any) -> bool:
    if casus is None or _actieve_medewerker(user) is None:
        return False
    model = apps.get_model("regie", "Deelnemer")
    return onthouden(
        ("deelnemer", user.pk, casus.pk),
        lambda: bool(model.objects.filter(casus_id=casus.pk, medewerker=user).exists()),
    )


@rules.predicate
def is_leerplicht(user: Any) -> bool:
    medewerker = _actieve_medewerker(user)
    return medewerker is not None and _is_leerplicht(medewerker)


def _rol_predicate(*rollen: str) -> Any:
    @rules.predicate(name="heeft_rol_" + "_of_".join(rollen))
    def heeft_rol(user: Any) -> bool:
        return _actieve_medewerker(user) is not None and user.rol in rollen

    return heeft_rol


is_leerplichtambtenaar = _rol_predicate(Rol.LEERPLICHTAMBTENAAR)
is_schoolmedewerker = _rol_predicate(Rol.SCHOOLMEDEWERKER)
is_functioneel_beheerder = _rol_predicate(Rol.FUNCTIONEEL_BEHEERDER)
is_swv_consulent = _rol_predicate(Rol.SWV_CONSULENT)
mag_cijfers_zien = _rol_predicate(
    Rol.LEERPLICHTAMBTENAAR, Rol.BELEIDSMEDEWERKER, Rol.TEAMMANAGER, Rol.SWV_CONSULENT
)
is_professional = _rol_predicate(*Rol.values)


@rules.predicate
def zelfde_organisatie(user: Any, medewerker: Any) -> bool:
    return (
        medewerker is not None
        and _actieve_medewerker(user) is not None
        and medewerker.organisatie_id == user.organisatie_id
    )


# Pupil file: read, correct personal data, register absence, export.
rules.add_perm("registratie.view_leerling", leerling_zichtbaar)
rules.add_perm("registratie.change_leerling", is_leerplichtambtenaar & leerling_zichtbaar)
rules.add_perm("registratie.add_verzuim", is_schoolmedewerker & leerling_zichtbaar)
rules.add_perm(
    "registratie.export_leerling",
    (is_leerplichtambtenaar | is_schoolmedewerker) & leerling_zichtbaar,
)
# The school's own page: its enrolled pupils with their absence totals.
rules.add_perm("registratie.view_school", is_schoolmedewerker)
# Pupil lists and search (each row still passes leerling_scope).
rules.add_perm("registratie.list_leerling", is_leerplichtambtenaar | is_schoolmedewerker)
# Te bevestigen: held writes (registratie.bevestigen scopes which ones each user sees).
rules.add_perm("registratie.view_bevestigen", is_leerplichtambtenaar | is_schoolmedewerker)
# File imports: who may import which kind. Each row is checked again by the importer
# (a school only for its own school, Leerplicht only for its own municipalities).
rules.add_perm("registratie.import_scholen", is_functioneel_beheerder | is_leerplichtambtenaar)
rules.add_perm("registratie.import_leerlingen", is_leerplichtambtenaar)
rules.add_perm("registratie.import_inschrijvingen", is_schoolmedewerker)
rules.add_perm("registratie.import_verzuim", is_schoolmedewerker)
rules.add_perm("registratie.import_vrijstellingen", is_leerplichtambtenaar)
# The import screen: everyone who may import some kind, for imports of the own organisation.
rules.add_perm(
    "registratie.view_import",
    is_functioneel_beheerder | is_leerplichtambtenaar | is_schoolmedewerker,
)
# Aggregate figures without names (monitoring).
rules.add_perm("monitoring.view_cijfers", mag_cijfers_zien)


@rules.predicate
def scope_zichtbaar(user: Any, scope: Any) -> bool:
    """Whether `user` may see the figures of `scope` (a monitoring.rapport.Scope: soort and
    code). A municipal organisation (Leerplicht, its policy staff and team managers): its
    municipalities, districts of them and the rest outside a district, and the schools located
    in them. A samenwerkingsverband (its consultants, policy staff and team managers): itself
    and its schools. Anyone else: nothing."""
    medewerker = _actieve_medewerker(user)
    if scope is None or medewerker is None or not mag_cijfers_zien(user):
        return False
    organisatie = medewerker.organisatie
    assert organisatie is not None
    school = apps.get_model("registratie", "School")
    if organisatie.soort == organisatie.Soort.GEMEENTE:
        if scope.soort in ("gemeente", "gebied", "buiten"):
            # a district only as configured: any range would let two nested ranges be
            # subtracted past the suppression of small numbers (issue 13)
            if scope.soort != "gemeente" and scope.code not in settings.AANPAK_PER_GEBIED:
                return False
            return bool(organisatie.gemeenten.filter(code=scope.code[:4]).exists())
        if scope.soort == "school":
            return bool(
                school.objects.filter(
                    brin=scope.code[:4],
                    vestiging=scope.code[4:],
                    gemeente__organisaties=organisatie,
                ).exists()
            )
        return False
    if organisatie.soort == organisatie.Soort.SAMENWERKINGSVERBAND:
        if scope.soort == "swv":
            return scope.code == str(organisatie.pk)
        if scope.soort == "school":
            return bool(
                school.objects.filter(
                    brin=scope.code[:4],
                    vestiging=scope.code[4:],
                    samenwerkingsverband=organisatie,
                ).exists()
            )
    return False


# A report of a scope, and the lists behind its numbers: the lists only for roles that see
# pupils or cases (never policy staff); each list still passes the list's own scope
# (leerling_scope, casus_scope, signaal_scope, melding_scope).
is_beleidsmedewerker = _rol_predicate(Rol.BELEIDSMEDEWERKER)
rules.add_perm("monitoring.view_rapport", scope_zichtbaar)
rules.add_perm("monitoring.view_lijst", scope_zichtbaar & ~is_beleidsmedewerker)
# Access log and accounts: the functional administrator of the own organisation.
rules.add_perm("verantwoording.view_inzage", is_functioneel_beheerder)
rules.add_perm("toegang.change_medewerker", is_functioneel_beheerder & zelfde_organisatie)
# The start page is for every professional with a fitting role.
rules.add_perm("web.view_vandaag", is_professional)
# Signals: the inbox for school and Leerplicht; each signal within signaal_scope. Marking seen
# and dismissing (with a reason) by the same roles, for the signals they see.
rules.add_perm("signalering.list_signaal", is_leerplichtambtenaar | is_schoolmedewerker)
rules.add_perm("signalering.view_signaal", signaal_zichtbaar)
rules.add_perm(
    "signalering.handle_signaal",
    (is_leerplichtambtenaar | is_schoolmedewerker) & signaal_zichtbaar,
)
# Meldingen (reports): the inbox for school, Leerplicht and the SWV; each melding within
# melding_scope. The school makes (for a pupil it sees), changes and sends its drafts;
# Leerplicht handles art. 14 l-p; the SWV consultant handles its part of a stay-at-home
# report. Whoever sees a melding may export it (the export is access-logged).
rules.add_perm(
    "signalering.list_melding", is_leerplichtambtenaar | is_schoolmedewerker | is_swv_consulent
)
rules.add_perm("signalering.add_melding", is_schoolmedewerker & leerling_zichtbaar)
rules.add_perm("signalering.view_melding", melding_zichtbaar)
rules.add_perm(
    "signalering.change_melding", is_schoolmedewerker & melding_zichtbaar & melding_is_concept
)
rules.add_perm("signalering.handle_melding", is_leerplichtambtenaar & melding_zichtbaar)
rules.add_perm(
    "signalering.handle_melding_swv",
    is_swv_consulent & melding_zichtbaar & melding_is_thuiszitter,
)
rules.add_perm("signalering.export_melding", melding_zichtbaar)
# Cases (regie): the list for every role that can take part in a case; each case within
# casus_scope. School and Leerplicht open a case for a pupil they see. The regisseur and
# Leerplicht transfer regie, add participants, close and reopen; the regisseur and the
# participants edit the plan and add contacts, actions and model steps.
is_casusrol = _rol_predicate(
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
rules.add_perm("regie.add_stap", casus_is_open & regisseur_of_deelnemer)
rules.add_perm("regie.change_aanpak", casus_is_open & casus_zichtbaar & is_leerplicht)


# Meetings (regie.Overleg): Leerplicht (officer, or team manager of a municipal organisation)
# sees and plans the meetings of its own organisation; every other case role the meetings it
# chairs or is a member of. Policy staff and the functional administrator: none. An agenda
# item shows the case only to who may see that case (regie.view_casus).
def overleg_scope(user: Any) -> Q:
    """The meetings `user` may see, as a filter on regie.Overleg."""
    medewerker = _actieve_medewerker(user)
    if medewerker is None or medewerker.rol in (Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER):
        return NIETS
    leden = apps.get_model("regie", "Overleg").leden.through
    lid = Q(voorzitter=medewerker) | Q(
        Exists(leden.objects.filter(overleg=OuterRef("pk"), medewerker=medewerker))
    )
    if _is_leerplicht(medewerker):
        return Q(organisatie=medewerker.organisatie) | lid
    return lid


@rules.predicate
def overleg_zichtbaar(user: Any, overleg: Any) -> bool:
    if overleg is None:
        return False
    model = apps.get_model("regie", "Overleg")
    return bool(model.objects.filter(overleg_scope(user), pk=overleg.pk).exists())


# The Leerplichtspreekuur: the school's staff see their own school's consultation hours and
# refer their pupils to them; the leerplichtambtenaar of a consultation hour sees it and
# records the outcomes.
def spreekuur_scope(user: Any) -> Q:
    """The consultation hours `user` may see, as a filter on regie.Spreekuur."""
    medewerker = _actieve_medewerker(user)
    if medewerker is None:
        return NIETS
    if medewerker.rol == Rol.SCHOOLMEDEWERKER:
        return Q(school__organisatie=medewerker.organisatie)
    if medewerker.rol == Rol.LEERPLICHTAMBTENAAR:
        return Q(leerplichtambtenaar=medewerker)
    return NIETS


@rules.predicate
def spreekuur_zichtbaar(user: Any, spreekuur: Any) -> bool:
    if spreekuur is None:
        return False
    model = apps.get_model("regie", "Spreekuur")
    return bool(model.objects.filter(spreekuur_scope(user), pk=spreekuur.pk).exists())


rules.add_perm("regie.list_overleg", is_casusrol)
rules.add_perm("regie.add_overleg", is_leerplicht)
rules.add_perm("regie.view_overleg", overleg_zichtbaar)
rules.add_perm("regie.change_overleg", overleg_zichtbaar)
rules.add_perm("regie.list_spreekuur", is_schoolmedewerker | is_leerplichtambtenaar)
rules.add_perm("regie.add_spreekuur", is_leerplichtambtenaar)
rules.add_perm("regie.view_spreekuur", spreekuur_zichtbaar)
rules.add_perm("regie.refer_spreekuur", is_schoolmedewerker & spreekuur_zichtbaar)
rules.add_perm("regie.record_verwijzing", is_leerplichtambtenaar & spreekuur_zichtbaar)
# Justice chain, letters, advice, exemptions, OPP and evaluation within a case (regie,
# docs/regie.md "Justitie, brieven, evaluatie en vrijstellingen"). Justice data is criminal
# data (AVG art. 10): its content and the letters only for Leerplicht; the other viewers of
# the case see that a justice step exists. The MAZL advice (only what may be shared) by the
# youth doctor taking part, visible to every viewer of the case; the SWV's exemption advice by
# its consultant taking part; the evaluation by the intervention team, team managers and
# Leerplicht taking part; the OPP link and its export by the school and Leerplicht.
_is_jeugdarts = _rol_predicate(Rol.JEUGDARTS)
_evalueert = _rol_predicate(Rol.INTERVENTIETEAMLID, Rol.TEAMMANAGER, Rol.LEERPLICHTAMBTENAAR)
rules.add_perm("regie.view_justitiestap", casus_zichtbaar & is_leerplicht)
rules.add_perm("regie.add_justitiestap", casus_zichtbaar & is_leerplichtambtenaar)
rules.add_perm("regie.add_brief", casus_is_open & casus_zichtbaar & is_leerplichtambtenaar)
rules.add_perm("regie.export_brief", casus_zichtbaar & is_leerplicht)
rules.add_perm("regie.add_mazladvies", casus_is_open & _is_jeugdarts & regisseur_of_deelnemer)
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
# contact, the medical part of a MAZL advice; regie.MedischeInhoud) only for the youth doctors
# of the writer's organisation who see the case. The youth doctor's short, non-medical advice
# (of a contact or a MAZL consult) for the case director and youth doctors who see the case.
# Everyone else who sees the case sees that there is medical content, not what.
@rules.predicate
def medisch_zichtbaar(user: Any, inhoud: Any) -> bool:
    medewerker = _actieve_medewerker(user)
    if inhoud is None or medewerker is None or medewerker.rol != Rol.JEUGDARTS:
        return False
    if inhoud.organisatie_id != medewerker.organisatie_id:
        return False
    return bool(casus_zichtbaar(user, inhoud.casus))


rules.add_perm("regie.view_medisch", medisch_zichtbaar)
rules.add_perm("regie.view_medisch_advies", casus_zichtbaar & (is_regisseur | _is_jeugdarts))


# Case handover after a move (regie.Casusoverdracht, issue 13): the sending side (the case's
# regisseur, or Leerplicht who sees the case) sends what it chooses; the receiving side, the
# leerplichtambtenaren of the municipality the pupil moved to, see a handover only once it
# is sent, and only what was sent, never the case itself.
def overdracht_scope(user: Any) -> Q:
    """The handovers `user` receives, as a filter on regie.Casusoverdracht."""
    medewerker = _actieve_medewerker(user)
    if medewerker is None or medewerker.rol != Rol.LEERPLICHTAMBTENAAR:
        return NIETS
    return Q(naar_gemeente_id__in=gemeenten_van(medewerker)) & ~Q(status="concept")


@rules.predicate
def overdracht_ontvangen(user: Any, overdracht: Any) -> bool:
    if overdracht is None:
        return False
    model = apps.get_model("regie", "Casusoverdracht")
    return bool(model.objects.filter(overdracht_scope(user), pk=overdracht.pk).exists())


rules.add_perm("regie.send_overdracht", casus_is_open & regisseur_of_leerplicht)
rules.add_perm("regie.view_overdracht", overdracht_ontvangen)
rules.add_perm("regie.accept_overdracht", overdracht_ontvangen & is_leerplichtambtenaar)
