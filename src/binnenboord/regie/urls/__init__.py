# SPDX-License-Identifier: EUPL-1.2
"""The URLs of regie: `casus` (namespace "regie", under /casussen/) and `overleg` (namespace
"overleg", meetings and consultation hours), both included by conf/urls.py."""
