# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("lijst/", views.lijst, name="lijst"),
    path("export/", views.export, name="export"),
    path("export/<int:pk>/", views.exportstatus, name="exportstatus"),
    path("export/<int:pk>/bestand/", views.exportbestand, name="exportbestand"),
]
