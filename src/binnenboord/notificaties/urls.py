# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "notificaties"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/openen/", views.openen, name="openen"),
    path("alles-gelezen/", views.alles_gelezen, name="alles_gelezen"),
    path("instellingen/", views.voorkeur, name="voorkeur"),
]
