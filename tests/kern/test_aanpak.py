# SPDX-License-Identifier: EUPL-1.2
"""The escalation models as data, walked through on a fixed calendar: a Utrecht VO pupil
presented to the teammanagers at 8 school weeks and to the Interventieteam at 10 (unless a
joint decision came first; earlier by the early route; plan within 48 hours, solution within
10 werkdagen across Easter), an Amsterdam pupil to phase 2 at 4 school weeks and phase 3 at 3
months, deadlines moving off weekends and holidays, lapsed steps, the regie transfer, overdue
states, closing with passend aanbod and its aftercare, and a third, made-up model."""

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
    Stapbeoordeling,
    beoordeel,
)
from binnenboord.kern.kalender import Schoolkalender
from binnenboord.kern.termijnen import DRIE_MAANDEN, Termijndefinitie

AMS = ZoneInfo("Europe/Amsterdam")
# werkdagen skip the generally recognised holidays: Tweede Paasdag is Monday 6 April 2026
FEESTDAGEN = Schoolkalender("midden")._erkende_feestdagen
# Utrecht is region midden (voorjaarsvakantie 2026: the week of 16 February), Amsterdam noord
# (the week of 23 February); both have the meivakantie in the week of 27 April
MIDDEN = Schoolkalender("midden").vakantieweken
NOORD = Schoolkalender("noord").vakantieweken


def d(tekst: str) -> date:
    dag, maand, jaar = (int(x) for x in tekst.split("-"))
    return date(jaar, maand, dag)


def stap(beoordeling: Beoordeling, code: str) -> Stapbeoordeling:
    [gevonden] = [s for s in beoordeling.stappen if s.stap.code == code]
    return gevonden


def status(beoordeling: Beoordeling, code: str) -> str:
    return stap(beoordeling, code).status


def deadline(beoordeling: Beoordeling, code: str) -> date | datetime | None:
    [stap] = [s for s in beoordeling.stappen if s.stap.code == code]
    if stap.termijn is None:
        return None
    return stap.termijn.verloopt_om or stap.termijn.verloopt_op


# --- Utrecht -------------------------------------------------------------------------------

# 8 school weeks: 23-03 (the voorjaarsvakantie adds a week; calendar weeks gave 16-03);
# 10 school weeks: 06-04; 3 months: 19-04
UTRECHT_START = d("19-01-2026")


def utrecht(peildatum: date | datetime, **gebeurtenissen: date | datetime) -> Beoordeling:
    feiten = CasusFeiten(
        start=UTRECHT_START, gebeurtenissen=gebeurtenissen, kenmerken=frozenset({"vo"})
    )
    return beoordeel(feiten, UTRECHT_KERNPARTNERS, FEESTDAGEN, peildatum, vakantieweken=MIDDEN)


@pytest.mark.parametrize(
    ("peildatum", "fase", "regisseur", "escalatie"),
    [
        ("19-01-2026", "kernteam", "schoolmedewerker", None),
        ("22-03-2026", "kernteam", "schoolmedewerker", None),
        # presented to the teammanagers, who decide: the regie stays with the school
        ("23-03-2026", "teammanagers", "schoolmedewerker", "teammanagers"),
        ("05-04-2026", "teammanagers", "schoolmedewerker", "teammanagers"),
        ("06-04-2026", "interventieteam", "interventieteamlid", "interventieteam"),
    ],
    ids=["start", "day_before_8_weeks", "8_weeks", "day_before_10_weeks", "10_weeks"],
)
def test_utrecht_vo_leerling_escaleert_na_8_en_10_schoolweken(
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
    genomen = utrecht(d("24-03-2026"), teammanagers=d("24-03-2026"))
    assert genomen.escalatie is None
    assert status(genomen, "besluit_teammanagers") == "lopend"
    # 2 weeks from 23-03 is Tweede Paasdag (06-04): the deadline moves to Tuesday
    assert deadline(genomen, "besluit_teammanagers") == d("07-04-2026")


@pytest.mark.parametrize(
    ("besluit", "fase"),
    [
        ("03-04-2026", "teammanagers"),  # a joint decision before 10 weeks: no Interventieteam
        ("05-04-2026", "teammanagers"),  # the last day before
        ("06-04-2026", "interventieteam"),  # on the day the 10 weeks are over: too late
    ],
    ids=["before", "day_before", "on_the_day"],
)
def test_utrecht_een_gezamenlijk_besluit_binnen_10_weken_betekent_geen_interventieteam(
    besluit: str, fase: str
) -> None:
    beoordeling = utrecht(d("20-04-2026"), gezamenlijk_besluit=d(besluit))
    assert beoordeling.fase.code == fase
    assert (beoordeling.escalatie == "interventieteam") is (fase == "interventieteam")
    # a very complex case can still go early: the event enters the phase
    vroeg = utrecht(
        d("20-04-2026"), gezamenlijk_besluit=d(besluit), interventieteam=d("14-04-2026")
    )
    assert (vroeg.fase.code, vroeg.escalatie) == ("interventieteam", None)


def test_utrecht_vroege_route_het_interventieteam_neemt_de_casus_meteen() -> None:
    # a teammanager or Leerplicht engages the Interventieteam on Thursday 12 February at 9:00,
    # before the teammanagers' 8 weeks: the case skips that phase and enters at once
    moment = datetime(2026, 2, 12, 9, 0, tzinfo=AMS)
    vroeg = utrecht(d("12-02-2026"), interventieteam=moment)
    assert (vroeg.fase.code, vroeg.fase_sinds) == ("interventieteam", d("12-02-2026"))
    assert vroeg.regisseur == "interventieteamlid"
    assert vroeg.escalatie is None
    # its plan and solution run from that moment: Saturday 14-02 9:00 moves to Monday 16-02
    assert deadline(vroeg, "interventieteam_plan") == datetime(2026, 2, 16, 9, 0, tzinfo=AMS)
    assert deadline(vroeg, "interventieteam_oplossing") == d("26-02-2026")
    # and stays there when the 8 and 10 weeks pass
    later = utrecht(d("10-04-2026"), interventieteam=moment)
    assert later.fase.code == "interventieteam"
    assert "besluit_teammanagers" not in {s.stap.code for s in later.stappen}
    # the day before, the case was still with the kernteam
    assert utrecht(d("11-02-2026")).fase.code == "kernteam"


def test_utrecht_interventieteam_plan_in_48_uur_en_oplossing_in_10_werkdagen() -> None:
    # the Interventieteam takes the case on Tuesday 7 April 2026 at 10:00, the day after the
    # 10 school weeks
    genomen = datetime(2026, 4, 7, 10, 0, tzinfo=AMS)
    # before it took the case, its steps have no deadline yet
    voor = utrecht(d("06-04-2026"))
    assert status(voor, "interventieteam_plan") == "nog_niet"
    assert deadline(voor, "interventieteam_plan") is None
    # the plan is due 48 hours later, to the minute
    assert deadline(utrecht(genomen, interventieteam=genomen), "interventieteam_plan") == (
        datetime(2026, 4, 9, 10, 0, tzinfo=AMS)
    )
    net_op_tijd = datetime(2026, 4, 9, 9, 59, tzinfo=AMS)
    te_laat = datetime(2026, 4, 9, 10, 1, tzinfo=AMS)
    assert status(utrecht(net_op_tijd, interventieteam=genomen), "interventieteam_plan") == (
        "binnenkort"
    )
    assert status(utrecht(te_laat, interventieteam=genomen), "interventieteam_plan") == "verlopen"
    # 10 werkdagen: 8, 9, 10, 13, 14, 15, 16, 17, 20, 21 April
    assert deadline(utrecht(genomen, interventieteam=genomen), "interventieteam_oplossing") == (
        d("21-04-2026")
    )
    assert status(
        utrecht(d("21-04-2026"), interventieteam=genomen), "interventieteam_oplossing"
    ) == ("binnenkort")
    assert status(
        utrecht(d("22-04-2026"), interventieteam=genomen), "interventieteam_oplossing"
    ) == ("verlopen")
    # after the solution, the evaluation (case and process level) is due: 2 weeks from
    # Monday 13 April is Koningsdag (27-04), so Tuesday 28 April
    klaar = utrecht(
        d("22-04-2026"), interventieteam=genomen, interventieteam_oplossing=d("13-04-2026")
    )
    assert status(klaar, "interventieteam_oplossing") == "gedaan"
    assert deadline(klaar, "evaluatie") == d("28-04-2026")


def test_utrecht_een_onopgeloste_stap_van_een_eerdere_fase_vervalt_en_blijft_gemist() -> None:
    # the actietafel was due 02-02 and never held; the teammanagers' phase began on 23-03
    beoordeling = utrecht(d("25-03-2026"))
    actietafel = stap(beoordeling, "actietafel")
    assert (actietafel.status, actietafel.vervallen_op) == ("vervallen", d("23-03-2026"))
    assert actietafel.gemist
    # the day before, it was simply overdue
    assert status(utrecht(d("22-03-2026")), "actietafel") == "verlopen"
    # held late but before the phase ended: done
    assert status(utrecht(d("25-03-2026"), actietafel=d("10-03-2026")), "actietafel") == "gedaan"
    # an answer to an event outlives its phase: the youth care alternative stays due
    geen_plek = utrecht(d("25-03-2026"), jeugdhulp_geen_plek=d("16-03-2026"))
    assert status(geen_plek, "jeugdhulp_alternatief") == "lopend"


def test_utrecht_geen_onderwijs_en_geen_perspectief_stelt_save_voor() -> None:
    assert status(utrecht(d("02-02-2026")), "save_voorstel") == "nog_niet"
    geen = utrecht(d("02-02-2026"), geen_perspectief=d("28-01-2026"))
    assert deadline(geen, "save_voorstel") == d("04-02-2026")
    assert status(geen, "save_voorstel") == "binnenkort"
    assert status(utrecht(d("05-02-2026"), geen_perspectief=d("28-01-2026")), "save_voorstel") == (
        "verlopen"
    )
    # it stays due in the later phases
    assert status(utrecht(d("10-04-2026"), geen_perspectief=d("06-04-2026")), "save_voorstel") == (
        "binnenkort"
    )


def test_utrecht_een_po_leerling_gaat_nooit_naar_het_interventieteam_vo() -> None:
    feiten = CasusFeiten(start=UTRECHT_START)
    beoordeling = beoordeel(
        feiten, UTRECHT_KERNPARTNERS, FEESTDAGEN, d("10-04-2026"), vakantieweken=MIDDEN
    )
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

# 4 school weeks: 09-03 (the worked example of docs/domein.md: the voorjaarsvakantie adds a
# week); 3 months: 02-05
AMSTERDAM_START = d("02-02-2026")


def amsterdam(
    peildatum: date,
    kenmerken: frozenset[str] = frozenset(),
    passend_aanbod_op: date | None = None,
    regisseur: str | None = None,
    **gebeurtenissen: date,
) -> Beoordeling:
    feiten = CasusFeiten(
        start=AMSTERDAM_START,
        gebeurtenissen=gebeurtenissen,
        kenmerken=kenmerken,
        passend_aanbod_op=passend_aanbod_op,
        regisseur=regisseur,
    )
    return beoordeel(feiten, AMSTERDAM_DRIE_FASEN, FEESTDAGEN, peildatum, vakantieweken=NOORD)


@pytest.mark.parametrize(
    ("peildatum", "fase", "regisseur", "sinds"),
    [
        ("08-03-2026", "school", "schoolmedewerker", "02-02-2026"),
        ("09-03-2026", "leerplicht", "leerplichtambtenaar", "09-03-2026"),
        ("01-05-2026", "leerplicht", "leerplichtambtenaar", "09-03-2026"),
        ("02-05-2026", "doorbraak", "leerplichtambtenaar", "02-05-2026"),
    ],
    ids=["before_4_weeks", "phase_2_at_4_weeks", "before_3_months", "phase_3_at_3_months"],
)
def test_amsterdam_fasen(peildatum: str, fase: str, regisseur: str, sinds: str) -> None:
    beoordeling = amsterdam(d(peildatum))
    assert (beoordeling.fase.code, beoordeling.regisseur) == (fase, regisseur)
    assert beoordeling.fase_sinds == d(sinds)


def test_amsterdam_fase_2_zonder_vakantie_na_vier_kalenderweken() -> None:
    # from 02-03-2026 no holiday week falls in the first four weeks: 30-03
    feiten = CasusFeiten(start=d("02-03-2026"))
    op = beoordeel(feiten, AMSTERDAM_DRIE_FASEN, FEESTDAGEN, d("30-03-2026"), vakantieweken=NOORD)
    assert (op.fase.code, op.fase_sinds) == ("leerplicht", d("30-03-2026"))
    voor = beoordeel(feiten, AMSTERDAM_DRIE_FASEN, FEESTDAGEN, d("29-03-2026"), vakantieweken=NOORD)
    assert voor.fase.code == "school"
    # phases in school weeks need the school's holiday weeks
    with pytest.raises(ValueError):
        beoordeel(feiten, AMSTERDAM_DRIE_FASEN, FEESTDAGEN, d("30-03-2026"))


def test_amsterdam_fase_3_brengt_de_casus_naar_het_doorbraakoverleg() -> None:
    assert amsterdam(d("02-05-2026")).escalatie == "doorbraakoverleg"
    assert amsterdam(d("04-05-2026"), doorbraakoverleg=d("04-05-2026")).escalatie is None
    # 3 weeks from 02-05 is Saturday 23-05; Pinksteren and Tweede Pinksterdag follow: 26-05
    assert deadline(amsterdam(d("02-05-2026")), "inbreng_doorbraakoverleg") == d("26-05-2026")


def test_amsterdam_huisbezoek_plan_en_uvo_met_hun_termijnen() -> None:
    fase2 = amsterdam(d("23-03-2026"))
    # the home visit within 2 weeks of phase 2, the plan within 4, the UVO after the plan
    assert deadline(fase2, "huisbezoek") == d("23-03-2026")
    assert status(fase2, "huisbezoek") == "binnenkort"
    assert status(amsterdam(d("24-03-2026")), "huisbezoek") == "verlopen"
    assert status(amsterdam(d("24-03-2026"), huisbezoek=d("10-03-2026")), "huisbezoek") == "gedaan"
    # 4 weeks from 09-03 is Tweede Paasdag (06-04): Tuesday 07-04
    assert deadline(fase2, "plan_van_aanpak") == d("07-04-2026")
    assert status(fase2, "uvo") == "nog_niet"
    met_plan = amsterdam(d("25-03-2026"), plan_van_aanpak=d("20-03-2026"))
    assert deadline(met_plan, "uvo") == d("03-04-2026")
    # the regie transfer itself is a step: 3 werkdagen from phase 2
    assert deadline(fase2, "regie_overgedragen") == d("12-03-2026")


@pytest.mark.parametrize(
    ("regisseur", "kenmerken", "verwacht"),
    [
        # opened by Leerplicht: she already directs, nothing to transfer
        ("leerplichtambtenaar", frozenset(), "gedaan"),
        # a gezinsmanager directs where the model allows it
        ("gezinswerker", frozenset({"gezinsmanager"}), "gedaan"),
        # the school still directs: overdue
        ("schoolmedewerker", frozenset(), "verlopen"),
        (None, frozenset(), "verlopen"),
    ],
    ids=["leerplicht", "gezinsmanager", "school", "unknown"],
)
def test_amsterdam_regie_overgedragen_is_gedaan_als_de_regisseur_die_rol_al_heeft(
    regisseur: str | None, kenmerken: frozenset[str], verwacht: str
) -> None:
    beoordeling = amsterdam(d("20-03-2026"), kenmerken, regisseur=regisseur)
    assert status(beoordeling, "regie_overgedragen") == verwacht
    if verwacht == "gedaan":
        assert stap(beoordeling, "regie_overgedragen").gedaan_op == AMSTERDAM_START


def test_amsterdam_een_gezinsmanager_mag_de_regie_voeren_in_plaats_van_leerplicht() -> None:
    assert amsterdam(d("10-03-2026"), frozenset({"gezinsmanager"})).regisseur == "gezinswerker"
    assert amsterdam(d("10-02-2026"), frozenset({"gezinsmanager"})).regisseur == (
        "schoolmedewerker"
    )


def test_amsterdam_ziekte_vraagt_een_mazl_consult_van_de_jeugdarts() -> None:
    assert "mazl" not in {s.stap.code for s in amsterdam(d("05-02-2026")).stappen}
    mazl = stap(amsterdam(d("05-02-2026"), frozenset({"ziek"})), "mazl")
    assert (mazl.status, mazl.stap.rol) == ("lopend", "jeugdarts")
    # the consult outlives phase 1: still due, and overdue, in phase 2
    assert status(amsterdam(d("20-03-2026"), frozenset({"ziek"})), "mazl") == "verlopen"


def test_amsterdam_stappen_van_fase_1_vervallen_bij_fase_2_de_dubomelding_niet() -> None:
    fase2 = amsterdam(d("20-03-2026"), verzuim_16_uur=d("06-03-2026"))
    gesprek = stap(fase2, "gesprek_ouders")
    assert (gesprek.status, gesprek.vervallen_op, gesprek.gemist) == (
        "vervallen",
        d("09-03-2026"),
        True,
    )
    # the legal report to DUO stays due: 1 week after the 16 hours
    assert status(fase2, "melding_duo") == "verlopen"
    # a conversation held in time is done, not lapsed
    assert status(amsterdam(d("20-03-2026"), gesprek_ouders=d("05-02-2026")), "gesprek_ouders") == (
        "gedaan"
    )
    # in phase 3 the plan of phase 2 stays due (the Doorbraakoverleg works on it); the home
    # visit lapses
    fase3 = amsterdam(d("05-05-2026"))
    assert status(fase3, "plan_van_aanpak") == "verlopen"
    assert stap(fase3, "huisbezoek").vervallen_op == d("02-05-2026")


def test_met_passend_aanbod_gesloten_blijft_de_casus_in_zijn_fase_open_stappen_vervallen() -> None:
    gesloten = amsterdam(
        d("01-06-2026"), passend_aanbod_op=d("17-03-2026"), huisbezoek=d("12-03-2026")
    )
    assert gesloten.afgesloten
    assert gesloten.fase.code == "leerplicht"
    assert gesloten.escalatie is None
    assert status(gesloten, "huisbezoek") == "gedaan"
    plan = stap(gesloten, "plan_van_aanpak")
    assert (plan.status, plan.vervallen_op, plan.gemist) == ("vervallen", d("17-03-2026"), False)
    assert "inbreng_doorbraakoverleg" not in {s.stap.code for s in gesloten.stappen}
    assert gesloten.norm_status == "gedaan"
    # no return to school: no aftercare
    assert "nazorg" not in {s.stap.code for s in gesloten.stappen}
    # passend aanbod after the 3 months: the norm was missed
    laat = amsterdam(d("01-06-2026"), passend_aanbod_op=d("20-05-2026"))
    assert laat.norm_status == "verlopen"


def test_na_terugkeer_op_school_volgt_nazorg_na_zes_weken() -> None:
    terug = frozenset({"terug_op_school"})
    # back at school on Tuesday 17-03: aftercare due 6 weeks later, 28-04
    open_ = amsterdam(d("20-03-2026"), terug)
    assert not open_.afgesloten
    assert "nazorg" not in {s.stap.code for s in open_.stappen}
    gesloten = amsterdam(d("20-03-2026"), terug, passend_aanbod_op=d("17-03-2026"))
    nazorg = stap(gesloten, "nazorg")
    assert (nazorg.status, deadline(gesloten, "nazorg")) == ("lopend", d("28-04-2026"))
    assert status(amsterdam(d("28-04-2026"), terug, d("17-03-2026")), "nazorg") == "binnenkort"
    assert status(amsterdam(d("29-04-2026"), terug, d("17-03-2026")), "nazorg") == "verlopen"
    assert (
        status(amsterdam(d("29-04-2026"), terug, d("17-03-2026"), nazorg=d("27-04-2026")), "nazorg")
        == "gedaan"
    )


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
    # a model in calendar weeks needs no holiday weeks
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
        beoordeling = beoordeel(
            feiten, aanpak, FEESTDAGEN, start + timedelta(days=n), vakantieweken=NOORD
        )
        positie = volgorde.index(beoordeling.fase.code)
        assert positie >= vorige
        vorige = positie
        assert beoordeling.fase_sinds <= start + timedelta(days=n)
        rollen = {f.regisseur for f in aanpak.fasen if f.regisseur is not None} | {
            r for f in aanpak.fasen for r in f.regisseur_als.values()
        }
        assert beoordeling.regisseur in rollen
        for stap in beoordeling.stappen:
            if stap.termijn is not None:
                assert stap.termijn.verloopt_op >= stap.termijn.start


def test_termijnen_uit_de_bronteksten_zijn_niet_onbevestigd_verzonnen_wel() -> None:
    def bron(aanpak: Aanpak, code: str) -> str:
        [gevonden] = [s for f in aanpak.fasen for s in f.stappen if s.code == code]
        return gevonden.termijn.bron

    fasen = {f.code: f for f in UTRECHT_KERNPARTNERS.fasen}
    # stated by the Utrecht text: 8 and 10 weeks, 48 hours, 10 werkdagen, 2 weeks for youth care
    for definitie in (fasen["teammanagers"].vanaf, fasen["interventieteam"].vanaf):
        assert definitie is not None
        assert "[ONBEVESTIGD" not in definitie.bron
    for code in ("interventieteam_plan", "interventieteam_oplossing", "jeugdhulp_alternatief"):
        assert "[ONBEVESTIGD" not in bron(UTRECHT_KERNPARTNERS, code)
    # invented: the teammanagers' 2 weeks and the other deadlines within a phase
    for code in ("besluit_teammanagers", "actietafel", "evaluatie", "save_voorstel"):
        assert "[ONBEVESTIGD" in bron(UTRECHT_KERNPARTNERS, code)
    for code in ("huisbezoek", "plan_van_aanpak", "mazl"):
        assert "[ONBEVESTIGD" in bron(AMSTERDAM_DRIE_FASEN, code)
    # the Amsterdam phase limits are the source's
    assert "[ONBEVESTIGD" not in AMSTERDAM_DRIE_FASEN.bron


def test_de_eerste_fase_heeft_een_regisseur_nodig() -> None:
    zonder = Aanpak(
        code="x",
        naam="x",
        bron="verzonnen voor de test",
        norm=DRIE_MAANDEN,
        fasen=(Fase(code="a", naam="A", regisseur=None),),
    )
    with pytest.raises(ValueError):
        beoordeel(CasusFeiten(start=d("02-03-2026")), zonder, FEESTDAGEN, d("03-03-2026"))
