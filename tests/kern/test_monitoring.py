# SPDX-License-Identifier: EUPL-1.2
"""kern.monitoring, the counting of a report without a database: a handful of episodes, cases
and exemptions worked out by hand (who is at home on the peildatum, in which category, for how
long, at which school and age; the flow over a period; the exemptions per article and month;
the Kaplan–Meier cohort and the lead times; the deadlines and escalations of two models)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from binnenboord.kern import monitoring as kern
from binnenboord.kern.aanpak import UTRECHT_KERNPARTNERS, Beoordeling, CasusFeiten, beoordeel
from binnenboord.kern.kalender import Schoolkalender


def d(tekst: str) -> date:
    dag, maand, jaar = (int(x) for x in tekst.split("-"))
    return date(jaar, maand, dag)


PEILDATUM = d("15-03-2026")


def episodes(*rijen: tuple[int, str, str, str, str | None, int | None]) -> pl.DataFrame:
    """(leerling_id, soort, begindatum, datum, einddatum, school_id) with dd-mm-yyyy dates."""
    return pl.DataFrame(
        [
            (leerling, soort, d(begin), d(datum), d(eind) if eind else None, school)
            for leerling, soort, begin, datum, eind, school in rijen
        ],
        schema=kern.EPISODE_SCHEMA,
        orient="row",
    )


# Pupil 1: not enrolled since 1 December (absoluut verzuim, met on 5 December): 3 months and
#   14 days on 15 March, longer than 3 months (the day 3 months on is 1 March).
# Pupil 2: unauthorised absence from 2 February, met on 2 March, at school 10: 41 days on
#   15 March, 4 weeks to 3 months. Also sick from 1 January (verborgen), which ranks after
#   langdurig relatief verzuim: pupil 2 counts once, as langdurig relatief.
# Pupil 3: sick from 20 February, met on 10 March, at school 11: verborgen only, 23 days.
# Pupil 4: unauthorised absence from 1 March, met 1 March, ended 10 March: not at home on 15
#   March.
# Pupil 5: a 16-hour signal (no thuiszitter kind): never counted.
# Pupil 6: thuiszitter_3_maanden from 20 February, met 15 March (on the peildatum), school 11:
#   langdurig relatief, 23 days, shorter than 4 weeks.
EPISODES = episodes(
    (1, "absoluut_verzuim", "01-12-2025", "05-12-2025", None, None),
    (2, "langdurig_relatief_verzuim", "02-02-2026", "02-03-2026", None, 10),
    (2, "langdurig_geoorloofd_verzuim", "01-01-2026", "29-01-2026", None, 10),
    (3, "langdurig_geoorloofd_verzuim", "20-02-2026", "10-03-2026", None, 11),
    (4, "langdurig_relatief_verzuim", "01-03-2026", "01-03-2026", "10-03-2026", 10),
    (5, "verzuim_16_uur", "01-02-2026", "03-02-2026", None, 10),
    (6, "thuiszitter_3_maanden", "20-02-2026", "15-03-2026", None, 11),
)
SCHOLEN = {10: ("vo", "Het Lyceum"), 11: ("po", "De Linde")}
GEBOORTEDATA = {
    1: d("15-03-2010"),  # 16 on the peildatum itself
    2: d("16-03-2010"),  # 15: the 16th birthday is the day after
    3: d("01-01-2015"),
    6: d("01-09-2019"),  # 6
}


def test_wie_op_de_peildatum_thuis_zit_en_in_welke_categorie():
    # when
    thuis = kern.thuiszitters_op(EPISODES, PEILDATUM)

    # then
    assert thuis.sort("leerling_id").rows() == [
        (1, "absoluut_verzuim", d("01-12-2025"), None, "langer_dan_3_maanden"),
        (2, "langdurig_relatief_verzuim", d("02-02-2026"), 10, "4_weken_tot_3_maanden"),
        (3, "verborgen", d("20-02-2026"), 11, "korter_dan_4_weken"),
        (6, "langdurig_relatief_verzuim", d("20-02-2026"), 11, "korter_dan_4_weken"),
    ]
    assert kern.per_categorie(thuis) == {
        "absoluut_verzuim": frozenset({1}),
        "langdurig_relatief_verzuim": frozenset({2, 6}),
        "verborgen": frozenset({3}),
    }


def test_de_landelijke_telling_naar_duur_schoolsoort_leeftijd_en_school():
    # given: the national count leaves the hidden pupil 3 out
    landelijk = kern.landelijk(kern.thuiszitters_op(EPISODES, PEILDATUM))
    assert sorted(landelijk["leerling_id"].to_list()) == [1, 2, 6]

    # when / then
    assert kern.per_duurklasse(landelijk) == {
        "korter_dan_4_weken": frozenset({6}),
        "4_weken_tot_3_maanden": frozenset({2}),
        "langer_dan_3_maanden": frozenset({1}),
    }
    assert kern.per_schoolsoort(landelijk, SCHOLEN) == {
        kern.GEEN_SCHOOL: frozenset({1}),
        "vo": frozenset({2}),
        "po": frozenset({6}),
    }
    assert kern.per_leeftijdsklasse(landelijk, GEBOORTEDATA, PEILDATUM) == {
        "16-17": frozenset({1}),
        "12-15": frozenset({2}),
        "5-11": frozenset({6}),
    }
    assert kern.per_school(landelijk) == {
        None: frozenset({1}),
        10: frozenset({2}),
        11: frozenset({6}),
    }


def test_duurklassen_op_de_grenzen():
    begin = d("31-01-2026")
    # 27 days: shorter than 4 weeks; 28 days: 4 weeks
    assert kern.duurklasse(begin, d("27-02-2026")) == "korter_dan_4_weken"
    assert kern.duurklasse(begin, d("28-02-2026")) == "4_weken_tot_3_maanden"
    # 3 months after 31 January is 30 April (clamped): that day still counts as up to 3 months
    assert kern.duurklasse(begin, d("30-04-2026")) == "4_weken_tot_3_maanden"
    assert kern.duurklasse(begin, d("01-05-2026")) == "langer_dan_3_maanden"


def test_thuisperiodes_en_de_stroom_over_maart():
    # given: pupil 7 has two touching episodes (merged) and a later one (a second period)
    alle = pl.concat(
        [
            EPISODES,
            episodes(
                (7, "langdurig_relatief_verzuim", "01-01-2026", "01-02-2026", "20-02-2026", 10),
                (7, "absoluut_verzuim", "20-02-2026", "20-02-2026", "05-03-2026", None),
                (7, "langdurig_relatief_verzuim", "01-03-2026", "12-03-2026", None, 10),
            ),
        ]
    )

    # when
    periodes = kern.thuisperiodes(alle)

    # then: only national kinds, [datum, einddatum) merged where they touch
    assert periodes.rows() == [
        (1, d("05-12-2025"), None),
        (2, d("02-03-2026"), None),
        (4, d("01-03-2026"), d("10-03-2026")),
        (6, d("15-03-2026"), None),
        (7, d("01-02-2026"), d("05-03-2026")),
        (7, d("12-03-2026"), None),
    ]
    # March: at home on 28 February 1 and 7; periods begun in March: 2, 4, 6 and 7's second;
    # ended in March: 4 and 7's first; at home on 31 March 1, 2, 6 and 7: 2 + 4 - 2 = 4.
    s = kern.stroom(periodes, d("01-03-2026"), d("31-03-2026"))
    assert s.begin == frozenset({1, 7})
    assert (s.nieuw, s.nieuw_aantal) == (frozenset({2, 4, 6, 7}), 4)
    assert (s.beeindigd, s.beeindigd_aantal) == (frozenset({4, 7}), 2)
    assert s.eind == frozenset({1, 2, 6, 7})
    # at home on some day of 6..11 March: 1, 2, 4 (until the 10th) and 7 (until the 5th: no)
    assert kern.ooit_thuis(periodes, d("06-03-2026"), d("11-03-2026")) == frozenset({1, 2, 4})


def test_per_waarde_en_vrijstellingen_per_artikel_en_per_maand():
    assert kern.per_waarde([(1, "a"), (2, "b"), (3, "a")]) == {
        "a": frozenset({1, 3}),
        "b": frozenset({2}),
    }
    vrijstellingen = [
        kern.VrijstellingRegel(21, 1, "5a", d("15-01-2026"), None),
        kern.VrijstellingRegel(22, 2, "5a", d("01-02-2026"), d("27-02-2026")),
        kern.VrijstellingRegel(23, 3, "5b", d("01-01-2026"), d("15-03-2026")),
        kern.VrijstellingRegel(24, 4, "5a", d("16-03-2026"), None),
    ]
    # on 15 March: 21 (open-ended) and 23 (its last day); 22 ended, 24 not yet begun
    assert kern.vrijstellingen_op(vrijstellingen, PEILDATUM) == {
        "5a": frozenset({21}),
        "5b": frozenset({23}),
    }
    # 5a per month: in force on the last day, and new in the month
    maanden = [
        (d("01-01-2026"), d("31-01-2026")),
        (d("01-02-2026"), d("28-02-2026")),
        (d("01-03-2026"), d("31-03-2026")),
    ]
    assert kern.vrijstellingen_per_maand(vrijstellingen, "5a", maanden) == [
        (frozenset({21}), frozenset({21})),
        (frozenset({21}), frozenset({22})),  # 22 ended on the 27th, before the month's end
        (frozenset({21, 24}), frozenset({24})),
    ]


CASUSSEN = (
    # an offer after 30 days
    kern.CasusRegel(1, "utrecht_kernpartners", d("01-01-2026"), "andere_school", d("31-01-2026")),
    # still open on the peildatum: censored after 73 days
    kern.CasusRegel(2, "utrecht_kernpartners", d("01-01-2026"), "", None),
    # moved away after 45 days: censored, not an offer
    kern.CasusRegel(3, "utrecht_kernpartners", d("15-01-2026"), "verhuisd", d("01-03-2026")),
    # an offer recorded after the peildatum: still open on it, censored after 14 days
    kern.CasusRegel(4, "utrecht_kernpartners", d("01-03-2026"), "eigen_school", d("20-03-2026")),
    # started before the window
    kern.CasusRegel(5, "utrecht_kernpartners", d("15-12-2025"), "eigen_school", d("01-02-2026")),
)


def test_het_cohort_van_de_kaplan_meier_curve():
    # when
    cohort = kern.cohort(reversed(CASUSSEN), d("01-01-2026"), d("31-03-2026"), PEILDATUM)

    # then: in pk order; 5 started before the window
    assert cohort == kern.Cohort(
        casus_ids=(1, 2, 3, 4),
        duren=(30, 73, 45, 14),
        gebeurtenis=(True, False, False, False),
    )
    # a peildatum before the start of case 4 leaves it out
    assert kern.cohort(CASUSSEN, d("01-01-2026"), d("31-03-2026"), d("28-02-2026")).casus_ids == (
        1,
        2,
        3,
    )


def test_afgesloten_casussen_en_doorlooptijden():
    # closed in February or March by the peildatum: 3 (moved away, 1 March) and 5 (1 February);
    # 1 closed in January, 4 after the peildatum
    gesloten = kern.afgesloten(CASUSSEN, d("01-02-2026"), d("31-03-2026"), PEILDATUM)
    assert [c.pk for c in gesloten] == [3, 5]
    met_aanbod = kern.met_aanbod(gesloten)
    assert [c.pk for c in met_aanbod] == [5]
    # 15 December to 1 February: 16 + 31 + 1 = 48 days
    assert kern.doorlooptijden(met_aanbod) == [48.0]


FEESTDAGEN = Schoolkalender("midden")._erkende_feestdagen
VAKANTIEWEKEN = Schoolkalender("midden").vakantieweken
NORMPERIODE = (d("01-02-2026"), d("31-03-2026"))
NORMPEILDATUM = d("20-03-2026")


def _normcasus(
    pk: int, start: str, aanbod: str = "", op: str | None = None, *kenmerken: str
) -> tuple[kern.CasusRegel, Beoordeling]:
    regel = kern.CasusRegel(pk, "utrecht_kernpartners", d(start), aanbod, d(op) if op else None)
    feiten = CasusFeiten(
        start=regel.start, kenmerken=frozenset(kenmerken), passend_aanbod_op=regel.passend_aanbod_op
    )
    return regel, beoordeel(
        feiten, UTRECHT_KERNPARTNERS, FEESTDAGEN, NORMPEILDATUM, vakantieweken=VAKANTIEWEKEN
    )


def test_termijnen_norm_en_escalaties_van_de_utrechtse_aanpak():
    # given, on peildatum 20 March, deadlines falling in February and March (region midden:
    # the week of 16 February has no lesdagen, the phases count school weeks):
    # case 1, a VO pupil from Monday 12 January: the action table was due 26 January (outside);
    #   the teammanagers phase is entered at 8 school weeks (16 March, escalation recorded),
    #   their decision due 2 weeks later (30 March: still running); the report to Leerplicht
    #   was due on 13 January (outside); the norm on 12 April (outside).
    # case 5, a VO pupil from Monday 2 February: the report to Leerplicht was due 3 February
    #   and the action table 16 February (neither done: not met); still with the kernteam.
    # case 3, from 10 December, moved away on 1 March: the teammanagers phase at 8 school
    #   weeks (23 February: the kerstvakantie and voorjaarsvakantie add three weeks; not
    #   recorded); the decision due 9 March was not taken, and as the case is closed kern.aanpak
    #   calls the step lapsed ("vervallen"), so it is not judged; its norm (10 March) is
    #   censored, so it is not in the norm row.
    # case 4, from 10 December, to another school on 5 March: as case 3, and the norm of
    #   10 March met.
    casussen = [
        _normcasus(1, "12-01-2026", "", None, "vo"),
        _normcasus(5, "02-02-2026", "", None, "vo"),
        _normcasus(3, "10-12-2025", "verhuisd", "01-03-2026"),
        _normcasus(4, "10-12-2025", "andere_school", "05-03-2026"),
    ]
    regels = [regel for regel, _b in casussen]
    beoordelingen = {regel.pk: b for regel, b in casussen}

    # when
    telling = kern.tel_normen(regels, beoordelingen, {1: frozenset({"teammanagers"})}, *NORMPERIODE)

    # then
    stap = "utrecht_kernpartners"
    assert telling.uitkomsten == {
        (stap, "melding_thuiszitter"): {"niet_gehaald": frozenset({5})},
        (stap, "actietafel"): {"niet_gehaald": frozenset({5})},
        (stap, "besluit_teammanagers"): {"lopend": frozenset({1})},
        kern.NORM: {"gehaald": frozenset({4})},
    }
    assert telling.stapnamen == {
        (stap, "melding_thuiszitter"): "Utrecht: kernpartners: Melding (dreigend) thuiszitter "
        "aan Leerplicht en samenwerkingsverband",
        (stap, "actietafel"): "Utrecht: kernpartners: Actietafel van het kernteam (voorrang in "
        "de agenda's)",
        (stap, "besluit_teammanagers"): "Utrecht: kernpartners: Besluit van de teammanagers "
        "(ook over een alternatief voorstel van een actietafel)",
    }
    assert telling.escalaties == {
        (stap, "teammanagers"): {
            "vastgelegd": frozenset({1}),
            "niet_vastgelegd": frozenset({3, 4}),
        }
    }


@pytest.mark.parametrize(
    ("status", "gedaan_op", "verwacht"),
    [
        ("gedaan", d("10-03-2026"), "gehaald"),  # on its last day
        ("gedaan", d("11-03-2026"), "niet_gehaald"),
        ("verlopen", None, "niet_gehaald"),
        ("lopend", None, "lopend"),
        ("binnenkort", None, "lopend"),
        ("vervallen", None, None),
        ("nog_niet", None, None),
    ],
)
def test_normuitkomst(status, gedaan_op, verwacht):
    assert kern.normuitkomst(status, d("10-03-2026"), None, gedaan_op) == verwacht


def _normcasus_met(
    pk: int, start: str, gebeurtenissen: dict[str, str], aanbod: str = "", op: str | None = None
) -> tuple[kern.CasusRegel, Beoordeling]:
    """A Utrecht VO case with recorded events (code -> day), judged on NORMPEILDATUM."""
    regel = kern.CasusRegel(pk, "utrecht_kernpartners", d(start), aanbod, d(op) if op else None)
    feiten = CasusFeiten(
        start=regel.start,
        gebeurtenissen={code: d(dag) for code, dag in gebeurtenissen.items()},
        kenmerken=frozenset({"vo"}),
        passend_aanbod_op=regel.passend_aanbod_op,
    )
    return regel, beoordeel(
        feiten, UTRECHT_KERNPARTNERS, FEESTDAGEN, NORMPEILDATUM, vakantieweken=VAKANTIEWEKEN
    )


def test_een_gemiste_vervallen_stap_telt_als_niet_gehaald():
    # given, deadlines in January to March 2026, on peildatum 20 March:
    # case 1 from Monday 12 January: the action table was due 26 January, never held; the case
    #   entered the teammanagers' phase on 16 March (8 school weeks), so the step lapsed after
    #   its deadline had passed: missed.
    # case 2 from Monday 2 February: Leerplicht engaged the Interventieteam early on 4 February,
    #   before the action table was due (16 February): it lapsed in time, nobody missed it.
    # case 3 from Monday 2 February, to another school on 20 February: its action table (due 16
    #   February) lapsed because the case closed, not because of a later phase: as before.
    casussen = [
        _normcasus_met(1, "12-01-2026", {}),
        _normcasus_met(2, "02-02-2026", {"interventieteam": "04-02-2026"}),
        _normcasus_met(3, "02-02-2026", {}, "andere_school", "20-02-2026"),
    ]
    regels = [regel for regel, _b in casussen]
    beoordelingen = {regel.pk: b for regel, b in casussen}
    stappen = {pk: {s.stap.code: s for s in b.stappen} for pk, b in beoordelingen.items()}
    assert stappen[1]["actietafel"].status == "vervallen" and stappen[1]["actietafel"].gemist
    assert stappen[2]["actietafel"].status == "vervallen"
    assert not stappen[2]["actietafel"].gemist
    assert stappen[3]["actietafel"].status == "vervallen" and stappen[3]["actietafel"].gemist
    assert kern.gemist_door_fase(beoordelingen[1], stappen[1]["actietafel"])
    assert not kern.gemist_door_fase(beoordelingen[2], stappen[2]["actietafel"])
    assert not kern.gemist_door_fase(beoordelingen[3], stappen[3]["actietafel"])

    # when
    telling = kern.tel_normen(regels, beoordelingen, {}, d("01-01-2026"), d("31-03-2026"))

    # then only case 1's action table is judged: not met
    assert telling.uitkomsten[("utrecht_kernpartners", "actietafel")] == {
        "niet_gehaald": frozenset({1})
    }


@pytest.mark.parametrize(
    ("status", "gemist", "verwacht"),
    [
        ("vervallen", True, "niet_gehaald"),
        ("vervallen", False, None),
        ("nog_niet", True, None),
    ],
)
def test_normuitkomst_van_een_gemiste_stap(status, gemist, verwacht):
    assert kern.normuitkomst(status, d("10-03-2026"), None, None, gemist=gemist) == verwacht
