# SPDX-License-Identifier: EUPL-1.2
"""The forms of regie, one module per sub-area; what they share is in `velden`."""
