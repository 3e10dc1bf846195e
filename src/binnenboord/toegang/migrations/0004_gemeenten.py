# SPDX-License-Identifier: EUPL-1.2
"""Every municipality of the Netherlands with its CBS code, and the herindelingen since 2018
(ended ones keep their row, with the date and their successor): gemeentedata/ in the toegang
package, source and licence in docs/inrichten.md. Idempotent, keyed by CBS code; it never
deletes a row, so a database with Demodam (9999) and Buurdorp (9998) keeps them."""

from django.db import migrations

from binnenboord.toegang.gemeenten import herindelingen, huidige_gemeenten, werk_bij


def laad_gemeenten(apps, schema_editor):  # type: ignore[no-untyped-def]
    werk_bij(apps.get_model("toegang", "Gemeente"), huidige_gemeenten(), herindelingen())


class Migration(migrations.Migration):
    dependencies = [
        ("toegang", "0003_gemeente_inrichting"),
    ]

    operations = [
        # reversing keeps the municipalities: data may refer to them
        migrations.RunPython(laad_gemeenten, migrations.RunPython.noop),
    ]
