# SPDX-License-Identifier: EUPL-1.2
"""The sentence of a notification, made when it is read (in the reader's language) or mailed
(in the default language), from its `soort` and `gegevens`. It never names a pupil: the values
are numbers, codes and dates, and the link leads to where access is checked and logged.

The keys a writer may put in `gegevens` (all optional; a sentence uses those present):

- ``casus``: the case number; ``overleg``: the meeting's number; ``melding``: the melding's
  number; ``verwijzing``: a M@ZL referral's number;
- ``datum`` (or ``uiterlijk``, an action's due date): a date as ``YYYY-MM-DD`` (a meeting's
  day, the day a deadline passed);
- ``orgaan``: the escalation body's code; ``soort``, ``aantal``: a meeting's kind and number of
  cases; ``verwezen_op``, ``consult_op``: dates of a M@ZL referral (kept, not in the sentence);
- ``melding_soort``: the melding's kind (``verzuimmelding``, ``thuiszitter``, ...);
- ``termijn`` and ``wat`` (termijn_verlopen): the kind of deadline record (``fase``,
  ``escalatie``, ``stap_te_laat``, ``actie_te_laat``) and the name of the phase, step or
  escalation as the escalation model names it (configuration text, never free text a person
  typed: a plan action's text may name the child, so an overdue action has no ``wat``);
- ``wie`` (the portal kinds): ``ouder`` or ``leerling``, who did it in the portal; ``reactie``
  (portaal_reactie): what they did (``aanvaard``, ``verhaal``, ``plan_eens``, ``plan_oneens``,
  ``overleg_komt``, ``overleg_kan_niet``, ``overleg_meegeven``); ``toegang``, ``verzoek``,
  ``versie``: numbers of the access, the correction request and the plan version;
- ``export``, ``formaat`` and ``gelukt`` (export_klaar): the number of a figures export, its
  format (``pdf``, ``xlsx``) and whether it was made."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _


def _datum(waarde: Any) -> str:
    if not waarde:
        return ""
    try:
        return f"{date.fromisoformat(str(waarde)):%d-%m-%Y}"
    except ValueError:
        return ""


def zin(soort: str, gegevens: Mapping[str, Any]) -> str:
    """One sentence saying what happened, in the active language."""
    g = {
        "casus": gegevens.get("casus") or "",
        "overleg": gegevens.get("overleg") or "",
        "melding": gegevens.get("melding") or "",
        "verwijzing": gegevens.get("verwijzing") or "",
        "datum": _datum(gegevens.get("datum") or gegevens.get("uiterlijk") or ""),
        "wat": str(gegevens.get("wat") or ""),
    }
    casus, datum = g["casus"], g["datum"]
    if soort == "actie_toegewezen":
        if casus and datum:
            return _("An action in case %(casus)s was assigned to you, due %(datum)s.") % g
        if casus:
            return _("An action in case %(casus)s was assigned to you.") % g
        return _("An action was assigned to you.")
    if soort == "deelnemer_toegevoegd":
        if casus:
            return _("You were added to case %(casus)s.") % g
        return _("You were added to a case.")
    if soort == "escalatie":
        if casus:
            return _("Case %(casus)s was escalated to a body you are a member of.") % g
        return _("A case was escalated to a body you are a member of.")
    if soort == "agenda_gepubliceerd":
        if datum:
            return _("The agenda of the meeting of %(datum)s was published.") % g
        return _("The agenda of a meeting was published.")
    if soort == "melding_ontvangen":
        if gegevens.get("melding_soort") == "verzuimmelding":
            return _("An absence report (number %(melding)s) was received.") % g
        return _("A stay-at-home report (number %(melding)s) was received.") % g
    if soort == "verhuismelding":
        return _(
            "A move was reported of a pupil living in your municipality; it waits for your "
            "confirmation."
        )
    if soort == "termijn_verlopen":
        return _termijn(str(gegevens.get("termijn") or ""), g)
    if soort == "mazl_verwijzing":
        return _("A pupil was referred to you for a MAZL consultation.")
    if soort == "mazl_advies":
        if casus:
            return _("The youth doctor sent back a MAZL advice in case %(casus)s.") % g
        return _("The youth doctor sent back a MAZL advice.")
    if soort in PORTAAL:
        return _portaal(soort, gegevens, g)
    if soort == "export_klaar":
        return _export(gegevens)
    return _("Something happened that concerns you.")


def _export(gegevens: Mapping[str, Any]) -> str:
    formaat = {"pdf": "PDF", "xlsx": "Excel"}.get(str(gegevens.get("formaat") or ""), "")
    gelukt = gegevens.get("gelukt") is not False
    if not formaat:
        if gelukt:
            return _("Your export of the figures is ready to download.")
        return _("Your export of the figures could not be made.")
    if gelukt:
        return _("Your export of the figures (%(formaat)s) is ready to download.") % {
            "formaat": formaat
        }
    return _("Your export of the figures (%(formaat)s) could not be made.") % {"formaat": formaat}


def _termijn(termijn: str, g: Mapping[str, Any]) -> str:
    if termijn == "fase":
        return _("Case %(casus)s entered a new phase: %(wat)s (from %(datum)s).") % g
    if termijn == "escalatie":
        return _("Case %(casus)s: escalation due: %(wat)s (since %(datum)s).") % g
    if termijn == "stap_te_laat":
        return _("Case %(casus)s: step overdue: %(wat)s (was due %(datum)s).") % g
    if termijn == "actie_te_laat":
        return _("Case %(casus)s: an action is overdue (was due %(datum)s).") % g
    return _("Case %(casus)s: a deadline needs your attention.") % g


# the parents and the pupil in the portal (regie.services.relatie)
PORTAAL = ("portaal_bericht", "portaal_reactie", "correctieverzoek")


def _portaal(soort: str, gegevens: Mapping[str, Any], g: Mapping[str, Any]) -> str:
    wie = gegevens.get("wie")
    if wie == "ouder":
        g = {**g, "wie": _("A parent")}
    elif wie == "leerling":
        g = {**g, "wie": _("The pupil")}
    else:
        g = {**g, "wie": _("A parent or the pupil")}
    if not g["casus"]:
        if soort == "portaal_bericht":
            return _("%(wie)s sent a message.") % g
        if soort == "correctieverzoek":
            return _("%(wie)s asks for a correction of what is registered.") % g
        return _("%(wie)s responded in the portal.") % g
    if soort == "portaal_bericht":
        return _("%(wie)s sent a message in case %(casus)s.") % g
    if soort == "correctieverzoek":
        return _("%(wie)s asks for a correction of what is registered in case %(casus)s.") % g
    reactie = str(gegevens.get("reactie") or "")
    if reactie == "aanvaard":
        return _("%(wie)s accepted the invitation to the portal in case %(casus)s.") % g
    if reactie == "verhaal":
        return _("%(wie)s wrote their own story in case %(casus)s.") % g
    if reactie == "plan_eens":
        return _("%(wie)s agrees with the plan of case %(casus)s.") % g
    if reactie == "plan_oneens":
        return _("%(wie)s does NOT agree with the plan of case %(casus)s. Read why.") % g
    if reactie == "overleg_komt" and g["datum"]:
        return _("%(wie)s will come to the meeting of %(datum)s (case %(casus)s).") % g
    if reactie == "overleg_kan_niet" and g["datum"]:
        return _("%(wie)s cannot come to the meeting of %(datum)s (case %(casus)s).") % g
    if reactie == "overleg_meegeven" and g["datum"]:
        return _("%(wie)s passed something on for the meeting of %(datum)s (case %(casus)s).") % g
    return _("%(wie)s responded in the portal in case %(casus)s.") % g
