# SPDX-License-Identifier: EUPL-1.2
"""The municipalities of the Netherlands, shipped with Binnenboord (docs/inrichten.md).

gemeentedata/gemeenten.csv holds every current municipality (CBS code and CBS name),
gemeentedata/herindelingen.csv the ones that a herindeling ended since 2018: the day it ended
and its successor (empty when it was split over several municipalities). Migration 0004 and the
command `binnenboord gemeenten` both store them with werk_bij(); an import resolves a code or
name with Gemeenteregister, which follows an ended municipality to its successor and says so.

Nothing here imports a model: the migration passes its historical model (apps.get_model)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAP = Path(__file__).parent / "gemeentedata"

ALIASSEN = {
    "Den Haag": "0518",  # 's-Gravenhage
    "Den Bosch": "0796",  # 's-Hertogenbosch
}
"""Common spellings that are no CBS name. Besides these a name matches without regard to case,
accents, apostrophes and hyphens ("s-Hertogenbosch", "Sudwest Fryslan"), and without the
province CBS adds to tell two places apart ("Hengelo" for "Hengelo (O.)"), unless two
municipalities then share it ("Bergen")."""

_TOEVOEGING = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class Gemeenterij:
    """One municipality as a list gives it: a current one, or (opgeheven_op set) an ended one
    with its successor's code (None: split over several)."""

    code: str
    naam: str
    opgeheven_op: date | None = None
    opvolger: str | None = None


def huidige_gemeenten() -> list[Gemeenterij]:
    """The current municipalities shipped in gemeentedata/gemeenten.csv."""
    with (MAP / "gemeenten.csv").open(encoding="utf-8", newline="") as bestand:
        return [Gemeenterij(r["code"], r["naam"]) for r in csv.DictReader(bestand, delimiter=";")]


def herindelingen() -> list[Gemeenterij]:
    """The municipalities ended by a herindeling, from gemeentedata/herindelingen.csv."""
    with (MAP / "herindelingen.csv").open(encoding="utf-8", newline="") as bestand:
        return [
            Gemeenterij(
                r["code"],
                r["naam"],
                date.fromisoformat(r["opgeheven_op"]),
                r["opvolger"] or None,
            )
            for r in csv.DictReader(bestand, delimiter=";")
        ]


# --- storing a list -------------------------------------------------------------------------


@dataclass
class Verslag:
    """What werk_bij() changed (or, dry, would change), as Dutch sentences."""

    nieuw: list[str] = field(default_factory=list)
    hernoemd: list[str] = field(default_factory=list)
    opgeheven: list[str] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)

    @property
    def wijzigingen(self) -> int:
        return len(self.nieuw) + len(self.hernoemd) + len(self.opgeheven)


def werk_bij(
    model: Any,
    gemeenten: Iterable[Gemeenterij],
    beeindigd: Iterable[Gemeenterij] = (),
    *,
    uitvoeren: bool = True,
    per_rij: bool = False,
    using: str = "default",
) -> Verslag:
    """Adds the municipalities the database lacks, renames the ones whose CBS name changed and
    marks the ended ones (date and successor), keyed by CBS code. It never deletes one: pupils,
    schools and organisations refer to it. A name another code already has is refused and
    reported, never forced. A handful of queries whatever the list's length (every test run
    migrates). `uitvoeren=False` only reports; `per_rij=True` saves each changed row by itself,
    so the audit log (django-auditlog) records it (the command; a few rows a year)."""
    verslag = Verslag()
    beheerder = model._default_manager.db_manager(using)
    bestaand: dict[str, Any] = {g.code: g for g in beheerder.all()}
    naam_van: dict[str, str] = {g.naam.casefold(): g.code for g in bestaand.values()}
    nieuw: dict[str, Any] = {}
    hernoemd: dict[str, Any] = {}
    beeindigd = list(beeindigd)

    for rij in [*gemeenten, *beeindigd]:
        if not rij.naam:
            continue
        houder = naam_van.get(rij.naam.casefold())
        if houder is not None and houder != rij.code:
            verslag.fouten.append(
                _("%(naam)s (%(code)s): the name already belongs to CBS code %(houder)s.")
                % {"naam": rij.naam, "code": rij.code, "houder": houder}
            )
            continue
        gemeente = bestaand.get(rij.code)
        if gemeente is None:
            gemeente = model(code=rij.code, naam=rij.naam)
            bestaand[rij.code] = nieuw[rij.code] = gemeente
            naam_van[rij.naam.casefold()] = rij.code
            verslag.nieuw.append(f"{rij.naam} ({rij.code})")
        elif gemeente.naam != rij.naam:
            verslag.hernoemd.append(
                _("%(oud)s (%(code)s) is now called %(nieuw)s.")
                % {"oud": gemeente.naam, "code": rij.code, "nieuw": rij.naam}
            )
            naam_van.pop(gemeente.naam.casefold(), None)
            naam_van[rij.naam.casefold()] = rij.code
            gemeente.naam = rij.naam
            if rij.code not in nieuw:
                hernoemd[rij.code] = gemeente

    geeindigd: dict[str, tuple[Any, Any]] = {}
    for rij in beeindigd:
        if rij.opgeheven_op is None:
            continue
        gemeente = bestaand.get(rij.code)
        opvolger = bestaand.get(rij.opvolger) if rij.opvolger else None
        if gemeente is None:
            verslag.fouten.append(
                _("%(code)s: no municipality has this CBS code.") % {"code": rij.code}
            )
            continue
        if rij.opvolger and (opvolger is None or rij.opvolger == rij.code):
            verslag.fouten.append(
                _("%(naam)s (%(code)s): successor %(opvolger)s is no known municipality.")
                % {"naam": gemeente.naam, "code": rij.code, "opvolger": rij.opvolger}
            )
            continue
        if opvolger is not None and _keten(bestaand, opvolger, rij.code):
            verslag.fouten.append(
                _("%(naam)s (%(code)s): successor %(opvolger)s leads back to it.")
                % {"naam": gemeente.naam, "code": rij.code, "opvolger": rij.opvolger}
            )
            continue
        huidige_opvolger = _opvolgercode(bestaand, gemeente)
        if gemeente.opgeheven_op == rij.opgeheven_op and huidige_opvolger == rij.opvolger:
            continue
        gemeente.opgeheven_op = rij.opgeheven_op
        # the successor is set after bulk_create: a new one has no primary key yet
        geeindigd[rij.code] = (gemeente, opvolger)
        verslag.opgeheven.append(beschrijf_einde(gemeente.naam, rij.code, rij.opgeheven_op,
                                                 opvolger.naam if opvolger else None,
                                                 rij.opvolger))  # fmt: skip

    if uitvoeren and per_rij:
        for gemeente in [*nieuw.values(), *hernoemd.values()]:
            gemeente.save(using=using)
        for gemeente, opvolger in geeindigd.values():
            gemeente.opvolger = opvolger
            gemeente.save(using=using)
    elif uitvoeren:
        beheerder.bulk_create(nieuw.values())
        if hernoemd:
            beheerder.bulk_update(hernoemd.values(), ["naam"])
        if geeindigd:
            for gemeente, opvolger in geeindigd.values():
                gemeente.opvolger = opvolger
            beheerder.bulk_update([g for g, _o in geeindigd.values()], ["opgeheven_op", "opvolger"])
    return verslag


def laad_als_leeg(apps: Any = None, using: str = "default", **_kwargs: Any) -> None:
    """post_migrate (toegang.apps): puts the shipped municipalities back when none of them is
    there, as after `flush` (which a transactional test runs afterwards too): the country stays
    built in. After `migrate` they are there (migration 0004) and this is one query. Not before
    migration 0003 (the model's state lacks the successor then)."""
    from django.apps import apps as django_apps

    try:
        model = (apps or django_apps).get_model("toegang", "Gemeente")
    except LookupError:
        return
    if "opvolger" not in {f.name for f in model._meta.get_fields()}:
        return
    huidig = huidige_gemeenten()
    if model._default_manager.db_manager(using).filter(code=huidig[0].code).exists():
        return
    werk_bij(model, huidig, herindelingen(), using=using)


def _opvolgercode(bestaand: dict[str, Any], gemeente: Any) -> str | None:
    if gemeente.opvolger_id is None:
        return None
    for code, ander in bestaand.items():
        if ander.pk == gemeente.opvolger_id:
            return code
    return None


def _keten(bestaand: dict[str, Any], opvolger: Any, code: str) -> bool:
    """Whether following the successors from `opvolger` comes back to `code`."""
    gezien = set()
    huidig = opvolger
    while huidig is not None and huidig.code not in gezien:
        if huidig.code == code:
            return True
        gezien.add(huidig.code)
        volgende = _opvolgercode(bestaand, huidig) if huidig.pk else None
        huidig = bestaand.get(volgende) if volgende else None
    return False


def beschrijf_einde(
    naam: str, code: str, dag: date, opvolger_naam: str | None, opvolger_code: str | None
) -> str:
    if opvolger_naam is None:
        return _("%(naam)s (%(code)s) ended on %(datum)s, split over several municipalities.") % {
            "naam": naam,
            "code": code,
            "datum": dag.strftime("%d-%m-%Y"),
        }
    return _("%(naam)s (%(code)s) merged into %(opvolger)s (%(opvolgercode)s) on %(datum)s.") % {
        "naam": naam,
        "code": code,
        "opvolger": opvolger_naam,
        "opvolgercode": opvolger_code,
        "datum": dag.strftime("%d-%m-%Y"),
    }


# --- finding one by code or name ------------------------------------------------------------


def m_gemeente_gesplitst() -> str:
    return _(
        "Municipality %(gemeente)s no longer exists: a herindeling split it over several "
        "municipalities. Give the current municipality."
    )


def naamsleutel(naam: str) -> str:
    """A name as compared: without case, accents, apostrophes and hyphens."""
    zonder = "".join(t for t in unicodedata.normalize("NFKD", naam) if not unicodedata.combining(t))
    zonder = re.sub(r"['’‘`´]", "", zonder.casefold())
    return " ".join(zonder.replace("-", " ").split())


def gemeentecode(waarde: str) -> str | None:
    """The four-digit CBS code in "363", "0363" or "GM0363"; None when the value is no code."""
    code = waarde.strip().upper().removeprefix("GM")
    return code.zfill(4) if code.isdigit() and len(code) <= 4 else None


@dataclass(frozen=True)
class Opgevolgd:
    """A row named an ended municipality; it was read at its (last) successor. A notice for
    the import report (melding); rows are the file's row numbers."""

    oud_naam: str
    oud_code: str
    datum: date
    nieuw_naam: str
    nieuw_code: str

    def melding(self, rijen: list[int]) -> str:
        getoond = ", ".join(str(r) for r in rijen[:10])
        if len(rijen) > 10:
            getoond += ", …"
        return ngettext(
            "Municipality %(oud)s (%(oudcode)s) merged into %(nieuw)s (%(nieuwcode)s) on "
            "%(datum)s; row %(rijen)s was read for %(nieuw)s.",
            "Municipality %(oud)s (%(oudcode)s) merged into %(nieuw)s (%(nieuwcode)s) on "
            "%(datum)s; %(aantal)s rows (%(rijen)s) were read for %(nieuw)s.",
            len(rijen),
        ) % {
            "oud": self.oud_naam,
            "oudcode": self.oud_code,
            "nieuw": self.nieuw_naam,
            "nieuwcode": self.nieuw_code,
            "datum": self.datum.strftime("%d-%m-%Y"),
            "rijen": getoond,
            "aantal": len(rijen),
        }


@dataclass(frozen=True)
class Vondst:
    """What a code or name resolves to: the current municipality's key, or (pk None) an ended
    one without a single successor (`gesplitst` says which)."""

    pk: int | None
    opgevolgd: Opgevolgd | None = None
    gesplitst: str = ""


class Gemeenteregister:
    """Finds a municipality by CBS code or name, following herindelingen to the current one.
    Built from (pk, code, naam, opgeheven_op, opvolger_id) rows, without queries of its own."""

    def __init__(self, rijen: Iterable[tuple[int, str, str, date | None, int | None]]) -> None:
        self.rij = {r[0]: r for r in rijen}
        self.naam = {pk: r[2] for pk, r in self.rij.items()}
        self.per_code = {r[1]: pk for pk, r in self.rij.items()}
        self.per_naam: dict[str, int] = {}
        dubbel: set[str] = set()
        kort: dict[str, int] = {}
        for pk, r in self.rij.items():
            self.per_naam[naamsleutel(r[2])] = pk
            zonder = naamsleutel(_TOEVOEGING.sub("", r[2]))
            if zonder in kort and kort[zonder] != pk:
                dubbel.add(zonder)
            kort[zonder] = pk
        for sleutel, pk in kort.items():
            if sleutel not in dubbel:
                self.per_naam.setdefault(sleutel, pk)
        for alias, code in ALIASSEN.items():
            if code in self.per_code:
                self.per_naam.setdefault(naamsleutel(alias), self.per_code[code])

    def zoek(self, waarde: str) -> Vondst | None:
        code = gemeentecode(waarde)
        pk = self.per_code.get(code) if code else self.per_naam.get(naamsleutel(waarde))
        if pk is None:
            return None
        eerste = self.rij[pk]
        gezien = {pk}
        while self.rij[pk][3] is not None:
            volgende = self.rij[pk][4]
            if volgende is None or volgende in gezien or volgende not in self.rij:
                return Vondst(None, gesplitst=f"{eerste[2]} ({eerste[1]})")
            gezien.add(volgende)
            pk = volgende
        if pk == eerste[0]:
            return Vondst(pk)
        laatste = self.rij[pk]
        return Vondst(
            pk,
            Opgevolgd(
                oud_naam=eerste[2],
                oud_code=eerste[1],
                datum=eerste[3],  # type: ignore[arg-type]
                nieuw_naam=laatste[2],
                nieuw_code=laatste[1],
            ),
        )


# --- reading a CBS file (binnenboord gemeenten) ---------------------------------------------

CODEKOLOMMEN = ("gemeentecode", "gemeentecodegm", "code")
NAAMKOLOMMEN = ("gemeentenaam", "naam")
OPVOLGERKOLOMMEN = ("opvolger", "opvolgercode", "nieuwe code", "nieuwegemeentecode")
DATUMKOLOMMEN = ("opgeheven_op", "datum", "datum einde", "ingangsdatum")


@dataclass(frozen=True)
class Rijfout:
    rij: int
    veld: str
    reden: str

    def __str__(self) -> str:
        return _("Row %(rij)s, field %(veld)s: %(reden)s") % {
            "rij": self.rij,
            "veld": self.veld,
            "reden": self.reden,
        }


class Onleesbaar(Exception):
    """The file as a whole cannot be read (no header with a code column, say)."""


def lees_tabel(pad: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows (with their row number in the file) of a CSV file (`;` or `,`,
    UTF-8 or Windows-1252) or of the first sheet of an XLSX file. The header is the first row
    that names a code or name column (the CBS sheet may have a title above it)."""
    if pad.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            boek = load_workbook(pad, read_only=True, data_only=True)
        except Exception as fout:
            raise Onleesbaar(_("The file is no readable XLSX file.")) from fout
        blad = boek.worksheets[0]
        rijen = [
            (nr, ["" if w is None else _als_tekst(w) for w in waarden])
            for nr, waarden in enumerate(blad.iter_rows(values_only=True), start=1)
        ]
        boek.close()
    else:
        ruw = pad.read_bytes()
        try:
            tekst = ruw.decode("utf-8-sig")
        except UnicodeDecodeError:
            tekst = ruw.decode("cp1252")
        regels = tekst.splitlines()
        eerste = next((r for r in regels if r.strip()), "")
        scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
        rijen = [
            (nr, [w.strip() for w in waarden])
            for nr, waarden in enumerate(csv.reader(regels, delimiter=scheiding), start=1)
        ]
    for i, (_nr, waarden) in enumerate(rijen[:20]):
        kop = [_kolomnaam(w) for w in waarden]
        if any(k in CODEKOLOMMEN + NAAMKOLOMMEN for k in kop):
            return kop, [r for r in rijen[i + 1 :] if any(w.strip() for w in r[1])]
    raise Onleesbaar(_("The file has no column Gemeentecode or GemeentecodeGM."))


def _kolomnaam(waarde: str) -> str:
    return " ".join(str(waarde).strip().casefold().split())


def _als_tekst(waarde: object) -> str:
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    if isinstance(waarde, date):
        return waarde.isoformat()[:10]
    return str(waarde).strip()


def _kolom(kop: list[str], namen: tuple[str, ...]) -> int | None:
    for naam in namen:
        if naam in kop:
            return kop.index(naam)
    return None


def _cel(waarden: list[str], index: int | None) -> str:
    return waarden[index].strip() if index is not None and index < len(waarden) else ""


def lees_cbs_bestand(pad: Path) -> tuple[list[Gemeenterij], list[Rijfout]]:
    """The municipalities of a CBS "Gemeenten alfabetisch" file (Gemeentecode or
    GemeentecodeGM, and Gemeentenaam; other columns are ignored), and the rows it refused."""
    kop, rijen = lees_tabel(pad)
    code_i = _kolom(kop, CODEKOLOMMEN)
    naam_i = _kolom(kop, NAAMKOLOMMEN)
    if code_i is None or naam_i is None:
        raise Onleesbaar(_("The file needs a column Gemeentecode (or GemeentecodeGM) and a "
                           "column Gemeentenaam."))  # fmt: skip
    codekolom, naamkolom = kop[code_i], kop[naam_i]
    gemeenten: list[Gemeenterij] = []
    fouten: list[Rijfout] = []
    gezien: dict[str, int] = {}
    for nr, waarden in rijen:
        ruw, naam = _cel(waarden, code_i), _cel(waarden, naam_i)
        code = gemeentecode(ruw)
        if code is None:
            fouten.append(Rijfout(nr, codekolom, _("%(waarde)s is no four-digit CBS code.")
                                  % {"waarde": ruw or _("(empty)")}))  # fmt: skip
        elif not naam:
            fouten.append(Rijfout(nr, naamkolom, _("the name is empty.")))
        elif len(naam) > 100:
            fouten.append(Rijfout(nr, naamkolom, _("the name is longer than 100 characters.")))
        elif code in gezien:
            reden = _("CBS code %(code)s was already in row %(rij)s.")
            fouten.append(Rijfout(nr, codekolom, reden % {"code": code, "rij": gezien[code]}))
        else:
            gezien[code] = nr
            gemeenten.append(Gemeenterij(code, naam))
    return gemeenten, fouten


class Herindelingfout(ValueError):
    """A bad part of a herindeling: `deel` is code, opvolger or datum."""

    def __init__(self, deel: str, reden: str) -> None:
        super().__init__(reden)
        self.deel = deel


def lees_herindeling(waarde: str) -> Gemeenterij:
    """CODE:OPVOLGER:DATUM (OPVOLGER empty: split; DATUM YYYY-MM-DD or DD-MM-YYYY). Raises
    ValueError with the Dutch reason."""
    delen = waarde.split(":")
    if len(delen) != 3:
        raise Herindelingfout("", _("%(waarde)s is not CODE:OPVOLGER:DATUM.") % {"waarde": waarde})
    return _herindeling(*delen)


def _herindeling(ruwe_code: str, ruwe_opvolger: str, ruwe_datum: str) -> Gemeenterij:
    code = gemeentecode(ruwe_code)
    if code is None:
        raise Herindelingfout("code", _("%(waarde)s is no four-digit CBS code.")
                              % {"waarde": ruwe_code or _("(empty)")})  # fmt: skip
    opvolger = gemeentecode(ruwe_opvolger) if ruwe_opvolger.strip() else None
    if ruwe_opvolger.strip() and opvolger is None:
        raise Herindelingfout("opvolger", _("%(waarde)s is no four-digit CBS code.")
                              % {"waarde": ruwe_opvolger})  # fmt: skip
    dag = _datum(ruwe_datum)
    if dag is None:
        raise Herindelingfout("datum", _("%(waarde)s is no date (YYYY-MM-DD or DD-MM-YYYY).")
                              % {"waarde": ruwe_datum or _("(empty)")})  # fmt: skip
    return Gemeenterij(code, "", dag, opvolger)


def _datum(waarde: str) -> date | None:
    waarde = waarde.strip()[:10]
    delen = waarde.split("-")
    if len(delen) == 3 and len(delen[2]) == 4:  # DD-MM-YYYY
        waarde = "-".join(reversed(delen))
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        return None


def lees_herindelingenbestand(pad: Path) -> tuple[list[Gemeenterij], list[Rijfout]]:
    """Ended municipalities from a file with columns code, opvolger and datum (or
    opgeheven_op), like gemeentedata/herindelingen.csv; a naam column is taken along."""
    kop, rijen = lees_tabel(pad)
    code_i = _kolom(kop, CODEKOLOMMEN)
    opvolger_i = _kolom(kop, OPVOLGERKOLOMMEN)
    datum_i = _kolom(kop, DATUMKOLOMMEN)
    naam_i = _kolom(kop, NAAMKOLOMMEN)
    if code_i is None or opvolger_i is None or datum_i is None:
        raise Onleesbaar(_("A herindelingen file needs the columns code, opvolger and datum."))
    uit: list[Gemeenterij] = []
    fouten: list[Rijfout] = []
    for nr, waarden in rijen:
        try:
            rij = _herindeling(
                _cel(waarden, code_i), _cel(waarden, opvolger_i), _cel(waarden, datum_i)
            )
        except Herindelingfout as fout:
            index = {"opvolger": opvolger_i, "datum": datum_i}.get(fout.deel, code_i)
            fouten.append(Rijfout(nr, kop[index], str(fout)))
            continue
        uit.append(Gemeenterij(rij.code, _cel(waarden, naam_i), rij.opgeheven_op, rij.opvolger))
    return uit, fouten
