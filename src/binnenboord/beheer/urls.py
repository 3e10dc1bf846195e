# SPDX-License-Identifier: EUPL-1.2
"""The pages of the functional administrator, under /beheer/. A plain list: the pages for the
log-in connections of the organisations add their own line here."""

from django.urls import path

from . import views

app_name = "beheer"
urlpatterns = [
    path("", views.start, name="start"),
]
