# SPDX-License-Identifier: EUPL-1.2
"""Included by regie/urls.py, inside the "regie" namespace."""

from django.urls import path

from . import views_termijnen

urlpatterns = [
    path("<int:pk>/aanpak/", views_termijnen.verplaats, name="aanpak_verplaatsen"),
]
