# SPDX-License-Identifier: EUPL-1.2
"""gedeeld: abstract models only (no tables), the created-by fields as the models had them, and
the one access check (missing or out of scope 404, a forbidden action 403)."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

import pytest

from binnenboord.gedeeld.views import haal_of_404, vereis
from binnenboord.registratie.models import Leerling
from binnenboord.signalering.models import Melding, MeldingGebeurtenis, SignaalGebeurtenis
from binnenboord.toegang.models import Rol
from tests.wereld import Wereld


def test_gedeeld_heeft_geen_eigen_tabellen() -> None:
    assert list(apps.get_app_config("gedeeld").get_models()) == []


@pytest.mark.parametrize(
    ("model", "veld", "leeg"),
    [
        (Melding, "aangemaakt_door", False),
        (Melding, "verzonden_door", True),
        (MeldingGebeurtenis, "wie", False),
        (SignaalGebeurtenis, "wie", True),
    ],
)
def test_door_is_een_beschermde_medewerker_zonder_terugweg(
    model: type[models.Model], veld: str, leeg: bool
) -> None:
    field = model._meta.get_field(veld)
    assert isinstance(field, models.ForeignKey)
    assert field.related_model is apps.get_model("toegang", "Medewerker")
    assert field.remote_field.on_delete is models.PROTECT
    assert field.remote_field.related_name == "+"
    assert (field.null, field.blank) == (leeg, leeg)


def test_aangemaakt_op_wordt_eenmaal_gezet() -> None:
    field = Melding._meta.get_field("aangemaakt_op")
    assert isinstance(field, models.DateTimeField)
    assert field.auto_now_add and not field.auto_now


def test_haal_of_404_kent_alleen_wat_in_het_bereik_ligt(wereld: Wereld) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    bereik = Leerling.objects.filter(pk=leerling.pk)
    assert haal_of_404(bereik, leerling.pk) == leerling
    for pk in (wereld.leerlingen["buurdorp_school2"].pk, 2_000_000_000, "geen-getal", None):
        with pytest.raises(Http404):
            haal_of_404(bereik, pk)


def test_vereis_is_403_voor_een_verboden_handeling(wereld: Wereld) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    leerling = wereld.leerlingen["demodam_school1"]
    vereis(leerplicht, "registratie.view_leerling", leerling)
    with pytest.raises(PermissionDenied):
        vereis(leerplicht, "signalering.add_melding", leerling)
