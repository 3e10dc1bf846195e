# SPDX-License-Identifier: EUPL-1.2
"""The URLs of escalations, included by regie.urls.casus in the "regie" namespace under
/casussen/escalaties/: the "Escalaties" worklist and ending an escalation."""

from django.urls import path

from ..views import escalatie as views

urlpatterns = [
    path("", views.escalaties, name="escalaties"),
    path("<int:pk>/beeindigen/", views.beeindigen, name="escalatie_beeindigen"),
]
