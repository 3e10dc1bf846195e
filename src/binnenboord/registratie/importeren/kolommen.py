# SPDX-License-Identifier: EUPL-1.2
"""The column formats of the six import kinds (docs/importeren.md). Headers are Dutch and lower
case; their order is free. A column that is not listed here refuses the whole file, so that a
typo in an optional column never drops data silently; only the four columns that the rejection
report adds are ignored, so a corrected report can be uploaded again as it is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Formaat:
    soort: str
    verplicht: tuple[str, ...]
    optioneel: tuple[str, ...] = ()
    varianten: tuple[Formaat, ...] = ()
    """Other column sets of the same kind, each recognised by its `kenmerk` columns (absence
    per lesson beside absence per day)."""
    kenmerk: tuple[str, ...] = ()
    """A variant is chosen when the header holds any of these columns."""

    @property
    def kolommen(self) -> tuple[str, ...]:
        return self.verplicht + self.optioneel

    @property
    def alle_kolommen(self) -> tuple[str, ...]:
        """The columns of this format and its variants (the report of rejected rows)."""
        alle = list(self.kolommen)
        for variant in self.varianten:
            alle += [k for k in variant.kolommen if k not in alle]
        return tuple(alle)

    def voor(self, namen: Iterable[str]) -> Formaat:
        """The format a header with these column names is in: the variant whose `kenmerk`
        columns it holds, else this one."""
        aanwezig = set(namen)
        for variant in self.varianten:
            if aanwezig & set(variant.kenmerk):
                return variant
        return self


# Added by the rejection report (rapport.py); ignored when a corrected report is uploaded.
RAPPORTKOLOMMEN = ("rij", "veld", "waarde", "reden")

OUDERVELDNAMEN = (
    "voornamen",
    "achternaam",
    "telefoon",
    "email",
    "gezag",
    "bsn",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "adres_afgeschermd",
)
OUDERKOLOMMEN = tuple(f"ouder{n}_{veld}" for n in (1, 2) for veld in OUDERVELDNAMEN)

# Absence per lesson, one row per lesson missed, with the school's own code (Verzuimcode):
# recognised by its columns lesuur and code, imported as kind verzuim.
LESUREN = Formaat(
    "verzuim",
    verplicht=("bsn", "brin", "vestiging", "datum", "lesuur", "code"),
    optioneel=("minuten", "onderwijsnummer"),
    kenmerk=("lesuur", "code"),
)

FORMATEN: dict[str, Formaat] = {
    "scholen": Formaat(
        "scholen",
        verplicht=("brin", "vestiging", "naam", "soort", "gemeente", "regio"),
        optioneel=("daglengte", "lesuur"),
    ),
    "leerlingen": Formaat(
        "leerlingen",
        verplicht=("bsn", "voornamen", "achternaam", "geboortedatum", "woongemeente"),
        optioneel=(
            "onderwijsnummer",
            "tussenvoegsel",
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
            "adres_afgeschermd",
            *OUDERKOLOMMEN,
        ),
    ),
    "inschrijvingen": Formaat(
        "inschrijvingen",
        verplicht=("bsn", "brin", "vestiging", "begindatum", "einddatum"),
        optioneel=("onderwijsnummer",),
    ),
    "verzuim": Formaat(
        "verzuim",
        verplicht=("bsn", "brin", "vestiging", "datum", "minuten", "soort"),
        optioneel=("hele_dag", "reden_code", "onderwijsnummer"),
        varianten=(LESUREN,),
    ),
    "vrijstellingen": Formaat(
        "vrijstellingen",
        verplicht=("bsn", "artikel", "begindatum", "einddatum"),
        optioneel=("onderwijsnummer",),
    ),
    "verzuimcodes": Formaat(
        "verzuimcodes",
        verplicht=("brin", "vestiging", "code"),
        optioneel=("soort", "geoorloofd", "omschrijving"),
    ),
}

SOORTEN = tuple(FORMATEN)
