# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from binnenboord.toegang.models import Medewerker

from .importeren.bestanden import (
    KOPBYTES,
    BeschadigdArchief,
    OnleesbaarBestand,
    controleer_xlsx,
    geen_tabel,
    herken,
)
from .importeren.meldingen import m_postcode
from .importeren.normaliseren import normaliseer_postcode
from .models import Import, Ouder
from .ouders import GEVOELIG

TOEGESTANE_EXTENSIES = (".csv", ".txt", ".xlsx")


class ImportForm(forms.Form):
    soort = forms.ChoiceField(label=_("What do you import?"))
    bestand = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8, separated by ; or ,) or Excel (.xlsx) with Dutch column names."),
    )

    def __init__(self, *args: Any, gebruiker: Medewerker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        soort = self.fields["soort"]
        assert isinstance(soort, forms.ChoiceField)
        soort.choices = [
            (waarde, label)
            for waarde, label in Import.Soort.choices
            if gebruiker.has_perm(f"registratie.import_{waarde}")
        ]

    def clean_bestand(self) -> UploadedFile:
        bestand: UploadedFile = self.cleaned_data["bestand"]
        naam = (bestand.name or "").lower()
        if not naam.endswith(TOEGESTANE_EXTENSIES):
            raise forms.ValidationError(
                _("Only CSV or Excel (.xlsx) files can be imported, not %(naam)s."),
                params={"naam": bestand.name},
            )
        maximum = getattr(settings, "IMPORT_MAX_MB", 100)
        if (bestand.size or 0) > maximum * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB."), params={"max": maximum}
            )
        _controleer_inhoud(bestand, naam)
        return bestand


def _controleer_inhoud(bestand: UploadedFile, naam: str) -> None:
    """Refuses, before anything is stored, a file whose first bytes show it is no table (a PNG
    named .csv) or not what its name says (a CSV named .xlsx). The browser's content type is
    not asked: browsers guess it from the name."""
    begin = bestand.read(KOPBYTES)
    bestand.seek(0)
    soort = herken(begin)
    if soort not in ("tekst", "xlsx"):
        raise forms.ValidationError(geen_tabel(soort))
    if naam.endswith(".xlsx") and soort != "xlsx":
        raise forms.ValidationError(
            _(
                "%(naam)s is called .xlsx but is no Excel workbook: it holds text. Save it as "
                "an Excel workbook (.xlsx), or rename it to .csv if it is a CSV file."
            ),
            params={"naam": bestand.name},
        )
    if soort != "xlsx":
        return
    try:
        controleer_xlsx(bestand)  # type: ignore[arg-type]
    except BeschadigdArchief:
        raise forms.ValidationError(
            _(
                "%(naam)s is a damaged Excel file: the archive is incomplete. Save it again in "
                "Excel, or save it as CSV UTF-8."
            ),
            params={"naam": bestand.name},
        ) from None
    except OnleesbaarBestand as fout:
        raise forms.ValidationError(str(fout)) from None
    finally:
        bestand.seek(0)


class BesluitForm(forms.Form):
    """Confirm or reject a held write; a rejection says why, for the requester to read."""

    BEVESTIGEN, AFWIJZEN = "bevestigen", "afwijzen"

    besluit = forms.ChoiceField(
        choices=[(BEVESTIGEN, _("Confirm")), (AFWIJZEN, _("Reject"))], label=_("Decision")
    )
    toelichting = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you reject. The requester reads it; write no medical details."),
    )
    versie = forms.CharField(required=False, max_length=32, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("besluit") == self.AFWIJZEN and not (data.get("toelichting") or "").strip():
            self.add_error("toelichting", _("Say why you reject it; the requester reads this."))
        return data


class OuderForm(forms.ModelForm):
    """Leerplicht changes a parent of a pupil of its municipality. Giving or taking away gezag,
    and setting or lifting the shielding of the address, needs a reason: those change who may
    see the child in the portal."""

    reden = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required when you change parental authority or the shielding of the address. "
            "It is kept in the change history."
        ),
    )

    class Meta:
        model = Ouder
        fields = [
            "relatie",
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "telefoon",
            "email",
            "gezag",
            "bsn",
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
            "adres_afgeschermd",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the stored values, before the form writes the input onto the instance
        self.voor = {veld: getattr(self.instance, veld) for veld in GEVOELIG}

    def clean_postcode(self) -> str:
        waarde = (self.cleaned_data.get("postcode") or "").strip()
        if not waarde:
            return ""
        schoon = normaliseer_postcode(waarde)
        if schoon is None:
            raise forms.ValidationError(m_postcode() % {"waarde": waarde})
        return schoon

    @property
    def gevoelig_gewijzigd(self) -> list[str]:
        data = getattr(self, "cleaned_data", {})
        return [veld for veld in GEVOELIG if veld in data and data[veld] != self.voor[veld]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.gevoelig_gewijzigd and not (data.get("reden") or "").strip():
            self.add_error(
                "reden",
                _(
                    "Say why you change parental authority or the shielding of the address; "
                    "it is kept in the change history."
                ),
            )
        return data
