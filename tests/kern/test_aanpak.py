# SPDX-License-Identifier: EUPL-1.2
"""The escalation models as data, walked through on a fixed calendar: a Utrecht VO pupil to the
teammanagers at 8 weeks and the Interventieteam at 10 weeks (plan within 48 hours, solution
within 10 werkdagen across Easter), an Amsterdam pupil to phase 2 at 4 weeks and phase 3 at 3
months, overdue states, closing with passend aanbod, and a third, made-up model."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binnenboord.kern.aanpak import (
    AANPAKKEN,
    AMSTERDAM_DRIE_FASEN,
    UTRECHT_KERNPARTNERS,
    Aanpak,
    Beoordeling,
    CasusFeiten,
    Fase,
    Stap,
    beoordeel,
)
from binnenboord.kern.kalender import Schoolkalender
from binnenboord.kern.termijnen import DRIE_MAANDEN, Termijndefinitie

AMS = ZoneInfo("Europe/Amsterdam")
# werkdagen skip the generally recognised holidays: Tweede Paasdag is Monday 6 April 2026
FEESTDAGEN = Schoolkalender("midden")._erkende_feestdagen


def d(tekst: str) -> date:
    dag, maand, jaar = (int(x) for x in tekst.split("-"))
    return date(jaar, maand, dag)


def status(beoordeling: Beoordeling, code: str) -> str:
    [stap] = [s for s in beoordeling.stappen if s.stap.code == code]
    return stap.status


def deadline(beoordeling: Beoordeling, code: str) -> date | datetime | None:
    [stap] = [s for s in beoordeling.stappen if s.stap.code == code]
    if stap.termijn is None:
        return None
    return stap.termijn.verloopt_om or stap.termijn.verloopt_op


# --- Utrecht -------------------------------------------------------------------------------

UTRECHT_START = d("19-01-2026")  # 8 weeks: 16-03; 10 weeks: 30-03; 3 months: 19-04


def utrecht(peildatum: date | datetime, **gebeurtenissen: date | datetime) -> Beoordeling:
    feiten = CasusFeiten(
        start=UTRECHT_START, gebeurtenissen=gebeurtenissen, kenmerken=frozenset({"vo"})
    )
    return beoordeel(feiten, UTRECHT_KERNPARTNERS, FEESTDAGEN, peildatum)


@pytest.mark.parametrize(
    ("peildatum", "fase", "regisseur", "escalatie"),
    [
        ("19-01-2026", "kernteam", "schoolmedewerker", None),
        ("15-03-2026", "kernteam", "schoolmedewerker", None),
        ("16-03-2026", "teammanagers", "teammanager", "teammanagers"),
        ("29-03-2026", "teammanagers", "teammanager", "teammanagers"),
        ("30-03-2026", "interventieteam", "interventieteamlid", "interventieteam"),
    ],
    ids=["start", "day_before_8_weeks", "8_weeks", "day_before_10_weeks", "10_weeks"],
)
def test_utrecht_vo_leerling_escaleert_na_8_en_10_weken(
    peildatum: str, fase: str, regisseur: str, escalatie: str | None
) -> None:
    beoordeling = utrecht(d(peildatum))
    assert beoordeling.fase.code == fase
    assert beoordeling.regisseur == regisseur
    assert beoordeling.escalatie == escalatie


def test_utrecht_de_school_meldt_meteen_en_de_actietafel_volgt() -> None:
    begin = utrecht(d("19-01-2026"))
    assert deadline(begin, "melding_thuiszitter") == d("20-01-2026")
    assert status(begin, "melding_thuiszitter") == "binnenkort"
    assert status(utrecht(d("21-01-2026")), "melding_thuiszitter") == "verlopen"
    assert (
        status(utrecht(d("21-01-2026"), melding_thuiszitter=d("19-01-2026")), "melding_thuiszitter")
        == "gedaan"
    )
    assert deadline(begin, "actietafel") == d("02-02-2026")


def test_utrecht_escalatie_staat_open_tot_het_orgaan_de_casus_nam() -> None:
    genomen = utrecht(d("17-03-2026"), teammanagers=d("17-03-2026"))
    assert genomen.escalatie is None
    assert status(genomen, "besluit_teammanagers") == "lopend"
    assert deadline(genomen, "besluit_teammanagers") == d("30-03-2026")


def test_utrecht_interventieteam_plan_in_48_uur_en_oplossing_in_10_werkdagen() -> None:
    # the Interventieteam takes the case on Tuesday 31 March 2026 at 10:00
    genomen = datetime(2026, 3, 31, 10, 0, tzinfo=AMS)
    # before it took the case, its steps have no deadline yet
    voor = utrecht(d("30-03-2026"))
    assert status(voor, "interventieteam_plan") == "nog_niet"
    assert deadline(voor, "interventieteam_plan") is None
    # the plan is due 48 hours later, to the minute
    assert deadline(utrecht(genomen, interventieteam=genomen), "interventieteam_plan") == (
        datetime(2026, 4, 2, 10, 0, tzinfo=AMS)
    )
    net_op_tijd = datetime(2026, 4, 2, 9, 59, tzinfo=AMS)
    te_laat = datetime(2026, 4, 2, 10, 1, tzinfo=AMS)
    assert status(utrecht(net_op_tijd, interventieteam=genomen), "interventieteam_plan") == (
        "binnenkort"
    )
    assert status(utrecht(te_laat, interventieteam=genomen), "interventieteam_plan") == "verlopen"
    # 10 werkdagen: 1, 2, 3 (Goede Vrijdag is a werkdag), 7, 8, 9, 10, 13, 14, 15 April —
    # Tweede Paasdag (6 April) does not count
    assert deadline(utrecht(genomen, interventieteam=genomen), "interventieteam_oplossing") == (
        d("15-04-2026")
    )
    assert status(
        utrecht(d("15-04-2026"), interventieteam=genomen), "interventieteam_oplossing"
    ) == ("binnenkort")
    assert status(
        utrecht(d("16-04-2026"), interventieteam=genomen), "interventieteam_oplossing"
    ) == ("verlopen")
    # after the solution, the evaluation (case and process level) is due
    klaar = utrecht(
        d("16-04-2026"), interventieteam=genomen, interventieteam_oplossing=d("14-04-2026")
    )
    assert status(klaar, "interventieteam_oplossing") == "gedaan"
    assert deadline(klaar, "evaluatie") == d("28-04-2026")


def test_utrecht_een_po_leerling_gaat_nooit_naar_het_interventieteam_vo() -> None:
    feiten = CasusFeiten(start=UTRECHT_START)
    beoordeling = beoordeel(feiten, UTRECHT_KERNPARTNERS, FEESTDAGEN, d("10-04-2026"))
    assert beoordeling.fase.code == "teammanagers"
    assert "actietafel" not in {s.stap.code for s in beoordeling.stappen}


def test_utrecht_jeugdhulp_zonder_plek_vraagt_binnen_twee_weken_een_alternatief() -> None:
    assert status(utrecht(d("01-02-2026")), "jeugdhulp_alternatief") == "nog_niet"
    geen_plek = utrecht(d("20-02-2026"), jeugdhulp_geen_plek=d("05-02-2026"))
    assert deadline(geen_plek, "jeugdhulp_alternatief") == d("19-02-2026")
    assert status(geen_plek, "jeugdhulp_alternatief") == "verlopen"


def test_de_landelijke_norm_van_drie_maanden_geldt_ook_onder_utrecht() -> None:
    assert utrecht(d("19-04-2026")).norm.verloopt_op == d("19-04-2026")
    assert utrecht(d("19-04-2026")).norm_status == "binnenkort"
    assert utrecht(d("20-04-2026")).norm_status == "verlopen"


# --- Amsterdam -----------------------------------------------------------------------------

AMSTERDAM_START = d("02-02-2026")  # 4 weeks: 02-03; 3 months: 02-05


def amsterdam(
    peildatum: date,
    kenmerken: frozenset[str] = frozenset(),
    passend_aanbod_op: date | None = None,
    **gebeurtenissen: date,
) -> Beoordeling:
    feiten = CasusFeiten(
        start=AMSTERDAM_START,
        gebeurtenissen=gebeurtenissen,
        kenmerken=kenmerken,
        passend_aanbod_op=passend_aanbod_op,
    )
    return beoordeel(feiten, AMSTERDAM_DRIE_FASEN, FEESTDAGEN, peildatum)


@pytest.mark.parametrize(
    ("peildatum", "fase", "regisseur", "sinds"),
    [
        ("01-03-2026", "school", "schoolmedewerker", "02-02-2026"),
        ("02-03-2026", "leerplicht", "leerplichtambtenaar", "02-03-2026"),
        ("01-05-2026", "leerplicht", "leerplichtambtenaar", "02-03-2026"),
        ("02-05-2026", "doorbraak", "leerplichtambtenaar", "02-05-2026"),
    ],
    ids=["before_4_weeks", "phase_2_at_4_weeks", "before_3_months", "phase_3_at_3_months"],
)
def test_amsterdam_fasen(peildatum: str, fase: str, regisseur: str, sinds: str) -> None:
    beoordeling = amsterdam(d(peildatum))
    assert (beoordeling.fase.code, beoordeling.regisseur) == (fase, regisseur)
    assert beoordeling.fase_sinds == d(sinds)


def test_amsterdam_fase_3_brengt_de_casus_naar_het_doorbraakoverleg() -> None:
    assert amsterdam(d("02-05-2026")).escalatie == "doorbraakoverleg"
    assert amsterdam(d("04-05-2026"), doorbraakoverleg=d("04-05-2026")).escalatie is None
    assert deadline(amsterdam(d("02-05-2026")), "inbreng_doorbraakoverleg") == d("23-05-2026")


def test_amsterdam_huisbezoek_plan_en_uvo_met_hun_termijnen() -> None:
    fase2 = amsterdam(d("16-03-2026"))
    # the home visit within 2 weeks of phase 2, the plan within 4, the UVO after the plan
    assert deadline(fase2, "huisbezoek") == d("16-03-2026")
    assert status(fase2, "huisbezoek") == "binnenkort"
    assert status(amsterdam(d("17-03-2026")), "huisbezoek") == "verlopen"
    assert status(amsterdam(d("17-03-2026"), huisbezoek=d("10-03-2026")), "huisbezoek") == "gedaan"
    assert deadline(fase2, "plan_van_aanpak") == d("30-03-2026")
    assert status(fase2, "uvo") == "nog_niet"
    met_plan = amsterdam(d("25-03-2026"), plan_van_aanpak=d("20-03-2026"))
    assert deadline(met_plan, "uvo") == d("03-04-2026")
    # the regie transfer itself is a step: 3 werkdagen from phase 2
    assert deadline(fase2, "regie_overgedragen") == d("05-03-2026")


def test_amsterdam_een_gezinsmanager_mag_de_regie_voeren_in_plaats_van_leerplicht() -> None:
    assert amsterdam(d("10-03-2026"), frozenset({"gezinsmanager"})).regisseur == "gezinswerker"
    assert amsterdam(d("10-02-2026"), frozenset({"gezinsmanager"})).regisseur == (
        "schoolmedewerker"
    )


def test_amsterdam_ziekte_vraagt_een_mazl_consult_in_fase_1() -> None:
    assert "mazl" not in {s.stap.code for s in amsterdam(d("05-02-2026")).stappen}
    assert status(amsterdam(d("05-02-2026"), frozenset({"ziek"})), "mazl") == "lopend"


def test_met_passend_aanbod_gesloten_blijft_de_casus_in_zijn_fase_open_stappen_vervallen() -> None:
    gesloten = amsterdam(
        d("01-06-2026"), passend_aanbod_op=d("10-03-2026"), huisbezoek=d("05-03-2026")
    )
    assert gesloten.afgesloten
    assert gesloten.fase.code == "leerplicht"
    assert gesloten.escalatie is None
    assert status(gesloten, "huisbezoek") == "gedaan"
    assert status(gesloten, "plan_van_aanpak") == "vervallen"
    assert "inbreng_doorbraakoverleg" not in {s.stap.code for s in gesloten.stappen}
    assert gesloten.norm_status == "gedaan"
    # passend aanbod after the 3 months: the norm was missed
    laat = amsterdam(d("01-06-2026"), passend_aanbod_op=d("20-05-2026"))
    assert laat.norm_status == "verlopen"


# --- a third model is data, not code --------------------------------------------------------


def test_een_verzonnen_derde_model_werkt_zonder_codewijzigingen() -> None:
    zes_weken = Termijndefinitie("zes_weken", "gemeente X", "weken", 6)
    vijf_werkdagen = Termijndefinitie("vijf_werkdagen", "gemeente X", "werkdagen", 5)
    rotterdam = Aanpak(
        code="voorbeeldstad",
        naam="Voorbeeldstad: twee fasen",
        bron="verzonnen voor de test",
        norm=DRIE_MAANDEN,
        fasen=(
            Fase(code="wijk", naam="Wijkteam", regisseur="gezinswerker"),
            Fase(
                code="regie",
                naam="Regietafel",
                regisseur="leerplichtambtenaar",
                vanaf=zes_weken,
                # or earlier, when the wijkteam asks for it
                bij="regietafel_gevraagd",
                escalatie="regietafel",
                stappen=(Stap("besluit", "Besluit regietafel", vijf_werkdagen),),
            ),
        ),
    )
    feiten = CasusFeiten(start=d("02-03-2026"))
    assert beoordeel(feiten, rotterdam, FEESTDAGEN, d("10-04-2026")).fase.code == "wijk"
    zes = beoordeel(feiten, rotterdam, FEESTDAGEN, d("13-04-2026"))
    assert (zes.fase.code, zes.regisseur, zes.escalatie) == (
        "regie",
        "leerplichtambtenaar",
        "regietafel",
    )
    # 5 werkdagen from Monday 13 April: 14, 15, 16, 17, 20 April
    assert deadline(zes, "besluit") == d("20-04-2026")
    gevraagd = CasusFeiten(
        start=d("02-03-2026"), gebeurtenissen={"regietafel_gevraagd": d("20-03-2026")}
    )
    vroeg = beoordeel(gevraagd, rotterdam, FEESTDAGEN, d("25-03-2026"))
    assert (vroeg.fase.code, vroeg.fase_sinds) == ("regie", d("20-03-2026"))


def test_het_register_noemt_beide_modellen_bij_hun_code() -> None:
    assert AANPAKKEN == {
        "amsterdam_drie_fasen": AMSTERDAM_DRIE_FASEN,
        "utrecht_kernpartners": UTRECHT_KERNPARTNERS,
    }
    for aanpak in AANPAKKEN.values():
        assert aanpak.bron
        codes = [s.code for f in aanpak.fasen for s in f.stappen]
        assert len(codes) == len(set(codes)), "a step code names one step"


# --- properties ----------------------------------------------------------------------------

modellen = st.sampled_from(list(AANPAKKEN.values()))
kenmerken = st.frozensets(st.sampled_from(["vo", "ziek", "gezinsmanager"]))


@settings(max_examples=60, deadline=None)
@given(
    aanpak=modellen,
    kenmerk=kenmerken,
    start=st.dates(min_value=date(2025, 8, 1), max_value=date(2026, 6, 30)),
    dagen=st.lists(st.integers(min_value=0, max_value=200), min_size=2, max_size=6),
)
def test_fasen_gaan_alleen_vooruit_en_een_rol_voert_de_regie(
    aanpak: Aanpak, kenmerk: frozenset[str], start: date, dagen: list[int]
) -> None:
    feiten = CasusFeiten(start=start, kenmerken=kenmerk)
    volgorde = [f.code for f in aanpak.fasen]
    vorige = -1
    for n in sorted(dagen):
        beoordeling = beoordeel(feiten, aanpak, FEESTDAGEN, start + timedelta(days=n))
        positie = volgorde.index(beoordeling.fase.code)
        assert positie >= vorige
        vorige = positie
        assert beoordeling.fase_sinds <= start + timedelta(days=n)
        rollen = {f.regisseur for f in aanpak.fasen} | {
            r for f in aanpak.fasen for r in f.regisseur_als.values()
        }
        assert beoordeling.regisseur in rollen
        for stap in beoordeling.stappen:
            if stap.termijn is not None:
                assert stap.termijn.verloopt_op >= stap.termijn.start
