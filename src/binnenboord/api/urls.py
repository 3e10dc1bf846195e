# SPDX-License-Identifier: EUPL-1.2
"""The REST API under /api/: version 1 endpoints, the OpenAPI schema and the interactive
documentation (docs/api.md)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from rest_framework.routers import DefaultRouter

from . import docs, views

app_name = "api"


class Router(DefaultRouter):
    include_root_view = False


router = Router()
router.register("scholen", views.SchoolViewSet, basename="school")
router.register("leerlingen", views.LeerlingViewSet, basename="leerling")
router.register("inschrijvingen", views.InschrijvingViewSet, basename="inschrijving")
router.register("vrijstellingen", views.VrijstellingViewSet, basename="vrijstelling")
router.register("signalen", views.SignaalViewSet, basename="signaal")
router.register("meldingen", views.MeldingViewSet, basename="melding")
router.register("casussen", views.CasusViewSet, basename="casus")

urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/verzuim/", views.VerzuimUpload.as_view(), name="verzuim"),
    path(
        "v1/inschrijvingen/upload/",
        views.InschrijvingUpload.as_view(),
        name="inschrijvingen-upload",
    ),
    path("v1/imports/<int:pk>/", views.ImportStatus.as_view(), name="import"),
    path("v1/", include(router.urls)),
    path("schema/", docs.Schema.as_view(), name="schema"),
    path("docs/", docs.documentatie, name="docs"),
]
