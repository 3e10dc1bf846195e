# SPDX-License-Identifier: EUPL-1.2
"""The walk along every screen (docs/schermen.md, "Telefoon en de tests die het vasthouden"):
the catalogue of pages, built from the URL resolver's registry of tests/web/test_aanvallen.py
(every staff URL with its rightful user, filled in with the victim world's objects), and the
checks a page gets in a real browser:

- every visible form field has itself or its own label at its centre (nothing lies on top);
- every option of every radio and checkbox group is selected by a real mouse click at its
  visible position (the option itself and the centre of its label), without `force`;
- the page is not wider than the viewport (the elements that stick out are named);
- axe finds nothing serious or critical.

Each check returns the problems it found as sentences naming the page, the field and what was
on top, so one walk reports every page at once."""

from __future__ import annotations

import logging  # noqa: TID251  (only to quiet one stdlib logger of Django, below)
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize
from playwright.sync_api import Error as PlaywrightError

from binnenboord.portaal.sessie import SESSIE_SLEUTEL
from binnenboord.regie import services
from binnenboord.toegang.models import Medewerker, Rol
from tests.factories import WACHTWOORD, MedewerkerFactory
from tests.web.test_aanvallen import OBJECTEN, PAGINAS, PORTAAL, Slachtoffer, _bouw

from .conftest import vul_code_in
from .hulp import ERNSTIG, ernstige_schendingen, nl

BUREAU_BREED: ViewportSize = {"width": 1366, "height": 900}
TELEFOON: ViewportSize = {"width": 390, "height": 844}
TIJD = 5_000  # ms a real click or a page may take before the walk calls it a problem

# Who opens a page without an object, in this order: the victim's own users first (their pages
# show the victim's data, so the walk sees full tables), then the roles that have no case.
KANDIDATEN = (
    "school",
    "lpa",
    "swv_betrokken",
    "jeugdarts_betrokken",
    "it_betrokken",
    "gezinswerker_betrokken",
    Rol.TEAMMANAGER.value,
    Rol.BELEIDSMEDEWERKER.value,
    Rol.FUNCTIONEEL_BEHEERDER.value,
)
ZONDER_APP = "zonder_app"  # a new colleague without an authenticator app: the set-up pages


@dataclass(frozen=True)
class Scherm:
    """One page of the walk: its name (the URL name, a form name in brackets), its path with
    query, who opens it ("portaal:ouder" for a portal user) and whether it has a POST form."""

    naam: str
    pad: str
    gebruiker: str
    formulier: bool


@dataclass
class Wereld:
    """The victim world of tests/web/test_aanvallen.py, with a family worker taking part in the
    case (so every role but policy and the administrator has a case page), every role's user
    of the world, a colleague without an app, and the portal's users."""

    slachtoffer: Slachtoffer
    gebruikers: dict[str, Medewerker]
    portaal: dict[str, Any]  # "ouder"/"leerling": Portaalgebruiker
    schermen: list[Scherm] = field(default_factory=list)


def bouw(*, met_catalogus: bool = True) -> Wereld:
    s = _bouw()
    gebruikers: dict[str, Medewerker] = dict(s.gebruikers)
    for rol in Rol:
        gebruikers.setdefault(rol.value, Medewerker.objects.get(username=rol.value))
    gezinswerker: Any = MedewerkerFactory(
        username="gezinswerker_betrokken",
        rol=Rol.GEZINSWERKER,
        organisatie=gebruikers[Rol.GEZINSWERKER.value].organisatie,
    )
    services.voeg_deelnemer_toe(
        casus=s.objecten["casus"],
        door=gebruikers["school"],
        soort="professional",
        medewerker=gezinswerker,
    )
    gebruikers["gezinswerker_betrokken"] = gezinswerker
    nieuw: Any = MedewerkerFactory(username=ZONDER_APP, rol=Rol.SCHOOLMEDEWERKER)
    TOTPDevice.objects.filter(user=nieuw).delete()
    gebruikers[ZONDER_APP] = nieuw
    portaal = {wie: s.objecten[f"portaal_{wie}"].gebruiker for wie in ("ouder", "leerling")}
    wereld = Wereld(s, gebruikers, portaal)
    if met_catalogus:
        wereld.schermen = catalogus(wereld)
    return wereld


# --- the catalogue ------------------------------------------------------------------------------

# A POST form inside <main> (the header's log-out and the footer's language form are on every
# page and are walked with it).
FORMULIER = re.compile(r"<main\b.*<form\b[^>]*\bmethod=[\"']?post.*</main>", re.I | re.S)
# Downloads (PDF, CSV, Excel, JSON) are no pages: not even asked for (a PDF takes seconds).
DOWNLOADS = ("pdf", "export", "json", "csv", "xlsx", "rapport", "qr")
# Two-step pages a verified session opens (the client's session is not verified): walked as
# Leerplicht, as forms.
TWEESTAPS_GEVERIFIEERD = ("two_factor:backup_tokens", "two_factor:disable")


def _html(antwoord: Any) -> str | None:
    """The page's HTML: a whole page (an htmx fragment or a download is none)."""
    if antwoord.status_code != 200 or "text/html" not in antwoord.get("Content-Type", ""):
        return None
    if getattr(antwoord, "streaming", False):
        return None
    html = str(antwoord.content.decode("utf-8", errors="replace"))
    return html if "<html" in html[:500] else None


def _tweestapspaginas() -> list[str]:
    """The two-step pages without arguments (two_factor:*), from the resolver."""
    namen: list[str] = []

    def loop(patronen: list[Any], ruimte: str) -> None:
        for patroon in patronen:
            if isinstance(patroon, URLResolver):
                eigen = f"{ruimte}{patroon.namespace}:" if patroon.namespace else ruimte
                loop(patroon.url_patterns, eigen)
            elif isinstance(patroon, URLPattern) and ruimte == "two_factor:" and patroon.name:
                namen.append(f"two_factor:{patroon.name}")

    loop(get_resolver().url_patterns, "")
    return sorted(namen)


def catalogus(wereld: Wereld) -> list[Scherm]:
    """Every page the walk visits: each GET URL of the site that answers its user with an HTML
    page (200), found with the test client (two-step verification off for these requests only:
    the browser types real codes)."""
    s = wereld.slachtoffer
    clients: dict[str, Client] = {}

    def client(wie: str) -> Client:
        if wie not in clients:
            c = Client()
            if wie.startswith("portaal:"):
                sessie = c.session
                sessie[SESSIE_SLEUTEL] = wereld.portaal[wie.partition(":")[2]].pk
                sessie.save()
            else:
                c.force_login(wereld.gebruikers[wie])
            clients[wie] = c
        return clients[wie]

    schermen: list[Scherm] = []

    def probeer(naam: str, pad: str, kandidaten: tuple[str, ...]) -> None:
        if any(woord in naam for woord in DOWNLOADS):
            return
        for wie in kandidaten:
            html = _html(client(wie).get(pad))
            if html is not None:
                schermen.append(Scherm(naam, pad, wie, bool(FORMULIER.search(html))))
                return

    # Django logs every refused request with a traceback (~0.1 s each): only errors here
    logger = logging.getLogger("django.request")
    niveau = logger.level
    logger.setLevel(logging.ERROR)
    with override_settings(TWEESTAPS_VERPLICHT=False):
        for sleutel, doel in OBJECTEN.items():
            if "GET" in doel.methoden:
                probeer(sleutel, reverse(doel.naam, args=doel.args(s)), (doel.eigenaar,))
        for naam, pagina in PAGINAS.items():
            if pagina.methode == "GET":
                query = pagina.gegevens(s)
                pad = reverse(naam)
                if query:
                    pad += "?" + "&".join(f"{k}={v}" for k, v in query.items())
                probeer(naam, pad, KANDIDATEN)
        for naam in _tweestapspaginas():
            if naam in TWEESTAPS_GEVERIFIEERD:
                schermen.append(Scherm(naam, reverse(naam), "lpa", True))
            else:
                probeer(naam, reverse(naam), ("lpa", ZONDER_APP))
        for naam, portaaldoel in PORTAAL.items():
            if "GET" in portaaldoel.methoden:
                pad = reverse(naam, args=portaaldoel.args(s))
                probeer(naam, pad, (f"portaal:{portaaldoel.eigenaar}",))
    logger.setLevel(niveau)
    return schermen


# --- the checks ---------------------------------------------------------------------------------

# A short description of an element for a message: tag#id.class "text".
_BESCHRIJF = """
window.bbBeschrijf = (e) => {
  if (!e) return 'niets';
  const tekst = (e.innerText || e.value || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
  const klasse = typeof e.className === 'string' && e.className ? '.' + e.className.trim()
      .split(/\\s+/).join('.') : '';
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + klasse
      + (tekst ? ' "' + tekst + '"' : '');
};
window.bbVeld = (v) => {
  const label = v.labels && v.labels.length ? v.labels[0].innerText.trim()
      .replace(/\\s+/g, ' ').slice(0, 60) : '';
  return (v.name || v.id || v.tagName.toLowerCase())
      + (v.type === 'radio' || v.type === 'checkbox' ? '=' + v.value : '')
      + (label ? ' ("' + label + '")' : '');
};
// drawn on the screen: a box of some size (a screen-reader-only label is 1 px), not hidden
window.bbZichtbaar = (e) => {
  const r = e.getBoundingClientRect();
  return r.width >= 4 && r.height >= 4 && e.checkVisibility({visibilityProperty: true});
};
window.bbVanZichzelf = (v, e) => !!e && (v === e || v.contains(e)
    || [...(v.labels || [])].some(l => l === e || l.contains(e)));
"""

_VELDEN = """
() => {
  const problemen = [];
  const velden = [...document.querySelectorAll('input, select, textarea')]
      .filter(v => v.type !== 'hidden' && (bbZichtbaar(v)
          || [...(v.labels || [])].some(l => bbZichtbaar(l))));
  for (const v of velden) {
    v.scrollIntoView({block: 'center', inline: 'center'});
    let r = v.getBoundingClientRect();
    // a visually hidden native input (under a drawn one): its label is what one sees
    if (r.width < 4 || r.height < 4) {
      const label = [...(v.labels || [])].find(l => bbZichtbaar(l));
      if (!label) continue;
      r = label.getBoundingClientRect();
    }
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const boven = document.elementFromPoint(x, y);
    if (!bbVanZichzelf(v, boven)) {
      problemen.push('veld ' + bbVeld(v) + ': in het midden ligt ' + bbBeschrijf(boven));
    }
  }
  return problemen;
}
"""

# The options of every radio and checkbox group: their index, and the points one clicks (the
# option where it is drawn, the centre of its label's box).
_OPTIES = """
() => [...document.querySelectorAll('input[type=radio], input[type=checkbox]')]
  .map((v, i) => [v, i])
  .filter(([v, i]) => !v.disabled && (bbZichtbaar(v)
      || [...(v.labels || [])].some(l => bbZichtbaar(l))))
  .map(([v, i]) => i)
"""

_PUNTEN = """
([i, doel]) => {
  const v = document.querySelectorAll('input[type=radio], input[type=checkbox]')[i];
  if (!v) return null;
  const label = v.labels && v.labels.length ? v.labels[0] : null;
  const wat = doel === 'optie' ? v : label;
  if (!wat || !bbZichtbaar(wat)) return {veld: bbVeld(v), x: null};
  wat.scrollIntoView({block: 'center', inline: 'center'});
  let r = wat.getBoundingClientRect();
  // a label of several lines: the line at the middle of its box (the middle of the box itself
  // may lie between two short lines)
  const regels = [...wat.getClientRects()];
  if (doel === 'label' && regels.length > 1) {
    const midden = r.top + r.height / 2;
    r = regels.reduce((a, b) => Math.abs(a.top + a.height / 2 - midden)
        <= Math.abs(b.top + b.height / 2 - midden) ? a : b);
  }
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const boven = document.elementFromPoint(x, y);
  // a radio that is already on tells nothing about the next click: off first (the click under
  // test is the real one)
  if (v.type === 'radio') v.checked = false;
  return {veld: bbVeld(v), x, y, aan: v.checked, soort: v.type,
          boven: bbBeschrijf(boven), vanZichzelf: bbVanZichzelf(v, boven),
          link: !!(boven && boven.closest('a'))};
}
"""

_AAN = "(i) => document.querySelectorAll('input[type=radio], input[type=checkbox]')[i].checked"


def _bereid(page: Page) -> None:
    if not page.evaluate("() => !!window.bbBeschrijf"):
        page.evaluate(f"() => {{ {_BESCHRIJF} }}")


def open_alles(page: Page) -> list[str]:
    """Open every folded part (<details>) with a real click on its summary, also the ones that
    appear inside; wait for what htmx loads into them."""
    problemen: list[str] = []
    for _ronde in range(4):
        dicht = page.locator("details:not([open]) > summary").filter(visible=True)
        aantal = dicht.count()
        if not aantal:
            break
        for _i in range(aantal):
            samenvatting = page.locator("details:not([open]) > summary").filter(visible=True)
            if not samenvatting.count():
                break
            eerste = samenvatting.first
            tekst = (eerste.inner_text() or "").strip()[:60]
            try:
                eerste.click(timeout=TIJD)
            except PlaywrightError:
                problemen.append(f"uitklapper {tekst!r} is niet aan te klikken")
                # open it anyway so the walk goes on with what is inside
                eerste.evaluate("s => s.parentElement.open = true")
        page.wait_for_load_state("networkidle")
    return problemen


def velden_vrij(page: Page) -> list[str]:
    """Every visible field has itself or its own label at its centre."""
    _bereid(page)
    return list(page.evaluate(_VELDEN))


def klik_alle_opties(page: Page) -> list[str]:
    """Every radio and checkbox option is selected by a real mouse click on the option where
    it is drawn and on the centre of its label (a checkbox toggles, twice)."""
    _bereid(page)
    problemen: list[str] = []
    for i in page.evaluate(_OPTIES):
        for doel in ("optie", "label"):
            punt = page.evaluate(_PUNTEN, [i, doel])
            if punt is None or punt["x"] is None:
                continue
            if punt["link"]:
                continue  # a link inside a label: clicking it would leave the page
            page.mouse.click(punt["x"], punt["y"])
            aan = page.evaluate(_AAN, i)
            verwacht = True if punt["soort"] == "radio" else not punt["aan"]
            if aan != verwacht:
                problemen.append(
                    f"{punt['soort']} {punt['veld']}: een klik op {doel} "
                    f"({punt['x']:.0f},{punt['y']:.0f}) "
                    f"{'selecteerde niet' if verwacht else 'zette niet uit'}; "
                    f"daar ligt {punt['boven']}"
                )
    return problemen


def te_breed(page: Page) -> list[str]:
    """The page is not wider than the viewport; else the outermost elements that stick out
    without a scrolling ancestor (a .bb-scrollvlak scrolls by itself), or, when every one of
    them has one, the positioned ones that escape it."""
    breedte = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if breedte[0] <= breedte[1]:
        return []
    _bereid(page)
    uitstekers = page.evaluate(
        """(breed) => {
            const vrij = (e) => {
              for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== 'visible') return false;
              }
              return true;
            };
            const breed_ = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > breed + 1);
            let wie = breed_.filter(e => vrij(e));
            wie = wie.filter(e => !wie.includes(e.parentElement));
            if (!wie.length) wie = breed_.filter(e => ['absolute', 'fixed']
                .includes(getComputedStyle(e).position));
            return wie.slice(0, 5).map(e => bbBeschrijf(e) + ' (tot '
                + Math.round(e.getBoundingClientRect().right) + ' px)');
        }""",
        breedte[1],
    )
    return [f"{breedte[0]} px breed bij {breedte[1]} px: " + "; ".join(uitstekers)]


def axe_ernstig(page: Page, axe_script: Path) -> list[str]:
    return [
        f"axe {s['impact']} {s['id']}: {', '.join(s['nodes'][:3])}"
        for s in ernstige_schendingen(page, axe_script)
        if s["impact"] in ERNSTIG
    ]


# --- browsers per user --------------------------------------------------------------------------


class Browsers:
    """One browser context per user, logged in once (the staff's real log-in with the TOTP
    code, the portal's code and password); each user's one page is reused for every URL."""

    def __init__(
        self,
        browser: Browser,
        context_args: dict[str, Any],
        url: str,
        wereld: Wereld,
        viewport: ViewportSize,
    ) -> None:
        self.browser, self.context_args, self.url = browser, context_args, url
        self.wereld, self.viewport = wereld, viewport
        self.contexten: dict[str, BrowserContext] = {}
        self.paginas: dict[str, Page] = {}

    def nieuw(self) -> Page:
        context = self.browser.new_context(**{**self.context_args, "viewport": self.viewport})
        context.set_default_timeout(TIJD * 2)
        context.set_default_navigation_timeout(60_000)  # a figures page on a busy machine
        self.contexten[str(len(self.contexten))] = context
        return context.new_page()

    def van(self, wie: str) -> Page:
        if wie not in self.paginas:
            page = self.nieuw()
            if wie.startswith("portaal:"):
                self._log_in_portaal(page, wie.partition(":")[2])
            else:
                self.log_in(page, self.wereld.gebruikers[wie].username)
            self.paginas[wie] = page
        return self.paginas[wie]

    def log_in(self, page: Page, gebruikersnaam: str, *, bij_code: Any = None) -> None:
        """The log-in form, then the code step (bij_code(page) looks at it first)."""
        page.goto(f"{self.url}/")
        page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
        page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_function("() => !document.querySelector('#id_password')")
        if urlparse(page.url).path == reverse("verificatie"):
            if bij_code is not None:
                bij_code(page)
            vul_code_in(page)
            page.wait_for_function("() => !document.querySelector('input#id_code')")

    def _log_in_portaal(self, page: Page, wie: str) -> None:
        page.goto(f"{self.url}/portaal/inloggen/")
        page.get_by_label(nl("Code"), exact=True).first.fill(self.wereld.portaal[wie].inlognaam)
        page.get_by_label(nl("Password"), exact=True).fill(WACHTWOORD)
        page.get_by_role("button", name=nl("Log in"), exact=True).click()
        page.wait_for_url(re.compile(r".*/portaal/(?!inloggen).*"))

    def sluit(self) -> None:
        for context in self.contexten.values():
            context.close()


def bezoek(page: Page, url: str) -> str | None:
    """Open the page; a problem when it does not answer 200."""
    antwoord = page.goto(url)
    if antwoord is None or antwoord.status != 200:
        return f"antwoordt {antwoord.status if antwoord else 'niets'}"
    return None


def per_gebruiker(schermen: list[Scherm]) -> Iterator[tuple[str, list[Scherm]]]:
    groepen: dict[str, list[Scherm]] = {}
    for scherm in schermen:
        groepen.setdefault(scherm.gebruiker, []).append(scherm)
    yield from groepen.items()
