# SPDX-License-Identifier: EUPL-1.2
"""The URLs of signalering: `signaal` (namespace "signalering", under /signalen/) and `melding`
(namespace "meldingen", under /meldingen/), both included by conf/urls.py."""
