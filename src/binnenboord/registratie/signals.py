# SPDX-License-Identifier: EUPL-1.2
"""Cross-flow hooks: registratie announces what happened; later apps (signalering) react
without registratie importing them (ARCHITECTURE.md, "Imports point down the flow")."""

import django.dispatch

# Sent after an absence import stored its rows. Keyword arguments: `import_` (the
# registratie.Import), `leerling_ids` (the pupils whose absence the import touched) and
# `peildatum` (the newest day in the file, at most today).
verzuim_geimporteerd = django.dispatch.Signal()
