# SPDX-License-Identifier: EUPL-1.2
"""The REST API's single router. Endpoints arrive with the API issue; each will go through
toegang's rules and verantwoording's log_inzage like the pages do."""

from django.urls import URLPattern, URLResolver

app_name = "api"
urlpatterns: list[URLPattern | URLResolver] = []
