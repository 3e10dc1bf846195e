# SPDX-License-Identifier: EUPL-1.2
"""The OpenAPI schema and the interactive documentation (Swagger UI from
drf-spectacular-sidecar, served from our own static files). Both for signed-in people only;
the schema also for a token. drf-spectacular serves its schema to anyone (SERVE_PERMISSIONS
is AllowAny); ours asks for a caller like the rest of the API: without a valid token or a
verified session, 401."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import IsAuthenticated


class Schema(SpectacularAPIView):
    # any valid token, whatever its scopes: the schema names how to call, no pupil
    permission_classes = [IsAuthenticated]

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
