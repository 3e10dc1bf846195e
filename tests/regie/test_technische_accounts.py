# SPDX-License-Identifier: EUPL-1.2
"""API technical accounts are systems, not people (issue 13, finding 13): an API token's
Medewerker is never offered in a staff choice (regisseur when opening, overdracht,
participant, action, chair and members of a meeting, follow-up action of a meeting), and a
crafted POST with its pk is refused with a Dutch form error while nothing changes."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from binnenboord.api.tokens import maak_token
from binnenboord.regie import services
from binnenboord.regie.models import (
    Actie,
    Agendapunt,
    Casus,
    CasusGebeurtenis,
    Deelnemer,
    Overleg,
    Overlegsoort,
    RegieOverdracht,
)
from binnenboord.regie.selectors.casus import kiesbare_medewerkers
from binnenboord.regie.services import overleg as diensten
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from tests.regie.factories import open_casus
from tests.wereld import Wereld

# Django's refusal of a choice outside the queryset, or a person picker's (gedeeld.zoekkeuze)
ONGELDIG = re.compile(r"Selecteer een geldige keuze|kies uit de zoekresultaten; deze keuze is niet")


@pytest.fixture
def systemen(wereld: Wereld) -> list[Medewerker]:
    """The technical accounts of an API token of school 1 and of Leerplicht Demodam: a
    schoolmedewerker and a leerplichtambtenaar by role, in organisations that are offered."""
    accounts = []
    for naam in ("Het Baken", "Leerplicht Demodam"):
        token, _sleutel = maak_token(
            organisatie=Organisatie.objects.get(naam=naam),
            naam="Koppeling",
            scopes=["lezen"],
            door=None,
        )
        accounts.append(token.medewerker)
    return accounts


@pytest.fixture
def casus(wereld: Wereld) -> Casus:
    return open_casus(
        wereld.leerlingen["demodam_school1"], wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    )


def _stand() -> tuple[Any, ...]:
    return (
        Casus.objects.count(),
        CasusGebeurtenis.objects.count(),
        RegieOverdracht.objects.count(),
        Deelnemer.objects.count(),
        Actie.objects.count(),
        Overleg.objects.count(),
        tuple(Casus.objects.order_by("pk").values_list("regisseur_id", flat=True)),
        tuple(Agendapunt.objects.order_by("pk").values_list("status", flat=True)),
    )


def _keuzes(form: Any, veld: str) -> set[int]:
    return {m.pk for m in form.fields[veld].queryset}


def test_de_gedeelde_keuzelijst_bevat_mensen_geen_systemen(
    wereld: Wereld, systemen: list[Medewerker]
) -> None:
    kiesbaar = set(kiesbare_medewerkers().values_list("pk", flat=True))
    assert not kiesbaar & {s.pk for s in systemen}
    assert wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR].pk in kiesbaar


def test_de_casusformulieren_bieden_geen_technisch_account_aan(
    wereld: Wereld, client: Client, casus: Casus, systemen: list[Medewerker]
) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    client.force_login(lpa)
    systeem = {s.pk for s in systemen}
    # opening a case for another pupil: the regisseur choice
    nieuw = client.get(reverse("regie:nieuw", args=[wereld.leerlingen["demodam_uitgeschreven"].pk]))
    keuze = _keuzes(nieuw.context["form"], "regisseur")
    assert lpa.pk in keuze and not keuze & systeem
    for vouw, veld in (("overdracht", "naar"), ("deelnemer", "medewerker"), ("actie", "wie")):
        form = client.get(reverse("regie:formulier", args=[casus.pk, vouw])).context["form"]
        keuze = _keuzes(form, veld)
        assert keuze and not keuze & systeem, vouw


@pytest.mark.parametrize("systeemnummer", [0, 1])
def test_een_gemaakte_post_met_een_technisch_account_wordt_geweigerd_en_verandert_niets(
    wereld: Wereld, client: Client, casus: Casus, systemen: list[Medewerker], systeemnummer: int
) -> None:
    pk = str(systemen[systeemnummer].pk)
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    vandaag = timezone.localdate().isoformat()
    pogingen = {
        reverse("regie:overdragen", args=[casus.pk]): {
            "overdracht-naar": pk,
            "overdracht-datum": vandaag,
            "overdracht-reden": "naar het systeem",
        },
        reverse("regie:deelnemer", args=[casus.pk]): {
            "deelnemer-soort": "professional",
            "deelnemer-medewerker": pk,
        },
        reverse("regie:actie", args=[casus.pk]): {
            "actie-wie": pk,
            "actie-wat": "bellen",
            "actie-uiterlijk": vandaag,
        },
        reverse("regie:nieuw", args=[wereld.leerlingen["demodam_uitgeschreven"].pk]): {
            "start": vandaag,
            "regisseur": pk,
        },
    }
    voor = _stand()
    for url, gegevens in pogingen.items():
        antwoord = client.post(url, gegevens)
        assert antwoord.status_code == 400, url
        assert ONGELDIG.search(antwoord.content.decode()), url
    assert _stand() == voor


def test_de_services_weigeren_een_technisch_account_ook(
    wereld: Wereld, casus: Casus, systemen: list[Medewerker]
) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    systeem = systemen[1]
    voor = _stand()
    with pytest.raises(services.CasusNietMogelijk, match="geen regisseur"):
        services.draag_regie_over(casus=casus, aan=systeem, door=lpa, reden="x")
    with pytest.raises(services.CasusNietMogelijk, match="niet deelnemen"):
        services.voeg_deelnemer_toe(casus=casus, door=lpa, soort="professional", medewerker=systeem)
    with pytest.raises(services.CasusNietMogelijk, match="geen actie"):
        services.voeg_actie_toe(
            casus=casus, door=lpa, wat="x", uiterlijk=timezone.localdate(), wie=systeem
        )
    with pytest.raises(services.CasusNietMogelijk, match="geen regisseur"):
        services.open_casus(
            leerling=wereld.leerlingen["demodam_uitgeschreven"],
            door=lpa,
            start=timezone.localdate(),
            regisseur=systeem,
        )
    with pytest.raises(diensten.OverlegNietMogelijk, match="technisch account"):
        diensten.plan_overleg(
            soort=Overlegsoort.ACTIETAFEL, datum=timezone.localdate(), door=lpa, leden=[systeem]
        )
    with pytest.raises(diensten.OverlegNietMogelijk, match="technisch account"):
        diensten.plan_overleg(
            soort=Overlegsoort.ACTIETAFEL, datum=timezone.localdate(), door=lpa, voorzitter=systeem
        )
    assert _stand() == voor


def test_de_overlegformulieren_bieden_en_aanvaarden_geen_technisch_account(
    wereld: Wereld, client: Client, casus: Casus, systemen: list[Medewerker]
) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    systeem = {s.pk for s in systemen}
    client.force_login(lpa)
    form = client.get(reverse("overleg:nieuw")).context["form"]
    for veld in ("voorzitter", "leden"):
        keuze = _keuzes(form, veld)
        assert lpa.pk in keuze and not keuze & systeem, veld
    voor = _stand()
    for gegevens in ({"voorzitter": str(systemen[1].pk)}, {"leden": [str(systemen[0].pk)]}):
        antwoord = client.post(
            reverse("overleg:nieuw"),
            {"soort": Overlegsoort.ACTIETAFEL, "datum": "2026-01-05", **gegevens},
        )
        assert antwoord.status_code == 400
        assert ONGELDIG.search(antwoord.content.decode())
    assert _stand() == voor
    # the follow-up action of a meeting's decision
    overleg = diensten.plan_overleg(
        soort=Overlegsoort.ACTIETAFEL, datum=date(2026, 1, 5), door=lpa, leden=[lpa]
    )
    punt = diensten.agendeer(overleg=overleg, casus=casus, door=lpa)
    pagina = client.get(reverse("overleg:overleg", args=[overleg.pk]))
    besluit = next(a["form"] for a in pagina.context["agenda"] if a["punt"] == punt)
    keuze = {int(k.value) for k, _label in besluit.fields["wie"].choices if k}
    assert lpa.pk in keuze and not keuze & systeem
    voor = _stand()
    antwoord = client.post(
        reverse("overleg:besluit", args=[overleg.pk, punt.pk]),
        {
            f"besluit-{punt.pk}-uitkomst": "besproken",
            f"besluit-{punt.pk}-besluit": "doorgaan",
            f"besluit-{punt.pk}-wat": "bellen",
            f"besluit-{punt.pk}-wie": str(systemen[1].pk),
            f"besluit-{punt.pk}-uiterlijk": "2026-02-01",
        },
    )
    assert antwoord.status_code == 400
    assert ONGELDIG.search(antwoord.content.decode())
    assert _stand() == voor
