# SPDX-License-Identifier: EUPL-1.2
"""The URLs of meetings and consultation hours, in the "overleg" namespace (conf/urls.py)."""

from django.urls import path

from ..views import overleg as views

app_name = "overleg"
urlpatterns = [
    path("overleggen/", views.overleggen, name="overleggen"),
    path("overleggen/nieuw/", views.overleg_nieuw, name="nieuw"),
    path("overleggen/<int:pk>/", views.overleg, name="overleg"),
    path("overleggen/<int:pk>/agenderen/", views.agenderen, name="agenderen"),
    path("overleggen/<int:pk>/volgend/", views.volgend_overleg, name="volgend"),
    path(
        "overleggen/<int:pk>/agenda/<int:punt_pk>/verwijderen/",
        views.van_agenda,
        name="van_agenda",
    ),
    path("overleggen/<int:pk>/agenda/<int:punt_pk>/besluit/", views.besluit, name="besluit"),
    path("overleggen/<int:pk>/agenda/<int:punt_pk>/vraag/", views.vraag, name="vraag"),
    path("overleggen/<int:pk>/publiceren/", views.publiceren, name="publiceren"),
    path("overleggen/<int:pk>/agendapunt/<int:punt_pk>/", views.agendapunt, name="agendapunt"),
    path("spreekuren/", views.spreekuren, name="spreekuren"),
    path("spreekuren/nieuw/", views.spreekuur_nieuw, name="spreekuur_nieuw"),
    path("spreekuren/<int:pk>/", views.spreekuur, name="spreekuur"),
    path("spreekuren/<int:pk>/verwijzen/", views.verwijs, name="verwijs"),
    path(
        "spreekuren/<int:pk>/verwijzingen/<int:verwijzing_pk>/uitkomst/",
        views.uitkomst,
        name="uitkomst",
    ),
]
