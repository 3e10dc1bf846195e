# SPDX-License-Identifier: EUPL-1.2
"""Every kind of notification has its own sentence, made from the values the writers store,
in Dutch and in English; a missing value gives a shorter sentence, never an error."""

from __future__ import annotations

from django.utils import translation

import pytest

from binnenboord.notificaties.models import Notificatie
from binnenboord.notificaties.teksten import zin

# the values the services store (regie.services, signalering, registratie)
GEGEVENS = {
    "actie_toegewezen": {"casus": 12, "actie": 5, "uiterlijk": "2026-12-18"},
    "deelnemer_toegevoegd": {"casus": 12},
    "escalatie": {"casus": 12, "orgaan": "teammanagers"},
    "agenda_gepubliceerd": {"overleg": 4, "soort": "uvo", "datum": "2026-12-18", "aantal": 3},
    "melding_ontvangen": {"melding": 9, "melding_soort": "thuiszitter"},
    "verhuismelding": {"verhuismelding": 2},
    "termijn_verlopen": {
        "casus": 12,
        "termijn": "stap_te_laat",
        "wat": "Actietafel",
        "datum": "2026-12-18",
    },
    "mazl_verwijzing": {"verwijzing": 3, "verwezen_op": "2026-12-18"},
    "mazl_advies": {"verwijzing": 3, "consult_op": "2026-12-18", "casus": 12},
    "portaal_bericht": {"casus": 12, "toegang": 4, "wie": "ouder"},
    "portaal_reactie": {"casus": 12, "reactie": "plan_oneens", "wie": "leerling", "versie": 2},
    "correctieverzoek": {"casus": 12, "verzoek": 3, "wie": "ouder"},
    "export_klaar": {"export": 7, "formaat": "pdf", "gelukt": True},
}
VERWACHT = {
    "actie_toegewezen": "U hebt een actie gekregen in casus 12, uiterlijk 18-12-2026.",
    "deelnemer_toegevoegd": "U bent toegevoegd aan casus 12.",
    "escalatie": "Casus 12 is geëscaleerd naar een orgaan waarvan u lid bent.",
    "agenda_gepubliceerd": "De agenda van het overleg van 18-12-2026 is gepubliceerd.",
    "melding_ontvangen": "Er is een thuiszittermelding (nummer 9) binnengekomen.",
    "verhuismelding": "Er is een verhuizing gemeld van een leerling die in uw gemeente woont; "
    "die wacht op uw bevestiging.",
    "termijn_verlopen": "Casus 12: stap te laat: Actietafel (uiterlijk 18-12-2026).",
    "mazl_verwijzing": "Er is een leerling naar u verwezen voor een MAZL-consult.",
    "mazl_advies": "De jeugdarts heeft een MAZL-advies teruggestuurd in casus 12.",
    "portaal_bericht": "Een ouder heeft een bericht gestuurd in casus 12.",
    "portaal_reactie": "De leerling is het NIET eens met het plan van casus 12. Lees waarom.",
    "correctieverzoek": "Een ouder vraagt om een correctie van wat is vastgelegd in casus 12.",
    "export_klaar": "Uw export van de cijfers (PDF) staat klaar om te downloaden.",
}


def test_elke_soort_heeft_gegevens_en_een_zin() -> None:
    assert set(GEGEVENS) == set(VERWACHT) == set(Notificatie.Soort.values)


@pytest.mark.parametrize("soort", sorted(VERWACHT))
def test_de_zin_van_elke_soort(soort: str) -> None:
    with translation.override("nl"):
        assert zin(soort, GEGEVENS[soort]) == VERWACHT[soort]
        # without values: a shorter sentence, no error
        assert zin(soort, {})
    with translation.override("en"):
        engels = zin(soort, GEGEVENS[soort])
    assert engels and engels != VERWACHT[soort]


@pytest.mark.parametrize(
    ("termijn", "verwacht"),
    [
        ("fase", "Casus 12 is in een nieuwe fase: Fase 2 (vanaf 18-12-2026)."),
        ("escalatie", "Casus 12: escalatie nodig: Fase 2 (sinds 18-12-2026)."),
        ("actie_te_laat", "Casus 12: een actie is te laat (uiterlijk 18-12-2026)."),
    ],
)
def test_de_zin_van_elke_termijn(termijn: str, verwacht: str) -> None:
    gegevens = {"casus": 12, "termijn": termijn, "wat": "Fase 2", "datum": "2026-12-18"}
    with translation.override("nl"):
        assert zin("termijn_verlopen", gegevens) == verwacht


@pytest.mark.parametrize(
    ("reactie", "verwacht"),
    [
        ("aanvaard", "Een ouder heeft de uitnodiging voor het portaal aanvaard in casus 12."),
        ("verhaal", "Een ouder heeft een eigen verhaal geschreven in casus 12."),
        ("plan_eens", "Een ouder is het eens met het plan van casus 12."),
        ("overleg_komt", "Een ouder komt naar het overleg van 18-12-2026 (casus 12)."),
        (
            "overleg_kan_niet",
            "Een ouder kan niet komen naar het overleg van 18-12-2026 (casus 12).",
        ),
        (
            "overleg_meegeven",
            "Een ouder heeft iets meegegeven voor het overleg van 18-12-2026 (casus 12).",
        ),
        ("iets_anders", "Een ouder heeft gereageerd in het portaal in casus 12."),
    ],
)
def test_de_zin_van_elke_reactie_in_het_portaal(reactie: str, verwacht: str) -> None:
    gegevens = {"casus": 12, "reactie": reactie, "wie": "ouder", "datum": "2026-12-18"}
    with translation.override("nl"):
        assert zin("portaal_reactie", gegevens) == verwacht
