# SPDX-License-Identifier: EUPL-1.2

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("regie", "0011_samenwerken"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendapunt",
            name="vraag",
            field=models.TextField(
                blank=True,
                help_text="What the meeting is asked to advise or decide; the members see it.",
                verbose_name="question for the meeting",
            ),
        ),
    ]
