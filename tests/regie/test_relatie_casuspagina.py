# SPDX-License-Identifier: EUPL-1.2
"""The professional's side of relatie on the case page (docs/relatie.md, "De kant van de
professional"): the section "Ouders en leerling" and its forms (regie.views.relatie). Who may,
who is refused (and then nothing changed), ids of another case, the access log."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest
from pypdf import PdfReader

from binnenboord.regie import services
from binnenboord.regie.models import (
    Agendapunt,
    Bericht,
    Casus,
    Correctieverzoek,
    Overleg,
    Overlegsoort,
    Overleguitnodiging,
    Planreactie,
    Portaaltoegang,
    Verhaal,
)
from binnenboord.regie.relatie import uit_te_nodigen
from binnenboord.regie.services.relatie import uitnodiging_met_code
from binnenboord.toegang.models import Gemeente, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import (
    MedewerkerFactory,
    OrganisatieFactory,
    OuderFactory,
    PortaaltoegangFactory,
)
from tests.regie.factories import casussen, school2_medewerker
from tests.wereld import Wereld

Status = Portaaltoegang.Status
CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def _nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


class Gezin:
    """The case of demodam_school1 (directed by school 1, the youth doctor takes part) with a
    mother with gezag and an e-mail address and a father without gezag; and the case of
    buurdorp_school1 (the same director) with a parent of its own: ids of another case."""

    def __init__(self, wereld: Wereld) -> None:
        self.wereld = wereld
        self.alle = casussen(wereld)
        self.casus: Casus = self.alle["demodam_school1"]
        leerling = self.casus.leerling
        self.moeder: Any = OuderFactory(
            leerling=leerling, achternaam="Moedernaam", email="moeder@example.org", gezag=True
        )
        self.vader: Any = OuderFactory(
            leerling=leerling, relatie="vader", achternaam="Vadernaam", gezag=False
        )
        self.andere: Casus = self.alle["buurdorp_school1"]
        self.andere_ouder: Any = OuderFactory(leerling=self.andere.leerling, gezag=True)
        self.m = wereld.medewerkers

    @property
    def school(self) -> Any:
        return self.m[Rol.SCHOOLMEDEWERKER]

    def pagina(self, client: Client, wie: Any = None) -> str:
        client.force_login(wie or self.school)
        antwoord = client.get(reverse("regie:casus", args=[self.casus.pk]))
        assert antwoord.status_code == 200
        return antwoord.content.decode()


@pytest.fixture
def gezin(wereld: Wereld) -> Gezin:
    return Gezin(wereld)


def _stand() -> tuple[Any, ...]:
    """Everything the section's forms could write."""
    return (
        tuple(
            Portaaltoegang.objects.order_by("pk").values_list("pk", "status", "reden", "code_hash")
        ),
        Verhaal.objects.count(),
        Planreactie.objects.count(),
        Overleguitnodiging.objects.count(),
        tuple(Bericht.objects.order_by("pk").values_list("pk", "gelezen_op")),
        tuple(Correctieverzoek.objects.order_by("pk").values_list("pk", "uitkomst")),
    )


# --- the section ----------------------------------------------------------------------------


def test_de_sectie_toont_elke_ouder_en_de_leerling_met_hun_plek_in_het_portaal(
    gezin: Gezin, client: Client
) -> None:
    inhoud = gezin.pagina(client)
    assert 'id="ouders-en-leerling"' in inhoud
    for sleutel in (f"ouder:{gezin.moeder.pk}", f"ouder:{gezin.vader.pk}", "leerling"):
        assert f'data-persoon="{sleutel}"' in inhoud
    assert _nl("Not invited") in inhoud
    # the father without gezag: no access, and no invitation to offer
    assert _nl("no access: no parental authority") in inhoud
    assert f'name="uitnodigen-persoon" value="ouder:{gezin.vader.pk}"' not in inhoud
    # the mother and the pupil (14) can be invited; the mother's address is filled in
    assert f'name="uitnodigen-persoon" value="ouder:{gezin.moeder.pk}"' in inhoud
    assert 'name="uitnodigen-persoon" value="leerling"' in inhoud
    assert 'value="moeder@example.org"' in inhoud
    assert _nl("Invite (the code is shown only this once)") in inhoud


def test_de_status_zegt_uitgenodigd_actief_beeindigd_en_ontzegd_met_reden_en_wie(
    gezin: Gezin, client: Client
) -> None:
    school = gezin.school
    PortaaltoegangFactory(
        casus=gezin.casus,
        ouder=gezin.moeder,
        uitgenodigd=True,
        code_geldig_tot=timezone.now() + timedelta(days=10),
    )
    PortaaltoegangFactory(
        casus=gezin.casus,
        ouder=gezin.vader,
        ontzegd=True,
        beeindigd_door=school,
        reden="Veilig Thuis loopt",
    )
    PortaaltoegangFactory(
        casus=gezin.casus, ouder=None, beeindigd=True, beeindigd_door=school, reden="Verhuisd"
    )
    inhoud = gezin.pagina(client)
    geldig = (timezone.localtime() + timedelta(days=10)).strftime("%d-%m-%Y")
    assert geldig in inhoud
    assert "Veilig Thuis loopt" in inhoud
    assert "Verhuisd" in inhoud
    assert str(school) in inhoud
    # the withheld father is offered lifting, the invited mother a new code and withdrawal
    assert _nl("Lift the withholding") in inhoud
    assert _nl("Withdraw the invitation") in inhoud
    # a participant sees that access was withheld and by whom, not why
    deelnemer = gezin.pagina(client, gezin.m[Rol.JEUGDARTS])
    assert str(school) in deelnemer
    assert "Veilig Thuis loopt" not in deelnemer and "Verhuisd" not in deelnemer


def test_een_actieve_ouder_van_een_leerling_van_zeventien_zonder_toestemming_ziet_de_reden(
    gezin: Gezin, client: Client
) -> None:
    leerling = gezin.casus.leerling
    vandaag = timezone.localdate()
    leerling.geboortedatum = date(vandaag.year - 17, 1, 1)
    leerling.save()
    PortaaltoegangFactory(casus=gezin.casus, ouder=gezin.moeder)
    inhoud = gezin.pagina(client)
    assert "toestemming" in inhoud
    assert "data-reden" in inhoud


def test_een_leerling_onder_de_twaalf_krijgt_geen_uitnodiging_en_de_pagina_zegt_waarom(
    gezin: Gezin, client: Client
) -> None:
    leerling = gezin.casus.leerling
    leerling.geboortedatum = timezone.localdate() - timedelta(days=365 * 10)
    leerling.save()
    inhoud = gezin.pagina(client)
    assert 'name="uitnodigen-persoon" value="leerling"' not in inhoud
    assert "vanaf 12 jaar" in inhoud


def test_wie_alleen_meekijkt_ziet_de_sectie_zonder_knoppen(gezin: Gezin, client: Client) -> None:
    PortaaltoegangFactory(casus=gezin.casus, ouder=gezin.moeder)
    inhoud = gezin.pagina(client, gezin.m[Rol.JEUGDARTS])
    assert 'id="ouders-en-leerling"' in inhoud
    assert "uitnodigen-persoon" not in inhoud
    assert reverse("regie:relatie_ontzeggen", args=[gezin.casus.pk, gezin.moeder.pk]) not in inhoud
    assert "/berichten/" not in inhoud
    # a participant notes a story on someone's behalf
    assert reverse("regie:relatie_verhaal", args=[gezin.casus.pk]) in inhoud


# --- inviting -------------------------------------------------------------------------------


def test_uitnodigen_per_brief_geeft_eenmalig_de_pdf_met_de_code(
    gezin: Gezin, client: Client
) -> None:
    client.force_login(gezin.school)
    antwoord = client.post(
        reverse("regie:relatie_uitnodigen", args=[gezin.casus.pk]),
        {"uitnodigen-persoon": f"ouder:{gezin.moeder.pk}", "uitnodigen-via": "brief"},
    )
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert "attachment" in antwoord["Content-Disposition"]
    assert antwoord["Cache-Control"] == "no-store"
    toegang = Portaaltoegang.objects.get(casus=gezin.casus, ouder=gezin.moeder)
    assert toegang.status == Status.UITGENODIGD and toegang.via == "brief"
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(antwoord.content)).pages)
    (code,) = CODE.findall(tekst)
    assert uitnodiging_met_code(code) == toegang
    # the code is nowhere else: not in the stored letter, not on the case page
    assert code not in toegang.casus.brieven.get(ouder=gezin.moeder).tekst
    assert code not in gezin.pagina(client)
    # the read and the export are in the access log
    assert Inzage.objects.filter(
        bron="regie:relatie_uitnodigen", casus_id=gezin.casus.pk, handeling="exporteren"
    ).exists()


def test_uitnodigen_per_email_stuurt_de_mail_en_meldt_het(
    gezin: Gezin, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(gezin.school)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("regie:relatie_uitnodigen", args=[gezin.casus.pk]),
            {
                "uitnodigen-persoon": "leerling",
                "uitnodigen-via": "email",
                "uitnodigen-email": "leerling@example.org",
            },
            follow=True,
        )
    assert antwoord.status_code == 200
    assert "leerling@example.org" in antwoord.content.decode()
    toegang = Portaaltoegang.objects.get(casus=gezin.casus, ouder=None)
    assert toegang.via == "email" and toegang.email == "leerling@example.org"
    assert [m.to for m in mail.outbox] == [["leerling@example.org"]]


def test_uitnodigen_per_email_zonder_adres_noemt_het_veld(gezin: Gezin, client: Client) -> None:
    client.force_login(gezin.school)
    antwoord = client.post(
        reverse("regie:relatie_uitnodigen", args=[gezin.casus.pk]),
        {"uitnodigen-persoon": "leerling", "uitnodigen-via": "email"},
    )
    assert antwoord.status_code == 400
    assert antwoord.context["form"].errors["email"] == [
        _nl("Give the e-mail address for an invitation by e-mail.")
    ]
    assert not Portaaltoegang.objects.exists()


@pytest.mark.parametrize("wie", ["vader", "andere_ouder", "onzin"])
def test_wie_niet_uit_te_nodigen_is_wordt_geweigerd(gezin: Gezin, client: Client, wie: str) -> None:
    # the father without gezag, a parent of another case (the same director), no person
    sleutel = {
        "vader": f"ouder:{gezin.vader.pk}",
        "andere_ouder": f"ouder:{gezin.andere_ouder.pk}",
        "onzin": "ouder:abc",
    }[wie]
    client.force_login(gezin.school)
    antwoord = client.post(
        reverse("regie:relatie_uitnodigen", args=[gezin.casus.pk]),
        {"uitnodigen-persoon": sleutel, "uitnodigen-via": "brief"},
    )
    assert antwoord.status_code == 400
    assert "persoon" in antwoord.context["form"].errors
    assert not Portaaltoegang.objects.exists()


def test_een_nieuwe_code_per_brief_vervangt_de_oude(gezin: Gezin, client: Client) -> None:
    client.force_login(gezin.school)
    url = reverse("regie:relatie_uitnodigen", args=[gezin.casus.pk])
    eerste = client.post(url, {"uitnodigen-persoon": "leerling", "uitnodigen-via": "brief"})
    (oud,) = CODE.findall(
        "".join(p.extract_text() for p in PdfReader(io.BytesIO(eerste.content)).pages)
    )
    toegang = Portaaltoegang.objects.get(casus=gezin.casus, ouder=None)
    antwoord = client.post(reverse("regie:relatie_code", args=[gezin.casus.pk, toegang.pk]))
    assert antwoord["Content-Type"] == "application/pdf"
    (nieuw,) = CODE.findall(
        "".join(p.extract_text() for p in PdfReader(io.BytesIO(antwoord.content)).pages)
    )
    assert nieuw != oud
    assert uitnodiging_met_code(nieuw) == toegang
    assert uitnodiging_met_code(oud) is None


def test_een_deelnemer_mag_niet_uitnodigen(gezin: Gezin, client: Client) -> None:
    client.force_login(gezin.m[Rol.JEUGDARTS])
    antwoord = client.post(
        reverse("regie:relatie_uitnodigen", args=[gezin.casus.pk]),
        {"uitnodigen-persoon": "leerling", "uitnodigen-via": "brief"},
    )
    assert antwoord.status_code == 403
    assert not Portaaltoegang.objects.exists()


def test_een_gesloten_casus_nodigt_niemand_meer_uit(gezin: Gezin, client: Client) -> None:
    gesloten = gezin.alle["demodam_uitgeschreven"]
    client.force_login(gezin.m[Rol.LEERPLICHTAMBTENAAR])
    antwoord = client.post(
        reverse("regie:relatie_uitnodigen", args=[gesloten.pk]),
        {"uitnodigen-persoon": "leerling", "uitnodigen-via": "brief"},
    )
    assert antwoord.status_code == 403
    assert not Portaaltoegang.objects.exists()


# --- ending, withholding, lifting -------------------------------------------------------------


def test_beeindigen_vraagt_eerst_bevestiging_en_legt_dan_de_reden_vast(
    gezin: Gezin, client: Client
) -> None:
    toegang = PortaaltoegangFactory(casus=gezin.casus, ouder=gezin.moeder)
    url = reverse("regie:relatie_beeindigen", args=[gezin.casus.pk, toegang.pk])
    client.force_login(gezin.school)
    # the first POST shows the confirm page: nothing changed yet
    voor = _stand()
    antwoord = client.post(url, {"einde-reden": "Moeder wil het niet meer"})
    assert antwoord.status_code == 200
    assert 'name="einde-bevestigd"' in antwoord.content.decode()
    assert "Moeder wil het niet meer" in antwoord.content.decode()
    assert _stand() == voor
    # the confirmed POST ends it, with the reason and who
    antwoord = client.post(
        url, {"einde-reden": "Moeder wil het niet meer", "einde-bevestigd": "on"}
    )
    assert antwoord.status_code == 302
    toegang.refresh_from_db()
    assert toegang.status == Status.BEEINDIGD
    assert toegang.reden == "Moeder wil het niet meer"
    assert toegang.beeindigd_door == gezin.school


def test_beeindigen_zonder_reden_wordt_geweigerd_met_de_naam_van_het_veld(
    gezin: Gezin, client: Client
) -> None:
    toegang = PortaaltoegangFactory(casus=gezin.casus, ouder=gezin.moeder)
    client.force_login(gezin.school)
    voor = _stand()
    antwoord = client.post(
        reverse("regie:relatie_beeindigen", args=[gezin.casus.pk, toegang.pk]),
        {"einde-reden": "  ", "einde-bevestigd": "on"},
    )
    assert antwoord.status_code == 400
    assert antwoord.context["form"].errors["reden"] == [_nl("Give the reason.")]
    assert _stand() == voor


def test_ontzeggen_en_opheffen(gezin: Gezin, client: Client) -> None:
    client.force_login(gezin.school)
    antwoord = client.post(
        reverse("regie:relatie_ontzeggen", args=[gezin.casus.pk, gezin.moeder.pk]),
        {"einde-reden": "Veilig Thuis", "einde-bevestigd": "on"},
    )
    assert antwoord.status_code == 302
    ontzegd = Portaaltoegang.objects.get(casus=gezin.casus, ouder=gezin.moeder)
    assert ontzegd.status == Status.ONTZEGD and ontzegd.reden == "Veilig Thuis"
    assert f"ouder:{gezin.moeder.pk}" not in dict(uit_te_nodigen(gezin.casus))
    # lifting it: the mother can be invited again
    antwoord = client.post(
        reverse("regie:relatie_opheffen", args=[gezin.casus.pk, ontzegd.pk]),
        {"einde-reden": "Onderzoek afgerond", "einde-bevestigd": "on"},
    )
    assert antwoord.status_code == 302
    ontzegd.refresh_from_db()
    assert ontzegd.status == Status.BEEINDIGD
    assert f"ouder:{gezin.moeder.pk}" in dict(uit_te_nodigen(gezin.casus))


def test_opheffen_kan_alleen_bij_een_ontzegde_toegang(gezin: Gezin, client: Client) -> None:
    toegang = PortaaltoegangFactory(casus=gezin.casus, ouder=gezin.moeder)
    client.force_login(gezin.school)
    antwoord = client.post(
        reverse("regie:relatie_opheffen", args=[gezin.casus.pk, toegang.pk]),
        {"einde-reden": "x", "einde-bevestigd": "on"},
    )
    assert antwoord.status_code == 404
    toegang.refresh_from_db()
    assert toegang.status == Status.ACTIEF


# --- ids of another case, another school, another municipality ---------------------------------


def _alle_posts(
    gezin: Gezin, casus: Casus, ids: dict[str, Any]
) -> list[tuple[str, dict[str, Any]]]:
    """Every POST of the section on `casus`, with plausible data, using the given ids."""
    bevestigd = {"einde-reden": "Reden", "einde-bevestigd": "on"}
    return [
        (
            reverse("regie:relatie_uitnodigen", args=[casus.pk]),
            {"uitnodigen-persoon": ids["persoon"], "uitnodigen-via": "brief"},
        ),
        (reverse("regie:relatie_code", args=[casus.pk, ids["uitgenodigd"]]), {}),
        (reverse("regie:relatie_beeindigen", args=[casus.pk, ids["actief"]]), bevestigd),
        (reverse("regie:relatie_ontzeggen", args=[casus.pk, ids["ouder"]]), bevestigd),
        (reverse("regie:relatie_opheffen", args=[casus.pk, ids["ontzegd"]]), bevestigd),
        (
            reverse("regie:relatie_overleg", args=[casus.pk]),
            {
                "overleguitnodiging-overleg": ids["overleg"],
                "overleguitnodiging-toegang": ids["actief"],
            },
        ),
        (
            reverse("regie:relatie_verhaal", args=[casus.pk]),
            {"verhaal-namens": ids["persoon"], "verhaal-wat_speelt": "Binnengedrongen"},
        ),
        (
            reverse("regie:relatie_berichten", args=[casus.pk, ids["actief"]]),
            {"bericht-tekst": "Binnengedrongen"},
        ),
        (
            reverse("regie:relatie_correctie", args=[casus.pk, ids["verzoek"]]),
            {"correctie-uitkomst": "afgewezen", "correctie-antwoord": "Nee"},
        ),
    ]


def _objecten_van(casus: Casus, ouder: Any, school: Any) -> dict[str, Any]:
    """An active, an invited and a withheld access, a meeting ahead with the case on its agenda,
    a message and a correction request of `casus`."""
    actief = PortaaltoegangFactory(casus=casus, ouder=None)
    uitgenodigd = PortaaltoegangFactory(casus=casus, ouder=ouder, uitgenodigd=True)
    ander = OuderFactory(leerling=casus.leerling, relatie="vader")
    ontzegd = PortaaltoegangFactory(casus=casus, ouder=ander, ontzegd=True)
    overleg = Overleg.objects.create(
        soort=Overlegsoort.UVO,
        organisatie=school.organisatie,
        datum=timezone.localdate() + timedelta(days=7),
        voorzitter=school,
        aangemaakt_door=school,
    )
    Agendapunt.objects.create(overleg=overleg, casus=casus, volgorde=1, toegevoegd_door=school)
    Bericht.objects.create(toegang=actief, casus=casus, tekst="Vraag van de leerling")
    verzoek = Correctieverzoek.objects.create(
        toegang=actief, casus=casus, wat="Adres", toelichting="Klopt niet"
    )
    return {
        "persoon": f"ouder:{ouder.pk}",
        "ouder": ouder.pk,
        "actief": actief.pk,
        "uitgenodigd": uitgenodigd.pk,
        "ontzegd": ontzegd.pk,
        "overleg": overleg.pk,
        "verzoek": verzoek.pk,
    }


def test_ids_van_een_andere_casus_worden_geweigerd_en_er_verandert_niets(
    gezin: Gezin, client: Client
) -> None:
    # the school directs both cases: every id of the other case, posted on this case's URLs
    ids = _objecten_van(gezin.andere, gezin.andere_ouder, gezin.school)
    client.force_login(gezin.school)
    voor = _stand()
    statussen = [
        client.post(url, data).status_code for url, data in _alle_posts(gezin, gezin.casus, ids)
    ]
    # ids in the path: not found; ids in the form: no choice of this case's form (400)
    assert statussen == [400, 404, 404, 404, 404, 400, 400, 404, 404]
    assert _stand() == voor
    # the GET of another case's thread under this case: not found, and not marked read
    assert (
        client.get(
            reverse("regie:relatie_berichten", args=[gezin.casus.pk, ids["actief"]])
        ).status_code
        == 404
    )
    assert _stand() == voor


def test_een_andere_school_en_een_andere_gemeente_krijgen_niet_gevonden(
    gezin: Gezin, client: Client
) -> None:
    ids = _objecten_van(gezin.casus, gezin.moeder, gezin.school)
    buurdorp = Gemeente.objects.get(code="9998")
    aanvallers = {
        "andere_school": school2_medewerker(),
        "andere_gemeente": MedewerkerFactory(
            rol=Rol.LEERPLICHTAMBTENAAR,
            organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
        ),
        # a youth doctor who takes no part in this case
        "andere_jeugdarts": MedewerkerFactory(
            rol=Rol.JEUGDARTS, organisatie=gezin.m[Rol.JEUGDARTS].organisatie
        ),
    }
    voor = _stand()
    inzagen = Inzage.objects.count()
    for wie, aanvaller in aanvallers.items():
        client.force_login(aanvaller)
        for url, data in _alle_posts(gezin, gezin.casus, ids):
            assert client.post(url, data).status_code == 404, (wie, url)
        berichten = reverse("regie:relatie_berichten", args=[gezin.casus.pk, ids["actief"]])
        assert client.get(berichten).status_code == 404, wie
    assert _stand() == voor
    # nothing was shown, so nothing is logged
    assert Inzage.objects.count() == inzagen


# --- meetings -------------------------------------------------------------------------------


def test_een_actieve_ouder_wordt_uitgenodigd_voor_een_overleg_en_het_antwoord_staat_op_de_pagina(
    gezin: Gezin, client: Client
) -> None:
    ids = _objecten_van(gezin.casus, gezin.moeder, gezin.school)
    client.force_login(gezin.school)
    inhoud = gezin.pagina(client)
    assert f'name="overleguitnodiging-toegang" value="{ids["actief"]}"' in inhoud
    # an invited (not yet active) access is no choice
    assert f'name="overleguitnodiging-toegang" value="{ids["uitgenodigd"]}"' not in inhoud
    antwoord = client.post(
        reverse("regie:relatie_overleg", args=[gezin.casus.pk]),
        {"overleguitnodiging-overleg": ids["overleg"], "overleguitnodiging-toegang": ids["actief"]},
    )
    assert antwoord.status_code == 302
    uitnodiging = Overleguitnodiging.objects.get()
    assert uitnodiging.toegang_id == ids["actief"] and uitnodiging.overleg_id == ids["overleg"]
    uitnodiging.antwoord = "meegeven"
    uitnodiging.antwoord_tekst = "Ik wil dat school meedenkt"
    uitnodiging.beantwoord_op = timezone.now()
    uitnodiging.save()
    inhoud = gezin.pagina(client)
    assert _nl("wants to pass this on:") in inhoud
    assert "Ik wil dat school meedenkt" in inhoud


def test_een_overleg_in_het_verleden_is_geen_keuze(gezin: Gezin, client: Client) -> None:
    ids = _objecten_van(gezin.casus, gezin.moeder, gezin.school)
    Overleg.objects.filter(pk=ids["overleg"]).update(datum=timezone.localdate() - timedelta(days=1))
    client.force_login(gezin.school)
    antwoord = client.post(
        reverse("regie:relatie_overleg", args=[gezin.casus.pk]),
        {"overleguitnodiging-overleg": ids["overleg"], "overleguitnodiging-toegang": ids["actief"]},
    )
    assert antwoord.status_code == 400
    assert "overleg" in antwoord.context["form"].errors
    assert not Overleguitnodiging.objects.exists()


# --- their own words --------------------------------------------------------------------------


def test_hun_eigen_woorden_staan_gedateerd_op_de_pagina_met_wie_ze_schreef(
    gezin: Gezin, client: Client
) -> None:
    toegang = PortaaltoegangFactory(casus=gezin.casus, ouder=gezin.moeder)
    Verhaal.objects.create(casus=gezin.casus, toegang=toegang, wat_speelt="Hij slaapt slecht")
    plan = services.sla_plan_op(
        casus=gezin.casus, door=gezin.school, basis_versie=0, doel="Terug naar school"
    )
    Planreactie.objects.create(
        casus=gezin.casus, plan=plan, toegang=toegang, eens=False, toelichting="Te snel"
    )
    # for everyone who sees the case, also a participant
    inhoud = gezin.pagina(client, gezin.m[Rol.JEUGDARTS])
    assert "Hij slaapt slecht" in inhoud
    with translation.override("nl"):
        assert (
            gettext("written by %(naam)s (%(rol)s) in the portal")
            % {"naam": gezin.moeder, "rol": gezin.moeder.get_relatie_display()}
            in inhoud
        )
    assert _nl("does not agree, because:") in inhoud
    assert "Te snel" in inhoud


def test_een_deelnemer_noteert_een_verhaal_namens_de_vader_en_de_pagina_zegt_dat(
    gezin: Gezin, client: Client
) -> None:
    jeugdarts = gezin.m[Rol.JEUGDARTS]
    client.force_login(jeugdarts)
    antwoord = client.post(
        reverse("regie:relatie_verhaal", args=[gezin.casus.pk]),
        {"verhaal-namens": f"ouder:{gezin.vader.pk}", "verhaal-wat_wil_ik": "Meer rust"},
    )
    assert antwoord.status_code == 302
    verhaal = Verhaal.objects.get()
    assert verhaal.door == jeugdarts and verhaal.namens_ouder == gezin.vader
    assert verhaal.toegang is None
    inhoud = gezin.pagina(client, jeugdarts)
    assert "Meer rust" in inhoud
    with translation.override("nl"):
        assert (
            gettext("noted by %(wie)s on behalf of %(naam)s (%(rol)s)")
            % {"wie": jeugdarts, "naam": gezin.vader, "rol": gezin.vader.get_relatie_display()}
            in inhoud
        )
    assert Inzage.objects.filter(bron="regie:relatie_verhaal", handeling="wijzigen").exists()


def test_een_leeg_verhaal_wordt_geweigerd(gezin: Gezin, client: Client) -> None:
    client.force_login(gezin.school)
    antwoord = client.post(
        reverse("regie:relatie_verhaal", args=[gezin.casus.pk]),
        {"verhaal-namens": "leerling", "verhaal-wat_speelt": " "},
    )
    assert antwoord.status_code == 400
    assert "wat_speelt" in antwoord.context["form"].errors
    assert not Verhaal.objects.exists()


# --- messages -------------------------------------------------------------------------------


def test_openen_van_de_draad_markeert_hun_berichten_gelezen_en_logt_het(
    gezin: Gezin, client: Client
) -> None:
    toegang = PortaaltoegangFactory(casus=gezin.casus, ouder=gezin.moeder)
    bericht = Bericht.objects.create(toegang=toegang, casus=gezin.casus, tekst="Wanneer is het?")
    inhoud = gezin.pagina(client)
    url = reverse("regie:relatie_berichten", args=[gezin.casus.pk, toegang.pk])
    assert url in inhoud
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert "Wanneer is het?" in antwoord.content.decode()
    bericht.refresh_from_db()
    assert bericht.gelezen_op is not None
    assert Inzage.objects.filter(
        bron="regie:relatie_berichten", casus_id=gezin.casus.pk, leerling=gezin.casus.leerling
    ).exists()
    # the reply goes to her thread, from the staff member
    antwoord = client.post(url, {"bericht-tekst": "Donderdag om 10 uur."})
    assert antwoord.status_code == 302
    antwoord_bericht = Bericht.objects.exclude(pk=bericht.pk).get()
    assert antwoord_bericht.toegang == toegang and antwoord_bericht.door == gezin.school


def test_een_deelnemer_leest_de_berichten_niet(gezin: Gezin, client: Client) -> None:
    toegang = PortaaltoegangFactory(casus=gezin.casus, ouder=gezin.moeder)
    Bericht.objects.create(toegang=toegang, casus=gezin.casus, tekst="Alleen voor de regisseur")
    client.force_login(gezin.m[Rol.JEUGDARTS])
    url = reverse("regie:relatie_berichten", args=[gezin.casus.pk, toegang.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"bericht-tekst": "x"}).status_code == 403
    assert Bericht.objects.get().gelezen_op is None


def test_een_leeg_bericht_noemt_het_veld(gezin: Gezin, client: Client) -> None:
    toegang = PortaaltoegangFactory(casus=gezin.casus, ouder=gezin.moeder)
    client.force_login(gezin.school)
    antwoord = client.post(
        reverse("regie:relatie_berichten", args=[gezin.casus.pk, toegang.pk]),
        {"bericht-tekst": "   "},
    )
    assert antwoord.status_code == 400
    assert antwoord.context["form"].errors["tekst"] == [_nl("Write your message.")]
    assert not Bericht.objects.exists()


# --- correction requests ----------------------------------------------------------------------


def test_een_correctieverzoek_wordt_beantwoord(gezin: Gezin, client: Client) -> None:
    toegang = PortaaltoegangFactory(casus=gezin.casus, ouder=gezin.moeder)
    verzoek = Correctieverzoek.objects.create(
        toegang=toegang, casus=gezin.casus, wat="Telefoonnummer", toelichting="Is 06-1"
    )
    inhoud = gezin.pagina(client)
    assert "Telefoonnummer" in inhoud
    antwoord = client.post(
        reverse("regie:relatie_correctie", args=[gezin.casus.pk, verzoek.pk]),
        {"correctie-uitkomst": "gecorrigeerd", "correctie-antwoord": "Aangepast."},
    )
    assert antwoord.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.uitkomst == "gecorrigeerd" and verzoek.antwoord == "Aangepast."
    assert verzoek.afgehandeld_door == gezin.school


def test_een_correctieverzoek_zonder_uitkomst_noemt_het_veld(gezin: Gezin, client: Client) -> None:
    toegang = PortaaltoegangFactory(casus=gezin.casus, ouder=gezin.moeder)
    verzoek = Correctieverzoek.objects.create(
        toegang=toegang, casus=gezin.casus, wat="Adres", toelichting="x"
    )
    client.force_login(gezin.school)
    antwoord = client.post(
        reverse("regie:relatie_correctie", args=[gezin.casus.pk, verzoek.pk]),
        {"correctie-antwoord": "Aangepast."},
    )
    assert antwoord.status_code == 400
    assert "uitkomst" in antwoord.context["form"].errors
    verzoek.refresh_from_db()
    assert verzoek.uitkomst == ""


def test_elk_id_op_de_casuspagina_is_uniek_ook_met_formulieren_per_persoon(
    gezin: Gezin, client: Client
) -> None:
    # a form per person (invite, withhold) and per open correction request: their fields and
    # labels stay apart
    tweede = OuderFactory(leerling=gezin.casus.leerling, relatie="verzorger", gezag=True)
    ids = _objecten_van(gezin.casus, tweede, gezin.school)
    Correctieverzoek.objects.create(
        toegang_id=ids["actief"], casus=gezin.casus, wat="Tweede", toelichting="x"
    )
    inhoud = gezin.pagina(client)
    alle_ids = re.findall(r'\bid="([^"]+)"', inhoud)
    assert len(alle_ids) == len(set(alle_ids)), sorted(
        i for i in set(alle_ids) if alle_ids.count(i) > 1
    )
    # every label points at a field that exists
    for doel in re.findall(r'<label[^>]* for="([^"]+)"', inhoud):
        assert f'id="{doel}"' in inhoud, doel
    assert inhoud.count('name="uitnodigen-persoon"') == 1  # the mother (the pupil has access)
    assert inhoud.count('name="correctie-uitkomst"') == 4  # two open requests, two choices
