# SPDX-License-Identifier: EUPL-1.2
"""The family's copy of what is registered (AVG art. 15; docs/relatie.md, "AVG-rechten"), and
who looked at the child's file.

`kopie(toegang)` is one plain structure with stable keys: the page shows it, the PDF prints
it, the JSON download is it. It holds what is registered about the child and about the person
themselves, and never: the medical content of youth health care (MedischeInhoud is not read
here at all), the notes of a contact moment marked "alleen professionals", a youth doctor's
advice for the regisseur (`advies_regisseur`), the other parent's data (their row, story,
reactions, messages, letters, invitations), nor the pupil's address when it is shielded
(`Leerling.adres_afgeschermd`) and the reader is a parent.

"Wie keek" reads the access log of the child: when, which organisation, which role, what;
never the staff member's name or the IP address. A portal read is logged by portaal.inzage
(no staff member; the user name `portaal:<id>`, the role "ouder" or "leerling"). The list
shows the professionals' reads (`inzagen_professionals`); the family's own reads in the
portal are one summary line (`inzagen_gezin`), so they do not bury the others."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from binnenboord.kern.aanpak import AANPAKKEN
from binnenboord.regie.beoordeling import beoordeel_casus
from binnenboord.regie.models import (
    Actie,
    Bericht,
    Brief,
    Contactmoment,
    Correctieverzoek,
    Overleguitnodiging,
    Planreactie,
    PlanVanAanpak,
    Portaaltoegang,
    Terugkoppeling,
    Verhaal,
)
from binnenboord.registratie.models import Inschrijving, Leerling, Ouder, Verzuim
from binnenboord.signalering.models import Signaal
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage

from .inzage import ROL_LEERLING, ROL_OUDER

# the user name of a portal read in the access log (portaal.inzage): "portaal:<user pk>"
PORTAAL = "portaal:"


# --- who looked -----------------------------------------------------------------------------


HANDELINGEN: dict[str, Callable[[], str]] = {
    Inzage.Handeling.BEKIJKEN: lambda: _("looked at it"),
    Inzage.Handeling.ZOEKEN: lambda: _("found it in a list or search"),
    Inzage.Handeling.AANMAKEN: lambda: _("added something"),
    Inzage.Handeling.WIJZIGEN: lambda: _("changed something"),
    Inzage.Handeling.VERWIJDEREN: lambda: _("removed something"),
    Inzage.Handeling.EXPORTEREN: lambda: _("downloaded it"),
    Inzage.Handeling.AFDRUKKEN: lambda: _("printed it"),
}


def inzagen(toegang: Portaaltoegang) -> QuerySet[Inzage]:
    """The access-log entries of the child, newest first."""
    return Inzage.objects.filter(leerling_id=toegang.casus.leerling_id).order_by("-tijdstip", "-pk")


def _uit_het_portaal() -> Q:
    return Q(medewerker__isnull=True, gebruikersnaam__startswith=PORTAAL)


def inzagen_professionals(toegang: Portaaltoegang) -> QuerySet[Inzage]:
    """The list of "wie keek": the child's access-log entries that are not the family's own
    reads in the portal, newest first."""
    return inzagen(toegang).exclude(_uit_het_portaal())


def inzagen_gezin(toegang: Portaaltoegang) -> dict[str, Any]:
    """The reader's own reads in the portal, folded into one line: how many, and the last.
    Only their own: the other family members' reads are not counted, so a parent cannot
    follow when the pupil (or the other parent) uses the portal."""
    rijen = inzagen(toegang).filter(
        _uit_het_portaal(), gebruikersnaam=f"{PORTAAL}{toegang.gebruiker_id}"
    )
    laatste = rijen.values_list("tijdstip", flat=True).first()
    return {
        "aantal": rijen.count(),
        "laatst": timezone.localtime(laatste) if laatste is not None else None,
    }


def _was_erbij(contact: Contactmoment, toegang: Portaaltoegang) -> bool:
    """Whether the reader's side took part in the contact (Contactmoment.met)."""
    kant = Contactmoment.Met.LEERLING if toegang.is_leerling else Contactmoment.Met.OUDERS
    return kant in (contact.met or [])


def als_regel(inzage: Inzage, toegang: Portaaltoegang) -> dict[str, Any]:
    """One line of "wie keek": when, who (organisation and role, or the portal), what. Never
    the staff member's name or the IP address."""
    eigen = f"{PORTAAL}{toegang.gebruiker_id}"
    if inzage.medewerker_id is None and inzage.gebruikersnaam.startswith(PORTAAL):
        if inzage.gebruikersnaam == eigen:
            wie = _("you")
        elif inzage.rol == ROL_LEERLING:
            wie = _("the pupil")
        else:
            wie = _("a parent")
        organisatie, rol = _("Portal"), wie
    else:
        organisatie = inzage.organisatie or _("unknown")
        rol = str(Rol(inzage.rol).label) if inzage.rol in Rol.values else _("unknown")
    wat = HANDELINGEN.get(inzage.handeling)
    return {
        "tijdstip": timezone.localtime(inzage.tijdstip),
        "organisatie": organisatie,
        "rol": rol,
        "wat": wat() if wat is not None else inzage.handeling,
    }


# --- the copy -------------------------------------------------------------------------------


def _dag(waarde: date | datetime | None) -> str | None:
    if waarde is None:
        return None
    if isinstance(waarde, datetime):
        return timezone.localtime(waarde).isoformat(timespec="seconds")
    return waarde.isoformat()


def _adres(persoon: Leerling | Ouder) -> dict[str, str]:
    return {
        "straat": persoon.straat,
        "huisnummer": persoon.huisnummer,
        "postcode": persoon.postcode,
        "woonplaats": persoon.woonplaats,
    }


def eigen_toegangen(toegang: Portaaltoegang) -> QuerySet[Portaaltoegang]:
    """This person's accesses to this case (as this parent, or as the pupil), earlier ended
    ones included, as portaal.selectors reads their own words: their own messages, requests
    and questionnaires hang on them."""
    persoon = Q(ouder__isnull=True) if toegang.ouder is None else Q(ouder=toegang.ouder)
    return Portaaltoegang.objects.filter(persoon, casus_id=toegang.casus_id).order_by("pk")


def _van_mij(toegang: Portaaltoegang) -> Q:
    """Rows of Verhaal / Planreactie written by this person: in the portal through one of their
    accesses to this case, or noted by staff on their behalf."""
    eigen = eigen_toegangen(toegang)
    if toegang.ouder is not None:
        namens = Q(door__isnull=False, namens_ouder=toegang.ouder)
    else:
        namens = Q(door__isnull=False, namens_ouder__isnull=True)
    return Q(toegang__in=eigen) | namens


def _wie_actie(actie: Actie, toegang: Portaaltoegang) -> str:
    if actie.leerling_zelf:
        return _("the pupil")
    if actie.ouder_id is not None:
        return str(actie.ouder) if actie.ouder_id == toegang.ouder_id else _("a parent")
    if actie.wie is not None:
        return actie.wie.get_full_name() or actie.wie_naam or actie.wie.username
    return actie.wie_naam


def _verzuim_per_maand(leerling: Leerling) -> list[dict[str, Any]]:
    rijen = (
        Verzuim.objects.filter(leerling=leerling)
        .annotate(maand=TruncMonth("datum"))
        .values("maand")
        .annotate(
            ongeoorloofd=Sum("minuten_ongeoorloofd"),
            luxe=Sum("minuten_luxe"),
            te_laat=Sum("minuten_te_laat"),
            ziek=Sum("minuten_ziek"),
            geoorloofd=Sum("minuten_geoorloofd"),
        )
        .order_by("maand")
    )
    return [
        {
            "maand": f"{rij['maand']:%Y-%m}",
            "minuten_ongeoorloofd": rij["ongeoorloofd"] or 0,
            "minuten_luxe": rij["luxe"] or 0,
            "minuten_te_laat": rij["te_laat"] or 0,
            "minuten_ziek": rij["ziek"] or 0,
            "minuten_geoorloofd": rij["geoorloofd"] or 0,
        }
        for rij in rijen
    ]


def _fase(toegang: Portaaltoegang) -> str:
    casus = toegang.casus
    if not casus.is_open:
        return _("closed")
    return str(beoordeel_casus(casus, timezone.localdate()).fase.naam)


def kopie(toegang: Portaaltoegang, nu: datetime | None = None) -> dict[str, Any]:
    """What is registered about the child and about the person of `toegang` (see the module
    docstring for what it leaves out). Keys are stable: the JSON download is this."""
    nu = nu or timezone.now()
    casus = toegang.casus
    leerling = casus.leerling
    is_ouder = toegang.ouder_id is not None
    # a parent never sees the pupil's address when it is shielded, nor when another parent's
    # address is: the pupil may live there (as regie.services.justitie.briefadres)
    andere_afgeschermd = leerling.ouders.filter(adres_afgeschermd=True)
    if toegang.ouder_id is not None:
        andere_afgeschermd = andere_afgeschermd.exclude(pk=toegang.ouder_id)
    adres_zichtbaar = not (is_ouder and (leerling.adres_afgeschermd or andere_afgeschermd.exists()))
    gebruiker = toegang.gebruiker

    ik: dict[str, Any]
    if is_ouder:
        ouder = toegang.ouder
        assert ouder is not None
        ik = {
            "soort": ROL_OUDER,
            "naam": str(ouder),
            "voornamen": ouder.voornamen,
            "tussenvoegsel": ouder.tussenvoegsel,
            "achternaam": ouder.achternaam,
            "relatie": str(ouder.get_relatie_display()),
            "gezag": ouder.gezag,
            "telefoon": ouder.telefoon,
            "email": ouder.email,
            "bsn": ouder.bsn,
            "adres": _adres(ouder),
        }
    else:
        ik = {"soort": ROL_LEERLING, "naam": leerling.naam}

    regisseur = casus.regisseur
    plannen = list(PlanVanAanpak.objects.filter(casus=casus).order_by("versie"))
    acties = (
        Actie.objects.filter(casus=casus).select_related("wie", "ouder").order_by("uiterlijk", "pk")
    )
    contacten = Contactmoment.objects.filter(casus=casus).order_by("datum", "pk")
    mijn_toegangen = eigen_toegangen(toegang)
    uitnodigingen = (
        Overleguitnodiging.objects.filter(casus=casus, toegang__in=mijn_toegangen)
        .select_related("overleg")
        .order_by("overleg__datum", "pk")
    )
    if toegang.ouder is not None:
        brieven = Brief.objects.filter(casus=casus, ouder=toegang.ouder)
    else:
        brieven = Brief.objects.filter(casus=casus, aan_leerling=True)
    overleggen = {
        (a.overleg.datum, str(a.overleg.get_soort_display()))
        for a in casus.agendapunten.select_related("overleg")
    } | {(u.overleg.datum, str(u.overleg.get_soort_display())) for u in uitnodigingen}

    return {
        "gemaakt_op": _dag(nu),
        "leerling": {
            "naam": leerling.naam,
            "voornamen": leerling.voornamen,
            "tussenvoegsel": leerling.tussenvoegsel,
            "achternaam": leerling.achternaam,
            "geboortedatum": _dag(leerling.geboortedatum),
            "bsn": leerling.bsn or "",
            "onderwijsnummer": leerling.onderwijsnummer or "",
            "woongemeente": leerling.woongemeente.naam,
            "adres": _adres(leerling) if adres_zichtbaar else None,
            "adres_afgeschermd": leerling.adres_afgeschermd,
        },
        "uzelf": ik,
        "portaalaccount": {
            "naam": gebruiker.naam if gebruiker else "",
            "email": gebruiker.email if gebruiker else "",
            "email_meldingen": gebruiker.email_meldingen if gebruiker else False,
            "met_digid": bool(gebruiker and gebruiker.bsn),
            "laatst_ingelogd_op": _dag(gebruiker.laatst_ingelogd_op) if gebruiker else None,
        },
        "inschrijvingen": [
            {
                "school": i.school.naam,
                "begindatum": _dag(i.begindatum),
                "einddatum": _dag(i.einddatum),
            }
            for i in Inschrijving.objects.filter(leerling=leerling)
            .select_related("school")
            .order_by("begindatum", "pk")
        ],
        "verzuim_per_maand": _verzuim_per_maand(leerling),
        "signalen": [
            {
                "soort": s.soort,
                "omschrijving": str(s.get_soort_display()),
                "begindatum": _dag(s.begindatum),
                "datum": _dag(s.datum),
                "einddatum": _dag(s.einddatum),
            }
            for s in Signaal.objects.filter(leerling=leerling).order_by("datum", "pk")
        ],
        "casus": {
            "start": _dag(casus.start),
            "open": casus.is_open,
            "fase": _fase(toegang),
            "aanpak": AANPAKKEN[casus.aanpak].naam if casus.aanpak in AANPAKKEN else casus.aanpak,
            "regisseur": {
                "naam": regisseur.get_full_name() or regisseur.username,
                "organisatie": str(regisseur.organisatie) if regisseur.organisatie else "",
            },
            "passend_aanbod": str(casus.get_passend_aanbod_display())
            if casus.passend_aanbod
            else "",
            "passend_aanbod_op": _dag(casus.passend_aanbod_op),
        },
        "plannen": [
            {
                "versie": p.versie,
                "gemaakt_op": _dag(p.gemaakt_op),
                "doel": p.doel,
                "afspraken": p.afspraken,
                "visie_ouders": p.visie_ouders,
                "visie_leerling": p.visie_leerling,
            }
            for p in plannen
        ],
        "acties": [
            {
                "wat": a.wat,
                "wie": _wie_actie(a, toegang),
                "uiterlijk": _dag(a.uiterlijk),
                "status": str(a.get_status_display()),
                "gedaan_op": _dag(a.gedaan_op),
            }
            for a in acties
        ],
        "contactmomenten": [
            {
                "datum": _dag(c.datum),
                "soort": str(c.get_soort_display()),
                "met": c.met_labels,
                # the notes only when they are not for professionals only and the reader's
                # side took part (a parent: a talk with the parents; the pupil: a talk with
                # the pupil), so nobody reads a talk another family member had alone; never
                # the advice for the regisseur, never medical content
                "verslag": c.verslag
                if not c.alleen_professionals and _was_erbij(c, toegang)
                else None,
                "alleen_professionals": c.alleen_professionals,
                "niet_bij": not c.alleen_professionals and not _was_erbij(c, toegang),
            }
            for c in contacten
        ],
        "overleggen": [
            {"datum": _dag(datum), "soort": soort} for datum, soort in sorted(overleggen)
        ],
        "uitnodigingen": [
            {
                "datum": _dag(u.overleg.datum),
                "soort": str(u.overleg.get_soort_display()),
                "uitgenodigd_op": _dag(u.uitgenodigd_op),
                "antwoord": str(u.get_antwoord_display()) if u.antwoord else "",
                "antwoord_tekst": u.antwoord_tekst,
                "beantwoord_op": _dag(u.beantwoord_op),
            }
            for u in uitnodigingen
        ],
        "brieven": [
            {"datum": _dag(b.datum), "soort": str(b.get_sjabloon_display()), "aan": b.aan}
            for b in brieven.order_by("datum", "pk")
        ],
        "verhalen": [
            {
                "geschreven_op": _dag(v.geschreven_op),
                "door_professional": v.door_id is not None,
                "wat_speelt": v.wat_speelt,
                "wat_wil_ik": v.wat_wil_ik,
                "wat_heb_ik_nodig": v.wat_heb_ik_nodig,
            }
            for v in Verhaal.objects.filter(Q(casus=casus) & _van_mij(toegang)).order_by(
                "geschreven_op", "pk"
            )
        ],
        "reacties": [
            {
                "plan_versie": r.plan.versie,
                "geschreven_op": _dag(r.geschreven_op),
                "door_professional": r.door_id is not None,
                "eens": r.eens,
                "toelichting": r.toelichting,
            }
            for r in Planreactie.objects.filter(Q(casus=casus) & _van_mij(toegang))
            .select_related("plan")
            .order_by("geschreven_op", "pk")
        ],
        "berichten": [
            {
                "verstuurd_op": _dag(b.verstuurd_op),
                "van": "u" if b.van_portaal else "regisseur",
                "tekst": b.tekst,
                "gelezen_op": _dag(b.gelezen_op),
            }
            for b in Bericht.objects.filter(toegang__in=mijn_toegangen).order_by(
                "verstuurd_op", "pk"
            )
        ],
        "correctieverzoeken": [
            {
                "ingediend_op": _dag(c.ingediend_op),
                "wat": c.wat,
                "toelichting": c.toelichting,
                "uitkomst": str(c.get_uitkomst_display()) if c.uitkomst else "",
                "antwoord": c.antwoord,
                "afgehandeld_op": _dag(c.afgehandeld_op),
            }
            for c in Correctieverzoek.objects.filter(toegang__in=mijn_toegangen).order_by(
                "ingediend_op", "pk"
            )
        ],
        "vragenlijsten": [
            {
                "moment": str(t.get_moment_display()),
                "ingevuld_op": _dag(t.ingevuld_op),
                "antwoorden": dict(t.antwoorden),
                "open_antwoord": t.open_antwoord,
            }
            for t in Terugkoppeling.objects.filter(toegang__in=mijn_toegangen).order_by(
                "ingevuld_op", "pk"
            )
        ],
        "portaaltoegang": [
            {
                "status": str(t.get_status_display()),
                "via": str(t.get_via_display()) if t.via else "",
                "uitgenodigd_op": _dag(t.uitgenodigd_op),
                "aanvaard_op": _dag(t.aanvaard_op),
                "beeindigd_op": _dag(t.beeindigd_op),
                "toestemming_leerling_op": _dag(t.toestemming_leerling_op),
            }
            for t in mijn_toegangen
        ],
    }
