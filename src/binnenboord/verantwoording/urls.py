# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "verantwoording"
urlpatterns = [
    path("inzagelog/", views.inzagelog, name="inzagelog"),
    path("inzagelog/leerling/", views.leerling_inzagelog, name="leerling_inzagelog"),
    path(
        "inzagelog/leerling/export/",
        views.leerling_inzagelog_export,
        name="leerling_inzagelog_export",
    ),
    path("inzagelog/ongebruikelijk/", views.ongebruikelijk, name="ongebruikelijk"),
]
