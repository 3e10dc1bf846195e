# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "registratie"
urlpatterns = [
    path("", views.leerlingen, name="leerlingen"),
    path("<int:pk>/", views.leerling, name="leerling"),
    path("school/", views.school, name="school"),
]
