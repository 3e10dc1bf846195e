# SPDX-License-Identifier: EUPL-1.2
"""The history of a case (CasusGebeurtenis): one named writer per kind of event, with the
event's facts as parameters, as Saleor's order events do.

A writer stores the facts in `gegevens` (with the key "bericht" naming the kind of sentence)
and what a person typed as their reason or explanation in `toelichting`; it never stores a
sentence. The sentence is made when the history is read (`tekst_van`, also
CasusGebeurtenis.tekst), from one translatable string per kind with named placeholders, so it
follows the reader's language. Rows written before the facts were stored have an empty
`gegevens` and their sentence, in Dutch, in `toelichting`: they show that text as it is.

The writers run inside the caller's transaction (the services own it) and only write; the
services check the rules first."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from binnenboord.toegang.models import Gemeente, Medewerker

from .configuratie import aanpakken
from .models import (
    Actie,
    Agendapunt,
    Brief,
    Casus,
    CasusGebeurtenis,
    Casusoverdracht,
    Contactmoment,
    Deelnemer,
    Evaluatie,
    Overleg,
    Overlegsoort,
)

Soort = CasusGebeurtenis.Soort
Gegevens = Mapping[str, Any]

# --- how each kind of event reads ------------------------------------------------------------


def _dag(iso: str | None) -> str:
    return f"{date.fromisoformat(iso):%d-%m-%Y}" if iso else ""


def _label(keuzes: Any, code: str) -> str:
    """The label of a choice in the reader's language; the code itself when it is unknown."""
    try:
        return str(keuzes(code).label)
    except ValueError:
        return code


def _aanpak(code: str) -> str:
    aanpak = aanpakken().get(code)
    return aanpak.naam if aanpak is not None else code


@dataclass(frozen=True)
class Bericht:
    """How one kind of event reads: the translatable sentence (an English msgid with named
    placeholders; empty: the event reads as its `toelichting` only), the values it takes from
    the stored facts, and the placeholder that takes the `toelichting` (None: the `toelichting`
    follows the sentence)."""

    zin: str
    waarden: Callable[[Gegevens], dict[str, Any]] = field(default=lambda g: {})
    toelichting_in: str | None = None


def _geopend(g: Gegevens) -> dict[str, Any]:
    return {"regisseur": g["regisseur"], "aanpak": _aanpak(g["aanpak"])}


def _overleg(g: Gegevens) -> dict[str, Any]:
    return {"overleg": _label(Overlegsoort, g["overleg"]), "datum": _dag(g["dag"])}


def _uitkomst(g: Gegevens) -> dict[str, Any]:
    delen = []
    if g.get("advies"):
        delen.append(_("Advice: %(advies)s") % {"advies": g["advies"]})
    if g.get("besluit"):
        delen.append(_("Decision: %(besluit)s") % {"besluit": g["besluit"]})
    return {
        **_overleg(g),
        "uitkomst": _label(Agendapunt.Status, g["uitkomst"]),
        "samenvatting": " ".join(delen),
    }


def _deelnemer(g: Gegevens) -> dict[str, Any]:
    return {
        "deelnemer": g["deelnemer"] or _label(Deelnemer.Soort, g["soort"]),
        "soort": _label(Deelnemer.Soort, g["soort"]),
        "rol": g.get("rol", ""),
    }


BERICHTEN: dict[str, Bericht] = {
    # the case
    "geopend": Bericht(gettext_noop("Case director: %(regisseur)s; model: %(aanpak)s."), _geopend),
    "geopend_na_overdracht": Bericht(
        gettext_noop(
            "Handed over by Leerplicht of %(gemeente)s on %(op)s. Case director: %(regisseur)s; "
            "model: %(aanpak)s. %(samenvatting)s"
        ),
        lambda g: {**_geopend(g), "gemeente": g["gemeente"], "op": _dag(g["op"])},
        toelichting_in="samenvatting",
    ),
    "regie_overgedragen": Bericht(
        gettext_noop("From %(van)s to %(naar)s: %(reden)s"),
        lambda g: {"van": g["van"], "naar": g["naar"]},
        toelichting_in="reden",
    ),
    "deelnemer_toegevoegd": Bericht(gettext_noop("%(deelnemer)s (%(soort)s)"), _deelnemer),
    "deelnemer_met_rol_toegevoegd": Bericht(
        gettext_noop("%(deelnemer)s (%(soort)s, %(rol)s)"), _deelnemer
    ),
    "stap_gedaan": Bericht(""),
    "aanpak_gewijzigd": Bericht(
        gettext_noop("From %(van)s to %(naar)s: %(reden)s"),
        lambda g: {"van": _aanpak(g["van"]), "naar": _aanpak(g["naar"])},
        toelichting_in="reden",
    ),
    "gesloten": Bericht(
        gettext_noop("%(aanbod)s on %(op)s; lead time %(dagen)d days. %(opmerking)s"),
        lambda g: {
            "aanbod": _label(Casus.PassendAanbod, g["aanbod"]),
            "op": _dag(g["op"]),
            "dagen": g["dagen"],
        },
        toelichting_in="opmerking",
    ),
    "heropend": Bericht(
        gettext_noop("Earlier outcome: %(aanbod)s on %(op)s. Reason: %(reden)s"),
        lambda g: {"aanbod": _label(Casus.PassendAanbod, g["aanbod"]), "op": _dag(g["op"])},
        toelichting_in="reden",
    ),
    "fase_ingegaan": Bericht(
        gettext_noop("Phase entered: %(fase)s (from %(datum)s)."),
        lambda g: {"fase": g["fase"], "datum": _dag(g["dag"])},
    ),
    # the plan and its actions
    "plan_opgeslagen": Bericht(
        gettext_noop("Version %(versie)d."), lambda g: {"versie": g["versie"]}
    ),
    "plan_overgedragen": Bericht(gettext_noop("Version 1, handed over.")),
    "actie_toegevoegd": Bericht(
        gettext_noop("%(wie)s: %(wat)s (by %(uiterlijk)s)"),
        lambda g: {"wie": g["wie"], "wat": g["wat"], "uiterlijk": _dag(g["uiterlijk"])},
    ),
    "actie_afgerond": Bericht(
        gettext_noop("%(status)s: %(wat)s"),
        lambda g: {"status": _label(Actie.Status, g["status"]), "wat": g["wat"]},
    ),
    # contacts and letters
    "contactmoment": Bericht(
        # Translators: a kind of contact or meeting and its day, e.g. "home visit 09-03-2026"
        gettext_noop("%(soort)s %(datum)s"),
        lambda g: {"soort": _label(Contactmoment.Soort, g["soort"]), "datum": _dag(g["dag"])},
    ),
    "brief_gemaakt": Bericht(
        gettext_noop("Letter made: %(brief)s."),
        lambda g: {"brief": _label(Brief.Sjabloon, g["sjabloon"])},
    ),
    # the timeline of a case never says which justice step or warning it was (AVG art. 10)
    "waarschuwingsbrief_gemaakt": Bericht(gettext_noop("A letter from Leerplicht has been made.")),
    # meetings
    "geagendeerd": Bericht(
        gettext_noop("On the agenda of the %(overleg)s of %(datum)s."), _overleg
    ),
    "van_agenda": Bericht(
        gettext_noop("Taken off the agenda of the %(overleg)s of %(datum)s."), _overleg
    ),
    "besproken": Bericht(
        gettext_noop("%(overleg)s of %(datum)s: %(uitkomst)s. %(samenvatting)s"), _uitkomst
    ),
    "stap_in_overleg": Bericht(
        gettext_noop("%(soort)s %(datum)s"),
        lambda g: {"soort": _label(Overlegsoort, g["overleg"]), "datum": _dag(g["dag"])},
    ),
    # justice chain, MAZL, exemptions, OPP, evaluation
    "justitiestap": Bericht(gettext_noop("A step in the justice chain has been recorded.")),
    "mazl_advies": Bericht(gettext_noop("MAZL advice of the youth doctor recorded.")),
    "vrijstellingsadvies": Bericht(
        gettext_noop("Advice of the school partnership on the exemption.")
    ),
    "vrijstellingsverklaring": Bericht(
        gettext_noop("Statement of the appointed expert on the exemption.")
    ),
    "opp_gekoppeld": Bericht(
        gettext_noop("The school's OPP linked: %(opp)s"), lambda g: {"opp": g["opp"]}
    ),
    "evaluatie": Bericht(
        gettext_noop("Evaluation on %(niveau)s."),
        lambda g: {"niveau": _label(Evaluatie.Niveau, g["niveau"])},
    ),
    # the handover after a move
    "overdracht_aangeboden": Bericht(
        gettext_noop(
            "The pupil moved to %(gemeente)s. The case awaits a handover: choose what "
            "goes along and send it."
        ),
        lambda g: {"gemeente": g["gemeente"]},
    ),
    "overdracht_vervallen": Bericht(
        gettext_noop(
            "The pupil moved on to %(gemeente)s before the handover was accepted; the "
            "handover lapsed. Reopen the case to hand it over to %(gemeente)s."
        ),
        lambda g: {"gemeente": g["gemeente"]},
    ),
    "overdracht_verzonden": Bericht(
        gettext_noop("Handed over to Leerplicht of %(gemeente)s: %(onderdelen)s."),
        lambda g: {"gemeente": g["gemeente"], "onderdelen": ", ".join(g["onderdelen"]) or "-"},
    ),
    "overdracht_aanvaard": Bericht(
        gettext_noop("Leerplicht of %(gemeente)s accepted the handover."),
        lambda g: {"gemeente": g["gemeente"]},
    ),
    "overdracht_geweigerd": Bericht(
        gettext_noop("Leerplicht of %(gemeente)s refused the handover: %(reden)s"),
        lambda g: {"gemeente": g["gemeente"]},
        toelichting_in="reden",
    ),
}

# what follows the sentence of an opening from the consultation hour
VAN_SPREEKUUR = gettext_noop("From the compulsory education consultation hour: %(reden)s")


def tekst_van(gebeurtenis: CasusGebeurtenis) -> str:
    """The event as a sentence in the active language (rows without facts: their stored
    text)."""
    gegevens = gebeurtenis.gegevens or {}
    bericht = BERICHTEN.get(gegevens.get("bericht", ""))
    toelichting = gebeurtenis.toelichting
    if bericht is None or not bericht.zin:
        return toelichting
    waarden = bericht.waarden(gegevens)
    if bericht.toelichting_in is not None:
        return (_(bericht.zin) % {**waarden, bericht.toelichting_in: toelichting}).strip()
    delen = [(_(bericht.zin) % waarden).strip()]
    if gegevens.get("spreekuur"):
        delen.append(_(VAN_SPREEKUUR) % {"reden": gegevens["spreekuur"]})
    if toelichting:
        delen.append(toelichting)
    return " ".join(delen)


# --- the writers -----------------------------------------------------------------------------


def _schrijf(
    casus: Casus,
    soort: str,
    door: Medewerker | None,
    bericht: str,
    /,
    *,
    toelichting: str = "",
    stap: str = "",
    datum: date | None = None,
    tijdstip: datetime | None = None,
    **gegevens: Any,
) -> CasusGebeurtenis:
    return CasusGebeurtenis.objects.create(
        **_velden(casus, soort, door, bericht, toelichting, stap, datum, tijdstip, gegevens)
    )


def _velden(
    casus: Casus,
    soort: str,
    door: Medewerker | None,
    bericht: str,
    toelichting: str,
    stap: str,
    datum: date | None,
    tijdstip: datetime | None,
    gegevens: dict[str, Any],
) -> dict[str, Any]:
    assert bericht in BERICHTEN, bericht
    return {
        "casus": casus,
        "soort": soort,
        "wie": door,
        "toelichting": toelichting,
        "stap": stap,
        "datum": datum,
        "tijdstip": tijdstip,
        "gegevens": {"bericht": bericht, **gegevens},
    }


def _iso(dag: date | None) -> str | None:
    return dag.isoformat() if dag is not None else None


# the case


def geopend(
    casus: Casus,
    *,
    door: Medewerker,
    regisseur: Medewerker,
    aanpak: str,
    toelichting: str = "",
    spreekuurreden: str = "",
) -> CasusGebeurtenis:
    """The case opened, directed by `regisseur` under the model `aanpak` (its code); from a
    referral to the consultation hour when `spreekuurreden` (the school's reason) is given."""
    extra: dict[str, Any] = {"spreekuur": spreekuurreden} if spreekuurreden else {}
    return _schrijf(
        casus,
        Soort.GEOPEND,
        door,
        "geopend",
        toelichting=toelichting,
        datum=casus.start,
        regisseur=str(regisseur),
        aanpak=aanpak,
        **extra,
    )


def geopend_na_overdracht(
    casus: Casus, *, door: Medewerker, overdracht: Casusoverdracht, verzonden_op: date
) -> CasusGebeurtenis:
    """The receiving municipality's case opened from an accepted handover; its summary is the
    `toelichting`."""
    return _schrijf(
        casus,
        Soort.GEOPEND,
        door,
        "geopend_na_overdracht",
        toelichting=str(overdracht.inhoud.get("samenvatting", "")),
        datum=casus.start,
        gemeente=overdracht.van_gemeente.naam,
        op=verzonden_op.isoformat(),
        regisseur=str(door),
        aanpak=casus.aanpak,
    )


def regie_overgedragen(
    casus: Casus,
    *,
    door: Medewerker,
    van: Medewerker,
    naar: Medewerker,
    reden: str,
    datum: date,
    stap: str = "",
) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.REGIE_OVERGEDRAGEN,
        door,
        "regie_overgedragen",
        toelichting=reden,
        stap=stap,
        datum=datum,
        van=str(van),
        naar=str(naar),
    )


def deelnemer_toegevoegd(
    casus: Casus, *, door: Medewerker, deelnemer: Deelnemer
) -> CasusGebeurtenis:
    """A participant was added: their name (empty when they are known by their kind only, as
    the pupil), kind and role in the case."""
    genoemd = deelnemer.medewerker_id or deelnemer.naam or deelnemer.ouder_id
    return _schrijf(
        casus,
        Soort.DEELNEMER_TOEGEVOEGD,
        door,
        "deelnemer_met_rol_toegevoegd" if deelnemer.rol else "deelnemer_toegevoegd",
        deelnemer=str(deelnemer) if genoemd else "",
        soort=deelnemer.soort,
        rol=deelnemer.rol,
    )


def stap_gedaan(
    casus: Casus,
    *,
    door: Medewerker,
    stap: str,
    datum: date,
    tijdstip: datetime | None = None,
    toelichting: str = "",
) -> CasusGebeurtenis:
    """A step of the escalation model done on `datum` (at `tijdstip`), with a person's note."""
    return _schrijf(
        casus,
        Soort.STAP_GEDAAN,
        door,
        "stap_gedaan",
        toelichting=toelichting,
        stap=stap,
        datum=datum,
        tijdstip=tijdstip,
    )


def aanpak_gewijzigd(
    casus: Casus, *, door: Medewerker, van: str, naar: str, reden: str, datum: date
) -> CasusGebeurtenis:
    """The case moved from the model `van` to `naar` (their codes)."""
    return _schrijf(
        casus,
        Soort.AANPAK_GEWIJZIGD,
        door,
        "aanpak_gewijzigd",
        toelichting=reden,
        datum=datum,
        van=van,
        naar=naar,
    )


def gesloten(casus: Casus, *, door: Medewerker) -> CasusGebeurtenis:
    """The case closed with its passend aanbod (read from the closed case)."""
    assert casus.passend_aanbod_op is not None
    return _schrijf(
        casus,
        Soort.GESLOTEN,
        door,
        "gesloten",
        toelichting=casus.opmerking_afsluiting,
        datum=casus.passend_aanbod_op,
        aanbod=casus.passend_aanbod,
        op=casus.passend_aanbod_op.isoformat(),
        dagen=casus.doorlooptijd or 0,
    )


def heropend(
    casus: Casus, *, door: Medewerker, aanbod: str, op: date | None, reden: str, datum: date
) -> CasusGebeurtenis:
    """The case reopened; `aanbod` and `op` are the earlier outcome."""
    return _schrijf(
        casus,
        Soort.HEROPEND,
        door,
        "heropend",
        toelichting=reden,
        datum=datum,
        aanbod=aanbod,
        op=_iso(op),
    )


def fasen_ingegaan(fasen: Iterable[tuple[Casus, str, date]]) -> list[CasusGebeurtenis]:
    """The daily job found these cases in a new phase (case, the phase's name, since): one
    row each, by the system, in one statement."""
    return CasusGebeurtenis.objects.bulk_create(
        CasusGebeurtenis(
            **_velden(
                casus,
                Soort.FASE_INGEGAAN,
                None,
                "fase_ingegaan",
                "",
                "",
                sinds,
                None,
                {"fase": fase, "dag": sinds.isoformat()},
            )
        )
        for casus, fase, sinds in fasen
    )


# the plan and its actions


def plan_opgeslagen(
    casus: Casus, *, door: Medewerker, versie: int, stap: str, datum: date
) -> CasusGebeurtenis:
    return _schrijf(
        casus, Soort.PLAN_OPGESLAGEN, door, "plan_opgeslagen", stap=stap, datum=datum, versie=versie
    )


def plan_overgedragen(casus: Casus, *, door: Medewerker) -> CasusGebeurtenis:
    """The first plan version of a case opened from a handover: the handed-over plan."""
    return _schrijf(casus, Soort.PLAN_OPGESLAGEN, door, "plan_overgedragen")


def actie_toegevoegd(casus: Casus, *, door: Medewerker, actie: Actie) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.ACTIE_TOEGEVOEGD,
        door,
        "actie_toegevoegd",
        wie=actie.uitvoerder,
        wat=actie.wat,
        uiterlijk=actie.uiterlijk.isoformat(),
    )


def actie_afgerond(casus: Casus, *, door: Medewerker, actie: Actie) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.ACTIE_AFGEROND,
        door,
        "actie_afgerond",
        datum=actie.gedaan_op,
        status=actie.status,
        wat=actie.wat,
    )


# contacts and letters


def contactmoment(
    casus: Casus, *, door: Medewerker, contact: Contactmoment, stap: str = ""
) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.CONTACTMOMENT,
        door,
        "contactmoment",
        stap=stap,
        datum=contact.datum,
        soort=contact.soort,
        dag=contact.datum.isoformat(),
    )


def brief_gemaakt(casus: Casus, *, door: Medewerker, brief: Brief) -> CasusGebeurtenis:
    """A letter was made. A warning letter says only that Leerplicht made a letter: every
    viewer of the case reads the history, only Leerplicht sees justice data."""
    if brief.sjabloon == Brief.Sjabloon.WAARSCHUWING:
        return _schrijf(
            casus, Soort.CONTACTMOMENT, door, "waarschuwingsbrief_gemaakt", datum=brief.datum
        )
    return _schrijf(
        casus,
        Soort.CONTACTMOMENT,
        door,
        "brief_gemaakt",
        datum=brief.datum,
        sjabloon=brief.sjabloon,
    )


# meetings


def geagendeerd(casus: Casus, *, door: Medewerker, overleg: Overleg) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.OVERLEG,
        door,
        "geagendeerd",
        datum=overleg.datum,
        overleg=overleg.soort,
        dag=overleg.datum.isoformat(),
    )


def van_agenda(
    casus: Casus, *, door: Medewerker, overleg: Overleg, datum: date
) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.OVERLEG,
        door,
        "van_agenda",
        datum=datum,
        overleg=overleg.soort,
        dag=overleg.datum.isoformat(),
    )


def besproken(casus: Casus, *, door: Medewerker, agendapunt: Agendapunt) -> CasusGebeurtenis:
    """The meeting's advice and decision for the case (or that it was postponed)."""
    overleg = agendapunt.overleg
    return _schrijf(
        casus,
        Soort.OVERLEG,
        door,
        "besproken",
        datum=overleg.datum,
        overleg=overleg.soort,
        dag=overleg.datum.isoformat(),
        uitkomst=agendapunt.status,
        advies=agendapunt.advies,
        besluit=agendapunt.besluit,
    )


def stap_in_overleg(
    casus: Casus, *, door: Medewerker, stap: str, overleg: Overleg, tijdstip: datetime | None
) -> CasusGebeurtenis:
    """A model step the meeting completed for the case, on the meeting's day."""
    return _schrijf(
        casus,
        Soort.STAP_GEDAAN,
        door,
        "stap_in_overleg",
        stap=stap,
        datum=overleg.datum,
        tijdstip=tijdstip,
        overleg=overleg.soort,
        dag=overleg.datum.isoformat(),
    )


# justice chain, MAZL, exemptions, OPP, evaluation (soort "step done": CasusGebeurtenis.Soort
# has no kinds of their own; the sentence says what happened, never which justice step)


def justitiestap(casus: Casus, *, door: Medewerker, datum: date) -> CasusGebeurtenis:
    return _schrijf(casus, Soort.STAP_GEDAAN, door, "justitiestap", datum=datum)


def mazl_advies(casus: Casus, *, door: Medewerker, datum: date, stap: str = "") -> CasusGebeurtenis:
    """The youth doctor's MAZL advice; `stap` when it completes the model's step "mazl"."""
    return _schrijf(casus, Soort.STAP_GEDAAN, door, "mazl_advies", stap=stap, datum=datum)


def vrijstellingsadvies(casus: Casus, *, door: Medewerker, datum: date) -> CasusGebeurtenis:
    return _schrijf(casus, Soort.STAP_GEDAAN, door, "vrijstellingsadvies", datum=datum)


def vrijstellingsverklaring(casus: Casus, *, door: Medewerker, datum: date) -> CasusGebeurtenis:
    return _schrijf(casus, Soort.STAP_GEDAAN, door, "vrijstellingsverklaring", datum=datum)


def opp_gekoppeld(
    casus: Casus, *, door: Medewerker, verwijzing: str, datum: date
) -> CasusGebeurtenis:
    return _schrijf(casus, Soort.STAP_GEDAAN, door, "opp_gekoppeld", datum=datum, opp=verwijzing)


def evaluatie(
    casus: Casus, *, door: Medewerker, niveau: str, stap: str, datum: date
) -> CasusGebeurtenis:
    """The evaluation after an intervention; it completes the model step `stap`."""
    return _schrijf(
        casus, Soort.STAP_GEDAAN, door, "evaluatie", stap=stap, datum=datum, niveau=niveau
    )


# the handover after a move (soort "handover after a move")


def overdracht_aangeboden(
    casus: Casus, *, door: Medewerker | None, naar: Gemeente, datum: date
) -> CasusGebeurtenis:
    """The pupil moved: the case awaits a handover to `naar`."""
    return _schrijf(
        casus,
        Soort.GEMEENTEOVERDRACHT,
        door,
        "overdracht_aangeboden",
        datum=datum,
        gemeente=naar.naam,
    )


def overdracht_vervallen(
    casus: Casus, *, door: Medewerker | None, naar: Gemeente, datum: date
) -> CasusGebeurtenis:
    """The pupil moved on to `naar` before a sent handover was accepted: it lapsed."""
    return _schrijf(
        casus,
        Soort.GEMEENTEOVERDRACHT,
        door,
        "overdracht_vervallen",
        datum=datum,
        gemeente=naar.naam,
    )


def overdracht_verzonden(
    casus: Casus, *, door: Medewerker, overdracht: Casusoverdracht, datum: date
) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.GEMEENTEOVERDRACHT,
        door,
        "overdracht_verzonden",
        datum=datum,
        gemeente=overdracht.naar_gemeente.naam,
        onderdelen=overdracht.onderdelen,
    )


def overdracht_aanvaard(
    casus: Casus, *, door: Medewerker, overdracht: Casusoverdracht, datum: date
) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.GEMEENTEOVERDRACHT,
        door,
        "overdracht_aanvaard",
        datum=datum,
        gemeente=overdracht.naar_gemeente.naam,
    )


def overdracht_geweigerd(
    casus: Casus, *, door: Medewerker, overdracht: Casusoverdracht, reden: str, datum: date
) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.GEMEENTEOVERDRACHT,
        door,
        "overdracht_geweigerd",
        toelichting=reden,
        datum=datum,
        gemeente=overdracht.naar_gemeente.naam,
    )


# a published agenda (issue 15)

BERICHTEN["agenda_gepubliceerd"] = Bericht(
    gettext_noop(
        "On the published agenda: %(overleg)s of %(datum)s. Its members see the summary, "
        "the plan and the question until the outcome is recorded."
    ),
    _overleg,
)


def agenda_gepubliceerd(casus: Casus, *, door: Medewerker, overleg: Overleg) -> CasusGebeurtenis:
    """The case is on the meeting's published agenda: from now its members see it."""
    return _schrijf(
        casus,
        Soort.AGENDA,
        door,
        "agenda_gepubliceerd",
        datum=localdate(overleg.agenda_gepubliceerd_op)
        if overleg.agenda_gepubliceerd_op is not None
        else None,
        overleg=overleg.soort,
        dag=overleg.datum.isoformat(),
        overleg_id=overleg.pk,
    )


# participation on grounds and escalation to a body (docs/samenwerken.md)

# the bodies a case is escalated to (kern.aanpak.Fase.escalatie), as a sentence names them
ORGANEN: dict[str, str] = {
    "teammanagers": gettext_noop("the team managers"),
    "interventieteam": gettext_noop("the Intervention team VO"),
    "doorbraakoverleg": gettext_noop("the Doorbraakoverleg"),
}


def orgaan_naam(code: str) -> str:
    """The body of an escalation code in the reader's language; the code when unknown."""
    return _(ORGANEN[code]) if code in ORGANEN else code


def _escalatie(g: Gegevens) -> dict[str, Any]:
    agenda = ""
    if g.get("overleg"):
        agenda = _("Proposed for the %(overleg)s of %(datum)s.") % {
            "overleg": _label(Overlegsoort, g["overleg"]),
            "datum": _dag(g["overlegdag"]),
        }
    return {
        "orgaan": orgaan_naam(g["orgaan"]),
        "datum": _dag(g["dag"]),
        "leden": ", ".join(g["leden"]) or "-",
        "agenda": agenda,
    }


BERICHTEN.update(
    {
        "deelnemer_via_actie": Bericht(
            gettext_noop("%(deelnemer)s takes part through an assigned action: %(wat)s"),
            lambda g: {"deelnemer": g["deelnemer"], "wat": g["wat"]},
        ),
        "deelname_beeindigd": Bericht(
            gettext_noop("%(deelnemer)s no longer takes part: %(reden)s"),
            lambda g: {"deelnemer": g["deelnemer"] or _label(Deelnemer.Soort, g["soort"])},
            toelichting_in="reden",
        ),
        "escalatie": Bericht(
            gettext_noop(
                "Escalated to %(orgaan)s on %(datum)s. Members taking part: %(leden)s. %(agenda)s"
            ),
            _escalatie,
        ),
        "escalatie_beeindigd": Bericht(
            gettext_noop("The escalation to %(orgaan)s has ended: %(reden)s"),
            lambda g: {"orgaan": orgaan_naam(g["orgaan"])},
            toelichting_in="reden",
        ),
    }
)


def deelnemer_via_actie(
    casus: Casus, *, door: Medewerker, deelnemer: Deelnemer, actie: Actie
) -> CasusGebeurtenis:
    """A professional takes part because an action was assigned to them (grond "actie")."""
    return _schrijf(
        casus,
        Soort.DEELNEMER_TOEGEVOEGD,
        door,
        "deelnemer_via_actie",
        deelnemer=str(deelnemer),
        soort=deelnemer.soort,
        wat=actie.wat,
    )


def deelname_beeindigd(
    casus: Casus, *, door: Medewerker | None, deelnemer: Deelnemer, reden: str
) -> CasusGebeurtenis:
    """A participation ended: from now on the participant no longer sees the case by it."""
    genoemd = deelnemer.medewerker_id or deelnemer.naam or deelnemer.ouder_id
    return _schrijf(
        casus,
        Soort.DEELNAME_BEEINDIGD,
        door,
        "deelname_beeindigd",
        toelichting=reden,
        deelnemer=str(deelnemer) if genoemd else "",
        soort=deelnemer.soort,
    )


def escalatie(
    casus: Casus,
    *,
    door: Medewerker,
    orgaan: str,
    datum: date,
    leden: Iterable[Medewerker],
    overleg: Overleg | None,
) -> CasusGebeurtenis:
    """The case was escalated to the body `orgaan` (its code) on `datum`: its members who take
    part, and the meeting it is proposed for."""
    extra: dict[str, Any] = {}
    if overleg is not None:
        extra = {"overleg": overleg.soort, "overlegdag": overleg.datum.isoformat()}
    return _schrijf(
        casus,
        Soort.ESCALATIE,
        door,
        "escalatie",
        datum=datum,
        orgaan=orgaan,
        dag=datum.isoformat(),
        leden=sorted(str(m) for m in leden),
        **extra,
    )


def escalatie_beeindigd(
    casus: Casus, *, door: Medewerker | None, orgaan: str, reden: str, datum: date
) -> CasusGebeurtenis:
    """The body `orgaan` no longer holds the case; its members' participation ended."""
    return _schrijf(
        casus,
        Soort.ESCALATIE_BEEINDIGD,
        door,
        "escalatie_beeindigd",
        toelichting=reden,
        datum=datum,
        orgaan=orgaan,
    )


# signals attached to the case (docs/samenwerken.md, "Signalen en casussen"): the kind and the
# date of each signal, as the case page names the signal it was opened from


def _signalen(g: Gegevens) -> dict[str, Any]:
    from binnenboord.signalering.models import Soort as Signaalsoort

    return {
        "signalen": ", ".join(
            f"{_label(Signaalsoort, s['soort'])} ({_dag(s['datum'])})" for s in g["signalen"]
        )
    }


BERICHTEN.update(
    {
        "signaal_gekoppeld": Bericht(gettext_noop("Signal attached: %(signalen)s."), _signalen),
        "signalen_gesloten_bij_opening": Bericht(
            gettext_noop("Open signals of the pupil handled with the opening: %(signalen)s."),
            _signalen,
        ),
    }
)


def _signaalfeiten(signalen: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"id": s.pk, "soort": s.soort, "datum": s.datum.isoformat()} for s in signalen]


def signaal_gekoppeld(casus: Casus, *, door: Medewerker, signaal: Any) -> CasusGebeurtenis:
    """A person attached an open signal of the pupil to the open case."""
    return _schrijf(
        casus,
        Soort.SIGNAAL_GEKOPPELD,
        door,
        "signaal_gekoppeld",
        datum=signaal.datum,
        signalen=_signaalfeiten([signaal]),
    )


def signalen_gesloten_bij_opening(
    casus: Casus, *, door: Medewerker, signalen: Iterable[Any]
) -> CasusGebeurtenis:
    """Opening the case handled the pupil's other open signals (one row for all)."""
    return _schrijf(
        casus,
        Soort.SIGNAAL_GEKOPPELD,
        door,
        "signalen_gesloten_bij_opening",
        signalen=_signaalfeiten(signalen),
    )


# MAZL referrals (regie.services.mazl; docs/samenwerken.md, "MAZL"): the case shows that the
# school referred the pupil and when the advice came back, never the reason or the medical notes

BERICHTEN.update(
    {
        "mazl_verwezen": Bericht(
            gettext_noop("The school referred the pupil to the youth doctor (MAZL).")
        ),
        "mazl_verwijzing_advies": Bericht(
            gettext_noop(
                "The youth doctor sent the MAZL advice to the school (consult on %(consult)s)."
            ),
            lambda g: {"consult": _dag(g["consult"])},
        ),
    }
)


def mazl_verwezen(casus: Casus, *, door: Medewerker, datum: date) -> CasusGebeurtenis:
    """The school referred the pupil of this open case to the youth doctor (a Mazlverwijzing)."""
    return _schrijf(casus, Soort.MAZL, door, "mazl_verwezen", datum=datum)


def mazl_verwijzing_advies(
    casus: Casus, *, door: Medewerker, datum: date, stap: str = ""
) -> CasusGebeurtenis:
    """The youth doctor sent the advice of the referral after the consult on `datum`; `stap`
    when it completes the model's step "mazl"."""
    return _schrijf(
        casus,
        Soort.STAP_GEDAAN if stap else Soort.MAZL,
        door,
        "mazl_verwijzing_advies",
        stap=stap,
        datum=datum,
        consult=datum.isoformat(),
    )


# Relatie: the parents and the pupil in the portal (docs/relatie.md). A row names the person
# and whether they are a parent or the pupil; what they wrote stays on its own row (Verhaal,
# Planreactie, ...) and a reason to end or withhold access stays on the access (it may tell of
# a Veilig Thuis situation, and every viewer of the case reads the timeline).

WIE: dict[str, str] = {"ouder": gettext_noop("parent"), "leerling": gettext_noop("pupil")}


def _persoon(g: Gegevens) -> dict[str, Any]:
    return {"naam": g["naam"], "wie": _(WIE[g["wie"]]) if g.get("wie") in WIE else g.get("wie")}


def _via(g: Gegevens) -> dict[str, Any]:
    from .models import Portaaltoegang

    return {**_persoon(g), "via": _label(Portaaltoegang.Via, g["via"])}


def _overleg_persoon(g: Gegevens) -> dict[str, Any]:
    return {**_persoon(g), **_overleg(g)}


def _antwoord(g: Gegevens) -> dict[str, Any]:
    from .models import Overleguitnodiging

    return {**_overleg_persoon(g), "antwoord": _label(Overleguitnodiging.Antwoord, g["antwoord"])}


def _planreactie(g: Gegevens) -> dict[str, Any]:
    return {**_persoon(g), "versie": g["versie"]}


def _correctie(g: Gegevens) -> dict[str, Any]:
    from .models import Correctieverzoek

    return {**_persoon(g), "uitkomst": _label(Correctieverzoek.Uitkomst, g.get("uitkomst", ""))}


BERICHTEN.update(
    {
        "portaal_uitgenodigd": Bericht(
            gettext_noop("%(naam)s (%(wie)s) invited to the portal: %(via)s."), _via
        ),
        "portaal_nieuwe_code": Bericht(
            gettext_noop("New invitation code for %(naam)s (%(wie)s): %(via)s."), _via
        ),
        "portaal_aanvaard": Bericht(
            gettext_noop("%(naam)s (%(wie)s) accepted the invitation to the portal."), _persoon
        ),
        "portaal_beeindigd": Bericht(
            gettext_noop(
                "The portal access of %(naam)s (%(wie)s) has been ended. The reason is "
                "recorded with the access."
            ),
            _persoon,
        ),
        "portaal_ontzegd": Bericht(
            gettext_noop(
                "Portal access withheld from %(naam)s (%(wie)s). The reason is recorded with "
                "the access."
            ),
            _persoon,
        ),
        "portaal_ontzegging_opgeheven": Bericht(
            gettext_noop(
                "The withholding of portal access from %(naam)s (%(wie)s) has been lifted. The "
                "reason is recorded with the access."
            ),
            _persoon,
        ),
        "toestemming_gegeven": Bericht(
            gettext_noop("The pupil gave consent: %(naam)s (%(wie)s) sees the case in the portal."),
            _persoon,
        ),
        "toestemming_ingetrokken": Bericht(
            gettext_noop(
                "The pupil withdrew consent: %(naam)s (%(wie)s) no longer sees the case in the "
                "portal."
            ),
            _persoon,
        ),
        "verhaal_portaal": Bericht(
            gettext_noop("%(naam)s (%(wie)s) wrote their own story in the portal."), _persoon
        ),
        "verhaal_namens": Bericht(
            gettext_noop(
                "Own story of %(naam)s (%(wie)s), noted by a professional on their behalf."
            ),
            _persoon,
        ),
        "plan_eens": Bericht(
            gettext_noop("%(naam)s (%(wie)s) agrees with version %(versie)d of the plan."),
            _planreactie,
        ),
        "plan_niet_eens": Bericht(
            gettext_noop(
                "%(naam)s (%(wie)s) does not agree with version %(versie)d of the plan, because: "
                "%(toelichting)s"
            ),
            _planreactie,
            toelichting_in="toelichting",
        ),
        "overleg_uitgenodigd": Bericht(
            gettext_noop("%(naam)s (%(wie)s) invited to the %(overleg)s of %(datum)s."),
            _overleg_persoon,
        ),
        "overleg_beantwoord": Bericht(
            gettext_noop(
                "%(naam)s (%(wie)s) replied to the invitation to the %(overleg)s of %(datum)s: "
                "%(antwoord)s."
            ),
            _antwoord,
        ),
        "correctie_gevraagd": Bericht(
            gettext_noop("%(naam)s (%(wie)s) asked to correct what is registered."), _persoon
        ),
        "correctie_afgehandeld": Bericht(
            gettext_noop("The correction request of %(naam)s (%(wie)s) was handled: %(uitkomst)s."),
            _correctie,
        ),
    }
)


def _wie_gegevens(toegang: Any) -> dict[str, Any]:
    return {"naam": toegang.persoon, "wie": "leerling" if toegang.ouder is None else "ouder"}


def portaal_uitgenodigd(
    casus: Casus, *, door: Medewerker, toegang: Any, nieuwe_code: bool = False
) -> CasusGebeurtenis:
    """A parent or the pupil invited to the portal (or given a new code), by letter or e-mail."""
    return _schrijf(
        casus,
        Soort.PORTAAL_UITGENODIGD,
        door,
        "portaal_nieuwe_code" if nieuwe_code else "portaal_uitgenodigd",
        datum=localdate(),
        via=toegang.via,
        **_wie_gegevens(toegang),
    )


def portaal_aanvaard(casus: Casus, *, toegang: Any) -> CasusGebeurtenis:
    """The invitation accepted in the portal (by the person, so no staff member)."""
    return _schrijf(
        casus,
        Soort.PORTAAL_AANVAARD,
        None,
        "portaal_aanvaard",
        datum=localdate(),
        **_wie_gegevens(toegang),
    )


def portaal_beeindigd(
    casus: Casus, *, door: Medewerker, toegang: Any, opgeheven: bool = False
) -> CasusGebeurtenis:
    """The access (or invitation) ended; `opgeheven`: it was a withholding that is lifted."""
    return _schrijf(
        casus,
        Soort.PORTAAL_BEEINDIGD,
        door,
        "portaal_ontzegging_opgeheven" if opgeheven else "portaal_beeindigd",
        datum=localdate(),
        **_wie_gegevens(toegang),
    )


def portaal_ontzegd(casus: Casus, *, door: Medewerker, toegang: Any) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.PORTAAL_ONTZEGD,
        door,
        "portaal_ontzegd",
        datum=localdate(),
        **_wie_gegevens(toegang),
    )


def toestemming(casus: Casus, *, ouder_toegang: Any, ja: bool) -> CasusGebeurtenis:
    """The pupil gave (`ja`) or withdrew consent for a parent's access."""
    return _schrijf(
        casus,
        Soort.TOESTEMMING,
        None,
        "toestemming_gegeven" if ja else "toestemming_ingetrokken",
        datum=localdate(),
        **_wie_gegevens(ouder_toegang),
    )


def verhaal(casus: Casus, *, door: Medewerker | None, naam: str, wie: str) -> CasusGebeurtenis:
    """A new version of someone's own story: written in the portal (`door` None) or noted by
    a professional on their behalf."""
    return _schrijf(
        casus,
        Soort.VERHAAL,
        door,
        "verhaal_portaal" if door is None else "verhaal_namens",
        datum=localdate(),
        naam=naam,
        wie=wie,
    )


def planreactie(
    casus: Casus,
    *,
    door: Medewerker | None,
    naam: str,
    wie: str,
    versie: int,
    eens: bool,
    toelichting: str,
) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.PLANREACTIE,
        door,
        "plan_eens" if eens else "plan_niet_eens",
        toelichting="" if eens else toelichting,
        datum=localdate(),
        naam=naam,
        wie=wie,
        versie=versie,
    )


def overleg_uitgenodigd(
    casus: Casus, *, door: Medewerker, toegang: Any, overleg: Overleg
) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.OVERLEGUITNODIGING,
        door,
        "overleg_uitgenodigd",
        datum=localdate(),
        overleg=overleg.soort,
        dag=overleg.datum.isoformat(),
        **_wie_gegevens(toegang),
    )


def overleg_beantwoord(
    casus: Casus, *, toegang: Any, overleg: Overleg, antwoord: str
) -> CasusGebeurtenis:
    """The reply in the portal; a message passed on stays on the invitation."""
    return _schrijf(
        casus,
        Soort.OVERLEGANTWOORD,
        None,
        "overleg_beantwoord",
        datum=localdate(),
        overleg=overleg.soort,
        dag=overleg.datum.isoformat(),
        antwoord=antwoord,
        **_wie_gegevens(toegang),
    )


def correctie_gevraagd(casus: Casus, *, toegang: Any) -> CasusGebeurtenis:
    """A correction request from the portal; what it is about stays on the request (only the
    regisseur and Leerplicht read it)."""
    return _schrijf(
        casus,
        Soort.CORRECTIEVERZOEK,
        None,
        "correctie_gevraagd",
        datum=localdate(),
        **_wie_gegevens(toegang),
    )


def correctie_afgehandeld(
    casus: Casus, *, door: Medewerker, toegang: Any, uitkomst: str
) -> CasusGebeurtenis:
    return _schrijf(
        casus,
        Soort.CORRECTIEVERZOEK,
        door,
        "correctie_afgehandeld",
        datum=localdate(),
        uitkomst=uitkomst,
        **_wie_gegevens(toegang),
    )
