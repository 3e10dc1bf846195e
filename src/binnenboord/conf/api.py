# SPDX-License-Identifier: EUPL-1.2
"""Settings of the REST API (Django REST framework and drf-spectacular), imported by base.py.
docs/api.md describes the behaviour they give."""

from typing import Any

REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # a token first: an unauthenticated request then gets 401 with WWW-Authenticate: Bearer
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "binnenboord.api.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["binnenboord.api.auth.HeeftScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "Binnenboord API",
    "DESCRIPTION": (
        "Read pupils, enrolments, exemptions, signals, reports and cases within the caller's "
        "access rules; upload absence and enrolments. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SECURITY": [{"apiToken": []}, {"cookieAuth": []}],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "binnenboord.api.schema.foutantwoorden",
    ],
}
