# SPDX-License-Identifier: EUPL-1.2
"""The MAZL flow through the pages (docs/samenwerken.md, "MAZL"): the school refers from the
pupil page or from a worrying sickness signal, the youth doctor finds it in the MAZL inbox,
records the consult, the medical notes and the advice; the school reads status and advice,
never the medical notes, and neither do Leerplicht, another school or a youth doctor of another
JGZ. Every read of a referral is in the access log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.notificaties.models import Notificatie
from binnenboord.regie.models import CasusGebeurtenis, Mazlverwijzing, MedischeInhoud
from binnenboord.regie.services import mazl
from binnenboord.registratie.models import School
from binnenboord.signalering.models import Soort
from binnenboord.toegang.models import Kernteam, Medewerker, Organisatie, Rol
from binnenboord.verantwoording.models import Inzage
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus, school2_medewerker
from tests.signalering.factories import SignaalFactory
from tests.wereld import Wereld

MEDISCH = "Medisch-Uniek-astma-en-salbutamol"
REDEN = "Reden-Uniek-vaak-ziek-op-maandag"
ADVIES = "Advies-Uniek-twee-uur-per-dag"


@dataclass
class Opzet:
    wereld: Wereld
    school: Medewerker
    jeugdarts: Medewerker
    elders: Medewerker  # youth doctor of another JGZ, in school 2's kernteam
    collega: Medewerker  # same JGZ as the youth doctor, in no kernteam
    school1: School
    leerling: Any


@pytest.fixture
def o(wereld: Wereld) -> Opzet:
    m = wereld.medewerkers
    elders: Any = MedewerkerFactory(
        rol=Rol.JEUGDARTS, organisatie=OrganisatieFactory(naam="GGD Elders", jgz=True)
    )
    Kernteam.objects.create(
        school=Organisatie.objects.get(naam="Het Baken"), jeugdarts=m[Rol.JEUGDARTS]
    )
    Kernteam.objects.create(school=Organisatie.objects.get(naam="De Vuurtoren"), jeugdarts=elders)
    return Opzet(
        wereld=wereld,
        school=m[Rol.SCHOOLMEDEWERKER],
        jeugdarts=m[Rol.JEUGDARTS],
        elders=elders,
        collega=cast(
            Medewerker,
            MedewerkerFactory(rol=Rol.JEUGDARTS, organisatie=m[Rol.JEUGDARTS].organisatie),
        ),
        school1=School.objects.get(organisatie__naam="Het Baken"),
        leerling=wereld.leerlingen["demodam_school1"],
    )


def _als(wie: Medewerker) -> Client:
    client = Client()
    client.force_login(wie)
    return client


def _tekst(antwoord: Any) -> str:
    return str(antwoord.content.decode())


def _laatste() -> int:
    return Inzage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _verwezen(o: Opzet) -> Mazlverwijzing:
    verwijzing = mazl.verwijs_naar_jeugdarts(
        leerling=o.leerling, school=o.school1, reden=REDEN, door=o.school
    )
    mazl.leg_medisch_vast_bij_verwijzing(verwijzing=verwijzing, door=o.jeugdarts, tekst=MEDISCH)
    return verwijzing


def test_de_hele_route_van_school_naar_jeugdarts_en_terug(o: Opzet) -> None:
    school, jeugdarts = _als(o.school), _als(o.jeugdarts)
    vandaag = timezone.localdate().isoformat()
    # the school finds the button on the pupil page
    pagina = school.get(reverse("registratie:leerling", args=[o.leerling.pk]))
    nieuw = reverse("mazl:nieuw", args=[o.leerling.pk])
    assert nieuw in _tekst(pagina)
    formulier = school.get(nieuw)
    assert formulier.status_code == 200
    assert str(o.jeugdarts) in _tekst(formulier)
    antwoord = school.post(nieuw, {"verwijzing-reden": REDEN})
    verwijzing = Mazlverwijzing.objects.get()
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("mazl:verwijzing", args=[verwijzing.pk])
    assert verwijzing.jeugdarts == o.jeugdarts
    # the youth doctor: notified, and the referral in the MAZL inbox
    assert Notificatie.objects.filter(ontvanger=o.jeugdarts, soort="mazl_verwijzing").exists()
    inbox = _tekst(jeugdarts.get(reverse("mazl:verwijzingen")))
    assert o.leerling.naam in inbox
    assert reverse("mazl:verwijzing", args=[verwijzing.pk]) in inbox
    url = reverse("mazl:verwijzing", args=[verwijzing.pk])
    pagina = jeugdarts.get(url)
    assert pagina.status_code == 200
    assert REDEN in _tekst(pagina)
    # ... plans the consult, records the medical notes and sends the advice
    assert (
        jeugdarts.post(
            reverse("mazl:consult", args=[verwijzing.pk]),
            {"consult-consult_op": vandaag, "consult-status": "gepland"},
        ).status_code
        == 302
    )
    assert (
        jeugdarts.post(
            reverse("mazl:medisch", args=[verwijzing.pk]), {"medisch-tekst": MEDISCH}
        ).status_code
        == 302
    )
    assert MEDISCH in _tekst(jeugdarts.get(url))
    assert (
        jeugdarts.post(
            reverse("mazl:advies", args=[verwijzing.pk]),
            {"advies-consult_op": vandaag, "advies-advies": ADVIES},
        ).status_code
        == 302
    )
    verwijzing.refresh_from_db()
    assert verwijzing.status == Mazlverwijzing.Status.AFGEROND
    assert MedischeInhoud.objects.get(mazlverwijzing=verwijzing).casus is None
    # the school: notified, reads the advice, never the medical notes
    assert Notificatie.objects.filter(ontvanger=o.school, soort="mazl_advies").exists()
    bij_school = _tekst(school.get(url))
    assert ADVIES in bij_school
    assert MEDISCH not in bij_school
    assert ADVIES not in _tekst(school.get(reverse("mazl:verwijzingen")))  # only on the page
    # the forms are gone once the advice is sent
    assert reverse("mazl:advies", args=[verwijzing.pk]) not in _tekst(jeugdarts.get(url))


def test_elke_inzage_van_een_verwijzing_staat_in_het_inzagelog(o: Opzet) -> None:
    verwijzing = _verwezen(o)
    url = reverse("mazl:verwijzing", args=[verwijzing.pk])
    for wie, bronnen in (
        (o.school, {"regie:mazl_verwijzing"}),
        (o.jeugdarts, {"regie:mazl_verwijzing", "regie:medisch"}),
    ):
        voor = _laatste()
        assert _als(wie).get(url).status_code == 200
        regels = Inzage.objects.filter(pk__gt=voor, medewerker=wie, leerling_id=o.leerling.pk)
        assert set(regels.values_list("bron", flat=True)) == bronnen
    # the lists name the pupil: a "zoeken" line each
    for wie in (o.school, o.jeugdarts):
        voor = _laatste()
        assert _als(wie).get(reverse("mazl:verwijzingen")).status_code == 200
        assert Inzage.objects.filter(
            pk__gt=voor, medewerker=wie, leerling_id=o.leerling.pk, bron="regie:mazl_verwijzingen"
        ).exists()


def test_de_medische_aantekeningen_lekken_nergens(o: Opzet) -> None:
    verwijzing = _verwezen(o)
    casus = open_casus(o.leerling, o.school)
    verwijzing.casus = casus
    verwijzing.save()
    m = o.wereld.medewerkers
    mazl.stuur_advies(
        verwijzing=verwijzing,
        door=o.jeugdarts,
        consult_op=timezone.localdate(),
        advies=ADVIES,
    )
    urls = [
        reverse("mazl:verwijzing", args=[verwijzing.pk]),
        reverse("mazl:verwijzingen"),
        reverse("regie:casus", args=[casus.pk]),
        reverse("registratie:leerling", args=[o.leerling.pk]),
        reverse("web:vandaag"),
    ]
    for wie in (
        o.school,
        m[Rol.LEERPLICHTAMBTENAAR],
        o.elders,
        o.collega,
        school2_medewerker(),
        m[Rol.SWV_CONSULENT],
    ):
        client = _als(wie)
        for url in urls:
            antwoord = client.get(url)
            assert MEDISCH not in _tekst(antwoord), (wie.rol, url)
    # only the addressed youth doctor reads them
    assert MEDISCH in _tekst(_als(o.jeugdarts).get(urls[0]))


def test_de_casus_toont_status_en_advies_van_de_verwijzing(o: Opzet) -> None:
    casus = open_casus(o.leerling, o.school)
    verwijzing = _verwezen(o)
    assert verwijzing.casus == casus
    url = reverse("regie:casus", args=[casus.pk])
    pagina = _tekst(_als(o.school).get(url))
    assert 'id="mazl-verwijzingen"' in pagina
    assert REDEN not in pagina
    mazl.stuur_advies(
        verwijzing=verwijzing, door=o.jeugdarts, consult_op=timezone.localdate(), advies=ADVIES
    )
    pagina = _tekst(_als(o.school).get(url))
    assert ADVIES in pagina
    assert MEDISCH not in pagina
    assert CasusGebeurtenis.objects.filter(casus=casus, soort=CasusGebeurtenis.Soort.MAZL).exists()
    # Leerplicht sees the case and the referral's status, not the advice
    lpa = _tekst(_als(o.wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]).get(url))
    assert 'id="mazl-verwijzingen"' in lpa
    assert ADVIES not in lpa
    assert MEDISCH not in lpa


def test_zonder_jeugdarts_zegt_de_pagina_het_en_biedt_niets_aan(o: Opzet) -> None:
    Kernteam.objects.filter(school__naam="Het Baken").delete()
    school = _als(o.school)
    nieuw = reverse("mazl:nieuw", args=[o.leerling.pk])
    pagina = school.get(nieuw)
    assert pagina.status_code == 200
    tekst = _tekst(pagina)
    assert 'id="geen-jeugdarts"' in tekst
    assert "<textarea" not in tekst
    assert 'name="verwijzing-reden"' not in tekst
    antwoord = school.post(nieuw, {"verwijzing-reden": REDEN})
    assert antwoord.status_code == 400
    assert not Mazlverwijzing.objects.exists()


def test_verwijzen_vanaf_een_signaal_van_zorgwekkend_ziekteverzuim(o: Opzet) -> None:
    signaal: Any = SignaalFactory(
        leerling=o.leerling,
        school=o.school1,
        soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM,
        datum=timezone.localdate(),
        uitleg="Uitleg-Uniek-zeven-dagen-ziek",
    )
    school = _als(o.school)
    signaalpagina = _tekst(school.get(reverse("signalering:signaal", args=[signaal.pk])))
    nieuw = reverse("mazl:nieuw", args=[o.leerling.pk])
    assert f"{nieuw}?signaal={signaal.pk}" in signaalpagina
    assert "Uitleg-Uniek-zeven-dagen-ziek" in _tekst(school.get(nieuw, {"signaal": signaal.pk}))
    antwoord = school.post(nieuw, {"verwijzing-reden": REDEN, "signaal": signaal.pk})
    assert antwoord.status_code == 302
    verwijzing = Mazlverwijzing.objects.get()
    assert verwijzing.signaal == signaal
    # the youth doctor reads the signal's summary on the referral, not the pupil file
    jeugdarts = _als(o.jeugdarts)
    pagina = _tekst(jeugdarts.get(reverse("mazl:verwijzing", args=[verwijzing.pk])))
    assert "Uitleg-Uniek-zeven-dagen-ziek" in pagina
    assert reverse("registratie:leerling", args=[o.leerling.pk]) not in pagina
    assert jeugdarts.get(reverse("registratie:leerling", args=[o.leerling.pk])).status_code == 404
    # the signal reaches the youth doctor: in the MAZL inbox and on its own page, without the
    # button to refer (the school refers)
    assert reverse("signalering:signaal", args=[signaal.pk]) in _tekst(
        jeugdarts.get(reverse("mazl:verwijzingen"))
    )
    bij_jeugdarts = jeugdarts.get(reverse("signalering:signaal", args=[signaal.pk]))
    assert bij_jeugdarts.status_code == 200
    assert 'id="mazl-verwijzen"' not in _tekst(bij_jeugdarts)
    # nor a link to the pupil file, which is not the youth doctor's (it would be a 404); the
    # school keeps it (the youth doctor's list of these signals is the MAZL inbox)
    dossier = reverse("registratie:leerling", args=[o.leerling.pk])
    assert o.leerling.naam in _tekst(bij_jeugdarts)
    assert dossier not in _tekst(bij_jeugdarts)
    assert dossier in signaalpagina


def test_een_ander_signaal_of_dat_van_een_ander_is_niet_gevonden(o: Opzet) -> None:
    ander_soort: Any = SignaalFactory(leerling=o.leerling, school=o.school1)
    school = _als(o.school)
    nieuw = reverse("mazl:nieuw", args=[o.leerling.pk])
    assert school.get(nieuw, {"signaal": ander_soort.pk}).status_code == 404
    assert 'id="mazl-verwijzen"' not in _tekst(
        school.get(reverse("signalering:signaal", args=[ander_soort.pk]))
    )
    van_een_ander: Any = SignaalFactory(
        leerling=o.wereld.leerlingen["buurdorp_school1"],
        school=o.school1,
        soort=Soort.ZORGWEKKEND_ZIEKTEVERZUIM,
    )
    assert (
        school.post(nieuw, {"verwijzing-reden": REDEN, "signaal": van_een_ander.pk}).status_code
        == 404
    )
    assert not Mazlverwijzing.objects.exists()


# --- attacks ------------------------------------------------------------------------------------


def test_een_andere_school_verwijst_geen_leerling_die_niet_de_hare_is(o: Opzet) -> None:
    aanvaller = _als(school2_medewerker())
    nieuw = reverse("mazl:nieuw", args=[o.leerling.pk])
    assert aanvaller.get(nieuw).status_code == 404
    assert aanvaller.post(nieuw, {"verwijzing-reden": REDEN}).status_code == 404
    assert not Mazlverwijzing.objects.exists()


def test_een_andere_school_kan_niet_bij_de_verwijzing_van_een_ander(o: Opzet) -> None:
    verwijzing = _verwezen(o)
    aanvaller = _als(school2_medewerker())
    vandaag = timezone.localdate().isoformat()
    assert aanvaller.get(reverse("mazl:verwijzing", args=[verwijzing.pk])).status_code == 404
    for naam, gegevens in (
        ("mazl:consult", {"consult-consult_op": vandaag, "consult-status": "gepland"}),
        ("mazl:medisch", {"medisch-tekst": "Overschreven"}),
        ("mazl:advies", {"advies-consult_op": vandaag, "advies-advies": "Ingevoegd"}),
    ):
        assert aanvaller.post(reverse(naam, args=[verwijzing.pk]), gegevens).status_code == 404
    verwijzing.refresh_from_db()
    assert verwijzing.status == Mazlverwijzing.Status.NIEUW
    assert MedischeInhoud.objects.get(mazlverwijzing=verwijzing).tekst == MEDISCH


def test_de_school_zelf_behandelt_haar_verwijzing_niet(o: Opzet) -> None:
    verwijzing = _verwezen(o)
    school = _als(o.school)
    vandaag = timezone.localdate().isoformat()
    for naam, gegevens in (
        ("mazl:consult", {"consult-consult_op": vandaag, "consult-status": "gepland"}),
        ("mazl:medisch", {"medisch-tekst": "Overschreven"}),
        ("mazl:advies", {"advies-consult_op": vandaag, "advies-advies": "Zelf verzonnen"}),
    ):
        # the school sees the referral: "forbidden", not "not found"
        assert school.post(reverse(naam, args=[verwijzing.pk]), gegevens).status_code == 403
    verwijzing.refresh_from_db()
    assert verwijzing.status == Mazlverwijzing.Status.NIEUW
    assert verwijzing.advies == ""


def test_een_jeugdarts_van_een_ander_kernteam_ziet_en_doet_niets(o: Opzet) -> None:
    verwijzing = _verwezen(o)
    vandaag = timezone.localdate().isoformat()
    for wie in (o.elders, o.collega):
        client = _als(wie)
        assert client.get(reverse("mazl:verwijzing", args=[verwijzing.pk])).status_code == 404
        assert o.leerling.naam not in _tekst(client.get(reverse("mazl:verwijzingen")))
        antwoord = client.post(
            reverse("mazl:advies", args=[verwijzing.pk]),
            {"advies-consult_op": vandaag, "advies-advies": "Ingevoegd"},
        )
        assert antwoord.status_code == 404
    verwijzing.refresh_from_db()
    assert verwijzing.status == Mazlverwijzing.Status.NIEUW


def test_leerplicht_ziet_geen_mazl_pagina_en_geen_verwijzing(o: Opzet) -> None:
    verwijzing = _verwezen(o)
    lpa = _als(o.wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert lpa.get(reverse("mazl:verwijzingen")).status_code == 403
    assert lpa.get(reverse("mazl:verwijzing", args=[verwijzing.pk])).status_code == 404
    # Leerplicht sees the pupil, but referring is the school's
    assert lpa.get(reverse("mazl:nieuw", args=[o.leerling.pk])).status_code == 403


def test_het_menu_toont_mazl_aan_jeugdarts_en_school(o: Opzet) -> None:
    url = reverse("mazl:verwijzingen")
    for wie in (o.jeugdarts, o.school):
        assert f'href="{url}"' in _tekst(_als(wie).get(reverse("web:vandaag"))), wie.rol
    for wie in (
        o.wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        o.wereld.medewerkers[Rol.SWV_CONSULENT],
    ):
        assert f'href="{url}"' not in _tekst(_als(wie).get(reverse("web:vandaag"))), wie.rol


def test_de_inbox_zet_nieuw_en_gepland_bovenaan(o: Opzet) -> None:
    afgerond = _verwezen(o)
    mazl.stuur_advies(
        verwijzing=afgerond, door=o.jeugdarts, consult_op=timezone.localdate(), advies=ADVIES
    )
    nieuw = mazl.verwijs_naar_jeugdarts(
        leerling=o.wereld.leerlingen["buurdorp_school1"],
        school=o.school1,
        reden=REDEN,
        door=o.school,
    )
    # the done one is the newer row: the order comes from the status
    Mazlverwijzing.objects.filter(pk=afgerond.pk).update(verwezen_op=timezone.now())
    tekst = _tekst(_als(o.jeugdarts).get(reverse("mazl:verwijzingen")))
    assert tekst.index(reverse("mazl:verwijzing", args=[nieuw.pk])) < tekst.index(
        reverse("mazl:verwijzing", args=[afgerond.pk])
    )
