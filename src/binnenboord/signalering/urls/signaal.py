# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from ..views import signaal as views

app_name = "signalering"
urlpatterns = [
    path("", views.signalen, name="signalen"),
    path("gezien/", views.gezien, name="gezien"),
    path("<int:pk>/", views.signaal, name="signaal"),
    path("<int:pk>/afwijzen/", views.afwijzen, name="afwijzen"),
]
