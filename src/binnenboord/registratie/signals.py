# SPDX-License-Identifier: EUPL-1.2
"""Cross-flow hooks: registratie announces what happened; later apps (signalering) react
without registratie importing them (docs/ontwikkelen.md, "Lagen en importregels")."""

import django.dispatch

# Sent after an absence import stored its rows. Keyword arguments: `import_` (the
# registratie.Import), `leerling_ids` (the pupils whose absence the import touched) and
# `peildatum` (the newest day in the file, at most today).
verzuim_geimporteerd = django.dispatch.Signal()

# Sent inside the transaction in which the pupil's current Leerplicht confirmed a
# verhuismelding (a reported move to another municipality): the pupil's woongemeente is already
# changed. Keyword arguments: `leerling` (registratie.Leerling), `van_gemeente` and
# `naar_gemeente` (toegang.Gemeente), `door` (the confirming Medewerker) and `verhuismelding`
# (registratie.Verhuismelding). Regie reacts by offering the open case for an explicit
# overdracht; nothing moves to the receiving side without one.
leerling_verhuisd = django.dispatch.Signal()
