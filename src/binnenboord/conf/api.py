# SPDX-License-Identifier: EUPL-1.2
"""Settings of the REST API (Django REST framework and drf-spectacular), imported by base.py."""

from typing import Any

REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "Binnenboord API",
    "VERSION": "1.0.0",
}
