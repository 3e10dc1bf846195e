# SPDX-License-Identifier: EUPL-1.2
"""The project stands on its own (issue 14): no tracked file names a path outside the
repository, every reference into the project's docs points at a heading, glossary term or
numbered source paragraph that exists, every Markdown link inside the repository resolves, and
the licence and publiccode.yml are what they claim to be. Pure: no database."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml

WORTEL = Path(__file__).resolve().parents[1]


# --- the tracked files -------------------------------------------------------------------------


@cache
def _bijgehouden_teksten() -> dict[str, str]:
    """Every tracked text file (binaries skipped), by path relative to the repository."""
    uit = subprocess.run(
        ["git", "ls-files", "-z"], cwd=WORTEL, check=True, capture_output=True
    ).stdout
    teksten = {}
    for naam in uit.decode().split("\0"):
        pad = WORTEL / naam
        if not naam or not pad.is_file():
            continue
        inhoud = pad.read_bytes()
        if b"\0" in inhoud[:8192]:
            continue
        try:
            teksten[naam] = inhoud.decode("utf-8")
        except UnicodeDecodeError:
            continue
    return teksten


def test_de_lijst_van_bestanden_is_compleet() -> None:
    # The other tests read this list; an empty or partial one would make them pass for nothing.
    teksten = _bijgehouden_teksten()
    for naam in ("README.md", "docs/domein.md", "docs/ontwikkelen.md", "pyproject.toml"):
        assert naam in teksten
    assert any(naam.startswith("src/binnenboord/kern/") for naam in teksten)
    assert len(teksten) > 200


# --- 1. nothing points outside the repository --------------------------------------------------

# Built from pieces, so this file does not name them itself.
_ONTWERPNOTITIES = ("DOMAIN", "bronnen", "STYLE", "ARCHITECTURE", "stack" + "-notes")
VERBODEN = (
    ".." + "/shared",
    "shared" + "/design",
    "/" + "work/",
    *(naam + ".md" for naam in _ONTWERPNOTITIES),
    "stack" + "-notes",
)


def test_geen_bestand_verwijst_buiten_de_repository() -> None:
    # given every tracked text file
    gevonden = []
    for naam, tekst in _bijgehouden_teksten().items():
        klein = tekst.lower()
        for verboden in VERBODEN:
            positie = klein.find(verboden.lower())
            if positie >= 0:
                regel = tekst.count("\n", 0, positie) + 1
                gevonden.append(f"{naam}:{regel}: {verboden}")
    # then none names a path or a design note outside the repository
    assert gevonden == []


# --- 2. every citation of docs/<naam>.md points at something that exists ------------------------


def _normaal(tekst: str) -> str:
    """Case and whitespace do not matter; a citation may span a line break in a docstring or a
    comment (the next line's indentation and `#` go)."""
    tekst = re.sub(r"\s*\n\s*(?:#\s*)?", " ", tekst)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", tekst)).strip().lower()


def _zonder_codeblokken(markdown: str) -> Iterator[str]:
    binnen = False
    for regel in markdown.splitlines():
        if regel.lstrip().startswith("```"):
            binnen = not binnen
            continue
        if not binnen:
            yield regel


@cache
def _koppen(naam: str) -> tuple[str, ...]:
    """The headings of docs/<naam>.md, without their Markdown and their own numbering
    ("5. Back-ups", "§ 1.2 Einde ..."), normalised."""
    koppen = []
    for regel in _zonder_codeblokken((WORTEL / "docs" / f"{naam}.md").read_text()):
        kop = re.match(r"#{1,6}\s+(.*)", regel)
        if kop:
            tekst = re.sub(r"^(?:§\s*)?\d+(?:\.\d+)*\.?\s+", "", kop.group(1).replace("`", ""))
            koppen.append(_normaal(tekst))
    return tuple(koppen)


@cache
def _begrippen(naam: str) -> tuple[str, ...]:
    """The bold terms of docs/<naam>.md (the glossary of domein.md is a table of them)."""
    tekst = "\n".join(_zonder_codeblokken((WORTEL / "docs" / f"{naam}.md").read_text()))
    return tuple(_normaal(term) for term in re.findall(r"\*\*([^*\n]+)\*\*", tekst))


@cache
def _paragrafen(naam: str) -> frozenset[str]:
    """The numbered source paragraphs of docs/<naam>.md: headings that start with "§ N[.M]"."""
    nummers = set()
    for regel in _zonder_codeblokken((WORTEL / "docs" / f"{naam}.md").read_text()):
        kop = re.match(r"#{1,6}\s+§\s*(\d+(?:\.\d+)?)\s", regel)
        if kop:
            nummers.add(kop.group(1))
    return frozenset(nummers)


def _bestaat(naam: str, geciteerd: str) -> bool:
    """A heading or glossary term that is the cited text, or starts with it up to a word
    boundary ("Vergelijken" is "Vergelijken: werkt de aanpak?")."""
    geciteerd = _normaal(geciteerd)
    for kandidaat in (*_koppen(naam), *_begrippen(naam)):
        if kandidaat == geciteerd:
            return True
        if kandidaat.startswith(geciteerd) and not kandidaat[len(geciteerd)].isalnum():
            return True
    return False


# A line break inside a docstring or comment becomes \x01 (the next line's indentation and `#`
# go), so a citation may span lines where it has punctuation, but a docs file name at the end of one
# line and a quoted word at the start of the next are not taken for a citation.
_RUIMTE = r"[\s\x01]"
_NUMMER = r"\d+(?:\.\d+)?"
_KOMMA = rf"{_RUIMTE}*,{_RUIMTE}*"
_HAAKJE = rf"{_RUIMTE}*\({_RUIMTE}*"
_EN = rf"{_RUIMTE}*,?{_RUIMTE}*(?:and|en){_RUIMTE}+"
_PARAGRAFEN = rf"{_RUIMTE}*,?{_RUIMTE}*§{_RUIMTE}*{_NUMMER}(?:{_KOMMA}(?:§{_RUIMTE}*)?{_NUMMER})*"
_CITAAT = re.compile(
    rf"docs/(?P<naam>[a-z0-9-]+)\.md"
    rf"(?P<koppen>(?:(?:{_KOMMA}|{_HAAKJE}|[ \t]+|{_EN})\"[^\"\n]{{1,80}}\")+)?"
    rf"(?P<bronnen>(?:{_RUIMTE}*[,;]{_RUIMTE}*|{_HAAKJE})Bronnen\)?(?:{_PARAGRAFEN})*)?"
)
_AANHALING = re.compile(r"\"([^\"]+)\"")
_PARAGRAAF = re.compile(r"(\d+(?:\.\d+)?)")


def _citaten() -> Iterator[tuple[str, str, str, str]]:
    """(file, cited doc, kind, what) for every citation in src/, tests/, docs/ and README.md:
    kind "kop" for a quoted heading or term, "bronnen" for the sources, "paragraaf" for § N."""
    for bestand, tekst in _bijgehouden_teksten().items():
        if not bestand.startswith(("src/", "tests/", "docs/")) and bestand != "README.md":
            continue
        platte_tekst = re.sub(r"[ \t]*\n\s*(?:#\s*)?", "\x01", tekst)
        for citaat in _CITAAT.finditer(platte_tekst):
            naam = citaat.group("naam")
            yield bestand, naam, "bestand", ""
            for kop in _AANHALING.findall(citaat.group("koppen") or ""):
                yield bestand, naam, "kop", kop.replace("\x01", " ")
            if citaat.group("bronnen"):
                yield bestand, naam, "kop", "Bronnen"
                # "§ 4, 5, 7" and "§ 5, § 8.3": every number after the first § is a paragraph
                paragrafen = citaat.group("bronnen").partition("§")[2]
                for nummer in _PARAGRAAF.findall(paragrafen):
                    yield bestand, naam, "paragraaf", nummer


def test_citaten_worden_gevonden() -> None:
    # The parser must see the citations the code is known to make, also those that span a line.
    citaten = {(naam, soort, wat) for _, naam, soort, wat in _citaten()}
    for verwacht in (
        ("domein", "kop", "Werkdagen"),
        ("domein", "kop", "Regie: de twee escalatiemodellen"),
        ("domein", "kop", "Privacy en dossiers"),
        ("domein", "kop", "verborgen thuiszitter"),
        ("domein", "paragraaf", "6.2"),
        ("domein", "paragraaf", "8.3"),
        ("ontwikkelen", "kop", "Idempotente taken"),
        ("ontwikkelen", "kop", "Lagen en importregels"),
    ):
        assert verwacht in citaten
    assert len(citaten) > 30


def test_elke_verwijzing_naar_de_docs_bestaat() -> None:
    # given every citation of the form docs/<naam>.md, "<kop>" or docs/<naam>.md, Bronnen § N
    fouten = []
    for bestand, naam, soort, wat in _citaten():
        if not (WORTEL / "docs" / f"{naam}.md").is_file():
            fouten.append(f"{bestand}: docs/{naam}.md does not exist")
        elif soort == "kop" and not _bestaat(naam, wat):
            fouten.append(f'{bestand}: docs/{naam}.md has no heading or term "{wat}"')
        elif soort == "paragraaf" and wat not in _paragrafen(naam):
            fouten.append(f"{bestand}: docs/{naam}.md has no Bronnen § {wat}")
    # then each points at a file, heading, glossary term or numbered paragraph that exists
    assert sorted(set(fouten)) == []


def test_domein_heeft_alle_bronparagrafen() -> None:
    # The numbering of the sources is fixed: the code cites § 1 up to § 11 and their parts.
    paragrafen = _paragrafen("domein")
    assert {str(n) for n in range(1, 12)} <= paragrafen
    for deel in ("1.2", "1.6", "2.2", "2.4", "3.1", "4.2", "6.1", "6.2", "7.3", "8.2", "9.3"):
        assert deel in paragrafen


def test_ontwikkelen_noemt_tijdzonebewuste_tijdstippen() -> None:
    # kern/termijnen.py cites this sentence of docs/ontwikkelen.md
    tekst = _normaal((WORTEL / "docs" / "ontwikkelen.md").read_text())
    assert "alleen tijdzonebewuste tijdstippen" in tekst
    assert "europe/amsterdam" in tekst


def _anker(kop: str) -> str:
    """The anchor a Markdown renderer (GitHub) gives a heading."""
    kop = re.sub(r"[^\w\- ]", "", kop.strip().lower())
    return kop.replace(" ", "-")


@cache
def _ankers(pad: Path) -> frozenset[str]:
    ankers: set[str] = set()
    gezien: dict[str, int] = {}
    for regel in _zonder_codeblokken(pad.read_text()):
        kop = re.match(r"#{1,6}\s+(.*)", regel)
        if kop:
            anker = _anker(kop.group(1))
            n = gezien.get(anker, 0)
            gezien[anker] = n + 1
            ankers.add(anker if n == 0 else f"{anker}-{n}")
    return frozenset(ankers)


def test_links_in_markdown_wijzen_naar_iets_dat_bestaat() -> None:
    # given every relative link in a tracked Markdown file
    fouten = []
    links = 0
    for bestand, tekst in _bijgehouden_teksten().items():
        if not bestand.endswith(".md"):
            continue
        for doel in re.findall(r"\]\(([^)\s]+)\)", tekst):
            if re.match(r"[a-z]+:", doel):
                continue  # https:, mailto: and the like
            pad_deel, _, anker = doel.partition("#")
            pad = (WORTEL / bestand).parent / pad_deel if pad_deel else WORTEL / bestand
            links += 1
            if not pad.resolve().is_relative_to(WORTEL):
                fouten.append(f"{bestand}: {doel} leaves the repository")
            elif not pad.exists():
                fouten.append(f"{bestand}: {doel} does not exist")
            elif anker and pad.suffix == ".md" and anker not in _ankers(pad.resolve()):
                fouten.append(f"{bestand}: {doel} has no heading #{anker}")
    # then each file exists inside the repository, with the heading the anchor names
    assert fouten == []
    assert links > 20


# --- 3. licence and publiccode.yml -------------------------------------------------------------


def test_licentie_is_de_volledige_eupl_1_2() -> None:
    tekst = (WORTEL / "LICENSE").read_text()
    assert tekst.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    assert "EUPL © the European Union 2007, 2016" in tekst
    # the fifteen articles, in order
    artikelen = [
        "Definitions",
        "Scope of the rights granted by the Licence",
        "Communication of the Source Code",
        "Limitations on copyright",
        "Obligations of the Licensee",
        "Chain of Authorship",
        "Disclaimer of Warranty",
        "Disclaimer of Liability",
        "Additional agreements",
        "Acceptance of the Licence",
        "Information to the public",
        "Termination of the Licence",
        "Miscellaneous",
        "Jurisdiction",
        "Applicable Law",
    ]
    posities = [tekst.find(f"\n{n}.{titel}\n") for n, titel in enumerate(artikelen, 1)]
    assert all(p > 0 for p in posities)
    assert posities == sorted(posities)
    assert "Copyleft clause: If the Licensee distributes or communicates copies" in tekst
    assert "Compatibility clause: If the Licensee Distributes or Communicates Derivative" in tekst
    assert "governed by Belgian law if the Licensor has no seat" in tekst
    # the appendix of compatible licences closes it
    appendix = tekst[tekst.index("Appendix") :]
    for licentie in (
        "GNU General Public License (GPL) v. 2, v. 3",
        "GNU Affero General Public License (AGPL) v. 3",
        "Mozilla Public Licence (MPL) v. 2",
        "European Union Public Licence (EUPL) v. 1.1, v. 1.2",
        "Québec Free and Open-Source Licence",
    ):
        assert licentie in appendix
    assert tekst.rstrip().endswith("require the production of a new EUPL version.")


# The controlled vocabularies of the publiccode.yml standard (categories, scope).
CATEGORIEEN = frozenset(
    [
        "accounting",
        "agile-project-management",
        "applicant-tracking",
        "application-development",
        "appointment-scheduling",
        "backup",
        "billing-and-invoicing",
        "blog",
        "budgeting",
        "business-intelligence",
        "business-process-management",
        "cad",
        "call-center-management",
        "cloud-management",
        "collaboration",
        "communications",
        "compliance-management",
        "contact-management",
        "content-management",
        "crm",
        "customer-service-and-support",
        "data-analytics",
        "data-collection",
        "data-visualization",
        "design",
        "design-system",
        "digital-asset-management",
        "digital-citizenship",
        "document-management",
        "donor-management",
        "e-commerce",
        "e-signature",
        "educational-content",
        "email-management",
        "email-marketing",
        "employee-management",
        "enterprise-project-management",
        "enterprise-social-networking",
        "erp",
        "event-management",
        "facility-management",
        "feedback-and-reviews-management",
        "financial-reporting",
        "fleet-management",
        "fundraising",
        "gamification",
        "geographic-information-systems",
        "grant-management",
        "graphic-design",
        "help-desk",
        "hr",
        "ide",
        "identity-management",
        "instant-messaging",
        "inventory-management",
        "it-asset-management",
        "it-development",
        "it-management",
        "it-security",
        "it-service-management",
        "knowledge-management",
        "learning-management-system",
        "marketing",
        "mind-mapping",
        "mobile-marketing",
        "mobile-payment",
        "network-management",
        "office",
        "online-booking",
        "online-community",
        "payment-gateway",
        "payroll",
        "predictive-analysis",
        "procurement",
        "productivity-suite",
        "project-collaboration",
        "project-management",
        "property-management",
        "real-estate-management",
        "remote-support",
        "resource-management",
        "sales-management",
        "seo",
        "service-desk",
        "social-media-management",
        "survey",
        "talent-management",
        "task-management",
        "taxes-management",
        "test-management",
        "time-management",
        "time-tracking",
        "translation",
        "video-conferencing",
        "video-editing",
        "visitor-management",
        "voip",
        "warehouse-management",
        "web-collaboration",
        "web-conferencing",
        "website-builder",
        "whistleblowing",
        "workflow-management",
    ]
)
SCOPES = frozenset(
    [
        "agriculture",
        "culture",
        "defence",
        "education",
        "emergency-services",
        "employment",
        "energy",
        "environment",
        "finance-and-economic-development",
        "foreign-affairs",
        "healthcare",
        "infrastructures",
        "justice",
        "local-authorities",
        "manufacturing",
        "research",
        "science-and-technology",
        "security",
        "society",
        "sport",
        "tourism",
        "transportation",
        "welfare",
    ]
)


@pytest.fixture(scope="module")
def publiccode() -> dict[str, object]:
    gegevens = yaml.safe_load((WORTEL / "publiccode.yml").read_text())
    assert isinstance(gegevens, dict)
    return gegevens


def test_publiccode_yml_heeft_een_echte_url_en_de_licentie(publiccode: dict) -> None:
    assert str(publiccode["publiccodeYmlVersion"]).startswith("0.4")
    url = publiccode["url"]
    assert re.fullmatch(r"https://[a-z0-9.-]+/\S+", url)
    assert not re.search(r"example\.(org|com|net)", url)
    assert publiccode["legal"]["license"] == "EUPL-1.2"
    assert publiccode["name"] == "Binnenboord"


def test_publiccode_yml_heeft_een_nederlandse_beschrijving(publiccode: dict) -> None:
    nl = publiccode["description"]["nl"]
    assert 0 < len(nl["shortDescription"]) <= 150
    assert "\n" not in nl["shortDescription"].strip()
    assert 150 <= len(nl["longDescription"]) <= 10_000
    assert len(nl["features"]) >= 5
    assert all(isinstance(f, str) and f.strip() for f in nl["features"])


def test_publiccode_yml_volgt_de_standaard(publiccode: dict) -> None:
    assert publiccode["platforms"]
    assert publiccode["categories"]
    assert set(publiccode["categories"]) <= CATEGORIEEN
    assert set(publiccode["intendedAudience"]["scope"]) <= SCOPES
    assert publiccode["developmentStatus"] in {
        "concept",
        "development",
        "beta",
        "stable",
        "obsolete",
    }
    assert publiccode["softwareType"] in {
        "standalone/mobile",
        "standalone/iot",
        "standalone/desktop",
        "standalone/web",
        "standalone/backend",
        "standalone/other",
        "addon",
        "library",
        "configurationFiles",
    }
    onderhoud = publiccode["maintenance"]
    assert onderhoud["type"] in {"internal", "contract", "community", "none"}
    if onderhoud["type"] in {"internal", "community"}:
        assert onderhoud["contacts"] and all(c["name"] for c in onderhoud["contacts"])
    lokalisatie = publiccode["localisation"]
    assert lokalisatie["localisationReady"] is True
    assert "nl" in lokalisatie["availableLanguages"]
    for taal in publiccode["description"].values():
        assert len(taal["shortDescription"]) <= 150
