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
self-signed, so it is not verified."""

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

import urllib3
from locust import HttpUser, between, task

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # our own, self-signed

ACCOUNTS = json.loads(Path(os.environ["BELASTING_ACCOUNTS"]).read_text())
_VRIJ: dict[str, list[dict[str, Any]]] = {"professional": [], "school": []}
for _account in ACCOUNTS["accounts"]:
    _VRIJ[_account["soort"]].append(_account)
_SLOT = threading.Lock()

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


class _Ingelogd(HttpUser):
    abstract = True
    soort = ""
    wait_time = between(1, 5)  # a person reads a page before the next click

    def on_start(self) -> None:
        self.client.verify = False
        with _SLOT:
            self.account = _VRIJ[self.soort].pop()
        pagina = self.client.get("/inloggen/", name="inloggen")
        antwoord = self.client.post(
            "/inloggen/",
            data={
                "username": self.account["gebruiker"],
                "password": ACCOUNTS["wachtwoord"],
                "csrfmiddlewaretoken": _csrf(pagina.text),
            },
            headers={"Referer": f"{self.host}/inloggen/"},
            name="inloggen",
        )
        if "/inloggen/code/" in antwoord.url:
            # two-step verification: the code of this account's app
            self.client.post(
                "/inloggen/code/",
                data={
                    "code": totp(self.account["totp"]),
                    "csrfmiddlewaretoken": _csrf(antwoord.text),
                },
                headers={"Referer": antwoord.url},
                name="inloggen: code",
            )
        controle = self.client.get("/", name="vandaag")
        if "/inloggen" in controle.url:
            raise RuntimeError(f"inloggen mislukt voor {self.account['gebruiker']}")

    def _post(self, pad: str, data: dict[str, Any], name: str, **kwargs: Any) -> Any:
        return self.client.post(
            pad,
            data={**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
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
        self.client.get("/leerlingen/", params={"q": term}, name="zoeken")

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
        versie = BASISVERSIE.search(pagina.text)
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
        with pad.open("rb") as bestand:
            self._post(
                "/leerlingen/importeren/",
                {"soort": "verzuim"},
                "verzuim uploaden",
                files={"bestand": (pad.name, bestand, "text/csv")},
            )
