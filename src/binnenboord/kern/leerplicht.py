# SPDX-License-Identifier: EUPL-1.2
"""Leerplicht and kwalificatieplicht on a peildatum (docs/domein.md, "Leerplicht en
kwalificatieplicht"; Bronnen § 1). Pure: no Django, no database, no clock — the peildatum
is always a parameter.

A child passes through five statuses in this order, never two at once:
te_jong → vierjarig → leerplichtig → kwalificatieplichtig → vrij. A status is skipped only
when its interval is empty (e.g. a startkwalificatie obtained before leerplicht ended)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal, Protocol

from .kalender import schooljaar

Status = Literal["te_jong", "vierjarig", "leerplichtig", "kwalificatieplichtig", "vrij"]

# In the order a child passes through them; tests and lists rely on this order.
STATUSSEN: Final[tuple[Status, ...]] = (
    "te_jong",
    "vierjarig",
    "leerplichtig",
    "kwalificatieplichtig",
    "vrij",
)

GRONDSLAG_NOG_NIET_LEERPLICHTIG: Final = "art. 3 lid 1 Leerplichtwet 1969"
GRONDSLAG_LEERPLICHT_16: Final = "art. 3 lid 1 onder b Leerplichtwet 1969"
GRONDSLAG_LEERPLICHT_12_SCHOOLJAREN: Final = "art. 3 lid 1 onder a en lid 2 Leerplichtwet 1969"
GRONDSLAG_KWALIFICATIEPLICHT: Final = "art. 4a en 4b Leerplichtwet 1969"
GRONDSLAG_VRIJ_18: Final = "art. 4b Leerplichtwet 1969 (18 jaar)"
GRONDSLAG_VRIJ_STARTKWALIFICATIE: Final = "art. 4b Leerplichtwet 1969 (startkwalificatie)"

# A school year always has a lesdag well within this many days; the bound only guards
# against a kalender that never reports one (e.g. an empty or broken calendar).
_MAX_DAGEN_ZOEKEN_LESDAG: Final = 400


class Lesdagkalender(Protocol):
    """Anything that knows the lesdagen, such as `kern.kalender.Schoolkalender`."""

    def is_lesdag(self, dag: date, /) -> bool: ...


@dataclass(frozen=True)
class Leerplicht:
    """Where a child stands on one peildatum. All `_tot` dates are inclusive."""

    status: Status
    leerplichtig_vanaf: date
    leerplichtig_tot: date
    kwalificatieplichtig_tot: date
    grondslag: str


def verjaardag(
    geboortedatum: date, leeftijd: int, *, schrikkeldag_op_1_maart: bool = False
) -> date:
    """The day on which someone born on `geboortedatum` reaches `leeftijd` years.

    For a child born on 29 February the birthday in a common year is 28 February by default;
    `schrikkeldag_op_1_maart=True` takes 1 March instead. [ONBEVESTIGD] Neither the
    Leerplichtwet 1969 nor docs/domein.md (Bronnen) settles this; a newspaper (Volkskrant,
    29-02-2020) states
    that legally one becomes a year older on 1 March. Confirm with the customer's jurist before
    relying on the default: it moves the start of leerplicht (art. 3) by a month and the end
    of kwalificatieplicht (art. 4b) by a day."""
    jaar = geboortedatum.year + leeftijd
    try:
        return geboortedatum.replace(year=jaar)
    except ValueError:
        # Only 29 February in a common year gets here.
        return date(jaar, 3, 1) if schrikkeldag_op_1_maart else date(jaar, 2, 28)


def begin_leerplicht(
    geboortedatum: date,
    *,
    kalender: Lesdagkalender | None = None,
    schrikkeldag_op_1_maart: bool = False,
) -> date:
    """The first school day of the month after the month in which the child turns 5
    (art. 3 lid 1 Leerplichtwet 1969).

    Without a kalender this is the 1st of that month. With one it is the first lesdag on or
    after the 1st; if the kalender reports no lesdag within 400 days the 1st is used, so a
    missing calendar never postpones leerplicht indefinitely."""
    vijf = verjaardag(geboortedatum, 5, schrikkeldag_op_1_maart=schrikkeldag_op_1_maart)
    eerste = date(vijf.year + vijf.month // 12, vijf.month % 12 + 1, 1)
    if kalender is None:
        return eerste
    for i in range(_MAX_DAGEN_ZOEKEN_LESDAG):
        dag = eerste + timedelta(days=i)
        if kalender.is_lesdag(dag):
            return dag
    return eerste


def einde_leerplicht(
    geboortedatum: date,
    *,
    twaalf_schooljaren_tot: date | None = None,
    schrikkeldag_op_1_maart: bool = False,
) -> date:
    """The last day of leerplicht (inclusive): 31 July of the school year in which the child
    turns 16 (art. 3 lid 1 onder b Leerplichtwet 1969), or the end of the school year after
    which it attended twelve full school years when that is earlier (art. 3 lid 1 onder a;
    lid 2 counts a basisschool finished in fewer than 8 years as 8).

    Counting the twelve school years needs the school history, which is not in the
    BRP
    (docs/domein.md, Bronnen § 1.2, [AMBIGU]); the caller passes the outcome as
    `twaalf_schooljaren_tot`,
    which must therefore be a 31 July."""
    zestien = verjaardag(geboortedatum, 16, schrikkeldag_op_1_maart=schrikkeldag_op_1_maart)
    tot = schooljaar(zestien)[1]
    if twaalf_schooljaren_tot is not None:
        if (twaalf_schooljaren_tot.month, twaalf_schooljaren_tot.day) != (7, 31):
            raise ValueError(
                f"twaalf_schooljaren_tot {twaalf_schooljaren_tot} is geen einde van een "
                "schooljaar (31 juli)."
            )
        tot = min(tot, twaalf_schooljaren_tot)
    return tot


def einde_kwalificatieplicht(
    geboortedatum: date,
    *,
    startkwalificatie_op: date | None = None,
    schrikkeldag_op_1_maart: bool = False,
) -> date:
    """The last day of kwalificatieplicht (inclusive): the day before the 18th birthday, or
    the day before the startkwalificatie was obtained when that is earlier (art. 4b
    Leerplichtwet 1969: it "eindigt zodra de jongere de leeftijd van 18 jaar bereikt of een
    startkwalificatie heeft behaald")."""
    achttien = verjaardag(geboortedatum, 18, schrikkeldag_op_1_maart=schrikkeldag_op_1_maart)
    einde = achttien if startkwalificatie_op is None else min(achttien, startkwalificatie_op)
    return einde - timedelta(days=1)


def leerplicht_op(
    geboortedatum: date,
    peildatum: date,
    *,
    kalender: Lesdagkalender | None = None,
    startkwalificatie_op: date | None = None,
    twaalf_schooljaren_tot: date | None = None,
    schrikkeldag_op_1_maart: bool = False,
) -> Leerplicht:
    """The leerplicht status of a child on `peildatum` (Leerplichtwet 1969 art. 3, 4a, 4b).

    - te_jong: under 4. vierjarig: 4 or older but leerplicht has not begun (art. 3 lid 1; a
      four-year-old may attend school but need not).
    - leerplichtig: from `begin_leerplicht` up to and including `einde_leerplicht` (art. 3).
    - kwalificatieplichtig: directly after leerplicht, up to and including
      `einde_kwalificatieplicht` (art. 4a, 4b). The exemptions of art. 4a lid 2
      (praktijkonderwijs diploma, VSO profile b/c) are not handled here.
    - vrij: after that; on the day of the startkwalificatie or the 18th birthday itself.

    Raises ValueError when `twaalf_schooljaren_tot` is not a 31 July or lies before the start
    of leerplicht: twelve school years cannot have been completed before it began."""
    vanaf = begin_leerplicht(
        geboortedatum, kalender=kalender, schrikkeldag_op_1_maart=schrikkeldag_op_1_maart
    )
    tot_zestien = einde_leerplicht(geboortedatum, schrikkeldag_op_1_maart=schrikkeldag_op_1_maart)
    leerplichtig_tot = einde_leerplicht(
        geboortedatum,
        twaalf_schooljaren_tot=twaalf_schooljaren_tot,
        schrikkeldag_op_1_maart=schrikkeldag_op_1_maart,
    )
    if leerplichtig_tot < vanaf:
        raise ValueError(
            f"twaalf_schooljaren_tot {twaalf_schooljaren_tot} ligt voor het begin van de "
            f"leerplicht ({vanaf})."
        )
    kwalificatieplichtig_tot = einde_kwalificatieplicht(
        geboortedatum,
        startkwalificatie_op=startkwalificatie_op,
        schrikkeldag_op_1_maart=schrikkeldag_op_1_maart,
    )
    vier = verjaardag(geboortedatum, 4, schrikkeldag_op_1_maart=schrikkeldag_op_1_maart)
    achttien = verjaardag(geboortedatum, 18, schrikkeldag_op_1_maart=schrikkeldag_op_1_maart)

    status: Status
    if peildatum < vier:
        status, grondslag = "te_jong", GRONDSLAG_NOG_NIET_LEERPLICHTIG
    elif peildatum < vanaf:
        status, grondslag = "vierjarig", GRONDSLAG_NOG_NIET_LEERPLICHTIG
    elif peildatum <= leerplichtig_tot:
        status = "leerplichtig"
        # The twelve-year rule is only the grondslag when it actually ends leerplicht earlier.
        door_twaalf_jaar = leerplichtig_tot < tot_zestien
        grondslag = (
            GRONDSLAG_LEERPLICHT_12_SCHOOLJAREN if door_twaalf_jaar else GRONDSLAG_LEERPLICHT_16
        )
    elif peildatum <= kwalificatieplichtig_tot:
        status, grondslag = "kwalificatieplichtig", GRONDSLAG_KWALIFICATIEPLICHT
    else:
        status = "vrij"
        door_startkwalificatie = (
            startkwalificatie_op is not None and startkwalificatie_op < achttien
        )
        grondslag = (
            GRONDSLAG_VRIJ_STARTKWALIFICATIE if door_startkwalificatie else GRONDSLAG_VRIJ_18
        )
    return Leerplicht(
        status=status,
        leerplichtig_vanaf=vanaf,
        leerplichtig_tot=leerplichtig_tot,
        kwalificatieplichtig_tot=kwalificatieplichtig_tot,
        grondslag=grondslag,
    )


def is_leerplichtig_of_kwalificatieplichtig(leerplicht: Leerplicht) -> bool:
    """Whether the child falls under the Leerplichtwet on the peildatum: the group the
    college must check for enrolment (art. 19 Leerplichtwet 1969) and for which absoluut
    verzuim can exist."""
    return leerplicht.status in ("leerplichtig", "kwalificatieplichtig")
