# SPDX-License-Identifier: EUPL-1.2
"""Storing what the checks let through: idempotent upserts by natural key, one transaction per
batch, a change-history entry (django-auditlog LogEntry) for every updated record, and the
rejected rows.

Bulk writes bypass auditlog's signals, so the LogEntry rows are written here, in the same
transaction as the change, in the format auditlog itself uses ({field: [old, new]}, masked
identifiers). New records get no LogEntry each: the Import record and `bron` say where they
came from.

Absence takes the set-wise path on PostgreSQL: per batch, in one transaction, COPY into a
temporary staging table, one statement that joins it to the stored days and inserts the new
ones, and (only when days changed) one UPDATE that returns old and new values for the history.
Other databases (the SQLite demo) take the ORM path with bulk_create/bulk_update."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.encoding import smart_str

import polars as pl
import structlog
from auditlog.cid import get_cid
from auditlog.diff import mask_str
from auditlog.models import LogEntry
from auditlog.registry import auditlog

from binnenboord.registratie.models import (
    VERZUIMSOORTEN,
    Afwijzing,
    Bevestiging,
    Import,
    Inschrijving,
    InschrijvingTerBevestiging,
    Leerling,
    Verhuismelding,
    Verzuim,
)
from binnenboord.toegang.models import Medewerker

from .kolommen import OUDERVELDNAMEN
from .normaliseren import als_json
from .rijcontroles import Kandidaat, Rijsoort


def _laat_vervallen(model: type[Model], kandidaten: list[Kandidaat]) -> None:
    """A held write that a later write settled is no longer needed, so nobody confirms stale
    data over newer: an enrolment the school could now store directly, or a reported move of a
    pupil who no longer lives in the municipality the report was sent to."""
    if model is Inschrijving and kandidaten:
        # by pupil in one query, then by key here: an OR of a batch's keys is too deep for
        # SQLite (the demo)
        sleutels = {(k.sleutel["leerling_id"], k.sleutel["school_id"], k.sleutel["begindatum"])
                    for k in kandidaten}  # fmt: skip
        open_ = InschrijvingTerBevestiging.objects.filter(
            status=Bevestiging.OPEN, leerling_id__in={s[0] for s in sleutels}
        ).values_list("pk", "leerling_id", "school_id", "begindatum")
        achterhaald = [pk for pk, *sleutel in open_ if tuple(sleutel) in sleutels]
        if achterhaald:
            InschrijvingTerBevestiging.objects.filter(pk__in=achterhaald).update(
                status=Bevestiging.VERVALLEN, behandeld_op=timezone.now()
            )
    elif model is Leerling:
        bestaand = [k.bestaand.pk for k in kandidaten if k.bestaand is not None]
        Verhuismelding.objects.filter(leerling_id__in=bestaand, status=Bevestiging.OPEN).exclude(
            van_gemeente_id=F("leerling__woongemeente_id")
        ).update(status=Bevestiging.VERVALLEN, behandeld_op=timezone.now())


def koppel_wachtende_inschrijvingen(leerlingen: list[Any]) -> int:
    """Enrolment rows that waited for a pupil nobody knew yet now name the new pupil, so that
    Leerplicht of the pupil's municipality sees them in "Te bevestigen". Returns how many."""
    if not leerlingen:
        return 0
    sleutels = {f"bsn:{p.bsn}": p.pk for p in leerlingen if p.bsn}
    sleutels |= {f"onderwijsnummer:{p.onderwijsnummer}": p.pk for p in leerlingen
                 if p.onderwijsnummer}  # fmt: skip
    wachtend = list(
        InschrijvingTerBevestiging.objects.filter(
            status=Bevestiging.OPEN, leerling__isnull=True, identiteit__in=list(sleutels)
        )
    )
    for verzoek in wachtend:
        verzoek.leerling_id = sleutels[verzoek.identiteit]
    InschrijvingTerBevestiging.objects.bulk_update(wachtend, ["leerling"])
    return len(wachtend)


log = structlog.get_logger(__name__)

BATCH = 5000
VERZUIM_BATCH = 50_000
AFWIJZING_KOLOMMEN = ("rij", "veld", "waarde", "reden", "gegevens")
VERZUIMVELDEN = ("school_id", *(f"minuten_{s}" for s in VERZUIMSOORTEN), "reden_code", "bron")


@dataclass
class Telling:
    nieuw: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    wachtend: int = 0
    """Rows held for the organisation that has the pupil to confirm."""

    def __iadd__(self, ander: Telling) -> Telling:
        self.nieuw += ander.nieuw
        self.bijgewerkt += ander.bijgewerkt
        self.ongewijzigd += ander.ongewijzigd
        self.wachtend += ander.wachtend
        return self


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def zet_voortgang(import_: Import, verwerkt: int) -> None:
    """A short UPDATE of one column, so a progress bar can poll it."""
    Import.objects.filter(pk=import_.pk).update(verwerkt=verwerkt)


# --- rejected rows --------------------------------------------------------------------------


def afwijzingen_frame(rijen: list[tuple[int, str, str, str, dict[str, Any]]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(r, v, w, d, json.dumps(g, ensure_ascii=False)) for r, v, w, d, g in rijen],
        schema={k: pl.Int64 if k == "rij" else pl.String for k in AFWIJZING_KOLOMMEN},
        orient="row",
    )


def schrijf_afwijzingen(import_: Import, frame: pl.DataFrame) -> int:
    """frame: rij, veld, waarde, reden, gegevens (the row as a JSON text)."""
    if frame.height == 0:
        return 0
    frame = frame.select(
        pl.lit(import_.pk, pl.Int64).alias("bestandsimport_id"),
        pl.col("rij").cast(pl.Int64),
        # the field names fit the column; the reason names them all
        pl.col("veld").fill_null("").str.slice(0, Afwijzing._meta.get_field("veld").max_length),
        *(pl.col(k).fill_null("") for k in ("waarde", "reden")),
        "gegevens",
    )
    if is_postgres():
        _copy(
            Afwijzing._meta.db_table,
            frame,
            niet_null=("veld", "waarde", "reden", "gegevens"),
        )
    else:
        for blok in frame.iter_slices(BATCH):
            Afwijzing.objects.bulk_create(
                Afwijzing(
                    bestandsimport_id=r["bestandsimport_id"],
                    rij=r["rij"],
                    veld=r["veld"],
                    waarde=r["waarde"],
                    reden=r["reden"],
                    gegevens=json.loads(r["gegevens"]),
                )
                for r in blok.iter_rows(named=True)
            )
    return frame.height


def _copy(tabel: str, frame: pl.DataFrame, *, niet_null: Iterable[str] = ()) -> None:
    kolommen = ", ".join(frame.columns)
    opties = "FORMAT csv"
    if niet_null:
        opties += f", FORCE_NOT_NULL ({', '.join(niet_null)})"
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_header=False)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN ({opties})") as copy,
    ):
        copy.write(buffer.getbuffer())


# --- change history -------------------------------------------------------------------------


def _json(waarde: Any) -> Any:
    if waarde is None or isinstance(waarde, bool | int | float | str):
        return waarde
    return smart_str(waarde)


def _wijzigingen(model: type[Model], oud: dict[str, Any], nieuw: dict[str, Any]) -> dict[str, Any]:
    """{field name: [old, new]} as auditlog stores it; masked fields masked."""
    gemaskeerd = set(auditlog.get_model_fields(model).get("mask_fields") or ())
    verschil: dict[str, Any] = {}
    for attnaam, waarde in nieuw.items():
        if oud.get(attnaam) == waarde:
            continue
        naam = model._meta.get_field(attnaam).name
        if naam in gemaskeerd:
            verschil[naam] = [mask_str(smart_str(oud.get(attnaam))), mask_str(smart_str(waarde))]
        else:
            verschil[naam] = [_json(oud.get(attnaam)), _json(waarde)]
    return verschil


def _logentry(
    model: type[Model], pk: int, omschrijving: str, wijzigingen: dict[str, Any], context: Context
) -> LogEntry:
    return LogEntry(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(pk),
        object_id=pk,
        object_repr=omschrijving,
        action=LogEntry.Action.UPDATE,
        changes=wijzigingen,
        actor=context.door,
        cid=context.cid,
        additional_data={"import": context.import_.pk, "bestand": context.import_.bestandsnaam},
    )


@dataclass
class Context:
    import_: Import
    door: Medewerker | None
    cid: str | None = None

    def __post_init__(self) -> None:
        self.cid = get_cid()


# --- the row-wise kinds ---------------------------------------------------------------------


def bewaar_kandidaten(
    soort: Rijsoort, kandidaten: list[Kandidaat], context: Context
) -> tuple[Telling, list[Kandidaat]]:
    """Stores one batch in one transaction. When the database refuses the batch (a concurrent
    change, say) the batch is stored row by row; the rows it still refuses are returned."""
    try:
        with transaction.atomic():
            return _bewaar(soort, kandidaten, context), []
    except DatabaseError:
        log.warning("import_batch_geweigerd", import_id=context.import_.pk, exc_info=True)
    telling, geweigerd = Telling(), []
    for kandidaat in kandidaten:
        try:
            with transaction.atomic():
                telling += _bewaar(soort, [kandidaat], context)
        except DatabaseError:
            geweigerd.append(kandidaat)
    return telling, geweigerd


def _bewaar(soort: Rijsoort, kandidaten: list[Kandidaat], context: Context) -> Telling:
    wachtend = [k for k in kandidaten if k.wacht is not None]
    if wachtend:
        kandidaten = [k for k in kandidaten if k.wacht is None]
        _houd_vast(soort, wachtend, context)
    telling = _pas_toe(soort, kandidaten, context)
    telling.wachtend = len(wachtend)
    return telling


def _houd_vast(soort: Rijsoort, kandidaten: list[Kandidaat], context: Context) -> None:
    """Held rows become a Verhuismelding or an InschrijvingTerBevestiging, one open per key: a
    re-import of the same row changes nothing, a changed row updates the open one."""
    door = context.door if getattr(context.door, "pk", None) else None
    verhuizingen = []
    for k in kandidaten:
        assert k.wacht is not None
        if soort.model is Leerling:
            # "voor": the stored values when the move was reported; confirming applies only
            # what nobody changed since (bevestigen.bevestig_verhuismelding)
            voor = {veld: getattr(k.bestaand, veld) for veld in k.waarden}
            gegevens = {"waarden": als_json(k.waarden), "ouders": k.ouders, "voor": als_json(voor)}
            verhuizing, _nieuw = Verhuismelding.objects.update_or_create(
                leerling=k.bestaand,
                naar_gemeente_id=k.waarden["woongemeente_id"],
                status=Bevestiging.OPEN,
                defaults={
                    "van_gemeente_id": k.wacht.van_gemeente_id or k.bestaand.woongemeente_id,
                    "gegevens": gegevens,
                    "bestandsimport": context.import_,
                    "rij": k.rij,
                    "gemeld_door": door,
                    "organisatie_id": getattr(door, "organisatie_id", None),
                },
            )
            verhuizingen.append(verhuizing)
        else:
            InschrijvingTerBevestiging.objects.update_or_create(
                identiteit=k.wacht.identiteit,
                school_id=k.sleutel["school_id"],
                begindatum=k.sleutel["begindatum"],
                status=Bevestiging.OPEN,
                defaults={
                    "leerling_id": k.sleutel.get("leerling_id"),
                    "einddatum": k.waarden["einddatum"],
                    "reden": k.wacht.reden,
                    "bestandsimport": context.import_,
                    "rij": k.rij,
                    "aangevraagd_door": door,
                },
            )
    if verhuizingen:
        # bevestigen imports this module (ouder_sleutel): asked by name at call time
        from ..bevestigen import meld_verhuizingen

        meld_verhuizingen(verhuizingen, door=door)


def _pas_toe(soort: Rijsoort, kandidaten: list[Kandidaat], context: Context) -> Telling:
    model = soort.model
    nieuw: list[tuple[Kandidaat, Model]] = []
    gewijzigd: dict[int, tuple[Model, dict[str, Any]]] = {}
    for k in kandidaten:
        if k.bestaand is None:
            nieuw.append((k, model(**{**k.sleutel, **k.waarden})))
            continue
        oud = {veld: getattr(k.bestaand, veld) for veld in k.waarden}
        verschil = _wijzigingen(model, oud, k.waarden)
        if verschil:
            for veld, waarde in k.waarden.items():
                setattr(k.bestaand, veld, waarde)
            gewijzigd[k.rij] = (k.bestaand, verschil)
    model._default_manager.bulk_create([obj for _k, obj in nieuw])
    if gewijzigd:
        velden = sorted({veld for k in kandidaten if k.rij in gewijzigd for veld in k.waarden})
        model._default_manager.bulk_update([obj for obj, _v in gewijzigd.values()], velden)
    ouders_gewijzigd = _bewaar_ouders(kandidaten, nieuw, context) if model is Leerling else set()
    if model is Leerling:
        # new pupils, and stored ones that may have got a BSN or education number just now
        koppel_wachtende_inschrijvingen(
            [obj for _k, obj in nieuw] + [k.bestaand for k in kandidaten if k.bestaand is not None]
        )
    _laat_vervallen(model, kandidaten)
    LogEntry.objects.bulk_create(
        _logentry(model, obj.pk, str(obj), verschil, context)
        for obj, verschil in gewijzigd.values()
    )
    bijgewerkt = len(set(gewijzigd) | ouders_gewijzigd)
    return Telling(
        nieuw=len(nieuw),
        bijgewerkt=bijgewerkt,
        ongewijzigd=len(kandidaten) - len(nieuw) - bijgewerkt,
    )


def ouder_sleutel(voornamen: str, achternaam: str) -> tuple[str, str]:
    """When a reported parent is a stored one: the same first names and surname, in any case."""
    return voornamen.casefold(), achternaam.casefold()


# what an import writes on a parent it found: every column but the names it is found by
OUDER_SCHRIJFBAAR = tuple(v for v in OUDERVELDNAMEN if v not in ("voornamen", "achternaam"))
"""The fields of a stored parent an import row may change (never the pupil or the names)."""


def ouder_waarden(ouder: dict[str, Any]) -> dict[str, Any]:
    """What a reported parent (rijsoorten.Leerlingen._ouder) writes on a stored one: phone and
    e-mail always (as before), the other fields only when their cell was filled in."""
    return {v: ouder[v] for v in OUDER_SCHRIJFBAAR if v in ouder}


def vind_ouder(
    ouders: list[Any], ouder: dict[str, Any]
) -> Any:  # Ouder | None; registratie.models is imported late here
    """The stored parent a reported one is: the one with the reported BSN, else the one with
    the same names. So a re-import never adds a parent twice."""
    if ouder.get("bsn"):
        for o in ouders:
            if o.bsn == ouder["bsn"]:
                return o
    sleutel = ouder_sleutel(ouder["voornamen"], ouder["achternaam"])
    for o in ouders:
        if ouder_sleutel(o.voornamen, o.achternaam) == sleutel:
            return o
    return None


def _bewaar_ouders(
    kandidaten: list[Kandidaat], nieuw: list[tuple[Kandidaat, Model]], context: Context
) -> set[int]:
    """Parents are matched to the pupil's stored parents by BSN, else by first names and
    surname (vind_ouder); a new one adds a parent (relation: carer), a known one gets the
    fields of its filled-in cells updated (ouder_waarden). Parents are never removed by an
    import. Returns the rows of existing pupils whose parents changed."""
    from binnenboord.registratie.models import Ouder

    leerling_van = {k.rij: k.bestaand for k in kandidaten if k.bestaand is not None}
    leerling_van |= {k.rij: obj for k, obj in nieuw}
    met_ouders = [k for k in kandidaten if k.ouders]
    if not met_ouders:
        return set()
    bestaande: dict[int, list[Any]] = {}
    for o in Ouder.objects.filter(
        leerling_id__in=[leerling_van[k.rij].pk for k in met_ouders]
    ).select_related("leerling"):
        bestaande.setdefault(o.leerling_id, []).append(o)
    nieuwe_ouders: list[Any] = []
    gewijzigd: dict[int, tuple[Any, dict[str, Any]]] = {}
    rijen: set[int] = set()
    for k in met_ouders:
        leerling = leerling_van[k.rij]
        van_leerling = bestaande.setdefault(leerling.pk, [])
        for ouder in k.ouders:
            oud = vind_ouder(van_leerling, ouder)
            if oud is None:
                nieuw_ouder = Ouder(leerling=leerling, relatie=Ouder.Relatie.VERZORGER, **ouder)
                nieuwe_ouders.append(nieuw_ouder)
                # a second row of the same pupil (or ouder2 = ouder1) finds it: no duplicate
                van_leerling.append(nieuw_ouder)
                if k.bestaand is not None:
                    rijen.add(k.rij)
                continue
            waarden = ouder_waarden(ouder)
            verschil = _wijzigingen(Ouder, {v: getattr(oud, v) for v in waarden}, waarden)
            if not verschil:
                continue
            for veld, waarde in waarden.items():
                setattr(oud, veld, waarde)
            if oud.pk is None:
                continue
            eerder = gewijzigd.get(oud.pk, (oud, {}))[1]
            gewijzigd[oud.pk] = (oud, eerder | verschil)
            rijen.add(k.rij)
    Ouder.objects.bulk_create(nieuwe_ouders)
    Ouder.objects.bulk_update([o for o, _v in gewijzigd.values()], list(OUDER_SCHRIJFBAAR))
    LogEntry.objects.bulk_create(
        _logentry(Ouder, o.pk, str(o), verschil, context) for o, verschil in gewijzigd.values()
    )
    return rijen


# --- absence --------------------------------------------------------------------------------


def bewaar_verzuim(
    goed: pl.DataFrame, context: Context, voortgang: Callable[[int], None]
) -> tuple[Telling, pl.DataFrame]:
    """Stores the pupil-days of one absence file; the file's total for a day replaces what was
    stored. Counts are in file rows (a day made of three rows counts three). Returns the days
    the database still refused (only possible when data changed during the import)."""
    if goed.height == 0:
        return Telling(), goed.clear()
    if is_postgres():
        return _verzuim_postgres(goed, context, voortgang)
    return _verzuim_orm(goed, context, voortgang)


STAGING = "binnenboord_verzuim_import"
MINUTEN = tuple(f"minuten_{s}" for s in VERZUIMSOORTEN)
# The stored values that come from the file; `bron` is ours ("import").
_UIT_BESTAND = ("school_id", *MINUTEN, "reden_code")
_STAGING_KOLOMMEN = ("leerling_id", "datum", *_UIT_BESTAND, "n_rijen")


def _verzuim_postgres(
    goed: pl.DataFrame, context: Context, voortgang: Callable[[int], None]
) -> tuple[Telling, pl.DataFrame]:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
        # No index: each batch's rows are joined once, by hash, and then emptied.
        cursor.execute(
            f"CREATE TEMP TABLE {STAGING} (leerling_id bigint NOT NULL, datum date NOT NULL, "
            "school_id bigint NOT NULL, "
            + ", ".join(f"{m} integer NOT NULL" for m in MINUTEN)
            + ", reden_code varchar(50) NOT NULL, n_rijen integer NOT NULL)"
        )
    telling, geweigerd = Telling(), []
    try:
        for blok in goed.iter_slices(VERZUIM_BATCH):
            try:
                with transaction.atomic():
                    deel = _verzuim_blok(blok, context)
                    voortgang(deel.nieuw + deel.bijgewerkt + deel.ongewijzigd)
                telling += deel
            except DatabaseError:
                log.warning("import_verzuim_blok_geweigerd", import_id=context.import_.pk,
                            exc_info=True)  # fmt: skip
                deel, rest = _verzuim_orm(blok, context, voortgang)
                telling += deel
                geweigerd.append(rest)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
    return telling, pl.concat(geweigerd) if geweigerd else goed.clear()


class BlokGewijzigd(DatabaseError):
    """Stored days changed between the two statements of a batch; the batch is rolled back
    and taken again by the ORM path."""


def _verzuim_blok(blok: pl.DataFrame, context: Context) -> Telling:
    """One batch in the caller's transaction: COPY into the staging table; one statement
    that joins it to the stored days, inserts the new days and reports the rest; and only
    when days changed, one UPDATE that returns the old and new values for the history.
    Unchanged days are neither written nor locked."""
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {STAGING}")
    _copy(STAGING, blok.select(_STAGING_KOLOMMEN), niet_null=("reden_code",))
    # The batch is sorted by pupil: these bounds let the join read only its part of the
    # stored days (an index range) instead of the whole table.
    grenzen: dict[str, Any] = {
        "van": blok["leerling_id"].min(),
        "tot": blok["leerling_id"].max(),
        "begin": blok["datum"].min(),
        "eind": blok["datum"].max(),
        "bron": Verzuim.Bron.IMPORT,
    }
    with connection.cursor() as cursor:
        cursor.execute(_samenvoeg_sql(), grenzen)
        n_nieuw, n_ongewijzigd, gewijzigd = cursor.fetchone()
    n_bijgewerkt = 0
    if gewijzigd:
        n_bijgewerkt = _werk_bij(gewijzigd, context)
    return Telling(nieuw=int(n_nieuw), bijgewerkt=n_bijgewerkt, ongewijzigd=int(n_ongewijzigd))


def _rij(prefix: str, velden: Iterable[str]) -> str:
    return ", ".join(f"{prefix}.{v}" for v in velden)


def _samenvoeg_sql() -> str:
    tabel = Verzuim._meta.db_table
    opgeslagen = _rij("v", VERZUIMVELDEN)
    uit_bestand = f"{_rij('s', _UIT_BESTAND)}, %(bron)s"
    kolommen = ", ".join(("leerling_id", "datum", *_UIT_BESTAND))
    # A day not stored yet (vid IS NULL) is never `gelijk`: a row of NULLs is distinct
    # from any row of values.
    return f"""
        WITH s AS MATERIALIZED (
            SELECT s.*, v.id AS vid,
                   ({opgeslagen}) IS NOT DISTINCT FROM ({uit_bestand}) AS gelijk
            FROM {STAGING} s LEFT JOIN {tabel} v
              ON v.leerling_id = s.leerling_id AND v.datum = s.datum
             AND v.leerling_id BETWEEN %(van)s AND %(tot)s
             AND v.datum BETWEEN %(begin)s AND %(eind)s
        ),
        nieuw AS (
            INSERT INTO {tabel} ({kolommen}, bron)
            SELECT {kolommen}, %(bron)s FROM s WHERE vid IS NULL
        )
        SELECT coalesce(sum(n_rijen) FILTER (WHERE vid IS NULL), 0),
               coalesce(sum(n_rijen) FILTER (WHERE gelijk), 0),
               array_agg(vid) FILTER (WHERE vid IS NOT NULL AND NOT gelijk)
        FROM s
    """


def _bijwerk_sql() -> str:
    tabel = Verzuim._meta.db_table
    zet = ", ".join(f"{v} = s.{v}" for v in _UIT_BESTAND)
    # `o` is the same row as `v` as the statement found it: the old values for the history.
    return f"""
        UPDATE {tabel} v SET {zet}, bron = %(bron)s
        FROM {STAGING} s, {tabel} o
        WHERE v.id = ANY(%(ids)s) AND o.id = v.id
          AND s.leerling_id = v.leerling_id AND s.datum = v.datum
          AND ({_rij("v", VERZUIMVELDEN)}) IS DISTINCT FROM ({_rij("s", _UIT_BESTAND)}, %(bron)s)
        RETURNING v.id, v.leerling_id, v.datum, s.n_rijen,
                  {_rij("o", VERZUIMVELDEN)}, {_rij("v", VERZUIMVELDEN)}
    """


def _werk_bij(ids: list[int], context: Context) -> int:
    """Updates the changed days and writes their history; returns their file rows."""
    with connection.cursor() as cursor:
        cursor.execute(_bijwerk_sql(), {"ids": ids, "bron": Verzuim.Bron.IMPORT})
        bijgewerkt = cursor.fetchall()
    if len(bijgewerkt) != len(ids):
        raise BlokGewijzigd(f"{len(ids)} dagen gewijzigd, {len(bijgewerkt)} bijgewerkt")
    n = len(VERZUIMVELDEN)
    namen = _namen({r[1] for r in bijgewerkt})
    _copy_logentries(
        Verzuim,
        [
            (
                r[0],
                f"{namen.get(r[1], '')} {r[2]}",
                _wijzigingen(
                    Verzuim,
                    dict(zip(VERZUIMVELDEN, r[4 : 4 + n], strict=True)),
                    dict(zip(VERZUIMVELDEN, r[4 + n :], strict=True)),
                ),
            )
            for r in bijgewerkt
        ],
        context,
    )
    return sum(int(r[3]) for r in bijgewerkt)


def _copy_logentries(
    model: type[Model], wijzigingen: list[tuple[int, str, dict[str, Any]]], context: Context
) -> None:
    """The LogEntry rows _logentry() would make, by COPY: building thousands of model
    instances for bulk_create costs more than the update they describe."""
    door = getattr(context.door, "pk", None)
    frame = pl.DataFrame(
        [
            (str(pk), pk, omschrijving, json.dumps(verschil, ensure_ascii=False))
            for pk, omschrijving, verschil in wijzigingen
        ],
        schema={
            "object_pk": pl.String,
            "object_id": pl.Int64,
            "object_repr": pl.String,
            "changes": pl.String,
        },
        orient="row",
    ).with_columns(
        content_type_id=pl.lit(ContentType.objects.get_for_model(model).pk, pl.Int64),
        action=pl.lit(int(LogEntry.Action.UPDATE), pl.Int64),
        changes_text=pl.lit(""),
        actor_id=pl.lit(door, pl.Int64),
        cid=pl.lit(context.cid, pl.String),
        additional_data=pl.lit(
            json.dumps(
                {"import": context.import_.pk, "bestand": context.import_.bestandsnaam},
                ensure_ascii=False,
            )
        ),
        timestamp=pl.lit(timezone.now().isoformat()),
    )
    _copy(LogEntry._meta.db_table, frame, niet_null=("object_repr", "changes_text"))


def _namen(leerling_ids: Iterable[int]) -> dict[int, str]:
    return {
        leerling.pk: leerling.naam
        for leerling in Leerling.objects.filter(pk__in=list(leerling_ids)).only(
            "voornamen", "tussenvoegsel", "achternaam"
        )
    }


def _verzuim_orm(
    goed: pl.DataFrame, context: Context, voortgang: Callable[[int], None]
) -> tuple[Telling, pl.DataFrame]:
    telling, geweigerd = Telling(), []
    for blok in goed.iter_slices(BATCH):
        try:
            with transaction.atomic():
                telling += _verzuim_orm_blok(blok.to_dicts(), context)
                voortgang(int(blok["n_rijen"].sum()))
        except DatabaseError:
            log.warning("import_verzuim_blok_geweigerd", import_id=context.import_.pk,
                        exc_info=True)  # fmt: skip
            geweigerd.append(blok)
    return telling, pl.concat(geweigerd) if geweigerd else goed.clear()


def _verzuim_orm_blok(dagen: list[dict[str, Any]], context: Context) -> Telling:
    bestaand: dict[tuple[int, date], Verzuim] = {
        (v.leerling_id, v.datum): v
        for v in Verzuim.objects.filter(
            leerling_id__in={d["leerling_id"] for d in dagen},
            datum__range=(min(d["datum"] for d in dagen), max(d["datum"] for d in dagen)),
        )
    }
    telling, nieuw, gewijzigd = Telling(), [], []
    for dag in dagen:
        waarden = {v: dag[v] for v in VERZUIMVELDEN if v != "bron"} | {"bron": Verzuim.Bron.IMPORT}
        oud = bestaand.get((dag["leerling_id"], dag["datum"]))
        if oud is None:
            nieuw.append(Verzuim(leerling_id=dag["leerling_id"], datum=dag["datum"], **waarden))
            telling.nieuw += dag["n_rijen"]
            continue
        verschil = _wijzigingen(Verzuim, {v: getattr(oud, v) for v in waarden}, waarden)
        if not verschil:
            telling.ongewijzigd += dag["n_rijen"]
            continue
        for veld, waarde in waarden.items():
            setattr(oud, veld, waarde)
        gewijzigd.append((oud, verschil))
        telling.bijgewerkt += dag["n_rijen"]
    Verzuim.objects.bulk_create(nieuw)
    Verzuim.objects.bulk_update([v for v, _w in gewijzigd], list(VERZUIMVELDEN))
    namen = _namen({v.leerling_id for v, _w in gewijzigd})
    LogEntry.objects.bulk_create(
        _logentry(Verzuim, v.pk, f"{namen.get(v.leerling_id, '')} {v.datum}", w, context)
        for v, w in gewijzigd
    )
    return telling
