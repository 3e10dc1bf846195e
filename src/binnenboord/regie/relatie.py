# SPDX-License-Identifier: EUPL-1.2
"""Who in the portal may see which case today (docs/relatie.md, "Wie komt erin"). Decided at
every request from the stored rows and today's facts, never stored:

- the access is active (invitation accepted, not ended or withheld);
- the case is open, or closed less than PORTAAL_NA_AFSLUITING_DAGEN days ago;
- the pupil's own access: the pupil is at least PORTAAL_LEEFTIJD_LEERLING;
- a parent's access: the parent has gezag today (Ouder.gezag, from the register); and when
  the pupil is PORTAAL_LEEFTIJD_TOESTEMMING or older, the pupil has given consent.

`reden_geen_toegang` says in plain Dutch why not; the portal shows it and the regisseur sees
it on the case page."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from binnenboord.kern.monitoring import leeftijd

from .models import Casus, Portaaltoegang

if TYPE_CHECKING:
    from binnenboord.toegang.models import Portaalgebruiker


def leeftijd_leerling() -> int:
    return int(settings.PORTAAL_LEEFTIJD_LEERLING)


def leeftijd_toestemming() -> int:
    return int(settings.PORTAAL_LEEFTIJD_TOESTEMMING)


def casus_leesbaar(casus: Casus, vandaag: date) -> bool:
    """Open, or closed recently enough for the family to read their letters and answer the
    closing questionnaire."""
    if casus.is_open:
        return True
    if casus.passend_aanbod_op is None:
        return False
    gesloten = casus.gebeurtenissen.filter(soort="gesloten").order_by("-wanneer").first()
    einde = (
        timezone.localdate(gesloten.wanneer) if gesloten is not None else casus.passend_aanbod_op
    )
    return vandaag <= einde + timedelta(days=int(settings.PORTAAL_NA_AFSLUITING_DAGEN))


def reden_geen_toegang(toegang: Portaaltoegang, vandaag: date | None = None) -> str:
    """Empty when the access gives access today; else why not, in plain Dutch."""
    vandaag = vandaag or timezone.localdate()
    if toegang.status == Portaaltoegang.Status.ONTZEGD:
        return "De toegang is niet gegeven door de regisseur."
    if toegang.status == Portaaltoegang.Status.BEEINDIGD:
        return "De toegang is beëindigd door de regisseur."
    if toegang.status != Portaaltoegang.Status.ACTIEF:
        return "De uitnodiging is nog niet aanvaard."
    if toegang.gebruiker is not None and not toegang.gebruiker.is_actief:
        return "Dit account is uitgezet."
    casus = toegang.casus
    if not casus_leesbaar(casus, vandaag):
        return "Deze casus is gesloten."
    jaren = leeftijd(casus.leerling.geboortedatum, vandaag)
    if toegang.ouder_id is None:
        if jaren < leeftijd_leerling():
            return f"Een leerling krijgt een eigen account vanaf {leeftijd_leerling()} jaar."
        return ""
    ouder = toegang.ouder
    assert ouder is not None
    if not ouder.gezag:
        return "Alleen een ouder met gezag krijgt toegang."
    if jaren >= leeftijd_toestemming() and toegang.toestemming_leerling_op is None:
        return (
            f"Vanaf {leeftijd_toestemming()} jaar ziet een ouder de casus alleen als de "
            "leerling daar toestemming voor geeft."
        )
    return ""


def toegang_geldig(toegang: Portaaltoegang, vandaag: date | None = None) -> bool:
    return reden_geen_toegang(toegang, vandaag) == ""


def toegangen_van(gebruiker: Portaalgebruiker) -> QuerySet[Portaaltoegang]:
    """All the user's accesses, valid or not (the portal's start page says why not)."""
    return (
        Portaaltoegang.objects.filter(gebruiker=gebruiker)
        .select_related("casus__leerling", "casus__regisseur__organisatie", "ouder", "gebruiker")
        .order_by("-casus__start", "pk")
    )


def geldige_toegangen(
    gebruiker: Portaalgebruiker, vandaag: date | None = None
) -> list[Portaaltoegang]:
    """The accesses that give access today: the only way the portal reaches a case."""
    vandaag = vandaag or timezone.localdate()
    if not gebruiker.is_actief:
        return []
    return [t for t in toegangen_van(gebruiker) if toegang_geldig(t, vandaag)]


def geldige_toegang(
    gebruiker: Portaalgebruiker, pk: int | str, vandaag: date | None = None
) -> Portaaltoegang | None:
    """The user's access `pk` when it gives access today, else None (the portal answers 404:
    an id of another child is indistinguishable from one that does not exist)."""
    try:
        nummer = int(pk)
    except (TypeError, ValueError):
        return None
    for toegang in geldige_toegangen(gebruiker, vandaag):
        if toegang.pk == nummer:
            return toegang
    return None


def uit_te_nodigen(casus: Casus, vandaag: date | None = None) -> Iterable[tuple[str, str]]:
    """Who the regisseur can invite from this case, as (key, label): "leerling" for the
    pupil when old enough, "ouder:<pk>" for each parent with gezag. A parent whose access is
    withheld, or who already has an invitation or access, is not offered."""
    vandaag = vandaag or timezone.localdate()
    lopend = Portaaltoegang.objects.filter(casus=casus, status__in=Portaaltoegang.LOPEND)
    bezet_ouders = set(lopend.filter(ouder__isnull=False).values_list("ouder_id", flat=True))
    leerling_bezet = lopend.filter(ouder__isnull=True).exists()
    keuzes: list[tuple[str, str]] = []
    for ouder in casus.leerling.ouders.all():
        if ouder.gezag and ouder.pk not in bezet_ouders:
            keuzes.append((f"ouder:{ouder.pk}", f"{ouder} ({ouder.get_relatie_display()})"))
    if (
        not leerling_bezet
        and leeftijd(casus.leerling.geboortedatum, vandaag) >= leeftijd_leerling()
    ):
        keuzes.append(("leerling", f"{casus.leerling.naam} (leerling)"))
    return keuzes


# "Werkt dit?": the short questionnaire after the UVO and at closing (docs/relatie.md), for a
# parent and for the pupil alike: statements in plain words, each answered on a scale of 1 (not
# at all) to 5 (completely), plus an open answer. The codes are stored in
# Terugkoppeling.antwoorden and counted in the figures; a question's code never changes (add a
# new code for a new question).
VRAGEN: dict[str, Any] = {
    "gehoord": gettext_lazy("People listened to me."),
    "begrijpelijk": gettext_lazy("I understand what was agreed."),
    "meebeslissen": gettext_lazy("I could help decide."),
    "passend": gettext_lazy("The help fits what we need."),
    "beter": gettext_lazy("Things are going better with school."),
}
