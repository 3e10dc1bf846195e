# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "verantwoording"
urlpatterns = [path("inzagelog/", views.inzagelog, name="inzagelog")]
