# SPDX-License-Identifier: EUPL-1.2
"""The portal's fixed texts are plain Dutch (docs/relatie.md, "Testen"): every page of the
`portaal` namespace, rendered in Dutch for a parent and a 14-year-old pupil with an active
access to a case with minimal data (and, for the pages of someone without a valid access, for
such a user and for a visitor who is not logged in), scores at least 60 on the Flesch–Douma
reading ease of the visible text of its <main>. The case has one of each thing a page lists (a
plan, an action each, a past and a next UVO with an invitation and its letter, a message), so
the fixed texts around them (the reaction form, the reply form, the thread) are read too.

The pages are found by walking the URL patterns of the namespace, so a new page is scored
without touching this file. A page that gives no text (a PDF, a JSON download, a POST-only
action, the redirect to DigiD) is named in GEEN_TEKSTPAGINA with the reason, and the test
checks that it really gives no HTML page: nothing is skipped silently.

The score is textstat's flesch_reading_ease with the language set to "nl". textstat 0.7.13
(textstat/backend/utils/constants.py, LANG_CONFIGS["nl"], "Flesch-Douma") uses
206.835 − 0.93 × (words per sentence) − 77 × (syllables per word), which is Douma's
adaptation of Flesch for Dutch; syllables come from the Dutch hyphenation dictionary of pyphen.
test_textstat_rekent_met_de_formule_van_douma pins this, so an upgrade that changes it fails
here first. Two of textstat's own counting rules stay as they are: a sentence ends at ".", "!"
or "?", and a "sentence" of one or two words counts its words but not itself as a sentence.

What is not fixed text is kept out: the case is made with short, neutral names and placeholder
words ("Xdoel"), the data cells of a table (<td>; its headers stay) are left out, and every
value that comes from the data (those words, the names of the pupil, the parents, the
regisseur, the organisations and the portal users, dates, times, numbers and e-mail addresses)
is removed from the text before it is scored. Each block element (a heading, a paragraph, a
list item, a label, a button, a table cell) ends a sentence, as a reader reads it; a heading
has no full stop of its own, and without this it would run into the next sentence.

A page whose <main> has fewer than MINIMUM_WOORDEN words is scored together with the text of
the base template around it (navigation, skip link, log-out), as one text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

import pytest
import textstat
from textstat.backend.utils.constants import LANG_CONFIGS

from binnenboord.regie import services
from binnenboord.regie.models import Brief, Overleguitnodiging, Portaaltoegang
from binnenboord.regie.relatie import reden_geen_toegang
from binnenboord.regie.services import overleg, relatie
from binnenboord.registratie.models import Ouder
from binnenboord.toegang.models import Portaalgebruiker, Rol
from tests.factories import (
    GemeenteFactory,
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
    OuderFactory,
    PortaaltoegangFactory,
    SchoolFactory,
)
from tests.portaal.hulp import log_in_portaal

DREMPEL = 60
MINIMUM_WOORDEN = 20

# Pages of the namespace that give no text to read, with the reason. The test checks each
# still exists and still gives no HTML page to anyone here.
GEEN_TEKSTPAGINA = {
    "uitloggen": "alleen POST: de knop staat op elke pagina",
    "oidc_start": "stuurt door naar de DigiD-aanbieder",
    "oidc_callback": "de DigiD-aanbieder stuurt hierheen terug; stuurt door",
    "brief_pdf": "een pdf",
    "gegevens_pdf": "een pdf",
    "gegevens_json": "een JSON-bestand",
    "overleg_antwoord": "alleen POST: het antwoord op een uitnodiging, vanaf de pagina Overleggen",
}

# --- the visible text of a page -----------------------------------------------------------------

_BLOK = frozenset(
    re.findall(
        r"\S+",
        "address article aside blockquote button caption dd details dialog div dl dt fieldset "
        "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr label legend li main nav ol "
        "option p section summary table tbody td tfoot th thead tr ul br",
    )
)
_LEEG = frozenset(
    re.findall(r"\S+", "area base br col embed hr img input link meta source track wbr")
)
_ONZICHTBAAR = frozenset({"script", "style", "template", "noscript", "head", "title"})
# a table's data cells hold data (the rows of "wie keek", which grow with every page read);
# its headers and caption are fixed text and stay
_GEGEVENS = frozenset({"td"})


class _Tekst(HTMLParser):
    """The visible text of an HTML page, as (inside <main>, text) pieces; a block element
    ends a sentence (marked by "\\n")."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stukken: list[tuple[bool, str]] = []
        self.stapel: list[tuple[str, bool]] = []  # (tag, hidden)
        self.in_main = 0
        self.main_gezien = False

    def _verborgen(self) -> bool:
        return any(verborgen for _, verborgen in self.stapel)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kenmerken = dict(attrs)
        if tag == "input":
            # a submit button shows its value
            if (kenmerken.get("type") or "").lower() in {"submit", "button"} and not (
                self._verborgen()
            ):
                self.stukken.append((self.in_main > 0, f"\n{kenmerken.get('value') or ''}\n"))
            return
        if tag in _LEEG:
            if tag in _BLOK:
                self.stukken.append((self.in_main > 0, "\n"))
            return
        verborgen = (
            tag in _ONZICHTBAAR
            or tag in _GEGEVENS
            or "hidden" in kenmerken
            or (kenmerken.get("aria-hidden") or "").lower() == "true"
        )
        self.stapel.append((tag, verborgen))
        if tag == "main":
            self.in_main += 1
            self.main_gezien = True
        if tag in _BLOK:
            self.stukken.append((self.in_main > 0, "\n"))

    def handle_endtag(self, tag: str) -> None:
        if tag in _LEEG:
            return
        # close up to the matching tag (HTML allows some end tags to be left out)
        for i in range(len(self.stapel) - 1, -1, -1):
            if self.stapel[i][0] == tag:
                del self.stapel[i:]
                break
        if tag in _BLOK:
            self.stukken.append((self.in_main > 0, "\n"))
        if tag == "main" and self.in_main:
            self.in_main -= 1

    def handle_data(self, data: str) -> None:
        if not self._verborgen():
            self.stukken.append((self.in_main > 0, data))


def _zinnen(ruw: str) -> str:
    """Block pieces become sentences: each ends with ".", unless it ends with ".", "!", "?"
    or ":" (a label before its field reads as the start of the sentence it asks for)."""
    zinnen = []
    for blok in ruw.split("\n"):
        blok = re.sub(r"\s+", " ", blok).strip(" \t-–·|")
        if not re.search(r"\w", blok):
            continue
        if blok[-1] not in ".!?":
            blok += "."
        zinnen.append(blok)
    return " ".join(zinnen)


_MAANDEN = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


def _zonder_gegevens(tekst: str, gegevens: list[str]) -> str:
    """The text without what came from the data: the names given, e-mail addresses, dates,
    times and any word with a digit."""
    for waarde in sorted({g for g in gegevens if g}, key=len, reverse=True):
        tekst = re.sub(rf"(?<!\w){re.escape(waarde)}(?!\w)", " ", tekst)
    tekst = re.sub(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", " ", tekst)
    tekst = re.sub(rf"\b\d{{1,2}}\s+({_MAANDEN})(\s+\d{{4}})?\b", " ", tekst, flags=re.I)
    tekst = re.sub(r"\S*\d\S*", " ", tekst)
    # a sentence that lost all its words to the data is no sentence
    tekst = re.sub(r"(?<=[.!?])[\s(),:;'\"-]*[.!?]", "", tekst)
    return re.sub(r"[ \t]+", " ", tekst)


def zichtbare_tekst(html: str, gegevens: list[str]) -> tuple[str, str, bool]:
    """(the text of <main>, the text of the whole page, whether there is a <main>), as
    sentences, without the data."""
    lezer = _Tekst()
    lezer.feed(html)
    lezer.close()
    main = "".join(stuk for binnen, stuk in lezer.stukken if binnen)
    alles = "".join(stuk for _, stuk in lezer.stukken)
    return (
        _zonder_gegevens(_zinnen(main), gegevens),
        _zonder_gegevens(_zinnen(alles), gegevens),
        lezer.main_gezien,
    )


def flesch_douma(tekst: str) -> float:
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(tekst))


def woorden(tekst: str) -> int:
    textstat.set_lang("nl")
    return int(textstat.lexicon_count(tekst))


# --- the people and their case ------------------------------------------------------------------


@dataclass
class Persoon:
    naam: str
    gebruiker: Portaalgebruiker | None
    toegang: Portaaltoegang | None = None


@dataclass
class Gezin:
    personen: list[Persoon]
    gegevens: list[str] = field(default_factory=list)


@pytest.fixture
def gezin(db: None) -> Gezin:
    """A case with minimal data: a 14-year-old pupil, one parent with gezag, a regisseur;
    the parent's and the pupil's access are active. Also a father without gezag, whose access
    row is active but gives no access."""
    vandaag = timezone.localdate()
    gemeente = GemeenteFactory(code="9999", naam="Demodam")
    leerplicht = OrganisatieFactory(naam="Leerplicht Demodam", gemeenten=[gemeente])
    schoolorganisatie = OrganisatieFactory(naam="Het Baken", school=True)
    school = SchoolFactory(organisatie=schoolorganisatie, gemeente=gemeente, naam="Het Baken")
    regisseur = MedewerkerFactory(
        first_name="Eva",
        last_name="Bakker",
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=leerplicht,
    )
    leerling = LeerlingFactory(
        voornamen="Sam",
        achternaam="Jansen",
        woongemeente=gemeente,
        # 14 today, whatever today is
        geboortedatum=date(vandaag.year - 14, 1, 1),
    )
    InschrijvingFactory(leerling=leerling, school=school)
    ouder = OuderFactory(leerling=leerling, voornamen="Anna", achternaam="Jansen", gezag=True)
    casus = services.open_casus(
        leerling=leerling, door=regisseur, start=vandaag - timedelta(days=14)
    )
    # the case was on the agenda of last week's UVO: the questionnaire "werkt dit?" after the
    # UVO is open
    uvo = overleg.plan_overleg(soort="uvo", datum=vandaag - timedelta(days=7), door=regisseur)
    overleg.agendeer(overleg=uvo, casus=casus, door=regisseur)
    ouder_toegang = PortaaltoegangFactory(
        casus=casus, ouder=ouder, gebruiker__naam="Anna Jansen", email="anna@example.org"
    )
    leerling_toegang = PortaaltoegangFactory(casus=casus, gebruiker__naam="Sam Jansen")
    # one of each thing a page shows, with placeholder words that are then taken out, so the
    # fixed texts around them (the reaction form, the reply form, the thread) are scored too
    services.sla_plan_op(
        casus=casus, door=regisseur, basis_versie=0, doel="Xdoel", afspraken="Xafspraken"
    )
    over_twee_weken = vandaag + timedelta(days=14)
    services.voeg_actie_toe(
        casus=casus, door=regisseur, wat="Xactie", uiterlijk=over_twee_weken, ouder=ouder
    )
    services.voeg_actie_toe(
        casus=casus, door=regisseur, wat="Xactie", uiterlijk=over_twee_weken, leerling_zelf=True
    )
    volgende_uvo = overleg.plan_overleg(
        soort="uvo", datum=vandaag + timedelta(days=7), door=regisseur
    )
    overleg.agendeer(overleg=volgende_uvo, casus=casus, door=regisseur)
    for toegang in (ouder_toegang, leerling_toegang):
        relatie.nodig_uit_voor_overleg(overleg=volgende_uvo, toegang=toegang, door=regisseur)
        relatie.stuur_bericht(toegang=toegang, tekst="Xbericht", door=regisseur)
    # a father without gezag whose access row is active: the portal says why he has no access
    vader = OuderFactory(
        leerling=leerling,
        relatie=Ouder.Relatie.VADER,
        voornamen="Kim",
        achternaam="de Vries",
        gezag=False,
    )
    zonder = PortaaltoegangFactory(casus=casus, ouder=vader, gebruiker__naam="Kim de Vries")
    assert reden_geen_toegang(zonder) != ""
    gegevens = [
        "Xdoel",
        "Xafspraken",
        "Xactie",
        "Xbericht",
        "Sam Jansen",
        "Anna Jansen",
        "Eva Bakker",
        "Kim de Vries",
        "Sam",
        "Anna",
        "Eva",
        "Kim",
        "Jansen",
        "Bakker",
        "de Vries",
        "Het Baken",
        "Leerplicht Demodam",
        "Demodam",
        str(regisseur),
        str(ouder),
        leerling.naam,
        school.naam,
        str(schoolorganisatie),
        str(leerplicht),
        gemeente.naam,
    ]
    for toegang in (ouder_toegang, leerling_toegang, zonder):
        assert toegang.gebruiker is not None
        gegevens += [toegang.gebruiker.naam, toegang.gebruiker.inlognaam]
    return Gezin(
        personen=[
            Persoon("ouder", ouder_toegang.gebruiker, ouder_toegang),
            Persoon("leerling (14)", leerling_toegang.gebruiker, leerling_toegang),
            Persoon("zonder gezag", zonder.gebruiker),
            Persoon("niet ingelogd", None),
        ],
        gegevens=gegevens,
    )


# --- the pages of the namespace -----------------------------------------------------------------


def _patronen(patronen: list[Any]) -> Iterator[URLPattern]:
    for patroon in patronen:
        if isinstance(patroon, URLResolver):
            yield from _patronen(patroon.url_patterns)
        elif isinstance(patroon, URLPattern) and patroon.name:
            yield patroon


@dataclass(frozen=True)
class Pagina:
    """One URL pattern of the namespace: its name and the names of its arguments. Two patterns
    may share a name (a list and its next pages): each is a page of its own."""

    naam: str
    argumenten: tuple[str, ...]

    @property
    def label(self) -> str:
        extra = [a for a in self.argumenten if a != "toegang"]
        return "/".join([self.naam, *extra])


def portaalpaginas() -> list[Pagina]:
    """Every URL pattern of the `portaal` namespace."""
    _, resolver = get_resolver().namespace_dict["portaal"]
    return sorted(
        {
            Pagina(patroon.name, tuple(patroon.pattern.regex.groupindex))
            for patroon in _patronen(resolver.url_patterns)
            if patroon.name is not None
        },
        key=lambda p: p.label,
    )


# The value of each URL argument, for a person with an access; a page with another argument
# makes the test fail until it is named here.
def _eerste(rijen: Any) -> int | None:
    rij = rijen.order_by("pk").first()
    return None if rij is None else int(rij.pk)


ARGUMENTEN: dict[str, Callable[[Persoon], Any]] = {
    "toegang": lambda persoon: persoon.toegang.pk if persoon.toegang else None,
    # the person's own letter (the invitation to the next UVO) and invitation
    "brief": lambda persoon: _eerste(
        Brief.objects.filter(casus=persoon.toegang.casus, aan_leerling=True)
        if persoon.toegang.is_leerling
        else Brief.objects.filter(casus=persoon.toegang.casus, ouder=persoon.toegang.ouder)
    ),
    "uitnodiging": lambda persoon: _eerste(
        Overleguitnodiging.objects.filter(toegang=persoon.toegang)
    ),
    # the first page of a list that has more
    "pagina": lambda persoon: 1,
    # the questionnaire after the UVO: the case was on the agenda of a past UVO (see the fixture)
    "moment": lambda persoon: "na_uvo",
}


def _adres(naam: str, argumenten: tuple[str, ...], persoon: Persoon) -> str:
    waarden = {}
    for argument in argumenten:
        if argument not in ARGUMENTEN:
            pytest.fail(
                f"portaal:{naam} takes the argument {argument!r}: add its value to ARGUMENTEN "
                "in tests/portaal/test_leesbaarheid.py"
            )
        waarde = ARGUMENTEN[argument](persoon)
        assert waarde is not None, f"the case has no {argument} for portaal:{naam}"
        waarden[argument] = waarde
    return reverse(f"portaal:{naam}", kwargs=waarden)


@dataclass
class Meting:
    pagina: str
    persoon: str
    score: float
    woorden: int
    met_basis: bool
    tekst: str


def _meet(gezin: Gezin) -> tuple[list[Meting], dict[str, list[str]]]:
    """Render every portal page for every person; the scores, and per page what each person
    got back."""
    metingen: list[Meting] = []
    antwoorden: dict[str, list[str]] = {}
    for pagina in portaalpaginas():
        naam, argumenten = pagina.naam, pagina.argumenten
        antwoorden[pagina.label] = []
        for persoon in gezin.personen:
            if argumenten and persoon.toegang is None:
                continue  # a page of one case is for someone with an access to it
            adres = _adres(naam, argumenten, persoon)
            client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="nl")
            if persoon.gebruiker is not None:
                log_in_portaal(client, persoon.gebruiker)
            antwoord = client.get(adres)
            soort = antwoord.get("Content-Type", "")
            antwoorden[pagina.label].append(f"{persoon.naam}: {antwoord.status_code} {soort}")
            if antwoord.status_code != 200 or not soort.startswith("text/html"):
                continue
            assert antwoord.get("Content-Language", "nl") == "nl", (naam, persoon.naam)
            main, alles, heeft_main = zichtbare_tekst(antwoord.content.decode(), gezin.gegevens)
            assert heeft_main, f"portaal:{naam} ({persoon.naam}) has no <main>"
            met_basis = woorden(main) < MINIMUM_WOORDEN
            tekst = alles if met_basis else main
            metingen.append(
                Meting(
                    pagina.label,
                    persoon.naam,
                    flesch_douma(tekst),
                    woorden(tekst),
                    met_basis,
                    tekst,
                )
            )
    return metingen, antwoorden


def _tabel(metingen: list[Meting]) -> str:
    regels = [f"{'pagina':<22} {'persoon':<16} {'score':>6} {'woorden':>8}"]
    for m in metingen:
        basis = "  (met de basistekst)" if m.met_basis else ""
        regels.append(f"{m.pagina:<22} {m.persoon:<16} {m.score:6.1f} {m.woorden:8d}{basis}")
    return "\n".join(regels)


def test_elke_portaalpagina_scoort_minstens_60_op_flesch_douma(
    gezin: Gezin, record_property: Callable[[str, object], None]
) -> None:
    # given every page of the portal, rendered in Dutch for each person who can open it
    metingen, antwoorden = _meet(gezin)
    # (the scores also go to the JUnit report: pytest --junitxml)
    record_property("flesch_douma", "\n" + _tabel(metingen))

    # then every page gave a text to someone, or is named as a page without text
    naam_van = {p.label: p.naam for p in portaalpaginas()}
    gemeten = {m.pagina for m in metingen}
    zonder_tekst = sorted(
        label
        for label in antwoorden
        if label not in gemeten and naam_van[label] not in GEEN_TEKSTPAGINA
    )
    assert zonder_tekst == [], "pages that gave no text to anyone:\n" + "\n".join(
        f"portaal:{label}: {'; '.join(antwoorden[label]) or 'not rendered'}"
        for label in zonder_tekst
    )
    # and a page named as without text really is, and still exists
    assert sorted(label for label in gemeten if naam_van[label] in GEEN_TEKSTPAGINA) == []
    assert set(GEEN_TEKSTPAGINA) <= set(naam_van.values())

    # and each scores at least 60
    te_laag = [m for m in metingen if m.score < DREMPEL]
    assert te_laag == [], (
        f"Flesch–Douma below {DREMPEL}:\n"
        + _tabel(metingen)
        + "\n\n"
        + "\n\n".join(f"portaal:{m.pagina} ({m.persoon}):\n{m.tekst}" for m in te_laag)
    )
    assert {"inloggen", "start", "casus", "wie_keek", "wie_keek/pagina"} <= gemeten


# --- the measure itself -------------------------------------------------------------------------


def test_textstat_rekent_met_de_formule_van_douma() -> None:
    # textstat's constants for Dutch are Douma's
    assert LANG_CONFIGS["nl"] == {
        "fre_base": 206.835,
        "fre_sentence_length": 0.93,
        "fre_syll_per_word": 77,
    }
    tekst = "U ziet hier de mensen die met u werken. De regisseur regelt alles. Stuur een bericht."
    textstat.set_lang("nl")
    zinnen = textstat.sentence_count(tekst)
    aantal = textstat.lexicon_count(tekst)
    lettergrepen = textstat.syllable_count(tekst)
    assert (zinnen, aantal) == (3, 16)
    # "regisseur" has three syllables in the Dutch hyphenation dictionary (not the English one)
    assert textstat.syllable_count("regisseur") == 3
    verwacht = 206.835 - 0.93 * aantal / zinnen - 77 * lettergrepen / aantal
    assert flesch_douma(tekst) == pytest.approx(verwacht)
    # and a long official sentence scores far below plain words
    ambtelijk = (
        "Ingevolge de toepasselijke wettelijke bepalingen inzake de verwerking van "
        "persoonsgegevens wordt de betrokkene geïnformeerd omtrent de bewaartermijnen."
    )
    assert flesch_douma(ambtelijk) < 20 < 60 < flesch_douma(tekst)


def test_de_tekst_van_een_pagina_is_wat_een_lezer_ziet() -> None:
    html = (
        "<html><head><title>Titel telt niet</title></head><body>"
        "<nav><a href='#'>Plan</a></nav>"
        "<main><h1>Uw plan</h1><p>Hier staat <a href='#'>het plan</a> van Sam Jansen.</p>"
        "<p hidden>Verborgen</p><span aria-hidden='true'>★</span>"
        "<script>var geheim = 1;</script>"
        "<label for='x'>Wat vindt u ervan?</label><input type='submit' value='Opslaan'>"
        "<p>Gemaakt op 7 december 2026 om 10:15 door anna@example.org.</p>"
        "<table><tr><th>Wie</th></tr><tr><td>Leerplicht keek</td></tr></table></main>"
        "</body></html>"
    )
    main, alles, heeft_main = zichtbare_tekst(html, ["Sam Jansen"])
    assert heeft_main
    assert main.split() == [
        "Uw",
        "plan.",
        "Hier",
        "staat",
        "het",
        "plan",
        "van",
        ".",
        "Wat",
        "vindt",
        "u",
        "ervan?",
        "Opslaan.",
        "Gemaakt",
        "op",
        "om",
        "door",
        ".",
        "Wie.",
    ]
    assert alles.startswith("Plan. Uw plan.")
    assert "Titel" not in alles and "geheim" not in alles and "Verborgen" not in alles
    assert "Leerplicht" not in alles
