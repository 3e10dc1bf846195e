# SPDX-License-Identifier: EUPL-1.2
"""The demo as `make demo` starts it: the address it prints follows HOST and PORT, and the
server runs with DEBUG off, so a missing or refused page is Binnenboord's own 404/403 page (not
Django's debug page) while the static files and the icon are still served."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

import pytest

from tests.wereld import Wereld

MAKEFILE = Path(settings.BASE_DIR) / "Makefile"


def _demo_recept() -> str:
    tekst = MAKEFILE.read_text()
    return tekst.split("\ndemo:", 1)[1].split("\n\n", 1)[0]


def test_make_demo_geeft_host_en_poort_door_aan_de_server_en_aan_de_uitleg() -> None:
    droog = subprocess.run(
        ["make", "-n", "demo", "HOST=127.0.0.2", "PORT=8123"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--adres http://127.0.0.2:8123/" in droog
    assert "runserver --noreload 127.0.0.2:8123" in droog
    assert "demo: export DEBUG := false" in MAKEFILE.read_text()


@pytest.mark.django_db
def test_het_democommando_noemt_het_opgegeven_adres(wereld: Wereld) -> None:
    uitvoer = StringIO()
    call_command("demo", alleen_als_leeg=True, adres="127.0.0.2:8123", stdout=uitvoer)
    assert "http://127.0.0.2:8123/" in uitvoer.getvalue()
    assert "8000" not in uitvoer.getvalue()


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _GeenDoorsturen(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_de_demoserver_toont_de_eigen_404_en_403_pagina(tmp_path: Path, demodatabase: Path) -> None:
    # the database is migrated as `make demo` does it (tests/conftest.py, gemigreerde_sqlite)
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "binnenboord.conf.dev",
        "DATABASE_URL": f"sqlite:///{demodatabase}",
        "DEBUG": "false",  # as the Makefile's demo target exports it
    }
    manage = [sys.executable, "-m", "binnenboord.manage"]
    maak = (
        "from binnenboord.toegang.models import Medewerker, Organisatie, Rol;"
        "o = Organisatie.objects.create(naam='Het Baken', soort=Organisatie.Soort.SCHOOL,"
        " brin='12XX', vestigingsnummer='00');"
        "Medewerker.objects.create_user('school', password='Demo-wachtwoord-1', "
        "rol=Rol.SCHOOLMEDEWERKER, organisatie=o)"
    )
    subprocess.run([*manage, "shell", "-c", maak], env=omgeving, check=True)
    poort = _vrije_poort()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{poort}"],
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "server.log").open("w"),
    )
    basis = f"http://127.0.0.1:{poort}"
    try:
        koekjes = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(koekjes))
        inlog, tot = "", time.monotonic() + 180  # a busy machine starts the server slowly
        while not inlog and time.monotonic() < tot:
            try:
                inlog = browser.open(f"{basis}/inloggen/", timeout=10).read().decode()
            except OSError:
                assert server.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
                time.sleep(0.5)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', inlog)
        assert token is not None
        gegevens = {
            "csrfmiddlewaretoken": token.group(1),
            "username": "school",
            "password": "Demo-wachtwoord-1",
        }
        browser.open(f"{basis}/inloggen/", urllib.parse.urlencode(gegevens).encode(), timeout=10)

        for pad, status, kop in (
            ("/leerlingen/2000000000/", 404, "Niet gevonden"),
            ("/verantwoording/inzagelog/", 403, "Geen toegang"),
        ):
            with pytest.raises(urllib.error.HTTPError) as fout:
                browser.open(f"{basis}{pad}", timeout=10)
            html = fout.value.read().decode()
            assert fout.value.code == status, pad
            assert '<html lang="nl">' in html and kop in html, pad
            assert "Binnenboord" in html and "Uitloggen" in html, pad  # our page, logged in
            assert "Traceback" not in html and "Using the URLconf" not in html, pad
            assert "DEBUG = True" not in html, pad

        # the static files and the icon are still there without DEBUG
        assert browser.open(f"{basis}/static/web/layout.css", timeout=10).status == 200
        kaal = urllib.request.build_opener(_GeenDoorsturen)
        with pytest.raises(urllib.error.HTTPError) as doorgestuurd:
            kaal.open(f"{basis}/favicon.ico", timeout=10)
        assert doorgestuurd.value.code == 302
        icoon = doorgestuurd.value.headers["Location"]
        antwoord = urllib.request.urlopen(f"{basis}{icoon}", timeout=10)
        assert antwoord.headers["Content-Type"].startswith("image/svg+xml")
        assert b"<svg" in antwoord.read()
    finally:
        server.terminate()
        server.wait(timeout=20)
