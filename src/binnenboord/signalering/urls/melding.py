# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from ..views import melding as views

app_name = "meldingen"
urlpatterns = [
    path("", views.meldingen, name="meldingen"),
    path("verzuim/<int:signaal_pk>/", views.maak_verzuim, name="maak_verzuim"),
    path("thuiszitter/<int:leerling_pk>/", views.thuiszitter, name="thuiszitter"),
    path("<int:pk>/", views.melding, name="melding"),
    path("<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/versturen/", views.versturen, name="versturen"),
    path("<int:pk>/behandelen/", views.behandelen, name="behandelen"),
    path("<int:pk>/swv/", views.swv, name="swv"),
    path("<int:pk>/duo/", views.duo_gemeld, name="duo_gemeld"),
    path("<int:pk>/melding.pdf", views.export_pdf, name="export_pdf"),
    path("<int:pk>/melding.json", views.export_json, name="export_json"),
    path("<int:pk>/melding.csv", views.export_csv, name="export_csv"),
]
