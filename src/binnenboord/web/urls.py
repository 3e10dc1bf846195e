# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import keuzes, views

app_name = "web"
urlpatterns = [
    path("", views.vandaag, name="vandaag"),
    # the person pickers' searches (gedeeld.zoekkeuze, web/keuzes.py)
    path("keuze/medewerker/", keuzes.zoek_medewerker, name="zoek_medewerker"),
    path("keuze/spreekuur/<int:pk>/leerling/", keuzes.zoek_verwijzing, name="zoek_verwijzing"),
    path(
        "keuze/casus/<int:pk>/<slug:formulier>/",
        keuzes.zoek_casusmedewerker,
        name="zoek_casusmedewerker",
    ),
    path("keuze/leerling/<int:pk>/regisseur/", keuzes.zoek_regisseur, name="zoek_regisseur"),
]
