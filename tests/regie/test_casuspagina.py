# SPDX-License-Identifier: EUPL-1.2
"""The Casussen list, opening a case, the case page and its forms: who may, who is refused
(and then nothing changed), the access log, the timeline."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

import pytest

from binnenboord.kern.kalender import Schoolkalender
from binnenboord.kern.termijnen import schoolweken_na
from binnenboord.regie import services
from binnenboord.regie.models import (
    Actie,
    Casus,
    CasusGebeurtenis,
    Contactmoment,
    Deelnemer,
    PlanVanAanpak,
    RegieOverdracht,
)
from binnenboord.regie.views.casus import UITKLAPBAAR
from binnenboord.signalering.models import Signaal
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.regie.factories import casussen, open_casus, scholen, school2_medewerker
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld

CASUSROLLEN = set(Rol.values) - {Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER}


def _nl(msgid: str) -> str:
    """The text as the (Dutch) page shows it."""
    with translation.override("nl"):
        return gettext(msgid)


def _stand() -> tuple[int, ...]:
    """Everything a case form could write."""
    return tuple(
        model.objects.count()
        for model in (
            Casus,
            CasusGebeurtenis,
            RegieOverdracht,
            Deelnemer,
            PlanVanAanpak,
            Actie,
            Contactmoment,
        )
    ) + tuple(Casus.objects.order_by("pk").values_list("regisseur_id", "status"))  # type: ignore[arg-type]


@pytest.fixture
def alle(wereld: Wereld) -> dict[str, Casus]:
    return casussen(wereld)


# --- the list ------------------------------------------------------------------------------


def test_de_lijst_antwoordt_per_rol(wereld: Wereld, client: Client) -> None:
    statussen = {}
    for rol, gebruiker in wereld.medewerkers.items():
        client.force_login(gebruiker)
        statussen[rol] = client.get(reverse("regie:casussen")).status_code
    assert statussen == {rol: 200 if rol in CASUSROLLEN else 403 for rol in Rol.values}


def test_anonieme_bezoekers_gaan_naar_het_inloggen(client: Client, alle: dict[str, Casus]) -> None:
    for url in (
        reverse("regie:casussen"),
        reverse("regie:casus", args=[alle["demodam_school1"].pk]),
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 302
        assert antwoord["Location"].startswith(reverse("login"))


def _in_lijst(client: Client, **params: str) -> set[int]:
    antwoord = client.get(reverse("regie:casussen"), params)
    assert antwoord.status_code == 200
    return {c.pk for c in antwoord.context["pagina"]}


def test_elke_rol_ziet_in_de_lijst_de_casussen_die_hij_mag_zien(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    m = wereld.medewerkers
    client.force_login(m[Rol.SCHOOLMEDEWERKER])
    assert _in_lijst(client) == {alle["demodam_school1"].pk, alle["buurdorp_school1"].pk}
    client.force_login(m[Rol.LEERPLICHTAMBTENAAR])
    # open cases by default; all statuses on request
    assert _in_lijst(client) == {alle["demodam_school1"].pk}
    assert _in_lijst(client, status="") == {
        alle["demodam_school1"].pk,
        alle["demodam_uitgeschreven"].pk,
    }
    # "my cases": the one Leerplicht directs (closed) only
    assert _in_lijst(client, status="", alleen_mijn="on") == {alle["demodam_uitgeschreven"].pk}
    client.force_login(m[Rol.JEUGDARTS])
    assert _in_lijst(client) == {alle["demodam_school1"].pk}


def test_de_lijst_logt_een_inzage_per_getoonde_leerling(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    client.get(reverse("regie:casussen"))
    logs = Inzage.objects.filter(bron="regie:casussen")
    assert {i.leerling_id for i in logs} == {
        alle["demodam_school1"].leerling_id,
        alle["buurdorp_school1"].leerling_id,
    }
    assert {i.handeling for i in logs} == {Inzage.Handeling.ZOEKEN}


def test_de_lijst_vraagt_evenveel_queries_voor_veel_casussen_als_voor_weinig(
    wereld: Wereld, client: Client
) -> None:
    from tests.factories import InschrijvingFactory, LeerlingFactory

    school1, _ = scholen()
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(school)

    def nieuwe_casus() -> None:
        leerling = LeerlingFactory()
        InschrijvingFactory(leerling=leerling, school=school1)
        open_casus(leerling, school)

    nieuwe_casus()
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("regie:casussen"))
    for _ in range(5):
        nieuwe_casus()
    with CaptureQueriesContext(connection) as veel:
        client.get(reverse("regie:casussen"))
    assert len(veel) == len(weinig)


# --- the case page -------------------------------------------------------------------------


def test_de_casuspagina_toont_fase_regisseur_en_volgende_termijn(
    wereld: Wereld, client: Client
) -> None:
    # given an Amsterdam case that started six weeks ago or more, so that phase 2 (after 4
    # school weeks: holiday weeks do not count) began at least two weeks ago
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    vandaag = timezone.localdate()
    vakantieweken = Schoolkalender("noord").vakantieweken
    start = vandaag - timedelta(weeks=6)
    while schoolweken_na(start, 4, vakantieweken=vakantieweken) > vandaag - timedelta(weeks=2):
        start -= timedelta(weeks=1)
    casus = open_casus(wereld.leerlingen["demodam_school1"], school, start=start)
    client.force_login(school)
    antwoord = client.get(reverse("regie:casus", args=[casus.pk]))
    assert antwoord.status_code == 200
    kop = antwoord.context["kop"]
    inhoud = antwoord.content.decode()
    # then the phase, the regisseur and the next deadline are at the top
    assert kop.beoordeling.fase.code == "leerplicht"
    assert "Fase 2: Leerplicht heeft de regie" in inhoud
    assert str(school) in inhoud
    assert kop.volgende is not None
    assert kop.volgende.termijn.verloopt_op.strftime("%d-%m-%Y") in inhoud
    # and the model says Leerplicht should direct now, which the page says in words
    assert kop.regisseur_volgens_model in inhoud
    # and the overdue steps carry a "te laat" label, not only a colour; the conversation of
    # phase 1 lapsed when phase 2 began and is listed as not done
    te_laat = [s.stap.code for s in kop.te_laat]
    assert "regie_overgedragen" in te_laat
    assert "gesprek_ouders" not in te_laat
    assert _nl("lapsed (not done)") in inhoud
    assert f'<strong class="bb-te-laat">{_nl("overdue")}</strong>' in inhoud
    assert 'id="te-laat"' in inhoud


@pytest.mark.parametrize(
    ("wie", "casus"),
    [
        ("andere_school", "demodam_school1"),
        ("andere_gemeente", "buurdorp_school2"),
        ("niet_betrokken", "buurdorp_school2"),
        ("beleid", "demodam_school1"),
        ("beheerder", "demodam_school1"),
    ],
)
def test_een_casus_buiten_het_eigen_zicht_wordt_niet_gevonden_en_niet_gelogd(
    wereld: Wereld, client: Client, alle: dict[str, Casus], wie: str, casus: str
) -> None:
    gebruiker = {
        "andere_school": school2_medewerker,
        "andere_gemeente": lambda: wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        "niet_betrokken": lambda: wereld.medewerkers[Rol.JEUGDARTS],
        "beleid": lambda: wereld.medewerkers[Rol.BELEIDSMEDEWERKER],
        "beheerder": lambda: wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER],
    }[wie]()
    client.force_login(gebruiker)
    gekozen = alle[casus]
    voor = _stand()
    assert client.get(reverse("regie:casus", args=[gekozen.pk])).status_code == 404
    # every form on the page refuses the same way and changes nothing
    for naam in ("overdragen", "deelnemer", "contactmoment", "plan", "actie", "stap", "sluiten"):
        antwoord = client.post(reverse(f"regie:{naam}", args=[gekozen.pk]), _geldig(naam, wereld))
        assert antwoord.status_code == 404, naam
    # and so does every folded form, with htmx or without
    for vouw in UITKLAPBAAR:
        url = reverse("regie:formulier", args=[gekozen.pk, vouw])
        assert client.get(url).status_code == 404, vouw
        assert client.get(url, HTTP_HX_REQUEST="true").status_code == 404, vouw
    assert _stand() == voor
    assert not Inzage.objects.filter(bron__startswith="regie:", medewerker=gebruiker).exists()


def test_een_deelnemer_mag_de_regie_niet_overdragen_en_er_verandert_niets(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    # given the youth doctor takes part in the case, but does not direct it
    client.force_login(wereld.medewerkers[Rol.JEUGDARTS])
    casus = alle["demodam_school1"]
    voor = _stand()
    for naam in ("overdragen", "deelnemer", "sluiten"):
        antwoord = client.post(reverse(f"regie:{naam}", args=[casus.pk]), _geldig(naam, wereld))
        assert antwoord.status_code == 403, naam
    # nor fetch the forms of what it may not do
    for vouw in ("overdracht", "deelnemer"):
        url = reverse("regie:formulier", args=[casus.pk, vouw])
        assert client.get(url, HTTP_HX_REQUEST="true").status_code == 403, vouw
    assert _stand() == voor


def test_de_casuspagina_logt_een_inzage_met_de_casus(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    gebruiker = wereld.medewerkers[Rol.JEUGDARTS]
    client.force_login(gebruiker)
    casus = alle["demodam_school1"]
    client.get(reverse("regie:casus", args=[casus.pk]))
    inzage = Inzage.objects.get(bron="regie:casus")
    assert (inzage.leerling_id, inzage.casus_id, inzage.handeling, inzage.medewerker_id) == (
        casus.leerling_id,
        casus.pk,
        Inzage.Handeling.BEKIJKEN,
        gebruiker.pk,
    )


def _geldig(naam: str, wereld: Wereld) -> dict[str, Any]:
    """A valid submission of each form of the case page."""
    vandaag = timezone.localdate().isoformat()
    return {
        "overdragen": {
            "overdracht-naar": wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR].pk,
            "overdracht-datum": vandaag,
            "overdracht-reden": "Na 4 weken",
        },
        "deelnemer": {
            "deelnemer-soort": "extern",
            "deelnemer-naam": "J. Jansen",
            "deelnemer-rol": "zorgaanbieder",
        },
        "contactmoment": {
            "contact-soort": "huisbezoek",
            "contact-datum": vandaag,
            "contact-met": ["ouders", "leerling"],
            "contact-verslag": "Thuis gesproken.",
        },
        "plan": {"plan-basis_versie": 0, "plan-doel": "Terug naar school"},
        "actie": {
            "actie-wie_naam": "Moeder",
            "actie-wat": "Aanmelden bij de huisarts",
            "actie-uiterlijk": vandaag,
        },
        "stap": {"stap-stap": "uvo", "stap-datum": vandaag},
        "sluiten": {
            "sluiten-passend_aanbod": "eigen_school",
            "sluiten-op": vandaag,
            "sluiten-opmerking": "",
        },
        "heropenen": {"heropenen-reden": "Weer thuis"},
    }[naam]


@pytest.mark.parametrize(
    ("naam", "gebeurtenis"),
    [
        ("overdragen", CasusGebeurtenis.Soort.REGIE_OVERGEDRAGEN),
        ("deelnemer", CasusGebeurtenis.Soort.DEELNEMER_TOEGEVOEGD),
        ("contactmoment", CasusGebeurtenis.Soort.CONTACTMOMENT),
        ("plan", CasusGebeurtenis.Soort.PLAN_OPGESLAGEN),
        ("actie", CasusGebeurtenis.Soort.ACTIE_TOEGEVOEGD),
        ("stap", CasusGebeurtenis.Soort.STAP_GEDAAN),
        ("sluiten", CasusGebeurtenis.Soort.GESLOTEN),
    ],
)
def test_de_regisseur_gebruikt_elk_formulier_van_de_casuspagina(
    wereld: Wereld, client: Client, alle: dict[str, Casus], naam: str, gebeurtenis: str
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(school)
    casus = alle["demodam_school1"]
    voor = casus.gebeurtenissen.filter(soort=gebeurtenis, wie=school).count()
    antwoord = client.post(reverse(f"regie:{naam}", args=[casus.pk]), _geldig(naam, wereld))
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("regie:casus", args=[casus.pk])
    assert casus.gebeurtenissen.filter(soort=gebeurtenis, wie=school).count() == voor + 1
    inzage = Inzage.objects.get(bron=f"regie:{_formnaam(naam)}")
    assert (inzage.handeling, inzage.casus_id) == (Inzage.Handeling.WIJZIGEN, casus.pk)


def _formnaam(naam: str) -> str:
    return {"overdragen": "overdracht", "contactmoment": "contact"}.get(naam, naam)


def test_een_huisbezoek_via_de_pagina_is_de_stap_huisbezoek(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.JEUGDARTS])
    casus = alle["demodam_school1"]
    client.post(reverse("regie:contactmoment", args=[casus.pk]), _geldig("contactmoment", wereld))
    contact = Contactmoment.objects.get(casus=casus)
    assert (contact.soort, contact.met) == ("huisbezoek", ["ouders", "leerling"])
    assert casus.gebeurtenissen.get(soort="contactmoment").stap == "huisbezoek"


def test_een_ongeldig_formulier_toont_zijn_fouten_en_slaat_niets_op(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    casus = alle["demodam_school1"]
    voor = _stand()
    antwoord = client.post(reverse("regie:overdragen", args=[casus.pk]), {"overdracht-reden": ""})
    assert antwoord.status_code == 400
    assert _nl("Choose the new case director.") in antwoord.content.decode()
    assert _stand() == voor


def test_een_intussen_door_een_ander_opgeslagen_plan_geeft_een_duidelijke_melding_en_slaat_niets_op(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    # given the school and the youth doctor both opened the plan at version 1
    casus = alle["demodam_school1"]
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    services.sla_plan_op(casus=casus, door=school, basis_versie=0, doel="Versie 1")
    # and the youth doctor saved first
    client.force_login(wereld.medewerkers[Rol.JEUGDARTS])
    eerst = client.post(
        reverse("regie:plan", args=[casus.pk]), {"plan-basis_versie": 1, "plan-doel": "Van arts"}
    )
    assert eerst.status_code == 302
    # when the school saves its change on version 1
    client.force_login(school)
    voor = _stand()
    antwoord = client.post(
        reverse("regie:plan", args=[casus.pk]), {"plan-basis_versie": 1, "plan-doel": "Van school"}
    )
    # then nothing is saved, the message says why, and the school's text is kept
    assert antwoord.status_code == 400
    assert _stand() == voor
    assert casus.planversies.order_by("-versie").first().doel == "Van arts"  # type: ignore[union-attr]
    inhoud = antwoord.content.decode()
    with translation.override("nl"):
        bericht = gettext(
            "Someone else saved the plan meanwhile (now version %(versie)d). Your change has "
            "not been saved: look at the newest version below and make your change again."
        ) % {"versie": 2}
    assert bericht in inhoud
    assert "Van school" in inhoud
    form = antwoord.context["uitklap"]["plan"].form
    assert form["basis_versie"].value() == "2"


def test_een_actie_wordt_vanaf_de_pagina_afgerond(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    casus = alle["buurdorp_school2"]
    gezinswerker = wereld.medewerkers[Rol.GEZINSWERKER]
    actie = services.voeg_actie_toe(
        casus=casus,
        door=gezinswerker,
        wat="Bellen",
        uiterlijk=timezone.localdate(),
        wie=gezinswerker,
    )
    client.force_login(gezinswerker)
    antwoord = client.post(
        reverse("regie:actie_afronden", args=[casus.pk, actie.pk]),
        {"afronden-status": "gedaan", "afronden-op": timezone.localdate().isoformat()},
    )
    assert antwoord.status_code == 302
    actie.refresh_from_db()
    assert actie.status == "gedaan"
    # an action of another case is not found through this case
    andere = services.voeg_actie_toe(
        casus=alle["demodam_school1"],
        door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        wat="x",
        uiterlijk=timezone.localdate(),
        wie_naam="Moeder",
    )
    antwoord = client.post(
        reverse("regie:actie_afronden", args=[casus.pk, andere.pk]), {"afronden-status": "gedaan"}
    )
    assert antwoord.status_code == 404


def test_leerplicht_sluit_en_heropent_een_casus(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    casus = alle["demodam_uitgeschreven"]
    antwoord = client.post(
        reverse("regie:heropenen", args=[casus.pk]), _geldig("heropenen", wereld)
    )
    assert antwoord.status_code == 302
    casus.refresh_from_db()
    assert casus.is_open
    # the page of a closed case of the school, which Leerplicht does not direct: reopen refused
    client.force_login(wereld.medewerkers[Rol.JEUGDARTS])
    assert client.post(reverse("regie:heropenen", args=[casus.pk]), {}).status_code == 404


# --- the timeline --------------------------------------------------------------------------


def test_de_tijdlijn_toont_alles_nieuwste_eerst_en_filtert_op_soort(
    wereld: Wereld, client: Client
) -> None:
    school1, _ = scholen()
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    leerling = wereld.leerlingen["demodam_school1"]
    signaal = SignaalFactory(leerling=leerling, school=school1)
    casus = services.open_casus(leerling=leerling, door=school, signaal=signaal)
    services.sla_plan_op(casus=casus, door=school, basis_versie=0, doel="Doel")
    services.registreer_contactmoment(
        casus=casus, door=school, soort="gesprek", datum=timezone.localdate(), verslag="."
    )
    client.force_login(school)
    antwoord = client.get(reverse("regie:casus", args=[casus.pk]))
    items = antwoord.context["tijdlijn"]
    momenten = [i.moment for i in items]
    assert momenten == sorted(momenten, reverse=True)
    assert [i.soort for i in items if i.soort not in ("signaal", "fase")] == [
        "contact",
        "plan",
        "casus",
    ]
    assert {"signaal", "fase"} <= {i.soort for i in items}
    # filtered: only plan versions
    antwoord = client.get(reverse("regie:casus", args=[casus.pk]), {"soort": "plan"})
    assert [i.soort for i in antwoord.context["tijdlijn"]] == ["plan"]


# --- opening a case ------------------------------------------------------------------------


def test_een_casus_wordt_vanaf_de_signaalpagina_geopend_en_handelt_het_signaal_af(
    wereld: Wereld, client: Client
) -> None:
    school1, _ = scholen()
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    signaal = SignaalFactory(leerling=wereld.leerlingen["demodam_school1"], school=school1)
    client.force_login(school)
    pagina = client.get(reverse("signalering:signaal", args=[signaal.pk]))
    url = reverse("regie:nieuw", args=[signaal.leerling_id]) + f"?signaal={signaal.pk}"
    assert url.replace("?", "?") in pagina.content.decode()
    formulier = client.get(url)
    assert formulier.status_code == 200
    assert formulier.context["form"]["start"].value() == signaal.van
    antwoord = client.post(url, {"start": signaal.van.isoformat(), "signaal": signaal.pk})
    casus = Casus.objects.get()
    assert antwoord["Location"] == reverse("regie:casus", args=[casus.pk])
    signaal.refresh_from_db()
    assert (signaal.status, signaal.afhandeling) == ("afgehandeld", "casus")
    assert casus.signaal == signaal
    assert Inzage.objects.filter(
        bron="regie:nieuw", handeling=Inzage.Handeling.AANMAKEN, casus_id=casus.pk
    ).exists()


def test_de_leerlingpagina_heeft_een_casussectie_met_de_openknop(
    wereld: Wereld, client: Client
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    pagina = client.get(reverse("registratie:leerling", args=[leerling.pk])).content.decode()
    assert reverse("regie:nieuw", args=[leerling.pk]) in pagina
    casus = open_casus(leerling, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    pagina = client.get(reverse("registratie:leerling", args=[leerling.pk])).content.decode()
    assert reverse("regie:casus", args=[casus.pk]) in pagina
    assert reverse("regie:nieuw", args=[leerling.pk]) not in pagina


@pytest.mark.parametrize("rol", [Rol.JEUGDARTS, Rol.BELEIDSMEDEWERKER, Rol.SWV_CONSULENT])
def test_wie_geen_casus_mag_openen_wordt_geweigerd_en_er_verandert_niets(
    wereld: Wereld, client: Client, rol: str
) -> None:
    school1, _ = scholen()
    signaal = SignaalFactory(leerling=wereld.leerlingen["demodam_school1"], school=school1)
    client.force_login(wereld.medewerkers[rol])
    url = reverse("regie:nieuw", args=[signaal.leerling_id])
    assert client.post(url, {"start": signaal.van.isoformat()}).status_code == 404
    assert not Casus.objects.exists()
    signaal.refresh_from_db()
    assert signaal.status == Signaal.Status.OPEN


def test_de_andere_school_opent_geen_casus_voor_een_leerling_die_zij_niet_ziet(
    wereld: Wereld, client: Client
) -> None:
    client.force_login(school2_medewerker())
    leerling = wereld.leerlingen["demodam_school1"]
    antwoord = client.post(
        reverse("regie:nieuw", args=[leerling.pk]), {"start": timezone.localdate().isoformat()}
    )
    assert antwoord.status_code == 404
    assert not Casus.objects.exists()


def test_een_tweede_open_casus_wordt_geweigerd_met_een_melding(
    wereld: Wereld, client: Client
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    open_casus(leerling, school)
    client.force_login(school)
    antwoord = client.post(
        reverse("regie:nieuw", args=[leerling.pk]), {"start": timezone.localdate().isoformat()}
    )
    assert antwoord.status_code == 400
    assert "al een open casus" in antwoord.content.decode()
    assert Casus.objects.count() == 1


def test_de_navigatie_toont_casussen_aan_de_rollen_die_ze_mogen_zien(
    wereld: Wereld, client: Client
) -> None:
    for rol, gebruiker in wereld.medewerkers.items():
        client.force_login(gebruiker)
        pagina = client.get(reverse("web:vandaag")).content.decode()
        assert (f'href="{reverse("regie:casussen")}"' in pagina) == (rol in CASUSROLLEN), rol


# --- the folded forms ------------------------------------------------------------------------


def test_de_casuspagina_toont_geen_ingeklapt_formulier_alleen_wat_het_ophaalt(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    # given the case director (the school) opens the case
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    casus = alle["demodam_school1"]
    inhoud = client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
    # then no field of a folded form is on the page, but each fold fetches its form when it
    # opens (htmx) and holds a link to it for a browser without JavaScript
    for naam in UITKLAPBAAR:
        url = reverse("regie:formulier", args=[casus.pk, naam])
        assert f'id="id_{naam}-' not in inhoud, naam
        assert f'hx-get="{url}"' in inhoud, naam
        assert f'href="{url}"' in inhoud, naam
    # and the justice folds the same way
    url = reverse("regie:justitie_formulier", args=[casus.pk, "opp"])
    assert f'hx-get="{url}"' in inhoud
    assert 'id="id_opp-' not in inhoud


def test_een_deelnemer_ziet_geen_uitklap_voor_wat_hij_niet_mag(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.JEUGDARTS])
    casus = alle["demodam_school1"]
    inhoud = client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
    assert reverse("regie:formulier", args=[casus.pk, "overdracht"]) not in inhoud
    assert reverse("regie:formulier", args=[casus.pk, "contact"]) in inhoud


def test_een_uitklap_haalt_alleen_zijn_formulier_op_en_het_lezen_wordt_gelogd(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    client.force_login(school)
    casus = alle["demodam_school1"]
    services.sla_plan_op(casus=casus, door=school, basis_versie=0, doel="Halve dagen naar school")
    url = reverse("regie:formulier", args=[casus.pk, "plan"])
    # when the fold opens (htmx)
    antwoord = client.get(url, HTTP_HX_REQUEST="true")
    inhoud = antwoord.content.decode()
    # then the answer is the form alone, filled with the newest version, posting to the plan
    assert antwoord.status_code == 200
    assert "<html" not in inhoud
    assert f'action="{reverse("regie:plan", args=[casus.pk])}"' in inhoud
    assert 'name="plan-basis_versie" value="1"' in inhoud
    assert "Halve dagen naar school" in inhoud
    # and the plan was read, so the access log says so, with the case
    inzage = Inzage.objects.get(bron="regie:formulier:plan")
    assert (inzage.leerling_id, inzage.casus_id, inzage.medewerker_id, inzage.handeling) == (
        casus.leerling_id,
        casus.pk,
        school.pk,
        Inzage.Handeling.BEKIJKEN,
    )


def test_zonder_javascript_opent_een_uitklap_zijn_formulier_op_een_eigen_pagina(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    casus = alle["demodam_school1"]
    antwoord = client.get(reverse("regie:formulier", args=[casus.pk, "actie"]))
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "<html" in inhoud
    assert escape(casus.leerling.naam) in inhoud
    assert f'action="{reverse("regie:actie", args=[casus.pk])}"' in inhoud
    assert 'id="id_actie-wat"' in inhoud
    assert f'href="{reverse("regie:casus", args=[casus.pk])}"' in inhoud


def test_een_onbekende_uitklap_wordt_niet_gevonden(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    casus = alle["demodam_school1"]
    for naam in ("sluiten", "bestaat-niet"):
        assert client.get(reverse("regie:formulier", args=[casus.pk, naam])).status_code == 404


def test_een_justitie_uitklap_haalt_zijn_formulier_op(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    casus = alle["demodam_school1"]
    url = reverse("regie:justitie_formulier", args=[casus.pk, "opp"])
    antwoord = client.get(url, HTTP_HX_REQUEST="true")
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "<html" not in inhoud
    assert f'action="{url}"' in inhoud
    assert 'id="id_opp-' in inhoud
    assert Inzage.objects.filter(bron="regie:justitie_opp", casus_id=casus.pk).exists()
    # a justice form the school may not use is refused, also on GET
    verboden = reverse("regie:justitie_formulier", args=[casus.pk, "brief"])
    assert client.get(verboden, HTTP_HX_REQUEST="true").status_code == 403


def test_een_formulier_met_fouten_staat_open_op_de_casuspagina(
    wereld: Wereld, client: Client, alle: dict[str, Casus]
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    casus = alle["demodam_school1"]
    antwoord = client.post(reverse("regie:actie", args=[casus.pk]), {"actie-wat": ""})
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 400
    assert 'id="id_actie-wat"' in inhoud
    assert '<details class="bb-uitklap" open>' in inhoud
    # the other folds still fetch their forms
    assert 'id="id_plan-doel"' not in inhoud
