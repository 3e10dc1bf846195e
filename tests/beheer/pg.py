# SPDX-License-Identifier: EUPL-1.2
"""Plain psycopg connections to the test cluster beside Django's own: to create and drop a
database for a restore, to compare tables, and to end another session's backend."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

import psycopg


def instellingen() -> dict[str, Any]:
    return dict(connection.settings_dict)


def url(database: str | None = None) -> str:
    s = instellingen()
    naam = database or s["NAME"]
    return f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{naam}"


@contextmanager
def verbinding(database: str | None = None) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(url(database), autocommit=True) as conn:
        yield conn


def tabellen(database: str) -> list[str]:
    with verbinding(database) as conn:
        rijen = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    return [r[0] for r in rijen]


def inhoud(database: str) -> dict[str, tuple[int, str | None]]:
    """Per table its row count and a digest of all its rows (order-independent)."""
    uitkomst: dict[str, tuple[int, str | None]] = {}
    with verbinding(database) as conn:
        for tabel in tabellen(database):
            rij = conn.execute(
                "SELECT count(*), md5(string_agg(t::text, E'\\n' ORDER BY t::text)) "
                f'FROM "{tabel}" t'
            ).fetchone()
            assert rij is not None
            uitkomst[tabel] = (int(rij[0]), rij[1])
    return uitkomst


def volgnummers(database: str) -> dict[str, int | None]:
    with verbinding(database) as conn:
        rijen = conn.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall()
    return {r[0]: r[1] for r in rijen}


def beeindig(pid: int) -> None:
    """Ends the backend `pid` from another connection, as a crash or restart of the database
    would for that session: its open transaction is rolled back by PostgreSQL."""
    with verbinding("postgres") as conn:
        rij = conn.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()
    assert rij == (True,)


def sta_verbindingen_toe(toestaan: bool) -> None:
    """Refuses (or again allows) new connections to the test database, for everyone: the
    database "stays away" after a backend was ended, as during a restart that takes a while."""
    naam = instellingen()["NAME"]
    with verbinding("postgres") as conn:
        conn.execute(f'ALTER DATABASE "{naam}" ALLOW_CONNECTIONS {str(toestaan).lower()}')
