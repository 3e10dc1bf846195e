# SPDX-License-Identifier: EUPL-1.2
"""Included by regie.urls: the names live in the "regie" namespace."""

from django.urls import path

from . import views_justitie

urlpatterns = [
    path(
        "<int:pk>/justitie/<str:naam>/",
        views_justitie.verwerk,
        name="justitie_formulier",
    ),
    path(
        "<int:pk>/brieven/<int:brief_pk>/pdf/",
        views_justitie.brief_pdf,
        name="brief_pdf",
    ),
    path("<int:pk>/opp/pdf/", views_justitie.opp_pdf, name="opp_pdf"),
]
