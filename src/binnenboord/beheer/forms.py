# SPDX-License-Identifier: EUPL-1.2
"""The forms of beheer. Every choice is limited to the administrator's region (the view
gives the querysets); a posted id outside it is an error naming the field, never a write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from binnenboord.gedeeld.forms import Opmaak, medewerkerlabel
from binnenboord.gedeeld.zoekkeuze import Zoekkeuze
from binnenboord.registratie.models import School
from binnenboord.registratie.validators import valideer_brin
from binnenboord.toegang.models import Gemeente, Kernteam, Medewerker, Organisatie, Regio, Rol

# The kinds an administrator creates; a Leerplicht organisation is `binnenboord inrichten`'s.
BEHEERBARE_SOORTEN = [
    (waarde, label)
    for waarde, label in Organisatie.Soort.choices
    if waarde != Organisatie.Soort.GEMEENTE
]


class Formulier(Opmaak, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._opmaak()


class OrganisatieForm(Formulier):
    """A new organisation (with its kind) or the changes of one (its kind stays)."""

    soort = forms.ChoiceField(label=_("Kind"), choices=BEHEERBARE_SOORTEN)
    naam = forms.CharField(label=_("Name"), max_length=200)
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Municipalities served"),
        queryset=Gemeente.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only your own municipalities; an organisation also serving other municipalities "
            "keeps those. Not for a school: a school belongs to the municipality below."
        ),
    )
    brin = forms.CharField(
        label=_("BRIN"), max_length=4, required=False, help_text=_("For a school only.")
    )
    vestigingsnummer = forms.CharField(
        label=_("Branch number"),
        max_length=2,
        required=False,
        validators=[RegexValidator(r"^\d{2}$", _("Enter two digits, e.g. 00."))],
        help_text=_("For a school only; 00 for the main location."),
    )
    gemeente = forms.ModelChoiceField(
        label=_("Municipality of the school"),
        queryset=Gemeente.objects.none(),
        required=False,
        help_text=_("For a school only."),
    )
    onderwijssoort = forms.ChoiceField(
        label=_("Kind of education"),
        choices=[("", "---------"), *School.Soort.choices],
        required=False,
        help_text=_("For a school only."),
    )
    regio = forms.ChoiceField(
        label=_("Holiday region"),
        choices=[("", "---------"), *Regio.choices],
        required=False,
        help_text=_("For a school only."),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        gemeenten: QuerySet[Gemeente],
        organisatie: Organisatie | None = None,
        **kwargs: Any,
    ) -> None:
        self.organisatie = organisatie
        initial: dict[str, Any] = {}
        if organisatie is not None:
            initial = {
                "soort": organisatie.soort,
                "naam": organisatie.naam,
                "gemeenten": list(organisatie.gemeenten.filter(pk__in=gemeenten)),
                "brin": organisatie.brin,
                "vestigingsnummer": organisatie.vestigingsnummer,
            }
            school = School.objects.filter(organisatie=organisatie).first()
            if school is not None:
                initial |= {
                    "gemeente": school.gemeente_id,
                    "onderwijssoort": school.soort,
                    "regio": school.regio,
                }
        super().__init__(data, initial=initial, **kwargs)
        self.fields["gemeenten"].queryset = gemeenten  # type: ignore[attr-defined]
        self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]
        if organisatie is not None:
            # the kind of an existing organisation stays: its staff's roles depend on it
            self.fields["soort"].disabled = True
            if organisatie.soort == Organisatie.Soort.SCHOOL:
                del self.fields["gemeenten"]
            else:
                for veld in ("brin", "vestigingsnummer", "gemeente", "onderwijssoort", "regio"):
                    del self.fields[veld]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        soort = data.get("soort")
        if soort == Organisatie.Soort.SCHOOL:
            self._clean_school(data)
        elif soort:
            eigen = data.get("gemeenten")
            anderen = (
                self.organisatie.gemeenten.exclude(pk__in=self.fields["gemeenten"].queryset)  # type: ignore[attr-defined]
                if self.organisatie is not None
                else Gemeente.objects.none()
            )
            if not eigen and not anderen.exists():
                self.add_error(
                    "gemeenten",
                    _("Municipalities served: choose at least one of your municipalities."),
                )
            data["brin"] = data["vestigingsnummer"] = ""
        return data

    def _clean_school(self, data: dict[str, Any]) -> None:
        for veld, fout in (
            ("brin", _("BRIN: give the BRIN of the school.")),
            ("gemeente", _("Municipality of the school: choose one of your municipalities.")),
            ("onderwijssoort", _("Kind of education: choose one.")),
            ("regio", _("Holiday region: choose one.")),
        ):
            if not data.get(veld) and veld not in self.errors:
                self.add_error(veld, fout)
        brin = (data.get("brin") or "").upper()
        vestiging = data.get("vestigingsnummer") or "00"
        data["brin"], data["vestigingsnummer"] = brin, vestiging
        if not brin or "brin" in self.errors:
            return
        try:
            valideer_brin(brin)
        except ValidationError as fout:
            self.add_error("brin", fout)
            return
        eigen_pk = self.organisatie.pk if self.organisatie is not None else None
        zelfde = Organisatie.objects.filter(brin=brin, vestigingsnummer=vestiging)
        if eigen_pk is not None:
            zelfde = zelfde.exclude(pk=eigen_pk)
        if zelfde.exists():
            self.add_error("brin", _("BRIN: an organisation with this BRIN and branch exists."))
            return
        school = School.objects.filter(brin=brin, vestiging=vestiging).first()
        if school is None:
            return
        if school.organisatie_id not in (None, eigen_pk):
            self.add_error("brin", _("BRIN: this school already has an organisation."))
        elif (
            school.organisatie_id is None
            and eigen_pk is not None
            and School.objects.filter(organisatie_id=eigen_pk).exists()
        ):
            # this organisation has its school already; another school keeps its own BRIN
            self.add_error("brin", _("BRIN: another school has this BRIN and branch."))
        elif school.gemeente_id not in {g.pk for g in self.fields["gemeente"].queryset}:  # type: ignore[attr-defined]
            self.add_error(
                "brin",
                _("BRIN: this school lies in a municipality outside your region."),
            )


class MedewerkerForm(Formulier):
    """A staff account: name, e-mail, an organisation of the region and a fitting role."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("The invitation with the log-in link goes here.")
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisatie.objects.none()
    )
    rol = forms.ChoiceField(label=_("Role"), choices=Rol.choices)

    def __init__(
        self,
        data: Any = None,
        *,
        organisaties: QuerySet[Organisatie],
        beheerder: Medewerker,
        medewerker: Medewerker | None = None,
        **kwargs: Any,
    ) -> None:
        self.beheerder, self.medewerker = beheerder, medewerker
        if medewerker is not None:
            kwargs["initial"] = {
                "first_name": medewerker.first_name,
                "last_name": medewerker.last_name,
                "email": medewerker.email,
                "organisatie": medewerker.organisatie_id,
                "rol": medewerker.rol,
            }
        super().__init__(data, **kwargs)
        self.fields["organisatie"].queryset = organisaties  # type: ignore[attr-defined]

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        anderen = Medewerker.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        if self.medewerker is not None:
            anderen = anderen.exclude(pk=self.medewerker.pk)
        if anderen.exists():
            raise ValidationError(_("E-mail: an account with this e-mail address exists."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisatie, rol = data.get("organisatie"), data.get("rol")
        if organisatie is None or not rol:
            return data
        proef = Medewerker(organisatie=organisatie, rol=rol)
        try:
            proef.clean()
        except ValidationError as fout:
            for melding in fout.message_dict.get("rol", []):
                self.add_error("rol", f"{self.fields['rol'].label}: {melding}")
            return data
        if rol == Rol.FUNCTIONEEL_BEHEERDER and organisatie.pk != self.beheerder.organisatie_id:
            self.add_error(
                "rol",
                _("Role: a functional administrator can only be given in your own organisation."),
            )
        return data


class KernteamForm(Formulier):
    """The four members of a school's kernteam, each of the region's staff of that role, chosen
    with the shared person picker (gedeeld.zoekkeuze)."""

    leerplichtambtenaar = Zoekkeuze(
        label=_("Compulsory education officer"),
        queryset=Medewerker.objects.none(),
        required=False,
        labeler=medewerkerlabel,
    )
    jeugdarts = Zoekkeuze(
        label=_("Youth doctor / youth nurse"),
        queryset=Medewerker.objects.none(),
        required=False,
        labeler=medewerkerlabel,
    )
    gezinswerker = Zoekkeuze(
        label=_("Family worker"),
        queryset=Medewerker.objects.none(),
        required=False,
        labeler=medewerkerlabel,
    )
    swv_consulent = Zoekkeuze(
        label=_("Partnership consultant"),
        queryset=Medewerker.objects.none(),
        required=False,
        labeler=medewerkerlabel,
    )

    def __init__(
        self,
        data: Any = None,
        *,
        keuzes: dict[str, QuerySet[Medewerker]],
        kernteam: Kernteam | None,
    ) -> None:
        initial = (
            {veld: getattr(kernteam, f"{veld}_id") for veld in Kernteam.LEDEN} if kernteam else {}
        )
        super().__init__(data, initial=initial)
        for veld in Kernteam.LEDEN:
            self.fields[veld].queryset = keuzes[veld]  # type: ignore[attr-defined]
