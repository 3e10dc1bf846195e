# SPDX-License-Identifier: EUPL-1.2
"""The access log: one entry per read, complete fields, and no way to alter it."""

from __future__ import annotations

from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage, InzageNietWijzigbaar
from binnenboord.verantwoording.services import log_inzage
from tests.wereld import Wereld


def test_een_leerlingpagina_lezen_schrijft_precies_een_volledige_regel(
    wereld: Wereld, client: Client
) -> None:
    # given a leerplichtambtenaar and a pupil in her municipality
    gebruiker = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    leerling = wereld.leerlingen["demodam_school1"]
    client.force_login(gebruiker)
    url = reverse("registratie:leerling", args=[leerling.pk])

    # when she opens the pupil page
    response = client.get(url, REMOTE_ADDR="10.1.2.3")

    # then the page shows and exactly one entry says who, as what, for whom, what and where
    assert response.status_code == 200
    entry = Inzage.objects.get()
    assert (entry.medewerker_id, entry.gebruikersnaam, entry.rol, entry.organisatie) == (
        gebruiker.pk,
        "leerplichtambtenaar",
        "leerplichtambtenaar",
        "Leerplicht Demodam",
    )
    assert (entry.leerling_id, entry.handeling, entry.bron, entry.pad) == (
        leerling.pk,
        "bekijken",
        "registratie:leerling",
        url,
    )
    assert entry.ip_adres == "10.1.2.3"
    assert entry.tijdstip is not None


def test_een_geweigerde_leerlingpagina_is_een_404_en_schrijft_geen_inzage(
    wereld: Wereld, client: Client
) -> None:
    # given a school employee and a pupil of another school in another municipality
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    vreemd = wereld.leerlingen["buurdorp_school2"]

    # when she tries the pupil page, and a page of a pupil that does not exist
    geweigerd = client.get(reverse("registratie:leerling", args=[vreemd.pk]))
    onbekend = client.get(reverse("registratie:leerling", args=[999_999]))

    # then both answers are the same 404 and nothing was read, so nothing is logged
    assert geweigerd.status_code == onbekend.status_code == 404
    assert _hoofdinhoud(geweigerd.content) == _hoofdinhoud(onbekend.content)
    assert not Inzage.objects.exists()


def _hoofdinhoud(html: bytes) -> str:
    """The <main> part of a page (the rest holds a fresh CSRF token per response)."""
    tekst = html.decode()
    return tekst[tekst.index("<main") : tekst.index("</main>")]


def test_een_zoekopdracht_logt_elke_getoonde_leerling(wereld: Wereld, client: Client) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = client.get(reverse("registratie:leerlingen"))
    assert response.status_code == 200
    gelogd = set(Inzage.objects.filter(handeling="zoeken").values_list("leerling_id", flat=True))
    assert gelogd == {
        wereld.leerlingen["demodam_school1"].pk,
        wereld.leerlingen["buurdorp_school1"].pk,
    }


def test_een_zoekopdracht_zonder_resultaten_laat_toch_een_regel_achter(
    wereld: Wereld, client: Client
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    client.get(reverse("registratie:leerlingen"), {"q": "Bestaatniet"})
    entry = Inzage.objects.get()
    assert (entry.handeling, entry.leerling_id, entry.aantal) == ("zoeken", None, 0)


def _een_entry(wereld: Wereld) -> Inzage:
    return log_inzage(
        gebruiker=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        handeling=Inzage.Handeling.EXPORTEREN,
        bron="test",
        leerlingen=[wereld.leerlingen["demodam_school1"]],
    )[0]


def test_de_applicatie_kan_een_regel_niet_wijzigen_of_verwijderen(wereld: Wereld) -> None:
    # given one entry
    entry = _een_entry(wereld)
    entry = Inzage.objects.get(pk=entry.pk)

    # when the application tries every way to alter or remove it, then each is refused
    entry.handeling = Inzage.Handeling.BEKIJKEN
    with pytest.raises(InzageNietWijzigbaar):
        entry.save()
    with pytest.raises(InzageNietWijzigbaar):
        entry.delete()
    with pytest.raises(InzageNietWijzigbaar):
        Inzage.objects.filter(pk=entry.pk).update(handeling="bekijken")
    with pytest.raises(InzageNietWijzigbaar):
        Inzage.objects.all().delete()

    # and the stored entry is unchanged
    assert Inzage.objects.get(pk=entry.pk).handeling == "exporteren"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE verantwoording_inzage SET handeling = 'bekijken'",
        "DELETE FROM verantwoording_inzage",
    ],
)
def test_de_database_weigert_een_regel_te_wijzigen_ook_met_ruwe_sql(
    wereld: Wereld, sql: str
) -> None:
    entry = _een_entry(wereld)
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert Inzage.objects.get(pk=entry.pk).handeling == "exporteren"


def test_de_inzagelogpagina_alleen_voor_de_functioneel_beheerder(
    wereld: Wereld, client: Client
) -> None:
    _een_entry(wereld)
    url = reverse("verantwoording:inzagelog")
    statussen = {}
    for rol, gebruiker in wereld.medewerkers.items():
        client.force_login(gebruiker)
        statussen[rol] = client.get(url).status_code
    assert statussen == {
        rol: 200 if rol == Rol.FUNCTIONEEL_BEHEERDER else 403 for rol in wereld.medewerkers
    }
    client.force_login(wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER])
    pagina = client.get(url).content.decode()
    assert "exporteren" in pagina
    assert "leerplichtambtenaar" in pagina
    # and it leads to a pupil's own log and to the unusual-access report
    assert reverse("verantwoording:leerling_inzagelog") in pagina
    assert reverse("verantwoording:ongebruikelijk") in pagina


def test_een_zoekterm_komt_nooit_in_het_log(wereld: Wereld, client: Client) -> None:
    # given a school employee who searches by a BSN
    gezocht = wereld.leerlingen["demodam_school1"]
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    client.get(reverse("registratie:leerlingen"), {"q": gezocht.bsn})
    # then the entry records the search, but not the term
    entry = Inzage.objects.get()
    assert entry.pad == reverse("registratie:leerlingen")
    assert gezocht.bsn not in entry.pad + entry.reden + entry.bron
