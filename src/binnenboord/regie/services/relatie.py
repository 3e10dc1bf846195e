# SPDX-License-Identifier: EUPL-1.2
"""Relatie: every write of the parents' and the pupil's side (docs/relatie.md), from the
staff side (invite, end, withhold, invite to a meeting, answer) and from the portal (accept,
consent, own story, agreement, reply, message, correction request, questionnaire). Each
write is checked against the stored rows, records its CasusGebeurtenis in the same
transaction, and reaches the person who acts on it (notificaties for staff, an e-mail with
only a link for a portal user who opted in).

Refusals raise RelatieNietMogelijk with a plain Dutch message."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

import structlog

from binnenboord.kern.monitoring import leeftijd
from binnenboord.notificaties import portaal as portaalmail
from binnenboord.notificaties.models import Notificatie
from binnenboord.notificaties.services import notificeer
from binnenboord.registratie.models import Ouder

from .. import geschiedenis
from ..models import (
    Bericht,
    Brief,
    Casus,
    Correctieverzoek,
    Overleg,
    Overlegsoort,
    Overleguitnodiging,
    Planreactie,
    PlanVanAanpak,
    Portaaltoegang,
    Terugkoppeling,
    Verhaal,
)
from ..relatie import (
    VRAGEN,
    casus_leesbaar,
    leeftijd_leerling,
    leeftijd_toestemming,
    reden_geen_toegang,
    toegang_geldig,
)
from .casus import CasusNietMogelijk, vergrendel_casus
from .justitie import als_pdf, briefadres

if TYPE_CHECKING:
    from binnenboord.toegang.models import Medewerker, Portaalgebruiker

log = structlog.get_logger(__name__)
Status = Portaaltoegang.Status


class RelatieNietMogelijk(CasusNietMogelijk):
    """A write of the relatie side that the rules refuse; the message is plain Dutch."""


@dataclass
class Uitnodiging:
    """A new invitation: the access row, the readable one-time code (never stored; shown
    once), and the letter when it goes by post."""

    toegang: Portaaltoegang
    code: str
    brief: Brief | None


# --- the one-time code ------------------------------------------------------------------------

# no 0/O, 1/I/L: letters and digits nobody mixes up when typing them over from a letter
CODE_ALFABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROEPEN, CODE_GROEP = 3, 4
# what a letter shows instead of the code (the stored letter never holds the code)
CODE_MASKER = "····-····-····"


def maak_code() -> str:
    """A new readable one-time code: three groups of four, e.g. "K7MQ-2HXP-RT9C" (31^12, about
    60 bits)."""
    return "-".join(
        "".join(secrets.choice(CODE_ALFABET) for _ in range(CODE_GROEP))
        for _ in range(CODE_GROEPEN)
    )


def normaliseer_code(code: str) -> str:
    """The code as it is hashed: capitals, without spaces, dashes or other separators."""
    return "".join(teken for teken in (code or "").upper() if teken.isalnum())


def code_zoeksleutel(code: str) -> str:
    """The keyed hash (HMAC-SHA256 with SECRET_KEY) of the normalised code: finds the
    invitation's row without storing the code or checking every hash."""
    return hmac.new(
        str(settings.SECRET_KEY).encode(),
        b"portaalcode:" + normaliseer_code(code).encode(),
        hashlib.sha256,
    ).hexdigest()


def _zet_code(toegang: Portaaltoegang) -> str:
    code = maak_code()
    toegang.code_hash = make_password(normaliseer_code(code))
    toegang.code_zoeksleutel = code_zoeksleutel(code)
    toegang.code_geldig_tot = timezone.now() + timedelta(
        days=int(settings.PORTAAL_CODE_GELDIG_DAGEN)
    )
    return code


def _wis_code(toegang: Portaaltoegang) -> None:
    toegang.code_hash = ""
    toegang.code_zoeksleutel = ""
    toegang.code_geldig_tot = None


CODEVELDEN = ["code_hash", "code_zoeksleutel", "code_geldig_tot"]


def _code_klopt(toegang: Portaaltoegang, code: str) -> bool:
    return bool(toegang.code_hash) and check_password(normaliseer_code(code), toegang.code_hash)


# --- who is who ---------------------------------------------------------------------------------


def _opgeslagen(rijen: Any, melding: str = "Deze toegang hoort niet bij deze casus.") -> Any:
    """The one stored row of `rijen` (a filtered queryset), or refused: an id of another case
    is refused like one that does not exist."""
    rij = rijen.first()
    if rij is None:
        raise RelatieNietMogelijk(melding)
    return rij


def _vergrendel(casus: Casus, *, open_: bool | None = True) -> Casus:
    """vergrendel_casus, refusing with RelatieNietMogelijk."""
    try:
        return vergrendel_casus(casus, open_=open_)
    except RelatieNietMogelijk:
        raise
    except CasusNietMogelijk as fout:
        raise RelatieNietMogelijk(str(fout)) from fout


def wie(toegang: Portaaltoegang) -> str:
    """ "ouder" or "leerling": whose access it is."""
    return "leerling" if toegang.ouder_id is None else "ouder"


def _vereis(door: Medewerker, perm: str, casus: Casus, melding: str) -> None:
    if not door.has_perm(perm, casus):
        raise RelatieNietMogelijk(melding)


def _eigen_ouder(casus: Casus, ouder: Ouder | None) -> Ouder | None:
    """The stored parent, when it is a parent of this case's pupil; else refused."""
    if ouder is None:
        return None
    opgeslagen = Ouder.objects.filter(pk=ouder.pk, leerling_id=casus.leerling_id).first()
    if opgeslagen is None:
        raise RelatieNietMogelijk("Deze ouder hoort niet bij de leerling van deze casus.")
    return opgeslagen


def _regisseur_url(casus: Casus) -> str:
    return reverse("regie:casus", args=[casus.pk])


def _meld_regisseur(casus: Casus, soort: str, **gegevens: Any) -> None:
    """Notify the case's regisseur of something the family did in the portal (values only)."""
    notificeer(
        [casus.regisseur],
        soort,
        url=_regisseur_url(casus),
        gegevens={"casus": casus.pk, **gegevens},
        sleutel=f"{soort}:{casus.pk}:{gegevens.get('reactie', '')}:{timezone.now():%Y%m%d%H%M%S%f}",
    )


# --- letters --------------------------------------------------------------------------------------


def _briefcontext(toegang: Portaaltoegang, door: Medewerker, sjabloon: str) -> dict[str, Any]:
    casus = toegang.casus
    organisatie = door.organisatie
    return {
        "casus": casus,
        "leerling": casus.leerling,
        "aan": toegang.persoon,
        "adres": briefadres(casus, ouder=toegang.ouder, aan_leerling=toegang.is_leerling),
        "is_leerling": toegang.is_leerling,
        "afzender": door,
        "briefhoofd": organisatie.naam if organisatie is not None else "",
        "datum": timezone.localdate(),
        "titel": dict(Brief.Sjabloon.choices)[sjabloon],
        "portaal_url": f"{str(settings.SITE_URL).rstrip('/')}{reverse('portaal:inloggen')}",
    }


def _render_brief(sjabloon: str, context: dict[str, Any]) -> str:
    # the letter is for Dutch parents: Dutch, whatever the writer's language
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(f"regie/brieven/{sjabloon}.html", context)


def _maak_brief(toegang: Portaaltoegang, door: Medewerker, sjabloon: str, **extra: Any) -> Brief:
    context = {**_briefcontext(toegang, door, sjabloon), **extra}
    return Brief.objects.create(
        casus=toegang.casus,
        sjabloon=sjabloon,
        aan=toegang.persoon,
        ouder=toegang.ouder,
        aan_leerling=toegang.is_leerling,
        tekst=_render_brief(sjabloon, context),
        door=door,
        datum=timezone.localdate(),
    )


def brief_met_code_als_pdf(uitnodiging: Uitnodiging) -> bytes:
    """The invitation letter WITH its one-time code, as PDF: only for the download right after
    inviting (the stored letter shows the code masked; nobody can make this PDF later)."""
    if uitnodiging.brief is None:
        raise RelatieNietMogelijk("Deze uitnodiging gaat niet per brief.")
    toegang = Portaaltoegang.objects.get(pk=uitnodiging.toegang.pk)
    if (
        toegang.status != Status.UITGENODIGD
        or uitnodiging.brief.casus_id != toegang.casus_id
        or not _code_klopt(toegang, uitnodiging.code)
    ):
        raise RelatieNietMogelijk("Deze code hoort niet (meer) bij de uitnodiging.")
    return als_pdf(uitnodiging.brief.tekst.replace(CODE_MASKER, uitnodiging.code))


# --- invitations ----------------------------------------------------------------------------------


def _via_en_email(via: str, email: str) -> str:
    if via not in Portaaltoegang.Via.values:
        raise RelatieNietMogelijk("Kies of de uitnodiging per brief of per e-mail gaat.")
    email = email.strip()
    if via == Portaaltoegang.Via.EMAIL:
        if not email:
            raise RelatieNietMogelijk("Geef het e-mailadres voor de uitnodiging.")
        try:
            validate_email(email)
        except ValidationError as fout:
            raise RelatieNietMogelijk("Dit e-mailadres klopt niet.") from fout
        return email
    return ""


def _verstuur(toegang: Portaaltoegang, code: str, door: Medewerker) -> Brief | None:
    """The letter (masked code) or the e-mail (after the commit) of a new code."""
    if toegang.via == Portaaltoegang.Via.BRIEF:
        return _maak_brief(
            toegang,
            door,
            Brief.Sjabloon.PORTAAL_UITNODIGING,
            code=CODE_MASKER,
            geldig_tot=timezone.localtime(toegang.code_geldig_tot),
        )
    assert toegang.code_geldig_tot is not None
    portaalmail.mail_uitnodiging(
        email=toegang.email, code=code, geldig_tot=toegang.code_geldig_tot, toegang_id=toegang.pk
    )
    return None


@transaction.atomic
def nodig_uit(
    *, casus: Casus, door: Medewerker, ouder: Ouder | None, via: str, email: str = ""
) -> Uitnodiging:
    """Invite a parent with gezag of this case's pupil (`ouder`), or the pupil (`ouder` None)
    from PORTAAL_LEEFTIJD_LEERLING, by letter or e-mail, with a one-time code valid
    PORTAAL_CODE_GELDIG_DAGEN days. Only the regisseur (or Leerplicht) of the open case. A
    parent whose access is withheld, or who already has an invitation or access, cannot be
    invited (again); end it first."""
    casus = _vergrendel(casus)
    _vereis(
        door,
        "regie.invite_portaal",
        casus,
        "Alleen de regisseur of Leerplicht van deze casus kan uitnodigen voor het portaal.",
    )
    email = _via_en_email(via, email)
    ouder = _eigen_ouder(casus, ouder)
    vandaag = timezone.localdate()
    lopend = Portaaltoegang.objects.select_for_update(of=("self",)).filter(
        casus=casus, status__in=Portaaltoegang.LOPEND, ouder=ouder
    )
    bestaand = lopend.first()
    if ouder is not None:
        if not ouder.gezag:
            raise RelatieNietMogelijk("Alleen een ouder met gezag kan worden uitgenodigd.")
    elif leeftijd(casus.leerling.geboortedatum, vandaag) < leeftijd_leerling():
        raise RelatieNietMogelijk(
            f"Een leerling krijgt een eigen account vanaf {leeftijd_leerling()} jaar."
        )
    if bestaand is not None:
        if bestaand.status == Status.ONTZEGD:
            raise RelatieNietMogelijk("De toegang van deze ouder is onthouden door de regisseur.")
        raise RelatieNietMogelijk(
            "Deze persoon is al uitgenodigd of heeft al toegang. Maak zo nodig een nieuwe code."
        )
    toegang = Portaaltoegang(
        casus=casus,
        ouder=ouder,
        status=Status.UITGENODIGD,
        via=via,
        email=email,
        uitgenodigd_door=door,
        uitgenodigd_op=timezone.now(),
    )
    code = _zet_code(toegang)
    try:
        with transaction.atomic():
            toegang.save()
    except IntegrityError as fout:
        raise RelatieNietMogelijk(
            "Deze persoon is al uitgenodigd of heeft al toegang. Maak zo nodig een nieuwe code."
        ) from fout
    brief = _verstuur(toegang, code, door)
    geschiedenis.portaal_uitgenodigd(casus, door=door, toegang=toegang)
    log.info(
        "portaal_uitgenodigd", casus_id=casus.pk, toegang_id=toegang.pk, via=via, wie=wie(toegang)
    )
    return Uitnodiging(toegang=toegang, code=code, brief=brief)


@transaction.atomic
def nieuwe_code(*, toegang: Portaaltoegang, door: Medewerker) -> Uitnodiging:
    """A new one-time code for an invitation not yet accepted (lost letter, expired code): the
    old code no longer works. Sent the same way as the invitation."""
    casus = _vergrendel(toegang.casus)
    _vereis(
        door,
        "regie.invite_portaal",
        casus,
        "Alleen de regisseur of Leerplicht van deze casus kan een nieuwe code maken.",
    )
    toegang = _opgeslagen(
        Portaaltoegang.objects.select_for_update(of=("self",)).filter(pk=toegang.pk, casus=casus)
    )
    if toegang.status != Status.UITGENODIGD:
        raise RelatieNietMogelijk(
            "Alleen een uitnodiging die nog niet is aanvaard krijgt een nieuwe code."
        )
    if toegang.ouder is not None and not toegang.ouder.gezag:
        raise RelatieNietMogelijk("Alleen een ouder met gezag kan worden uitgenodigd.")
    code = _zet_code(toegang)
    toegang.uitgenodigd_door = door
    toegang.uitgenodigd_op = timezone.now()
    toegang.save(update_fields=[*CODEVELDEN, "uitgenodigd_door", "uitgenodigd_op"])
    brief = _verstuur(toegang, code, door)
    geschiedenis.portaal_uitgenodigd(casus, door=door, toegang=toegang, nieuwe_code=True)
    log.info("portaal_nieuwe_code", casus_id=casus.pk, toegang_id=toegang.pk)
    return Uitnodiging(toegang=toegang, code=code, brief=brief)


# a hash to check against when no invitation matches, so a wrong code takes as long as a right one
_LEGE_HASH: list[str] = []


def uitnodiging_met_code(code: str) -> Portaaltoegang | None:
    """The open invitation (status uitgenodigd, code not expired) whose code this is; None
    otherwise. Found by the keyed look-up, confirmed by the password hasher's constant-time
    check."""
    genormaliseerd = normaliseer_code(code)
    kandidaten: list[Portaaltoegang] = []
    if len(genormaliseerd) == CODE_GROEPEN * CODE_GROEP:
        kandidaten = list(
            Portaaltoegang.objects.filter(
                code_zoeksleutel=code_zoeksleutel(genormaliseerd),
                status=Status.UITGENODIGD,
                code_geldig_tot__gt=timezone.now(),
            ).select_related("casus__leerling", "ouder")
        )
    for toegang in kandidaten:
        if _code_klopt(toegang, genormaliseerd):
            return toegang
    if not kandidaten:
        if not _LEGE_HASH:
            _LEGE_HASH.append(make_password(maak_code()))
        check_password(genormaliseerd, _LEGE_HASH[0])
    return None


@transaction.atomic
def aanvaard(*, code: str, gebruiker: Portaalgebruiker) -> Portaaltoegang:
    """The portal user accepts the invitation with this code: the access becomes theirs and
    active, the code is spent. With a DigiD log-in (a BSN) and a known BSN of the invited
    person the two must be the same; a DigiD user who is another member of this family (a
    withheld parent, a parent without gezag) cannot use someone else's letter."""
    gevonden = uitnodiging_met_code(code)
    if gevonden is None:
        raise RelatieNietMogelijk(
            "Deze code werkt niet. Misschien is hij al gebruikt of verlopen. Vraag de "
            "regisseur om een nieuwe code."
        )
    casus = _vergrendel(gevonden.casus, open_=None)
    toegang = (
        Portaaltoegang.objects.select_for_update(of=("self",))
        .select_related("ouder", "casus__leerling")
        .get(pk=gevonden.pk)
    )
    if toegang.status != Status.UITGENODIGD or not _code_klopt(toegang, code):
        raise RelatieNietMogelijk(
            "Deze code werkt niet meer. Vraag de regisseur om een nieuwe code."
        )
    if not casus_leesbaar(casus, timezone.localdate()):
        raise RelatieNietMogelijk("Deze casus is gesloten.")
    if not gebruiker.is_actief:
        raise RelatieNietMogelijk("Dit account is uitgezet.")
    leerling = casus.leerling
    if toegang.ouder is not None and not toegang.ouder.gezag:
        raise RelatieNietMogelijk("Alleen een ouder met gezag krijgt toegang.")
    if gebruiker.bsn:
        bekend = toegang.ouder.bsn if toegang.ouder is not None else leerling.bsn
        if bekend and bekend != gebruiker.bsn:
            raise RelatieNietMogelijk(
                "Deze uitnodiging is voor iemand anders. U bent ingelogd met een ander BSN."
            )
        andere = {o.pk for o in leerling.ouders.all() if o.bsn == gebruiker.bsn}
        if toegang.ouder_id is not None:
            andere.discard(toegang.ouder_id)
        if andere or (toegang.ouder_id is not None and leerling.bsn == gebruiker.bsn):
            raise RelatieNietMogelijk(
                "Deze uitnodiging is voor iemand anders. U bent ingelogd met een ander BSN."
            )
    if (
        Portaaltoegang.objects.filter(
            casus=casus, gebruiker=gebruiker, status__in=Portaaltoegang.LOPEND
        )
        .exclude(pk=toegang.pk)
        .exists()
    ):
        raise RelatieNietMogelijk("U heeft in deze casus al een toegang.")
    # a user who was in this case as another family member (an ended or lifted access)
    # cannot become someone else of it, even when the register knows no BSN to compare
    if (
        Portaaltoegang.objects.filter(casus=casus, gebruiker=gebruiker)
        .exclude(ouder=toegang.ouder)
        .exists()
    ):
        raise RelatieNietMogelijk("Deze uitnodiging is voor iemand anders.")
    toegang.gebruiker = gebruiker
    toegang.status = Status.ACTIEF
    toegang.aanvaard_op = timezone.now()
    _wis_code(toegang)
    toegang.save(update_fields=["gebruiker", "status", "aanvaard_op", *CODEVELDEN])
    if not gebruiker.naam:
        gebruiker.naam = toegang.persoon
        gebruiker.save(update_fields=["naam"])
    geschiedenis.portaal_aanvaard(casus, toegang=toegang)
    _meld_regisseur(casus, "portaal_reactie", reactie="aanvaard", wie=wie(toegang))
    log.info("portaal_aanvaard", casus_id=casus.pk, toegang_id=toegang.pk)
    return toegang


@transaction.atomic
def beeindig_toegang(*, toegang: Portaaltoegang, door: Medewerker, reden: str) -> Portaaltoegang:
    """End an invitation or access with a reason (the regisseur or Leerplicht of the case):
    from now on it gives no access; the row stays. On a withheld parent's row it lifts the
    withholding: the parent can be invited again."""
    reden = reden.strip()
    if not reden:
        raise RelatieNietMogelijk("Geef de reden waarom de toegang stopt.")
    casus = _vergrendel(toegang.casus, open_=None)
    _vereis(
        door,
        "regie.end_portaal",
        casus,
        "Alleen de regisseur of Leerplicht van deze casus kan de toegang beëindigen.",
    )
    toegang = _opgeslagen(
        Portaaltoegang.objects.select_for_update(of=("self",))
        .select_related("ouder", "casus__leerling")
        .filter(pk=toegang.pk, casus=casus)
    )
    if toegang.status == Status.BEEINDIGD:
        raise RelatieNietMogelijk("Deze toegang is al beëindigd.")
    opgeheven = toegang.status == Status.ONTZEGD
    toegang.status = Status.BEEINDIGD
    toegang.beeindigd_door = door
    toegang.beeindigd_op = timezone.now()
    toegang.reden = reden
    _wis_code(toegang)
    toegang.save(update_fields=["status", "beeindigd_door", "beeindigd_op", "reden", *CODEVELDEN])
    geschiedenis.portaal_beeindigd(casus, door=door, toegang=toegang, opgeheven=opgeheven)
    log.info(
        "portaal_beeindigd",
        casus_id=casus.pk,
        toegang_id=toegang.pk,
        ontzegging_opgeheven=opgeheven,
        door_id=door.pk,
    )
    return toegang


@transaction.atomic
def ontzeg_toegang(*, casus: Casus, ouder: Ouder, door: Medewerker, reden: str) -> Portaaltoegang:
    """Withhold portal access from a parent of this case's pupil, with a reason (e.g. a Veilig
    Thuis situation), also when they were never invited: a running invitation or access ends,
    and an `ontzegd` row blocks every new invitation until the regisseur lifts it (ending that
    row with a reason)."""
    reden = reden.strip()
    if not reden:
        raise RelatieNietMogelijk("Geef de reden waarom de toegang wordt onthouden.")
    casus = _vergrendel(casus, open_=None)
    _vereis(
        door,
        "regie.end_portaal",
        casus,
        "Alleen de regisseur of Leerplicht van deze casus kan de toegang onthouden.",
    )
    opgeslagen = _eigen_ouder(casus, ouder)
    assert opgeslagen is not None
    nu = timezone.now()
    lopend = (
        Portaaltoegang.objects.select_for_update(of=("self",))
        .filter(casus=casus, ouder=opgeslagen, status__in=Portaaltoegang.LOPEND)
        .first()
    )
    if lopend is not None and lopend.status == Status.ONTZEGD:
        raise RelatieNietMogelijk("De toegang van deze ouder is al onthouden.")
    if lopend is not None:
        # the running invitation or access ends; its row keeps who it was, for the history
        lopend.status = Status.BEEINDIGD
        lopend.beeindigd_door = door
        lopend.beeindigd_op = nu
        lopend.reden = reden
        _wis_code(lopend)
        lopend.save(
            update_fields=["status", "beeindigd_door", "beeindigd_op", "reden", *CODEVELDEN]
        )
    toegang = Portaaltoegang.objects.create(
        casus=casus,
        ouder=opgeslagen,
        status=Status.ONTZEGD,
        gebruiker=lopend.gebruiker if lopend is not None else None,
        beeindigd_door=door,
        beeindigd_op=nu,
        reden=reden,
    )
    geschiedenis.portaal_ontzegd(casus, door=door, toegang=toegang)
    log.info(
        "portaal_ontzegd",
        casus_id=casus.pk,
        toegang_id=toegang.pk,
        beeindigd_id=lopend.pk if lopend is not None else None,
        door_id=door.pk,
    )
    return toegang


# --- from here the portal writes; each checks the access as the portal does at every request --


MAX_TEKST = 10_000


def _geldige(toegang: Portaaltoegang, casus: Casus | None = None) -> Portaaltoegang:
    """The stored access, locked, when it gives access today (regie.relatie.toegang_geldig)
    and, when given, belongs to `casus`; else refused."""
    opgeslagen = (
        Portaaltoegang.objects.select_for_update(of=("self",))
        .select_related("casus__leerling", "casus__regisseur", "ouder", "gebruiker")
        .filter(pk=toegang.pk)
        .first()
    )
    if opgeslagen is None or (casus is not None and opgeslagen.casus_id != casus.pk):
        raise RelatieNietMogelijk("Deze toegang hoort niet bij deze casus.")
    if not toegang_geldig(opgeslagen):
        raise RelatieNietMogelijk(
            reden_geen_toegang(opgeslagen) or "U heeft geen toegang tot deze casus."
        )
    return opgeslagen


def _tekst(waarde: str, wat: str, *, verplicht: bool = True, max_lengte: int = MAX_TEKST) -> str:
    waarde = (waarde or "").strip()
    if verplicht and not waarde:
        raise RelatieNietMogelijk(f"Vul {wat} in.")
    if len(waarde) > max_lengte:
        raise RelatieNietMogelijk(f"De tekst bij {wat} is te lang.")
    return waarde


def _schrijver(
    casus: Casus,
    *,
    toegang: Portaaltoegang | None,
    door: Medewerker | None,
    namens_ouder: Ouder | None,
    perm: str,
    melding: str,
) -> tuple[Portaaltoegang | None, Ouder | None, str, str]:
    """Who writes: the person in the portal (their valid access to this case) or a staff
    member with `perm` on the case on behalf of a parent of this case's pupil (or the pupil).
    Returns the stored access, the stored parent, and the person's name and kind."""
    if (toegang is None) == (door is None):
        raise RelatieNietMogelijk("Geef aan wie dit schrijft: in het portaal of namens iemand.")
    if toegang is not None:
        if namens_ouder is not None:
            raise RelatieNietMogelijk("In het portaal schrijft iemand alleen voor zichzelf.")
        opgeslagen = _geldige(toegang, casus)
        return opgeslagen, None, opgeslagen.persoon, wie(opgeslagen)
    assert door is not None
    _vereis(door, perm, casus, melding)
    ouder = _eigen_ouder(casus, namens_ouder)
    if ouder is not None:
        return None, ouder, str(ouder), "ouder"
    return None, None, casus.leerling.naam, "leerling"


@transaction.atomic
def geef_toestemming(
    *, leerling_toegang: Portaaltoegang, ouder_toegang: Portaaltoegang, ja: bool
) -> Portaaltoegang:
    """The pupil (from PORTAAL_LEEFTIJD_TOESTEMMING) gives (`ja`) or withdraws consent for a
    parent's access to their case, in the portal with their own valid access. Without it the
    parent sees nothing of the case (regie.relatie)."""
    casus = _vergrendel(leerling_toegang.casus, open_=None)
    eigen = _geldige(leerling_toegang, casus)
    if not eigen.is_leerling:
        raise RelatieNietMogelijk("Alleen de leerling zelf geeft toestemming.")
    if leeftijd(casus.leerling.geboortedatum, timezone.localdate()) < leeftijd_toestemming():
        raise RelatieNietMogelijk(
            f"Toestemming geven kan vanaf {leeftijd_toestemming()} jaar. Tot dan zien je "
            "ouders met gezag de casus zonder toestemming."
        )
    gevonden = (
        Portaaltoegang.objects.select_for_update(of=("self",))
        .select_related("ouder", "casus__leerling")
        .filter(pk=ouder_toegang.pk, casus=casus, ouder__isnull=False)
        .first()
    )
    if gevonden is None:
        raise RelatieNietMogelijk("Deze toegang is niet van een ouder in jouw casus.")
    ouder_toegang = gevonden
    if ouder_toegang.status not in (Status.UITGENODIGD, Status.ACTIEF):
        raise RelatieNietMogelijk("De toegang van deze ouder is beëindigd of onthouden.")
    if (ouder_toegang.toestemming_leerling_op is not None) == ja:
        return ouder_toegang
    ouder_toegang.toestemming_leerling_op = timezone.now() if ja else None
    ouder_toegang.save(update_fields=["toestemming_leerling_op"])
    geschiedenis.toestemming(casus, ouder_toegang=ouder_toegang, ja=ja)
    log.info("portaal_toestemming", casus_id=casus.pk, toegang_id=ouder_toegang.pk, toestemming=ja)
    return ouder_toegang


@transaction.atomic
def schrijf_verhaal(
    *,
    casus: Casus,
    wat_speelt: str,
    wat_wil_ik: str,
    wat_heb_ik_nodig: str,
    toegang: Portaaltoegang | None = None,
    door: Medewerker | None = None,
    namens_ouder: Ouder | None = None,
) -> Verhaal:
    """A new version of "Mijn verhaal": by the person in the portal, or noted by a staff member
    who takes part in the case on behalf of a parent (`namens_ouder`) or the pupil, which the
    story then says. The regisseur is notified of a story from the portal."""
    casus = _vergrendel(casus)
    eigen, ouder, naam, soort = _schrijver(
        casus,
        toegang=toegang,
        door=door,
        namens_ouder=namens_ouder,
        perm="regie.add_verhaal",
        melding="Alleen wie deelneemt aan deze casus kan een verhaal namens iemand vastleggen.",
    )
    teksten = {
        "wat_speelt": _tekst(wat_speelt, "wat er speelt", verplicht=False),
        "wat_wil_ik": _tekst(wat_wil_ik, "wat u wilt", verplicht=False),
        "wat_heb_ik_nodig": _tekst(wat_heb_ik_nodig, "wat u nodig heeft", verplicht=False),
    }
    if not any(teksten.values()):
        raise RelatieNietMogelijk("Schrijf eerst iets op.")
    verhaal = Verhaal.objects.create(
        casus=casus, toegang=eigen, door=door, namens_ouder=ouder, **teksten
    )
    geschiedenis.verhaal(casus, door=door, naam=naam, wie=soort)
    if eigen is not None:
        _meld_regisseur(casus, "portaal_reactie", reactie="verhaal", wie=soort)
    return verhaal


@transaction.atomic
def reageer_op_plan(
    *,
    plan: PlanVanAanpak,
    eens: bool,
    toelichting: str = "",
    toegang: Portaaltoegang | None = None,
    door: Medewerker | None = None,
    namens_ouder: Ouder | None = None,
) -> Planreactie:
    """Agreement with the newest plan version: "eens", or "niet eens, want ..." (the reason is
    required). From the portal, or noted by a staff member who may change the plan on behalf
    of a parent or the pupil. A reaction from the portal reaches the regisseur; a
    disagreement says so."""
    plan = _opgeslagen(
        PlanVanAanpak.objects.select_related("casus").filter(pk=plan.pk),
        "Dit plan bestaat niet.",
    )
    casus = _vergrendel(plan.casus)
    eigen, ouder, naam, soort = _schrijver(
        casus,
        toegang=toegang,
        door=door,
        namens_ouder=namens_ouder,
        perm="regie.change_plan",
        melding="Alleen wie het plan mag wijzigen kan een reactie namens iemand vastleggen.",
    )
    nieuwste = casus.planversies.order_by("-versie").values_list("versie", flat=True).first()
    if plan.versie != nieuwste:
        raise RelatieNietMogelijk(
            "Er is een nieuwere versie van het plan. Reageer op de nieuwste versie."
        )
    toelichting = _tekst(toelichting, "waarom u het niet eens bent", verplicht=not eens)
    reactie = Planreactie.objects.create(
        casus=casus,
        plan=plan,
        eens=eens,
        toelichting=toelichting,
        toegang=eigen,
        door=door,
        namens_ouder=ouder,
    )
    geschiedenis.planreactie(
        casus,
        door=door,
        naam=naam,
        wie=soort,
        versie=plan.versie,
        eens=eens,
        toelichting=toelichting,
    )
    if eigen is not None:
        _meld_regisseur(
            casus,
            "portaal_reactie",
            reactie="plan_eens" if eens else "plan_oneens",
            wie=soort,
            versie=plan.versie,
        )
    return reactie


def _bereikbaar(toegang: Portaaltoegang) -> None:
    """Whether a letter and the portal may reach this person about the case: an accepted
    access that is valid today, or an invitation of someone who would get access (a parent
    with gezag; from PORTAAL_LEEFTIJD_TOESTEMMING with the pupil's consent)."""
    if toegang.status == Status.ACTIEF:
        reden = reden_geen_toegang(toegang)
        if reden:
            raise RelatieNietMogelijk(reden)
        return
    if toegang.status != Status.UITGENODIGD:
        raise RelatieNietMogelijk("De toegang van deze persoon is beëindigd of onthouden.")
    if toegang.ouder is not None:
        if not toegang.ouder.gezag:
            raise RelatieNietMogelijk("Alleen een ouder met gezag krijgt toegang.")
        jaren = leeftijd(toegang.casus.leerling.geboortedatum, timezone.localdate())
        if jaren >= leeftijd_toestemming() and toegang.toestemming_leerling_op is None:
            raise RelatieNietMogelijk(
                f"Vanaf {leeftijd_toestemming()} jaar ziet een ouder de casus alleen als de "
                "leerling daar toestemming voor geeft."
            )


@transaction.atomic
def nodig_uit_voor_overleg(
    *, overleg: Overleg, toegang: Portaaltoegang, door: Medewerker
) -> Overleguitnodiging:
    """Invite a parent or the pupil (their access in the portal) to a meeting that has their
    case on its agenda and is today or later: an invitation letter (the meeting's kind, date,
    time and place) that shows in their portal, where they reply; an e-mail when they opted
    in."""
    casus = _vergrendel(toegang.casus)
    _vereis(
        door,
        "regie.invite_portaal",
        casus,
        "Alleen de regisseur of Leerplicht van deze casus kan uitnodigen voor een overleg.",
    )
    toegang = _opgeslagen(
        Portaaltoegang.objects.select_for_update(of=("self",))
        .select_related("casus__leerling", "ouder", "gebruiker")
        .filter(pk=toegang.pk, casus=casus)
    )
    _bereikbaar(toegang)
    op_agenda = Overleg.objects.filter(pk=overleg.pk, agendapunten__casus=casus).first()
    if op_agenda is None:
        raise RelatieNietMogelijk("Deze casus staat niet op de agenda van dit overleg.")
    overleg = op_agenda
    if overleg.datum < timezone.localdate():
        raise RelatieNietMogelijk("Dit overleg is al geweest.")
    if Overleguitnodiging.objects.filter(overleg=overleg, toegang=toegang).exists():
        raise RelatieNietMogelijk("Deze persoon is al uitgenodigd voor dit overleg.")
    brief = _maak_brief(
        toegang,
        door,
        Brief.Sjabloon.OVERLEG_UITNODIGING,
        overleg=overleg,
        overlegsoort=overleg.get_soort_display(),
    )
    try:
        with transaction.atomic():
            uitnodiging = Overleguitnodiging.objects.create(
                overleg=overleg, casus=casus, toegang=toegang, brief=brief, uitgenodigd_door=door
            )
    except IntegrityError as fout:
        raise RelatieNietMogelijk("Deze persoon is al uitgenodigd voor dit overleg.") from fout
    geschiedenis.overleg_uitgenodigd(casus, door=door, toegang=toegang, overleg=overleg)
    portaalmail.meld(toegang.gebruiker, portaalmail.OVERLEG, toegang_id=toegang.pk)
    return uitnodiging


@transaction.atomic
def beantwoord_overleguitnodiging(
    *,
    uitnodiging: Overleguitnodiging,
    antwoord: str,
    tekst: str = "",
    toegang: Portaaltoegang | None = None,
) -> Overleguitnodiging:
    """The reply in the portal: "ik kom", "ik kan niet", or "ik wil dit meegeven" (with the
    text to pass on), until the meeting's day; a later reply replaces it. `toegang`, when
    given, is the access the portal page was opened with: the invitation must be its own."""
    opgeslagen = (
        Overleguitnodiging.objects.select_related("overleg", "toegang")
        .filter(pk=uitnodiging.pk)
        .first()
    )
    if opgeslagen is None or (toegang is not None and opgeslagen.toegang_id != toegang.pk):
        raise RelatieNietMogelijk("Deze uitnodiging is niet van u.")
    casus = _vergrendel(opgeslagen.toegang.casus)
    eigen = _geldige(opgeslagen.toegang, casus)
    uitnodiging = Overleguitnodiging.objects.select_for_update(of=("self",)).get(pk=opgeslagen.pk)
    overleg = opgeslagen.overleg
    if overleg.datum < timezone.localdate():
        raise RelatieNietMogelijk("Dit overleg is al geweest.")
    if antwoord not in Overleguitnodiging.Antwoord.values:
        raise RelatieNietMogelijk("Kies een antwoord.")
    tekst = _tekst(
        tekst,
        "wat u wilt meegeven",
        verplicht=antwoord == Overleguitnodiging.Antwoord.MEEGEVEN,
    )
    uitnodiging.antwoord = antwoord
    uitnodiging.antwoord_tekst = tekst
    uitnodiging.beantwoord_op = timezone.now()
    uitnodiging.save(update_fields=["antwoord", "antwoord_tekst", "beantwoord_op"])
    geschiedenis.overleg_beantwoord(casus, toegang=eigen, overleg=overleg, antwoord=antwoord)
    _meld_regisseur(
        casus,
        "portaal_reactie",
        reactie=f"overleg_{antwoord}",
        wie=wie(eigen),
        overleg=overleg.pk,
        datum=overleg.datum.isoformat(),
    )
    return uitnodiging


def meld_nieuwe_planversie(plan: PlanVanAanpak) -> int:
    """After a new plan version (regie.services.plan.sla_plan_op, in its transaction): an
    e-mail with only a link to every person with a valid access to the case who opted in.
    Returns how many were queued."""
    aantal = 0
    for toegang in Portaaltoegang.objects.filter(
        casus_id=plan.casus_id, status=Status.ACTIEF
    ).select_related("casus__leerling", "ouder", "gebruiker"):
        if toegang_geldig(toegang) and portaalmail.meld(
            toegang.gebruiker, portaalmail.PLAN, toegang_id=toegang.pk
        ):
            aantal += 1
    return aantal


# --- messages -----------------------------------------------------------------------------------


def _berichtsleutel(toegang: Portaaltoegang) -> str:
    return f"portaal_bericht:{toegang.pk}:"


@transaction.atomic
def stuur_bericht(
    *, toegang: Portaaltoegang, tekst: str, door: Medewerker | None = None
) -> Bericht:
    """A message in the thread of this access: from the portal (`door` None; the person's
    valid access) it reaches the regisseur (one notification per thread until they read it);
    from a staff member who may answer it (the regisseur or Leerplicht) it reaches the person,
    by e-mail when they opted in."""
    casus = _vergrendel(toegang.casus)
    tekst = _tekst(tekst, "uw bericht")
    if door is None:
        eigen = _geldige(toegang, casus)
    else:
        _vereis(
            door,
            "regie.add_bericht",
            casus,
            "Alleen de regisseur of Leerplicht van deze casus kan een bericht sturen.",
        )
        eigen = _opgeslagen(
            Portaaltoegang.objects.select_for_update(of=("self",))
            .select_related("casus__leerling", "ouder", "gebruiker")
            .filter(pk=toegang.pk, casus=casus)
        )
        reden = reden_geen_toegang(eigen)
        if reden:
            raise RelatieNietMogelijk(f"Dit bericht komt niet aan. {reden}")
    bericht = Bericht.objects.create(toegang=eigen, casus=casus, door=door, tekst=tekst)
    if door is None:
        regisseur = casus.regisseur
        al_gemeld = Notificatie.objects.filter(
            ontvanger=regisseur,
            soort=Notificatie.Soort.PORTAAL_BERICHT,
            sleutel__startswith=_berichtsleutel(eigen),
            gelezen_op__isnull=True,
        ).exists()
        if not al_gemeld:
            notificeer(
                [regisseur],
                "portaal_bericht",
                url=_regisseur_url(casus),
                gegevens={"casus": casus.pk, "toegang": eigen.pk, "wie": wie(eigen)},
                sleutel=f"{_berichtsleutel(eigen)}{bericht.pk}",
            )
    else:
        portaalmail.meld(eigen.gebruiker, portaalmail.BERICHT, toegang_id=eigen.pk)
    return bericht


@transaction.atomic
def markeer_berichten_gelezen(*, toegang: Portaaltoegang, door: Medewerker | None = None) -> int:
    """Mark the other side's messages of this thread read: in the portal (`door` None) the
    staff's, by a staff member who reads the thread the portal's (and their notification of
    the thread). Returns how many messages changed."""
    nu = timezone.now()
    if door is None:
        eigen = _geldige(toegang)
        return Bericht.objects.filter(
            toegang=eigen, door__isnull=False, gelezen_op__isnull=True
        ).update(gelezen_op=nu)
    opgeslagen = _opgeslagen(Portaaltoegang.objects.select_related("casus").filter(pk=toegang.pk))
    _vereis(
        door,
        "regie.view_bericht",
        opgeslagen.casus,
        "Alleen de regisseur of Leerplicht van deze casus leest deze berichten.",
    )
    Notificatie.objects.filter(
        ontvanger=door,
        soort=Notificatie.Soort.PORTAAL_BERICHT,
        sleutel__startswith=_berichtsleutel(opgeslagen),
        gelezen_op__isnull=True,
    ).update(gelezen_op=nu)
    return Bericht.objects.filter(
        toegang=opgeslagen, door__isnull=True, gelezen_op__isnull=True
    ).update(gelezen_op=nu)


# --- correction requests (AVG art. 16) ------------------------------------------------------------


@transaction.atomic
def vraag_correctie(*, toegang: Portaaltoegang, wat: str, toelichting: str) -> Correctieverzoek:
    """A request from the portal to correct what is registered about the child or the person:
    a task for the regisseur until they answer it (also on a case closed recently)."""
    casus = _vergrendel(toegang.casus, open_=None)
    eigen = _geldige(toegang, casus)
    wat = _tekst(wat, "wat er niet klopt", max_lengte=300)
    toelichting = _tekst(toelichting, "wat het moet zijn")
    verzoek = Correctieverzoek.objects.create(
        toegang=eigen, casus=casus, wat=wat, toelichting=toelichting
    )
    geschiedenis.correctie_gevraagd(casus, toegang=eigen)
    notificeer(
        [casus.regisseur],
        "correctieverzoek",
        url=_regisseur_url(casus),
        gegevens={"casus": casus.pk, "verzoek": verzoek.pk, "wie": wie(eigen)},
        sleutel=f"correctieverzoek:{verzoek.pk}",
    )
    return verzoek


@transaction.atomic
def handel_correctie_af(
    *, verzoek: Correctieverzoek, door: Medewerker, uitkomst: str, antwoord: str
) -> Correctieverzoek:
    """The regisseur (or Leerplicht) answers a correction request: corrected or refused, with
    an answer the person reads in the portal."""
    casus = _vergrendel(verzoek.casus, open_=None)
    _vereis(
        door,
        "regie.change_correctieverzoek",
        casus,
        "Alleen de regisseur of Leerplicht van deze casus handelt een correctieverzoek af.",
    )
    verzoek = _opgeslagen(
        (
            Correctieverzoek.objects.select_for_update(of=("self",))
            .select_related("toegang__ouder", "toegang__casus__leerling", "toegang__gebruiker")
            .filter(pk=verzoek.pk, casus=casus)
        ),
        "Dit correctieverzoek hoort niet bij deze casus.",
    )
    if verzoek.uitkomst:
        raise RelatieNietMogelijk("Dit correctieverzoek is al afgehandeld.")
    if uitkomst not in Correctieverzoek.Uitkomst.values:
        raise RelatieNietMogelijk(
            "Kies of het gegeven is gecorrigeerd of dat het verzoek is afgewezen."
        )
    verzoek.uitkomst = uitkomst
    verzoek.antwoord = _tekst(antwoord, "het antwoord")
    verzoek.afgehandeld_door = door
    verzoek.afgehandeld_op = timezone.now()
    verzoek.save(update_fields=["uitkomst", "antwoord", "afgehandeld_door", "afgehandeld_op"])
    geschiedenis.correctie_afgehandeld(casus, door=door, toegang=verzoek.toegang, uitkomst=uitkomst)
    Notificatie.objects.filter(
        soort=Notificatie.Soort.CORRECTIEVERZOEK,
        sleutel=f"correctieverzoek:{verzoek.pk}",
        gelezen_op__isnull=True,
    ).update(gelezen_op=timezone.now())
    if toegang_geldig(verzoek.toegang):
        # a withheld or ended access is not told (the answer stays on the request)
        portaalmail.meld(
            verzoek.toegang.gebruiker, portaalmail.CORRECTIE, toegang_id=verzoek.toegang_id
        )
    return verzoek


# --- "werkt dit?" -----------------------------------------------------------------------------


def open_vragenlijsten(toegang: Portaaltoegang) -> list[str]:
    """The questionnaire moments this access may fill in now, in order: "na_uvo" once an UVO
    meeting of the case has taken place (the case was on its agenda, or the person was invited
    to it, and its day is past), "afsluiting" once the case is closed (the portal shows a
    closed case for PORTAAL_NA_AFSLUITING_DAGEN days); each once."""
    if not toegang_geldig(toegang):
        return []
    casus = toegang.casus
    vandaag = timezone.localdate()
    gedaan = set(Terugkoppeling.objects.filter(toegang=toegang).values_list("moment", flat=True))
    uitkomst: list[str] = []
    Moment = Terugkoppeling.Moment
    if Moment.NA_UVO not in gedaan:
        uvo = Overleg.objects.filter(soort=Overlegsoort.UVO, datum__lt=vandaag)
        if (
            uvo.filter(agendapunten__casus=casus).exists()
            or uvo.filter(uitnodigingen__casus=casus).exists()
        ):
            uitkomst.append(Moment.NA_UVO)
    if Moment.AFSLUITING not in gedaan and not casus.is_open:
        uitkomst.append(Moment.AFSLUITING)
    return uitkomst


@transaction.atomic
def vul_terugkoppeling_in(
    *,
    toegang: Portaaltoegang,
    moment: str,
    antwoorden: dict[str, int],
    open_antwoord: str = "",
) -> Terugkoppeling:
    """The questionnaire "werkt dit?" of `moment`, once per access and moment, only when
    open_vragenlijsten offers it: an answer 1..5 to every question of regie.relatie.VRAGEN,
    and an optional open answer."""
    casus = _vergrendel(toegang.casus, open_=None)
    eigen = _geldige(toegang, casus)
    if moment not in open_vragenlijsten(eigen):
        raise RelatieNietMogelijk("Deze vragenlijst staat nu niet voor u open.")
    if not isinstance(antwoorden, dict) or set(antwoorden) != set(VRAGEN):
        raise RelatieNietMogelijk("Beantwoord elke vraag.")
    for waarde in antwoorden.values():
        if isinstance(waarde, bool) or not isinstance(waarde, int) or not 1 <= waarde <= 5:
            raise RelatieNietMogelijk("Kies bij elke vraag een antwoord van 1 tot en met 5.")
    try:
        with transaction.atomic():
            return Terugkoppeling.objects.create(
                toegang=eigen,
                casus=casus,
                moment=moment,
                antwoorden={code: antwoorden[code] for code in VRAGEN},
                open_antwoord=_tekst(open_antwoord, "uw antwoord", verplicht=False),
            )
    except IntegrityError as fout:
        raise RelatieNietMogelijk("U heeft deze vragenlijst al ingevuld.") from fout
