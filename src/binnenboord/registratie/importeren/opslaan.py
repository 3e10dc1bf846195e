# SPDX-License-Identifier: EUPL-1.2
"""Storing what the checks let through: idempotent upserts by natural key, one transaction per
batch, a change-history entry (django-auditlog LogEntry) for every updated record, and the
rejected rows.

Bulk writes bypass auditlog's signals, so the LogEntry rows are written here, in the same
transaction as the change, in the format auditlog itself uses ({field: [old, new]}, masked
identifiers). New records get no LogEntry each: the Import record and `bron` say where they
came from.

Absence takes the set-wise path on PostgreSQL: COPY into a temporary staging table, then per
batch one INSERT ... ON CONFLICT (leerling_id, datum) DO UPDATE ... WHERE the values differ, which
returns what it inserted and, for what it updated, the old values. Other databases (the SQLite
demo) take the ORM path with bulk_create/bulk_update."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import Model
from django.utils.encoding import smart_str

import polars as pl
import structlog
from auditlog.cid import get_cid
from auditlog.diff import mask_str
from auditlog.models import LogEntry
from auditlog.registry import auditlog

from binnenboord.registratie.models import VERZUIMSOORTEN, Afwijzing, Import, Leerling, Verzuim

from .validatie import Kandidaat, Rijsoort

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

    def __iadd__(self, ander: Telling) -> Telling:
        self.nieuw += ander.nieuw
        self.bijgewerkt += ander.bijgewerkt
        self.ongewijzigd += ander.ongewijzigd
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
    door: Any
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
    model.objects.bulk_create([obj for _k, obj in nieuw])
    if gewijzigd:
        velden = sorted({veld for k in kandidaten if k.rij in gewijzigd for veld in k.waarden})
        model.objects.bulk_update([obj for obj, _v in gewijzigd.values()], velden)
    ouders_gewijzigd = _bewaar_ouders(kandidaten, nieuw, context) if model is Leerling else set()
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


def _bewaar_ouders(
    kandidaten: list[Kandidaat], nieuw: list[tuple[Kandidaat, Model]], context: Context
) -> set[int]:
    """Parents are matched to the pupil's stored parents by first names and surname; a new
    name adds a parent (relation: carer), a known one gets its phone and e-mail updated.
    Parents are never removed by an import. Returns the rows of existing pupils whose parents
    changed."""
    from binnenboord.registratie.models import Ouder

    leerling_van = {k.rij: k.bestaand for k in kandidaten if k.bestaand is not None}
    leerling_van |= {k.rij: obj for k, obj in nieuw}
    met_ouders = [k for k in kandidaten if k.ouders]
    if not met_ouders:
        return set()
    bestaande: dict[tuple[int, str, str], Any] = {
        (o.leerling_id, o.voornamen.casefold(), o.achternaam.casefold()): o
        for o in Ouder.objects.filter(
            leerling_id__in=[leerling_van[k.rij].pk for k in met_ouders]
        ).select_related("leerling")
    }
    nieuwe_ouders, gewijzigd, rijen = [], [], set()
    for k in met_ouders:
        leerling = leerling_van[k.rij]
        for ouder in k.ouders:
            sleutel = (leerling.pk, ouder["voornamen"].casefold(), ouder["achternaam"].casefold())
            oud = bestaande.get(sleutel)
            if oud is None:
                nieuwe_ouders.append(
                    Ouder(leerling=leerling, relatie=Ouder.Relatie.VERZORGER, **ouder)
                )
                if k.bestaand is not None:
                    rijen.add(k.rij)
                continue
            waarden = {"telefoon": ouder["telefoon"], "email": ouder["email"]}
            verschil = _wijzigingen(Ouder, {v: getattr(oud, v) for v in waarden}, waarden)
            if verschil:
                oud.telefoon, oud.email = waarden["telefoon"], waarden["email"]
                gewijzigd.append((oud, verschil))
                rijen.add(k.rij)
    Ouder.objects.bulk_create(nieuwe_ouders)
    Ouder.objects.bulk_update([o for o, _v in gewijzigd], ["telefoon", "email"])
    LogEntry.objects.bulk_create(
        _logentry(Ouder, o.pk, str(o), verschil, context) for o, verschil in gewijzigd
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


def _verzuim_postgres(
    goed: pl.DataFrame, context: Context, voortgang: Callable[[int], None]
) -> tuple[Telling, pl.DataFrame]:
    minuten = [f"minuten_{s}" for s in VERZUIMSOORTEN]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
        cursor.execute(
            f"CREATE TEMP TABLE {STAGING} (nr bigint PRIMARY KEY, leerling_id bigint NOT NULL, "
            "school_id bigint NOT NULL, datum date NOT NULL, "
            + ", ".join(f"{m} integer NOT NULL" for m in minuten)
            + ", reden_code varchar(50) NOT NULL, n_rijen integer NOT NULL)"
        )
    genummerd = goed.with_row_index("nr", offset=1).with_columns(pl.col("nr").cast(pl.Int64))
    _copy(STAGING, genummerd.drop("_rijen"), niet_null=("reden_code",))
    telling, geweigerd = Telling(), []
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {STAGING}")
            cursor.execute(_ongewijzigd_sql(), {"bron": Verzuim.Bron.IMPORT})
            telling.ongewijzigd = int(cursor.fetchone()[0])
        voortgang(telling.ongewijzigd)
        for blok in genummerd.iter_slices(VERZUIM_BATCH):
            van, tot = int(blok["nr"][0]) - 1, int(blok["nr"][-1])
            try:
                with transaction.atomic():
                    deel = _upsert_blok(van, tot, context)
                    voortgang(deel.nieuw + deel.bijgewerkt + deel.ongewijzigd)
                telling += deel
            except DatabaseError:
                log.warning("import_verzuim_blok_geweigerd", import_id=context.import_.pk,
                            exc_info=True)  # fmt: skip
                deel, rest = _verzuim_orm(_nog_open(blok), context, voortgang)
                telling += deel
                geweigerd.append(rest)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
    return telling, pl.concat(geweigerd) if geweigerd else goed.clear()


def _nog_open(blok: pl.DataFrame) -> pl.DataFrame:
    """The days of a refused batch still in the staging table (not removed as unchanged)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nr FROM {STAGING} WHERE nr = ANY(%s)", [blok["nr"].to_list()])
        open_ = [r[0] for r in cursor.fetchall()]
    return blok.filter(pl.col("nr").is_in(open_)).drop("nr")


SQL_TYPE = {"school_id": "bigint", "reden_code": "text", "bron": "text"}
_VELDEN = [v for v in VERZUIMVELDEN if v != "bron"]


def _ongewijzigd_sql() -> str:
    """Removes the days that are stored exactly so from the staging table, in one set-wise
    statement, and counts their file rows: a re-import of the same file ends here."""
    return f"""
        WITH weg AS (
            DELETE FROM {STAGING} s USING {Verzuim._meta.db_table} v
            WHERE v.leerling_id = s.leerling_id AND v.datum = s.datum
            AND ({", ".join(f"v.{v}" for v in VERZUIMVELDEN)}) IS NOT DISTINCT FROM
                ({", ".join(f"s.{v}" for v in _VELDEN)}, %(bron)s)
            RETURNING s.n_rijen
        )
        SELECT coalesce(sum(n_rijen), 0) FROM weg
    """


def _upsert_sql() -> str:
    kolommen = ["leerling_id", "datum", *_VELDEN, "bron"]
    soort = {v: SQL_TYPE.get(v, "integer") for v in VERZUIMVELDEN}
    oud = ", ".join(f"v.{v}" for v in VERZUIMVELDEN)
    bijwerken = ", ".join(f"{v} = EXCLUDED.{v}" for v in VERZUIMVELDEN)
    verschil = f"({oud}) IS DISTINCT FROM ({', '.join(f'EXCLUDED.{v}' for v in VERZUIMVELDEN)})"
    leeg = ", ".join(f"NULL::{soort[v]}" for v in VERZUIMVELDEN)
    vroeger = ", ".join(f"o.{v}::{soort[v]}" for v in VERZUIMVELDEN)
    tabel = Verzuim._meta.db_table
    # One statement per batch. `oud` sees the stored rows as they were (same snapshot), so the
    # change history gets the old values without a second round trip. The first row carries
    # the batch's file rows and the inserted ones; then one row per updated day.
    return f"""
        WITH s AS (SELECT * FROM {STAGING} WHERE nr > %(van)s AND nr <= %(tot)s),
        oud AS (
            SELECT v.id, {oud} FROM {tabel} v
            JOIN s ON v.leerling_id = s.leerling_id AND v.datum = s.datum
        ),
        gedaan AS (
            INSERT INTO {tabel} AS v ({", ".join(kolommen)})
            SELECT leerling_id, datum, {", ".join(_VELDEN)}, %(bron)s FROM s
            ON CONFLICT (leerling_id, datum) DO UPDATE SET {bijwerken}
            WHERE {verschil}
            RETURNING v.id, v.leerling_id, v.datum, (v.xmax = 0) AS ingevoegd
        )
        SELECT true, (SELECT coalesce(sum(n_rijen), 0) FROM s)::bigint, NULL::bigint,
               NULL::date, coalesce(sum(s.n_rijen), 0)::bigint, {leeg}
        FROM gedaan g JOIN s ON s.leerling_id = g.leerling_id AND s.datum = g.datum
        WHERE g.ingevoegd
        UNION ALL
        SELECT false, g.id, g.leerling_id, g.datum, s.n_rijen::bigint, {vroeger}
        FROM gedaan g JOIN s ON s.leerling_id = g.leerling_id AND s.datum = g.datum
        JOIN oud o ON o.id = g.id
        WHERE NOT g.ingevoegd
    """


def _upsert_blok(van: int, tot: int, context: Context) -> Telling:
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), {"van": van, "tot": tot, "bron": Verzuim.Bron.IMPORT})
        uitkomst = cursor.fetchall()
    eerste = next(r for r in uitkomst if r[0])
    rijen, nieuw = int(eerste[1]), int(eerste[4])
    bijgewerkt = [r for r in uitkomst if not r[0]]
    if bijgewerkt:
        _log_verzuim(bijgewerkt, context)
    n_bijgewerkt = sum(int(r[4]) for r in bijgewerkt)
    return Telling(nieuw=nieuw, bijgewerkt=n_bijgewerkt, ongewijzigd=rijen - nieuw - n_bijgewerkt)


def _log_verzuim(bijgewerkt: list[tuple[Any, ...]], context: Context) -> None:
    """LogEntry rows for updated days; reads the new values back in one query."""
    ids = [r[1] for r in bijgewerkt]
    nu = {v["pk"]: v for v in Verzuim.objects.filter(pk__in=ids).values("pk", *VERZUIMVELDEN)}
    namen = _namen({r[2] for r in bijgewerkt})
    entries = []
    for r in bijgewerkt:
        oud = dict(zip(VERZUIMVELDEN, r[5:], strict=True))
        nieuw = {v: nu[r[1]][v] for v in VERZUIMVELDEN}
        verschil = _wijzigingen(Verzuim, oud, nieuw)
        if verschil:
            entries.append(
                _logentry(Verzuim, r[1], f"{namen.get(r[2], '')} {r[3]}", verschil, context)
            )
    LogEntry.objects.bulk_create(entries)


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
