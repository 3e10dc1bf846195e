# SPDX-License-Identifier: EUPL-1.2
"""The URLs of exemptions, in the "vrijstellingen" namespace under /vrijstellingen/
(conf/urls.py): the worklist of art. 5 onder a exemptions due for re-assessment."""

from django.urls import path

from ..views import vrijstellingen as views

app_name = "vrijstellingen"
urlpatterns = [
    path("herbeoordeling/", views.herbeoordeling, name="herbeoordeling"),
]
