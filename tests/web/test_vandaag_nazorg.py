# SPDX-License-Identifier: EUPL-1.2
"""Aftercare on Vandaag (issue 15, §7 "nazorg" and §8): a closed case with a return to school
has its aftercare step (6 weeks after the passend aanbod) on its regisseur's Vandaag when it is
due within the usual window or overdue, not before, and no longer once the step is recorded,
which the case page offers on the closed case. Never for a case the user may not see, never
for someone who did not direct it; a fixed number of queries however many such cases."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from binnenboord.regie import services
from binnenboord.regie.beoordeling import beoordeel_in_bulk
from binnenboord.regie.models import Casus
from binnenboord.registratie.models import Inschrijving
from binnenboord.toegang.models import Medewerker, Rol
from tests.factories import InschrijvingFactory, LeerlingFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld

NAZORG = "Nazorg: gaat de leerling nog naar school?"


def _gesloten(
    leerling: Any, regisseur: Medewerker, weken_geleden: int, aanbod: str = "eigen_school"
) -> Casus:
    """A case of `regisseur`, closed with `aanbod` `weken_geleden` weeks ago."""
    vandaag = timezone.localdate()
    op = vandaag - timedelta(weeks=weken_geleden)
    casus = open_casus(leerling, regisseur, start=op - timedelta(weeks=4))
    return services.sluit_casus(casus=casus, door=regisseur, passend_aanbod=aanbod, op=op)


def _status(casus: Casus, dag: date) -> str:
    beoordeling = beoordeel_in_bulk([casus], dag)[casus.pk]
    return next(s.status for s in beoordeling.stappen if s.stap.code == "nazorg")


def _regels(inhoud: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-casus="(\d+)"', inhoud)]


def _vandaag(client: Client, medewerker: Medewerker, toon: str | None = None) -> Any:
    client.force_login(medewerker)
    antwoord = client.get(reverse("web:vandaag") + (f"?toon={toon}" if toon else ""))
    assert antwoord.status_code == 200
    return antwoord


def test_de_nazorg_staat_op_vandaag_als_hij_bijna_moet_en_niet_eerder(
    wereld: Wereld, client: Client
) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    ll = wereld.leerlingen
    vandaag = timezone.localdate()
    # due about now (6 weeks after the return), overdue (8 weeks), not yet (2 weeks)
    nu = _gesloten(ll["demodam_school1"], lpa, 6)
    te_laat = _gesloten(ll["demodam_uitgeschreven"], lpa, 8)
    nog_niet = _gesloten(LeerlingFactory(woongemeente=ll["demodam_school1"].woongemeente), lpa, 2)
    # a closed case without a return to school has no aftercare
    verhuisd = _gesloten(
        LeerlingFactory(woongemeente=ll["demodam_school1"].woongemeente), lpa, 6, "verhuisd"
    )
    assert _status(nu, vandaag) == "binnenkort"
    assert _status(te_laat, vandaag) == "verlopen"
    assert _status(nog_niet, vandaag) == "lopend"

    antwoord = _vandaag(client, lpa)
    inhoud = antwoord.content.decode()
    regels = _regels(inhoud)
    assert nu.pk in regels and te_laat.pk in regels
    assert nog_niet.pk not in regels and verhuisd.pk not in regels
    # the overdue one first, each with the step, marked closed, linked to the case
    assert regels.index(te_laat.pk) < regels.index(nu.pk)
    [regel] = [m for m in antwoord.context["mijn_casussen"] if m.casus.pk == te_laat.pk]
    assert regel.urgentste is not None
    assert (regel.urgentste.soort, regel.urgentste.naam, regel.urgentste.te_laat) == (
        "nazorg",
        NAZORG,
        True,
    )
    assert regel.urgentste.werkdagen_te_laat > 0
    assert "Gesloten: nazorg" in inhoud
    assert NAZORG in inhoud
    assert reverse("regie:casus", args=[nu.pk]) in inhoud
    # only under "mine": the other filters list open cases
    for toon in ("organisatie", "escalaties", "overleggen"):
        assert nu.pk not in _regels(_vandaag(client, lpa, toon).content.decode())


def test_na_het_vastleggen_via_de_casuspagina_verdwijnt_de_nazorg(
    wereld: Wereld, client: Client
) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    casus = _gesloten(wereld.leerlingen["demodam_school1"], lpa, 7)
    assert casus.pk in _regels(_vandaag(client, lpa).content.decode())
    # the closed case's page offers the aftercare step, and only that
    formulier = client.get(reverse("regie:formulier", args=[casus.pk, "stap"]))
    assert formulier.status_code == 200
    keuze = re.search(r'<select name="stap-stap".*?</select>', formulier.content.decode(), re.S)
    assert keuze is not None
    keuzes = re.findall(r'<option value="([^"]+)"', keuze.group())
    assert keuzes == ["nazorg"]
    assert (
        reverse("regie:formulier", args=[casus.pk, "stap"])
        in client.get(reverse("regie:casus", args=[casus.pk])).content.decode()
    )
    # another step on the closed case is refused (the form's choice)
    antwoord = client.post(
        reverse("regie:stap", args=[casus.pk]),
        {"stap-stap": "huisbezoek", "stap-datum": timezone.localdate()},
    )
    assert antwoord.status_code == 400
    antwoord = client.post(
        reverse("regie:stap", args=[casus.pk]),
        {"stap-stap": "nazorg", "stap-datum": timezone.localdate()},
    )
    assert antwoord.status_code == 302
    assert casus.gebeurtenissen.get(stap="nazorg").wie == lpa
    assert casus.pk not in _regels(_vandaag(client, lpa).content.decode())


def test_de_nazorg_alleen_voor_de_regisseur_die_de_casus_ziet(
    wereld: Wereld, client: Client
) -> None:
    m = wereld.medewerkers
    school = m[Rol.SCHOOLMEDEWERKER]
    leerling = wereld.leerlingen["demodam_school1"]
    casus = _gesloten(leerling, school, 7)
    # the school directed it and sees it (the pupil is still enrolled): on its Vandaag
    assert casus.pk in _regels(_vandaag(client, school).content.decode())
    # Leerplicht sees the case but did not direct it: not on its Vandaag, nor may it record
    lpa = m[Rol.LEERPLICHTAMBTENAAR]
    assert casus.pk not in _regels(_vandaag(client, lpa).content.decode())
    assert not lpa.has_perm("regie.add_stap", casus)
    # the pupil left the school: the school no longer sees the case, nor its aftercare
    Inschrijving.objects.filter(leerling=leerling).update(
        einddatum=timezone.localdate() - timedelta(days=1)
    )
    assert casus.pk not in _regels(_vandaag(client, school).content.decode())
    assert not school.has_perm("regie.add_stap", casus)
    antwoord = client.post(
        reverse("regie:stap", args=[casus.pk]),
        {"stap-stap": "nazorg", "stap-datum": timezone.localdate()},
    )
    assert antwoord.status_code == 404
    assert not casus.gebeurtenissen.filter(stap="nazorg").exists()


def test_vandaag_vraagt_evenveel_queries_voor_veel_nazorg(wereld: Wereld, client: Client) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    school = wereld.leerlingen["demodam_school1"].inschrijvingen.get().school
    client.force_login(lpa)
    url = reverse("web:vandaag")

    def voeg_toe(van: int, tot: int) -> list[str]:
        for i in range(van, tot):
            leerling = LeerlingFactory(woongemeente=school.gemeente, achternaam=f"Nazorg{i}")
            InschrijvingFactory(leerling=leerling, school=school)
            _gesloten(leerling, lpa, 6 + i % 3)
        return [f"Nazorg{i}" for i in range(van, tot)]

    def tel() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            antwoord = client.get(url)
        assert antwoord.status_code == 200
        return len(queries), antwoord.content.decode()

    voeg_toe(0, 1)
    weinig, _pagina = tel()
    namen = voeg_toe(1, 11)
    veel, pagina = tel()
    assert all(naam in pagina for naam in namen)
    assert pagina.count('class="bb-werkregel"') == 11
    assert veel == weinig
