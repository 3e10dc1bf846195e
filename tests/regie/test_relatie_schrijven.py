# SPDX-License-Identifier: EUPL-1.2
"""The portal's writes (regie.services.relatie): the pupil's consent, "Mijn verhaal", agreement
with the plan, meetings and their reply, messages, correction requests and the questionnaire
"werkt dit?". Each is refused for another family's access, a parent without gezag, a withheld
parent, a parent of a 16+ pupil without consent, and staff who see the case but may not do it;
after a refusal nothing changed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core import mail
from django.utils import timezone, translation

import pytest

from binnenboord.notificaties.models import Notificatie
from binnenboord.notificaties.teksten import zin
from binnenboord.regie import services
from binnenboord.regie.models import (
    Agendapunt,
    Bericht,
    Brief,
    Casus,
    CasusGebeurtenis,
    Correctieverzoek,
    Overleg,
    Overlegsoort,
    Overleguitnodiging,
    Planreactie,
    PlanVanAanpak,
    Portaaltoegang,
    Terugkoppeling,
    Verhaal,
)
from binnenboord.regie.relatie import VRAGEN, toegang_geldig, uit_te_nodigen
from binnenboord.regie.services import relatie as diensten
from binnenboord.regie.services.relatie import RelatieNietMogelijk
from binnenboord.registratie.models import Ouder
from binnenboord.toegang.models import Medewerker, Rol
from tests.factories import (
    MedewerkerFactory,
    OrganisatieFactory,
    OuderFactory,
    PortaalgebruikerFactory,
    PortaaltoegangFactory,
)
from tests.regie.factories import casussen
from tests.wereld import Wereld

Soort = CasusGebeurtenis.Soort
ALLES_DRIE = {code: 3 for code in VRAGEN}


@pytest.fixture
def alle(wereld: Wereld) -> dict[str, Casus]:
    return casussen(wereld)


@pytest.fixture
def casus(alle: dict[str, Casus]) -> Casus:
    """Pupil of Demodam (14) at school 1, directed by school 1's staff member."""
    return alle["demodam_school1"]


@pytest.fixture
def regisseur(casus: Casus) -> Medewerker:
    return casus.regisseur


@pytest.fixture
def moeder(casus: Casus) -> Ouder:
    return OuderFactory(leerling=casus.leerling, relatie=Ouder.Relatie.MOEDER)


@pytest.fixture
def ouder(casus: Casus, moeder: Ouder) -> Portaaltoegang:
    """The mother's active access, who opted in to e-mail."""
    gebruiker = PortaalgebruikerFactory(email="moeder@example.org", email_meldingen=True)
    return PortaaltoegangFactory(casus=casus, ouder=moeder, gebruiker=gebruiker)


@pytest.fixture
def leerling(casus: Casus) -> Portaaltoegang:
    return PortaaltoegangFactory(casus=casus)


@pytest.fixture
def vreemd(alle: dict[str, Casus]) -> Portaaltoegang:
    """Another family's valid access (another pupil's case)."""
    andere = alle["buurdorp_school1"]
    return PortaaltoegangFactory(casus=andere, ouder=OuderFactory(leerling=andere.leerling))


@pytest.fixture
def plan(casus: Casus, regisseur: Medewerker) -> PlanVanAanpak:
    return services.sla_plan_op(
        casus=casus, door=regisseur, basis_versie=0, doel="Weer naar school"
    )


def _overleg(casus: Casus, wereld: Wereld, dag: date, soort: str = Overlegsoort.UVO) -> Overleg:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    overleg = Overleg.objects.create(
        soort=soort,
        organisatie=wereld.leerplicht,
        datum=dag,
        aangemaakt_door=leerplicht,
        locatie="Stadhuis, zaal 3",
    )
    Agendapunt.objects.create(overleg=overleg, casus=casus, volgorde=1, toegevoegd_door=leerplicht)
    return overleg


def _weigert(melding: str, functie: Any, **kwargs: Any) -> None:
    with pytest.raises(RelatieNietMogelijk, match=melding):
        functie(**kwargs)


def _zestien(casus: Casus, jaren: int = 17) -> None:
    leerling = casus.leerling
    leerling.geboortedatum = timezone.localdate().replace(
        year=timezone.localdate().year - jaren
    ) - timedelta(days=3)
    leerling.save()


def _ongeldige_ouders(casus: Casus) -> dict[str, Portaaltoegang]:
    """The parents' accesses the portal refuses: no gezag, withheld, ended."""
    zonder_gezag = OuderFactory(leerling=casus.leerling, gezag=False)
    onthouden = OuderFactory(leerling=casus.leerling)
    beeindigd = OuderFactory(leerling=casus.leerling)
    return {
        "zonder_gezag": PortaaltoegangFactory(casus=casus, ouder=zonder_gezag),
        "onthouden": PortaaltoegangFactory(casus=casus, ouder=onthouden, ontzegd=True),
        "beeindigd": PortaaltoegangFactory(casus=casus, ouder=beeindigd, beeindigd=True),
    }


# --- consent ----------------------------------------------------------------------------


def test_de_leerling_van_zeventien_geeft_en_trekt_toestemming_in(
    casus: Casus, ouder: Portaaltoegang, leerling: Portaaltoegang
) -> None:
    _zestien(casus)
    assert not toegang_geldig(ouder)
    diensten.geef_toestemming(leerling_toegang=leerling, ouder_toegang=ouder, ja=True)
    ouder.refresh_from_db()
    assert ouder.toestemming_leerling_op is not None and toegang_geldig(ouder)
    diensten.geef_toestemming(leerling_toegang=leerling, ouder_toegang=ouder, ja=False)
    ouder.refresh_from_db()
    assert ouder.toestemming_leerling_op is None and not toegang_geldig(ouder)
    assert [
        r.gegevens["bericht"] for r in casus.gebeurtenissen.filter(soort=Soort.TOESTEMMING)
    ] == [
        "toestemming_gegeven",
        "toestemming_ingetrokken",
    ]


def test_toestemming_alleen_door_de_leerling_zelf_in_de_eigen_casus(
    casus: Casus, ouder: Portaaltoegang, leerling: Portaaltoegang, vreemd: Portaaltoegang
) -> None:
    _zestien(casus)
    # a parent cannot give it to themselves or another parent (without it they have no access)
    tweede = PortaaltoegangFactory(casus=casus, ouder=OuderFactory(leerling=casus.leerling))
    _weigert(
        "toestemming",
        diensten.geef_toestemming,
        leerling_toegang=tweede,
        ouder_toegang=ouder,
        ja=True,
    )
    Portaaltoegang.objects.filter(pk=tweede.pk).update(toestemming_leerling_op=timezone.now())
    _weigert(
        "Alleen de leerling zelf",
        diensten.geef_toestemming,
        leerling_toegang=tweede,
        ouder_toegang=ouder,
        ja=True,
    )
    # the pupil cannot give it for another family's parent
    _weigert(
        "niet van een ouder in jouw casus",
        diensten.geef_toestemming,
        leerling_toegang=leerling,
        ouder_toegang=vreemd,
        ja=True,
    )
    # another family's pupil cannot give it for this parent
    andere_leerling = PortaaltoegangFactory(casus=vreemd.casus)
    _zestien(vreemd.casus)
    _weigert(
        "niet van een ouder in jouw casus",
        diensten.geef_toestemming,
        leerling_toegang=andere_leerling,
        ouder_toegang=ouder,
        ja=True,
    )
    # nor for a withheld parent
    onthouden = _ongeldige_ouders(casus)["onthouden"]
    _weigert(
        "beëindigd of onthouden",
        diensten.geef_toestemming,
        leerling_toegang=leerling,
        ouder_toegang=onthouden,
        ja=True,
    )
    assert not (
        Portaaltoegang.objects.filter(toestemming_leerling_op__isnull=False)
        .exclude(pk=tweede.pk)
        .exists()
    )


def test_onder_de_zestien_is_er_geen_toestemming_te_geven(
    casus: Casus, ouder: Portaaltoegang, leerling: Portaaltoegang
) -> None:
    _weigert(
        "vanaf 16 jaar",
        diensten.geef_toestemming,
        leerling_toegang=leerling,
        ouder_toegang=ouder,
        ja=True,
    )


# --- "Mijn verhaal" ---------------------------------------------------------------------


def test_een_verhaal_uit_het_portaal_bereikt_de_regisseur(
    casus: Casus, regisseur: Medewerker, ouder: Portaaltoegang
) -> None:
    verhaal = diensten.schrijf_verhaal(
        casus=casus,
        toegang=ouder,
        wat_speelt=" Hij slaapt slecht ",
        wat_wil_ik="",
        wat_heb_ik_nodig="",
    )
    assert verhaal.toegang == ouder and verhaal.door is None
    assert verhaal.wat_speelt == "Hij slaapt slecht"
    [rij] = casus.gebeurtenissen.filter(soort=Soort.VERHAAL)
    assert rij.gegevens["bericht"] == "verhaal_portaal" and rij.wie is None
    [melding] = Notificatie.objects.filter(ontvanger=regisseur, soort="portaal_reactie")
    assert melding.gegevens == {"casus": casus.pk, "reactie": "verhaal", "wie": "ouder"}
    # the notification carries no text anyone typed
    assert "slaapt" not in str(melding.gegevens)


def test_een_professional_legt_een_verhaal_vast_en_het_zegt_namens_wie(
    wereld: Wereld, casus: Casus, moeder: Ouder
) -> None:
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]  # takes part in the case
    verhaal = diensten.schrijf_verhaal(
        casus=casus,
        door=jeugdarts,
        namens_ouder=moeder,
        wat_speelt="",
        wat_wil_ik="Rust",
        wat_heb_ik_nodig="",
    )
    assert (verhaal.door, verhaal.namens_ouder, verhaal.toegang) == (jeugdarts, moeder, None)
    [rij] = casus.gebeurtenissen.filter(soort=Soort.VERHAAL)
    assert rij.gegevens == {"bericht": "verhaal_namens", "naam": str(moeder), "wie": "ouder"}
    assert not Notificatie.objects.filter(soort="portaal_reactie").exists()


def test_een_verhaal_wordt_geweigerd_voor_wie_het_niet_mag(
    wereld: Wereld,
    alle: dict[str, Casus],
    casus: Casus,
    ouder: Portaaltoegang,
    vreemd: Portaaltoegang,
    moeder: Ouder,
) -> None:
    tekst = {"wat_speelt": "x", "wat_wil_ik": "", "wat_heb_ik_nodig": ""}
    # another family's access on this case
    _weigert(
        "hoort niet bij deze casus", diensten.schrijf_verhaal, casus=casus, toegang=vreemd, **tekst
    )
    for toegang in _ongeldige_ouders(casus).values():
        with pytest.raises(RelatieNietMogelijk):
            diensten.schrijf_verhaal(casus=casus, toegang=toegang, **tekst)
    # a school colleague who sees the case but does not take part; another municipality's Leerplicht
    collega = MedewerkerFactory(rol=Rol.SCHOOLMEDEWERKER, organisatie=casus.regisseur.organisatie)
    buurdorp = alle["buurdorp_school2"].gemeente
    leerplicht_elders = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR, organisatie=OrganisatieFactory(gemeenten=[buurdorp])
    )
    for door in (collega, leerplicht_elders):
        _weigert("Alleen wie deelneemt", diensten.schrijf_verhaal, casus=casus, door=door, **tekst)
    # on behalf of another family's parent
    _weigert(
        "hoort niet bij de leerling",
        diensten.schrijf_verhaal,
        casus=casus,
        door=casus.regisseur,
        namens_ouder=vreemd.ouder,
        **tekst,
    )
    # both or neither writer; nothing written
    _weigert("wie dit schrijft", diensten.schrijf_verhaal, casus=casus, **tekst)
    _weigert(
        "wie dit schrijft",
        diensten.schrijf_verhaal,
        casus=casus,
        toegang=ouder,
        door=casus.regisseur,
        **tekst,
    )
    _weigert(
        "Schrijf eerst iets op",
        diensten.schrijf_verhaal,
        casus=casus,
        toegang=ouder,
        wat_speelt=" ",
        wat_wil_ik="",
        wat_heb_ik_nodig="",
    )
    assert not Verhaal.objects.exists()


def test_een_ouder_van_een_zeventienjarige_zonder_toestemming_schrijft_niets(
    casus: Casus, ouder: Portaaltoegang, plan: PlanVanAanpak
) -> None:
    _zestien(casus)
    _weigert(
        "toestemming",
        diensten.schrijf_verhaal,
        casus=casus,
        toegang=ouder,
        wat_speelt="x",
        wat_wil_ik="",
        wat_heb_ik_nodig="",
    )
    _weigert("toestemming", diensten.reageer_op_plan, plan=plan, eens=True, toegang=ouder)
    _weigert("toestemming", diensten.stuur_bericht, toegang=ouder, tekst="Hallo")
    _weigert("toestemming", diensten.vraag_correctie, toegang=ouder, wat="x", toelichting="y")
    assert not Verhaal.objects.exists() and not Bericht.objects.exists()


# --- the plan -----------------------------------------------------------------------------


def test_niet_eens_met_het_plan_vraagt_een_reden_en_meldt_het_duidelijk(
    casus: Casus, regisseur: Medewerker, ouder: Portaaltoegang, plan: PlanVanAanpak
) -> None:
    _weigert(
        "niet eens", diensten.reageer_op_plan, plan=plan, eens=False, toelichting=" ", toegang=ouder
    )
    reactie = diensten.reageer_op_plan(plan=plan, eens=False, toelichting="Te snel", toegang=ouder)
    assert (reactie.eens, reactie.toelichting, reactie.toegang) == (False, "Te snel", ouder)
    [rij] = casus.gebeurtenissen.filter(soort=Soort.PLANREACTIE)
    assert rij.gegevens["bericht"] == "plan_niet_eens" and rij.toelichting == "Te snel"
    [melding] = Notificatie.objects.filter(ontvanger=regisseur, soort="portaal_reactie")
    assert melding.gegevens["reactie"] == "plan_oneens"
    with translation.override("nl"):
        assert "NIET eens" in zin(melding.soort, melding.gegevens)


def test_alleen_op_de_nieuwste_planversie(
    casus: Casus, regisseur: Medewerker, leerling: Portaaltoegang, plan: PlanVanAanpak
) -> None:
    services.sla_plan_op(casus=casus, door=regisseur, basis_versie=1, doel="Nieuw doel")
    _weigert("nieuwere versie", diensten.reageer_op_plan, plan=plan, eens=True, toegang=leerling)
    assert not Planreactie.objects.exists()


def test_een_reactie_op_het_plan_van_een_ander_gezin_wordt_geweigerd(
    alle: dict[str, Casus], vreemd: Portaaltoegang, plan: PlanVanAanpak
) -> None:
    _weigert(
        "hoort niet bij deze casus", diensten.reageer_op_plan, plan=plan, eens=True, toegang=vreemd
    )
    assert not Planreactie.objects.exists()


def test_een_reactie_namens_iemand_door_wie_het_plan_mag_wijzigen(
    wereld: Wereld, casus: Casus, plan: PlanVanAanpak
) -> None:
    collega = MedewerkerFactory(rol=Rol.SCHOOLMEDEWERKER, organisatie=casus.regisseur.organisatie)
    _weigert("plan mag wijzigen", diensten.reageer_op_plan, plan=plan, eens=True, door=collega)
    reactie = diensten.reageer_op_plan(plan=plan, eens=True, door=casus.regisseur)
    assert reactie.door == casus.regisseur and reactie.namens_ouder is None
    [rij] = casus.gebeurtenissen.filter(soort=Soort.PLANREACTIE)
    assert rij.gegevens["wie"] == "leerling" and rij.wie == casus.regisseur


# --- meetings ----------------------------------------------------------------------------


def test_uitnodigen_voor_een_overleg_maakt_de_brief_en_mailt_wie_dat_wil(
    wereld: Wereld,
    casus: Casus,
    regisseur: Medewerker,
    ouder: Portaaltoegang,
    moeder: Ouder,
    django_capture_on_commit_callbacks: Any,
) -> None:
    overleg = _overleg(casus, wereld, timezone.localdate() + timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = diensten.nodig_uit_voor_overleg(
            overleg=overleg, toegang=ouder, door=regisseur
        )
    brief = uitnodiging.brief
    assert brief is not None and brief.sjabloon == Brief.Sjabloon.OVERLEG_UITNODIGING
    assert brief.ouder == moeder and not brief.aan_leerling
    assert "Stadhuis, zaal 3" in brief.tekst and f"{overleg.datum.day}" in brief.tekst
    [rij] = casus.gebeurtenissen.filter(soort=Soort.OVERLEGUITNODIGING)
    assert rij.gegevens["overleg"] == "uvo"
    [bericht] = mail.outbox
    assert bericht.to == ["moeder@example.org"]
    assert f"/portaal/{ouder.pk}/" in bericht.body or "/portaal/" in bericht.body
    for geheim in (casus.leerling.voornamen, casus.leerling.achternaam, str(moeder), "Stadhuis"):
        assert geheim not in bericht.body
    _weigert(
        "al uitgenodigd",
        diensten.nodig_uit_voor_overleg,
        overleg=overleg,
        toegang=ouder,
        door=regisseur,
    )


def test_geen_mail_zonder_opt_in(
    wereld: Wereld,
    casus: Casus,
    regisseur: Medewerker,
    leerling: Portaaltoegang,
    django_capture_on_commit_callbacks: Any,
) -> None:
    overleg = _overleg(casus, wereld, timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = diensten.nodig_uit_voor_overleg(
            overleg=overleg, toegang=leerling, door=regisseur
        )
    assert uitnodiging.brief is not None and uitnodiging.brief.aan_leerling
    assert mail.outbox == []


def test_uitnodigen_voor_een_overleg_wordt_geweigerd_waar_het_niet_kan(
    wereld: Wereld,
    alle: dict[str, Casus],
    casus: Casus,
    regisseur: Medewerker,
    ouder: Portaaltoegang,
    vreemd: Portaaltoegang,
) -> None:
    morgen = timezone.localdate() + timedelta(days=1)
    overleg = _overleg(casus, wereld, morgen)
    # not on the agenda
    ander_overleg = _overleg(alle["buurdorp_school1"], wereld, morgen)
    _weigert(
        "niet op de agenda",
        diensten.nodig_uit_voor_overleg,
        overleg=ander_overleg,
        toegang=ouder,
        door=regisseur,
    )
    # past
    geweest = _overleg(
        casus, wereld, timezone.localdate() - timedelta(days=1), Overlegsoort.ACTIETAFEL
    )
    _weigert(
        "al geweest",
        diensten.nodig_uit_voor_overleg,
        overleg=geweest,
        toegang=ouder,
        door=regisseur,
    )
    # another family's access through this case's regisseur
    _weigert(
        "niet op de agenda",
        diensten.nodig_uit_voor_overleg,
        overleg=overleg,
        toegang=vreemd,
        door=vreemd.casus.regisseur,
    )
    # staff who see the case but do not direct it
    _weigert(
        "Alleen de regisseur",
        diensten.nodig_uit_voor_overleg,
        overleg=overleg,
        toegang=ouder,
        door=wereld.medewerkers[Rol.JEUGDARTS],
    )
    # a withheld parent, a parent without gezag
    for toegang in _ongeldige_ouders(casus).values():
        with pytest.raises(RelatieNietMogelijk):
            diensten.nodig_uit_voor_overleg(overleg=overleg, toegang=toegang, door=regisseur)
    assert not Overleguitnodiging.objects.exists() and not Brief.objects.exists()


def test_het_antwoord_op_een_uitnodiging_tot_de_dag_van_het_overleg(
    wereld: Wereld,
    casus: Casus,
    regisseur: Medewerker,
    ouder: Portaaltoegang,
    vreemd: Portaaltoegang,
) -> None:
    overleg = _overleg(casus, wereld, timezone.localdate() + timedelta(days=3))
    uitnodiging = diensten.nodig_uit_voor_overleg(overleg=overleg, toegang=ouder, door=regisseur)
    _weigert(
        "Kies een antwoord",
        diensten.beantwoord_overleguitnodiging,
        uitnodiging=uitnodiging,
        antwoord="misschien",
    )
    _weigert(
        "wat u wilt meegeven",
        diensten.beantwoord_overleguitnodiging,
        uitnodiging=uitnodiging,
        antwoord="meegeven",
    )
    # through another family's access
    _weigert(
        "niet van u",
        diensten.beantwoord_overleguitnodiging,
        uitnodiging=uitnodiging,
        antwoord="komt",
        toegang=vreemd,
    )
    antwoord = diensten.beantwoord_overleguitnodiging(
        uitnodiging=uitnodiging, antwoord="meegeven", tekst="Hij wil niet praten", toegang=ouder
    )
    assert (antwoord.antwoord, antwoord.antwoord_tekst) == ("meegeven", "Hij wil niet praten")
    [rij] = casus.gebeurtenissen.filter(soort=Soort.OVERLEGANTWOORD)
    assert rij.gegevens["antwoord"] == "meegeven" and "praten" not in str(rij.gegevens)
    melding = Notificatie.objects.get(ontvanger=regisseur, soort="portaal_reactie")
    assert melding.gegevens["reactie"] == "overleg_meegeven"
    # the meeting has passed: no more replies
    Overleg.objects.filter(pk=overleg.pk).update(datum=timezone.localdate() - timedelta(days=1))
    _weigert(
        "al geweest",
        diensten.beantwoord_overleguitnodiging,
        uitnodiging=uitnodiging,
        antwoord="komt",
    )
    # a withheld parent cannot reply either
    Portaaltoegang.objects.filter(pk=ouder.pk).update(
        status=Portaaltoegang.Status.ONTZEGD, beeindigd_op=timezone.now(), reden="VT"
    )
    Overleg.objects.filter(pk=overleg.pk).update(datum=timezone.localdate() + timedelta(days=3))
    _weigert(
        "niet gegeven",
        diensten.beantwoord_overleguitnodiging,
        uitnodiging=uitnodiging,
        antwoord="komt",
    )
    assert Overleguitnodiging.objects.get(pk=uitnodiging.pk).antwoord == "meegeven"


# --- messages -------------------------------------------------------------------------------


def test_berichten_heen_en_weer_met_een_melding_per_draad_tot_gelezen(
    casus: Casus,
    regisseur: Medewerker,
    ouder: Portaaltoegang,
    django_capture_on_commit_callbacks: Any,
) -> None:
    diensten.stuur_bericht(toegang=ouder, tekst="Vraag 1")
    diensten.stuur_bericht(toegang=ouder, tekst="Vraag 2")
    meldingen = Notificatie.objects.filter(ontvanger=regisseur, soort="portaal_bericht")
    assert meldingen.count() == 1
    assert "Vraag" not in str(meldingen.get().gegevens)
    # the regisseur reads the thread: the messages and the notification are read
    assert diensten.markeer_berichten_gelezen(toegang=ouder, door=regisseur) == 2
    assert not meldingen.filter(gelezen_op__isnull=True).exists()
    diensten.stuur_bericht(toegang=ouder, tekst="Vraag 3")
    assert meldingen.count() == 2
    # the answer reaches the parent by e-mail, with only a link
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = diensten.stuur_bericht(
            toegang=ouder, tekst="Antwoord met details", door=regisseur
        )
    assert antwoord.door == regisseur
    [bericht] = mail.outbox
    assert "details" not in bericht.body and bericht.to == ["moeder@example.org"]
    assert diensten.markeer_berichten_gelezen(toegang=ouder) == 1
    assert Bericht.objects.filter(gelezen_op__isnull=True).count() == 1  # "Vraag 3"


def test_berichten_worden_geweigerd_voor_wie_het_niet_mag(
    wereld: Wereld, alle: dict[str, Casus], casus: Casus, ouder: Portaaltoegang
) -> None:
    _weigert("Vul uw bericht in", diensten.stuur_bericht, toegang=ouder, tekst="  ")
    _weigert("te lang", diensten.stuur_bericht, toegang=ouder, tekst="x" * 10_001)
    for toegang in _ongeldige_ouders(casus).values():
        with pytest.raises(RelatieNietMogelijk):
            diensten.stuur_bericht(toegang=toegang, tekst="Hallo")
        with pytest.raises(RelatieNietMogelijk):
            diensten.stuur_bericht(toegang=toegang, tekst="Hallo", door=casus.regisseur)
    collega = MedewerkerFactory(rol=Rol.SCHOOLMEDEWERKER, organisatie=casus.regisseur.organisatie)
    buurdorp = alle["buurdorp_school2"].gemeente
    elders = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR, organisatie=OrganisatieFactory(gemeenten=[buurdorp])
    )
    for door in (collega, elders, wereld.medewerkers[Rol.JEUGDARTS]):
        _weigert(
            "Alleen de regisseur", diensten.stuur_bericht, toegang=ouder, tekst="Hoi", door=door
        )
        _weigert(
            "Alleen de regisseur", diensten.markeer_berichten_gelezen, toegang=ouder, door=door
        )
    assert not Bericht.objects.exists()
    # Leerplicht of the case's municipality may answer
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    assert diensten.stuur_bericht(toegang=ouder, tekst="Hoi", door=leerplicht).pk


# --- correction requests -------------------------------------------------------------------------


def test_een_correctieverzoek_wordt_een_taak_en_de_regisseur_handelt_het_af(
    wereld: Wereld,
    casus: Casus,
    regisseur: Medewerker,
    ouder: Portaaltoegang,
    django_capture_on_commit_callbacks: Any,
) -> None:
    verzoek = diensten.vraag_correctie(toegang=ouder, wat="Geboortedatum", toelichting="Is 17 mei")
    melding = Notificatie.objects.get(ontvanger=regisseur, soort="correctieverzoek")
    assert melding.gegevens == {"casus": casus.pk, "verzoek": verzoek.pk, "wie": "ouder"}
    [rij] = casus.gebeurtenissen.filter(soort=Soort.CORRECTIEVERZOEK)
    assert rij.gegevens["bericht"] == "correctie_gevraagd" and "mei" not in str(rij.gegevens)
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    _weigert(
        "Alleen de regisseur",
        diensten.handel_correctie_af,
        verzoek=verzoek,
        door=jeugdarts,
        uitkomst="gecorrigeerd",
        antwoord="Klopt",
    )
    _weigert(
        "Kies of",
        diensten.handel_correctie_af,
        verzoek=verzoek,
        door=regisseur,
        uitkomst="x",
        antwoord="y",
    )
    _weigert(
        "het antwoord",
        diensten.handel_correctie_af,
        verzoek=verzoek,
        door=regisseur,
        uitkomst="afgewezen",
        antwoord="",
    )
    with django_capture_on_commit_callbacks(execute=True):
        diensten.handel_correctie_af(
            verzoek=verzoek, door=regisseur, uitkomst="gecorrigeerd", antwoord="Aangepast"
        )
    verzoek.refresh_from_db()
    assert (verzoek.uitkomst, verzoek.antwoord, verzoek.afgehandeld_door) == (
        "gecorrigeerd",
        "Aangepast",
        regisseur,
    )
    melding.refresh_from_db()
    assert melding.gelezen_op is not None
    assert len(mail.outbox) == 1 and "Aangepast" not in mail.outbox[0].body
    _weigert(
        "al afgehandeld",
        diensten.handel_correctie_af,
        verzoek=verzoek,
        door=regisseur,
        uitkomst="afgewezen",
        antwoord="Nee",
    )


def test_een_correctieverzoek_vraagt_wat_en_hoe_en_een_geldige_toegang(
    casus: Casus, ouder: Portaaltoegang
) -> None:
    _weigert("wat er niet klopt", diensten.vraag_correctie, toegang=ouder, wat="", toelichting="y")
    _weigert("wat het moet zijn", diensten.vraag_correctie, toegang=ouder, wat="x", toelichting="")
    _weigert("te lang", diensten.vraag_correctie, toegang=ouder, wat="x" * 301, toelichting="y")
    for toegang in _ongeldige_ouders(casus).values():
        with pytest.raises(RelatieNietMogelijk):
            diensten.vraag_correctie(toegang=toegang, wat="x", toelichting="y")
    assert not Correctieverzoek.objects.exists()


# --- "werkt dit?" ----------------------------------------------------------------------------


def test_de_vragenlijst_na_het_uvo_en_bij_afsluiting(
    wereld: Wereld,
    casus: Casus,
    regisseur: Medewerker,
    ouder: Portaaltoegang,
    leerling: Portaaltoegang,
) -> None:
    assert 3 <= len(VRAGEN) <= 5
    assert diensten.open_vragenlijsten(ouder) == []
    _weigert(
        "staat nu niet voor u open",
        diensten.vul_terugkoppeling_in,
        toegang=ouder,
        moment="na_uvo",
        antwoorden=ALLES_DRIE,
    )
    # an UVO tomorrow does not count; one yesterday does
    _overleg(casus, wereld, timezone.localdate() + timedelta(days=1))
    assert diensten.open_vragenlijsten(ouder) == []
    _overleg(casus, wereld, timezone.localdate() - timedelta(days=1))
    assert diensten.open_vragenlijsten(ouder) == ["na_uvo"]
    # every question, each 1..5
    for fout in (
        {**ALLES_DRIE, "onbekend": 3},
        {k: v for k, v in list(ALLES_DRIE.items())[1:]},
        {**ALLES_DRIE, next(iter(VRAGEN)): 6},
        {**ALLES_DRIE, next(iter(VRAGEN)): 0},
        {**ALLES_DRIE, next(iter(VRAGEN)): True},
        {**ALLES_DRIE, next(iter(VRAGEN)): "3"},
    ):
        with pytest.raises(RelatieNietMogelijk):
            diensten.vul_terugkoppeling_in(toegang=ouder, moment="na_uvo", antwoorden=fout)
    ingevuld = diensten.vul_terugkoppeling_in(
        toegang=ouder, moment="na_uvo", antwoorden=ALLES_DRIE, open_antwoord=" Fijn "
    )
    assert ingevuld.antwoorden == ALLES_DRIE and ingevuld.open_antwoord == "Fijn"
    # once per moment
    assert diensten.open_vragenlijsten(ouder) == []
    _weigert(
        "staat nu niet voor u open",
        diensten.vul_terugkoppeling_in,
        toegang=ouder,
        moment="na_uvo",
        antwoorden=ALLES_DRIE,
    )
    # the pupil has their own
    assert diensten.open_vragenlijsten(leerling) == ["na_uvo"]
    # at closing
    services.sluit_casus(
        casus=casus,
        door=regisseur,
        passend_aanbod=Casus.PassendAanbod.EIGEN_SCHOOL,
        op=timezone.localdate(),
    )
    ouder.refresh_from_db()
    assert diensten.open_vragenlijsten(Portaaltoegang.objects.get(pk=ouder.pk)) == ["afsluiting"]
    diensten.vul_terugkoppeling_in(toegang=ouder, moment="afsluiting", antwoorden=ALLES_DRIE)
    assert Terugkoppeling.objects.filter(toegang=ouder).count() == 2


def test_een_uitnodiging_voor_een_uvo_dat_geweest_is_opent_de_vragenlijst(
    wereld: Wereld, casus: Casus, regisseur: Medewerker, ouder: Portaaltoegang
) -> None:
    overleg = _overleg(casus, wereld, timezone.localdate())
    diensten.nodig_uit_voor_overleg(overleg=overleg, toegang=ouder, door=regisseur)
    # the case is taken off the agenda afterwards; the meeting took place with the invitation
    Agendapunt.objects.filter(overleg=overleg).delete()
    Overleg.objects.filter(pk=overleg.pk).update(datum=timezone.localdate() - timedelta(days=2))
    assert diensten.open_vragenlijsten(ouder) == ["na_uvo"]


def test_geen_vragenlijst_voor_een_ander_gezin_of_een_onthouden_ouder(
    wereld: Wereld, casus: Casus, vreemd: Portaaltoegang
) -> None:
    _overleg(casus, wereld, timezone.localdate() - timedelta(days=1))
    assert diensten.open_vragenlijsten(vreemd) == []
    for toegang in _ongeldige_ouders(casus).values():
        assert diensten.open_vragenlijsten(toegang) == []
        with pytest.raises(RelatieNietMogelijk):
            diensten.vul_terugkoppeling_in(toegang=toegang, moment="na_uvo", antwoorden=ALLES_DRIE)
    assert not Terugkoppeling.objects.exists()


# --- ending and withholding ------------------------------------------------------------------


def test_beeindigen_en_onthouden_met_reden_door_de_regisseur(
    wereld: Wereld, casus: Casus, regisseur: Medewerker, ouder: Portaaltoegang, moeder: Ouder
) -> None:
    _weigert("reden", diensten.ontzeg_toegang, casus=casus, ouder=moeder, door=regisseur, reden=" ")
    _weigert(
        "Alleen de regisseur",
        diensten.ontzeg_toegang,
        casus=casus,
        ouder=moeder,
        door=wereld.medewerkers[Rol.JEUGDARTS],
        reden="VT",
    )
    onthouden = diensten.ontzeg_toegang(
        casus=casus, ouder=moeder, door=regisseur, reden="Veilig Thuis"
    )
    ouder.refresh_from_db()
    # the running access ended, the withholding row blocks it
    assert ouder.status == Portaaltoegang.Status.BEEINDIGD and ouder.reden == "Veilig Thuis"
    assert (
        onthouden.status == Portaaltoegang.Status.ONTZEGD and onthouden.gebruiker == ouder.gebruiker
    )
    _weigert(
        "al onthouden",
        diensten.ontzeg_toegang,
        casus=casus,
        ouder=moeder,
        door=regisseur,
        reden="VT",
    )
    [rij] = casus.gebeurtenissen.filter(soort=Soort.PORTAAL_ONTZEGD)
    assert "Veilig" not in str(rij.gegevens) and rij.toelichting == ""
    # lifting it: ending the withholding row, with a reason; then the parent can be invited again
    _weigert("reden", diensten.beeindig_toegang, toegang=onthouden, door=regisseur, reden="")
    diensten.beeindig_toegang(toegang=onthouden, door=regisseur, reden="Situatie veilig")
    [opgeheven] = casus.gebeurtenissen.filter(soort=Soort.PORTAAL_BEEINDIGD)
    assert opgeheven.gegevens["bericht"] == "portaal_ontzegging_opgeheven"
    assert diensten.nodig_uit(casus=casus, door=regisseur, ouder=moeder, via="brief").toegang.pk
    _weigert(
        "al beëindigd", diensten.beeindig_toegang, toegang=onthouden, door=regisseur, reden="x"
    )


def test_een_ouder_die_nooit_is_uitgenodigd_kan_worden_onthouden(
    casus: Casus, regisseur: Medewerker, moeder: Ouder, alle: dict[str, Casus]
) -> None:
    onthouden = diensten.ontzeg_toegang(casus=casus, ouder=moeder, door=regisseur, reden="VT")
    assert onthouden.gebruiker is None
    assert f"ouder:{moeder.pk}" not in [k for k, _ in uit_te_nodigen(casus)]
    # another family's parent cannot be withheld through this case
    vreemde = OuderFactory(leerling=alle["buurdorp_school1"].leerling)
    _weigert(
        "hoort niet bij",
        diensten.ontzeg_toegang,
        casus=casus,
        ouder=vreemde,
        door=regisseur,
        reden="x",
    )


def test_beeindigen_door_leerplicht_van_een_andere_gemeente_wordt_geweigerd(
    alle: dict[str, Casus], casus: Casus, ouder: Portaaltoegang
) -> None:
    buurdorp = alle["buurdorp_school2"].gemeente
    elders = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR, organisatie=OrganisatieFactory(gemeenten=[buurdorp])
    )
    _weigert(
        "Alleen de regisseur", diensten.beeindig_toegang, toegang=ouder, door=elders, reden="x"
    )
    ouder.refresh_from_db()
    assert ouder.status == Portaaltoegang.Status.ACTIEF


# --- a new plan version ---------------------------------------------------------------------------


def test_een_nieuwe_planversie_mailt_alleen_wie_dat_wil_en_toegang_heeft(
    casus: Casus,
    ouder: Portaaltoegang,
    plan: PlanVanAanpak,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # a withheld parent who opted in gets nothing
    onthouden = _ongeldige_ouders(casus)["onthouden"]
    onthouden.gebruiker = PortaalgebruikerFactory(email="x@example.org", email_meldingen=True)
    onthouden.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert diensten.meld_nieuwe_planversie(plan) == 1
    [bericht] = mail.outbox
    assert bericht.to == ["moeder@example.org"]
    assert "Weer naar school" not in bericht.body


def test_opslaan_van_een_nieuwe_planversie_mailt_de_ouder_die_dat_wil(
    casus: Casus,
    regisseur: Medewerker,
    ouder: Portaaltoegang,
    plan: PlanVanAanpak,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.sla_plan_op(casus=casus, door=regisseur, basis_versie=1, doel="Geheim doel")
    [bericht] = mail.outbox
    assert bericht.to == ["moeder@example.org"]
    assert "nieuwe versie van het plan" in bericht.body
    assert "Geheim doel" not in bericht.body


def test_de_mailtaak_kijkt_opnieuw_of_de_persoon_nog_mail_wil(ouder: Portaaltoegang) -> None:
    from binnenboord.notificaties import portaal

    gebruiker = ouder.gebruiker
    assert gebruiker is not None
    assert portaal.mail_portaal.call(gebruiker.pk, portaal.BERICHT, "/portaal/") == 1
    gebruiker.email_meldingen = False
    gebruiker.save()
    assert portaal.mail_portaal.call(gebruiker.pk, portaal.BERICHT, "/portaal/") == 0
    gebruiker.email_meldingen = True
    gebruiker.is_actief = False
    gebruiker.save()
    assert portaal.mail_portaal.call(gebruiker.pk, portaal.BERICHT, "/portaal/") == 0
    gebruiker.is_actief = True
    gebruiker.save()
    # a link outside the portal is never mailed
    assert portaal.mail_portaal.call(gebruiker.pk, portaal.BERICHT, "//evil.example/") == 0
    assert portaal.mail_portaal.call(gebruiker.pk, portaal.BERICHT, "https://evil.example/") == 0
    assert len(mail.outbox) == 1
