# SPDX-License-Identifier: EUPL-1.2
"""Log-in with the own organisation (issue 18, part D): Inlogkoppeling (one OpenID Connect
provider and client), its Claimregel rows (claim value -> organisation and role), and on
Medewerker the connection and the provider's subject of an account made by such a log-in."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("toegang", "0004_gemeenten"),
    ]

    operations = [
        migrations.AddField(
            model_name="medewerker",
            name="inlogonderwerp",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="subject at the provider"
            ),
        ),
        migrations.CreateModel(
            name="Inlogkoppeling",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "naam",
                    models.CharField(
                        help_text="Shown on the log-in button: 'Log in with …'.",
                        max_length=100,
                        verbose_name="name",
                    ),
                ),
                ("slug", models.SlugField(unique=True, verbose_name="short name")),
                ("actief", models.BooleanField(default=True, verbose_name="active")),
                (
                    "autorisatie_url",
                    models.URLField(max_length=500, verbose_name="authorization endpoint"),
                ),
                ("token_url", models.URLField(max_length=500, verbose_name="token endpoint")),
                ("userinfo_url", models.URLField(max_length=500, verbose_name="userinfo endpoint")),
                (
                    "jwks_url",
                    models.URLField(blank=True, max_length=500, verbose_name="JWKS endpoint"),
                ),
                ("client_id", models.CharField(max_length=255, verbose_name="client id")),
                (
                    "client_secret",
                    models.CharField(
                        blank=True,
                        help_text="Better empty: then it comes from the environment variable INLOGKOPPELING_<SLUG>_CLIENT_SECRET.",
                        max_length=255,
                        verbose_name="client secret",
                    ),
                ),
                (
                    "scopes",
                    models.CharField(
                        default="openid email profile", max_length=255, verbose_name="scopes"
                    ),
                ),
                (
                    "ondertekening",
                    models.CharField(
                        choices=[("RS256", "RS256"), ("ES256", "ES256"), ("HS256", "HS256")],
                        default="RS256",
                        max_length=5,
                        verbose_name="signing algorithm",
                    ),
                ),
                ("pkce", models.BooleanField(default=True, verbose_name="use PKCE")),
                (
                    "claim_onderwerp",
                    models.CharField(
                        default="sub", max_length=100, verbose_name="claim: stable subject"
                    ),
                ),
                (
                    "claim_email",
                    models.CharField(
                        blank=True, default="email", max_length=100, verbose_name="claim: e-mail"
                    ),
                ),
                (
                    "claim_voornaam",
                    models.CharField(
                        blank=True,
                        default="given_name",
                        max_length=100,
                        verbose_name="claim: given name",
                    ),
                ),
                (
                    "claim_achternaam",
                    models.CharField(
                        blank=True,
                        default="family_name",
                        max_length=100,
                        verbose_name="claim: family name",
                    ),
                ),
                (
                    "claim_uitgezet",
                    models.CharField(
                        blank=True,
                        help_text="Optional: a claim that is true when the account is disabled at the provider.",
                        max_length=100,
                        verbose_name="claim: account disabled",
                    ),
                ),
                (
                    "voorwaarde_claim",
                    models.CharField(
                        blank=True,
                        help_text="Optional: only people whose claim has the value below can log in, e.g. eduPersonAffiliation = employee (no pupils through Entree Federatie).",
                        max_length=100,
                        verbose_name="condition: claim",
                    ),
                ),
                (
                    "voorwaarde_waarde",
                    models.CharField(blank=True, max_length=255, verbose_name="condition: value"),
                ),
                (
                    "organisatie",
                    models.ForeignKey(
                        help_text="The organisation whose functional administrators manage this connection.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="inlogkoppelingen",
                        to="toegang.organisatie",
                        verbose_name="managed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "log-in connection",
                "verbose_name_plural": "log-in connections",
                "ordering": ["naam"],
            },
        ),
        migrations.CreateModel(
            name="Claimregel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("volgorde", models.PositiveIntegerField(default=10, verbose_name="order")),
                ("claim", models.CharField(max_length=100, verbose_name="claim")),
                ("waarde", models.CharField(max_length=255, verbose_name="value")),
                (
                    "rol",
                    models.CharField(
                        choices=[
                            ("schoolmedewerker", "School staff / care coordinator"),
                            ("leerplichtambtenaar", "Compulsory education officer"),
                            ("jeugdarts", "Youth doctor / youth nurse"),
                            ("gezinswerker", "Family worker / parent-child adviser"),
                            ("swv_consulent", "Partnership consultant"),
                            ("teammanager", "Team manager"),
                            ("interventieteamlid", "Intervention team member"),
                            ("beleidsmedewerker", "Policy officer (aggregates only)"),
                            ("functioneel_beheerder", "Functional administrator"),
                        ],
                        max_length=30,
                        verbose_name="role",
                    ),
                ),
                (
                    "organisatie",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="toegang.organisatie",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "koppeling",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="regels",
                        to="toegang.inlogkoppeling",
                        verbose_name="log-in connection",
                    ),
                ),
            ],
            options={
                "verbose_name": "claim rule",
                "verbose_name_plural": "claim rules",
                "ordering": ["volgorde", "pk"],
            },
        ),
        migrations.AddField(
            model_name="medewerker",
            name="inlogkoppeling",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="medewerkers",
                to="toegang.inlogkoppeling",
                verbose_name="log-in connection",
            ),
        ),
        migrations.AddConstraint(
            model_name="medewerker",
            constraint=models.UniqueConstraint(
                condition=models.Q(("inlogkoppeling__isnull", False)),
                fields=("inlogkoppeling", "inlogonderwerp"),
                name="medewerker_uniek_onderwerp_per_koppeling",
            ),
        ),
    ]
