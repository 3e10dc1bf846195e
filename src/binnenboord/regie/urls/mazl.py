# SPDX-License-Identifier: EUPL-1.2
"""The URLs of MAZL referrals, in the "mazl" namespace under /mazl/ (conf/urls.py)."""

from django.urls import path

from ..views import mazl as views

app_name = "mazl"
urlpatterns = [
    path("", views.verwijzingen, name="verwijzingen"),
    path("nieuw/<int:leerling_pk>/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.verwijzing, name="verwijzing"),
    path("<int:pk>/consult/", views.consult, name="consult"),
    path("<int:pk>/medisch/", views.medisch, name="medisch"),
    path("<int:pk>/advies/", views.advies, name="advies"),
]
