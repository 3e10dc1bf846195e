# SPDX-License-Identifier: EUPL-1.2
"""The portal's pages, one module per part, each with its own `urls` list (portaal/urls.py
joins them): inloggen (log-in, DigiD, the invitation code, log-out), paginas (the case: people,
plan, own story, meetings, letters, messages, settings and consent), avg (what is registered,
who looked, correction requests, the questionnaire)."""
