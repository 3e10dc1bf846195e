# SPDX-License-Identifier: EUPL-1.2
"""The machinery of the row-wise checks (schools, pupils, enrolments, exemptions: at most some
hundred thousand rows, checked one by one): Controle collects every problem of one row, a valid
row becomes a Kandidaat to store, and Rijsoort is what one import kind implements
(rijsoorten.py has the four kinds). Absence is checked set-wise instead (tabelcontroles.py),
with the same messages (meldingen.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Model

from .bereik import Bereik
from .meldingen import (
    m_begin_na_eind,
    m_bsn,
    m_bsn_of_onderwijsnummer,
    m_datum,
    m_onderwijsnummer,
    m_te_lang,
    m_verplicht,
    m_vestiging,
)
from .normaliseren import (
    lees_datum,
    normaliseer_bsn,
    normaliseer_onderwijsnummer,
    normaliseer_vestiging,
)


@dataclass(frozen=True)
class Probleem:
    veld: str
    waarde: str
    reden: str


class Afgewezen(Exception):
    def __init__(self, problemen: list[Probleem]) -> None:
        super().__init__(problemen)
        self.problemen = problemen


class Controle:
    """Collects the problems of one row, so a row with three errors names all three."""

    def __init__(self, rij: Mapping[str, Any]) -> None:
        self.rij = rij
        self.problemen: list[Probleem] = []
        self.opmerkingen: list[Any] = []
        """Notices for the import report when the row is stored (toegang.gemeenten.Opgevolgd:
        it named an ended municipality)."""

    def fout(self, veld: str, reden: str) -> None:
        self.problemen.append(Probleem(veld, self.rij.get(veld) or "", reden))

    def klaar(self) -> None:
        if self.problemen:
            raise Afgewezen(self.problemen)

    def verplicht(self, veld: str) -> str | None:
        waarde: str | None = self.rij.get(veld)
        if not waarde:
            self.fout(veld, m_verplicht() % {"veld": veld})
            return None
        return waarde

    def tekst(self, veld: str, maximum: int, *, verplicht: bool = False) -> str | None:
        waarde = self.verplicht(veld) if verplicht else self.rij.get(veld)
        if waarde is not None and len(waarde) > maximum:
            self.fout(veld, m_te_lang() % {"veld": veld, "max": maximum})
            return None
        return waarde

    def datum(self, veld: str, *, verplicht: bool = True) -> date | None:
        waarde = self.verplicht(veld) if verplicht else self.rij.get(veld)
        if waarde is None:
            return None
        dag = lees_datum(waarde)
        if dag is None:
            self.fout(veld, m_datum() % {"waarde": waarde})
        return dag

    def keuze(self, veld: str, opties: tuple[str, ...], reden: str, *, klein: bool = True) -> str:
        waarde = self.verplicht(veld)
        if waarde is None:
            return ""
        genormaliseerd = waarde.lower() if klein else waarde.upper()
        if genormaliseerd not in opties:
            self.fout(veld, reden % {"waarde": waarde})
        return genormaliseerd

    def periode(self, begin: date | None, eind: date | None) -> None:
        if begin and eind and begin > eind:
            self.fout(
                "einddatum",
                m_begin_na_eind() % {"begin": begin.isoformat(), "eind": eind.isoformat()},
            )

    def identiteit(self) -> tuple[str, str] | None:
        """The pupil's key: ("bsn", …) or, without a BSN, ("onderwijsnummer", …)."""
        bsn = self.rij.get("bsn")
        onderwijsnummer = self.rij.get("onderwijsnummer")
        if bsn:
            schoon = normaliseer_bsn(bsn)
            if schoon is None:
                self.fout("bsn", m_bsn() % {"waarde": bsn})
                return None
            return ("bsn", schoon)
        if onderwijsnummer:
            schoon = normaliseer_onderwijsnummer(onderwijsnummer)
            if schoon is None:
                self.fout("onderwijsnummer", m_onderwijsnummer() % {"waarde": onderwijsnummer})
                return None
            return ("onderwijsnummer", schoon)
        self.fout("bsn", m_bsn_of_onderwijsnummer())
        return None

    def school(self) -> tuple[str, str] | None:
        brin = self.verplicht("brin")
        vestiging = normaliseer_vestiging(self.rij.get("vestiging"))
        if brin is None:
            return None
        if vestiging is None:
            self.fout("vestiging", m_vestiging() % {"waarde": self.rij.get("vestiging")})
            return None
        return (brin.upper(), vestiging)


@dataclass(frozen=True)
class Wacht:
    """Why a valid row waits: "verhuizing" (a reported move, confirmed by the Leerplicht of
    `van_gemeente_id`) or a reason of InschrijvingTerBevestiging.Reden."""

    reden: str
    van_gemeente_id: int | None = None
    identiteit: str = ""
    """An enrolment row's pupil as the school sent it ("bsn:…", "onderwijsnummer:…")."""


VERHUIZING = "verhuizing"


@dataclass
class Kandidaat:
    """A valid row, ready to store: its natural key, the values to store, the stored record with
    that key (None: new) and what tells it apart from other rows of the file."""

    rij: int
    sleutel: dict[str, Any]
    waarden: dict[str, Any]
    bestaand: Any
    uniek: list[tuple[str, tuple[Any, ...]]]
    """(label, key) pairs that must be unique within the file, e.g. ("BSN", ("123456782",))."""
    ouders: list[dict[str, Any]] = field(default_factory=list)
    wacht: Wacht | None = None
    """Set when the row is valid but may not be applied by this importer: it is held for the
    organisation that has the pupil to confirm (opslaan.bewaar_kandidaten)."""
    opmerkingen: list[Any] = field(default_factory=list)
    """Notices for the report once the row is stored (Controle.opmerkingen), each with a
    melding(rijen) that says it for all the rows that share it."""

    @property
    def handtekening(self) -> tuple[Any, ...]:
        return (
            tuple(sorted(self.sleutel.items())),
            tuple(sorted((k, str(v)) for k, v in self.waarden.items())),
            tuple(tuple(sorted(o.items())) for o in self.ouders),
        )


class Rijsoort:
    """One row-wise import kind: set-wise look-ups per batch, then a check per row."""

    model: type[Model]

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        self.kolommen = kolommen
        self.bereik = bereik

    def voorbereid(self, rijen: list[dict[str, Any]]) -> None:
        """Fetches what the rows of one batch refer to, in a few queries."""

    def lees(self, rij: dict[str, Any]) -> Kandidaat:
        raise NotImplementedError
