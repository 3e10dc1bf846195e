# SPDX-License-Identifier: EUPL-1.2
"""The forms of signalering, one module per sub-area: signaal (the signal inbox filter, marking
seen, dismissing) and melding (the school's art. 14 b–k, the stay-at-home report, Leerplicht's
and the SWV's handling, the Meldingen inbox filter)."""
