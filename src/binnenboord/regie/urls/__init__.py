# SPDX-License-Identifier: EUPL-1.2
"""The URLs of regie: `casus` (namespace "regie", under /casussen/), `overleg` (namespace
"overleg", meetings and consultation hours) and `mazl` (namespace "mazl", MAZL referrals under
/mazl/), each included by conf/urls.py."""
