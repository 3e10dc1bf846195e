# SPDX-License-Identifier: EUPL-1.2
"""Who may read the access log (verantwoording.Inzage): the functional administrator, for the
entries of the own organisation (verantwoording.selectors scopes which ones)."""

from __future__ import annotations

import rules

from binnenboord.toegang.rules import is_functioneel_beheerder

rules.add_perm("verantwoording.view_inzage", is_functioneel_beheerder)
