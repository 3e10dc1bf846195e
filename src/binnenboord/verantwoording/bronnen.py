# SPDX-License-Identifier: EUPL-1.2
"""Readable names for the screens and endpoints of the access log (Inzage.bron).

An entry stores the code of the screen that read the data ("regie:formulier:contact",
"web:vandaag"), as the view or endpoint names itself; the pages of the access log show the
name a person reads ("Casus – formulier contactmoment", "Vandaag") through `bronnaam`. A code
without a name here (a screen added later) still reads sensibly: the name of its part of
Binnenboord and the rest of the code in words ("Regie – nieuw scherm"). The test
tests/verantwoording/test_bronnen.py fails for a code used in src/ that has no name here."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

BRONNEN: dict[str, Promise] = {
    "web:vandaag": _("Today"),
    "web:zoek_medewerker": _("Search – staff member"),
    "web:zoek_verwijzing": _("Search – pupil to refer"),
    "web:zoek_casusmedewerker": _("Search – staff member for a case"),
    "web:zoek_regisseur": _("Search – case director"),
    "registratie:leerlingen": _("Pupils (list)"),
    "registratie:leerling": _("Pupil file"),
    "registratie:ouder": _("Pupil – parent's details"),
    "registratie:school": _("My school"),
    "registratie:import": _("Import"),
    "registratie:imports": _("Imports (list)"),
    "registratie:import_rapport": _("Import report"),
    "registratie:bevestigen": _("To confirm (list)"),
    "registratie:bevestig_verhuizing": _("Confirm a move"),
    "registratie:bevestig_inschrijving": _("Confirm an enrolment"),
    "signalering:signalen": _("Signals (list)"),
    "signalering:signaal": _("Signal"),
    "signalering:gezien": _("Signal – marked as seen"),
    "signalering:afwijzen": _("Signal – dismissed"),
    "signalering:signaleer --json": _("Signalling run (command)"),
    "meldingen:meldingen": _("Reports to Leerplicht (list)"),
    "meldingen:melding": _("Report to Leerplicht"),
    "meldingen:thuiszitter": _("New stay-at-home report"),
    "meldingen:wijzigen": _("Report – change"),
    "meldingen:versturen": _("Report – send"),
    "meldingen:swv": _("Report – handling by the partnership"),
    "meldingen:behandelen": _("Report – handling"),
    "meldingen:maak_verzuim": _("Report – make an absence report"),
    "meldingen:export_csv": _("Report – export (CSV)"),
    "meldingen:export_json": _("Report – export (JSON)"),
    "meldingen:export_pdf": _("Report – export (PDF)"),
    "regie:casussen": _("Cases (list)"),
    "regie:casus": _("Case"),
    "regie:nieuw": _("New case"),
    "regie:formulier": _("Case – form"),
    "regie:formulier:stap": _("Case – form record a step"),
    "regie:formulier:overdracht": _("Case – form transfer case direction"),
    "regie:formulier:deelnemer": _("Case – form add participant"),
    "regie:formulier:plan": _("Case – form plan of action"),
    "regie:formulier:actie": _("Case – form action"),
    "regie:formulier:contact": _("Case – form contact"),
    "regie:stap": _("Case – record a step"),
    "regie:overdracht": _("Case – transfer of case direction"),
    "regie:overdragen": _("Case – transfer case direction"),
    "regie:deelnemer": _("Case – add participant"),
    "regie:plan": _("Case – save the plan of action"),
    "regie:actie": _("Case – add action"),
    "regie:contact": _("Case – record contact"),
    "regie:contactmoment": _("Case – contact"),
    "regie:sluiten": _("Case – close"),
    "regie:heropenen": _("Case – reopen"),
    "regie:medisch": _("Case – medical content"),
    "regie:actie_afronden": _("Case – complete an action"),
    "regie:aanpak_verplaatsen": _("Case – move to another approach"),
    "regie:deelname_beeindigen": _("Case – end participation"),
    "regie:koppel_signaal": _("Case – link a signal"),
    "regie:brief_pdf": _("Case – letter (PDF)"),
    "regie:opp_pdf": _("Case – development plan (PDF)"),
    "regie:justitie_formulier": _("Case – justice chain form"),
    "regie:justitie_justitie": _("Case – justice chain step"),
    "regie:justitie_brief": _("Case – letter"),
    "regie:justitie_mazl": _("Case – MAZL advice"),
    "regie:justitie_vrijstellingsadvies": _("Case – exemption advice"),
    "regie:justitie_verklaring": _("Case – exemption statement"),
    "regie:justitie_opp": _("Case – development plan"),
    "regie:justitie_evaluatie": _("Case – evaluation"),
    "regie:escalaties": _("Escalations (list)"),
    "regie:escalatie_beeindigen": _("Escalation – end"),
    "regie:overdracht_versturen": _("Handover after a move – send"),
    "regie:overdracht_aanvaarden": _("Handover after a move – accept"),
    "regie:overdracht_weigeren": _("Handover after a move – refuse"),
    "regie:herbeoordeling": _("Exemption – review"),
    "regie:mazl_nieuw": _("MAZL – new referral"),
    "regie:mazl_verwijzing": _("MAZL – referral"),
    "regie:mazl_verwijzingen": _("MAZL – referrals (list)"),
    "regie:mazl_signalen": _("MAZL – signals (list)"),
    "regie:mazl_consult": _("MAZL – record a consultation"),
    "regie:mazl_medisch": _("MAZL – medical details"),
    "regie:mazl_advies": _("MAZL – advice"),
    "regie:spreekuur": _("Consultation hour"),
    "regie:verwijzing": _("Consultation hour – referral"),
    "regie:overleg": _("Meeting"),
    "regie:agendapunt": _("Meeting – agenda item"),
    "regie:agenderen": _("Meeting – put on the agenda"),
    "regie:van_agenda": _("Meeting – take off the agenda"),
    "regie:besluit": _("Meeting – decision"),
    "regie:publiceren": _("Meeting – publish"),
    "regie:vraag": _("Meeting – question to the family"),
    "regie:relatie_uitnodigen": _("Family portal – invite"),
    "regie:relatie_code": _("Family portal – link code"),
    "regie:relatie_berichten": _("Family portal – messages"),
    "regie:relatie_correctie": _("Family portal – correction request"),
    "regie:relatie_ontzeggen": _("Family portal – deny access"),
    "regie:relatie_opheffen": _("Family portal – lift the denial"),
    "regie:relatie_overleg": _("Family portal – meeting"),
    "regie:relatie_verhaal": _("Family portal – the family's story"),
    "regie:relatie_beeindigen": _("Family portal – end the relation"),
    "portaal:start": _("Portal – start"),
    "portaal:inloggen": _("Portal – log in"),
    "portaal:oidc_callback": _("Portal – log in with DigiD"),
    "portaal:code": _("Portal – link code"),
    "portaal:instellingen": _("Portal – settings"),
    "portaal:casus": _("Portal – case"),
    "portaal:mensen": _("Portal – people"),
    "portaal:plan": _("Portal – plan"),
    "portaal:verhaal": _("Portal – our story"),
    "portaal:overleggen": _("Portal – meetings"),
    "portaal:overleg_antwoord": _("Portal – answer to a meeting"),
    "portaal:brieven": _("Portal – letters"),
    "portaal:brief_pdf": _("Portal – letter (PDF)"),
    "portaal:berichten": _("Portal – messages"),
    "portaal:toestemming": _("Portal – consent"),
    "portaal:gegevens": _("Portal – my data"),
    "portaal:gegevens_pdf": _("Portal – my data (PDF)"),
    "portaal:gegevens_json": _("Portal – my data (JSON)"),
    "portaal:wie_keek": _("Portal – who looked"),
    "portaal:correctie": _("Portal – correction request"),
    "portaal:vragenlijst": _("Portal – questionnaire"),
    "api:scholen": _("API – schools"),
    "api:leerlingen": _("API – pupils"),
    "api:inschrijvingen": _("API – enrolments"),
    "api:vrijstellingen": _("API – exemptions"),
    "api:signalen": _("API – signals"),
    "api:meldingen": _("API – reports"),
    "api:casussen": _("API – cases"),
    "api:import": _("API – import"),
    "api:schema": _("API – schema"),
    "monitoring:dashboard": _("Figures"),
    "monitoring:lijst": _("Figures – list of pupils"),
    "monitoring:export": _("Figures – export"),
    "verantwoording:inzagelog": _("Access log"),
    "verantwoording:leerling_inzagelog": _("Access log of one pupil (GDPR request)"),
    "verantwoording:leerling_inzagelog_export": _(
        "Access log of one pupil – export (GDPR request)"
    ),
    "verantwoording:ongebruikelijk": _("Unusual access"),
    "binnenboord bewaartermijnen": _("Retention terms (command)"),
}

# The first part of a code: the part of Binnenboord (for a code without a name of its own).
ONDERDELEN: dict[str, Promise] = {
    "web": _("Start"),
    "registratie": _("Registration"),
    "signalering": _("Signals"),
    "meldingen": _("Reports"),
    "regie": _("Case direction"),
    "portaal": _("Portal"),
    "api": _("API"),
    "monitoring": _("Figures"),
    "verantwoording": _("Accountability"),
}


def bronnaam(code: str) -> str:
    """The readable name of the screen or endpoint `code`; for an unknown code, its part of
    Binnenboord and the rest of the code in words, or the code itself."""
    naam = BRONNEN.get(code)
    if naam is not None:
        return str(naam)
    onderdeel, scheiding, rest = code.partition(":")
    if scheiding and onderdeel in ONDERDELEN and rest:
        woorden = rest.replace(":", " ").replace("_", " ").strip()
        return f"{ONDERDELEN[onderdeel]} – {woorden}"
    return code or gettext_now("unknown")
