# SPDX-License-Identifier: EUPL-1.2
"""The URLs of a case, in the "regie" namespace under /casussen/ (conf/urls.py)."""

from django.urls import include, path

from ..views import casus as views
from ..views import justitie, relatie, signalen, termijnen, verhuizing

app_name = "regie"
urlpatterns = [
    path("", views.casussen, name="casussen"),
    path("nieuw/<int:leerling_pk>/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.casus, name="casus"),
    path("<int:pk>/formulier/<slug:naam>/", views.formulier, name="formulier"),
    path("<int:pk>/overdragen/", views.overdragen, name="overdragen"),
    path("<int:pk>/deelnemers/", views.deelnemer, name="deelnemer"),
    path(
        "<int:pk>/deelnemers/<int:deelnemer_pk>/beeindigen/",
        views.deelname_beeindigen,
        name="deelname_beeindigen",
    ),
    path("<int:pk>/contactmomenten/", views.contactmoment, name="contactmoment"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/acties/", views.actie, name="actie"),
    path("<int:pk>/acties/<int:actie_pk>/afronden/", views.actie_afronden, name="actie_afronden"),
    path("<int:pk>/stappen/", views.stap, name="stap"),
    path("<int:pk>/sluiten/", views.sluiten, name="sluiten"),
    path("<int:pk>/heropenen/", views.heropenen, name="heropenen"),
    path("<int:pk>/signalen/<int:signaal_pk>/koppelen/", signalen.koppel, name="koppel_signaal"),
    path("<int:pk>/overdracht/", verhuizing.versturen, name="gemeenteoverdracht_versturen"),
    path("overdrachten/<int:pk>/", verhuizing.overdracht, name="overdracht"),
    path(
        "overdrachten/<int:pk>/aanvaarden/",
        verhuizing.aanvaarden,
        name="overdracht_aanvaarden",
    ),
    path("overdrachten/<int:pk>/weigeren/", verhuizing.weigeren, name="overdracht_weigeren"),
    path("<int:pk>/aanpak/", termijnen.verplaats, name="aanpak_verplaatsen"),
    path("<int:pk>/justitie/<str:naam>/", justitie.verwerk, name="justitie_formulier"),
    path("<int:pk>/brieven/<int:brief_pk>/pdf/", justitie.brief_pdf, name="brief_pdf"),
    path("<int:pk>/opp/pdf/", justitie.opp_pdf, name="opp_pdf"),
    # the parents and the pupil: the portal, their words, messages (regie.views.relatie)
    path("<int:pk>/relatie/uitnodigen/", relatie.uitnodigen, name="relatie_uitnodigen"),
    path(
        "<int:pk>/relatie/toegang/<int:toegang_pk>/code/",
        relatie.nieuwe_code,
        name="relatie_code",
    ),
    path(
        "<int:pk>/relatie/toegang/<int:toegang_pk>/beeindigen/",
        relatie.beeindigen,
        name="relatie_beeindigen",
    ),
    path(
        "<int:pk>/relatie/toegang/<int:toegang_pk>/opheffen/",
        relatie.opheffen,
        name="relatie_opheffen",
    ),
    path(
        "<int:pk>/relatie/ouders/<int:ouder_pk>/ontzeggen/",
        relatie.ontzeggen,
        name="relatie_ontzeggen",
    ),
    path("<int:pk>/relatie/overleg/", relatie.overleg, name="relatie_overleg"),
    path("<int:pk>/relatie/verhaal/", relatie.verhaal, name="relatie_verhaal"),
    path(
        "<int:pk>/relatie/toegang/<int:toegang_pk>/berichten/",
        relatie.berichten,
        name="relatie_berichten",
    ),
    path(
        "<int:pk>/relatie/correcties/<int:verzoek_pk>/",
        relatie.correctie,
        name="relatie_correctie",
    ),
    # the "Escalaties" worklist and ending an escalation, in this namespace
    path("escalaties/", include("binnenboord.regie.urls.escalatie")),
]
