# SPDX-License-Identifier: EUPL-1.2
"""A pilot area is a municipality, a postcode district of it, or a set of its schools (the
Amsterdam pilot ran at the VO schools of Noord): which model a new case runs under, and the one
definition the figures' pilot comparison uses (gebied_van, in_pilotgebied)."""

from __future__ import annotations

from django.test import override_settings

from binnenboord.regie.configuratie import (
    aanpak_van,
    aanpak_voor,
    controleer_aanpak,
    gebied_van,
    in_pilotgebied,
    lees_gebied,
)
from binnenboord.registratie.models import School
from tests.wereld import Wereld

NOORD_VO = "0363:brin=12AB,34CD01"
PER_GEBIED = {
    "0363": "utrecht_kernpartners",
    "0363:1020-1039": "amsterdam_drie_fasen",
    NOORD_VO: "amsterdam_drie_fasen",
}


@override_settings(AANPAK="utrecht_kernpartners", AANPAK_PER_GEBIED=PER_GEBIED)
def test_een_set_scholen_gaat_voor_de_postcodewijk_en_de_gemeente() -> None:
    # enrolled at a pilot school, living outside the district: the school decides
    assert gebied_van("0363", "1100 AA", "12AB00") == NOORD_VO
    assert gebied_van("0363", "1100 AA", "12AB07") == NOORD_VO  # every branch of 12AB
    assert gebied_van("0363", "1100 AA", "34CD01") == NOORD_VO
    # only branch 01 of 34CD is in the set
    assert gebied_van("0363", "1100 AA", "34CD00") == "0363"
    assert gebied_van("0363", "1025 AB", "34CD00") == "0363:1020-1039"
    # not enrolled: residence alone
    assert gebied_van("0363", "1025 AB", None) == "0363:1020-1039"
    # a pupil of a pilot school living in another municipality is not in the pilot
    assert gebied_van("0344", "3500 AA", "12AB00") is None
    assert aanpak_voor("0363", "1100 AA", "12AB00") == "amsterdam_drie_fasen"
    assert aanpak_voor("0363", "1100 AA", "56EF00") == "utrecht_kernpartners"


@override_settings(AANPAK_PER_GEBIED=PER_GEBIED)
def test_alleen_pilots_slaat_de_hele_gemeente_over() -> None:
    assert gebied_van("0363", "1100 AA", "56EF00", alleen_pilots=True) is None
    assert gebied_van("0363", "1039", None, alleen_pilots=True) == "0363:1020-1039"


def test_in_pilotgebied_beantwoordt_het_voor_een_gebied_zelf() -> None:
    assert in_pilotgebied(NOORD_VO, "0363", "", "12ab00")
    assert not in_pilotgebied(NOORD_VO, "0363", "", None)
    assert not in_pilotgebied(NOORD_VO, "0364", "", "12AB00")
    # a school pupil inside the district is in both areas
    assert in_pilotgebied("0363:1020-1039", "0363", "1020 AA", "12AB00")
    assert not in_pilotgebied("0363:1020-1039", "0363", "1040 AA", "12AB00")
    assert in_pilotgebied("0363", "0363", "", None)
    assert not in_pilotgebied("geen gebied", "0363", "", None)


def test_een_scholengebied_wordt_gelezen_en_fouten_stoppen_de_start() -> None:
    gebied = lees_gebied("0363:brin=12ab, 34CD01")
    assert gebied is not None
    assert (gebied.gemeente, gebied.scholen) == ("0363", frozenset({"12AB", "34CD01"}))
    assert lees_gebied("0363:brin=") is None
    assert lees_gebied("0363:brin=12AB0") is None  # neither a BRIN nor BRIN + branch
    with override_settings(AANPAK_PER_GEBIED={NOORD_VO: "utrecht_kernpartners"}):
        assert controleer_aanpak() == []
    with override_settings(AANPAK_PER_GEBIED={"0363:brin=12AB0": "utrecht_kernpartners"}):
        [melding] = controleer_aanpak()
    assert "'0363:brin=12AB0' is geen CBS-code" in melding.msg


def test_een_nieuwe_casus_krijgt_de_aanpak_van_de_school_van_de_leerling(wereld: Wereld) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    school: School = leerling.inschrijvingen.get().school
    code = f"{school.brin}{school.vestiging}"
    with override_settings(
        AANPAK="amsterdam_drie_fasen",
        AANPAK_PER_GEBIED={f"9999:brin={code}": "utrecht_kernpartners"},
    ):
        assert aanpak_van(leerling) == "utrecht_kernpartners"
        # a pupil who left that school a while ago is no longer in the pilot
        assert aanpak_van(wereld.leerlingen["demodam_uitgeschreven"]) == "amsterdam_drie_fasen"
        # nor one of the same school living in another municipality
        assert aanpak_van(wereld.leerlingen["buurdorp_school1"]) == "amsterdam_drie_fasen"
