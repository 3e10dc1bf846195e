# SPDX-License-Identifier: EUPL-1.2
"""Scoped reads of cases. Every queryset starts from zichtbare_casussen, the filter
regie.rules.casus_scope that the regie.view_casus rule uses too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from binnenboord.registratie.models import Leerling
from binnenboord.signalering.selectors import meldingen_van, signalen_van
from binnenboord.toegang.models import TECHNISCH_ACCOUNT, Medewerker, Rol

from ..models import Casus, CasusGebeurtenis, MedischeInhoud
from ..rules import casus_scope, lopende_deelnames, overdracht_scope

# Roles that can hold regie or take part in a case; policy staff and the administrator never.
CASUSROLLEN = frozenset(Rol.values) - {Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER}


def zichtbare_casussen(gebruiker: Medewerker) -> QuerySet[Casus]:
    return Casus.objects.filter(casus_scope(gebruiker))


def ziet_casus(medewerker: Medewerker, casus: Casus) -> bool:
    """Whether `medewerker` may see `casus` (the same scope as zichtbare_casussen)."""
    return Casus.objects.filter(casus_scope(medewerker), pk=casus.pk).exists()


def haal_casus(gebruiker: Medewerker, pk: Any) -> Casus:
    """The case, or 404 for "missing" and "forbidden" alike."""
    try:
        return (
            zichtbare_casussen(gebruiker)
            .select_related(
                "leerling",
                "leerling__woongemeente",
                "gemeente",
                "regisseur__organisatie",
                "signaal",
                "melding",
            )
            .get(pk=pk)
        )
    except (ValueError, Casus.DoesNotExist):
        raise Http404 from None


def betrokken(gebruiker: Medewerker) -> Q:
    """The cases the user directs or takes part in ("mijn casussen")."""
    return Q(regisseur_id=gebruiker.pk) | Q(
        Exists(lopende_deelnames(gebruiker).filter(casus=OuterRef("pk")))
    )


def casussen_van(gebruiker: Medewerker, leerling: Leerling) -> QuerySet[Casus]:
    return (
        zichtbare_casussen(gebruiker)
        .filter(leerling=leerling)
        .select_related("regisseur")
        .order_by("-start", "-pk")
    )


def heeft_open_casus(leerling: Leerling) -> bool:
    """Whether the pupil has an open case (whoever may see it): a second cannot be opened."""
    return Casus.objects.filter(leerling=leerling, status=Casus.Status.OPEN).exists()


def kiesbare_medewerkers() -> QuerySet[Medewerker]:
    """Staff that can be chosen in any staff choice (regisseur, overdracht, participant, action,
    chair and members of a meeting): active people with a case role. Never the technical
    account of an API token (a system, not a person; api.ApiToken.medewerker): the services
    refuse it too (services.is_technisch_account)."""
    return (
        Medewerker.objects.filter(is_active=True, rol__in=sorted(CASUSROLLEN))
        .exclude(TECHNISCH_ACCOUNT)
        .select_related("organisatie")
        .order_by("last_name", "first_name", "pk")
    )


def kandidaten(
    gebruiker: Medewerker, casus: Casus | None, leerling: Leerling
) -> QuerySet[Medewerker]:
    """Staff who could direct or take part in the case: the user's colleagues, Leerplicht of
    the pupil's municipality, the staff of the pupil's schools and their kernteams, and who
    already takes part. Whether one may really see the case, the service checks again."""
    keuze = (
        Q(organisatie_id=gebruiker.organisatie_id)
        | Q(
            organisatie__gemeenten__pk=casus.gemeente_id
            if casus is not None
            else leerling.woongemeente_id
        )
        | Q(organisatie__school__inschrijvingen__leerling=leerling)
        | Q(pk__in=_kernteamleden(leerling))
    )
    if casus is not None:
        # who takes part now (an ended participation is no reason to be chosen again)
        keuze |= Q(deelnames__casus=casus, deelnames__beeindigd_op__isnull=True) | Q(
            pk=casus.regisseur_id
        )
    pks = Medewerker.objects.filter(keuze).values("pk")
    return kiesbare_medewerkers().filter(pk__in=pks)


def _kernteamleden(leerling: Leerling) -> list[int]:
    from binnenboord.toegang.models import Kernteam

    leden: set[int] = set()
    for rij in Kernteam.objects.filter(
        school__school__inschrijvingen__leerling=leerling
    ).values_list(*Kernteam.LEDEN_KOLOMMEN):
        leden.update(pk for pk in rij if pk is not None)
    return sorted(leden)


def medische_inhoud(gebruiker: Medewerker, casus: Casus) -> list[MedischeInhoud]:
    """The medical content of the case `gebruiker` may read (regie.view_medisch): for a youth
    doctor who sees the case, what youth doctors of the own organisation wrote; for everyone
    else nothing. Whoever shows it writes an access-log entry (bron "regie:medisch")."""
    if gebruiker.rol != Rol.JEUGDARTS or gebruiker.organisatie_id is None:
        return []
    rijen = MedischeInhoud.objects.filter(
        casus_id=casus.pk, organisatie_id=gebruiker.organisatie_id
    ).select_related("casus")
    return [r for r in rijen if gebruiker.has_perm("regie.view_medisch", r)]


def met_medisch(rijen: list[Any], inhoud: list[MedischeInhoud], veld: str) -> list[Any]:
    """`rijen` (contacts or MAZL advice, annotated `heeft_medisch`) with `medisch_tekst`: the
    medical content the user may read, else empty."""
    tekst = {getattr(i, f"{veld}_id"): i.tekst for i in inhoud}
    for rij in rijen:
        rij.medisch_tekst = tekst.get(rij.pk, "")
    return rijen


def heeft_medisch(veld: str) -> Exists:
    """Annotation: whether a contact (veld "contactmoment") or MAZL advice ("mazladvies") has
    medical content, without reading it."""
    return Exists(MedischeInhoud.objects.filter(**{veld: OuterRef("pk")}))


# --- the timeline ------------------------------------------------------------------------

TIJDLIJNSOORTEN: list[tuple[str, Promise]] = [
    ("signaal", _("Signals")),
    ("melding", _("Reports")),
    ("fase", _("Phases")),
    ("regie", _("Case direction")),
    ("plan", _("Plan versions")),
    ("actie", _("Actions")),
    ("contact", _("Contacts")),
    ("stap", _("Model steps")),
    ("casus", _("Case")),
]
SOORT_VAN_GEBEURTENIS: dict[str, str] = {
    CasusGebeurtenis.Soort.GEOPEND: "casus",
    CasusGebeurtenis.Soort.GESLOTEN: "casus",
    CasusGebeurtenis.Soort.HEROPEND: "casus",
    CasusGebeurtenis.Soort.DEELNEMER_TOEGEVOEGD: "casus",
    CasusGebeurtenis.Soort.AANPAK_GEWIJZIGD: "casus",
    CasusGebeurtenis.Soort.REGIE_OVERGEDRAGEN: "regie",
    CasusGebeurtenis.Soort.PLAN_OPGESLAGEN: "plan",
    CasusGebeurtenis.Soort.ACTIE_TOEGEVOEGD: "actie",
    CasusGebeurtenis.Soort.ACTIE_AFGEROND: "actie",
    CasusGebeurtenis.Soort.CONTACTMOMENT: "contact",
    CasusGebeurtenis.Soort.STAP_GEDAAN: "stap",
    CasusGebeurtenis.Soort.OVERLEG: "stap",
}


@dataclass(frozen=True)
class Tijdlijnitem:
    moment: datetime
    soort: str
    titel: str
    tekst: str = ""
    wie: str = ""
    datum: date | None = None
    url: str = ""
    # False for items known by their day only (signals, phases): no time of day to show
    met_tijd: bool = True


def _begin_van(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(0)))


def tijdlijn(
    gebruiker: Medewerker,
    casus: Casus,
    *,
    soort: str = "",
    fasen: tuple[tuple[str, date], ...] = (),
    staplabels: dict[str, str] | None = None,
) -> list[Tijdlijnitem]:
    """Everything about the case, newest first: its own history, the pupil's signals and
    meldingen the user may see, and the entries of the phases (`fasen`: name, day). Filtered
    by kind when `soort` is given."""
    staplabels = staplabels or {}
    items: list[Tijdlijnitem] = []
    if soort in ("", "signaal"):
        items += [
            Tijdlijnitem(
                moment=_begin_van(s.datum),
                soort="signaal",
                titel=str(s.get_soort_display()),
                tekst=s.uitleg,
                datum=s.datum,
                url=reverse("signalering:signaal", args=[s.pk]),
                met_tijd=False,
            )
            for s in signalen_van(gebruiker, casus.leerling)
        ]
    if soort in ("", "melding"):
        items += [
            Tijdlijnitem(
                moment=m.verzonden_op or m.aangemaakt_op,
                soort="melding",
                titel=str(m.get_soort_display()),
                tekst=m.stand,
                url=reverse("meldingen:melding", args=[m.pk]),
            )
            for m in meldingen_van(gebruiker, casus.leerling)
        ]
    if soort in ("", "fase"):
        items += [
            Tijdlijnitem(
                moment=_begin_van(sinds),
                soort="fase",
                titel=str(_("Phase entered: %(fase)s") % {"fase": naam}),
                datum=sinds,
                met_tijd=False,
            )
            for naam, sinds in fasen
        ]
    # phases come from the model's evaluation above, complete whether or not the daily job
    # has recorded them yet
    gebeurtenissen = (
        casus.gebeurtenissen.exclude(soort=CasusGebeurtenis.Soort.FASE_INGEGAAN)
        .select_related("wie")
        .order_by("-wanneer", "-pk")
    )
    if soort and soort not in ("signaal", "melding", "fase"):
        codes = [c for c, s in SOORT_VAN_GEBEURTENIS.items() if s == soort]
        gebeurtenissen = gebeurtenissen.filter(soort__in=codes)
    elif soort:
        gebeurtenissen = gebeurtenissen.none()
    for g in gebeurtenissen:
        titel = str(g.get_soort_display())
        if g.stap:
            titel = f"{titel}: {staplabels.get(g.stap, g.stap)}"
        items.append(
            Tijdlijnitem(
                moment=g.wanneer,
                soort=SOORT_VAN_GEBEURTENIS.get(g.soort, "casus"),
                titel=titel[:1].upper() + titel[1:],
                tekst=g.tekst,
                wie=str(g.wie) if g.wie is not None else str(_("the system")),
                datum=g.datum,
            )
        )
    # stable: equal moments keep the order they were written in, newest first
    return sorted(items, key=lambda i: i.moment, reverse=True)


def rol_label(rol: str) -> str:
    try:
        return str(Rol(rol).label)
    except ValueError:
        return rol


def overdrachten_werklijst(gebruiker: Medewerker) -> tuple[list[Any], list[Any]]:
    """For Vandaag: the handovers after a move the user should send (cases awaiting one that
    the user directs, or, for Leerplicht, that belong to its municipalities) and those the
    user's municipality received and has not handled yet."""
    from binnenboord.toegang.rules import is_leerplicht

    from ..models import Casusoverdracht

    casussen = zichtbare_casussen(gebruiker).filter(status=Casus.Status.OPEN)
    if not is_leerplicht(gebruiker):
        casussen = casussen.filter(regisseur_id=gebruiker.pk)
    te_versturen = list(
        Casusoverdracht.objects.filter(
            status=Casusoverdracht.Status.CONCEPT, casus__in=casussen.values("pk")
        )
        .select_related("casus__leerling", "naar_gemeente")
        .order_by("aangemaakt_op", "pk")
    )
    te_ontvangen = list(
        Casusoverdracht.objects.filter(
            overdracht_scope(gebruiker), status=Casusoverdracht.Status.VERZONDEN
        )
        .select_related("casus__leerling", "van_gemeente")
        .order_by("verzonden_op", "pk")
    )
    return te_versturen, te_ontvangen
