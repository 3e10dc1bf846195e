# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .models import Import

TOEGESTANE_EXTENSIES = (".csv", ".txt", ".xlsx")


class ImportForm(forms.Form):
    soort = forms.ChoiceField(label=_("What do you import?"))
    bestand = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8, separated by ; or ,) or Excel (.xlsx) with Dutch column names."),
    )

    def __init__(self, *args: Any, gebruiker: Any, **kwargs: Any) -> None:
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
        return bestand
