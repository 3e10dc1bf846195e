# SPDX-License-Identifier: EUPL-1.2
"""How fast the signal engine is, on the demo generator's data: builds a demo city of N pupils
(default 150,000, a G4 city) with a year of day-level absence in a throwaway PostgreSQL, then
prints a table with:

- load: reading the engine's tables from PostgreSQL (signalering.gegevens.lees_gegevens);
- engine: all rules (kern.signalen.signaleer), best and median of 3, and its peak memory,
  measured in a fresh process that reads the same tables from Parquet;
- store: the first full run (every signal new) and a second full run end to end
  (load + evaluate + store, nothing new): the nightly run;
- incremental: the run after a daily import, for the pupils with absence on the last lesdag;
- the country: the G4 tables repeated until 2,500,000 pupils, in the engine (fresh process);
- the reference: a plain per-pupil Python loop of the absence rules (tests/kern/referentie.py)
  on the same data, its time against the engine's for the same rules, and whether both found
  the same signals.

    .venv/bin/python benchmarks/signalen.py            # 150,000 pupils
    .venv/bin/python benchmarks/signalen.py 30000

It asserts nothing: the figures go into benchmarks/README.md. The database is a throwaway
cluster (tests/pgcluster.py) unless DATABASE_URL names a PostgreSQL one, which then must be
empty or hold a demo city built by this script."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from omgeving import draai, in_vers_proces

LAND = 2_500_000
TABELLEN = ("leerlingen", "inschrijvingen", "vrijstellingen", "verzuim", "lesdagen", "vakanties")


def _tijd(functie: Callable[[], Any]) -> tuple[float, Any]:
    begin = time.perf_counter()
    uitkomst = functie()
    return time.perf_counter() - begin, uitkomst


def _regel(naam: str, waarde: str, toelichting: str = "") -> None:
    sys.stdout.write(f"{naam:<48} {waarde:>14}   {toelichting}\n")
    sys.stdout.flush()


# --- the engine in a fresh process ---------------------------------------------------------

MOTOR = """
import json, statistics, sys, time
from datetime import date
import polars as pl
from binnenboord.kern.signalen import Gegevens, signaleer
map_, peildatum, keer = sys.argv[1], date.fromisoformat(sys.argv[2]), int(sys.argv[3])
tabellen = {n: pl.read_parquet(f"{map_}/{n}.parquet") for n in sys.argv[5].split(",")}
factor = int(sys.argv[4])
if factor > 1:
    # the country: the city repeated with other pupil and school numbers
    stap_l = int(tabellen["leerlingen"]["leerling_id"].max()) + 1
    stap_s = int(tabellen["lesdagen"]["school_id"].max()) + 1
    def herhaal(frame):
        delen = []
        for k in range(factor):
            kolommen = []
            if "leerling_id" in frame.columns:
                kolommen.append(pl.col("leerling_id") + k * stap_l)
            if "school_id" in frame.columns:
                kolommen.append(pl.col("school_id") + k * stap_s)
            delen.append(frame.with_columns(kolommen))
        return pl.concat(delen)
    tabellen = {n: herhaal(f) for n, f in tabellen.items()}
gegevens = Gegevens(**tabellen)
def piek_mb():
    # VmHWM belongs to this program's memory map; ru_maxrss would also count the parent
    # process this one was forked from
    for regel in open("/proc/self/status"):
        if regel.startswith("VmHWM:"):
            return int(regel.split()[1]) / 1024
rss_voor = piek_mb()
tijden = []
for _ in range(keer):
    begin = time.perf_counter()
    uitkomst = signaleer(gegevens, peildatum)
    tijden.append(time.perf_counter() - begin)
print(json.dumps({
    "leerlingen": gegevens.leerlingen.height,
    "verzuim": gegevens.verzuim.height,
    "signalen": uitkomst.height,
    "per_soort": dict(uitkomst.group_by("soort").len().iter_rows()),
    "beste": min(tijden),
    "mediaan": statistics.median(tijden),
    "rss_voor_mb": rss_voor,
    "rss_piek_mb": piek_mb(),
}))
"""


def _motor(map_: Path, peildatum: date, keer: int, factor: int) -> dict[str, Any]:
    return in_vers_proces(
        MOTOR, str(map_), peildatum.isoformat(), str(keer), str(factor), ",".join(TABELLEN)
    )


# --- the measurement -----------------------------------------------------------------------


def meet(grootte: int, peildatum: date) -> None:
    from django.core.management import call_command

    from tests.kern.referentie import referentie

    from binnenboord.demo.generator import bouw_demostad
    from binnenboord.kern import signalen as kern
    from binnenboord.registratie.models import Leerling, Verzuim
    from binnenboord.signalering.gegevens import Bereik, lees_gegevens
    from binnenboord.signalering.models import Signaal
    from binnenboord.signalering.services.signaal import (
        signaleer,
        signaleer_leerlingen,
        sla_signalen_op,
    )

    call_command("migrate", verbosity=0)
    if not Leerling.objects.exists():
        duur, _ = _tijd(lambda: bouw_demostad(grootte=grootte, seed=1, peildatum=peildatum))
        _regel("demostad bouwen (via de bestandsimport)", f"{duur:.0f} s", f"{grootte} leerlingen")
    Signaal.objects.all().delete()
    alles = Bereik.alles()

    duur, gegevens = _tijd(lambda: lees_gegevens(bereik=alles, peildatum=peildatum))
    _regel(
        "laden uit PostgreSQL",
        f"{duur:.2f} s",
        f"{gegevens.leerlingen.height} leerlingen, {gegevens.verzuim.height} verzuimdagen, "
        f"{gegevens.lesdagen.height} school-lesdagen",
    )
    with tempfile.TemporaryDirectory() as map_:
        for naam in TABELLEN:
            getattr(gegevens, naam).write_parquet(Path(map_) / f"{naam}.parquet")
        stad = _motor(Path(map_), peildatum, 3, 1)
        _regel(
            "motor: alle regels (beste / mediaan van 3)",
            f"{stad['beste']:.2f} / {stad['mediaan']:.2f} s",
            f"{stad['signalen']} signalen; piekgeheugen {stad['rss_piek_mb']:.0f} MB "
            f"(waarvan {stad['rss_voor_mb']:.0f} MB de tabellen)",
        )
        _regel("  per soort", "", json.dumps(stad["per_soort"], sort_keys=True))
        factor = max(1, round(LAND / grootte))
        land = _motor(Path(map_), peildatum, 1, factor)
        _regel(
            f"motor: heel Nederland ({factor} x de stad)",
            f"{land['beste']:.1f} s",
            f"{land['leerlingen']} leerlingen, {land['verzuim']} verzuimdagen, "
            f"{land['signalen']} signalen; piekgeheugen {land['rss_piek_mb']:.0f} MB",
        )

    duur, uitkomst = _tijd(lambda: kern.signaleer(gegevens, peildatum))
    opslaan, telling = _tijd(
        lambda: sla_signalen_op(uitkomst=uitkomst, peildatum=peildatum, bereik=alles)
    )
    _regel("opslaan, eerste keer (alles nieuw)", f"{opslaan:.2f} s", str(telling.als_dict()))
    nacht, telling = _tijd(lambda: signaleer(bereik=alles, peildatum=peildatum))
    _regel(
        "nachtelijke run van begin tot eind",
        f"{nacht:.2f} s",
        f"laden + motor + opslaan; {telling.als_dict()}",
    )

    laatste = Verzuim.objects.filter(datum__lte=peildatum).latest("datum").datum
    ids = list(Verzuim.objects.filter(datum=laatste).values_list("leerling_id", flat=True))
    duur, telling = _tijd(lambda: signaleer_leerlingen(ids, peildatum))
    _regel(
        "incrementeel na een dagimport",
        f"{duur:.2f} s",
        f"{len(ids)} leerlingen met verzuim op {laatste}; {telling.als_dict()}",
    )

    absentie = (
        kern.VERZUIM_16_UUR,
        kern.LANGDURIG_RELATIEF_VERZUIM,
        kern.ZORGWEKKEND_ZIEKTEVERZUIM,
    )
    motor, uitkomst = _tijd(lambda: kern.signaleer(gegevens, peildatum, soorten=absentie))
    ref, verwacht = _tijd(lambda: referentie(gegevens, peildatum, kern.STANDAARD))
    gevonden = set(
        uitkomst.select("leerling_id", "soort", "begindatum", "datum", "einddatum").rows()
    )
    _regel(
        "referentie: een lus per leerling (3 verzuimregels)",
        f"{ref:.2f} s",
        f"motor {motor:.2f} s voor dezelfde regels: {ref / motor:.1f} x zo snel; "
        f"zelfde uitkomst: {'ja' if gevonden == verwacht else 'NEE'} ({len(verwacht)} signalen)",
    )


def main() -> None:
    draai(meet, beschrijving=(__doc__ or "").splitlines()[0], grootte=150_000)


if __name__ == "__main__":
    main()
