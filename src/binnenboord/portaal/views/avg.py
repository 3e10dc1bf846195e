# SPDX-License-Identifier: EUPL-1.2
"""The portal's AVG pages and the questionnaire (docs/relatie.md, "AVG-rechten",
"Werkt dit?")."""

from __future__ import annotations

from django.urls import URLPattern

urls: list[URLPattern] = []
