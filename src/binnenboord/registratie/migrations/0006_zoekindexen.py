# SPDX-License-Identifier: EUPL-1.2
"""Trigram indexes for searching pupils by name (registratie.selectors.zoek_leerlingen), on
PostgreSQL only. Django's `icontains` is `UPPER(veld) LIKE UPPER('%term%')`: without these
indexes every search reads all pupils (about 130 ms per query at 150,000 pupils). pg_trgm is a
trusted extension (PostgreSQL 13+), so the owner of the database may create it.

Not declared as Meta.indexes: a GIN index on an expression is PostgreSQL-only SQL, and the
demo runs on SQLite, where this migration does nothing."""

from django.db import migrations

INDEXEN = {
    "leerling_voornamen_trgm": "UPPER(voornamen) gin_trgm_ops",
    "leerling_achternaam_trgm": "UPPER(achternaam) gin_trgm_ops",
    "leerling_tussenvoegsel_trgm": "UPPER(tussenvoegsel) gin_trgm_ops",
}


def maak(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for naam, expressie in INDEXEN.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {naam} ON registratie_leerling USING gin ({expressie})"
        )


def verwijder(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for naam in INDEXEN:
        schema_editor.execute(f"DROP INDEX IF EXISTS {naam}")


class Migration(migrations.Migration):
    dependencies = [("registratie", "0005_verzuim_minder_indexen")]

    operations = [migrations.RunPython(maak, verwijder, elidable=False)]
