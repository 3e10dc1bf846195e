# SPDX-License-Identifier: EUPL-1.2
"""The pages of the functional administrator, under /beheer/. A plain list: the pages for the
log-in connections of the organisations add their own line here."""

from django.urls import include, path

from . import views

app_name = "beheer"
urlpatterns = [
    path("", views.start, name="start"),
    path("organisaties/", views.organisaties, name="organisaties"),
    path("organisaties/nieuw/", views.organisatie_nieuw, name="organisatie_nieuw"),
    path("organisaties/<int:pk>/", views.organisatie, name="organisatie"),
    path("medewerkers/", views.medewerkers, name="medewerkers"),
    path("medewerkers/nieuw/", views.medewerker_nieuw, name="medewerker_nieuw"),
    path("medewerkers/<int:pk>/", views.medewerker, name="medewerker"),
    path(
        "medewerkers/<int:pk>/deactiveren/",
        views.medewerker_deactiveren,
        name="medewerker_deactiveren",
    ),
    path(
        "medewerkers/<int:pk>/heractiveren/",
        views.medewerker_heractiveren,
        name="medewerker_heractiveren",
    ),
    path(
        "medewerkers/<int:pk>/uitnodigen/",
        views.medewerker_uitnodigen,
        name="medewerker_uitnodigen",
    ),
    path("kernteams/", views.kernteams, name="kernteams"),
    path("kernteams/<int:pk>/", views.kernteam, name="kernteam"),
    path("kernteams/<int:pk>/zoek/", views.zoek_kernteamlid, name="zoek_kernteamlid"),
    path("inlogkoppelingen/", include("binnenboord.beheer.urls_inloggen")),
]
