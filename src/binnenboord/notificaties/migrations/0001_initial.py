# SPDX-License-Identifier: EUPL-1.2

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Notificatievoorkeur',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('mail', models.CharField(choices=[('direct', 'immediately'), ('dagelijks', 'once a day, as a digest'), ('nooit', 'never (only in the application)')], default='dagelijks', max_length=10, verbose_name='e-mail')),
                ('medewerker', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notificatievoorkeur', to=settings.AUTH_USER_MODEL, verbose_name='staff member')),
            ],
            options={
                'verbose_name': 'notification preference',
                'verbose_name_plural': 'notification preferences',
            },
        ),
        migrations.CreateModel(
            name='Notificatie',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('soort', models.CharField(choices=[('actie_toegewezen', 'action assigned to you'), ('deelnemer_toegevoegd', 'added to a case'), ('escalatie', 'case escalated to your body'), ('agenda_gepubliceerd', 'agenda published'), ('melding_ontvangen', 'report received'), ('verhuismelding', 'move reported'), ('termijn_verlopen', 'your deadline is overdue'), ('mazl_verwijzing', 'MAZL referral received'), ('mazl_advies', 'MAZL advice received')], max_length=24, verbose_name='kind')),
                ('gegevens', models.JSONField(blank=True, default=dict, help_text="What happened, as values (numbers, codes, dates); never a pupil's name.", verbose_name='facts')),
                ('url', models.CharField(help_text='A path in this application.', max_length=300, verbose_name='link')),
                ('sleutel', models.CharField(blank=True, help_text='One notification per recipient and key, however often it is written.', max_length=100, verbose_name='key')),
                ('aangemaakt_op', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('gelezen_op', models.DateTimeField(blank=True, null=True, verbose_name='read at')),
                ('gemaild_op', models.DateTimeField(blank=True, null=True, verbose_name='e-mailed at')),
                ('ontvanger', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notificaties', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
            ],
            options={
                'verbose_name': 'notification',
                'verbose_name_plural': 'notifications',
                'ordering': ['-aangemaakt_op', '-pk'],
                'indexes': [models.Index(condition=models.Q(('gelezen_op__isnull', True)), fields=['ontvanger', 'aangemaakt_op'], name='notificatie_ongelezen'), models.Index(condition=models.Q(('gemaild_op__isnull', True)), fields=['gemaild_op'], name='notificatie_te_mailen')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('sleutel', ''), _negated=True), fields=('ontvanger', 'sleutel'), name='notificatie_eenmaal_per_sleutel')],
            },
        ),
    ]
