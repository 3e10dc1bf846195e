# SPDX-License-Identifier: EUPL-1.2
"""The HTML views of regie, one module per sub-area: casus (the case page and its forms),
overleg (meetings and consultation hours), justitie, termijnen (moving a case to another
model) and verhuizing (the handover after a move)."""
