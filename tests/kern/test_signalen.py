# SPDX-License-Identifier: EUPL-1.2
"""The signal engine on hand-made pupils: the worked examples of docs/domein.md, each threshold just
under, at and over, holidays, the school-year boundary, enrolment changes and exemptions, and
properties that must hold for any absence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import polars as pl
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from binnenboord.kern import signalen
from binnenboord.kern.kalender import Schoolkalender
from binnenboord.kern.signalen import (
    ABSOLUUT_VERZUIM,
    LANGDURIG_GEOORLOOFD_VERZUIM,
    LANGDURIG_RELATIEF_VERZUIM,
    THUISZITTER_3_MAANDEN,
    VERZUIM_16_UUR,
    VIERJARIGE_NIET_INGESCHREVEN,
    ZORGWEKKEND_ZIEKTEVERZUIM,
    Drempels,
    Gegevens,
    signaleer,
)

NOORD = Schoolkalender("noord")
SCHOOL = 10
ANDERE_SCHOOL = 11
LEERLING = 1
# 13 years old in 2025/26: leerplichtig throughout
GEBOREN = date(2012, 5, 1)
SCHOOLJAAR = (date(2025, 8, 1), date(2026, 7, 31))
KERST = ("kerstvakantie", date(2025, 12, 20), date(2026, 1, 4))


@dataclass
class Stad:
    """A small world: pupils, their enrolments, exemptions and absence, and the lesdagen of
    regio noord for the schools."""

    leerlingen: list[tuple[int, date, bool]] = field(
        default_factory=lambda: [(LEERLING, GEBOREN, True)]
    )
    inschrijvingen: list[tuple[int, int, date, date | None]] = field(
        default_factory=lambda: [(LEERLING, SCHOOL, date(2024, 8, 1), None)]
    )
    vrijstellingen: list[tuple[int, str, date, date | None]] = field(default_factory=list)
    verzuim: dict[tuple[int, date], dict[str, int]] = field(default_factory=dict)
    lesdagen: Sequence[date] = field(
        default_factory=lambda: NOORD.lesdagen(date(2024, 8, 1), date(2026, 7, 31))
    )
    vakanties: list[tuple[str, date, date]] = field(default_factory=lambda: [KERST])

    def afwezig(self, dagen: Iterable[date], leerling: int = LEERLING, **minuten: int) -> Stad:
        for dag in dagen:
            rij = self.verzuim.setdefault((leerling, dag), {})
            for soort, m in minuten.items():
                rij[soort] = rij.get(soort, 0) + m
        return self

    def gegevens(self) -> Gegevens:
        school_van = {
            (leerling, dag): school
            for leerling, school, begin, eind in self.inschrijvingen
            for dag in self.lesdagen
            if begin <= dag and (eind is None or dag <= eind)
        }
        verzuim = [
            {
                "leerling_id": leerling,
                "school_id": school_van[(leerling, dag)],
                "datum": dag,
                **{k: minuten.get(k.removeprefix("minuten_"), 0) for k in signalen.ALLE_KOLOMMEN},
            }
            for (leerling, dag), minuten in self.verzuim.items()
        ]
        scholen = (SCHOOL, ANDERE_SCHOOL)
        return Gegevens(
            leerlingen=pl.DataFrame(
                self.leerlingen, schema=signalen.LEERLINGEN_SCHEMA, orient="row"
            ),
            inschrijvingen=pl.DataFrame(
                self.inschrijvingen, schema=signalen.INSCHRIJVINGEN_SCHEMA, orient="row"
            ),
            vrijstellingen=pl.DataFrame(
                self.vrijstellingen, schema=signalen.VRIJSTELLINGEN_SCHEMA, orient="row"
            ),
            verzuim=pl.DataFrame(verzuim, schema=signalen.VERZUIM_SCHEMA),
            lesdagen=pl.DataFrame(
                [(s, d) for s in scholen for d in self.lesdagen],
                schema=signalen.LESDAGEN_SCHEMA,
                orient="row",
            ),
            vakanties=pl.DataFrame(
                [(s, *v) for s in scholen for v in self.vakanties],
                schema=signalen.VAKANTIES_SCHEMA,
                orient="row",
            ),
        )

    def signalen(
        self, peildatum: date, soort: str, drempels: Drempels = signalen.STANDAARD
    ) -> list[dict[str, object]]:
        uitkomst = signaleer(self.gegevens(), peildatum, drempels, soorten=(soort,))
        assert uitkomst.schema == signalen.SIGNAAL_SCHEMA
        return uitkomst.to_dicts()


def lesdagen(van: date, tot: date) -> list[date]:
    return NOORD.lesdagen(van, tot)


def d(tekst: str) -> date:
    dag, maand, jaar = (int(x) for x in tekst.split("-"))
    return date(jaar, maand, dag)


# --- verzuim_16_uur (LPW art. 21a) ---------------------------------------------------------


def test_art_21a_uitgewerkt_voorbeeld_16_uur_over_de_kerstvakantie() -> None:
    # docs/domein.md: 5 h on Wed 10-12 and Wed 17-12-2025, 5 h on Wed 07-01-2026, 1 h on Mon 12-01
    stad = Stad().afwezig([d("10-12-2025"), d("17-12-2025"), d("07-01-2026")], ongeoorloofd=300)
    stad.afwezig([d("12-01-2026")], ongeoorloofd=60)
    [signaal] = stad.signalen(d("30-01-2026"), VERZUIM_16_UUR)
    # weeks 50, 51, 2 and 3 are four consecutive lesweken: 16 h reached on 12-01-2026
    assert signaal["datum"] == d("12-01-2026")
    assert signaal["begindatum"] == signaal["van"] == d("08-12-2025")
    assert signaal["tot"] == d("12-01-2026")
    assert signaal["minuten"] == 960
    assert signaal["dagen"] == 4
    assert signaal["school_id"] == SCHOOL
    assert signaal["einddatum"] is None
    assert signaal["uitleg"] == (
        "16 uur zonder geldige reden in lesweken 50–3 (4 lesweken, kerstvakantie "
        "overgeslagen); 16 uur bereikt op 12-01-2026."
    )


def test_art_21a_een_venster_van_kalenderweken_is_niet_wat_telt() -> None:
    # the same hours spread over 4 lesweken without a holiday in between: 10-12 to 31-12
    # would be a calendar-week window; in lesweken Wed 26-11 + 3, 10, 17-12 is a real window
    stad = Stad().afwezig([d("26-11-2025"), d("03-12-2025"), d("10-12-2025")], ongeoorloofd=300)
    stad.afwezig([d("07-01-2026")], ongeoorloofd=60)
    # 26-11 is in lesweek 48; 07-01 in lesweek 2, five lesweken later: the window has moved on
    assert stad.signalen(d("30-01-2026"), VERZUIM_16_UUR) == []


@pytest.mark.parametrize(
    ("laatste_minuten", "signaal"),
    [(59, False), (60, True), (61, True)],
    ids=["art_21a_just_under_16_hours", "art_21a_exactly_16_hours", "art_21a_just_over"],
)
def test_art_21a_drempel(laatste_minuten: int, signaal: bool) -> None:
    stad = Stad().afwezig([d("10-12-2025"), d("17-12-2025"), d("07-01-2026")], ongeoorloofd=300)
    stad.afwezig([d("12-01-2026")], ongeoorloofd=laatste_minuten)
    gevonden = stad.signalen(d("30-01-2026"), VERZUIM_16_UUR)
    assert [s["datum"] for s in gevonden] == ([d("12-01-2026")] if signaal else [])


def test_art_21a_luxe_en_te_laat_tellen_en_worden_genoemd_in_de_uitleg() -> None:
    stad = Stad().afwezig([d("03-11-2025"), d("04-11-2025")], ongeoorloofd=300)
    stad.afwezig([d("05-11-2025")], luxe=300)
    stad.afwezig([d("06-11-2025")], te_laat=60)
    [signaal] = stad.signalen(d("30-11-2025"), VERZUIM_16_UUR)
    assert signaal["datum"] == d("06-11-2025")
    assert "(ongeoorloofd 10 uur, luxe verzuim 5 uur, te laat 1 uur)" in str(signaal["uitleg"])
    assert "in lesweek 45 (1 lesweek)" in str(signaal["uitleg"])


def test_art_21a_ziek_en_geoorloofde_minuten_tellen_niet() -> None:
    stad = Stad().afwezig(lesdagen(d("03-11-2025"), d("28-11-2025")), ziek=300, geoorloofd=300)
    assert stad.signalen(d("30-11-2025"), VERZUIM_16_UUR) == []


def test_art_21a_na_een_signaal_begint_het_volgende_venster_in_de_lesweek_erna() -> None:
    # 5 h every Wednesday for 8 lesweken from 29-10-2025: 16 h in the 4th week, and again
    # in the 8th; without the restart every later week would signal again
    woensdagen = [d("29-10-2025") + timedelta(weeks=i) for i in range(8)]
    stad = Stad().afwezig(woensdagen, ongeoorloofd=300)
    gevonden = stad.signalen(d("19-12-2025"), VERZUIM_16_UUR)
    assert [s["datum"] for s in gevonden] == [woensdagen[3], woensdagen[7]]
    assert [s["begindatum"] for s in gevonden] == [d("27-10-2025"), d("24-11-2025")]


def test_art_21a_verzuim_na_de_peildatum_wordt_genegeerd() -> None:
    stad = Stad().afwezig([d("10-12-2025"), d("17-12-2025"), d("07-01-2026")], ongeoorloofd=300)
    stad.afwezig([d("12-01-2026")], ongeoorloofd=60)
    assert stad.signalen(d("09-01-2026"), VERZUIM_16_UUR) == []


def test_art_21a_een_venster_loopt_over_de_grens_van_het_schooljaar() -> None:
    # the summer holiday has no lesweken: the last week of 2024/25 and the first of 2025/26
    # are consecutive lesweken
    # (zomervakantie noord 2025: 12-07 t/m 24-08)
    stad = Stad().afwezig([d("07-07-2025"), d("08-07-2025")], ongeoorloofd=300)
    stad.afwezig([d("25-08-2025"), d("26-08-2025")], ongeoorloofd=180)
    [signaal] = stad.signalen(d("30-09-2025"), VERZUIM_16_UUR)
    assert signaal["datum"] == d("26-08-2025")
    assert signaal["begindatum"] == d("07-07-2025")


def test_art_21a_een_vrijgestelde_leerling_krijgt_geen_signaal() -> None:
    stad = Stad().afwezig(lesdagen(d("03-11-2025"), d("07-11-2025")), ongeoorloofd=300)
    stad.vrijstellingen.append((LEERLING, "5a", d("01-11-2025"), None))
    assert stad.signalen(d("30-11-2025"), VERZUIM_16_UUR) == []


# --- zorgwekkend_ziekteverzuim (MAZL) -----------------------------------------------------


def test_mazl_uitgewerkt_voorbeeld_het_weekend_onderbreekt_een_ziekmelding_niet() -> None:
    # sick Mon 05-01 to Fri 09-01 and Mon 12-01 to Tue 13-01-2026
    stad = Stad().afwezig(lesdagen(d("05-01-2026"), d("13-01-2026")), ziek=300)
    [signaal] = stad.signalen(d("30-01-2026"), ZORGWEKKEND_ZIEKTEVERZUIM)
    assert signaal["datum"] == d("13-01-2026")
    assert signaal["begindatum"] == d("05-01-2026")
    assert signaal["uitleg"] == (
        "7 aaneengesloten lesdagen ziek: ziek sinds 05-01-2026, de 7e lesdag was 13-01-2026; "
        "ziek tot en met 13-01-2026 (MAZL)."
    )


@pytest.mark.parametrize(
    ("ziekdagen", "signaal"),
    [(6, False), (7, True), (8, True)],
    ids=["mazl_6_sick_days", "mazl_exactly_7th_sick_day", "mazl_8_sick_days"],
)
def test_mazl_zevende_ziektedag_op_rij(ziekdagen: int, signaal: bool) -> None:
    dagen = lesdagen(d("10-11-2025"), d("30-11-2025"))[:ziekdagen]
    stad = Stad().afwezig(dagen, ziek=300)
    gevonden = stad.signalen(d("30-11-2025"), ZORGWEKKEND_ZIEKTEVERZUIM)
    assert [s["datum"] for s in gevonden] == ([dagen[6]] if signaal else [])


def test_mazl_de_kerstvakantie_onderbreekt_een_ziekmelding_niet() -> None:
    # sick 15-12 to 19-12-2025 and 05-01 to 06-01-2026: seven consecutive lesdagen
    stad = Stad().afwezig(lesdagen(d("15-12-2025"), d("06-01-2026")), ziek=300)
    [signaal] = stad.signalen(d("30-01-2026"), ZORGWEKKEND_ZIEKTEVERZUIM)
    assert signaal["datum"] == d("06-01-2026")


@pytest.mark.parametrize(
    ("weken_ertussen", "signaal"),
    [(3, True), (4, False)],
    ids=["mazl_4_reports_within_12_lesweken", "mazl_4_reports_spread_over_13_lesweken"],
)
def test_mazl_vier_ziekmeldingen_binnen_12_lesweken(weken_ertussen: int, signaal: bool) -> None:
    # one sick day every `weken_ertussen` lesweken from Mon 01-09-2025 (no holiday in
    # between until the herfstvakantie noord of 18-10; use lesweken counted by the calendar)
    weken = sorted({NOORD.lesweek(dag) for dag in lesdagen(d("01-09-2025"), d("31-03-2026"))})
    meldingen = [weken[i * weken_ertussen] for i in range(4)]
    stad = Stad().afwezig(meldingen, ziek=300)
    gevonden = stad.signalen(d("31-03-2026"), ZORGWEKKEND_ZIEKTEVERZUIM)
    if signaal:
        [s] = gevonden
        assert s["datum"] == meldingen[3]
        assert s["begindatum"] == meldingen[0]
        assert str(s["uitleg"]).startswith("4 ziekmeldingen binnen 12 lesweken, op ")
    else:
        assert gevonden == []


# --- langdurig relatief / geoorloofd verzuim -----------------------------------------------


def test_thuiszitter_uitgewerkt_voorbeeld_voorjaarsvakantie_breekt_of_eindigt_reeks_niet() -> None:
    # absent the whole day without valid reason on every lesdag from Mon 02-02-2026
    stad = Stad().afwezig(lesdagen(d("02-02-2026"), d("13-03-2026")), ongeoorloofd=300)
    [signaal] = stad.signalen(d("13-03-2026"), LANGDURIG_RELATIEF_VERZUIM)
    # 02-02 + 28 days = 02-03-2026, plus 7 for the voorjaarsvakantie (the week of 23-02 has
    # no lesdagen) = 09-03-2026, a lesdag on which the pupil is still absent
    assert signaal["datum"] == d("09-03-2026")
    assert signaal["begindatum"] == signaal["van"] == d("02-02-2026")
    assert signaal["tot"] == d("13-03-2026")
    assert signaal["einddatum"] is None
    assert signaal["dagen"] == 25
    assert "Duurt nog voort." in str(signaal["uitleg"])


@pytest.mark.parametrize(
    ("peildatum", "signaal"),
    [
        ("27-02-2026", False),
        ("02-03-2026", False),
        ("06-03-2026", False),
        ("09-03-2026", True),
        ("10-03-2026", True),
    ],
    ids=[
        "thuiszitter_day_25_in_holiday",
        "thuiszitter_28_calendar_days_is_3_school_weeks",
        "thuiszitter_day_before_4_school_weeks",
        "thuiszitter_exactly_4_school_weeks",
        "thuiszitter_day_after",
    ],
)
def test_thuiszitter_drempel_van_vier_weken(peildatum: str, signaal: bool) -> None:
    stad = Stad().afwezig(lesdagen(d("02-02-2026"), d("13-03-2026")), ongeoorloofd=300)
    gevonden = stad.signalen(d(peildatum), LANGDURIG_RELATIEF_VERZUIM)
    assert len(gevonden) == int(signaal)


def test_thuiszitter_een_hele_dag_terug_op_school_beeindigt_de_reeks() -> None:
    dagen = lesdagen(d("02-02-2026"), d("27-03-2026"))
    terug = d("16-03-2026")
    stad = Stad().afwezig([dag for dag in dagen if dag != terug], ongeoorloofd=300)
    gevonden = stad.signalen(d("27-03-2026"), LANGDURIG_RELATIEF_VERZUIM)
    # the first run reached 4 school weeks on 09-03 and ended when he was back on 16-03; the
    # second run from 17-03 is 10 days old on the peildatum
    assert [(s["begindatum"], s["datum"], s["einddatum"]) for s in gevonden] == [
        (d("02-02-2026"), d("09-03-2026"), terug)
    ]
    assert "Weer op school op 16-03-2026." in str(gevonden[0]["uitleg"])
    assert "langer dan 4 schoolweken op 09-03-2026" in str(gevonden[0]["uitleg"])


def test_thuiszitter_een_gedeeltelijke_dag_zet_de_reeks_niet_voort() -> None:
    dagen = lesdagen(d("02-02-2026"), d("27-03-2026"))
    stad = Stad().afwezig(dagen, ongeoorloofd=300)
    stad.verzuim[(LEERLING, d("16-02-2026"))] = {"ongeoorloofd": 299}
    [signaal] = stad.signalen(d("27-03-2026"), LANGDURIG_RELATIEF_VERZUIM)
    # from Tuesday 17-02: 4 school weeks across the voorjaarsvakantie, Tuesday 24-03
    assert (signaal["begindatum"], signaal["datum"]) == (d("17-02-2026"), d("24-03-2026"))


def test_thuiszitter_ziektedagen_maken_een_verborgen_thuiszitter_geen_relatieve() -> None:
    stad = Stad().afwezig(lesdagen(d("02-02-2026"), d("13-02-2026")), ziek=300)
    stad.afwezig(lesdagen(d("16-02-2026"), d("13-03-2026")), ongeoorloofd=300)
    assert stad.signalen(d("13-03-2026"), LANGDURIG_RELATIEF_VERZUIM) == []
    [verborgen] = stad.signalen(d("13-03-2026"), LANGDURIG_GEOORLOOFD_VERZUIM)
    assert verborgen["begindatum"] == d("02-02-2026")
    assert verborgen["datum"] == d("09-03-2026")


def test_thuiszitter_een_reeks_geheel_zonder_geldige_reden_is_niet_ook_verborgen() -> None:
    stad = Stad().afwezig(lesdagen(d("02-02-2026"), d("13-03-2026")), ongeoorloofd=300)
    assert stad.signalen(d("13-03-2026"), LANGDURIG_GEOORLOOFD_VERZUIM) == []


def test_thuiszitter_een_vrijstelling_op_de_signaaldatum_betekent_geen_signaal() -> None:
    stad = Stad().afwezig(lesdagen(d("02-02-2026"), d("13-03-2026")), ongeoorloofd=300)
    stad.vrijstellingen.append((LEERLING, "5a", d("01-03-2026"), d("31-07-2026")))
    assert stad.signalen(d("13-03-2026"), LANGDURIG_RELATIEF_VERZUIM) == []


def test_thuiszitter_een_vierjarige_is_niet_leerplichtig() -> None:
    # born 10-01-2021: 5 on 10-01-2026, leerplichtig from 01-02-2026; absent since 05-01
    stad = Stad(leerlingen=[(LEERLING, d("10-01-2021"), True)])
    stad.afwezig(lesdagen(d("05-01-2026"), d("13-03-2026")), ongeoorloofd=300)
    [signaal] = stad.signalen(d("13-03-2026"), LANGDURIG_RELATIEF_VERZUIM)
    # the run began before leerplicht, but on its signal date (02-02) he was leerplichtig
    assert signaal["datum"] == d("02-02-2026")
    stad.leerlingen = [(LEERLING, d("10-03-2021"), True)]  # leerplichtig from 01-04-2026
    assert stad.signalen(d("13-03-2026"), LANGDURIG_RELATIEF_VERZUIM) == []


def test_thuiszitter_een_schoolwissel_begint_een_nieuwe_reeks() -> None:
    stad = Stad(
        inschrijvingen=[
            (LEERLING, SCHOOL, d("01-08-2024"), d("13-02-2026")),
            (LEERLING, ANDERE_SCHOOL, d("14-02-2026"), None),
        ]
    )
    stad.afwezig(lesdagen(d("02-02-2026"), d("10-04-2026")), ongeoorloofd=300)
    # at the new school the run began on its first lesdag, 16-02-2026 (after the weekend),
    # and is 25 days old on 13-03
    assert stad.signalen(d("13-03-2026"), LANGDURIG_RELATIEF_VERZUIM) == []
    [signaal] = stad.signalen(d("10-04-2026"), LANGDURIG_RELATIEF_VERZUIM)
    assert signaal["school_id"] == ANDERE_SCHOOL
    # 4 school weeks from 16-02: the voorjaarsvakantie (the week of 23-02) does not count
    assert (signaal["begindatum"], signaal["datum"]) == (d("16-02-2026"), d("23-03-2026"))


# --- thuiszitter 3 maanden -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("peildatum", "signaaldatum"),
    [("01-05-2026", None), ("04-05-2026", "04-05-2026"), ("15-05-2026", "04-05-2026")],
    ids=["pact_2016_before_3_months", "pact_2016_first_lesdag_after_3_months", "pact_2016_later"],
)
def test_thuiszitterspact_drie_maanden(peildatum: str, signaaldatum: str | None) -> None:
    # from 02-02-2026; 02-05-2026 is a Saturday in the meivakantie, so the first lesdag of
    # the run on or after it is Mon 04-05-2026 (meivakantie noord 2026: 25-04 t/m 03-05)
    stad = Stad().afwezig(lesdagen(d("02-02-2026"), d("15-05-2026")), ongeoorloofd=300)
    gevonden = stad.signalen(d(peildatum), THUISZITTER_3_MAANDEN)
    assert [s["datum"] for s in gevonden] == ([d(signaaldatum)] if signaaldatum else [])


def test_thuiszitterspact_verborgen_thuiszitters_tellen_als_de_stad_dat_zegt() -> None:
    stad = Stad().afwezig(lesdagen(d("02-02-2026"), d("15-05-2026")), ziek=300)
    assert stad.signalen(d("15-05-2026"), THUISZITTER_3_MAANDEN) == []
    amsterdam = Drempels(verborgen_thuiszitters_meetellen=True)
    [signaal] = stad.signalen(d("15-05-2026"), THUISZITTER_3_MAANDEN, amsterdam)
    assert signaal["begindatum"] == d("02-02-2026")


def test_thuiszitterspact_absoluut_verzuim_gedurende_drie_maanden() -> None:
    stad = Stad(inschrijvingen=[(LEERLING, SCHOOL, d("01-08-2024"), d("31-01-2026"))])
    [signaal] = stad.signalen(d("01-05-2026"), THUISZITTER_3_MAANDEN)
    assert signaal["begindatum"] == d("01-02-2026")
    assert signaal["datum"] == d("01-05-2026")
    assert signaal["school_id"] is None
    assert stad.signalen(d("30-04-2026"), THUISZITTER_3_MAANDEN) == []


# --- absoluut verzuim (LPW art. 2, 19) -----------------------------------------------------


def test_art_19_niet_ingeschreven_sinds_de_laatste_inschrijving_eindigde() -> None:
    stad = Stad(inschrijvingen=[(LEERLING, SCHOOL, d("01-08-2024"), d("31-01-2026"))])
    [signaal] = stad.signalen(d("10-02-2026"), ABSOLUUT_VERZUIM)
    assert signaal["begindatum"] == signaal["datum"] == d("01-02-2026")
    assert signaal["tot"] == d("10-02-2026")
    assert signaal["dagen"] == 10
    assert signaal["uitleg"] == (
        "Leerplichtig en woont in de gemeente, maar op 10-02-2026 op geen school ingeschreven "
        "en niet vrijgesteld; niet meer ingeschreven sinds 01-02-2026."
    )


def test_art_19_nooit_ingeschreven_sinds_de_leerplicht_begon() -> None:
    # born 15-03-2020: leerplichtig from 01-04-2025
    stad = Stad(leerlingen=[(LEERLING, d("15-03-2020"), True)], inschrijvingen=[])
    [signaal] = stad.signalen(d("10-02-2026"), ABSOLUUT_VERZUIM)
    assert signaal["begindatum"] == d("01-04-2025")
    assert "nooit ingeschreven geweest" in str(signaal["uitleg"])


@pytest.mark.parametrize(
    ("stad", "uitleg"),
    [
        (
            Stad(
                inschrijvingen=[],
                vrijstellingen=[(LEERLING, "5a", d("01-08-2025"), None)],
            ),
            "art. 5 onder a exemption",
        ),
        (Stad(leerlingen=[(LEERLING, GEBOREN, False)], inschrijvingen=[]), "lives elsewhere"),
        (Stad(), "enrolled"),
        (Stad(leerlingen=[(LEERLING, d("01-02-2008"), True)], inschrijvingen=[]), "18 already"),
    ],
    ids=["art_5a_exempt", "art_19_lives_elsewhere", "art_2_enrolled", "art_4b_eighteen"],
)
def test_art_19_geen_absoluut_verzuim(stad: Stad, uitleg: str) -> None:
    assert stad.signalen(d("10-02-2026"), ABSOLUUT_VERZUIM) == [], uitleg


def test_art_4b_kwalificatieplichtig_en_niet_ingeschreven() -> None:
    # born 01-08-2009: leerplicht to 31-07-2026... born 01-06-2009: 16 in 2024/25, so
    # leerplichtig to 31-07-2025 and kwalificatieplichtig until 31-05-2027
    stad = Stad(leerlingen=[(LEERLING, d("01-06-2009"), True)], inschrijvingen=[])
    [signaal] = stad.signalen(d("10-02-2026"), ABSOLUUT_VERZUIM)
    assert str(signaal["uitleg"]).startswith("Kwalificatieplichtig en woont in de gemeente")


def test_art_3_verjaardag_op_1_augustus_beeindigt_leerplicht_een_jaar_later() -> None:
    # born 01-08-2010: 16 on 01-08-2026, school year 2026/27, leerplicht to 31-07-2027
    stad = Stad(leerlingen=[(LEERLING, d("01-08-2010"), True)], inschrijvingen=[])
    [signaal] = stad.signalen(d("10-08-2026"), ABSOLUUT_VERZUIM)
    assert str(signaal["uitleg"]).startswith("Leerplichtig")


# --- vierjarige niet ingeschreven (Utrecht) ------------------------------------------------


@pytest.mark.parametrize(
    ("geboren", "signaal"),
    [
        ("11-05-2021", False),  # 4 years 9 months on 11-02-2026: the day after the peildatum
        ("10-05-2021", True),  # exactly 4 years 9 months
        ("01-01-2021", True),  # 5 on 01-01-2026, leerplichtig from 01-02-2026: no, see below
    ],
    ids=["utrecht_4y9m_minus_one_day", "utrecht_exactly_4y9m", "utrecht_already_leerplichtig"],
)
def test_utrecht_vierjarigen_niet_ingeschreven(geboren: str, signaal: bool) -> None:
    stad = Stad(leerlingen=[(LEERLING, d(geboren), True)], inschrijvingen=[])
    gevonden = stad.signalen(d("10-02-2026"), VIERJARIGE_NIET_INGESCHREVEN)
    if geboren == "01-01-2021":
        # leerplichtig since 01-02-2026: that is absoluut verzuim, not this list
        assert gevonden == []
        assert stad.signalen(d("10-02-2026"), ABSOLUUT_VERZUIM) != []
        return
    assert len(gevonden) == int(signaal)
    if signaal:
        assert gevonden[0]["begindatum"] == d("10-02-2026")
        assert "leerplichtig vanaf 01-06-2026" in str(gevonden[0]["uitleg"])


def test_utrecht_een_ingeschreven_vierjarige_is_in_beeld() -> None:
    stad = Stad(
        leerlingen=[(LEERLING, d("10-05-2021"), True)],
        inschrijvingen=[(LEERLING, SCHOOL, d("11-05-2025"), None)],
    )
    assert stad.signalen(d("10-02-2026"), VIERJARIGE_NIET_INGESCHREVEN) == []


# --- the engine as a whole -----------------------------------------------------------------


def test_elke_regel_tegelijk_geeft_het_schema_gesorteerd() -> None:
    stad = Stad().afwezig(lesdagen(d("02-02-2026"), d("15-05-2026")), ongeoorloofd=300)
    stad.leerlingen.append((2, d("15-03-2020"), True))
    uitkomst = signaleer(stad.gegevens(), d("15-05-2026"))
    assert uitkomst.schema == signalen.SIGNAAL_SCHEMA
    assert set(uitkomst["soort"]) == {
        VERZUIM_16_UUR,
        LANGDURIG_RELATIEF_VERZUIM,
        THUISZITTER_3_MAANDEN,
        ABSOLUUT_VERZUIM,
    }
    assert uitkomst.equals(uitkomst.sort("leerling_id", "soort", "begindatum"))
    # one episode per pupil, soort and begindatum
    assert uitkomst.select("leerling_id", "soort", "begindatum").is_unique().all()


def test_een_onbekende_soort_wordt_geweigerd() -> None:
    with pytest.raises(ValueError, match="onbekende signaalsoort"):
        signaleer(Stad().gegevens(), d("10-02-2026"), soorten=("verzuim_17_uur",))


def test_elke_regel_noemt_zijn_bron() -> None:
    for soort, regel in signalen.REGELS.items():
        assert regel.__doc__ and ("Source:" in regel.__doc__), soort
    assert set(signalen.REGELS) == set(signalen.SOORTEN)


# --- properties ----------------------------------------------------------------------------

WERKDAGEN = [
    date(2025, 9, 1) + timedelta(days=i)
    for i in range(7 * 30)
    if (date(2025, 9, 1) + timedelta(days=i)).weekday() < 5
]
dagminuten = st.sampled_from([0, 30, 60, 120, 300])
afwezigheid = st.dictionaries(
    st.sampled_from(WERKDAGEN[: 5 * 24]), st.tuples(dagminuten, dagminuten), max_size=80
)


def _stad_zonder_vakanties(
    afwezig: dict[date, tuple[int, int]], verschuiving: timedelta = timedelta(0)
) -> Stad:
    stad = Stad(
        lesdagen=[dag + verschuiving for dag in WERKDAGEN],
        vakanties=[],
        inschrijvingen=[(LEERLING, SCHOOL, d("01-08-2025") + verschuiving, None)],
    )
    for dag, (ongeoorloofd, ziek) in afwezig.items():
        stad.verzuim[(LEERLING, dag + verschuiving)] = {"ongeoorloofd": ongeoorloofd, "ziek": ziek}
    return stad


def _kern(uitkomst: pl.DataFrame) -> list[tuple[object, ...]]:
    return uitkomst.select("soort", "begindatum", "datum", "einddatum", "minuten").rows()


@settings(max_examples=40, deadline=None)
@given(afwezig=afwezigheid, extra=st.dictionaries(st.sampled_from(WERKDAGEN), dagminuten))
def test_geoorloofd_verzuim_toevoegen_maakt_nooit_een_signaal_van_ongeoorloofd_verzuim(
    afwezig: dict[date, tuple[int, int]], extra: dict[date, int]
) -> None:
    peildatum = WERKDAGEN[-1]
    soorten = (VERZUIM_16_UUR, LANGDURIG_RELATIEF_VERZUIM)
    voor = signaleer(_stad_zonder_vakanties(afwezig).gegevens(), peildatum, soorten=soorten)
    stad = _stad_zonder_vakanties(afwezig)
    stad.afwezig(extra, geoorloofd=0)
    for dag, minuten in extra.items():
        stad.afwezig([dag], geoorloofd=minuten)
        stad.afwezig([dag], ziek=minuten)
    na = signaleer(stad.gegevens(), peildatum, soorten=soorten)
    assert set(_kern(na)) <= set(_kern(voor))


@settings(max_examples=40, deadline=None)
@given(afwezig=afwezigheid, weken=st.integers(min_value=1, max_value=20))
def test_alle_gegevens_hele_lesweken_verschuiven_verschuift_de_signalen_evenzeer(
    afwezig: dict[date, tuple[int, int]], weken: int
) -> None:
    verschuiving = timedelta(weeks=weken)
    peildatum = WERKDAGEN[-1]
    voor = signaleer(_stad_zonder_vakanties(afwezig).gegevens(), peildatum).filter(
        pl.col("school_id").is_not_null()
    )
    na = signaleer(
        _stad_zonder_vakanties(afwezig, verschuiving).gegevens(), peildatum + verschuiving
    ).filter(pl.col("school_id").is_not_null())
    verschoven = voor.with_columns(
        pl.col("begindatum", "datum", "einddatum", "van", "tot") + verschuiving
    )
    assert _kern(na) == _kern(verschoven)


@settings(max_examples=40, deadline=None)
@given(afwezig=afwezigheid)
def test_twee_keer_beoordelen_geeft_dezelfde_signalen_en_een_rij_per_episode(
    afwezig: dict[date, tuple[int, int]],
) -> None:
    gegevens = _stad_zonder_vakanties(afwezig).gegevens()
    eerste = signaleer(gegevens, WERKDAGEN[-1])
    assert eerste.equals(signaleer(gegevens, WERKDAGEN[-1]))
    assert eerste.select("leerling_id", "soort", "begindatum").is_unique().all()
    # a signal is never dated after the peildatum nor before its episode began
    assert (eerste["datum"] <= WERKDAGEN[-1]).all()
    assert (eerste["datum"] >= eerste["begindatum"]).all()


# --- against the plain reference implementation --------------------------------------------

NAJAAR = lesdagen(d("01-09-2025"), d("31-03-2026"))
een_dag = st.tuples(
    st.sampled_from([0, 0, 60, 180, 300]),  # ongeoorloofd
    st.sampled_from([0, 0, 0, 50]),  # luxe
    st.sampled_from([0, 0, 300]),  # ziek
)
leerling_strategie = st.tuples(
    # from 4 to 17 years old: some become leerplichtig, some turn 18 in the period
    st.dates(min_value=date(2008, 1, 1), max_value=date(2021, 12, 31)),
    st.dictionaries(st.sampled_from(NAJAAR), een_dag, max_size=120),
    st.one_of(st.none(), st.sampled_from(NAJAAR)),  # an exemption from that day
)


@settings(max_examples=30, deadline=None)
@given(
    leerlingen=st.lists(leerling_strategie, min_size=1, max_size=4),
    peildatum=st.sampled_from(NAJAAR[20:]),
    lange_reeks=st.booleans(),
    ziekmeldingen=st.lists(st.tuples(st.integers(0, 140), st.integers(1, 9)), max_size=6),
)
def test_de_kern_stemt_overeen_met_een_eenvoudige_lus_per_leerling(
    leerlingen: list[tuple[date, dict[date, tuple[int, int, int]], date | None]],
    peildatum: date,
    lange_reeks: bool,
    ziekmeldingen: list[tuple[int, int]],
) -> None:
    from tests.kern.referentie import referentie

    stad = Stad(leerlingen=[], inschrijvingen=[])
    for nr, (geboren, dagen, vrijgesteld) in enumerate(leerlingen, start=1):
        stad.leerlingen.append((nr, geboren, True))
        stad.inschrijvingen.append((nr, SCHOOL, d("01-08-2025"), None))
        if vrijgesteld is not None:
            stad.vrijstellingen.append((nr, "5a", vrijgesteld, None))
        if lange_reeks and nr == 1:
            # make a long run likely enough to be tested
            stad.afwezig(NAJAAR[10:60], leerling=nr, ongeoorloofd=300)
        if nr == len(leerlingen):
            # and sick reports: (first lesdag, length)
            for begin, lengte in ziekmeldingen:
                stad.afwezig(NAJAAR[begin : begin + lengte], leerling=nr, ziek=300)
        for dag, (ongeoorloofd, luxe, ziek) in dagen.items():
            stad.afwezig([dag], leerling=nr, ongeoorloofd=ongeoorloofd, luxe=luxe, ziek=ziek)
    gegevens = stad.gegevens()
    soorten = (VERZUIM_16_UUR, LANGDURIG_RELATIEF_VERZUIM, ZORGWEKKEND_ZIEKTEVERZUIM)
    engine = signaleer(gegevens, peildatum, soorten=soorten)
    gevonden = set(engine.select("leerling_id", "soort", "begindatum", "datum", "einddatum").rows())
    for soort in sorted({s[1] for s in gevonden}):
        event(soort)
    assert gevonden == referentie(gegevens, peildatum, signalen.STANDAARD)


def test_thuiszitter_in_kalenderdagen_als_de_gemeente_dat_instelt() -> None:
    # the setting langdurig_schoolweken=False counts 28 calendar days, holiday or not
    stad = Stad().afwezig(lesdagen(d("02-02-2026"), d("13-03-2026")), ongeoorloofd=300)
    kalender = Drempels(langdurig_schoolweken=False)
    [signaal] = stad.signalen(d("13-03-2026"), LANGDURIG_RELATIEF_VERZUIM, kalender)
    assert signaal["datum"] == d("02-03-2026")
    assert "meer dan 28 dagen op 02-03-2026" in str(signaal["uitleg"])
