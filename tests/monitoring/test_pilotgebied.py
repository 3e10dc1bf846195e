# SPDX-License-Identifier: EUPL-1.2
"""The figures' pilot comparison uses the pilot area the models use (regie.configuratie): a
pilot area that is a set of schools gives the same pupils a new case's model runs the pilot
model for, and the same cases, as the figures of the area; its rest is the rest of the
municipality."""

from __future__ import annotations

from django.test import override_settings
from django.utils import timezone

import pytest

from binnenboord.monitoring.lezen import casussen_q, gebieden_van, leerlingen_q, met_label
from binnenboord.monitoring.rapport import Periode, lees_scope
from binnenboord.monitoring.selectors import scopes_voor
from binnenboord.regie.configuratie import aanpak_van
from binnenboord.regie.models import Casus
from binnenboord.registratie.models import Leerling
from binnenboord.toegang.models import Gemeente, Rol
from tests.factories import InschrijvingFactory, LeerlingFactory
from tests.regie.factories import open_casus, scholen
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db

UTRECHT = "utrecht_kernpartners"


def _pilot(brin: str) -> dict[str, str]:
    return {f"9999:brin={brin}": UTRECHT}


def test_een_pilotgebied_van_scholen_telt_dezelfde_leerlingen_als_het_model(
    wereld: Wereld,
) -> None:
    baken, vuurtoren = scholen()
    # a Demodam pupil at the other school, besides the world's pupils: at Het Baken (Demodam
    # and Buurdorp residents) and one who left Het Baken long ago
    elders = LeerlingFactory(woongemeente=Gemeente.objects.get(code="9999"))
    InschrijvingFactory(leerling=elders, school=vuurtoren)
    sleutel = f"9999:brin={baken.brin}"
    vandaag = timezone.localdate()
    periode = Periode(vandaag.replace(day=1), vandaag)
    with override_settings(AANPAK_PER_GEBIED=_pilot(baken.brin)):
        # the pupils a new case of would run the pilot model
        model = {ll.pk for ll in Leerling.objects.all() if aanpak_van(ll) == UTRECHT}
        # and the pupils the figures of the area and of its rest count
        gebied = lees_scope(f"gebied:{sleutel}")
        rest = lees_scope(f"buiten:{sleutel}")
        in_gebied = set(
            Leerling.objects.filter(leerlingen_q(gebied, periode)).values_list("pk", flat=True)
        )
        in_rest = set(
            Leerling.objects.filter(leerlingen_q(rest, periode)).values_list("pk", flat=True)
        )
        # then they are the same: the Demodam pupil at Het Baken only
        assert in_gebied == model == {wereld.leerlingen["demodam_school1"].pk}
        # and the rest is every other Demodam pupil
        demodam = set(
            Leerling.objects.filter(woongemeente__code="9999").values_list("pk", flat=True)
        )
        assert in_rest == demodam - model
        assert elders.pk in in_rest
        assert wereld.leerlingen["demodam_uitgeschreven"].pk in in_rest
        # and the cases follow: a case opened now runs the pilot model exactly in the area
        leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
        binnen = open_casus(wereld.leerlingen["demodam_school1"], leerplicht)
        buiten = open_casus(elders, leerplicht)
        assert (binnen.aanpak, buiten.aanpak) == (UTRECHT, "amsterdam_drie_fasen")
        leerlingen = Leerling.objects.filter(leerlingen_q(gebied, periode)).values("pk")
        assert set(Casus.objects.filter(casussen_q(gebied, leerlingen, periode))) == {binnen}
        leerlingen = Leerling.objects.filter(leerlingen_q(rest, periode)).values("pk")
        assert set(Casus.objects.filter(casussen_q(rest, leerlingen, periode))) == {buiten}


def test_het_pilotgebied_van_scholen_staat_in_de_keuze_van_leerplicht_met_een_naam(
    wereld: Wereld,
) -> None:
    baken, _vuurtoren = scholen()
    sleutel = f"9999:brin={baken.brin}"
    with override_settings(AANPAK_PER_GEBIED=_pilot(baken.brin)):
        assert gebieden_van("9999") == [sleutel]
        assert gebieden_van("9998") == []
        keuze = {s.tekst: s.label for s in scopes_voor(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])}
        assert f"gebied:{sleutel}" in keuze and f"buiten:{sleutel}" in keuze
        assert baken.brin in keuze[f"gebied:{sleutel}"]
        assert met_label(lees_scope(f"gebied:{sleutel}")).label == keuze[f"gebied:{sleutel}"]
        assert wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR].has_perm(
            "monitoring.view_rapport", lees_scope(f"gebied:{sleutel}")
        )
    # a set of schools that is not configured has no figures
    with override_settings(AANPAK_PER_GEBIED={}):
        assert not wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR].has_perm(
            "monitoring.view_rapport", lees_scope(f"gebied:{sleutel}")
        )
