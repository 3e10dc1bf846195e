# SPDX-License-Identifier: EUPL-1.2
"""Load test: professionals doing their day against gunicorn with several workers and
PostgreSQL, on loopback only. Builds a demo city of N pupils (default 150,000, a G4 city) with a
year of absence, runs the nightly signal run and makes ~2% of the pupils' cases (as
benchmarks/rapport.py does), adds load-test accounts (leerplichtambtenaren who direct a share of
the open cases, and school staff who upload absence), each with an authenticator app (TOTP) whose
key the load test knows, starts gunicorn with the production settings behind TLS on 127.0.0.1
(a self-signed certificate: the secure cookies need HTTPS) and runs locust headless
(benchmarks/locustfile.py). Prints requests/s, p50/p95/p99 per page and in total, and errors.

    .tools/uv/bin/uv sync --frozen --inexact --extra test --extra load   # locust (once)
    .venv/bin/python benchmarks/belasting.py                     # 150,000 pupils, 50 users, 5 min
    .venv/bin/python benchmarks/belasting.py 20000 --gebruikers 20 --duur 60

(run uv with UV_PROJECT_ENVIRONMENT=.venv UV_PYTHON_DOWNLOADS=never, as the Makefile does).
With DATABASE_URL naming an empty PostgreSQL database the city is built once and reused by
later runs. It asserts nothing: the figures go into benchmarks/README.md and docs/beheer.md."""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from omgeving import BULK, ROOT, _django, wegwerpcluster
from rapport import AANDEEL_CASUSSEN, maak_casussen

PEILDATUM = date(2026, 7, 31)
WACHTWOORD = "belasting-" + "x" * 20
DOEL_P95_MS = 300
# As docs/beheer.md advises for a database server whose data fit in memory (SSD): random reads
# cost about as much as sequential ones, so the planner uses the indexes it should.
PRODUCTIE_PG = " -c max_connections=200 -c random_page_cost=1.1 -c effective_cache_size=8GB"

# A settings module on top of production: everything as in production except where the
# throwaway set-up differs (a local host name, static files without collectstatic).
INSTELLINGEN = """
from binnenboord.conf.production import *  # noqa
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
"""


def _regel(naam: str, waarde: str, toelichting: str = "") -> None:
    sys.stdout.write(f"{naam:<44} {waarde:>14}   {toelichting}\n")
    sys.stdout.flush()


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- the city and the accounts ---------------------------------------------------------------


def bouw_stad(grootte: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from binnenboord.demo.generator import bouw_demostad
    from binnenboord.regie.models import Casus
    from binnenboord.registratie.models import Leerling
    from binnenboord.signalering.gegevens import Bereik
    from binnenboord.signalering.models import Signaal
    from binnenboord.signalering.services.signaal import signaleer

    call_command("migrate", verbosity=0)
    if not Leerling.objects.exists():
        begin = time.perf_counter()
        bouw_demostad(grootte=grootte, seed=1, peildatum=PEILDATUM)
        _regel("demostad bouwen", f"{time.perf_counter() - begin:.0f} s", f"{grootte} leerlingen")
    if not Casus.objects.exists():
        Signaal.objects.all().delete()
        signaleer(bereik=Bereik.alles(), peildatum=PEILDATUM)
        aantallen = maak_casussen(PEILDATUM, round(AANDEEL_CASUSSEN * grootte))
        _regel("casussen", str(aantallen["casussen"]), f"{aantallen['open']} open")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def maak_accounts(professionals: int, scholen: int, map_: Path) -> Path:
    """Load-test accounts with a TOTP device, written with what the locustfile needs to a JSON
    file: user name, password, TOTP key, the open cases each professional directs, search
    terms, and for school staff an absence file of one day of their school."""
    from django.db import transaction
    from django.db.models import Max

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from binnenboord.regie.models import Casus
    from binnenboord.registratie.models import Leerling, School, Verzuim
    from binnenboord.toegang.models import Medewerker, Rol

    leerplicht = Medewerker.objects.get(username=Rol.LEERPLICHTAMBTENAAR)
    open_ = list(
        Casus.objects.filter(status=Casus.Status.OPEN).order_by("pk").values_list("pk", flat=True)
    )
    namen = list(
        Leerling.objects.order_by("achternaam")
        .values_list("achternaam", flat=True)
        .distinct()[:200]
    )
    accounts: list[dict[str, Any]] = []
    with transaction.atomic():
        # a later run on the same database reuses the accounts (what they wrote in an earlier
        # run, such as plan versions, refers to them): new password and app, cases handed out
        # again
        TOTPDevice.objects.filter(user__username__startswith="belasting-").delete()
        for i in range(professionals):
            mw = _account(Medewerker, f"belasting-lpa-{i}", Rol.LEERPLICHTAMBTENAAR, leerplicht)
            eigen = open_[i::professionals]
            Casus.objects.filter(pk__in=eigen).update(regisseur=mw)
            accounts.append({"soort": "professional", "casussen": eigen, "zoektermen": namen})
            accounts[-1].update(_app(mw, TOTPDevice))
        # the last school day with absence (the peildatum may be in the summer holiday)
        dag = Verzuim.objects.filter(datum__lte=PEILDATUM).aggregate(d=Max("datum"))["d"]
        gekozen = School.objects.filter(verzuim__datum=dag).distinct()
        for i, school in enumerate(gekozen.order_by("pk")[:scholen]):
            mw = _account(Medewerker, f"belasting-school-{i}", Rol.SCHOOLMEDEWERKER, school)
            bestand = map_ / f"verzuim-{school.pk}.csv"
            _verzuimbestand(Verzuim, school, dag, bestand)
            accounts.append({"soort": "school", "bestand": str(bestand), **_app(mw, TOTPDevice)})
    pad = map_ / "accounts.json"
    pad.write_text(json.dumps({"wachtwoord": WACHTWOORD, "accounts": accounts}))
    return pad


def _account(medewerker: Any, naam: str, rol: str, van: Any) -> Any:
    """A load-test account of `van`'s organisation, made or (a later run) made fresh again."""
    mw, _ = medewerker.objects.update_or_create(
        username=naam, defaults={"rol": rol, "organisatie": van.organisatie, "is_active": True}
    )
    mw.set_password(WACHTWOORD)
    mw.save()
    return mw


def _app(medewerker: Any, totp: Any) -> dict[str, Any]:
    sleutel = secrets.token_hex(20)
    totp.objects.create(user=medewerker, name="default", confirmed=True, key=sleutel)
    return {"gebruiker": medewerker.username, "totp": sleutel}


def _verzuimbestand(verzuim: Any, school: Any, dag: date, pad: Path) -> None:
    """The school's absence of one day, as the school system would send it again (unchanged
    days: the import compares and writes nothing, as on most days)."""
    soorten = ("ongeoorloofd", "luxe", "te_laat", "ziek", "geoorloofd")
    with pad.open("w", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["bsn", "brin", "vestiging", "datum", "minuten", "soort", "reden_code"])
        for v in verzuim.objects.filter(school=school, datum=dag).select_related("leerling"):
            for soort in soorten:
                minuten = getattr(v, f"minuten_{soort}")
                if minuten:
                    w.writerow(
                        [v.leerling.bsn, school.brin, school.vestiging, dag.isoformat(), minuten,
                         soort, v.reden_code]
                    )  # fmt: skip


# --- gunicorn and locust -----------------------------------------------------------------------


def _certificaat(map_: Path) -> tuple[Path, Path]:
    sleutel, cert = map_ / "sleutel.pem", map_ / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-keyout", str(sleutel), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return sleutel, cert


def meet_alleen(profiel: bool = False) -> None:
    """Each page once for one user with nobody else on the server (in this process, Django's
    test client, no TLS): median of 5 in ms, to tell the cost of a page from queueing under
    load."""
    import statistics

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from binnenboord.regie.models import Casus
    from binnenboord.toegang.models import Medewerker

    mw = Medewerker.objects.get(username="belasting-lpa-0")
    casus = Casus.objects.filter(regisseur=mw, status=Casus.Status.OPEN).first()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(mw)
    paginas = {"vandaag": "/", "casussen": "/casussen/", "zoeken": "/leerlingen/?q=de"}
    if casus is not None:
        paginas["casus"] = f"/casussen/{casus.pk}/"
    for naam, pad in paginas.items():
        tijden = []
        for _ in range(6):
            begin = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                antwoord = client.get(pad)
            tijden.append(time.perf_counter() - begin)
            assert antwoord.status_code == 200, (pad, antwoord.status_code)
        _regel(
            f"alleen: {naam}",
            f"{statistics.median(tijden[1:]) * 1000:.0f} ms",
            f"{len(queries)} queries",
        )
        if profiel:
            import cProfile
            import io
            import pstats

            p = cProfile.Profile()
            p.runcall(client.get, pad)
            tekst = io.StringIO()
            pstats.Stats(p, stream=tekst).sort_stats("cumulative").print_stats("binnenboord", 20)
            sys.stdout.write(tekst.getvalue())
            traag = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
            for q in traag:
                sys.stdout.write(f"  {q['time']} s  {q['sql'][:300]}\n")


def _belasting() -> str:
    return "load " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def draai_belasting(database_url: str, args: argparse.Namespace, map_: Path) -> None:
    accounts = maak_accounts(args.gebruikers - args.scholen, args.scholen, map_)
    meet_alleen(args.profiel)
    if args.alleen:
        return
    (map_ / "belasting_instellingen.py").write_text(INSTELLINGEN)
    sleutel, cert = _certificaat(map_)
    poort = _vrije_poort()
    env = {
        **os.environ,
        "PYTHONPATH": f"{map_}:{ROOT / 'src'}",
        "DJANGO_SETTINGS_MODULE": "belasting_instellingen",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "AXES_FAILURE_LIMIT": "1000",
    }
    bin_ = Path(sys.executable).parent
    gunicorn = subprocess.Popen(
        [str(bin_ / "gunicorn"), "binnenboord.conf.wsgi", "--bind", f"127.0.0.1:{poort}",
         "--workers", str(args.workers), "--threads", "1", "--timeout", "120",
         "--certfile", str(cert), "--keyfile", str(sleutel),
         "--error-logfile", str(map_ / "gunicorn.log")],
        env=env,
    )  # fmt: skip
    try:
        _wacht_op(poort)
        _warm_op(poort, args.workers)
        _regel(
            "gunicorn",
            f"{args.workers} workers",
            f"https://127.0.0.1:{poort}, productie-instellingen, tweestapsverificatie aan",
        )
        _regel("machine voor de run", _belasting(), f"{os.cpu_count()} cores")
        prefix = map_ / "locust"
        subprocess.run(
            [str(bin_ / "locust"), "-f", str(Path(__file__).parent / "locustfile.py"),
             "--headless", "--host", f"https://127.0.0.1:{poort}",
             "--users", str(args.gebruikers), "--spawn-rate", str(max(1, args.gebruikers // 10)),
             "--run-time", f"{args.duur}s", "--stop-timeout", "30",
             "--json-file", str(prefix), "--only-summary", "--loglevel", "WARNING"],
            env={
                **os.environ,
                "BELASTING_ACCOUNTS": str(accounts),
                "INGELOGD_BESTAND": str(map_ / "ingelogd.json"),
            },
            check=False,
            timeout=args.duur + 300,
        )  # fmt: skip
        _regel("machine na de run", _belasting())
        _rapporteer(prefix)
        _rapporteer_inloggen(map_ / "ingelogd.json")
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=60)


def _wacht_op(poort: int) -> None:
    for _ in range(120):
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn kwam niet op")


def _warm_op(poort: int, workers: int) -> None:
    """A few requests per worker first: each worker loads the URL configuration, templates
    and static file index on its first request, which is not what a user meets by day."""
    import ssl
    import urllib.request

    context = ssl._create_unverified_context()
    for _ in range(4 * workers):
        with urllib.request.urlopen(f"https://127.0.0.1:{poort}/inloggen/", context=context) as r:
            r.read()


def _percentiel(histogram: dict[int, int], deel: float) -> float:
    totaal = sum(histogram.values())
    grens, geteld = deel * totaal, 0
    for ms in sorted(histogram):
        geteld += histogram[ms]
        if geteld >= grens:
            return float(ms)
    return 0.0


def _rapporteer(prefix: Path) -> None:
    """Per page and for the day's pages together (log-in apart: its password hash is slow on
    purpose): requests, failures, requests/s, p50/p95/p99 in ms."""
    invoer = json.loads(Path(f"{prefix}.json").read_text())
    sys.stdout.write(
        f"\n{'pagina':<28} {'verzoeken':>9} {'fout':>5} {'req/s':>7} "
        f"{'p50':>6} {'p95':>6} {'p99':>6}  (ms)\n"
    )
    dag: dict[int, int] = {}
    alles: dict[int, int] = {}
    n_dag = n_alles = fout_dag = fout_alles = 0
    duur = 1.0
    for r in sorted(invoer, key=lambda r: (r["name"].startswith("inloggen"), r["name"])):
        histogram = {int(k): int(v) for k, v in r["response_times"].items()}
        duur = max(duur, r["last_request_timestamp"] - r["start_time"])
        n, fout = int(r["num_requests"]), int(r["num_failures"])
        naam = f"{r['method']} {r['name']}"
        sys.stdout.write(
            f"{naam[:28]:<28} {n:>9} {fout:>5} {n / duur:>7.1f} "
            + " ".join(f"{_percentiel(histogram, d):>6.0f}" for d in (0.5, 0.95, 0.99))
            + "\n"
        )
        for ms, aantal in histogram.items():
            alles[ms] = alles.get(ms, 0) + aantal
            if not r["name"].startswith("inloggen"):
                dag[ms] = dag.get(ms, 0) + aantal
        n_alles, fout_alles = n_alles + n, fout_alles + fout
        if not r["name"].startswith("inloggen"):
            n_dag, fout_dag = n_dag + n, fout_dag + fout
    for naam, histogram, n, fout in (
        ("de dag (zonder inloggen)", dag, n_dag, fout_dag),
        ("alles", alles, n_alles, fout_alles),
    ):
        sys.stdout.write(
            f"{naam:<28} {n:>9} {fout:>5} {n / duur:>7.1f} "
            + " ".join(f"{_percentiel(histogram, d):>6.0f}" for d in (0.5, 0.95, 0.99))
            + "\n"
        )
    p95 = _percentiel(dag, 0.95)
    oordeel = "gehaald" if p95 <= DOEL_P95_MS else "NIET gehaald"
    _regel("\np95 van de dag", f"{p95:.0f} ms", f"doel <= {DOEL_P95_MS} ms: {oordeel}")
    _regel("fouten", str(fout_alles), "doel 0")


def _rapporteer_inloggen(pad: Path) -> None:
    """The log-in storm at the start (reported apart; the day's figures start after it)."""
    if not pad.exists():
        _regel("inloggen", "?", "niet iedereen kwam binnen")
        return
    for naam, cijfers in json.loads(pad.read_text()).items():
        _regel(
            f"inloggen vooraf: {naam}",
            f"{cijfers['p95']:.0f} ms p95",
            f"{cijfers['verzoeken']} verzoeken, p50 {cijfers['p50']:.0f} ms",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("grootte", type=int, nargs="?", default=150_000)
    parser.add_argument("--gebruikers", type=int, default=50, help="gelijktijdige gebruikers")
    parser.add_argument("--scholen", type=int, default=5, help="waarvan schoolmedewerkers")
    parser.add_argument("--duur", type=int, default=300, help="seconden")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn-workers")
    parser.add_argument("--profiel", action="store_true", help="waar de tijd van elke pagina zit")
    parser.add_argument("--alleen", action="store_true", help="alleen de meting zonder locust")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="binnenboord-belasting-") as tijdelijk:
        map_ = Path(tijdelijk)
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            _django(url)
            bouw_stad(args.grootte)
            draai_belasting(url, args, map_)
            return
        with wegwerpcluster(extra_opties=BULK + PRODUCTIE_PG) as server:
            url = f"postgres://postgres@{server['HOST']}:{server['PORT']}/postgres"
            _django(url)
            bouw_stad(args.grootte)
            draai_belasting(url, args, map_)


if __name__ == "__main__":
    main()
