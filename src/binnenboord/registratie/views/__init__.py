# SPDX-License-Identifier: EUPL-1.2
"""The HTML views of registratie, one module per sub-area: leerling (the pupil list, one pupil
with the dossier sections of every app, the school's overview), bevestigen (the page Te
bevestigen: moves and enrolments waiting for the organisation that has the pupil) and
importeren (uploading a file, following its import, the rejected rows)."""
