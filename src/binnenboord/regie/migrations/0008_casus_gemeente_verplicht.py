# SPDX-License-Identifier: EUPL-1.2
"""Every case belongs to a municipality (filled by 0007)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("regie", "0007_casus_gemeente_en_overdracht"),
    ]

    operations = [
        migrations.AlterField(
            model_name="casus",
            name="gemeente",
            field=models.ForeignKey(
                help_text=(
                    "The municipality the case belongs to: the pupil's home municipality when "
                    "it opened. A move does not change it; the receiving municipality gets a "
                    "case of its own only through a recorded handover (Casusoverdracht)."
                ),
                on_delete=django.db.models.deletion.PROTECT,
                related_name="casussen",
                to="toegang.gemeente",
                verbose_name="municipality",
            ),
        ),
    ]
