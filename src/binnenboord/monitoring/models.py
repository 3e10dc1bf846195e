# SPDX-License-Identifier: EUPL-1.2
"""No models yet: this app is filled by a later issue."""
