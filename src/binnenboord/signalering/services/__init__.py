# SPDX-License-Identifier: EUPL-1.2
"""The writes of signalering, one module per sub-area:

- signaal: storing the engine's outcome (`signaleer`, `signaleer_leerlingen`,
  `sla_signalen_op`), marking seen, handling and dismissing a signal (`handel_af`, `wijs_af`);
- melding: the verzuimmelding, the stay-at-home report and their handling.

No facade: callers import the module they need
(`from binnenboord.signalering.services.signaal import signaleer`)."""
