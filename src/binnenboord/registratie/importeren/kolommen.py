# SPDX-License-Identifier: EUPL-1.2
"""The column formats of the five import kinds (docs/importeren.md). Headers are Dutch and lower
case; their order is free. A column that is not listed here refuses the whole file, so that a
typo in an optional column never drops data silently; only the four columns that the rejection
report adds are ignored, so a corrected report can be uploaded again as it is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Formaat:
    soort: str
    verplicht: tuple[str, ...]
    optioneel: tuple[str, ...] = ()

    @property
    def kolommen(self) -> tuple[str, ...]:
        return self.verplicht + self.optioneel


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

FORMATEN: dict[str, Formaat] = {
    "scholen": Formaat(
        "scholen", verplicht=("brin", "vestiging", "naam", "soort", "gemeente", "regio")
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
    ),
    "vrijstellingen": Formaat(
        "vrijstellingen",
        verplicht=("bsn", "artikel", "begindatum", "einddatum"),
        optioneel=("onderwijsnummer",),
    ),
}

SOORTEN = tuple(FORMATEN)
