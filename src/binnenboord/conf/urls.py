# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.http import require_safe
from django.views.i18n import set_language

from binnenboord.conf import gezondheid
from binnenboord.web import eenmalig, tweestaps
from binnenboord.web.forms import InlogForm

# django-two-factor-auth's pages for setting up the app and the backup codes (in our words,
# web/tweestaps.py); its own log-in wizard is left out: the password step is ours and
# TweestapsMiddleware asks for the code.
tweestaps_urls = [
    path("instellen/", tweestaps.Inrichten.as_view(), name="setup"),
    path("instellen/qr/", tweestaps.QrCode.as_view(), name="qr"),
    path("instellen/klaar/", tweestaps.Ingericht.as_view(), name="setup_complete"),
    path("reservecodes/", tweestaps.Reservecodes.as_view(), name="backup_tokens"),
    path("", tweestaps.Profiel.as_view(), name="profile"),
    path("uitzetten/", tweestaps.Uitzetten.as_view(), name="disable"),
]


@login_not_required
@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on their own: the icon is a static SVG (base.html links
    it), looked up per request so the hashed name of the production storage is found."""
    return HttpResponseRedirect(static("web/favicon.svg"))


urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            template_name="web/inloggen.html", authentication_form=InlogForm
        ),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("inloggen/code/", tweestaps.verificatie, name="verificatie"),
    path(
        "inloggen/eenmalig/<uidb64>/<token>/",
        eenmalig.eenmalig_inloggen,
        name="eenmalig_inloggen",
    ),
    path("tweestapsverificatie/", include((tweestaps_urls, "two_factor"))),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("favicon.ico", favicon, name="favicon"),
    # for load balancers, without log-in (conf/gezondheid.py, docs/beheer.md)
    path("gezondheid/leeft", gezondheid.leeft, name="gezondheid_leeft"),
    path("gezondheid/klaar", gezondheid.klaar, name="gezondheid_klaar"),
    # the Django admin: technical staff only; the functional administrator works in /beheer/
    path("technisch-beheer/", admin.site.urls),
    path("beheer/", include("binnenboord.beheer.urls")),
    path("leerlingen/", include("binnenboord.registratie.urls")),
    path("signalen/", include("binnenboord.signalering.urls.signaal")),
    path("meldingen/", include("binnenboord.signalering.urls.melding")),
    path("casussen/", include("binnenboord.regie.urls.casus")),
    path("", include("binnenboord.regie.urls.overleg")),
    path("mazl/", include("binnenboord.regie.urls.mazl")),
    path("vrijstellingen/", include("binnenboord.regie.urls.vrijstellingen")),
    path("verantwoording/", include("binnenboord.verantwoording.urls")),
    path("notificaties/", include("binnenboord.notificaties.urls")),
    path("cijfers/", include("binnenboord.monitoring.urls")),
    path("api/", include("binnenboord.api.urls")),
    path("portaal/", include("binnenboord.portaal.urls")),
    path("", include("binnenboord.web.urls")),
]
