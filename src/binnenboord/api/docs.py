# SPDX-License-Identifier: EUPL-1.2
"""The OpenAPI schema and the interactive documentation (Swagger UI from
drf-spectacular-sidecar, served from our own static files). Both for signed-in people only;
the schema also for a token."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView


class Schema(SpectacularAPIView):
    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        view = super().as_view(**initkwargs)
        view.login_required = False  # type: ignore[attr-defined]
        return view


_swagger = SpectacularSwaggerView.as_view(url_name="api:schema")


@login_required
def documentatie(request: HttpRequest) -> HttpResponse:
    response: HttpResponse = _swagger(request)
    return response
