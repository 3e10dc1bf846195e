# SPDX-License-Identifier: EUPL-1.2
"""File imports (CSV and XLSX) of schools, pupils, enrolments, absence and exemptions that never
lose a row: every row is stored, or rejected with a Dutch reason in the rejection report.
The entry points are services.importeer() (a file) and services.importeer_rijen() (rows as
Python mappings, the API); docs/importeren.md describes the formats and the modules."""
