# SPDX-License-Identifier: EUPL-1.2
"""Storing the engine's outcome: idempotent, closing, reopening, never outside the scope."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binnenboord.signalering.gegevens import Bereik
from binnenboord.signalering.models import Signaal, SignaalGebeurtenis, Soort
from binnenboord.signalering.services.signaal import Telling, sla_signalen_op, wijs_af
from tests.factories import GemeenteFactory, LeerlingFactory, MedewerkerFactory
from tests.signalering.factories import SignaalFactory, rij, uitkomst

PEILDATUM = date(2026, 3, 10)
G = SignaalGebeurtenis.Soort


def _staat() -> list[tuple[Any, ...]]:
    """Everything stored, to compare before and after."""
    velden = [f.attname for f in Signaal._meta.concrete_fields]
    signalen = list(Signaal.objects.order_by("pk").values_list(*velden))
    gebeurtenissen = list(
        SignaalGebeurtenis.objects.order_by("pk").values_list("signaal_id", "soort", "toelichting")
    )
    return [*signalen, *gebeurtenissen]


def _nl(tekst: str, **waarden: str) -> str:
    """System history is stored in Dutch (the default language), whoever triggered it."""
    with translation.override("nl"):
        return gettext(tekst) % waarden


def _gebeurtenissen(signaal: Signaal) -> list[str]:
    return list(signaal.gebeurtenissen.order_by("pk").values_list("soort", flat=True))


@pytest.mark.django_db
def test_een_nieuwe_episode_wordt_open_opgeslagen_met_een_aanmaakgebeurtenis() -> None:
    leerling = LeerlingFactory()
    telling = sla_signalen_op(
        uitkomst=uitkomst(rij(leerling.pk)), peildatum=PEILDATUM, bereik=Bereik.alles()
    )
    assert telling == Telling(nieuw=1)
    signaal = Signaal.objects.get()
    assert (signaal.leerling_id, signaal.soort, signaal.begindatum, signaal.status) == (
        leerling.pk,
        Soort.LANGDURIG_RELATIEF_VERZUIM,
        date(2026, 2, 2),
        Signaal.Status.OPEN,
    )
    assert (signaal.van, signaal.tot, signaal.minuten, signaal.dagen) == (
        date(2026, 2, 2),
        date(2026, 3, 2),
        1500,
        15,
    )
    assert _gebeurtenissen(signaal) == [G.AANGEMAAKT]
    assert signaal.gebeurtenissen.get().wie is None


@pytest.mark.django_db
def test_twee_keer_draaien_met_dezelfde_uitkomst_verandert_niets() -> None:
    leerlingen = LeerlingFactory.create_batch(3)
    rijen = uitkomst(
        rij(leerlingen[0].pk),
        rij(leerlingen[1].pk, soort=Soort.VERZUIM_16_UUR.value),
        rij(leerlingen[2].pk, einddatum=date(2026, 3, 5)),
    )
    sla_signalen_op(uitkomst=rijen, peildatum=PEILDATUM, bereik=Bereik.alles())
    voor = _staat()

    telling = sla_signalen_op(uitkomst=rijen, peildatum=PEILDATUM, bereik=Bereik.alles())

    assert telling == Telling(ongewijzigd=3)
    assert _staat() == voor


@pytest.mark.django_db
def test_gewijzigde_cijfers_werken_het_open_signaal_bij_zonder_een_nieuw() -> None:
    leerling = LeerlingFactory()
    sla_signalen_op(uitkomst=uitkomst(rij(leerling.pk)), peildatum=PEILDATUM, bereik=Bereik.alles())

    telling = sla_signalen_op(
        uitkomst=uitkomst(rij(leerling.pk, tot=date(2026, 3, 9), minuten=1800, dagen=18)),
        peildatum=PEILDATUM,
        bereik=Bereik.alles(),
    )

    assert telling == Telling(bijgewerkt=1)
    signaal = Signaal.objects.get()
    assert (signaal.tot, signaal.minuten, signaal.dagen, signaal.status) == (
        date(2026, 3, 9),
        1800,
        18,
        Signaal.Status.OPEN,
    )
    assert _gebeurtenissen(signaal) == [G.AANGEMAAKT]


@pytest.mark.django_db
def test_een_situatie_sluit_als_haar_einddatum_is_gezet() -> None:
    leerling = LeerlingFactory()
    sla_signalen_op(uitkomst=uitkomst(rij(leerling.pk)), peildatum=PEILDATUM, bereik=Bereik.alles())

    telling = sla_signalen_op(
        uitkomst=uitkomst(rij(leerling.pk, einddatum=date(2026, 3, 9))),
        peildatum=PEILDATUM,
        bereik=Bereik.alles(),
    )

    assert telling == Telling(gesloten=1)
    signaal = Signaal.objects.get()
    assert (signaal.status, signaal.einddatum) == (Signaal.Status.GESLOTEN, date(2026, 3, 9))
    gesloten = signaal.gebeurtenissen.get(soort=G.GESLOTEN)
    assert gesloten.toelichting == _nl("Situation ended on %(einddatum)s.", einddatum="09-03-2026")


@pytest.mark.django_db
def test_een_situatie_die_de_kern_niet_meer_meldt_sluit_maar_een_gebeurtenis_blijft_open() -> None:
    leerling = LeerlingFactory()
    situatie = SignaalFactory(leerling=leerling)
    gebeurtenis = SignaalFactory(leerling=leerling, gebeurtenis=True)

    telling = sla_signalen_op(uitkomst=uitkomst(), peildatum=PEILDATUM, bereik=Bereik.alles())

    assert telling == Telling(gesloten=1)
    situatie.refresh_from_db()
    gebeurtenis.refresh_from_db()
    assert situatie.status == Signaal.Status.GESLOTEN
    assert situatie.gebeurtenissen.get().toelichting == _nl(
        "No longer found by the calculation on %(peildatum)s.", peildatum="10-03-2026"
    )
    assert gebeurtenis.status == Signaal.Status.OPEN


@pytest.mark.django_db
def test_een_signaal_van_na_de_peildatum_sluit_niet_bij_herhaling_op_een_eerdere_datum() -> None:
    signaal = SignaalFactory(datum=PEILDATUM + timedelta(days=5), tot=PEILDATUM + timedelta(days=5))
    sla_signalen_op(uitkomst=uitkomst(), peildatum=PEILDATUM, bereik=Bereik.alles())
    signaal.refresh_from_db()
    assert signaal.status == Signaal.Status.OPEN


@pytest.mark.django_db
def test_een_historische_episode_die_al_voorbij_is_wordt_gesloten_opgeslagen() -> None:
    leerling = LeerlingFactory()
    telling = sla_signalen_op(
        uitkomst=uitkomst(rij(leerling.pk, einddatum=date(2026, 3, 5))),
        peildatum=PEILDATUM,
        bereik=Bereik.alles(),
    )
    assert telling == Telling(nieuw=1)
    signaal = Signaal.objects.get()
    assert signaal.status == Signaal.Status.GESLOTEN
    assert _gebeurtenissen(signaal) == [G.AANGEMAAKT, G.GESLOTEN]


@pytest.mark.django_db
def test_een_gesloten_situatie_die_weer_als_lopend_wordt_gemeld_wordt_heropend() -> None:
    leerling = LeerlingFactory()
    sla_signalen_op(uitkomst=uitkomst(rij(leerling.pk)), peildatum=PEILDATUM, bereik=Bereik.alles())
    sla_signalen_op(uitkomst=uitkomst(), peildatum=PEILDATUM, bereik=Bereik.alles())

    telling = sla_signalen_op(
        uitkomst=uitkomst(rij(leerling.pk)), peildatum=PEILDATUM, bereik=Bereik.alles()
    )

    assert telling == Telling(heropend=1)
    signaal = Signaal.objects.get()
    assert signaal.status == Signaal.Status.OPEN
    assert _gebeurtenissen(signaal) == [G.AANGEMAAKT, G.GESLOTEN, G.HEROPEND]


@pytest.mark.django_db
def test_een_afgehandeld_signaal_blijft_ongemoeid() -> None:
    signaal = SignaalFactory()
    wijs_af(signaal=signaal, door=MedewerkerFactory(), reden="Bekend, ziekenhuisopname.")
    voor = _staat()

    telling = sla_signalen_op(
        uitkomst=uitkomst(rij(signaal.leerling_id, minuten=9999, einddatum=date(2026, 3, 9))),
        peildatum=PEILDATUM,
        bereik=Bereik.alles(),
    )

    assert telling == Telling(ongewijzigd=1)
    assert _staat() == voor


@pytest.mark.django_db
def test_signalen_buiten_het_bereik_worden_nooit_aangeraakt() -> None:
    # given open signals in two municipalities
    hier, elders = GemeenteFactory(), GemeenteFactory()
    binnen = SignaalFactory(leerling=LeerlingFactory(woongemeente=hier))
    buiten = SignaalFactory(leerling=LeerlingFactory(woongemeente=elders))
    # when a run for one municipality finds nothing (and the outcome even names the other)
    telling = sla_signalen_op(
        uitkomst=uitkomst(rij(buiten.leerling_id, begindatum=date(2026, 1, 5))),
        peildatum=PEILDATUM,
        bereik=Bereik.voor_gemeente(hier),
    )
    # then only the signal in scope is closed, and nothing is created outside it
    assert telling == Telling(gesloten=1)
    binnen.refresh_from_db()
    buiten.refresh_from_db()
    assert binnen.status == Signaal.Status.GESLOTEN
    assert buiten.status == Signaal.Status.OPEN
    assert Signaal.objects.count() == 2


@pytest.mark.django_db
def test_een_incrementele_run_raakt_alleen_zijn_leerlingen() -> None:
    eerste, tweede = SignaalFactory(), SignaalFactory()
    sla_signalen_op(
        uitkomst=uitkomst(),
        peildatum=PEILDATUM,
        bereik=Bereik.voor_leerlingen([eerste.leerling_id]),
    )
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert (eerste.status, tweede.status) == (Signaal.Status.GESLOTEN, Signaal.Status.OPEN)


SOORTEN = st.sampled_from([s.value for s in Soort])
DAGEN = st.dates(min_value=date(2025, 8, 1), max_value=PEILDATUM)


@st.composite
def engine_rijen(draw: st.DrawFn, leerling_ids: list[int]) -> list[dict[str, Any]]:
    rijen = {}
    for _ in range(draw(st.integers(0, 8))):
        begin = draw(DAGEN)
        soort = draw(SOORTEN)
        einde = draw(st.none() | st.dates(min_value=begin, max_value=PEILDATUM))
        leerling_id = draw(st.sampled_from(leerling_ids))
        rijen[(leerling_id, soort, begin)] = rij(
            leerling_id,
            soort=soort,
            begindatum=begin,
            datum=begin,
            van=begin,
            tot=einde or begin,
            einddatum=None if soort in ("verzuim_16_uur", "zorgwekkend_ziekteverzuim") else einde,
            minuten=draw(st.integers(0, 5000)),
            dagen=draw(st.integers(0, 60)),
        )
    return list(rijen.values())


@pytest.mark.django_db
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_twee_keer_dezelfde_uitkomst_opslaan_doet_niets(data: st.DataObject) -> None:
    with transaction.atomic():
        leerling_ids = [leerling.pk for leerling in LeerlingFactory.create_batch(3)]
        eerder = uitkomst(*data.draw(engine_rijen(leerling_ids)))
        nu = uitkomst(*data.draw(engine_rijen(leerling_ids)))
        sla_signalen_op(uitkomst=eerder, peildatum=PEILDATUM, bereik=Bereik.alles())
        sla_signalen_op(uitkomst=nu, peildatum=PEILDATUM, bereik=Bereik.alles())
        voor = _staat()

        telling = sla_signalen_op(uitkomst=nu, peildatum=PEILDATUM, bereik=Bereik.alles())

        assert (telling.nieuw, telling.bijgewerkt, telling.gesloten, telling.heropend) == (
            0,
            0,
            0,
            0,
        )
        assert _staat() == voor
        transaction.set_rollback(True)
