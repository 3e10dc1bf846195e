# SPDX-License-Identifier: EUPL-1.2

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("regie", "0010_aangemaakt_door_label"),
        ("registratie", "0011_melder_en_bestemming"),
        ("signalering", "0003_signaal_gekoppeld"),
        ("toegang", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Escalatie",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "orgaan",
                    models.CharField(
                        help_text="The escalation code of the case's model: the body that takes the case.",
                        max_length=40,
                        verbose_name="body",
                    ),
                ),
                ("datum", models.DateField(verbose_name="date")),
                (
                    "bevestigd_op",
                    models.DateTimeField(auto_now_add=True, verbose_name="confirmed at"),
                ),
                (
                    "beeindigd_op",
                    models.DateTimeField(blank=True, null=True, verbose_name="ended at"),
                ),
                ("reden_einde", models.TextField(blank=True, verbose_name="reason for ending")),
            ],
            options={
                "verbose_name": "escalation",
                "verbose_name_plural": "escalations",
                "ordering": ["-datum", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Mazlverwijzing",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "reden",
                    models.TextField(
                        help_text="What the school sees (the sick leave, what was discussed); no diagnosis.",
                        verbose_name="reason for referral",
                    ),
                ),
                (
                    "verwezen_op",
                    models.DateTimeField(auto_now_add=True, verbose_name="referred at"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("nieuw", "new"),
                            ("gepland", "consult planned"),
                            ("afgerond", "advice sent"),
                            ("niet_verschenen", "did not attend"),
                        ],
                        default="nieuw",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "consult_op",
                    models.DateField(blank=True, null=True, verbose_name="date of the consult"),
                ),
                (
                    "advies",
                    models.TextField(
                        blank=True,
                        help_text="Only what the family agreed to share, e.g. 'can attend 2 hours a day'.",
                        verbose_name="shareable advice",
                    ),
                ),
                (
                    "advies_op",
                    models.DateTimeField(blank=True, null=True, verbose_name="advice sent at"),
                ),
            ],
            options={
                "verbose_name": "MAZL referral",
                "verbose_name_plural": "MAZL referrals",
                "ordering": ["-verwezen_op", "-pk"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="medischeinhoud",
            name="medische_inhoud_bij_een_ding",
        ),
        migrations.AddField(
            model_name="casus",
            name="gekoppelde_signalen",
            field=models.ManyToManyField(
                blank=True,
                help_text="Signals of the pupil's situation handled within this case: attached by a person, or closed when the case opened.",
                related_name="gekoppelde_casussen",
                to="signalering.signaal",
                verbose_name="attached signals",
            ),
        ),
        migrations.AddField(
            model_name="deelnemer",
            name="beeindigd_op",
            field=models.DateTimeField(
                blank=True,
                help_text="From this moment the participant no longer sees the case.",
                null=True,
                verbose_name="ended at",
            ),
        ),
        migrations.AddField(
            model_name="deelnemer",
            name="grond",
            field=models.CharField(
                choices=[
                    ("toegevoegd", "added to the case"),
                    ("actie", "assigned an action"),
                    ("escalatie", "member of the body the case is escalated to"),
                ],
                default="toegevoegd",
                max_length=12,
                verbose_name="grounds",
            ),
        ),
        migrations.AddField(
            model_name="overleg",
            name="agenda_gepubliceerd_door",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="agenda published by",
            ),
        ),
        migrations.AddField(
            model_name="overleg",
            name="agenda_gepubliceerd_op",
            field=models.DateTimeField(
                blank=True,
                help_text="From this moment the members see the cases on the agenda (summary, plan and question), each until its decision is recorded.",
                null=True,
                verbose_name="agenda published at",
            ),
        ),
        migrations.AlterField(
            model_name="casusgebeurtenis",
            name="soort",
            field=models.CharField(
                choices=[
                    ("geopend", "case opened"),
                    ("regie_overgedragen", "case direction transferred"),
                    ("deelnemer_toegevoegd", "participant added"),
                    ("plan_opgeslagen", "plan version saved"),
                    ("actie_toegevoegd", "action added"),
                    ("actie_afgerond", "action completed"),
                    ("contactmoment", "contact moment"),
                    ("stap_gedaan", "step done"),
                    ("aanpak_gewijzigd", "escalation model changed"),
                    ("gesloten", "case closed"),
                    ("heropend", "case reopened"),
                    ("fase_ingegaan", "phase entered"),
                    ("overleg", "discussed in a meeting"),
                    ("gemeenteoverdracht", "handover after a move"),
                    ("deelname_beeindigd", "participation ended"),
                    ("escalatie", "escalated to a body"),
                    ("escalatie_beeindigd", "escalation ended"),
                    ("signaal_gekoppeld", "signal attached"),
                    ("agenda", "on a published agenda"),
                    ("mazl", "MAZL referral"),
                ],
                max_length=24,
                verbose_name="event",
            ),
        ),
        migrations.AlterField(
            model_name="medischeinhoud",
            name="casus",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty for the notes of a MAZL referral made without a case.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="medische_inhoud",
                to="regie.casus",
                verbose_name="case",
            ),
        ),
        migrations.AddField(
            model_name="escalatie",
            name="beeindigd_door",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ended by",
            ),
        ),
        migrations.AddField(
            model_name="escalatie",
            name="bevestigd_door",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="confirmed by",
            ),
        ),
        migrations.AddField(
            model_name="escalatie",
            name="casus",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="escalaties",
                to="regie.casus",
                verbose_name="case",
            ),
        ),
        migrations.AddField(
            model_name="escalatie",
            name="overleg",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="regie.overleg",
                verbose_name="proposed for the meeting",
            ),
        ),
        migrations.AddField(
            model_name="mazlverwijzing",
            name="afgehandeld_door",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="handled by",
            ),
        ),
        migrations.AddField(
            model_name="mazlverwijzing",
            name="casus",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="mazlverwijzingen",
                to="regie.casus",
                verbose_name="case",
            ),
        ),
        migrations.AddField(
            model_name="mazlverwijzing",
            name="jeugdarts",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mazlverwijzingen",
                to=settings.AUTH_USER_MODEL,
                verbose_name="youth doctor",
            ),
        ),
        migrations.AddField(
            model_name="mazlverwijzing",
            name="leerling",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mazlverwijzingen",
                to="registratie.leerling",
                verbose_name="pupil",
            ),
        ),
        migrations.AddField(
            model_name="mazlverwijzing",
            name="school",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="registratie.school",
                verbose_name="school",
            ),
        ),
        migrations.AddField(
            model_name="mazlverwijzing",
            name="signaal",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="mazlverwijzingen",
                to="signalering.signaal",
                verbose_name="signal",
            ),
        ),
        migrations.AddField(
            model_name="mazlverwijzing",
            name="verwezen_door",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="referred by",
            ),
        ),
        migrations.AddField(
            model_name="medischeinhoud",
            name="mazlverwijzing",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="medisch",
                to="regie.mazlverwijzing",
                verbose_name="MAZL referral",
            ),
        ),
        migrations.AddConstraint(
            model_name="medischeinhoud",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("casus__isnull", False),
                        ("contactmoment__isnull", False),
                        ("mazladvies__isnull", True),
                        ("mazlverwijzing__isnull", True),
                    ),
                    models.Q(
                        ("casus__isnull", False),
                        ("contactmoment__isnull", True),
                        ("mazladvies__isnull", False),
                        ("mazlverwijzing__isnull", True),
                    ),
                    models.Q(
                        ("contactmoment__isnull", True),
                        ("mazladvies__isnull", True),
                        ("mazlverwijzing__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="medische_inhoud_bij_een_ding",
            ),
        ),
        migrations.AddConstraint(
            model_name="escalatie",
            constraint=models.UniqueConstraint(
                condition=models.Q(("beeindigd_op__isnull", True)),
                fields=("casus", "orgaan"),
                name="escalatie_een_lopende_per_orgaan",
            ),
        ),
        migrations.AddIndex(
            model_name="mazlverwijzing",
            index=models.Index(fields=["jeugdarts", "status"], name="mazl_jeugdarts_status"),
        ),
        migrations.AddConstraint(
            model_name="mazlverwijzing",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "afgerond"), _negated=True),
                    models.Q(models.Q(("advies", ""), _negated=True), ("advies_op__isnull", False)),
                    _connector="OR",
                ),
                name="mazlverwijzing_afgerond_met_advies",
            ),
        ),
    ]
