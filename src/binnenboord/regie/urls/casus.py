# SPDX-License-Identifier: EUPL-1.2
from django.urls import include, path

from . import views, views_verhuizing

app_name = "regie"
urlpatterns = [
    path("", views.casussen, name="casussen"),
    path("nieuw/<int:leerling_pk>/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.casus, name="casus"),
    path("<int:pk>/formulier/<slug:naam>/", views.formulier, name="formulier"),
    path("<int:pk>/overdragen/", views.overdragen, name="overdragen"),
    path("<int:pk>/deelnemers/", views.deelnemer, name="deelnemer"),
    path("<int:pk>/contactmomenten/", views.contactmoment, name="contactmoment"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/acties/", views.actie, name="actie"),
    path("<int:pk>/acties/<int:actie_pk>/afronden/", views.actie_afronden, name="actie_afronden"),
    path("<int:pk>/stappen/", views.stap, name="stap"),
    path("<int:pk>/sluiten/", views.sluiten, name="sluiten"),
    path("<int:pk>/heropenen/", views.heropenen, name="heropenen"),
    path("<int:pk>/overdracht/", views_verhuizing.versturen, name="gemeenteoverdracht_versturen"),
    path("overdrachten/<int:pk>/", views_verhuizing.overdracht, name="overdracht"),
    path(
        "overdrachten/<int:pk>/aanvaarden/",
        views_verhuizing.aanvaarden,
        name="overdracht_aanvaarden",
    ),
    path("overdrachten/<int:pk>/weigeren/", views_verhuizing.weigeren, name="overdracht_weigeren"),
    path("", include("binnenboord.regie.urls_termijnen")),
    path("", include("binnenboord.regie.urls_justitie")),
]
