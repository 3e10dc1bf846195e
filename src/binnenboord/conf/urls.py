# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from binnenboord.web.forms import InlogForm

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            template_name="web/inloggen.html", authentication_form=InlogForm
        ),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("beheer/", admin.site.urls),
    path("leerlingen/", include("binnenboord.registratie.urls")),
    path("signalen/", include("binnenboord.signalering.urls")),
    path("meldingen/", include("binnenboord.signalering.urls_meldingen")),
    path("casussen/", include("binnenboord.regie.urls")),
    path("", include("binnenboord.regie.urls_overleg")),
    path("verantwoording/", include("binnenboord.verantwoording.urls")),
    path("cijfers/", include("binnenboord.monitoring.urls")),
    path("api/", include("binnenboord.api.urls")),
    path("", include("binnenboord.web.urls")),
]
