# SPDX-License-Identifier: EUPL-1.2
"""Medical content apart (issue 13, finding 9): a youth doctor's contact notes move from the
shared `verslag` into MedischeInhoud, for youth doctors of the writer's organisation only."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def medisch_apart(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Existing contact notes written by a youth doctor (an account with that role and an
    organisation) are medical: move them out of the shared notes."""
    contactmoment = apps.get_model("regie", "Contactmoment")
    medisch = apps.get_model("regie", "MedischeInhoud")
    rijen = contactmoment.objects.filter(
        door__rol="jeugdarts", door__organisatie__isnull=False
    ).exclude(verslag="")
    for contact in rijen.select_related("door").iterator():
        medisch.objects.create(
            casus_id=contact.casus_id,
            contactmoment_id=contact.pk,
            tekst=contact.verslag,
            door_id=contact.door_id,
            organisatie_id=contact.door.organisatie_id,
        )
    rijen.update(verslag="")


def medisch_terug(apps, schema_editor):  # type: ignore[no-untyped-def]
    contactmoment = apps.get_model("regie", "Contactmoment")
    medisch = apps.get_model("regie", "MedischeInhoud")
    for rij in medisch.objects.filter(contactmoment__isnull=False).iterator():
        contactmoment.objects.filter(pk=rij.contactmoment_id).update(verslag=rij.tekst)


class Migration(migrations.Migration):

    dependencies = [
        ('regie', '0005_gebeurtenissoorten'),
        ('toegang', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='contactmoment',
            name='advies_regisseur',
            field=models.TextField(blank=True, help_text="A youth doctor's short, non-medical advice; only the case director and youth doctors read it.", verbose_name='advice for the case director'),
        ),
        migrations.AlterField(
            model_name='contactmoment',
            name='verslag',
            field=models.TextField(blank=True, verbose_name='notes'),
        ),
        migrations.CreateModel(
            name='MedischeInhoud',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tekst', models.TextField(verbose_name='medical content')),
                ('vastgelegd_op', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                ('casus', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='medische_inhoud', to='regie.casus', verbose_name='case')),
                ('contactmoment', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='medisch', to='regie.contactmoment', verbose_name='contact moment')),
                ('door', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('mazladvies', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='medisch', to='regie.mazladvies', verbose_name='MAZL advice')),
                ('organisatie', models.ForeignKey(help_text='The youth health care organisation of the writer: its youth doctors read it.', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='toegang.organisatie', verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'medical content',
                'verbose_name_plural': 'medical content',
                'ordering': ['casus', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('contactmoment__isnull', False), ('mazladvies__isnull', True)), models.Q(('contactmoment__isnull', True), ('mazladvies__isnull', False)), _connector='OR'), name='medische_inhoud_bij_een_ding')],
            },
        ),
        migrations.RunPython(medisch_apart, medisch_terug),
    ]
