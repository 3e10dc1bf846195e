# SPDX-License-Identifier: EUPL-1.2
"""Writes of meldingen: the school's verzuimmelding made from a 16-hour signal, changing and
sending a draft, the stay-at-home report that goes to Leerplicht and the samenwerkingsverband
at once, and the handling by Leerplicht (art. 14 l–p) and by the SWV. Each service owns its
transaction and writes the melding's history (MeldingGebeurtenis) in it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from binnenboord.notificaties.services import notificeer
from binnenboord.registratie.kalenders import schoolkalender
from binnenboord.registratie.models import Leerling, School, Verzuim
from binnenboord.registratie.selectors import eigen_school_op
from binnenboord.toegang.models import Medewerker, Rol

from ..models import Melding, MeldingGebeurtenis, Signaal, Soort
from ..rules import melding_scope
from .signaal import handel_af

# The fields the school fills (art. 14 b–k) and may change while the melding is a draft.
SCHOOLVELDEN = (
    "begindatum",
    "einddatum",
    "vermoedelijke_soort",
    "vermoedelijke_reden",
    "alle_lessen_gemist",
    "ondernomen_actie",
    "actie_gemeente_gewenst",
    "prioriteit",
    "toelichting_geen_actie",
    "leslocatie",
    "contactpersoon_naam",
    "contactpersoon_functie",
    "contactpersoon_telefoon",
    "contactpersoon_email",
    "telefoon_leerling_ouder",
    "omschrijving",
)
# The fields Leerplicht fills (art. 14 l–p) plus who handles it.
GEMEENTEVELDEN = (
    "verzuimspecificatie",
    "status",
    "reden_afsluiting",
    "toelichting_afsluiting",
    "opmerking_afsluiting",
    "gemeente_contactpersoon_naam",
    "gemeente_contactpersoon_functie",
    "gemeente_contactpersoon_telefoon",
    "gemeente_contactpersoon_email",
    "behandelaar",
)
SWVVELDEN = ("swv_behandelaar", "swv_opmerking")
ONGEOORLOOFD = ("minuten_ongeoorloofd", "minuten_luxe", "minuten_te_laat")


class MeldingNietMogelijk(ValueError):
    """The melding cannot be made, changed or sent in its present state."""


def _standaardtaal(tekst: str) -> str:
    """Text stored in a melding is in the default language, whatever the user's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(_(tekst))


def _functie(door: Medewerker) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(door.get_rol_display())


def verzuimspecificatie(*, leerling: Leerling, school: School, van: date, tot: date) -> list[dict]:
    """Art. 14 l from the registered absence: per day in [van, tot] at `school` the minutes
    without valid reason (ongeoorloofd, luxe, te laat), days without such minutes left out."""
    rijen = Verzuim.objects.filter(
        leerling=leerling, school=school, datum__range=(van, tot)
    ).order_by("datum")
    specificatie = []
    for rij in rijen:
        minuten = sum(getattr(rij, veld) for veld in ONGEOORLOOFD)
        if minuten:
            specificatie.append({"datum": rij.datum.isoformat(), "minuten": minuten})
    return specificatie


def _alle_lessen_gemist(school: School, van: date, tot: date, specificatie: list[dict]) -> bool:
    """Art. 14 f: True when the pupil missed every lesdag in [van, tot] as a whole day."""
    lesdagen = schoolkalender(school).lesdagen(van, tot)
    # a whole day is the school's day length (School.daglengte_minuten)
    hele_dagen = {r["datum"] for r in specificatie if r["minuten"] >= school.daglengte_minuten}
    return bool(lesdagen) and all(dag.isoformat() in hele_dagen for dag in lesdagen)


def _telefoons(leerling: Leerling) -> str:
    nummers = [t for t in leerling.ouders.values_list("telefoon", flat=True) if t]
    return ", ".join(dict.fromkeys(nummers))[:200]


def _school_van(leerling: Leerling, dag: date, door: Medewerker) -> School:
    """The school of the user's organisation the pupil is enrolled at on `dag`."""
    school = eigen_school_op(leerling, door, dag)
    if school is None:
        raise MeldingNietMogelijk("De leerling is niet ingeschreven op de eigen school.")
    return school


def _contactpersoon(door: Medewerker) -> dict[str, str]:
    return {
        "contactpersoon_naam": door.get_full_name() or door.username,
        "contactpersoon_functie": _functie(door),
        "contactpersoon_email": door.email or "",
    }


def _gebeurtenis(melding: Melding, soort: str, door: Medewerker, toelichting: str = "") -> None:
    MeldingGebeurtenis.objects.create(
        melding=melding, soort=soort, wie=door, toelichting=toelichting
    )


def _meld_ontvangst(melding: Melding, door: Medewerker) -> None:
    """Notify who may see the melding now it is sent: Leerplicht of the pupil's municipality
    and, for a stay-at-home report, the consultants of the samenwerkingsverband. The candidates
    by role and organisation are each checked against melding_scope itself, so nobody outside
    it is notified. The notification names no pupil, only the melding's number."""
    kandidaten = Q(
        rol=Rol.LEERPLICHTAMBTENAAR, organisatie__gemeenten=melding.leerling.woongemeente_id
    )
    if melding.samenwerkingsverband_id is not None:
        kandidaten |= Q(rol=Rol.SWV_CONSULENT, organisatie_id=melding.samenwerkingsverband_id)
    ontvangers = [
        medewerker
        for medewerker in Medewerker.objects.filter(kandidaten, is_active=True)
        .select_related("organisatie")
        .distinct()
        if Melding.objects.filter(melding_scope(medewerker), pk=melding.pk).exists()
    ]
    notificeer(
        ontvangers,
        "melding_ontvangen",
        url=reverse("meldingen:melding", args=[melding.pk]),
        gegevens={"melding": melding.pk, "melding_soort": melding.soort},
        sleutel=f"melding:{melding.pk}",
        door=door,
    )


def _controleer(melding: Melding) -> None:
    """The database rules as a Dutch error before the database refuses."""
    melding.full_clean(validate_unique=False)


@transaction.atomic
def maak_verzuimmelding(*, signaal: Signaal, door: Medewerker) -> Melding:
    """A draft verzuimmelding from an open `verzuim_16_uur` signal, pre-filled with art. 14
    b–k from the signal, the pupil, the school, the enrolment and the user (the school's
    contact person); the signal is handled as "melding" in the same transaction."""
    if signaal.soort != Soort.VERZUIM_16_UUR:
        raise MeldingNietMogelijk("Een verzuimmelding komt uit een 16-urensignaal.")
    leerling = signaal.leerling
    school = signaal.school or _school_van(leerling, signaal.tot, door)
    specificatie = verzuimspecificatie(
        leerling=leerling, school=school, van=signaal.van, tot=signaal.tot
    )
    melding = Melding(
        soort=Melding.Soort.VERZUIMMELDING,
        leerling=leerling,
        school=school,
        signaal=signaal,
        gemeente_id=leerling.woongemeente_id,
        begindatum=signaal.van,
        einddatum=signaal.tot,
        vermoedelijke_soort=Melding.VermoedelijkeSoort.ZESTIEN_UUR,
        alle_lessen_gemist=_alle_lessen_gemist(school, signaal.van, signaal.tot, specificatie),
        actie_gemeente_gewenst=True,
        prioriteit=Melding.Prioriteit.NORMAAL,
        leslocatie=f"{school.naam} ({school.brin}{school.vestiging})",
        telefoon_leerling_ouder=_telefoons(leerling),
        verzuimspecificatie=specificatie,
        aangemaakt_door=door,
        **_contactpersoon(door),
    )
    _controleer(melding)
    # handles the signal first: a signal already handled (by someone else) stops here
    handel_af(signaal=signaal, door=door, afhandeling=Signaal.Afhandeling.MELDING)
    melding.save()
    _gebeurtenis(
        melding,
        MeldingGebeurtenis.Soort.AANGEMAAKT,
        door,
        _standaardtaal(gettext_noop("Made from the signal of %(datum)s."))
        % {"datum": f"{signaal.datum:%d-%m-%Y}"},
    )
    return melding


@transaction.atomic
def wijzig_melding(*, melding: Melding, door: Medewerker, gegevens: Mapping[str, Any]) -> Melding:
    """Change the school's fields (art. 14 b–k, description) of a draft."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if not melding.is_concept:
        raise MeldingNietMogelijk("Een verzonden melding kan niet meer worden gewijzigd.")
    gewijzigd = _neem_over(melding, gegevens, SCHOOLVELDEN)
    if not gewijzigd:
        return melding
    _controleer(melding)
    melding.save(update_fields=gewijzigd)
    _gebeurtenis(melding, MeldingGebeurtenis.Soort.GEWIJZIGD, door, ", ".join(gewijzigd))
    return melding


def _neem_over(melding: Melding, gegevens: Mapping[str, Any], velden: tuple[str, ...]) -> list[str]:
    gewijzigd = []
    for veld in velden:
        if veld in gegevens and getattr(melding, veld) != gegevens[veld]:
            setattr(melding, veld, gegevens[veld])
            gewijzigd.append(veld)
    return gewijzigd


@transaction.atomic
def verstuur_melding(*, melding: Melding, door: Medewerker) -> Melding:
    """Send a draft: from now on Leerplicht (and for a stay-at-home report the SWV) see it."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if not melding.is_concept:
        raise MeldingNietMogelijk("Deze melding is al verzonden.")
    melding.verzonden_op = timezone.now()
    melding.verzonden_door = door
    _controleer(melding)
    melding.save(update_fields=["verzonden_op", "verzonden_door"])
    _gebeurtenis(melding, MeldingGebeurtenis.Soort.VERZONDEN, door)
    _meld_ontvangst(melding, door)
    return melding


@transaction.atomic
def maak_thuiszittermelding(
    *,
    leerling: Leerling,
    door: Medewerker,
    soort: str,
    omschrijving: str,
    signaal: Signaal | None = None,
    ondernomen_actie: str = "",
    contactpersoon_telefoon: str = "",
) -> Melding:
    """Report a (threatening) stay-at-home pupil and send it at once, to Leerplicht of the
    pupil's home municipality and to the school's samenwerkingsverband: both see it in their
    inbox from this moment (Utrecht approach). A signal it came from is handled as
    "melding"."""
    if soort not in (Melding.Soort.DREIGEND_THUISZITTER, Melding.Soort.THUISZITTER):
        raise MeldingNietMogelijk("Onbekende soort thuiszittermelding.")
    school = _school_van(leerling, timezone.localdate(), door)
    if school.samenwerkingsverband_id is None:
        raise ValidationError(
            _("The school has no school partnership registered; the report cannot be sent.")
        )
    nu = timezone.now()
    melding = Melding(
        soort=soort,
        leerling=leerling,
        school=school,
        signaal=signaal,
        gemeente_id=leerling.woongemeente_id,
        samenwerkingsverband_id=school.samenwerkingsverband_id,
        omschrijving=omschrijving.strip(),
        ondernomen_actie=ondernomen_actie.strip(),
        leslocatie=f"{school.naam} ({school.brin}{school.vestiging})",
        telefoon_leerling_ouder=_telefoons(leerling),
        contactpersoon_telefoon=contactpersoon_telefoon.strip(),
        aangemaakt_door=door,
        verzonden_door=door,
        verzonden_op=nu,
        **_contactpersoon(door),
    )
    _controleer(melding)
    if signaal is not None:
        handel_af(signaal=signaal, door=door, afhandeling=Signaal.Afhandeling.MELDING)
    melding.save()
    _gebeurtenis(melding, MeldingGebeurtenis.Soort.AANGEMAAKT, door)
    _gebeurtenis(melding, MeldingGebeurtenis.Soort.VERZONDEN, door)
    _meld_ontvangst(melding, door)
    return melding


@transaction.atomic
def behandel_melding(*, melding: Melding, door: Medewerker, gegevens: Mapping[str, Any]) -> Melding:
    """Leerplicht fills art. 14 l–p, sets the status and assigns a behandelaar (the user
    when none is given)."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    gegevens = dict(gegevens)
    if not gegevens.get("behandelaar") and melding.behandelaar_id is None:
        gegevens["behandelaar"] = door
    if gegevens.get("status") != Melding.Status.AFGESLOTEN:
        gegevens["reden_afsluiting"] = ""
        gegevens["toelichting_afsluiting"] = ""
    gewijzigd = _neem_over(melding, gegevens, GEMEENTEVELDEN)
    if "status" in gewijzigd:
        melding.afgesloten_op = timezone.now() if melding.status == "afgesloten" else None
        gewijzigd.append("afgesloten_op")
    if not gewijzigd:
        return melding
    _controleer(melding)
    melding.save(update_fields=gewijzigd)
    _gebeurtenis(
        melding,
        MeldingGebeurtenis.Soort.BEHANDELD,
        door,
        _toelichting_behandeling(melding, gewijzigd),
    )
    return melding


def _toelichting_behandeling(melding: Melding, gewijzigd: list[str]) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        delen = []
        if "status" in gewijzigd:
            delen.append(_("status: %(status)s") % {"status": melding.stand})
        if melding.reden_afsluiting and "reden_afsluiting" in gewijzigd:
            delen.append(str(melding.get_reden_afsluiting_display()))
        if "behandelaar" in gewijzigd and melding.behandelaar is not None:
            delen.append(_("handled by %(naam)s") % {"naam": melding.behandelaar})
        return "; ".join(delen)


@transaction.atomic
def behandel_melding_swv(
    *, melding: Melding, door: Medewerker, gegevens: Mapping[str, Any]
) -> Melding:
    """The samenwerkingsverband's part of a stay-at-home report: who handles it there and a
    remark."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if melding.is_verzuimmelding:
        raise MeldingNietMogelijk("Het samenwerkingsverband behandelt geen verzuimmeldingen.")
    gegevens = dict(gegevens)
    if not gegevens.get("swv_behandelaar") and melding.swv_behandelaar_id is None:
        gegevens["swv_behandelaar"] = door
    gewijzigd = _neem_over(melding, gegevens, SWVVELDEN)
    if not gewijzigd:
        return melding
    _controleer(melding)
    melding.save(update_fields=gewijzigd)
    _gebeurtenis(melding, MeldingGebeurtenis.Soort.SWV_BEHANDELD, door, melding.swv_opmerking)
    return melding


def controleer_duo_datum(op: date | None, *, begindatum: date | None) -> None:
    """The day the school reported the absence to DUO: not in the future and not before the
    absence began (ValidationError on the field `duo_gemeld_op`)."""
    if op is None:
        raise ValidationError({"duo_gemeld_op": _("Give the day you reported it to DUO.")})
    if op > timezone.localdate():
        raise ValidationError(
            {"duo_gemeld_op": _("The day you reported it to DUO cannot be in the future.")}
        )
    if begindatum is not None and op < begindatum:
        raise ValidationError(
            {
                "duo_gemeld_op": _(
                    "The day you reported it to DUO cannot be before the absence began."
                )
            }
        )


@transaction.atomic
def bevestig_duo_melding(*, melding: Melding, door: Medewerker, op: date) -> Melding:
    """The school confirms it reported this absence to DUO itself (Verzuimregister, from its
    administration system or Mijn DUO), on `op`. Binnenboord sends nothing to DUO; this records
    that the school did, so the step "verzuimmelding aan DUO" of the case is done on that day
    (regie.beoordeling). Only a staff member of the melding's own school confirms; a second
    confirmation with another day corrects the day (both are in the history)."""
    melding = Melding.objects.select_for_update().select_related("school").get(pk=melding.pk)
    if not melding.is_verzuimmelding:
        raise MeldingNietMogelijk("Alleen een verzuimmelding wordt bij DUO gemeld.")
    if door.rol != Rol.SCHOOLMEDEWERKER or door.organisatie_id != melding.school.organisatie_id:
        raise MeldingNietMogelijk("Alleen de eigen school bevestigt de melding aan DUO.")
    controleer_duo_datum(op, begindatum=melding.begindatum)
    if melding.duo_gemeld_op == op:
        return melding
    melding.duo_gemeld_op = op
    melding.duo_gemeld_door = door
    _controleer(melding)
    melding.save(update_fields=["duo_gemeld_op", "duo_gemeld_door"])
    _gebeurtenis(
        melding,
        MeldingGebeurtenis.Soort.DUO_GEMELD,
        door,
        _standaardtaal(gettext_noop("Reported to DUO on %(datum)s.")) % {"datum": f"{op:%d-%m-%Y}"},
    )
    return melding
