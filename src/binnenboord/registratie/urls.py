# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views, views_bevestigen, views_import

app_name = "registratie"
urlpatterns = [
    path("", views.leerlingen, name="leerlingen"),
    path("<int:pk>/", views.leerling, name="leerling"),
    path("school/", views.school, name="school"),
    path("bevestigen/", views_bevestigen.overzicht, name="bevestigen"),
    path(
        "bevestigen/verhuizing/<int:pk>/", views_bevestigen.verhuizing, name="bevestig_verhuizing"
    ),
    path(
        "bevestigen/inschrijving/<int:pk>/",
        views_bevestigen.inschrijving,
        name="bevestig_inschrijving",
    ),
    path("importeren/", views_import.imports, name="imports"),
    path("importeren/<int:pk>/", views_import.import_detail, name="import"),
    path(
        "importeren/<int:pk>/afgewezen.<str:formaat>",
        views_import.import_rapport,
        name="import_rapport",
    ),
]
