# SPDX-License-Identifier: EUPL-1.2
"""The database itself refuses UPDATE and DELETE on the access log (NEN 7513: entries are
never altered). Works on PostgreSQL (production, tests) and SQLite (demo). TRUNCATE is left
to the database's privileges (docs/beheer.md): the application never truncates, and the test
runner's flush between browser tests needs it."""

from django.db import migrations

TABEL = "verantwoording_inzage"

POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION {TABEL}_alleen_toevoegen() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'Het inzagelog is alleen-toevoegen: % is niet toegestaan', TG_OP;
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER {TABEL}_geen_wijziging BEFORE UPDATE OR DELETE ON {TABEL}
    FOR EACH ROW EXECUTE FUNCTION {TABEL}_alleen_toevoegen();
    """,
]
SQLITE = [
    f"""
    CREATE TRIGGER {TABEL}_geen_update BEFORE UPDATE ON {TABEL}
    BEGIN SELECT RAISE(ABORT, 'Het inzagelog is alleen-toevoegen: UPDATE is niet toegestaan'); END;
    """,
    f"""
    CREATE TRIGGER {TABEL}_geen_delete BEFORE DELETE ON {TABEL}
    BEGIN SELECT RAISE(ABORT, 'Het inzagelog is alleen-toevoegen: DELETE is niet toegestaan'); END;
    """,
]


def maak_triggers(apps, schema_editor):
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError("Alleen PostgreSQL en SQLite worden ondersteund.")
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("verantwoording", "0001_initial")]
    operations = [migrations.RunPython(maak_triggers, migrations.RunPython.noop)]
