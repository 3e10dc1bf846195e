# SPDX-License-Identifier: EUPL-1.2
"""A professional's day in Binnenboord, for locust (started by benchmarks/belasting.py, which
makes the accounts and passes their file in BELASTING_ACCOUNTS).

Each simulated user takes its own account, logs in with password and, when the code step
appears, the current TOTP code of its authenticator app (computed here from the key that
belasting.py gave the device: RFC 6238, as django-otp checks it). Then:

- Leerplichtambtenaar: the worklist "Vandaag" (most often), a case page of one of the cases
  they direct, the case list, searching a pupil by surname, and a plan edit (the case page, then
  its plan form as the fold fetches it, then a new version based on the version in the form).
- Schoolmedewerker: the import page and an upload of one day of absence of their school.

Only 127.0.0.1 is ever a target (the host belasting.py passes). The server's certificate is
self-signed, so it is not verified. The users are FastHttpUser (geventhttpclient): locust's
requests-based HttpUser took most of a core for 15 users, on the same 2 cores as the server."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import random
import re
import struct
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from locust import FastHttpUser, between, task

ACCOUNTS = json.loads(Path(os.environ["BELASTING_ACCOUNTS"]).read_text())
_VRIJ: dict[str, list[dict[str, Any]]] = {"professional": [], "school": []}
for _account in ACCOUNTS["accounts"]:
    _VRIJ[_account["soort"]].append(_account)
_SLOT = threading.Lock()
# The day is measured once everybody is in: the log-in storm (every user logging in within
# seconds, each password hashed with Argon2, slow on purpose) is not a professional's day.
# The log-in figures themselves are reported before that reset (INGELOGD_BESTAND).
_INGELOGD: list[str] = []

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BASISVERSIE = re.compile(r'name="plan-basis_versie" value="(\d+)"')


def totp(sleutel_hex: str, *, stap: int = 30, cijfers: int = 6) -> str:
    teller = int(time.time()) // stap
    digest = hmac.new(bytes.fromhex(sleutel_hex), struct.pack(">Q", teller), hashlib.sha1).digest()
    begin = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[begin : begin + 4])[0] & 0x7FFFFFFF) % 10**cijfers
    return f"{code:0{cijfers}d}"


def _csrf(html: str) -> str:
    gevonden = CSRF.search(html)
    return gevonden.group(1) if gevonden else ""


class _Ingelogd(FastHttpUser):
    abstract = True
    soort = ""
    insecure = True  # our own, self-signed certificate
    wait_time = between(1, 5)  # a person reads a page before the next click

    def on_start(self) -> None:
        with _SLOT:
            self.account = _VRIJ[self.soort].pop()
        pagina = self.client.get("/inloggen/", name="inloggen")
        antwoord = self.client.post(
            "/inloggen/",
            data={
                "username": self.account["gebruiker"],
                "password": ACCOUNTS["wachtwoord"],
                "csrfmiddlewaretoken": _csrf(pagina.text or ""),
            },
            headers={"Referer": f"{self.host}/inloggen/"},
            name="inloggen",
        )
        if 'name="code"' in (antwoord.text or ""):
            # two-step verification: the code of this account's app
            self.client.post(
                "/inloggen/code/",
                data={
                    "code": totp(self.account["totp"]),
                    "csrfmiddlewaretoken": _csrf(antwoord.text or ""),
                },
                headers={"Referer": f"{self.host}/inloggen/code/"},
                name="inloggen: code",
            )
        controle = self.client.get("/", name="vandaag")
        if 'name="password"' in (controle.text or ""):
            raise RuntimeError(f"inloggen mislukt voor {self.account['gebruiker']}")
        with _SLOT:
            _INGELOGD.append(self.account["gebruiker"])
            if len(_INGELOGD) == len(ACCOUNTS["accounts"]):
                self._iedereen_binnen()

    def _iedereen_binnen(self) -> None:
        """Write the log-in figures so far, then start the day's statistics afresh."""
        stats = self.environment.stats
        inloggen = {
            naam: {
                "verzoeken": stats.get(naam, methode).num_requests,
                "p50": stats.get(naam, methode).get_response_time_percentile(0.5),
                "p95": stats.get(naam, methode).get_response_time_percentile(0.95),
            }
            for naam, methode in (("inloggen", "POST"), ("inloggen: code", "POST"))
        }
        bestand = os.environ.get("INGELOGD_BESTAND")
        if bestand:
            Path(bestand).write_text(json.dumps(inloggen))
        stats.reset_all()

    def _csrftoken(self) -> str:
        return next((c.value or "" for c in self.client.cookiejar if c.name == "csrftoken"), "")

    def _post(self, pad: str, data: dict[str, Any], name: str, **kwargs: Any) -> Any:
        return self.client.post(
            pad,
            data={**data, "csrfmiddlewaretoken": self._csrftoken()},
            headers={"Referer": f"{self.host}{pad}"},
            name=name,
            **kwargs,
        )


class Leerplichtambtenaar(_Ingelogd):
    soort = "professional"

    @task(5)
    def vandaag(self) -> None:
        self.client.get("/", name="vandaag")

    @task(4)
    def casus(self) -> None:
        if self.account["casussen"]:
            pk = random.choice(self.account["casussen"])
            self.client.get(f"/casussen/{pk}/", name="casus")

    @task(2)
    def casussen(self) -> None:
        self.client.get("/casussen/", name="casussen")

    @task(2)
    def zoeken(self) -> None:
        term = random.choice(self.account["zoektermen"])
        self.client.get("/leerlingen/?" + urlencode({"q": term}), name="zoeken")

    @task(1)
    def plan_bijwerken(self) -> None:
        if not self.account["casussen"]:
            return
        pk = random.choice(self.account["casussen"])
        self.client.get(f"/casussen/{pk}/", name="casus")
        # the plan form is folded on the case page: opening the fold fetches it (htmx)
        pagina = self.client.get(
            f"/casussen/{pk}/formulier/plan/", headers={"HX-Request": "true"}, name="planformulier"
        )
        versie = BASISVERSIE.search(pagina.text or "")
        if versie is None:
            return
        with self._post(
            f"/casussen/{pk}/plan/",
            {
                "plan-basis_versie": versie.group(1),
                "plan-doel": "Terug naar school: eerst halve dagen, na vier weken hele dagen.",
                "plan-afspraken": "Gesprek met ouders en mentor; huisbezoek door de gezinswerker.",
            },
            "plan bijwerken",
            catch_response=True,
        ) as antwoord:
            # a stale version (two users on one case) is a normal answer, not a failure
            if antwoord.status_code in (200, 302, 409):
                antwoord.success()


class Schoolmedewerker(_Ingelogd):
    fixed_count = len(_VRIJ["school"])  # one simulated user per school account
    soort = "school"

    @task(3)
    def imports(self) -> None:
        self.client.get("/leerlingen/importeren/", name="importeren")

    @task(1)
    def verzuim_uploaden(self) -> None:
        pad = Path(self.account["bestand"])
        self._post(
            "/leerlingen/importeren/",
            {"soort": "verzuim"},
            "verzuim uploaden",
            files={"bestand": (pad.name, pad.read_bytes(), "text/csv")},
        )
