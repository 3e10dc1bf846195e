# SPDX-License-Identifier: EUPL-1.2

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('signalering', '0003_signaal_gekoppeld'),
    ]

    operations = [
        migrations.AlterField(
            model_name='signaalgebeurtenis',
            name='soort',
            field=models.CharField(choices=[('aangemaakt', 'created'), ('bijgewerkt', 'updated'), ('gesloten', 'closed, situation ended'), ('heropend', 'reopened'), ('gezien', 'seen'), ('afgewezen', 'dismissed'), ('melding_gemaakt', 'turned into a report'), ('casus_gemaakt', 'turned into a case'), ('gekoppeld', "attached to the pupil's open case")], max_length=20, verbose_name='event'),
        ),
    ]
