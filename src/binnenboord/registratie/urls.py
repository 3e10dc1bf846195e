# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from .views import bevestigen, importeren, ouder
from .views import leerling as views

app_name = "registratie"
urlpatterns = [
    path("", views.leerlingen, name="leerlingen"),
    path("<int:pk>/", views.leerling, name="leerling"),
    path("<int:pk>/ouder/<int:ouder>/", ouder.ouder, name="ouder"),
    path("school/", views.school, name="school"),
    path("bevestigen/", bevestigen.overzicht, name="bevestigen"),
    path("bevestigen/verhuizing/<int:pk>/", bevestigen.verhuizing, name="bevestig_verhuizing"),
    path(
        "bevestigen/inschrijving/<int:pk>/",
        bevestigen.inschrijving,
        name="bevestig_inschrijving",
    ),
    path("importeren/", importeren.imports, name="imports"),
    path("importeren/<int:pk>/", importeren.import_detail, name="import"),
    path(
        "importeren/<int:pk>/afgewezen.<str:formaat>",
        importeren.import_rapport,
        name="import_rapport",
    ),
]
