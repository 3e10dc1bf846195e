# SPDX-License-Identifier: EUPL-1.2
"""The models of regie, one module per sub-area, all in the app "regie":

- casus: the case, its transfers of regie, its participants and its history
  (CasusGebeurtenis);
- plan: the plan in versions and its actions;
- contact: contact moments and the youth doctor's medical content;
- verhuizing: the handover of a case after a move (Casusoverdracht);
- overleg: meetings, their agenda, and the Leerplichtspreekuur;
- justitie: the justice chain, letters, MAZL advice, exemption statements and advice, OPP
  link and evaluation;
- termijnen: what the daily deadline job recorded (Termijnsignaal);
- escalatie: an escalation to a body a person confirmed (Escalatie);
- mazl: the school's MAZL referral to the youth doctor (Mazlverwijzing);
- relatie: the parents and the pupil in the portal (Portaaltoegang, Verhaal, Planreactie,
  Overleguitnodiging, Bericht, Correctieverzoek, Terugkoppeling).

Importing this package registers every model; import a model from here or from its module."""

from .casus import Casus, CasusGebeurtenis, CasusGebeurtenisQuerySet, Deelnemer, RegieOverdracht
from .contact import Contactmoment, MedischeInhoud
from .escalatie import Escalatie
from .justitie import (
    Brief,
    Evaluatie,
    Justitiestap,
    MazlAdvies,
    OppKoppeling,
    Vrijstellingsadvies,
    Vrijstellingsverklaring,
)
from .mazl import Mazlverwijzing
from .overleg import Agendapunt, Overleg, Overlegreeks, Overlegsoort, Spreekuur, Verwijzing
from .plan import Actie, PlanVanAanpak
from .relatie import (
    Bericht,
    Correctieverzoek,
    Overleguitnodiging,
    Planreactie,
    Portaaltoegang,
    Terugkoppeling,
    Verhaal,
)
from .termijnen import Termijnsignaal
from .verhuizing import Casusoverdracht

__all__ = [
    "Actie",
    "Agendapunt",
    "Bericht",
    "Brief",
    "Casus",
    "CasusGebeurtenis",
    "CasusGebeurtenisQuerySet",
    "Casusoverdracht",
    "Contactmoment",
    "Correctieverzoek",
    "Deelnemer",
    "Escalatie",
    "Evaluatie",
    "Justitiestap",
    "MazlAdvies",
    "Mazlverwijzing",
    "MedischeInhoud",
    "OppKoppeling",
    "Overleg",
    "Overlegreeks",
    "Overlegsoort",
    "Overleguitnodiging",
    "PlanVanAanpak",
    "Planreactie",
    "Portaaltoegang",
    "RegieOverdracht",
    "Spreekuur",
    "Termijnsignaal",
    "Terugkoppeling",
    "Verhaal",
    "Verwijzing",
    "Vrijstellingsadvies",
    "Vrijstellingsverklaring",
]
