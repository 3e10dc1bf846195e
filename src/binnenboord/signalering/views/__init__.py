# SPDX-License-Identifier: EUPL-1.2
"""The HTML views of signalering, one module per sub-area: signaal (the signal inbox, one
signal, marking seen and dismissing) and melding (making, changing, sending and handling a
melding, the Meldingen inbox and the exports)."""
