# SPDX-License-Identifier: EUPL-1.2
"""A case belongs to a municipality (issue 13): existing cases get their pupil's home
municipality of today; 0008 makes the field required. And the case handover after a move."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def gemeente_van_de_leerling(apps, schema_editor):  # type: ignore[no-untyped-def]
    casus = apps.get_model("regie", "Casus")
    leerling = apps.get_model("registratie", "Leerling")
    casus.objects.filter(gemeente__isnull=True).update(
        gemeente_id=models.Subquery(
            leerling.objects.filter(pk=models.OuterRef("leerling_id")).values("woongemeente_id")[
                :1
            ]
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('regie', '0006_medische_inhoud'),
        ('toegang', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='casus',
            name='gemeente',
            field=models.ForeignKey(help_text="The municipality the case belongs to: the pupil's home municipality when it opened. A move does not change it; the receiving municipality gets a case of its own only through a recorded handover (Casusoverdracht).", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='casussen', to='toegang.gemeente', verbose_name='municipality'),
        ),
        migrations.AlterField(
            model_name='casusgebeurtenis',
            name='soort',
            field=models.CharField(choices=[('geopend', 'case opened'), ('regie_overgedragen', 'case direction transferred'), ('deelnemer_toegevoegd', 'participant added'), ('plan_opgeslagen', 'plan version saved'), ('actie_toegevoegd', 'action added'), ('actie_afgerond', 'action completed'), ('contactmoment', 'contact moment'), ('stap_gedaan', 'step done'), ('aanpak_gewijzigd', 'escalation model changed'), ('gesloten', 'case closed'), ('heropend', 'case reopened'), ('fase_ingegaan', 'phase entered'), ('overleg', 'discussed in a meeting'), ('gemeenteoverdracht', 'handover after a move')], max_length=24, verbose_name='event'),
        ),
        migrations.CreateModel(
            name='Casusoverdracht',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('concept', 'awaiting handover'), ('verzonden', 'sent'), ('aanvaard', 'accepted'), ('geweigerd', 'refused'), ('vervallen', 'lapsed')], default='concept', max_length=10, verbose_name='status')),
                ('inhoud', models.JSONField(blank=True, default=dict, verbose_name='handed over')),
                ('aangemaakt_op', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('verzonden_op', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                ('behandeld_op', models.DateTimeField(blank=True, null=True, verbose_name='handled at')),
                ('reden_weigering', models.TextField(blank=True, verbose_name='reason for refusal')),
                ('behandeld_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='handled by')),
                ('casus', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='gemeenteoverdrachten', to='regie.casus', verbose_name='case')),
                ('naar_gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='toegang.gemeente', verbose_name='to municipality')),
                ('nieuwe_casus', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ontvangen_overdracht', to='regie.casus', verbose_name='new case')),
                ('van_gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='toegang.gemeente', verbose_name='from municipality')),
                ('verzonden_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='sent by')),
            ],
            options={
                'verbose_name': 'case handover',
                'verbose_name_plural': 'case handovers',
                'ordering': ['-aangemaakt_op', '-pk'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'concept')), fields=('casus',), name='casusoverdracht_een_concept_per_casus'), models.CheckConstraint(condition=models.Q(('van_gemeente', models.F('naar_gemeente')), _negated=True), name='casusoverdracht_naar_een_andere_gemeente')],
            },
        ),
        migrations.RunPython(gemeente_van_de_leerling, migrations.RunPython.noop),
    ]
