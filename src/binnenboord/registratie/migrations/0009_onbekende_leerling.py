# SPDX-License-Identifier: EUPL-1.2
"""An enrolment awaiting confirmation keeps the pupil's identifier as the school sent it, and may
wait for a pupil nobody knows yet (issue 13: "unknown" and "somebody else's" look alike)."""

from django.db import migrations, models
from django.db.models import Q


def vul_identiteit(apps, schema_editor):
    model = apps.get_model("registratie", "InschrijvingTerBevestiging")
    for verzoek in model.objects.select_related("leerling"):
        leerling = verzoek.leerling
        verzoek.identiteit = (
            f"bsn:{leerling.bsn}" if leerling.bsn else f"onderwijsnummer:{leerling.onderwijsnummer}"
        )
        verzoek.save(update_fields=["identiteit"])


class Migration(migrations.Migration):
    dependencies = [("registratie", "0008_import_op_de_achtergrond")]

    operations = [
        migrations.RemoveConstraint(
            model_name="inschrijvingterbevestiging", name="inschrijving_ter_bevestiging_een_open"
        ),
        migrations.AddField(
            model_name="inschrijvingterbevestiging",
            name="identiteit",
            field=models.CharField(
                default="",
                help_text='As the school sent it: "bsn:…" or "onderwijsnummer:…".',
                max_length=40,
                verbose_name="identifier",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(vul_identiteit, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="inschrijvingterbevestiging",
            name="leerling",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty until a pupil with the identifier is imported.",
                null=True,
                on_delete=models.deletion.CASCADE,
                related_name="inschrijvingen_ter_bevestiging",
                to="registratie.leerling",
                verbose_name="pupil",
            ),
        ),
        migrations.AlterField(
            model_name="inschrijvingterbevestiging",
            name="reden",
            field=models.CharField(
                choices=[
                    ("teruggedateerd", "starts more than 30 days before the import"),
                    ("heropend", "reopens an enrolment that ended more than 30 days ago"),
                    ("dubbel", "overlaps an ongoing enrolment at another school"),
                    ("onbekend", "no pupil with this BSN or education number was known yet"),
                ],
                max_length=20,
                verbose_name="reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="inschrijvingterbevestiging",
            constraint=models.UniqueConstraint(
                condition=Q(status="open"),
                fields=("identiteit", "school", "begindatum"),
                name="inschrijving_ter_bevestiging_een_open",
            ),
        ),
    ]
