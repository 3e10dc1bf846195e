# SPDX-License-Identifier: EUPL-1.2
"""Reading many rows at once: a filter on thousands of ids in one parameter (`in_ids`) and a
values_list queryset straight into a polars DataFrame (`lees_tabel`)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

import polars as pl


def in_ids(veld: str, ids: Iterable[int]) -> Q:
    """`veld` is one of `ids`, as a filter. On PostgreSQL the ids travel as one array
    parameter (`= ANY(%s)`): a plain `__in` with thousands of ids makes thousands of
    placeholders, and psycopg spends more time splitting such a query than the database spends
    running it. Elsewhere (SQLite, the demo) a plain `__in`."""
    lijst = sorted(set(ids))
    if connection.vendor != "postgresql":
        return Q(**{f"{veld}__in": lijst})
    return Q(**{f"{veld}__in": RawSQL("SELECT unnest(%s::bigint[])", (lijst,))})


def lees_tabel(
    rijen: QuerySet[Any, tuple[Any, ...]], schema: pl.Schema, *, copy: bool | None = None
) -> pl.DataFrame:
    """A values_list queryset as a DataFrame of `schema`. On PostgreSQL one COPY ... TO STDOUT
    (CSV) straight into polars (no Python object per row); elsewhere (SQLite, the demo) a
    cursor fetch."""
    if copy is None:
        copy = connection.vendor == "postgresql"
    if not copy:
        return pl.DataFrame(list(rijen), schema=schema, orient="row")
    try:
        # COPY takes no bind parameters: psycopg merges them client-side (compose_sql)
        operaties: Any = connection.ops  # the PostgreSQL backend's compose_sql
        sql = operaties.compose_sql(*rijen.query.sql_with_params())
    except EmptyResultSet:
        return pl.DataFrame(schema=schema)
    buffer = io.BytesIO()
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as uit,
    ):
        for blok in uit:
            buffer.write(blok)
    if buffer.tell() == 0:
        return pl.DataFrame(schema=schema)
    buffer.seek(0)
    # PostgreSQL writes booleans as t and f
    als_tekst = {k: (pl.Utf8 if t == pl.Boolean else t) for k, t in schema.items()}
    frame = pl.read_csv(buffer, has_header=False, schema=als_tekst)
    return frame.with_columns(pl.col(k) == "t" for k, t in schema.items() if t == pl.Boolean).cast(
        schema
    )
