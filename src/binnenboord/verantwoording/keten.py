# SPDX-License-Identifier: EUPL-1.2
"""Tamper evidence for the access log: every entry holds the hash of the previous entry and
its own hash, sha256 over a canonical serialisation of its fields plus that previous hash. An
entry changed or removed afterwards breaks the chain at that point; `binnenboord
controleer_inzagelog` walks the chain and names the first broken entry.

Writers take one lock per database transaction (PostgreSQL advisory lock), so two requests
that log at the same moment never build on the same chain head."""

from __future__ import annotations

import hashlib
import ipaddress
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from .models import Inzage, Inzageanker

BEGIN = "0" * 64
VERSIE = "inzage-v1"
# An arbitrary constant key for pg_advisory_xact_lock: "7513" (NEN 7513) and the log's number.
SLOT = 7513_0001


def _ip(waarde: str | None) -> str:
    return str(ipaddress.ip_address(waarde)) if waarde else ""


def _moment(waarde: datetime) -> str:
    return waarde.astimezone(UTC).isoformat(timespec="microseconds")


def canoniek(inzage: Inzage) -> bytes:
    """The fields that make an entry, in a fixed order, as compact JSON."""
    velden: list[Any] = [
        VERSIE,
        _moment(inzage.tijdstip),
        inzage.medewerker_id,
        inzage.gebruikersnaam,
        inzage.rol,
        inzage.organisatie,
        inzage.leerling_id,
        inzage.casus_id,
        str(inzage.handeling),
        inzage.bron,
        inzage.pad,
        inzage.reden,
        inzage.aantal,
        _ip(inzage.ip_adres),
        inzage.vorige_hash,
    ]
    return json.dumps(velden, ensure_ascii=False, separators=(",", ":")).encode()


def bereken_hash(inzage: Inzage) -> str:
    return hashlib.sha256(canoniek(inzage)).hexdigest()


def vergrendel() -> None:
    """Serialise chain writers until the end of the current transaction. SQLite (demo only)
    serialises every write transaction already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SLOT])


def kop() -> str:
    """The hash the next entry builds on: the newest entry's, else the newest anchor's, in
    one query (so a page's query count does not depend on whether the log is empty). Call
    inside the transaction that holds the lock."""
    inzage, anker = Inzage._meta.db_table, Inzageanker._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE((SELECT hash FROM {inzage} ORDER BY id DESC LIMIT 1), "
            f"(SELECT laatste_hash FROM {anker} ORDER BY tot_en_met_id DESC LIMIT 1))"
        )
        rij = cursor.fetchone()
    return str(rij[0]) if rij and rij[0] else BEGIN


def rijg(rijen: list[Inzage], vorige: str) -> list[Inzage]:
    """Chain the unsaved entries in order onto `vorige`."""
    for rij in rijen:
        rij.vorige_hash = vorige
        rij.hash = vorige = bereken_hash(rij)
    return rijen


@dataclass(frozen=True)
class Breuk:
    inzage_id: int
    reden: str


@dataclass(frozen=True)
class Uitslag:
    aantal: int
    kop: str
    breuk: Breuk | None

    @property
    def in_orde(self) -> bool:
        return self.breuk is None


def _entries(na_id: int) -> Iterator[Inzage]:
    return Inzage.objects.filter(pk__gt=na_id).order_by("pk").iterator(chunk_size=5000)


def controleer(entries: Iterable[Inzage] | None = None) -> Uitslag:
    """Walk the chain from the newest anchor (or the beginning) and stop at the first entry
    whose own hash or link to its predecessor does not hold."""
    anker = Inzageanker.objects.order_by("-tot_en_met_id").first()
    verwacht = anker.laatste_hash if anker else BEGIN
    if entries is None:
        entries = _entries(anker.tot_en_met_id if anker else 0)
    aantal = 0
    for inzage in entries:
        if inzage.vorige_hash != verwacht:
            reden = _("its link to the previous entry does not hold (an entry was removed)")
            return Uitslag(aantal, verwacht, Breuk(inzage.pk, reden))
        if bereken_hash(inzage) != inzage.hash:
            return Uitslag(
                aantal,
                verwacht,
                Breuk(inzage.pk, _("its content does not match its hash (it was changed)")),
            )
        verwacht = inzage.hash
        aantal += 1
    return Uitslag(aantal, verwacht, None)
