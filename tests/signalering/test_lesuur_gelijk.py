# SPDX-License-Identifier: EUPL-1.2
"""Intake: a lesson-level file with a school's own codes gives exactly the same stored absence
and the same signals as the equivalent day file. And the school's day length counts: a pupil
absent whole days at a school of 360 minutes reaches 16 hours on the third day (3 x 360 =
1080 >= 960), not on the fourth as with 300; the engine and the verzuimmelding call a day
whole when it reaches the day length of the pupil's school."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest

from binnenboord.kern import signalen as kern
from binnenboord.registratie.models import School, Verzuim
from binnenboord.signalering.gegevens import Bereik
from binnenboord.signalering.models import Signaal
from binnenboord.signalering.services.melding import _alle_lessen_gemist
from binnenboord.signalering.services.signaal import signaleer
from tests.registratie.test_lesuren import (
    BRIN1,
    DAGKOP,
    LESKOP,
    Lesopzet,
    importeer_regels,
    maak_lesopzet,
    opgeslagen_verzuim,
)
from tests.wereld import Wereld

PEILDATUM = date(2026, 1, 30)
ZIEKE_DAGEN = ("12", "13", "14", "15", "16", "19", "20")


def _lesuurbestand(o: Lesopzet) -> list[str]:
    """Pupil a skips three whole days (6 lessons of 60 minutes), then is late and at the
    dentist; pupil b is ill for 7 lesdagen in a row. Codes in the school's spelling or not."""
    a, b = o.bsn("demodam_school1"), o.bsn("buurdorp_school1")
    regels = [LESKOP]
    for dag in ("12", "13", "14"):
        regels += [f"{a};{BRIN1};00;2026-01-{dag};{uur};{'SP' if uur % 2 else 'sp'};"
                   for uur in range(1, 7)]  # fmt: skip
    regels += [
        f"{a};{BRIN1};00;2026-01-15;1;TL;15",
        f"{a};{BRIN1};00;2026-01-15;2;TA;",
        f"{a};{BRIN1};00;2026-01-15;3;ta;",
    ]
    for dag in ZIEKE_DAGEN:
        regels += [f"{b};{BRIN1};00;2026-01-{dag};{uur};ZK;" for uur in range(1, 7)]
    return regels


def _dagbestand(o: Lesopzet) -> list[str]:
    """The same absence as one row per kind per day, as a day file says it."""
    a, b = o.bsn("demodam_school1"), o.bsn("buurdorp_school1")
    regels = [DAGKOP]
    regels += [f"{a};{BRIN1};00;2026-01-{dag};;ongeoorloofd;ja;SP" for dag in ("12", "13", "14")]
    regels += [
        f"{a};{BRIN1};00;2026-01-15;15;te_laat;nee;TL",
        f"{a};{BRIN1};00;2026-01-15;120;geoorloofd;nee;TA",
    ]
    regels += [f"{b};{BRIN1};00;2026-01-{dag};;ziek;ja;ZK" for dag in ZIEKE_DAGEN]
    return regels


def _signalen() -> list[tuple[object, ...]]:
    return list(
        Signaal.objects.order_by("leerling_id", "soort", "begindatum").values_list(
            "leerling_id",
            "soort",
            "begindatum",
            "datum",
            "einddatum",
            "school_id",
            "van",
            "tot",
            "minuten",
            "dagen",
            "uitleg",
        )
    )


@pytest.mark.django_db
def test_een_lesuurbestand_geeft_precies_hetzelfde_verzuim_en_dezelfde_signalen_als_het_dagbestand(
    wereld: Wereld,
) -> None:
    o = maak_lesopzet(wereld, daglengte=360, lesuur=60)

    lesuren = importeer_regels("verzuim", *_lesuurbestand(o), door=o.school)
    assert (lesuren.status, lesuren.aantal_afgewezen) == ("klaar", 0)
    signaleer(bereik=Bereik.alles(), peildatum=PEILDATUM)
    verzuim_lesuren, signalen_lesuren = opgeslagen_verzuim(), _signalen()

    Signaal.objects.all().delete()
    Verzuim.objects.all().delete()
    dagen = importeer_regels("verzuim", *_dagbestand(o), door=o.school)
    assert (dagen.status, dagen.aantal_afgewezen) == ("klaar", 0)
    signaleer(bereik=Bereik.alles(), peildatum=PEILDATUM)

    assert opgeslagen_verzuim() == verzuim_lesuren
    assert _signalen() == signalen_lesuren
    # and they are the signals the rules give: 16 hours on the third whole day of pupil a,
    # worrying sick leave for pupil b
    a, b = o.leerling("demodam_school1").pk, o.leerling("buurdorp_school1").pk
    soorten = {(s[0], s[1]): s[3] for s in signalen_lesuren}
    assert soorten[(a, kern.VERZUIM_16_UUR)] == date(2026, 1, 14)
    assert (b, kern.ZORGWEKKEND_ZIEKTEVERZUIM) in soorten
    assert len(verzuim_lesuren) == 4 + len(ZIEKE_DAGEN)
    dag_15 = next(v for v in verzuim_lesuren if v[0] == a and v[2] == date(2026, 1, 15))
    assert dag_15[3:] == (0, 0, 15, 0, 120, "TL,TA", "import")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("daglengte", "signaaldag"),
    [(360, date(2026, 1, 14)), (300, date(2026, 1, 15))],
)
def test_hele_dagen_bereiken_16_uur_op_de_dag_die_de_daglengte_van_de_school_zegt(
    wereld: Wereld, daglengte: int, signaaldag: date
) -> None:
    """16 hours = 960 minutes: the third whole day at 360 minutes, the fourth at 300."""
    o = maak_lesopzet(wereld, daglengte=daglengte)
    a = o.bsn("demodam_school1")
    dagen = [date(2026, 1, 12) + timedelta(days=n) for n in range(5)]
    regels = [f"{a};{BRIN1};00;{d.isoformat()};;ongeoorloofd;ja;" for d in dagen]
    import_ = importeer_regels("verzuim", DAGKOP, *regels, door=o.school)
    assert import_.aantal_nieuw == 5

    signaleer(bereik=Bereik.alles(), peildatum=date(2026, 1, 16))

    signaal = Signaal.objects.get(leerling=o.leerling("demodam_school1"), soort=kern.VERZUIM_16_UUR)
    assert signaal.datum == signaaldag
    assert signaal.minuten >= 960
    assert set(Verzuim.objects.values_list("minuten_ongeoorloofd", flat=True)) == {daglengte}


def _gegevens(minuten: int, daglengte: int | None) -> kern.Gegevens:
    """One pupil at school 1, absent without valid reason `minuten` on every lesdag of
    January and February 2026; the school's day length `daglengte` (None: not given)."""
    lesdagen = [
        date(2026, 1, 5) + timedelta(days=n)
        for n in range(54)
        if (date(2026, 1, 5) + timedelta(days=n)).weekday() < 5
    ]
    nul = [0] * len(lesdagen)
    return kern.Gegevens(
        leerlingen=pl.DataFrame(
            {"leerling_id": [1], "geboortedatum": [date(2012, 5, 17)], "woont_in_gemeente": [True]},
            schema=kern.LEERLINGEN_SCHEMA,
        ),
        inschrijvingen=pl.DataFrame(
            {
                "leerling_id": [1],
                "school_id": [1],
                "begindatum": [date(2024, 8, 1)],
                "einddatum": [None],
            },
            schema=kern.INSCHRIJVINGEN_SCHEMA,
        ),
        vrijstellingen=pl.DataFrame(schema=kern.VRIJSTELLINGEN_SCHEMA),
        verzuim=pl.DataFrame(
            {
                "leerling_id": [1] * len(lesdagen),
                "school_id": [1] * len(lesdagen),
                "datum": lesdagen,
                "minuten_ongeoorloofd": [minuten] * len(lesdagen),
                "minuten_luxe": nul,
                "minuten_te_laat": nul,
                "minuten_ziek": nul,
                "minuten_geoorloofd": nul,
            },
            schema=kern.VERZUIM_SCHEMA,
        ),
        lesdagen=pl.DataFrame(
            {"school_id": [1] * len(lesdagen), "datum": lesdagen}, schema=kern.LESDAGEN_SCHEMA
        ),
        daglengten=pl.DataFrame(
            {"school_id": [1] if daglengte else [], "daglengte": [daglengte] if daglengte else []},
            schema=kern.DAGLENGTEN_SCHEMA,
        ),
    )


@pytest.mark.parametrize(
    ("minuten", "daglengte", "hele_dagen"),
    [
        (240, 240, True),  # a short school day, absent all of it
        (240, None, False),  # without the day length: 240 < 300
        (300, 360, False),  # 300 of a 360-minute day is not the whole day
        (360, 360, True),
    ],
)
def test_de_motor_noemt_een_dag_heel_als_hij_de_daglengte_van_de_school_haalt(
    minuten: int, daglengte: int | None, hele_dagen: bool
) -> None:
    uitkomst = kern.signaleer(
        _gegevens(minuten, daglengte),
        date(2026, 2, 27),
        soorten=[kern.LANGDURIG_RELATIEF_VERZUIM],
    )
    assert (uitkomst.height == 1) is hele_dagen


@pytest.mark.django_db
def test_de_verzuimmelding_noemt_een_dag_heel_bij_de_daglengte_van_de_school(
    wereld: Wereld,
) -> None:
    school = School.objects.get(organisatie__naam="Het Baken")
    maandag, vrijdag = date(2026, 1, 12), date(2026, 1, 16)
    specificatie = [
        {"datum": (maandag + timedelta(days=n)).isoformat(), "minuten": 240} for n in range(5)
    ]
    School.objects.filter(pk=school.pk).update(daglengte_minuten=240)
    school.refresh_from_db()
    assert _alle_lessen_gemist(school, maandag, vrijdag, specificatie)
    School.objects.filter(pk=school.pk).update(daglengte_minuten=360)
    school.refresh_from_db()
    assert not _alle_lessen_gemist(school, maandag, vrijdag, specificatie)
