# SPDX-License-Identifier: EUPL-1.2
"""Who has notifications: every professional with a fitting role, each only their own (the
views ask for the user's own rows; another person's notification is "not found")."""

from __future__ import annotations

import rules

from binnenboord.toegang.rules import is_professional

rules.add_perm("notificaties.view_notificatie", is_professional)
