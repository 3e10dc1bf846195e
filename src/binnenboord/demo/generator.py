# SPDX-License-Identifier: EUPL-1.2
"""A deterministic, entirely fictitious demo city: Demodam (CBS code 9999) with its schools,
pupils, parents, enrolments, exemptions, a year of day-level absence, the partner organisations
and one log-in per role. The same seed, size and peildatum give the same data, so a demo, a
screenshot and a test can all point at the same pupil.

The city is planned first (pure, no database). Schools, pupils with their parents, enrolments,
absence and exemptions then go the way a municipality's data goes: written as CSV files and read
by the file import, so the demo exercises that path and a mismatch with it stops the demo.
Organisations, staff, kernteams and municipalities have no import format and are written
directly. Rows are streamed into the files, so a G4-sized city (150,000 pupils) stays within
memory."""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from django.contrib.auth.hashers import make_password
from django.db import transaction

from faker import Faker
from stdnum.nl import bsn as bsn_nummer

from binnenboord.kern.kalender import Schoolkalender, Vakantie
from binnenboord.registratie.models import (
    Import,
    Inschrijving,
    Leerling,
    Ouder,
    Regio,
    School,
    Schoolvakantie,
    Verzuim,
    Vrijstelling,
)
from binnenboord.toegang.models import Gemeente, Kernteam, Medewerker, Organisatie, Rol

from .importpad import Importpad

WACHTWOORD = "binnenboord-demo"
DEMODAM = ("9999", "Demodam")
BUURDORP = ("9998", "Buurdorp")
REGIO = Regio.NOORD
VESTIGING = "00"
BATCH_SIZE = 5000

# The columns of the import files (docs/importeren.md).
SCHOOLKOLOMMEN = ("brin", "vestiging", "naam", "soort", "gemeente", "regio", "daglengte")
LEERLINGKOLOMMEN = (
    "bsn",
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "woongemeente",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    *(
        f"ouder{n}_{veld}"
        for n in (1, 2)
        for veld in ("voornamen", "achternaam", "telefoon", "email")
    ),
)
INSCHRIJVINGKOLOMMEN = ("bsn", "brin", "vestiging", "begindatum", "einddatum")
VERZUIMKOLOMMEN = (
    "bsn",
    "brin",
    "vestiging",
    "datum",
    "minuten",
    "soort",
    "hele_dag",
    "reden_code",
)
VRIJSTELLINGKOLOMMEN = ("bsn", "artikel", "begindatum", "einddatum")

# Minutes of a whole school day as the school's system knows it; a sick day counts as the
# whole day. The file says hele_dag=ja too, and the importer decides what a whole day counts.
DAG_MINUTEN: dict[str, int] = {
    School.Soort.PO: 300,
    School.Soort.SO: 300,
    School.Soort.VO: 360,
    School.Soort.VSO: 330,
    School.Soort.MBO: 360,
}
LESUUR = 50

# School reason codes, kept beside the mapped verzuimsoort as a school system would send them.
CODE_PER_SOORT = {
    "ziek": "ZK",
    "ongeoorloofd": "OG",
    "te_laat": "TL",
    "luxe": "LX",
    "geoorloofd": "VL",
}

# Pupils per school of each kind; decides how many schools a city of a given size gets.
LEERLINGEN_PER_SCHOOL: dict[str, int] = {
    School.Soort.PO: 250,
    School.Soort.VO: 800,
    School.Soort.SO: 150,
    School.Soort.VSO: 150,
    School.Soort.MBO: 1500,
}
MINIMUM_SCHOLEN: dict[str, int] = {
    School.Soort.PO: 2,
    School.Soort.VO: 1,
    School.Soort.SO: 1,
    School.Soort.VSO: 1,
    School.Soort.MBO: 1,
}

SCHOOLNAMEN: dict[str, list[str]] = {
    School.Soort.PO: [
        "De Regenboog",
        "De Vlinder",
        "Het Klaverblad",
        "De Wilgenhoek",
        "De Zonnewijzer",
        "Het Kompas",
        "De Sterrenkijker",
        "De Boomgaard",
        "De Fontein",
        "Het Palet",
        "De Notenkraker",
        "De Windroos",
        "De Springplank",
        "Het Anker",
        "De Meander",
        "De Horizon",
        "De Bijenkorf",
        "De Tweemaster",
        "De Vuurtoren",
        "Het Zeepaardje",
    ],
    School.Soort.SO: ["De Kameleon", "Het Mozaïek", "De Kleine Beer"],
    School.Soort.VO: [
        "Demodam College",
        "Lyceum aan de Dijk",
        "Scholengemeenschap Het Wad",
        "Vakcollege Demodam",
        "Gymnasium Demodamum",
        "Polder College",
    ],
    School.Soort.VSO: ["De Brug", "Het Startpunt", "De Opstap"],
    School.Soort.MBO: ["ROC Demodam", "Vakschool Noorderhaven"],
}
SCHOOLVOORVOEGSELS: dict[str, list[str]] = {
    School.Soort.PO: ["OBS", "CBS", "RKBS", "IKC", "Basisschool"],
    School.Soort.SO: ["SO"],
    School.Soort.VO: [""],
    School.Soort.VSO: ["VSO"],
    School.Soort.MBO: [""],
}
WIJKEN = ["Noord", "Oost", "Zuid", "West", "Centrum", "Haven", "Dijk", "Polder", "Molenwijk"]
E_MAILDOMEINEN = ["example.com", "example.net", "example.org"]
# How long ago the pupils of absoluut verzuim were taken off their school's roll (months, from
# and to): none of them has been at home since the year he turned five.
ABSOLUUT_MAANDEN = (2, 7)
# How long ago an art. 5 onder a exemption for good began (months; see _plan_vrijstellingen).
VRIJ_SINDS_MAANDEN = 11
POSTCODE_CIJFERS = {DEMODAM[0]: range(9990, 9998), BUURDORP[0]: range(9998, 10000)}


@dataclass(frozen=True)
class DemoInlog:
    rol: str
    gebruikersnaam: str
    wachtwoord: str
    organisatie: str

    @property
    def rol_naam(self) -> str:
        return str(Rol(self.rol).label)


@dataclass(frozen=True)
class DemoStad:
    gemeenten: int
    organisaties: int
    scholen: int
    medewerkers: int
    leerlingen: int
    ouders: int
    inschrijvingen: int
    verzuim: int
    vrijstellingen: int
    inloggegevens: list[DemoInlog]


@dataclass(slots=True)
class _Periode:
    school: int  # index into the planned schools; the pk comes later
    begin: date
    eind: date | None = None


@dataclass(frozen=True, slots=True)
class _Vrijstelling:
    artikel: str
    begin: date
    eind: date | None


@dataclass(slots=True)
class _Kind:
    geboortedatum: date
    leeftijd: int
    soort: str | None = None
    woont_in_demodam: bool = True
    loopbaan: list[_Periode] = field(default_factory=list)
    profiel: str = "normaal"
    vrijstelling: _Vrijstelling | None = None
    bsn: str = ""  # given when the pupil's row is written; the other files name him by it


@dataclass(frozen=True, slots=True)
class _Schoolplan:
    soort: str
    naam: str
    brin: str


def bouw_demostad(
    *,
    grootte: int,
    seed: int,
    peildatum: date,
    bij_import: Callable[[Import], None] | None = None,
) -> DemoStad:
    """Build the demo city in one transaction; `bij_import` hears of each finished import.
    Fails on a database that already holds the demo (usernames are unique); empty it first.
    Raises DemoImportMislukt, and stores nothing, when an import rejects a row."""
    if grootte < 1:
        raise ValueError("grootte moet minstens 1 zijn")
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    kalender_dagen = _kalender().lesdagen(peildatum - timedelta(days=364), peildatum)

    kinderen, schoolplannen = _plan(rng, grootte, peildatum, kalender_dagen)

    with TemporaryDirectory(prefix="binnenboord-demo-") as map_, transaction.atomic():
        pad = Importpad(Path(map_), bij_import)
        demodam, _ = Gemeente.objects.get_or_create(code=DEMODAM[0], defaults={"naam": DEMODAM[1]})
        buurdorp, _ = Gemeente.objects.get_or_create(
            code=BUURDORP[0], defaults={"naam": BUURDORP[1]}
        )
        partners = _maak_partners(demodam, buurdorp)
        scholen = _importeer_scholen(pad, schoolplannen, partners["swv"])
        inloggegevens, medewerkers = _maak_medewerkers(fake, partners, scholen)
        _maak_kernteams(scholen, medewerkers)
        aantallen = _importeer_leerlingen(
            pad, rng, fake, kinderen, schoolplannen, kalender_dagen, peildatum
        )

    return DemoStad(
        gemeenten=2,
        organisaties=len(partners) + len(scholen),
        scholen=len(scholen),
        medewerkers=len(medewerkers),
        inloggegevens=inloggegevens,
        **aantallen,
    )


def _importeer_leerlingen(
    pad: Importpad,
    rng: random.Random,
    fake: Faker,
    kinderen: list[_Kind],
    plannen: list[_Schoolplan],
    lesdagen: list[date],
    peildatum: date,
) -> dict[str, int]:
    """Pupils with their parents, enrolments, absence and exemptions, in the order they refer
    to each other; returns their counts for DemoStad."""
    teller: Counter[str] = Counter()
    leerlingen = pad.importeer(
        "leerlingen", LEERLINGKOLOMMEN, _leerlingrijen(rng, fake, kinderen, teller)
    )
    inschrijvingen = pad.importeer(
        "inschrijvingen", INSCHRIJVINGKOLOMMEN, _inschrijvingrijen(kinderen, plannen)
    )
    pad.importeer(
        "verzuim",
        VERZUIMKOLOMMEN,
        _verzuimrijen(rng, kinderen, plannen, lesdagen, peildatum, teller),
    )
    vrijstellingen = pad.importeer(
        "vrijstellingen", VRIJSTELLINGKOLOMMEN, _vrijstellingrijen(kinderen)
    )
    return {
        "leerlingen": leerlingen.aantal_nieuw,
        "ouders": teller["ouders"],
        "inschrijvingen": inschrijvingen.aantal_nieuw,
        # the import counts file rows; a day of several lesuren is one day
        "verzuim": teller["verzuimdagen"],
        "vrijstellingen": vrijstellingen.aantal_nieuw,
    }


def huidige_demostad() -> DemoStad:
    """The counts and demo log-ins of what is in the database now."""
    demo = Medewerker.objects.filter(username__in=Rol.values).select_related("organisatie")
    per_naam = {m.username: m for m in demo}
    inloggegevens = [
        DemoInlog(
            rol=rol,
            gebruikersnaam=rol,
            wachtwoord=WACHTWOORD,
            organisatie=str(per_naam[rol].organisatie or ""),
        )
        for rol in Rol.values
        if rol in per_naam
    ]
    return DemoStad(
        gemeenten=Gemeente.objects.count(),
        organisaties=Organisatie.objects.count(),
        scholen=School.objects.count(),
        medewerkers=Medewerker.objects.count(),
        leerlingen=Leerling.objects.count(),
        ouders=Ouder.objects.count(),
        inschrijvingen=Inschrijving.objects.count(),
        verzuim=Verzuim.objects.count(),
        vrijstellingen=Vrijstelling.objects.count(),
        inloggegevens=inloggegevens,
    )


def _kalender() -> Schoolkalender:
    """The calendar the absence import checks against: with the holidays imported from the
    rijksoverheid feed, if any, so no absence day falls on a day the importer calls a holiday.
    The demo schools are new, so they have no free days of their own."""
    vakanties = [
        Vakantie(v.naam, v.regio, v.begindatum, v.einddatum, v.verplicht)
        for v in Schoolvakantie.objects.all()
    ]
    return Schoolkalender(REGIO, vakanties=vakanties)


# --- planning (pure, no database) ---------------------------------------------------------


def _plan(
    rng: random.Random, grootte: int, peildatum: date, lesdagen: list[date]
) -> tuple[list[_Kind], list[_Schoolplan]]:
    kinderen = _plan_kinderen(rng, grootte, peildatum)
    schoolplannen = _plan_scholen(kinderen)
    _plan_loopbanen(rng, kinderen, schoolplannen, peildatum, lesdagen)
    _plan_profielen(rng, kinderen, lesdagen)
    _plan_vrijstellingen(rng, kinderen, peildatum)
    return kinderen, schoolplannen


def _plan_kinderen(rng: random.Random, grootte: int, peildatum: date) -> list[_Kind]:
    jongste = _jaren_terug(peildatum, 4)
    oudste = _jaren_terug(peildatum, 18) + timedelta(days=1)
    span = (jongste - oudste).days + 1
    kinderen = []
    for i in range(grootte):
        dagen = min(span - 1, int((i + rng.random()) * span / grootte))
        geboren = oudste + timedelta(days=dagen)
        kinderen.append(_Kind(geboortedatum=geboren, leeftijd=_leeftijd(geboren, peildatum)))
    # Ids in birth order would make every list look sorted by age.
    rng.shuffle(kinderen)
    for kind in kinderen:
        kind.woont_in_demodam = rng.random() >= 0.05
        if kind.leeftijd <= 11:
            kind.soort = School.Soort.SO if rng.random() < 0.03 else School.Soort.PO
        elif kind.leeftijd >= 16 and rng.random() < 0.20:
            kind.soort = School.Soort.MBO
        else:
            kind.soort = School.Soort.VSO if rng.random() < 0.03 else School.Soort.VO
    return kinderen


def _plan_scholen(kinderen: list[_Kind]) -> list[_Schoolplan]:
    plannen: list[_Schoolplan] = []
    # VO first, so that the schoolmedewerker's school is the city's flagship college.
    for soort in (School.Soort.VO, School.Soort.PO, School.Soort.SO, School.Soort.VSO):
        plannen += _scholen_van_soort(soort, kinderen, len(plannen))
    plannen += _scholen_van_soort(School.Soort.MBO, kinderen, len(plannen))
    return plannen


def _scholen_van_soort(soort: str, kinderen: list[_Kind], eerder: int) -> list[_Schoolplan]:
    leerlingen = sum(1 for k in kinderen if k.soort == soort)
    aantal = max(MINIMUM_SCHOLEN[soort], round(leerlingen / LEERLINGEN_PER_SCHOOL[soort]))
    namen, voorvoegsels = SCHOOLNAMEN[soort], SCHOOLVOORVOEGSELS[soort]
    plannen = []
    for i in range(aantal):
        ronde = i // len(namen)
        if ronde == 0:
            wijk = ""
        elif ronde <= len(WIJKEN):
            wijk = f" {WIJKEN[ronde - 1]}"
        else:
            wijk = f" locatie {ronde + 1}"
        voorvoegsel = voorvoegsels[i % len(voorvoegsels)]
        naam = f"{voorvoegsel} {namen[i % len(namen)]}{wijk} (demo)".strip()
        plannen.append(_Schoolplan(soort=soort, naam=naam, brin=_brin(eerder + i)))
    return plannen


def _brin(volgnummer: int) -> str:
    # Two digits and two letters is the form stdnum.nl.brin accepts; counting down from 99
    # keeps the demo schools at one end of the range.
    cijfers, letters = divmod(volgnummer, 26 * 26)
    eerste, tweede = divmod(letters, 26)
    return f"{99 - cijfers:02d}{chr(65 + eerste)}{chr(65 + tweede)}"


def _plan_loopbanen(
    rng: random.Random,
    kinderen: list[_Kind],
    plannen: list[_Schoolplan],
    peildatum: date,
    lesdagen: list[date],
) -> None:
    per_soort: dict[str, list[int]] = {}
    for index, plan in enumerate(plannen):
        per_soort.setdefault(plan.soort, []).append(index)
    schooljaar = _schooljaar_begin(peildatum)

    def school(soort: str) -> int:
        return rng.choice(per_soort[soort])

    for kind in kinderen:
        start_po = _jaren_later(kind.geboortedatum, 4)
        if kind.soort in (School.Soort.PO, School.Soort.SO):
            eerste_jaar = _schooljaar_begin(start_po).year + 1
            # Most SO pupils came from a regular primary school after a year or more.
            if kind.soort == School.Soort.SO and eerste_jaar <= schooljaar.year:
                begin_so = date(rng.randint(eerste_jaar, schooljaar.year), 8, 1)
                kind.loopbaan.append(_Periode(school("PO"), start_po, begin_so - timedelta(days=1)))
                kind.loopbaan.append(_Periode(school("SO"), begin_so))
            else:
                kind.loopbaan.append(_Periode(school(kind.soort), start_po))
            continue
        begin_vo = date(schooljaar.year - (kind.leeftijd - 12), 8, 1)
        kind.loopbaan.append(_Periode(school("PO"), start_po, begin_vo - timedelta(days=1)))
        if kind.soort == School.Soort.MBO:
            begin_mbo = date(schooljaar.year - (kind.leeftijd - 16), 8, 1)
            begin_vo = date(begin_mbo.year - 4, 8, 1)
            kind.loopbaan[-1].eind = begin_vo - timedelta(days=1)
            kind.loopbaan.append(_Periode(school("VO"), begin_vo, begin_mbo - timedelta(days=1)))
            kind.loopbaan.append(_Periode(school("MBO"), begin_mbo))
        else:
            assert kind.soort is not None
            kind.loopbaan.append(_Periode(school(kind.soort), begin_vo))

    _plan_vierjarigen_zonder_school(rng, kinderen, peildatum)
    _plan_absoluut_verzuim(rng, kinderen, peildatum)
    _plan_wisselaars(rng, kinderen, per_soort, plannen, lesdagen)


def _plan_vierjarigen_zonder_school(
    rng: random.Random, kinderen: list[_Kind], peildatum: date
) -> None:
    """About one in ten four-year-olds is not (yet) enrolled; among those of 4 years and 9
    months or older there is always at least one, so the worklist has something on it."""
    oud_genoeg = _maanden_terug(peildatum, 4 * 12 + 9)
    vierjarigen = [k for k in kinderen if k.leeftijd == 4]
    ouder = [k for k in vierjarigen if k.geboortedatum <= oud_genoeg and k.woont_in_demodam]
    jonger = [k for k in vierjarigen if k.geboortedatum > oud_genoeg]
    gekozen = _kies(rng, ouder, max(1, round(0.10 * len(ouder))))
    gekozen += _kies(rng, jonger, round(0.10 * len(jonger)))
    for kind in gekozen:
        kind.loopbaan.clear()
        kind.profiel = "niet_ingeschreven"


def _plan_absoluut_verzuim(rng: random.Random, kinderen: list[_Kind], peildatum: date) -> None:
    """About 0.5% of the clearly leerplichtig pupils (6 to 15) living in Demodam have had no
    enrolment for some months: absoluut verzuim since they were taken off their school's roll
    (ABSOLUUT_MAANDEN ago, spread), so their cases are of this school year, not of the year
    they turned five. Deterministic by their order: it draws nothing, so the rest of the city
    stays as the seed makes it."""
    kandidaten = [
        k
        for k in kinderen
        if 6 <= k.leeftijd <= 15 and k.woont_in_demodam and k.profiel == "normaal"
    ]
    for i, kind in enumerate(_kies(rng, kandidaten, max(1, round(0.005 * len(kandidaten))))):
        van, tot = ABSOLUUT_MAANDEN
        uitgeschreven = _maanden_terug(peildatum, van + i % (tot - van + 1))
        kind.loopbaan = [p for p in kind.loopbaan if p.begin < uitgeschreven]
        if kind.loopbaan:
            kind.loopbaan[-1].eind = uitgeschreven - timedelta(days=1)
        kind.profiel = "absoluut_verzuim"


def _plan_wisselaars(
    rng: random.Random,
    kinderen: list[_Kind],
    per_soort: dict[str, list[int]],
    plannen: list[_Schoolplan],
    lesdagen: list[date],
) -> None:
    """About 1% changed school during the last year: the old enrolment ends the day before
    the new one begins, at another school of the same kind."""
    eerste = lesdagen[20]
    kandidaten = [
        k
        for k in kinderen
        if k.loopbaan
        and k.profiel == "normaal"
        and len(per_soort[plannen[k.loopbaan[-1].school].soort]) > 1
        and k.loopbaan[-1].begin < eerste
    ]
    for kind in _kies(rng, kandidaten, max(1, round(0.01 * len(kinderen)))):
        oud = kind.loopbaan[-1]
        wissel = lesdagen[rng.randrange(20, len(lesdagen) - 10)]
        andere = [s for s in per_soort[plannen[oud.school].soort] if s != oud.school]
        oud.eind = wissel - timedelta(days=1)
        kind.loopbaan.append(_Periode(rng.choice(andere), wissel))
        kind.profiel = "wisselaar"


def _plan_profielen(rng: random.Random, kinderen: list[_Kind], lesdagen: list[date]) -> None:
    """The skew of real absence: most pupils are hardly absent; a few percent are often sick
    or play truant; a handful have been at home for weeks."""
    ingeschreven = [k for k in kinderen if k.loopbaan and k.profiel != "absoluut_verzuim"]
    heel_jaar = [
        k
        for k in ingeschreven
        if k.profiel == "normaal" and k.loopbaan[-1].begin <= lesdagen[0] and k.leeftijd >= 5
    ]
    langdurig = [k for k in heel_jaar if 6 <= k.leeftijd <= 15]
    aantal_langdurig = max(2, round(0.005 * len(ingeschreven)))
    gekozen = _kies(rng, langdurig, aantal_langdurig)
    for i, kind in enumerate(gekozen):
        kind.profiel = "langdurig_ongeoorloofd" if i % 2 == 0 else "langdurig_ziek"

    vrij = [k for k in heel_jaar if k.profiel == "normaal"]
    aantal = max(3, round(0.03 * len(ingeschreven)))
    for kind in _kies(rng, vrij, aantal):
        kind.profiel = "chronisch_ziek"
    vrij = [k for k in vrij if k.profiel == "normaal" and k.leeftijd >= 8]
    spijbelaars = _kies(rng, vrij, aantal)
    for i, kind in enumerate(spijbelaars):
        # One in three reaches the 16 hours of art. 21a, so the absence report has work to do.
        kind.profiel = "zestien_uur" if i % 3 == 0 else "spijbelaar"


def _kies(rng: random.Random, uit: list[_Kind], aantal: int) -> list[_Kind]:
    return rng.sample(uit, min(aantal, len(uit)))


def _plan_vrijstellingen(rng: random.Random, kinderen: list[_Kind], peildatum: date) -> None:
    """About 0.3% of the pupils of compulsory age are exempt this school year: mostly art. 5
    onder a, some 5 onder b or c, and art. 15 for a few of 16 or 17. Every article occurs at
    least once, so even a small city shows each."""
    schooljaar = _schooljaar_begin(peildatum)
    totaal = max(4, round(0.003 * sum(1 for k in kinderen if k.leeftijd >= 5)))
    per_artikel = max(1, round(0.1 * totaal))
    # Demodam's own pupils who went to school before (the exemption ends that). Leerplicht
    # lasts until the end of the school year in which a pupil turns 16; the qualification duty
    # (art. 15) comes after it and ends at 18.
    kandidaten = [
        (k, _leeftijd(k.geboortedatum, schooljaar))
        for k in kinderen
        if k.profiel == "normaal"
        and k.woont_in_demodam
        and k.loopbaan
        and k.loopbaan[0].begin < schooljaar
    ]
    kwalificatieplichtig = [k for k, leeftijd in kandidaten if leeftijd >= 16]
    for kind in _kies(rng, kwalificatieplichtig, per_artikel):
        achttien = _jaren_later(kind.geboortedatum, 18)
        _vrijstellen(kind, Vrijstelling.Artikel.ART_15, schooljaar, achttien - timedelta(days=1))
    leerplichtig = [k for k, leeftijd in kandidaten if 5 <= leeftijd < 16]
    gekozen = _kies(rng, leerplichtig, totaal - per_artikel)
    # 5 onder b and c are claimed per school year (art. 6 lid 2); 5 onder a is sometimes for
    # good, when the child will never be able to go to school (art. 6 lid 3).
    einde = date(schooljaar.year + 1, 7, 31)
    for kind in gekozen[:per_artikel]:
        _vrijstellen(kind, Vrijstelling.Artikel.ART_5B, schooljaar, einde)
    for kind in gekozen[per_artikel : 2 * per_artikel]:
        _vrijstellen(kind, Vrijstelling.Artikel.ART_5C, schooljaar, einde)
    # The first 5 onder a is for good, and runs since VRIJ_SINDS_MAANDEN before the peildatum
    # (since last school year, if it began then): its re-assessment after a year is near, so
    # Leerplicht's worklist of exemptions to re-assess has one (docs/regie.md).
    eerder = _maanden_terug(peildatum, VRIJ_SINDS_MAANDEN)
    for i, kind in enumerate(gekozen[2 * per_artikel :]):
        eind = None if rng.random() < 0.3 or i == 0 else einde
        begin = schooljaar
        if eind is None and eerder < schooljaar and kind.loopbaan[0].begin < eerder:
            begin = eerder
        _vrijstellen(kind, Vrijstelling.Artikel.ART_5A, begin, eind)


def _vrijstellen(kind: _Kind, artikel: str, begin: date, eind: date | None) -> None:
    """An exempt pupil is not enrolled while the exemption runs: the enrolment ends the day
    before it begins."""
    kind.vrijstelling = _Vrijstelling(artikel, begin, eind)
    kind.profiel = "vrijgesteld"
    kind.loopbaan = [p for p in kind.loopbaan if p.begin < begin]
    laatste = kind.loopbaan[-1]
    if laatste.eind is None or laatste.eind >= begin:
        laatste.eind = begin - timedelta(days=1)


# --- writing ------------------------------------------------------------------------------


def _maak_partners(demodam: Gemeente, buurdorp: Gemeente) -> dict[str, Organisatie]:
    soort = Organisatie.Soort
    partners = {
        "leerplicht": Organisatie(naam="Leerplicht Demodam (demo)", soort=soort.GEMEENTE),
        "leerplicht_buurdorp": Organisatie(naam="Leerplicht Buurdorp (demo)", soort=soort.GEMEENTE),
        "swv": Organisatie(
            naam="Samenwerkingsverband Passend Onderwijs Demodam (demo)",
            soort=soort.SAMENWERKINGSVERBAND,
        ),
        "jgz": Organisatie(naam="GGD Demoland, jeugdgezondheidszorg (demo)", soort=soort.JGZ),
        "wijkteam": Organisatie(naam="Wijkteam Demodam-Centrum (demo)", soort=soort.WIJKTEAM),
        "interventieteam": Organisatie(
            naam="Interventieteam VO Demodam (demo)", soort=soort.INTERVENTIETEAM
        ),
    }
    Organisatie.objects.bulk_create(partners.values())
    partners["leerplicht"].gemeenten.add(demodam)
    partners["leerplicht_buurdorp"].gemeenten.add(buurdorp)
    return partners


def _importeer_scholen(
    pad: Importpad, plannen: list[_Schoolplan], swv: Organisatie
) -> list[School]:
    """Imports the schools, then links each to its own Organisatie and the samenwerkingsverband
    (the import format knows neither): one insert and one update, whatever the size."""
    pad.importeer("scholen", SCHOOLKOLOMMEN, (_schoolrij(plan) for plan in plannen))
    organisaties = [
        Organisatie(
            naam=plan.naam,
            soort=Organisatie.Soort.SCHOOL,
            brin=plan.brin,
            vestigingsnummer=VESTIGING,
        )
        for plan in plannen
    ]
    Organisatie.objects.bulk_create(organisaties, batch_size=BATCH_SIZE)
    per_sleutel = {
        (s.brin, s.vestiging): s
        for s in School.objects.filter(brin__in=[plan.brin for plan in plannen])
    }
    scholen = [per_sleutel[(plan.brin, VESTIGING)] for plan in plannen]
    for school, organisatie in zip(scholen, organisaties, strict=True):
        school.organisatie = organisatie
        school.samenwerkingsverband = swv
    School.objects.bulk_update(
        scholen, ["organisatie", "samenwerkingsverband"], batch_size=BATCH_SIZE
    )
    return scholen


def _schoolrij(plan: _Schoolplan) -> dict[str, str]:
    return {
        "brin": plan.brin,
        "vestiging": VESTIGING,
        "naam": plan.naam,
        "soort": plan.soort,
        "gemeente": DEMODAM[0],
        "regio": REGIO,
        # the school's day length: what a whole day of absence counts there
        "daglengte": str(DAG_MINUTEN[plan.soort]),
    }


def _maak_medewerkers(
    fake: Faker, partners: dict[str, Organisatie], scholen: list[School]
) -> tuple[list[DemoInlog], dict[str, Medewerker]]:
    eerste_vo = next(s for s in scholen if s.soort == School.Soort.VO)
    assert eerste_vo.organisatie is not None
    organisatie_per_rol = {
        Rol.SCHOOLMEDEWERKER: eerste_vo.organisatie,
        Rol.LEERPLICHTAMBTENAAR: partners["leerplicht"],
        Rol.JEUGDARTS: partners["jgz"],
        Rol.GEZINSWERKER: partners["wijkteam"],
        Rol.SWV_CONSULENT: partners["swv"],
        Rol.TEAMMANAGER: partners["leerplicht"],
        Rol.INTERVENTIETEAMLID: partners["interventieteam"],
        Rol.BELEIDSMEDEWERKER: partners["leerplicht"],
        Rol.FUNCTIONEEL_BEHEERDER: partners["leerplicht"],
    }
    # One hash for all: the password hasher is deliberately slow.
    wachtwoord_hash = make_password(WACHTWOORD)
    medewerkers = {}
    for rol in Rol:
        vrouw = fake.boolean()
        medewerkers[rol.value] = Medewerker(
            username=rol.value,
            password=wachtwoord_hash,
            first_name=fake.first_name_female() if vrouw else fake.first_name_male(),
            last_name=fake.last_name(),
            email=f"{rol.value}@demodam.example.org",
            organisatie=organisatie_per_rol[rol],
            rol=rol.value,
        )
    Medewerker.objects.bulk_create(medewerkers.values())
    inloggegevens = [
        DemoInlog(
            rol=rol,
            gebruikersnaam=m.username,
            wachtwoord=WACHTWOORD,
            organisatie=str(m.organisatie),
        )
        for rol, m in medewerkers.items()
    ]
    return inloggegevens, medewerkers


def _maak_kernteams(scholen: list[School], medewerkers: dict[str, Medewerker]) -> None:
    Kernteam.objects.bulk_create(
        (
            Kernteam(
                school=school.organisatie,
                leerplichtambtenaar=medewerkers[Rol.LEERPLICHTAMBTENAAR],
                jeugdarts=medewerkers[Rol.JEUGDARTS],
                gezinswerker=medewerkers[Rol.GEZINSWERKER],
                swv_consulent=medewerkers[Rol.SWV_CONSULENT],
            )
            for school in scholen
        ),
        batch_size=BATCH_SIZE,
    )


def _leerlingrijen(
    rng: random.Random, fake: Faker, kinderen: list[_Kind], teller: Counter[str]
) -> Iterator[dict[str, str]]:
    """One row per pupil, with up to two parents; counts the parents in teller["ouders"]."""
    straten = _straatnamen(fake, max(40, len(kinderen) // 40))
    gezien: set[str] = set()
    for kind in kinderen:
        gemeente = DEMODAM if kind.woont_in_demodam else BUURDORP
        rij = _leerlingrij(rng, fake, kind, gemeente, straten, gezien)
        ouders = _ouders(rng, fake, rij)
        teller["ouders"] += len(ouders)
        for n, ouder in enumerate(ouders, start=1):
            rij |= {f"ouder{n}_{veld}": waarde for veld, waarde in ouder.items()}
        yield rij


def _straatnamen(fake: Faker, aantal: int) -> list[str]:
    namen: list[str] = []
    gezien: set[str] = set()
    for _ in range(aantal * 3):
        naam = fake.street_name()
        if naam not in gezien:
            gezien.add(naam)
            namen.append(naam)
        if len(namen) == aantal:
            break
    return namen


def _leerlingrij(
    rng: random.Random,
    fake: Faker,
    kind: _Kind,
    gemeente: tuple[str, str],
    straten: list[str],
    gezien: set[str],
) -> dict[str, str]:
    bsn = fake.ssn()
    while bsn in gezien or len(bsn) != 9 or not bsn_nummer.is_valid(bsn):
        bsn = fake.ssn()
    gezien.add(bsn)
    kind.bsn = bsn
    meisje = rng.random() < 0.49
    voornamen = fake.first_name_female() if meisje else fake.first_name_male()
    if rng.random() < 0.2:
        voornamen += " " + (fake.first_name_female() if meisje else fake.first_name_male())
    tussenvoegsel, achternaam = _splits_achternaam(fake.last_name())
    huisnummer = str(rng.randint(1, 250))
    if rng.random() < 0.1:
        huisnummer += rng.choice("abc")
    code, naam = gemeente
    return {
        "bsn": bsn,
        "voornamen": voornamen,
        "tussenvoegsel": tussenvoegsel,
        "achternaam": achternaam,
        "geboortedatum": kind.geboortedatum.isoformat(),
        "woongemeente": code,
        "straat": rng.choice(straten),
        "huisnummer": huisnummer,
        "postcode": _postcode(rng, code),
        "woonplaats": naam,
    }


def _ouders(rng: random.Random, fake: Faker, leerling: dict[str, str]) -> list[dict[str, str]]:
    """A mother and a father, or one of them, or a carer. The file has no relation column and
    no surname prefix for parents: the import stores each as a carer, "van der" in the
    surname, as it would a municipality's file."""
    if rng.random() < 0.03:
        relaties = ["verzorger"]
    elif rng.random() < 0.75:
        relaties = ["moeder", "vader"]
    else:
        relaties = ["moeder" if rng.random() < 0.8 else "vader"]
    ouders = []
    for relatie in relaties:
        if relatie == "vader":
            voornamen = fake.first_name_male()
            tussenvoegsel, achternaam = leerling["tussenvoegsel"], leerling["achternaam"]
        else:
            voornamen = fake.first_name_female() if rng.random() < 0.9 else fake.first_name_male()
            tussenvoegsel, achternaam = _splits_achternaam(fake.last_name())
        ouders.append(
            {
                "voornamen": voornamen,
                "achternaam": f"{tussenvoegsel} {achternaam}".strip(),
                # 06-00 numbers are not handed out to subscribers.
                "telefoon": f"06-00{rng.randrange(1_000_000):06d}",
                "email": _email(rng, voornamen, tussenvoegsel, achternaam),
            }
        )
    return ouders


def _splits_achternaam(naam: str) -> tuple[str, str]:
    """Faker writes "van der Ploeg"; the register keeps "van der" apart."""
    delen = naam.split(" ")
    i = 0
    while i < len(delen) - 1 and delen[i].islower():
        i += 1
    return " ".join(delen[:i]), " ".join(delen[i:])


def _email(rng: random.Random, voornamen: str, tussenvoegsel: str, achternaam: str) -> str:
    lokaal = f"{voornamen.split(' ')[0]}.{tussenvoegsel}{achternaam}"
    ascii_ = unicodedata.normalize("NFKD", lokaal).encode("ascii", "ignore").decode()
    lokaal = "".join(c for c in ascii_.lower() if c.isalnum() or c == ".")
    return f"{lokaal}@{rng.choice(E_MAILDOMEINEN)}"


def _postcode(rng: random.Random, gemeentecode: str) -> str:
    while True:
        letters = chr(65 + rng.randrange(26)) + chr(65 + rng.randrange(26))
        if letters not in ("SA", "SD", "SS"):
            return f"{rng.choice(POSTCODE_CIJFERS[gemeentecode])} {letters}"


def _inschrijvingrijen(
    kinderen: list[_Kind], plannen: list[_Schoolplan]
) -> Iterator[dict[str, str]]:
    for kind in kinderen:
        for periode in kind.loopbaan:
            yield {
                "bsn": kind.bsn,
                "brin": plannen[periode.school].brin,
                "vestiging": VESTIGING,
                "begindatum": periode.begin.isoformat(),
                "einddatum": periode.eind.isoformat() if periode.eind else "",
            }


def _vrijstellingrijen(kinderen: list[_Kind]) -> Iterator[dict[str, str]]:
    for kind in kinderen:
        if (vrijstelling := kind.vrijstelling) is not None:
            yield {
                "bsn": kind.bsn,
                "artikel": vrijstelling.artikel,
                "begindatum": vrijstelling.begin.isoformat(),
                "einddatum": vrijstelling.eind.isoformat() if vrijstelling.eind else "",
            }


# --- absence ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Blok:
    """The lesdagen [van, tot) (indexes into the year's lesdagen) at one school."""

    van: int
    tot: int
    brin: str
    dag_minuten: int


class _Dagen:
    """The absence of one pupil, one entry per lesdag; the first event on a day wins, so the
    long runs that define a profile are written before the everyday noise."""

    def __init__(self, van: int, tot: int) -> None:
        self.van, self.tot = van, tot
        self.per_dag: dict[int, tuple[str, int | None]] = {}

    def zet(self, dag: int, soort: str, minuten: int | None = None) -> None:
        """minuten None: the whole day."""
        if self.van <= dag < self.tot and dag not in self.per_dag:
            self.per_dag[dag] = (soort, minuten)


def _verzuimrijen(
    rng: random.Random,
    kinderen: list[_Kind],
    plannen: list[_Schoolplan],
    lesdagen: list[date],
    peildatum: date,
    teller: Counter[str],
) -> Iterator[dict[str, str]]:
    """The absence file; counts the pupil-days in teller["verzuimdagen"]."""
    voor_vakantie = [
        i for i in range(len(lesdagen) - 1) if (lesdagen[i + 1] - lesdagen[i]).days >= 7
    ]
    for kind in kinderen:
        if kind.profiel == "absoluut_verzuim":
            # off the roll: no absence file of the school it left (and no draws, so the
            # others' absence stays as the seed makes it)
            continue
        blokken = _blokken(kind, plannen, lesdagen, peildatum)
        if not blokken:
            continue
        dagen = _Dagen(blokken[0].van, blokken[-1].tot)
        _vul_profiel(rng, kind.profiel, dagen, lesdagen, peildatum, voor_vakantie)
        for dag in sorted(dagen.per_dag):
            blok = next((b for b in blokken if b.van <= dag < b.tot), None)
            if blok is None:  # between two enrolments: at no school that day
                continue
            teller["verzuimdagen"] += 1
            soort, minuten = dagen.per_dag[dag]
            yield from _verzuimregels(kind.bsn, blok, lesdagen[dag], soort, minuten)


def _verzuimregels(
    bsn: str, blok: _Blok, datum: date, soort: str, minuten: int | None
) -> Iterator[dict[str, str]]:
    """The rows of one pupil-day as a school system sends them: a whole day as one row with
    hele_dag=ja, absence of whole lesuren as one row per lesuur (the import adds them up),
    anything else as one row."""
    rij = {
        "bsn": bsn,
        "brin": blok.brin,
        "vestiging": VESTIGING,
        "datum": datum.isoformat(),
        "soort": soort,
        "reden_code": CODE_PER_SOORT[soort],
    }
    if minuten is None:
        yield rij | {"minuten": str(blok.dag_minuten), "hele_dag": "ja"}
    elif minuten % LESUUR == 0:
        for _ in range(minuten // LESUUR):
            yield rij | {"minuten": str(LESUUR), "hele_dag": "nee"}
    else:
        yield rij | {"minuten": str(minuten), "hele_dag": "nee"}


def _blokken(
    kind: _Kind, plannen: list[_Schoolplan], lesdagen: list[date], peildatum: date
) -> list[_Blok]:
    blokken = []
    for periode in kind.loopbaan:
        van = bisect_left(lesdagen, periode.begin)
        tot = bisect_right(lesdagen, min(periode.eind or peildatum, peildatum))
        if van < tot:
            plan = plannen[periode.school]
            blokken.append(_Blok(van, tot, plan.brin, DAG_MINUTEN[plan.soort]))
    return blokken


def _vul_profiel(
    rng: random.Random,
    profiel: str,
    dagen: _Dagen,
    lesdagen: list[date],
    peildatum: date,
    voor_vakantie: list[int],
) -> None:
    if profiel in ("langdurig_ongeoorloofd", "langdurig_ziek"):
        # Started more than 4 weeks before the peildatum and still going on.
        sinds = bisect_left(lesdagen, peildatum - timedelta(days=rng.randint(35, 120)))
        soort = "ongeoorloofd" if profiel == "langdurig_ongeoorloofd" else "ziek"
        for dag in range(sinds, dagen.tot):
            dagen.zet(dag, soort)
        _ziekmeldingen(rng, dagen, rng.choice([0, 1, 2]), (1, 3))
        return
    if profiel == "chronisch_ziek":
        for _ in range(rng.randint(1, 2)):
            _ziekmeldingen(rng, dagen, 1, (7, 15))
        _ziekmeldingen(rng, dagen, rng.randint(6, 12), (1, 4))
    elif profiel in ("spijbelaar", "zestien_uur"):
        if profiel == "zestien_uur":
            _spijbelweken(rng, dagen, lesdagen)
        for _ in range(rng.randint(4, 12)):
            dagen.zet(
                rng.randrange(dagen.van, dagen.tot), "ongeoorloofd", LESUUR * rng.randint(1, 4)
            )
        for _ in range(rng.randint(5, 20)):
            dagen.zet(rng.randrange(dagen.van, dagen.tot), "te_laat", rng.randrange(10, 31, 5))
        _ziekmeldingen(rng, dagen, rng.choice([0, 1, 2, 3]), (1, 3))
    else:
        meldingen = rng.choices([0, 1, 2, 3], weights=[35, 30, 22, 13])[0]
        _ziekmeldingen(rng, dagen, meldingen, (1, 3))
    _alledaags(rng, dagen, voor_vakantie)


def _ziekmeldingen(rng: random.Random, dagen: _Dagen, aantal: int, lengte: tuple[int, int]) -> None:
    for _ in range(aantal):
        begin = rng.randrange(dagen.van, dagen.tot)
        # Sent home during the day: the report starts with part of a day.
        eerste = rng.randint(120, 240) if rng.random() < 0.15 else None
        dagen.zet(begin, "ziek", eerste)
        for dag in range(begin + 1, begin + rng.randint(*lengte)):
            dagen.zet(dag, "ziek")


def _spijbelweken(rng: random.Random, dagen: _Dagen, lesdagen: list[date]) -> None:
    """Five days of (almost) whole-day truancy within four calendar weeks: at least
    5 × 200 minutes, so 16 hours within 4 lesweken, whatever the holidays."""
    for _ in range(20):
        begin = rng.randrange(dagen.van, dagen.tot)
        maandag = lesdagen[begin] - timedelta(days=lesdagen[begin].weekday())
        tot = min(dagen.tot, bisect_right(lesdagen, maandag + timedelta(days=27)))
        vrij = [d for d in range(begin, tot) if d not in dagen.per_dag]
        if len(vrij) >= 5:
            for dag in rng.sample(vrij, 5):
                dagen.zet(dag, "ongeoorloofd", rng.randint(200, 300))
            return


def _alledaags(rng: random.Random, dagen: _Dagen, voor_vakantie: list[int]) -> None:
    for _ in range(rng.choices([0, 1, 2, 3, 4, 6], weights=[45, 20, 12, 10, 8, 5])[0]):
        dagen.zet(rng.randrange(dagen.van, dagen.tot), "te_laat", rng.randrange(10, 31, 5))
    if rng.random() < 0.12:
        # Leave: a family occasion (whole day) or a visit to the dentist (a few lesuren).
        minuten = None if rng.random() < 0.4 else LESUUR * rng.randint(1, 3)
        dagen.zet(rng.randrange(dagen.van, dagen.tot), "geoorloofd", minuten)
    if rng.random() < 0.03:
        # Luxe verzuim is the day before a holiday: an early start of the trip.
        binnen = [d for d in voor_vakantie if dagen.van <= d < dagen.tot]
        if binnen:
            dagen.zet(rng.choice(binnen), "luxe")


# --- dates --------------------------------------------------------------------------------


def _leeftijd(geboren: date, op: date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def _jaren_terug(dag: date, jaren: int) -> date:
    return _jaren_later(dag, -jaren)


def _jaren_later(dag: date, jaren: int) -> date:
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:  # 29 February in a common year
        return dag.replace(year=dag.year + jaren, day=28)


def _maanden_terug(dag: date, maanden: int) -> date:
    totaal = dag.year * 12 + dag.month - 1 - maanden
    jaar, maand = divmod(totaal, 12)
    for d in (dag.day, 30, 29, 28):
        try:
            return date(jaar, maand + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _schooljaar_begin(dag: date) -> date:
    return date(dag.year if dag.month >= 8 else dag.year - 1, 8, 1)
