# SPDX-License-Identifier: EUPL-1.2
"""The portal's pages of a case (docs/relatie.md, "Wat ouders en leerling zien en doen")."""

from __future__ import annotations

from django.urls import URLPattern

urls: list[URLPattern] = []
