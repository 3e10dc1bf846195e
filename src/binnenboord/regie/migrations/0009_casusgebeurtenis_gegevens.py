# SPDX-License-Identifier: EUPL-1.2
"""The facts of a case event as values (regie.geschiedenis); existing rows keep their sentence
in `toelichting` and an empty `gegevens`."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("regie", "0008_casus_gemeente_verplicht"),
    ]

    operations = [
        migrations.AddField(
            model_name="casusgebeurtenis",
            name="gegevens",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text=(
                    "What happened, as values (names, codes, dates); the sentence is made from "
                    "them when the history is read, in the reader's language. Empty for rows "
                    "written before: their sentence is in the explanation."
                ),
                verbose_name="facts",
            ),
        ),
    ]
