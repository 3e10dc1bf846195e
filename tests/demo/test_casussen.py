# SPDX-License-Identifier: EUPL-1.2
"""The demo's cases: today's from the most urgent signals, and a year of cases from the signals
the pupils really had, through the regie services, under the model of the pupil's area. One
demo city (1,500 pupils, a year of absence up to mid-March, a pilot district on the Utrecht
model) is built for the whole module and rolled back at its end."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import transaction
from django.db.models import QuerySet
from django.test import override_settings

import pytest

from binnenboord.demo import relatie
from binnenboord.demo.casussen import URGENT, maak_demo_casussen
from binnenboord.demo.samenwerking import AANGEMELD
from binnenboord.kern import aanpak as kern
from binnenboord.kern.signalen import GEBEURTENISSEN
from binnenboord.kern.termijnen import AMSTERDAM
from binnenboord.regie.beoordeling import beoordeel_in_bulk
from binnenboord.regie.models import Casus, CasusGebeurtenis, Contactmoment, PlanVanAanpak
from binnenboord.registratie.models import Leerling
from binnenboord.signalering.models import Signaal

pytestmark = pytest.mark.django_db

PEILDATUM = date(2026, 3, 16)
SEED = 7
PILOT = {"9999:9990-9991": kern.UTRECHT_KERNPARTNERS.code}


@pytest.fixture(scope="module")
def uitvoer(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The command's output; the city and its cases stay for the module's tests."""
    with (
        django_db_blocker.unblock(),
        override_settings(AANPAK_PER_GEBIED=PILOT),
        transaction.atomic(),
    ):
        tekst = StringIO()
        call_command("demo", grootte=1500, seed=SEED, peildatum=PEILDATUM, stdout=tekst)
        yield tekst.getvalue()
        transaction.set_rollback(True)


def _van_de_samenwerking() -> QuerySet[CasusGebeurtenis]:
    """The cases the demo's collaboration opened (tests/demo/test_samenwerking), by their
    opening note: not today's and not the year's."""
    return CasusGebeurtenis.objects.filter(
        soort=CasusGebeurtenis.Soort.GEOPEND, toelichting=AANGEMELD
    ).values("casus_id")


def _van_vandaag() -> list[Casus]:
    """Today's cases in the order they were opened (the oldest signal first)."""
    return list(
        Casus.objects.filter(signaal__soort__in=URGENT)
        .exclude(pk__in=_van_de_samenwerking())
        .select_related("signaal", "regisseur", "leerling__woongemeente")
        .order_by("pk")
    )


def _van_het_jaar() -> list[Casus]:
    return list(
        Casus.objects.exclude(signaal__soort__in=URGENT)
        .exclude(pk__in=_van_de_samenwerking())
        .select_related("signaal", "regisseur", "leerling__woongemeente")
    )


def test_de_casussen_van_vandaag_komen_uit_urgente_signalen_en_de_helft_is_bewerkt(
    uitvoer: str,
) -> None:
    # given the cases opened from today's urgent signals
    casussen = _van_vandaag()
    # then there are a few, open, each from a signal now handled as a case
    assert 1 <= len(casussen) <= 6
    for casus in casussen:
        assert casus.status == Casus.Status.OPEN
        assert casus.signaal is not None
        assert casus.signaal.status == Signaal.Status.AFGEHANDELD
        assert casus.signaal.afhandeling == Signaal.Afhandeling.CASUS
        assert casus.regisseur.username == "leerplichtambtenaar"
        assert casus.leerling.woongemeente.code == "9999"
    # and the older half has a home visit and a plan van aanpak, in their history too
    bezocht = Contactmoment.objects.filter(
        soort=Contactmoment.Soort.HUISBEZOEK, casus__in=casussen[: (len(casussen) + 1) // 2]
    )
    assert bezocht.values("casus").distinct().count() == (len(casussen) + 1) // 2
    # (the demo's family in the portal has a plan version of its own: demo/relatie.py)
    eigen = PlanVanAanpak.objects.exclude(doel=relatie.PLAN_DOEL)
    oudste = casussen[: (len(casussen) + 1) // 2]
    assert eigen.filter(casus__in=oudste).values("casus").distinct().count() == len(oudste)
    assert CasusGebeurtenis.objects.filter(
        soort=CasusGebeurtenis.Soort.PLAN_OPGESLAGEN
    ).count() == (PlanVanAanpak.objects.count())


def test_een_vastgelegd_plan_van_aanpak_is_ook_een_opgeslagen_plan(uitvoer: str) -> None:
    # the case page never shows "plan van aanpak: gedaan" beside "nog geen plan"
    met_stap = set(
        CasusGebeurtenis.objects.filter(stap="plan_van_aanpak").values_list("casus_id", flat=True)
    )
    assert met_stap, "the demo records the step plan van aanpak somewhere"
    met_plan = set(PlanVanAanpak.objects.values_list("casus_id", flat=True))
    assert met_stap - met_plan == set()


def test_het_commando_drukt_de_open_en_de_gesloten_casussen_af(uitvoer: str) -> None:
    regels = uitvoer.splitlines()
    open_ = Casus.objects.filter(status=Casus.Status.OPEN).count()
    gesloten = Casus.objects.filter(status=Casus.Status.GESLOTEN).count()
    index = regels.index(f"Open casussen: {open_}.")
    assert re.findall(r"\d+", regels[index + 1]) == [str(gesloten)]


def test_ongeveer_een_procent_van_de_leerlingen_had_een_casus_die_in_het_jaar_begon(
    uitvoer: str,
) -> None:
    # given the cases of the year and the pupils living in Demodam
    casussen = _van_het_jaar()
    inwoners = Leerling.objects.filter(woongemeente__code="9999").count()
    # then about 1 to 2 in a hundred had one, each started in the year before the peildatum
    assert 0.008 * inwoners <= len(casussen) <= 0.02 * inwoners
    for casus in casussen:
        assert PEILDATUM - timedelta(days=365) < casus.start <= PEILDATUM - timedelta(weeks=2)
    # and the starts are spread over at least 8 different months
    assert len({(c.start.year, c.start.month) for c in casussen}) >= 8


def test_elke_casus_van_het_jaar_komt_uit_een_signaal_van_zijn_leerling(uitvoer: str) -> None:
    for casus in _van_het_jaar():
        signaal = casus.signaal
        # then the signal is the pupil's, handled as this case, and the case starts with it
        assert signaal is not None
        assert signaal.leerling_id == casus.leerling_id
        assert signaal.status == Signaal.Status.AFGEHANDELD
        assert signaal.afhandeling == Signaal.Afhandeling.CASUS
        assert casus.start == signaal.van
        # and was opened, and the signal handled, on the day the signal was given
        assert casus.geopend_op.date() == signaal.datum
        assert signaal.afgehandeld_op is not None
        assert signaal.afgehandeld_op.date() == signaal.datum
        # and a verborgen thuiszitter's case closed the day the pupil was back at school
        if signaal.soort == "langdurig_geoorloofd_verzuim" and casus.passend_aanbod_op:
            assert casus.passend_aanbod_op == signaal.einddatum


def test_veel_casussen_sloten_na_weken_of_maanden_met_een_passend_aanbod(uitvoer: str) -> None:
    # given the cases of the year
    casussen = _van_het_jaar()
    gesloten = [c for c in casussen if c.status == Casus.Status.GESLOTEN]
    open_ = [c for c in casussen if c.status == Casus.Status.OPEN]
    # then both closed and open ones are there, most closed
    assert open_
    assert len(gesloten) > len(casussen) / 2
    # and every closed one has a passend aanbod of some kind, reached after the start
    for casus in gesloten:
        assert casus.passend_aanbod in Casus.PassendAanbod.values
        assert casus.passend_aanbod_op is not None
        assert casus.passend_aanbod_op <= PEILDATUM
        assert casus.doorlooptijd is not None
        assert casus.doorlooptijd > 0
    assert len({c.passend_aanbod for c in gesloten}) >= 3
    # and durations run from weeks to more than 3 months
    duren = [c.doorlooptijd or (PEILDATUM - c.start).days for c in casussen]
    assert min(duren) < 6 * 7
    assert max(duren) > 92


def test_geen_leerling_heeft_twee_casussen(uitvoer: str) -> None:
    leerlingen = list(Casus.objects.values_list("leerling_id", flat=True))
    assert len(leerlingen) == len(set(leerlingen))


def test_stappen_worden_op_tijd_te_laat_of_helemaal_niet_vastgelegd(uitvoer: str) -> None:
    # given the cases of the year as the models judge them on the peildatum
    casussen = _van_het_jaar()
    beoordelingen = beoordeel_in_bulk(casussen, PEILDATUM)
    op_tijd = te_laat = ontbreekt = 0
    for casus in casussen:
        einde = casus.passend_aanbod_op or PEILDATUM
        for stap in beoordelingen[casus.pk].stappen:
            if stap.gedaan_op is not None and stap.termijn is not None:
                dag = (
                    stap.gedaan_op.astimezone(AMSTERDAM).date()
                    if isinstance(stap.gedaan_op, datetime)
                    else stap.gedaan_op
                )
                # every recorded step lies within the case
                assert casus.start <= dag <= einde
                if stap.termijn.status_op(stap.gedaan_op) == "verlopen":
                    te_laat += 1
                else:
                    op_tijd += 1
            elif stap.status == "verlopen":
                ontbreekt += 1
    # then all three occur, most steps on time
    assert op_tijd > te_laat > 0
    assert ontbreekt > 0


def test_het_pilotstadsdeel_werkt_met_het_utrechtse_model_naast_amsterdam(uitvoer: str) -> None:
    # given the cases of the year, with the postcode of their pupil
    casussen = Casus.objects.exclude(signaal__soort__in=URGENT).values_list(
        "pk", "aanpak", "leerling__postcode"
    )
    utrecht = {s.code for f in kern.UTRECHT_KERNPARTNERS.fasen for s in f.stappen} | {
        f.escalatie for f in kern.UTRECHT_KERNPARTNERS.fasen if f.escalatie
    }
    per_model: dict[str, int] = {}
    for pk, aanpak, postcode in casussen:
        # then a case in 9990-9991 runs under the Utrecht model, elsewhere under Amsterdam's
        in_pilot = postcode[:4] in ("9990", "9991")
        assert aanpak == (kern.UTRECHT_KERNPARTNERS.code if in_pilot else "amsterdam_drie_fasen")
        per_model[aanpak] = per_model.get(aanpak, 0) + 1
        if in_pilot:
            # and records the steps of its own model only
            stappen = set(
                CasusGebeurtenis.objects.filter(casus_id=pk)
                .exclude(stap="")
                .values_list("stap", flat=True)
            )
            assert stappen <= utrecht
    assert per_model.get(kern.UTRECHT_KERNPARTNERS.code, 0) >= 2
    assert per_model.get("amsterdam_drie_fasen", 0) >= 2


def _vingerafdruk() -> list[tuple[object, ...]]:
    stappen: dict[int, list[tuple[str, date | None]]] = {}
    for casus_id, stap, datum in (
        CasusGebeurtenis.objects.exclude(stap="")
        .values_list("casus_id", "stap", "datum")
        .order_by("pk")
    ):
        stappen.setdefault(casus_id, []).append((stap, datum))
    return sorted(
        (bsn, start, aanpak, status, aanbod, op, tuple(stappen.get(pk, [])))
        for pk, bsn, start, aanpak, status, aanbod, op in Casus.objects.exclude(
            pk__in=_van_de_samenwerking()
        ).values_list(
            "pk",
            "leerling__bsn",
            "start",
            "aanpak",
            "status",
            "passend_aanbod",
            "passend_aanbod_op",
        )
    )


def _zonder_casussen() -> None:
    """The city as it was before the demo opened its cases: no cases, and the signals they
    came from as the engine left them."""
    Casus.objects.all().delete()
    Signaal.objects.filter(afhandeling=Signaal.Afhandeling.CASUS).update(
        status=Signaal.Status.OPEN,
        afhandeling="",
        afgehandeld_door=None,
        afgehandeld_op=None,
    )
    Signaal.objects.filter(einddatum__isnull=False).exclude(soort__in=GEBEURTENISSEN).update(
        status=Signaal.Status.GESLOTEN
    )


def test_dezelfde_seed_geeft_dezelfde_casussen_en_een_andere_seed_andere(uitvoer: str) -> None:
    # given the cases the command made
    eerst = _vingerafdruk()
    # when they are made again on the same city, with the same seed and with another
    with override_settings(AANPAK_PER_GEBIED=PILOT):
        _zonder_casussen()
        maak_demo_casussen(peildatum=PEILDATUM, seed=SEED)
        opnieuw = _vingerafdruk()
        _zonder_casussen()
        maak_demo_casussen(peildatum=PEILDATUM, seed=SEED + 1)
        anders = _vingerafdruk()
    # then the same seed gives exactly the same cases, steps and dates; another seed does not
    assert opnieuw == eerst
    assert anders != eerst


def test_de_demo_heeft_een_gemelde_verhuizing_en_een_inschrijving_die_wacht_op_leerplicht(
    uitvoer: str,
) -> None:
    from binnenboord.registratie import bevestigen
    from binnenboord.registratie.models import Verhuismelding
    from binnenboord.toegang.models import Medewerker

    assert (
        "Wacht op bevestiging door Leerplicht Demodam: 1 gemelde verhuizing(en) van Leerplicht "
        "Buurdorp (inlog leerplicht_buurdorp) en 1 inschrijving(en) van de demoschool." in uitvoer
    )
    leerplicht = Medewerker.objects.get(username="leerplichtambtenaar")
    [melding] = bevestigen.te_bevestigen_verhuismeldingen(leerplicht)
    # held, not applied: the pupil still lives in Demodam until Leerplicht Demodam confirms
    assert melding.leerling.woongemeente.naam == "Demodam"
    assert melding.naar_gemeente.naam == "Buurdorp"
    assert Verhuismelding.objects.count() == 1
    [verzoek] = bevestigen.te_bevestigen_inschrijvingen(leerplicht)
    school = Medewerker.objects.get(username="schoolmedewerker")
    assert list(bevestigen.aangevraagde_inschrijvingen(school)) == [verzoek]
    assert not school.has_perm("registratie.view_leerling", verzoek.leerling)
