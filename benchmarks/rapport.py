# SPDX-License-Identifier: EUPL-1.2
"""How fast the yearly report is for a G4 city: builds a demo city of N pupils (default
150,000) with a school year of day-level absence in a throwaway PostgreSQL, runs the nightly
signal run, bulk-creates about 2% of the pupils' cases (default ~3,000) from their signals with
model steps, closings and open cases, and then prints, measured in a fresh process (so its peak
memory is the report's own):

- the yearly report (monitoring.cijfers.maak_rapport("jaar", school year, gemeente)): median
  and best of 5 after a warm-up, its number of SQL queries, and peak memory;
- `.onderdrukt()` (small-cell suppression), and the xlsx and pdf exports of the suppressed
  report (monitoring.exporteren);
- with --profiel: where the time of one report goes (cProfile, our own functions first).

    .venv/bin/python benchmarks/rapport.py                  # 150,000 pupils, ~3,000 cases
    .venv/bin/python benchmarks/rapport.py 30000 --profiel

The cases are written with bulk_create, not through the regie services (a benchmark needs the
volume, not the history of who did what); their steps come from the demo's planner
(binnenboord.demo.casussen.plan_stappen), so they are on time, late or missing as in the demo.
It asserts nothing: the figures go into benchmarks/README.md. The database is a throwaway
cluster unless DATABASE_URL names a PostgreSQL one, which then must be empty or hold a city
built by this script."""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from omgeving import draai, in_vers_proces

# The school year the report covers, and the peildatum the city is built up to (its last day),
# so the year of absence is that school year.
SCHOOLJAAR = "2025/2026"
PEILDATUM = "2026-07-31"
GEMEENTE = "9999"  # Demodam
AANDEEL_CASUSSEN = 0.02
KEER = 5
DOEL_SECONDEN = 2.0
PROFIEL = False  # --profiel: also print where the time of one report goes


def _tijd(functie: Callable[[], Any]) -> tuple[float, Any]:
    begin = time.perf_counter()
    uitkomst = functie()
    return time.perf_counter() - begin, uitkomst


def _regel(naam: str, waarde: str, toelichting: str = "") -> None:
    sys.stdout.write(f"{naam:<48} {waarde:>16}   {toelichting}\n")
    sys.stdout.flush()


# --- the cases -----------------------------------------------------------------------------

# The signals cases come from: thuiszitters first, then threatening ones (as the demo does).
THUIS = ("langdurig_relatief_verzuim", "thuiszitter_3_maanden", "langdurig_geoorloofd_verzuim")
DREIGEND = ("verzuim_16_uur", "zorgwekkend_ziekteverzuim")
AANBOD = (
    ("eigen_school", 40),
    ("andere_school", 25),
    ("zorgarrangement", 10),
    ("combinatie", 10),
    ("verhuisd", 8),
    ("vrijstelling", 2),
    ("overig", 5),
)


def _kies(rng: random.Random, keuzes: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _w in keuzes], weights=[w for _k, w in keuzes])[0]


def maak_casussen(peildatum: date, aantal: int, seed: int = 1) -> dict[str, int]:
    """About `aantal` cases of Demodam pupils from their signals of the year, bulk-created
    with their history rows (opened, model steps, closed); the signals handled as "casus"."""
    from django.db import transaction

    from binnenboord.demo.casussen import plan_stappen
    from binnenboord.regie.configuratie import aanpak_voor, aanpakken
    from binnenboord.regie.models import Casus, CasusGebeurtenis
    from binnenboord.registratie.models import Inschrijving
    from binnenboord.signalering.models import Signaal
    from binnenboord.toegang.models import Gemeente, Medewerker, Rol

    rng = random.Random(seed)
    leerplicht = Medewerker.objects.get(username=Rol.LEERPLICHTAMBTENAAR)
    gemeente = Gemeente.objects.get(code=GEMEENTE)
    rijen = list(
        Signaal.objects.filter(
            leerling__woongemeente__code=GEMEENTE,
            soort__in=THUIS + DREIGEND,
            van__gt=peildatum - timedelta(days=365),
            van__lte=peildatum - timedelta(weeks=2),
        )
        .order_by("van", "leerling_id", "pk")
        .values_list(
            "pk", "leerling_id", "soort", "van", "datum", "einddatum", "leerling__postcode"
        )
    )
    gekozen: dict[int, tuple[Any, ...]] = {}
    for soorten in (THUIS, DREIGEND):
        groep = [r for r in rijen if r[2] in soorten and r[1] not in gekozen]
        rng.shuffle(groep)
        for rij in groep:
            if len(gekozen) < aantal and rij[1] not in gekozen:
                gekozen[rij[1]] = rij
    schoolsoort = dict(
        Inschrijving.objects.filter(leerling_id__in=gekozen, begindatum__lte=peildatum)
        .order_by("leerling_id", "begindatum")
        .values_list("leerling_id", "school__soort")
    )
    casussen: list[Casus] = []
    stappen: list[list[tuple[str, date, datetime | None]]] = []
    for pk, leerling_id, soort, van, datum, einddatum, postcode in gekozen.values():
        aanpak = aanpak_voor(GEMEENTE, postcode)
        if soort in THUIS:
            einde = einddatum
        else:
            einde = van + timedelta(days=rng.choice([rng.randint(21, 56), rng.randint(56, 210)]))
        if einde is not None and einde > peildatum:
            einde = None
        kenmerken = {str(schoolsoort.get(leerling_id, "")).lower()}
        if "geoorloofd" in soort or "ziekte" in soort:
            kenmerken.add("ziek")
        gebeurtenissen: dict[str, date | datetime] = {}
        if soort == "verzuim_16_uur":
            gebeurtenissen["verzuim_16_uur"] = datum
        stappen.append(
            plan_stappen(
                aanpakken()[aanpak],
                van,
                einde or peildatum,
                frozenset(kenmerken),
                rng,
                gebeurtenissen=gebeurtenissen,
            )
        )
        aanbod = "" if einde is None else _kies(rng, AANBOD)
        casussen.append(
            Casus(
                leerling_id=leerling_id,
                gemeente=gemeente,
                aanpak=aanpak,
                start=van,
                signaal_id=pk,
                status=Casus.Status.OPEN if einde is None else Casus.Status.GESLOTEN,
                regisseur=leerplicht,
                geopend_door=leerplicht,
                passend_aanbod=aanbod,
                passend_aanbod_op=einde,
            )
        )
    with transaction.atomic():
        Casus.objects.bulk_create(casussen, batch_size=1000)
        soort_ = CasusGebeurtenis.Soort
        gebeurtenisrijen = []
        for casus, eigen in zip(casussen, stappen, strict=True):
            gebeurtenisrijen.append(
                CasusGebeurtenis(
                    casus=casus, soort=soort_.GEOPEND, wie=leerplicht, datum=casus.start
                )
            )
            gebeurtenisrijen += [
                CasusGebeurtenis(
                    casus=casus,
                    soort=soort_.CONTACTMOMENT if code == "huisbezoek" else soort_.STAP_GEDAAN,
                    wie=leerplicht,
                    stap=code,
                    datum=dag,
                    tijdstip=moment,
                )
                for code, dag, moment in eigen
            ]
            if casus.passend_aanbod_op is not None:
                gebeurtenisrijen.append(
                    CasusGebeurtenis(
                        casus=casus,
                        soort=soort_.GESLOTEN,
                        wie=leerplicht,
                        datum=casus.passend_aanbod_op,
                    )
                )
        CasusGebeurtenis.objects.bulk_create(gebeurtenisrijen, batch_size=5000)
        Signaal.objects.filter(pk__in=[c.signaal_id for c in casussen]).update(
            status=Signaal.Status.AFGEHANDELD,
            afhandeling=Signaal.Afhandeling.CASUS,
            afgehandeld_door=leerplicht,
        )
    return {
        "casussen": len(casussen),
        "open": sum(1 for c in casussen if c.passend_aanbod_op is None),
        "stappen": sum(len(s) for s in stappen),
        "gebeurtenissen": len(gebeurtenisrijen),
    }


# --- the report in a fresh process ---------------------------------------------------------

RAPPORT = """
import cProfile, io, json, os, pstats, statistics, sys, time
import django
django.setup()
from django.db import connection
from binnenboord.monitoring import exporteren
from binnenboord.monitoring.cijfers import maak_rapport
from binnenboord.monitoring.rapport import Scope, lees_periode
periode, scope = lees_periode(sys.argv[1]), Scope("gemeente", sys.argv[2])
keer, profiel = int(sys.argv[3]), sys.argv[4] == "ja"
def piek_mb():
    # VmHWM belongs to this program's memory map (as in benchmarks/signalen.py)
    for regel in open("/proc/self/status"):
        if regel.startswith("VmHWM:"):
            return int(regel.split()[1]) / 1024
def tijd(functie):
    begin = time.perf_counter()
    uit = functie()
    return time.perf_counter() - begin, uit
rss_voor = piek_mb()
maak = lambda: maak_rapport("jaar", periode, scope)
eerste, rapport = tijd(maak)
queries = []
with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
    maak()
tijden = [tijd(maak)[0] for _ in range(keer)]
rss_rapport = piek_mb()
onderdrukken = [tijd(rapport.onderdrukt)[0] for _ in range(keer)]
onderdrukt = rapport.onderdrukt()
xlsx_tijd, xlsx = tijd(lambda: exporteren.als_xlsx(onderdrukt))
pdf_tijd, pdf = tijd(lambda: exporteren.als_pdf(onderdrukt))
uit = {
    "eerste": eerste, "mediaan": statistics.median(tijden), "beste": min(tijden),
    "queries": len(queries), "onderdrukt": statistics.median(onderdrukken),
    "xlsx": xlsx_tijd, "xlsx_kb": len(xlsx) / 1024, "pdf": pdf_tijd, "pdf_kb": len(pdf) / 1024,
    "rss_voor_mb": rss_voor, "rss_rapport_mb": rss_rapport, "rss_piek_mb": piek_mb(),
    "secties": len(rapport.secties), "tabellen": len(rapport.tabellen()),
}
if profiel:
    p = cProfile.Profile()
    p.runcall(maak)
    for volgorde in ("cumulative", "tottime"):
        tekst = io.StringIO()
        stats = pstats.Stats(p, stream=tekst).sort_stats(volgorde)
        stats.print_stats("binnenboord" if volgorde == "cumulative" else "", 25)
        sys.stderr.write(tekst.getvalue())
print(json.dumps(uit))
"""


def _rapport(profiel: bool) -> dict[str, Any]:
    return in_vers_proces(
        RAPPORT, SCHOOLJAAR, GEMEENTE, str(KEER), "ja" if profiel else "nee", stderr_tonen=profiel
    )


# --- the measurement -----------------------------------------------------------------------


def meet(grootte: int, peildatum: date) -> None:
    from django.core.management import call_command
    from django.db import connection

    from binnenboord.demo.generator import bouw_demostad
    from binnenboord.regie.models import Casus
    from binnenboord.registratie.models import Leerling, Verzuim
    from binnenboord.signalering.gegevens import Bereik
    from binnenboord.signalering.models import Signaal
    from binnenboord.signalering.services.signaal import signaleer

    call_command("migrate", verbosity=0)
    if not Leerling.objects.exists():
        duur, _stad = _tijd(lambda: bouw_demostad(grootte=grootte, seed=1, peildatum=peildatum))
        _regel("demostad bouwen (via de bestandsimport)", f"{duur:.0f} s", f"{grootte} leerlingen")
    if not Casus.objects.exists():
        # the import already signalled on the day it ran; the report needs the run on the
        # peildatum
        Signaal.objects.all().delete()
        duur, telling = _tijd(lambda: signaleer(bereik=Bereik.alles(), peildatum=peildatum))
        _regel("nachtelijke signaalrun", f"{duur:.1f} s", f"{telling.nieuw} signalen")
    if not Casus.objects.exists():
        duur, aantallen = _tijd(lambda: maak_casussen(peildatum, round(AANDEEL_CASUSSEN * grootte)))
        _regel("casussen maken (bulk_create)", f"{duur:.1f} s", json.dumps(aantallen))
    # a bulk-loaded database has no planner statistics until autovacuum gets to it; a live
    # one has them, so measure with them (without, PostgreSQL expects ~500 pupils per
    # municipality and picks nested loops over 142,000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    _regel(
        "de stad",
        "",
        f"{Leerling.objects.count()} leerlingen, {Verzuim.objects.count()} verzuimdagen, "
        f"{Signaal.objects.count()} signalen, {Casus.objects.count()} casussen "
        f"({Casus.objects.filter(status=Casus.Status.OPEN).count()} open)",
    )
    r = _rapport(PROFIEL)
    oordeel = "gehaald" if r["mediaan"] <= DOEL_SECONDEN else "NIET gehaald"
    _regel(
        f"jaarrapport {SCHOOLJAAR}, gemeente {GEMEENTE}",
        f"{r['mediaan']:.2f} / {r['beste']:.2f} s",
        f"mediaan / beste van {KEER} na een eerste run van {r['eerste']:.2f} s; doel "
        f"<= {DOEL_SECONDEN:.0f} s: {oordeel}",
    )
    _regel(
        "  queries, omvang",
        str(r["queries"]),
        f"{r['secties']} secties, {r['tabellen']} tabellen",
    )
    _regel(
        "  piekgeheugen",
        f"{r['rss_rapport_mb']:.0f} MB",
        f"waarvan {r['rss_voor_mb']:.0f} MB Django zonder rapport; met exports "
        f"{r['rss_piek_mb']:.0f} MB",
    )
    _regel(".onderdrukt() (mediaan)", f"{r['onderdrukt'] * 1000:.0f} ms")
    _regel("xlsx van het onderdrukte rapport", f"{r['xlsx']:.2f} s", f"{r['xlsx_kb']:.0f} kB")
    _regel("pdf van het onderdrukte rapport", f"{r['pdf']:.2f} s", f"{r['pdf_kb']:.0f} kB")


def main() -> None:
    # the city's year of absence is the school year of the report, unless asked otherwise
    if not any(a.startswith("--peildatum") for a in sys.argv):
        sys.argv += ["--peildatum", PEILDATUM]
    global PROFIEL
    if "--profiel" in sys.argv:
        sys.argv.remove("--profiel")
        PROFIEL = True
    draai(meet, beschrijving=(__doc__ or "").splitlines()[0], grootte=150_000)


if __name__ == "__main__":
    main()
