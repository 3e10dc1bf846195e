# SPDX-License-Identifier: EUPL-1.2
"""The reads of regie: `casus` (which cases a user sees, lists, candidates, the timeline) and
`justitie` (the exemptions of a case)."""
