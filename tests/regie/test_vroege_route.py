# SPDX-License-Identifier: EUPL-1.2
"""The early route of the Utrecht model (docs/aanpakken.md, "Utrecht: kernpartners"): only a
teammanager (of any organisation) or Leerplicht engages the Interventieteam (event
`interventieteam`). Anyone else who records steps does not get the event among the step
choices, and is refused with a clear message by the form and by the service: nothing recorded,
no escalation."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.regie import services
from binnenboord.regie.models import Casus, Escalatie
from binnenboord.regie.views.casus import _stapform
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from tests.factories import MedewerkerFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld

UTRECHT = "utrecht_kernpartners"


@pytest.fixture
def casus(wereld: Wereld) -> Casus:
    """A Utrecht case of the school (its regisseur), in the kernteam's phase."""
    return open_casus(
        wereld.leerlingen["demodam_school1"],
        wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        aanpak=UTRECHT,
    )


def _deelnemer(casus: Casus, medewerker: Medewerker) -> Medewerker:
    services.voeg_deelnemer_toe(
        casus=casus, door=casus.regisseur, soort="professional", medewerker=medewerker
    )
    return medewerker


def _tm_swv(casus: Casus) -> Medewerker:
    """A teammanager of the SWV taking part in the case (not Leerplicht)."""
    swv = Organisatie.objects.get(naam="SWV Demodam")
    return _deelnemer(casus, MedewerkerFactory(rol=Rol.TEAMMANAGER, organisatie=swv))


def _post(client: Client, casus: Casus, medewerker: Medewerker) -> object:
    client.force_login(medewerker)
    return client.post(
        reverse("regie:stap", args=[casus.pk]),
        {
            "stap-stap": "interventieteam",
            "stap-datum": timezone.localdate(),
            "stap-tijd": timezone.localtime().strftime("%H:%M"),
        },
    )


def _ingeschakeld(casus: Casus) -> bool:
    return (
        casus.gebeurtenissen.filter(stap="interventieteam").exists()
        or Escalatie.objects.filter(casus=casus, orgaan="interventieteam").exists()
    )


@pytest.mark.parametrize("wie", ["school", "swv_consulent"])
def test_de_school_en_de_swv_consulent_kunnen_het_interventieteam_niet_inschakelen(
    wereld: Wereld, client: Client, casus: Casus, wie: str
) -> None:
    m = wereld.medewerkers
    if wie == "school":
        medewerker = m[Rol.SCHOOLMEDEWERKER]  # the regisseur
    else:
        medewerker = _deelnemer(casus, m[Rol.SWV_CONSULENT])
    assert medewerker.has_perm("regie.add_stap", casus)
    antwoord = _post(client, casus, medewerker)
    # the form again with a clear Dutch message, not a 500, and nothing recorded
    assert antwoord.status_code == 400
    assert "Alleen een teammanager of Leerplicht kan het Interventieteam inschakelen." in (
        antwoord.content.decode()
    )
    assert not _ingeschakeld(casus)
    # nor through the service (an API call or a script)
    with pytest.raises(services.CasusNietMogelijk, match="teammanager of Leerplicht"):
        services.registreer_stap(
            casus=casus, door=medewerker, stap="interventieteam", datum=timezone.localdate()
        )
    assert not _ingeschakeld(casus)


def test_de_stapkeuze_biedt_het_interventieteam_alleen_wie_het_mag(
    wereld: Wereld, rf: object, casus: Casus
) -> None:
    m = wereld.medewerkers
    swv = _deelnemer(casus, m[Rol.SWV_CONSULENT])

    def keuzes(medewerker: Medewerker) -> set[str]:
        verzoek = rf.get("/")  # type: ignore[attr-defined]
        verzoek.user = medewerker
        return {code for code, _naam in _stapform(verzoek, casus).fields["stap"].choices}

    assert "interventieteam" not in keuzes(m[Rol.SCHOOLMEDEWERKER])
    assert "interventieteam" not in keuzes(swv)
    assert "actietafel" in keuzes(swv)  # the other steps stay
    assert "interventieteam" in keuzes(_deelnemer(casus, m[Rol.LEERPLICHTAMBTENAAR]))
    assert "interventieteam" in keuzes(_deelnemer(casus, m[Rol.TEAMMANAGER]))
    assert "interventieteam" in keuzes(_tm_swv(casus))


def test_de_casuspagina_toont_de_keuze_niet_aan_de_school(
    wereld: Wereld, client: Client, casus: Casus
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    pagina = client.get(reverse("regie:formulier", args=[casus.pk, "stap"]))
    assert pagina.status_code == 200
    assert 'value="actietafel"' in pagina.content.decode()
    assert 'value="interventieteam"' not in pagina.content.decode()
    client.force_login(_deelnemer(casus, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]))
    pagina = client.get(reverse("regie:formulier", args=[casus.pk, "stap"]))
    assert 'value="interventieteam"' in pagina.content.decode()


@pytest.mark.parametrize("wie", ["leerplichtambtenaar", "teammanager_leerplicht", "tm_swv"])
def test_een_teammanager_of_leerplicht_schakelt_het_interventieteam_vroeg_in(
    wereld: Wereld, client: Client, casus: Casus, wie: str
) -> None:
    m = wereld.medewerkers
    # who records steps takes part in the case (regie.add_stap)
    if wie == "tm_swv":
        medewerker = _tm_swv(casus)
    else:
        rol = Rol.LEERPLICHTAMBTENAAR if wie == "leerplichtambtenaar" else Rol.TEAMMANAGER
        medewerker = _deelnemer(casus, m[rol])
    antwoord = _post(client, casus, medewerker)
    assert antwoord.status_code == 302
    stap = casus.gebeurtenissen.get(stap="interventieteam")
    assert stap.wie == medewerker
    escalatie = Escalatie.objects.get(casus=casus, orgaan="interventieteam")
    assert escalatie.bevestigd_door == medewerker


@pytest.mark.parametrize("rol", [Rol.LEERPLICHTAMBTENAAR, Rol.TEAMMANAGER])
def test_leerplicht_schakelt_het_interventieteam_in_zonder_eerst_deel_te_nemen(
    wereld: Wereld, client: Client, casus: Casus, rol: str
) -> None:
    # Leerplicht of the case's municipality sees it without taking part (it transfers regie and
    # closes as well); the issue: "a teammanager or Leerplicht can engage the Interventieteam"
    medewerker = wereld.medewerkers[rol]
    assert not casus.deelnemers.filter(medewerker=medewerker).exists()
    client.force_login(medewerker)
    formulier = client.get(reverse("regie:formulier", args=[casus.pk, "stap"]))
    assert formulier.status_code == 200
    assert 'value="interventieteam"' in formulier.content.decode()
    antwoord = _post(client, casus, medewerker)
    assert antwoord.status_code == 302
    assert casus.gebeurtenissen.get(stap="interventieteam").wie == medewerker
    assert Escalatie.objects.get(casus=casus, orgaan="interventieteam").bevestigd_door == medewerker
