# SPDX-License-Identifier: EUPL-1.2

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("signalering", "0002_meldingen"),
    ]

    operations = [
        migrations.AlterField(
            model_name="signaal",
            name="afhandeling",
            field=models.CharField(
                blank=True,
                choices=[
                    ("melding", "turned into a report"),
                    ("casus", "turned into a case"),
                    ("afgewezen", "dismissed"),
                    ("gekoppeld", "attached to the pupil's open case"),
                ],
                max_length=12,
                verbose_name="handled as",
            ),
        ),
    ]
