# SPDX-License-Identifier: EUPL-1.2
"""Writes of the justice chain, letters, MAZL advice, exemption statements and advice, the
OPP link and the evaluation after an intervention. Each service owns its transaction, locks
the case row and writes the case's history (CasusGebeurtenis) in it, so everything shows in
the case's timeline. The rules of the justice chain (docs/domein.md, "Justitiële keten";
docs/domein.md (Bronnen)
§ 7) are checked here; their messages are Dutch, the views show them as they are.

The history of a justice step or a warning letter never says which step it was
(regie.geschiedenis): every viewer of the case sees the timeline, only Leerplicht sees justice
data (AVG art. 10)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from binnenboord.kern.kalender import schooljaar
from binnenboord.kern.leerplicht import verjaardag
from binnenboord.kern.monitoring import leeftijd
from binnenboord.registratie.models import Ouder, Verzuim, Vrijstelling
from binnenboord.toegang.models import Medewerker, Rol

from .. import geschiedenis
from ..beoordeling import stapkeuzes
from ..models import (
    Brief,
    Casus,
    Evaluatie,
    Justitiestap,
    MazlAdvies,
    OppKoppeling,
    PlanVanAanpak,
    Portaaltoegang,
    Vrijstellingsadvies,
    Vrijstellingsverklaring,
)
from ..relatie import leeftijd_leerling
from .casus import CasusNietMogelijk, controleer_stap, vergrendel_casus, vergrendel_leerling
from .contact import leg_medisch_vast

# Model step codes (kern.aanpak) these records complete.
STAP_MAZL = "mazl"
STAP_EVALUATIE = "evaluatie"
INTERVENTIETEAM_STAPPEN = ("interventieteam", "interventieteam_plan", "interventieteam_oplossing")

Soort = Justitiestap.Soort


def _niet_in_de_toekomst(datum: date, wat: str) -> None:
    if datum > timezone.localdate():
        raise CasusNietMogelijk(f"{wat} kan niet in de toekomst liggen.")


def _van_de_leerling(leerling_id: int) -> Any:
    return Justitiestap.objects.filter(casus__leerling_id=leerling_id)


# --- the justice chain -------------------------------------------------------------------


# Halt takes school absence of 9 to 60 hours without valid reason, or 12 to 60 times late,
# in the school year (docs/domein.md, Bronnen § 7, Halt; docs/domein.md, "Justitiële keten").
HALT_UREN: Final = (9, 60)
HALT_KEER_TE_LAAT: Final = (12, 60)


def _halt_verzuim(leerling_id: int, datum: date) -> None:
    van = schooljaar(datum)[0]
    totalen = Verzuim.objects.filter(leerling_id=leerling_id, datum__range=(van, datum)).aggregate(
        minuten=Sum(F("minuten_ongeoorloofd") + F("minuten_luxe")),
        te_laat=Count("pk", filter=Q(minuten_te_laat__gt=0)),
    )
    uren = (totalen["minuten"] or 0) / 60
    te_laat = totalen["te_laat"]
    if (
        HALT_UREN[0] <= uren <= HALT_UREN[1]
        or HALT_KEER_TE_LAAT[0] <= te_laat <= HALT_KEER_TE_LAAT[1]
    ):
        return
    raise CasusNietMogelijk(
        "Halt is er voor 9 tot 60 uur ongeoorloofd verzuim of 12 tot 60 keer te laat in het "
        f"schooljaar; deze jongere heeft dit schooljaar {uren:.1f} uur ongeoorloofd verzuimd en "
        f"was {te_laat} keer te laat."
    )


@transaction.atomic
def registreer_justitiestap(
    *,
    casus: Casus,
    door: Medewerker,
    soort: str,
    datum: date,
    toelichting: str = "",
    uitkomst: str = "",
    toestemming: bool = False,
    ouders_eerder_veroordeeld: bool = False,
) -> Justitiestap:
    """Record a step of the justice chain. A closed case still takes steps: an OM decision or
    a judgment often comes after the pupil is back at school.


    Rules (docs/domein.md, Bronnen § 7): a Halt referral only for a youth of 12 up to 18 on the
    day, with
    consent, for 9 to 60 hours of unauthorised absence or 12 to 60 times late in the school
    year, and once per youth; a Halt result follows a referral; a warning only for a
    first luxe verzuim of at most one day, once per youth; an official report (proces-verbaal)
    on parents convicted before carries the copy to the Raad voor de Kinderbescherming (LPW
    art. 22 lid 5)."""
    casus = vergrendel_casus(casus, open_=None)
    if soort not in Soort.values:
        raise CasusNietMogelijk("Kies een stap in de justitiële keten.")
    _niet_in_de_toekomst(datum, "Een stap in de justitiële keten")
    # "once per youth" holds across cases: lock the pupil so two recordings wait
    vergrendel_leerling(casus.leerling_id)
    leerling = casus.leerling
    eerder = _van_de_leerling(leerling.pk)
    if soort == Soort.HALT_VERWIJZING:
        if (
            not verjaardag(leerling.geboortedatum, 12)
            <= datum
            < verjaardag(leerling.geboortedatum, 18)
        ):
            raise CasusNietMogelijk(
                "Een Halt-verwijzing kan alleen voor een jongere van 12 tot 18 jaar."
            )
        if not toestemming:
            raise CasusNietMogelijk(
                "Een Halt-verwijzing vraagt toestemming van de jongere (en van de ouders als "
                "de jongere jonger is dan 16)."
            )
        _halt_verzuim(leerling.pk, datum)
        if eerder.filter(soort=Soort.HALT_VERWIJZING).exists():
            raise CasusNietMogelijk(
                "Deze jongere is al eens naar Halt verwezen voor schoolverzuim; een tweede "
                "verwijzing kan niet."
            )
    if soort == Soort.HALT_RESULTAAT:
        if not eerder.filter(soort=Soort.HALT_VERWIJZING).exists():
            raise CasusNietMogelijk("Een Halt-resultaat volgt op een Halt-verwijzing.")
        if not uitkomst.strip():
            raise CasusNietMogelijk("Geef het resultaat van Halt.")
    if soort == Soort.WAARSCHUWING:
        _check_waarschuwing(leerling.pk, eerder)
    stap = Justitiestap.objects.create(
        casus=casus,
        soort=soort,
        datum=datum,
        toelichting=toelichting.strip(),
        uitkomst=uitkomst.strip(),
        toestemming=toestemming and soort == Soort.HALT_VERWIJZING,
        ouders_eerder_veroordeeld=ouders_eerder_veroordeeld and soort == Soort.PROCES_VERBAAL,
        afschrift_raad=ouders_eerder_veroordeeld and soort == Soort.PROCES_VERBAAL,
        door=door,
    )
    geschiedenis.justitiestap(casus, door=door, datum=datum)
    return stap


def _check_waarschuwing(leerling_id: int, eerder: Any) -> None:
    if eerder.filter(soort=Soort.WAARSCHUWING).exists():
        raise CasusNietMogelijk("Deze leerling heeft al een waarschuwing gehad.")
    luxe_dagen = (
        Verzuim.objects.filter(leerling_id=leerling_id, minuten_luxe__gt=0)
        .values("datum")
        .distinct()
        .count()
    )
    if luxe_dagen == 0:
        raise CasusNietMogelijk(
            "Een waarschuwing is er voor luxe verzuim; er is geen luxe verzuim geregistreerd."
        )
    if luxe_dagen > 1:
        raise CasusNietMogelijk(
            "Een waarschuwing kan alleen bij een eerste luxe verzuim van ten hoogste één dag."
        )


# --- letters -----------------------------------------------------------------------------

MET_AFSPRAAK = (Brief.Sjabloon.UITNODIGING_GESPREK, Brief.Sjabloon.AANKONDIGING_HUISBEZOEK)
# The letters of the letter form; the portal's and the meeting's invitations are made by
# regie.services.relatie (with their code and meeting).
VRIJE_BRIEVEN = (
    Brief.Sjabloon.UITNODIGING_GESPREK,
    Brief.Sjabloon.AANKONDIGING_HUISBEZOEK,
    Brief.Sjabloon.WAARSCHUWING,
)


def _adresregels(persoon: Any) -> list[str]:
    if not persoon.straat:
        return []
    return [
        f"{persoon.straat} {persoon.huisnummer}".strip(),
        f"{persoon.postcode} {persoon.woonplaats}".strip(),
    ]


def briefadres(
    casus: Casus, *, ouder: Ouder | None = None, aan_leerling: bool = False
) -> list[str]:
    """The address lines a letter carries (docs/relatie.md, "Afgeschermd adres"). To the pupil:
    the pupil's own address. To a parent: the parent's own address. Otherwise (a parent
    without a registered address, or another addressee) the pupil's address, but only when
    neither the pupil's address nor that of a parent is shielded: a shielded address of the
    pupil or of the other parent never goes into a letter that may reach the other parent;
    the writer then adds the address on the envelope."""
    leerling = casus.leerling
    if aan_leerling:
        return _adresregels(leerling)
    if ouder is not None and ouder.straat:
        return _adresregels(ouder)
    if leerling.adres_afgeschermd or leerling.ouders.filter(adres_afgeschermd=True).exists():
        return []
    return _adresregels(leerling)


def _briefcontext(
    casus: Casus,
    door: Medewerker,
    sjabloon: str,
    aan: str,
    afspraak: datetime | None,
    *,
    ouder: Ouder | None = None,
    aan_leerling: bool = False,
) -> dict[str, Any]:
    organisatie = door.organisatie
    return {
        "casus": casus,
        "leerling": casus.leerling,
        "aan": aan,
        "adres": briefadres(casus, ouder=ouder, aan_leerling=aan_leerling),
        "afspraak": timezone.localtime(afspraak) if afspraak is not None else None,
        "afzender": door,
        "briefhoofd": organisatie.naam if organisatie is not None else "",
        "datum": timezone.localdate(),
        "titel": dict(Brief.Sjabloon.choices)[sjabloon],
    }


def briefontvangers(casus: Casus, vandaag: date | None = None) -> list[tuple[str, str]]:
    """Whom the letter form offers as the letter's person, as (key, label): "ouder:<pk>" for
    each parent of the pupil with gezag whose portal access is not withheld, and "leerling"
    from the age the pupil gets their own portal account. The letter then shows in that
    person's portal."""
    vandaag = vandaag or timezone.localdate()
    ontzegd = set(
        Portaaltoegang.objects.filter(
            casus=casus, ouder__isnull=False, status=Portaaltoegang.Status.ONTZEGD
        ).values_list("ouder_id", flat=True)
    )
    keuzes = [
        (f"ouder:{o.pk}", f"{o} ({o.get_relatie_display()})")
        for o in casus.leerling.ouders.all()
        if o.gezag and o.pk not in ontzegd
    ]
    if leeftijd(casus.leerling.geboortedatum, vandaag) >= leeftijd_leerling():
        keuzes.append(("leerling", f"{casus.leerling.naam} ({gettext('pupil')})"))
    return keuzes


def _ontvanger(casus: Casus, ouder: Ouder | None, aan_leerling: bool) -> Ouder | None:
    """The letter's parent as stored: of this case's pupil, with gezag, not withheld."""
    if ouder is not None and aan_leerling:
        raise CasusNietMogelijk("Een brief is voor één ouder of voor de leerling.")
    sleutel = f"ouder:{ouder.pk}" if ouder is not None else "leerling" if aan_leerling else ""
    if sleutel and sleutel not in dict(briefontvangers(casus)):
        if ouder is not None:
            raise CasusNietMogelijk(
                "Deze brief kan niet naar deze ouder: alleen naar een ouder van deze leerling "
                "met gezag van wie de toegang niet is ontzegd."
            )
        raise CasusNietMogelijk("De leerling is te jong voor een eigen brief in het portaal.")
    if ouder is None:
        return None
    return Ouder.objects.get(pk=ouder.pk, leerling_id=casus.leerling_id)


@transaction.atomic
def maak_brief(
    *,
    casus: Casus,
    door: Medewerker,
    sjabloon: str,
    aan: str = "",
    afspraak: datetime | None = None,
    ouder: Ouder | None = None,
    aan_leerling: bool = False,
) -> Brief:
    """Make a letter from its template and record it on the case. The letter is kept as it
    was made; the PDF comes from it on demand. A letter announcing a home visit does not
    record the visit: that is a contact moment of its own when it happened. A warning letter
    follows a recorded warning in the justice chain. A letter to a parent of the pupil (with
    gezag, not withheld) or to the pupil shows in their portal; its address is theirs
    (briefadres)."""
    casus = vergrendel_casus(casus)
    if sjabloon not in VRIJE_BRIEVEN:
        raise CasusNietMogelijk("Kies een sjabloon voor de brief.")
    ouder = _ontvanger(casus, ouder, aan_leerling)
    if not aan.strip():
        aan = str(ouder) if ouder is not None else casus.leerling.naam if aan_leerling else ""
    if not aan.strip():
        raise CasusNietMogelijk("Geef aan wie de brief is gericht.")
    if sjabloon in MET_AFSPRAAK:
        if afspraak is None:
            raise CasusNietMogelijk("Geef de datum en het tijdstip van de afspraak.")
        if afspraak < timezone.now():
            raise CasusNietMogelijk("De afspraak in de brief ligt in het verleden.")
    if (
        sjabloon == Brief.Sjabloon.WAARSCHUWING
        and not casus.justitiestappen.filter(soort=Soort.WAARSCHUWING).exists()
    ):
        raise CasusNietMogelijk("Leg eerst de waarschuwing vast als stap in de justitiële keten.")
    # the letter is for Dutch parents: Dutch, whatever the writer's language
    with translation.override(settings.LANGUAGE_CODE):
        tekst = render_to_string(
            f"regie/brieven/{sjabloon}.html",
            _briefcontext(
                casus, door, sjabloon, aan.strip(), afspraak, ouder=ouder, aan_leerling=aan_leerling
            ),
        )
    brief = Brief.objects.create(
        casus=casus,
        sjabloon=sjabloon,
        aan=aan.strip(),
        ouder=ouder,
        aan_leerling=aan_leerling,
        afspraak=afspraak if sjabloon in MET_AFSPRAAK else None,
        tekst=tekst,
        door=door,
        datum=timezone.localdate(),
    )
    geschiedenis.brief_gemaakt(casus, door=door, brief=brief)
    return brief


def als_pdf(html: str) -> bytes:
    """An A4 PDF/UA-1 (accessible) from a complete HTML document."""
    # WeasyPrint loads Pango and fonts on import: only when a PDF is asked for.
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))


def brief_als_pdf(brief: Brief) -> bytes:
    return als_pdf(brief.tekst)


# --- MAZL, exemptions, OPP ---------------------------------------------------------------


@transaction.atomic
def leg_mazladvies_vast(
    *,
    casus: Casus,
    door: Medewerker,
    datum: date,
    deelbaar_advies: str,
    medisch: str = "",
) -> MazlAdvies:
    """The youth doctor records a MAZL consult: the short, non-medical advice for the case
    director (`deelbaar_advies`, e.g. "can attend 2 hours a day") and, apart, its medical
    content (`medisch`), kept as MedischeInhoud for youth doctors of the own organisation
    only. Where the case's model has the step "mazl" this completes it."""
    if door.rol != Rol.JEUGDARTS:
        raise CasusNietMogelijk("Alleen de jeugdarts legt een MAZL-advies vast.")
    casus = vergrendel_casus(casus)
    _niet_in_de_toekomst(datum, "Een MAZL-consult")
    if not deelbaar_advies.strip():
        raise CasusNietMogelijk("Geef het advies dat met de casus gedeeld mag worden.")
    advies = MazlAdvies.objects.create(
        casus=casus, jeugdarts=door, datum=datum, deelbaar_advies=deelbaar_advies.strip()
    )
    if medisch.strip():
        leg_medisch_vast(casus=casus, door=door, tekst=medisch, mazladvies=advies)
    stap = STAP_MAZL if STAP_MAZL in dict(stapkeuzes(casus)) else ""
    if stap:
        controleer_stap(stap, datum)
    geschiedenis.mazl_advies(casus, door=door, datum=datum, stap=stap)
    return advies


def _vrijstelling_van(casus: Casus, vrijstelling: Vrijstelling) -> None:
    if vrijstelling.leerling_id != casus.leerling_id:
        raise CasusNietMogelijk("Deze vrijstelling hoort niet bij de leerling van de casus.")


@transaction.atomic
def geef_vrijstellingsadvies(
    *, casus: Casus, door: Medewerker, vrijstelling: Vrijstelling, advies: str, datum: date
) -> Vrijstellingsadvies:
    """The samenwerkingsverband's advice on an exemption claim, by its consultant."""
    if door.rol != Rol.SWV_CONSULENT:
        raise CasusNietMogelijk("Alleen de consulent van het samenwerkingsverband adviseert.")
    casus = vergrendel_casus(casus)
    _vrijstelling_van(casus, vrijstelling)
    _niet_in_de_toekomst(datum, "Het advies")
    if not advies.strip():
        raise CasusNietMogelijk("Geef het advies.")
    gegeven = Vrijstellingsadvies.objects.create(
        vrijstelling=vrijstelling,
        casus=casus,
        swv_consulent=door,
        advies=advies.strip(),
        datum=datum,
    )
    geschiedenis.vrijstellingsadvies(casus, door=door, datum=datum)
    return gegeven


@transaction.atomic
def leg_vrijstellingsverklaring_vast(
    *,
    casus: Casus,
    door: Medewerker,
    vrijstelling: Vrijstelling,
    datum: date,
    deskundige: str,
    nooit_schoolgeschikt: bool = False,
) -> Vrijstellingsverklaring:
    """The appointed expert's statement on an art. 5 onder a claim (LPW art. 7)."""
    casus = vergrendel_casus(casus)
    _vrijstelling_van(casus, vrijstelling)
    if vrijstelling.artikel != Vrijstelling.Artikel.ART_5A:
        raise CasusNietMogelijk("Een verklaring van een deskundige hoort bij art. 5 onder a.")
    _niet_in_de_toekomst(datum, "De verklaring")
    if not deskundige.strip():
        raise CasusNietMogelijk("Geef de aangewezen deskundige.")
    verklaring = Vrijstellingsverklaring.objects.create(
        vrijstelling=vrijstelling,
        casus=casus,
        datum=datum,
        deskundige=deskundige.strip(),
        nooit_schoolgeschikt=nooit_schoolgeschikt,
        door=door,
    )
    geschiedenis.vrijstellingsverklaring(casus, door=door, datum=datum)
    return verklaring


@transaction.atomic
def koppel_opp(
    *, casus: Casus, door: Medewerker, verwijzing: str, notitie: str = ""
) -> OppKoppeling:
    """Link the school's OPP to the case."""
    casus = vergrendel_casus(casus)
    if not verwijzing.strip():
        raise CasusNietMogelijk("Geef de link naar of de verwijzing van het OPP.")
    koppeling = OppKoppeling.objects.create(
        casus=casus, verwijzing=verwijzing.strip(), notitie=notitie.strip(), door=door
    )
    geschiedenis.opp_gekoppeld(
        casus, door=door, verwijzing=koppeling.verwijzing, datum=timezone.localdate()
    )
    return koppeling


def opp_als_pdf(casus: Casus, *, gemaakt_door: Medewerker) -> bytes:
    """What the kernpartners agreed for the pupil, for the school's OPP: the current plan
    version, the actions and the participants. Never justice or medical data."""
    plan: PlanVanAanpak | None = casus.planversies.order_by("-versie").first()
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "regie/justitie_opp_pdf.html",
            {
                "casus": casus,
                "leerling": casus.leerling,
                "plan": plan,
                "acties": list(casus.acties.select_related("wie").order_by("uiterlijk", "pk")),
                "deelnemers": list(casus.deelnemers.select_related("medewerker", "ouder")),
                "gemaakt_door": gemaakt_door,
                "gemaakt_op": timezone.localtime(),
            },
        )
    return als_pdf(html)


# --- evaluation --------------------------------------------------------------------------


@transaction.atomic
def leg_evaluatie_vast(
    *,
    casus: Casus,
    door: Medewerker,
    niveau: str,
    wat_ging_goed: str,
    wat_kan_beter: str,
    datum: date,
    lessen: str = "",
) -> Evaluatie:
    """The evaluation after an intervention of the Interventieteam, on case or process level;
    it completes the model step "evaluatie". Record it before closing the case."""
    casus = vergrendel_casus(casus)
    if niveau not in Evaluatie.Niveau.values:
        raise CasusNietMogelijk("Kies het niveau van de evaluatie.")
    if not casus.gebeurtenissen.filter(stap__in=INTERVENTIETEAM_STAPPEN).exists():
        raise CasusNietMogelijk(
            "Een evaluatie volgt op een interventie: leg eerst de stap van het "
            "Interventieteam vast."
        )
    if not (wat_ging_goed.strip() and wat_kan_beter.strip()):
        raise CasusNietMogelijk("Geef aan wat goed ging en wat beter kan.")
    evaluatie = Evaluatie.objects.create(
        casus=casus,
        niveau=niveau,
        wat_ging_goed=wat_ging_goed.strip(),
        wat_kan_beter=wat_kan_beter.strip(),
        lessen=lessen.strip(),
        datum=datum,
        door=door,
    )
    controleer_stap(STAP_EVALUATIE, datum)
    geschiedenis.evaluatie(casus, door=door, niveau=niveau, stap=STAP_EVALUATIE, datum=datum)
    return evaluatie
