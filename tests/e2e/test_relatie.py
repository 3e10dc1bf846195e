# SPDX-License-Identifier: EUPL-1.2
"""Relatie in a real browser: the regisseur invites the mother (with gezag and a known BSN) by
e-mail and the 14-year-old pupil by letter from the case page; the mother opens the link in the
e-mail, logs in with DigiD through a real OpenID Connect provider (tests/portaal/oidc) and types
the code from the e-mail; the regisseur invites her to the UVO that has the case on its agenda;
she reads the plan, does not agree (with her reason), answers the invitation and sends a
message; the pupil starts with the code from the letter's PDF and a password of her own and
writes her own story. The regisseur sees all of it on Vandaag and on the case page, and the
mother sees the regisseur's read in "wie keek in het dossier" (organisation, role, date; never
the name). Every portal page, the whole menu of both, on a 390 px phone: no sideways scrolling
and no serious or critical axe violation. Each person has a browser of their own."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core import mail
from django.utils import timezone, translation

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from binnenboord.regie import services
from binnenboord.regie.models import Overleg, Overlegsoort, Portaaltoegang
from binnenboord.regie.services import overleg as overlegdiensten
from binnenboord.toegang.models import Portaalgebruiker, Rol
from tests.portaal.hulp import Gezin, gezin
from tests.portaal.oidc import Provider

from .hulp import TELEFOON, Stappen, log_in, nl, open_formulier, portaal_menu

pytestmark = pytest.mark.e2e

EMAIL_MOEDER = "moeder@voorbeeld.nl"
CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")
WACHTWOORD_LEERLING = "Mijn-eigen-wachtwoord-2026"
REDEN = "Halve dagen is te veel in het begin, eerst twee uur per dag."
MEEGEVEN = "Ze slaapt slecht sinds de verhuizing, begin liever later op de dag."
BERICHT = "Kunnen we volgende week bellen over het plan?"
VERHAAL = "Ik voel me niet fijn in de klas sinds de zomer."
WIL = "Een andere klas en een mentor die ik vertrouw."


@dataclass
class Relatiegeval:
    gezin: Gezin
    uvo: Overleg


@pytest.fixture
def relatiegeval(transactional_db: None) -> Relatiegeval:
    """A 14-year-old pupil with an open case directed by a Leerplicht officer, a mother with
    gezag and a BSN, a father without gezag, no portal access yet; a plan, and a UVO next
    week with the case on its agenda."""
    g = gezin(leeftijd=14, actief=False)
    services.sla_plan_op(
        casus=g.casus,
        door=g.regisseur,
        basis_versie=0,
        doel="Binnen zes weken weer naar school, eerst halve dagen.",
    )
    uvo = overlegdiensten.plan_overleg(
        soort=Overlegsoort.UVO, datum=timezone.localdate() + timedelta(days=7), door=g.regisseur
    )
    overlegdiensten.agendeer(overleg=uvo, casus=g.casus, door=g.regisseur)
    return Relatiegeval(g, uvo)


def _telefoon(browser: Browser, browser_context_args: dict[str, Any]) -> BrowserContext:
    """A browser of one's own (another person, another device) with a phone's screen."""
    return browser.new_context(**{**browser_context_args, "viewport": TELEFOON})


def _naar_casus(page: Page, url: str, g: Gezin) -> None:
    """From Vandaag to the case page, by the case list's link."""
    page.goto(f"{url}/casussen/")
    page.get_by_role("link", name=g.leerling.naam).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(g.leerling.naam)


def _uitnodigen(page: Page, sleutel: str, via: str, email: str = "") -> None:
    rij = page.locator(f'#portaaltabel tr[data-persoon="{sleutel}"]')
    rij.locator("summary", has_text=nl("Invite to the portal")).click()
    rij.get_by_label(nl(via)).click()
    if email:
        rij.get_by_label(nl("E-mail address")).fill(email)
    rij.get_by_role("button", name=nl("Invite (the code is shown only this once)")).click()


def _digid(page: Page, url: str, bsn: str) -> None:
    """The DigiD button, then the provider's own log-in form (the log-in name is the BSN) and
    its consent step, until the provider sends the browser back to the portal."""
    page.get_by_role("link", name=nl("Log in with DigiD")).click()
    page.locator("input[name=login]").fill(bsn)
    page.locator("input[name=password]").fill("wat-dan-ook")
    page.locator("button[type=submit]").click()
    for _stap in range(3):
        page.wait_for_load_state()
        if page.url.startswith(url):
            return
        page.locator("button[type=submit]").click()  # the consent step
    page.wait_for_url(f"{url}/**")


def test_ouder_en_leerling_als_partner_van_uitnodiging_tot_wie_keek(
    page: Page,
    browser: Browser,
    browser_context_args: dict[str, Any],
    live_server: Any,
    relatiegeval: Relatiegeval,
    digid: Provider,
    settings: Any,
    artefacten: Path,
    axe_script: Path,
) -> None:
    g, uvo = relatiegeval.gezin, relatiegeval.uvo
    url = live_server.url
    settings.SITE_URL = url  # the links in e-mails lead to this server
    regie = Stappen(page, axe_script, artefacten, "relatie-regisseur")

    # 1. the regisseur invites the mother by e-mail and the pupil by letter
    log_in(page, url, g.regisseur.username, telefoon=False)
    _naar_casus(page, url, g)
    regie.controleer("casus")
    _uitnodigen(page, f"ouder:{g.ouder.pk}", "e-mail with a one-time code", EMAIL_MOEDER)
    expect(page.locator("body")).to_contain_text(EMAIL_MOEDER)
    [uitnodiging_mail] = mail.outbox
    assert uitnodiging_mail.to == [EMAIL_MOEDER]
    inhoud = str(uitnodiging_mail.body)
    assert g.leerling.naam not in inhoud  # an e-mail carries no pupil details
    code_moeder = CODE.findall(inhoud)[0]
    [link] = re.findall(rf"{re.escape(url)}/portaal/inloggen/\S*", inhoud)

    with page.expect_download() as download:
        _uitnodigen(page, "leerling", "letter with a one-time code")
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    tekst = "".join(p.extract_text() for p in pdf.pages)
    [code_leerling] = CODE.findall(tekst)
    page.reload()
    rijen = page.locator("#portaaltabel")
    uitgenodigd = nl("Invited on %(op)s (%(via)s)").split("%")[0].strip()
    for sleutel in (f"ouder:{g.ouder.pk}", "leerling"):
        expect(rijen.locator(f'tr[data-persoon="{sleutel}"]')).to_contain_text(uitgenodigd)
    regie.controleer("uitgenodigd")
    assert Portaaltoegang.objects.filter(casus=g.casus, status="uitgenodigd").count() == 2

    # 2. the mother logs in with DigiD and types the code from the e-mail
    moeder_context = _telefoon(browser, browser_context_args)
    moeder = moeder_context.new_page()
    portaal = Stappen(moeder, axe_script, artefacten, "relatie-moeder")
    moeder.goto(link)  # the link in her e-mail
    expect(moeder.get_by_role("heading", level=1)).to_have_text(nl("Log in"))
    portaal.controleer("inloggen")
    _digid(moeder, url, g.ouder.bsn or "")
    expect(moeder.get_by_role("heading", level=1)).to_have_text(nl("Fill in your code"))
    portaal.controleer("code")
    moeder.get_by_label(nl("Code")).fill(code_moeder.lower())
    moeder.get_by_role("button", name=nl("Send")).click()
    expect(moeder.get_by_role("heading", level=1)).to_contain_text(g.leerling.voornamen)
    portaal.controleer("overzicht")
    gebruiker = Portaalgebruiker.objects.get(bsn=g.ouder.bsn)
    toegang = Portaaltoegang.objects.get(casus=g.casus, ouder=g.ouder)
    assert toegang.status == "actief" and toegang.gebruiker == gebruiker

    # the regisseur, seeing her access is active, invites her to the UVO that has the case on
    # its agenda
    _naar_casus(page, url, g)
    open_formulier(page, nl("Invite to a meeting"))
    page.get_by_role("combobox", name=nl("Meeting")).select_option(str(uvo.pk))
    page.get_by_role("radio", name=toegang.persoon).click()
    page.get_by_role("button", name=nl("Invite"), exact=True).click()
    expect(page.locator("#overleguitnodigingen + ul")).to_contain_text(toegang.persoon)
    regie.controleer("overleg-uitgenodigd")

    # she reads the plan and does not agree, with her reason
    portaal_menu(moeder, nl("Overview"))
    moeder.get_by_role("link", name=nl("Read the plan")).click()
    expect(moeder.get_by_role("heading", level=1)).to_have_text(nl("The plan"))
    expect(moeder.locator("main")).to_contain_text("Binnen zes weken weer naar school")
    portaal.controleer("plan")
    moeder.get_by_label(nl("I do not agree, because …")).click()
    moeder.get_by_label(nl("Why not?")).fill(REDEN)
    moeder.get_by_role("button", name=nl("Send my answer")).click()
    expect(moeder.locator(".bb-portaal-reactie")).to_contain_text(REDEN)
    portaal.controleer("plan-niet-eens")

    # she answers the invitation: she wants to pass something on
    portaal_menu(moeder, nl("Overview"))
    expect(moeder.locator("main")).to_contain_text(nl("Next meeting"))
    moeder.get_by_role("link", name=nl("Answer the invitation")).click()
    expect(moeder.get_by_role("heading", level=1)).to_have_text(nl("Meetings"))
    portaal.controleer("overleggen")
    moeder.get_by_label(nl("I want to pass this on")).click()
    moeder.get_by_label(nl("What do you want to pass on?")).fill(MEEGEVEN)
    moeder.get_by_role("button", name=nl("Send my answer")).click()
    expect(moeder.locator(".bb-portaal-reactie")).to_contain_text(MEEGEVEN)
    portaal.controleer("overleg-beantwoord")

    # and sends a message
    portaal_menu(moeder, nl("Messages"))
    expect(moeder.get_by_role("heading", level=1)).to_have_text(nl("Messages"))
    portaal.controleer("berichten")
    moeder.get_by_label(nl("Your message")).fill(BERICHT)
    moeder.get_by_role("button", name=nl("Send"), exact=True).click()
    expect(moeder.locator(".bb-portaal-berichten")).to_contain_text(BERICHT)
    portaal.controleer("bericht-verstuurd")

    # 3. the pupil starts with the code from the letter and a password of her own
    leerling_context = _telefoon(browser, browser_context_args)
    leerling = leerling_context.new_page()
    eigen = Stappen(leerling, axe_script, artefacten, "relatie-leerling")
    leerling.goto(f"{url}/portaal/inloggen/")
    eerste_keer = leerling.locator("section", has=leerling.locator("#kop-activeren"))
    eerste_keer.get_by_label(nl("Code")).fill(code_leerling)
    eerste_keer.get_by_label(nl("New password"), exact=True).fill(WACHTWOORD_LEERLING)
    eerste_keer.get_by_label(nl("New password again")).fill(WACHTWOORD_LEERLING)
    eerste_keer.get_by_role("button", name=nl("Start")).click()
    expect(leerling.get_by_role("heading", level=1)).to_contain_text(g.leerling.voornamen)
    eigen.controleer("overzicht")

    # she writes her own story
    portaal_menu(leerling, nl("My story"))
    expect(leerling.get_by_role("heading", level=1)).to_have_text(nl("My story"))
    eigen.controleer("verhaal")
    leerling.get_by_label(nl("What is going on?")).fill(VERHAAL)
    leerling.get_by_label(nl("What do I want?")).fill(WIL)
    leerling.get_by_role("button", name=nl("Save my story")).click()
    expect(leerling.locator(".bb-portaal-versie")).to_contain_text(VERHAAL)
    eigen.controleer("verhaal-opgeslagen")

    # 4. the regisseur sees all of it on Vandaag ...
    page.goto(f"{url}/")
    regels = page.locator("#gezinsregels > li")
    expect(regels).to_have_count(4)
    soorten = {r.get_attribute("data-soort") for r in regels.all()}
    assert soorten == {"planreactie", "overleg", "bericht", "verhaal"}, soorten
    expect(regels.filter(has_text=nl("does not agree"))).to_have_count(1)
    expect(regels.filter(has_text=nl("wants to pass something on"))).to_have_count(1)
    expect(regels.filter(has_text=nl("own story"))).to_have_count(1)
    regie.controleer("vandaag")

    # ... and on the case page: the disagreement with its reason, the reply, the story
    regels.filter(has_text=nl("does not agree")).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(g.leerling.naam)
    expect(page.locator("[data-planreactie]")).to_contain_text(REDEN)
    expect(page.locator("#overleguitnodigingen + ul")).to_contain_text(MEEGEVEN)
    expect(page.locator("[data-verhaal]")).to_contain_text(VERHAAL)
    expect(page.locator("[data-verhaal]")).to_contain_text(WIL)
    # written by themselves in the portal, not noted on their behalf
    with translation.override("nl"):
        moeder_schreef = nl("written by %(naam)s (%(rol)s) in the portal") % {
            "naam": g.ouder,
            "rol": g.ouder.get_relatie_display(),
        }
    expect(page.locator("[data-planreactie]")).to_contain_text(moeder_schreef)
    expect(page.locator("[data-verhaal]")).to_contain_text(
        nl("written by %(naam)s (pupil) in the portal") % {"naam": g.leerling.naam}
    )
    regie.controleer("casus-met-het-gezin")

    # ... and the message, in her thread
    page.locator(f'#portaaltabel tr[data-persoon="ouder:{g.ouder.pk}"]').get_by_role(
        "link"
    ).first.click()
    expect(page.locator("main")).to_contain_text(BERICHT)
    regie.controleer("berichten")
    # read: Vandaag has nothing left from the family (the case page and the thread were opened)
    page.goto(f"{url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Today"))
    expect(regels).to_have_count(0)

    # 5. the mother sees the regisseur's read: organisation, role and date, never the name
    portaal_menu(moeder, nl("Who looked in the file"))
    expect(moeder.get_by_role("heading", level=1)).to_have_text(nl("Who looked in the file"))
    tabel = moeder.locator("table")
    organisatie = str(g.regisseur.organisatie)
    vandaag = f"{timezone.localdate():%d-%m-%Y}"
    with translation.override("nl"):
        rol = str(Rol(g.regisseur.rol).label)
    regisseur_keek = tabel.locator("tbody tr", has_text=organisatie).filter(has_text=rol)
    expect(regisseur_keek.filter(has_text=vandaag).first).to_be_visible()
    naam = g.regisseur.get_full_name()
    assert naam and naam not in moeder.locator("main").inner_text()
    portaal.controleer("wie-keek")

    # 6. every page of the portal's menu, and the settings, for both: no serious or critical
    # axe violation and no sideways scrolling on the phone (Stappen checks each)
    for wie, stappen in ((moeder, portaal), (leerling, eigen)):
        wie.locator("summary.pt-nav__knop").click()
        namen = wie.locator("nav.pt-nav a").all_inner_texts()
        wie.locator("summary.pt-nav__knop").click()
        assert nl("Who looked in the file") in namen and nl("My story") in namen, namen
        for naam in namen:
            portaal_menu(wie, naam)
            stappen.controleer(f"menu-{naam.lower().replace(' ', '-')}")
        wie.get_by_role("link", name=nl("Settings")).click()
        expect(wie.get_by_role("heading", level=1)).to_be_visible()
        stappen.controleer("instellingen")
    # the pupil (14) has her own consent page; the mother's menu has none
    assert nl("Consent") not in moeder.locator("nav.pt-nav a").all_inner_texts()

    # the portal in English too: the language switch at the foot of every page
    moeder.get_by_label(nl("Language")).select_option("en")
    moeder.get_by_role("button", name=nl("Change language")).click()
    expect(moeder.get_by_role("heading", level=1)).to_have_text("Settings")
    expect(moeder.locator("html")).to_have_attribute("lang", "en")
    portaal.controleer("instellingen-en")
    moeder.locator("a.pt-kop__naam").click()  # to the start: her one case's overview
    expect(moeder.get_by_role("heading", level=1)).to_contain_text("Overview for")
    portaal_menu(moeder, "Who looked in the file")
    expect(moeder.get_by_role("heading", level=1)).to_have_text("Who looked in the file")
    portaal.controleer("wie-keek-en")

    moeder_context.close()
    leerling_context.close()
