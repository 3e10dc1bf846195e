# SPDX-License-Identifier: EUPL-1.2
"""The pages of the log-in connections (beheer/views_inloggen.py), under /beheer/inlogkoppelingen/
in the namespace beheer (beheer/urls.py includes this list)."""

from django.urls import path

from . import views_inloggen

urlpatterns = [
    path("", views_inloggen.inlogkoppelingen, name="inlogkoppelingen"),
    path("nieuw/", views_inloggen.inlogkoppeling_nieuw, name="inlogkoppeling_nieuw"),
    path("<int:pk>/", views_inloggen.inlogkoppeling, name="inlogkoppeling"),
    path("<int:pk>/regels/", views_inloggen.claimregel_nieuw, name="claimregel_nieuw"),
    path(
        "regels/<int:pk>/verwijderen/",
        views_inloggen.claimregel_verwijderen,
        name="claimregel_verwijderen",
    ),
]
