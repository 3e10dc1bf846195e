# SPDX-License-Identifier: EUPL-1.2
"""The forms of the log-in connections (toegang.Inlogkoppeling) and their claim rules. The
organisations offered are the administrator's region (the view gives them), so a rule never
lets a provider's people into an organisation of another region."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.forms import Opmaak
from binnenboord.toegang.models import ROLLEN_PER_SOORT, Claimregel, Inlogkoppeling, Organisatie


class InlogkoppelingForm(Opmaak, forms.ModelForm):
    """A connection: the provider's endpoints, the client, and the names of its claims. The
    client secret is never shown again; left empty when changing, the stored one stays."""

    class Meta:
        model = Inlogkoppeling
        fields = [
            "naam",
            "slug",
            "organisatie",
            "actief",
            "autorisatie_url",
            "token_url",
            "userinfo_url",
            "jwks_url",
            "client_id",
            "client_secret",
            "scopes",
            "ondertekening",
            "pkce",
            "claim_onderwerp",
            "claim_email",
            "claim_voornaam",
            "claim_achternaam",
            "claim_uitgezet",
            "voorwaarde_claim",
            "voorwaarde_waarde",
        ]
        widgets = {"client_secret": forms.PasswordInput(render_value=False)}

        @staticmethod
        def formfield_callback(veld: models.Field[Any, Any], **kwargs: Any) -> Any:
            # a provider's address without a scheme is https
            if isinstance(veld, models.URLField):
                kwargs.setdefault("assume_scheme", "https")
            return veld.formfield(**kwargs)

    def __init__(self, *args: Any, organisaties: QuerySet[Organisatie], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld: Any = self.fields["organisatie"]
        veld.queryset = organisaties
        if self.instance.pk:
            self.fields["client_secret"].help_text = _(
                "Leave empty to keep the stored secret. Better: the environment variable "
                "INLOGKOPPELING_<SLUG>_CLIENT_SECRET, which goes before the stored one."
            )
        self._opmaak()

    def clean_client_secret(self) -> str:
        nieuw = str(self.cleaned_data.get("client_secret") or "")
        if not nieuw and self.instance.pk:
            return Inlogkoppeling.objects.get(pk=self.instance.pk).client_secret
        return nieuw


class ClaimregelForm(Opmaak, forms.ModelForm):
    """One rule: claim and value give organisation and role (the role must fit the kind of
    organisation, Claimregel.clean)."""

    class Meta:
        model = Claimregel
        fields = ["volgorde", "claim", "waarde", "organisatie", "rol"]
        help_texts = {
            "volgorde": _("Rules are tried from low to high; the first that matches wins."),
            "claim": _("E.g. groups (Entra ID) or nlEduPersonHomeOrganizationBranchId (Entree)."),
            "waarde": _("The exact value, e.g. a group id, or BRIN plus branch number: 12AB00."),
        }

    def __init__(self, *args: Any, organisaties: QuerySet[Organisatie], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld: Any = self.fields["organisatie"]
        veld.queryset = organisaties
        self._opmaak()

    def clean(self) -> dict[str, Any]:
        gegevens: dict[str, Any] = super().clean() or {}
        organisatie, rol = gegevens.get("organisatie"), gegevens.get("rol")
        if (
            organisatie is not None
            and rol
            and rol not in ROLLEN_PER_SOORT.get(organisatie.soort, frozenset())
        ):
            self.add_error("rol", _("This role does not fit this kind of organisation."))
        return gegevens
