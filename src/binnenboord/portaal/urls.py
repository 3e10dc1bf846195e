# SPDX-License-Identifier: EUPL-1.2
"""The portal's pages under /portaal/ (docs/relatie.md)."""

from django.urls import path

from . import oidc, views

app_name = "portaal"

urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", views.inloggen, name="inloggen"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
    path("digid/", oidc.PortaalOIDCRequestView.as_view(), name="oidc_start"),
    path("digid/terug/", oidc.PortaalOIDCCallbackView.as_view(), name="oidc_callback"),
]
