# SPDX-License-Identifier: EUPL-1.2
"""The writes of regie, one module per sub-area:

- casus: opening, transferring regie, participants, model steps, closing and reopening; and
  what the others share (CasusNietMogelijk, `vergrendel_casus`, `vergrendel_leerling`,
  `kan_betrokken_zijn`, `is_technisch_account`);
- plan: plan versions and actions;
- contact: contact moments and the youth doctor's medical content;
- overleg: meetings, their agenda and outcome, and the Leerplichtspreekuur;
- justitie: the justice chain, letters, MAZL advice, exemptions, OPP and evaluation;
- termijnen: the daily deadline job, the worklist and moving a case to another model;
- verhuizing: the handover of a case after a move.

This package is a deliberate facade for the writes of a case itself (casus, plan, contact):
they are what most callers use, so `from binnenboord.regie import services` and
`services.open_casus(...)` stay the one way to call them. The other sub-areas are imported by
their module (`from binnenboord.regie.services import overleg`)."""

from .casus import (
    REGIE_OVERGEDRAGEN,
    ROLLEN_OVERNAME,
    CasusNietMogelijk,
    draag_regie_over,
    heropen_casus,
    is_technisch_account,
    kan_betrokken_zijn,
    open_casus,
    registreer_stap,
    sluit_casus,
    vergrendel_casus,
    vergrendel_leerling,
    voeg_deelnemer_toe,
)
from .contact import HUISBEZOEK, leg_medisch_vast, registreer_contactmoment
from .plan import (
    PLAN_VAN_AANPAK,
    PlanVerouderd,
    huidige_planversie,
    rond_actie_af,
    sla_plan_op,
    voeg_actie_toe,
)

__all__ = [
    "HUISBEZOEK",
    "PLAN_VAN_AANPAK",
    "REGIE_OVERGEDRAGEN",
    "ROLLEN_OVERNAME",
    "CasusNietMogelijk",
    "PlanVerouderd",
    "draag_regie_over",
    "heropen_casus",
    "huidige_planversie",
    "is_technisch_account",
    "kan_betrokken_zijn",
    "leg_medisch_vast",
    "open_casus",
    "registreer_contactmoment",
    "registreer_stap",
    "rond_actie_af",
    "sla_plan_op",
    "sluit_casus",
    "vergrendel_casus",
    "vergrendel_leerling",
    "voeg_actie_toe",
    "voeg_deelnemer_toe",
]
