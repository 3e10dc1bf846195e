# SPDX-License-Identifier: EUPL-1.2
"""The request as our views see it: logged in (LoginRequiredMiddleware) and with htmx details
(django-htmx's middleware)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from binnenboord.toegang.models import Medewerker


class AppRequest(HttpRequest):
    htmx: HtmxDetails
    user: Medewerker
