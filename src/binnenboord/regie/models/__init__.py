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
- mazl: the school's MAZL referral to the youth doctor (Mazlverwijzing).

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
from .termijnen import Termijnsignaal
from .verhuizing import Casusoverdracht

__all__ = [
    "Actie",
    "Agendapunt",
    "Brief",
    "Casus",
    "CasusGebeurtenis",
    "CasusGebeurtenisQuerySet",
    "Casusoverdracht",
    "Contactmoment",
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
    "PlanVanAanpak",
    "RegieOverdracht",
    "Spreekuur",
    "Termijnsignaal",
    "Verwijzing",
    "Vrijstellingsadvies",
    "Vrijstellingsverklaring",
]
