# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import keuzes, oidc, views

app_name = "web"
urlpatterns = [
    path("", views.vandaag, name="vandaag"),
    # log-in with the own organisation (OpenID Connect, web/oidc.py)
    path("inloggen/met/<slug:slug>/", oidc.SsoStart.as_view(), name="sso_start"),
    path("inloggen/organisatie/terug/", oidc.SsoTerug.as_view(), name="sso_terug"),
    path("inloggen/organisatie/geweigerd/", oidc.sso_geweigerd, name="sso_geweigerd"),
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
