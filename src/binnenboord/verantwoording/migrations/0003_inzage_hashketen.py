# SPDX-License-Identifier: EUPL-1.2
"""Tamper evidence: every access-log entry gets the hash of its predecessor and its own hash
(verantwoording/keten.py), existing entries chained in the order they were written. The
append-only trigger gets one controlled exception on PostgreSQL: `binnenboord bewaartermijnen
--uitvoeren` may remove entries older than five years (never younger), in a transaction that
sets `binnenboord.inzagelog_opschonen` and records a chain anchor."""

import hashlib
import ipaddress
import json
from datetime import UTC

import django.utils.timezone
from django.db import migrations, models

TABEL = "verantwoording_inzage"
BEGIN = "0" * 64

# Frozen copy of keten.canoniek (version inzage-v1): a migration must not follow later code.
def _hash(rij, vorige):
    velden = [
        "inzage-v1",
        rij.tijdstip.astimezone(UTC).isoformat(timespec="microseconds"),
        rij.medewerker_id,
        rij.gebruikersnaam,
        rij.rol,
        rij.organisatie,
        rij.leerling_id,
        rij.casus_id,
        str(rij.handeling),
        rij.bron,
        rij.pad,
        rij.reden,
        rij.aantal,
        str(ipaddress.ip_address(rij.ip_adres)) if rij.ip_adres else "",
        vorige,
    ]
    tekst = json.dumps(velden, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(tekst.encode()).hexdigest()


POSTGRESQL_FUNCTIE = f"""
CREATE OR REPLACE FUNCTION {TABEL}_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('binnenboord.inzagelog_opschonen', true) = 'aan'
       AND OLD.tijdstip < now() - interval '5 years' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'Het inzagelog is alleen-toevoegen: % is niet toegestaan', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
# SQLite (the demo) rebuilds the table for the field changes above and the rebuilt table has no
# triggers: drop what may be left, and create both append-only triggers again afterwards.
SQLITE_TRIGGERS = [
    f"""
CREATE TRIGGER {TABEL}_geen_update BEFORE UPDATE ON {TABEL}
BEGIN SELECT RAISE(ABORT, 'Het inzagelog is alleen-toevoegen: UPDATE is niet toegestaan'); END;
""",
    f"""
CREATE TRIGGER {TABEL}_geen_delete BEFORE DELETE ON {TABEL}
BEGIN SELECT RAISE(ABORT, 'Het inzagelog is alleen-toevoegen: DELETE is niet toegestaan'); END;
""",
]


def rijg_bestaande(apps, schema_editor):
    inzage = apps.get_model("verantwoording", "Inzage")
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTIE, params=None)
        schema_editor.execute(f"ALTER TABLE {TABEL} DISABLE TRIGGER {TABEL}_geen_wijziging")
    else:
        for naam in ("geen_update", "geen_delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABEL}_{naam}")
    vorige = BEGIN
    bijgewerkt = []
    for rij in inzage.objects.order_by("pk").iterator(chunk_size=2000):
        rij.vorige_hash = vorige
        rij.hash = vorige = _hash(rij, vorige)
        bijgewerkt.append(rij)
        if len(bijgewerkt) == 2000:
            inzage.objects.bulk_update(bijgewerkt, ["vorige_hash", "hash"])
            bijgewerkt = []
    inzage.objects.bulk_update(bijgewerkt, ["vorige_hash", "hash"])
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABEL} ENABLE TRIGGER {TABEL}_geen_wijziging")
    else:
        for trigger in SQLITE_TRIGGERS:
            schema_editor.execute(trigger, params=None)


class Migration(migrations.Migration):
    # The trigger is disabled and enabled around the backfill: keep it in one transaction.
    atomic = True
    dependencies = [("verantwoording", "0002_inzage_append_only")]
    operations = [
        migrations.AlterField(
            model_name="inzage",
            name="tijdstip",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, verbose_name="moment"
            ),
        ),
        migrations.AddField(
            model_name="inzage",
            name="vorige_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="previous hash"
            ),
        ),
        migrations.AddField(
            model_name="inzage",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash"),
        ),
        migrations.CreateModel(
            name="Inzageanker",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("aangemaakt_op", models.DateTimeField(default=django.utils.timezone.now, verbose_name="created at")),
                ("tot_en_met_id", models.BigIntegerField(verbose_name="last removed entry")),
                ("laatste_hash", models.CharField(max_length=64, verbose_name="hash of the last removed entry")),
                ("aantal_verwijderd", models.PositiveIntegerField(verbose_name="number of entries removed")),
                ("ouder_dan", models.DateTimeField(verbose_name="removed entries older than")),
            ],
            options={
                "verbose_name": "access log anchor",
                "verbose_name_plural": "access log anchors",
                "ordering": ["-tot_en_met_id"],
                "default_permissions": ("view",),
            },
        ),
        migrations.RunPython(rijg_bestaande, migrations.RunPython.noop),
    ]
