# SPDX-License-Identifier: EUPL-1.2
"""The portal's pages under /portaal/ (docs/relatie.md): each views module brings its own."""

from django.urls import path

from . import oidc
from .views import avg, inloggen, paginas

app_name = "portaal"

urlpatterns = [
    *inloggen.urls,
    path("digid/", oidc.PortaalOIDCRequestView.as_view(), name="oidc_start"),
    path("digid/terug/", oidc.PortaalOIDCCallbackView.as_view(), name="oidc_callback"),
    *paginas.urls,
    *avg.urls,
]
