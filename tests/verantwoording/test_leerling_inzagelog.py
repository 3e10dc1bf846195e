# SPDX-License-Identifier: EUPL-1.2
"""A pupil's own log ("who looked at this file") and its export for an AVG request, and the
report of unusual access."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from binnenboord.toegang.models import Rol
from binnenboord.verantwoording import ongebruikelijk
from binnenboord.verantwoording.models import Inzage
from binnenboord.verantwoording.services import log_inzage, voeg_toe
from tests.factories import LeerlingFactory
from tests.tekst import noemt
from tests.wereld import Wereld

URL = "verantwoording:leerling_inzagelog"
EXPORT = "verantwoording:leerling_inzagelog_export"


def _gelezen(wereld: Wereld, sleutel: str) -> None:
    log_inzage(
        gebruiker=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
        handeling=Inzage.Handeling.BEKIJKEN,
        bron="registratie:leerling",
        leerlingen=[wereld.leerlingen[sleutel]],
    )


def test_de_beheerder_ziet_wie_een_leerling_inzag_en_het_opzoeken_wordt_gelogd(
    wereld: Wereld, client: Client
) -> None:
    # given a read by the school of a pupil living in the administrator's municipality
    leerling = wereld.leerlingen["demodam_school1"]
    _gelezen(wereld, "demodam_school1")
    _gelezen(wereld, "buurdorp_school1")
    beheerder = wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER]
    client.force_login(beheerder)
    # when the administrator looks the pupil up by BSN
    pagina = client.post(reverse(URL), {"nummer": leerling.bsn}).content.decode()
    # then the page names the reader, and the lookup is itself an entry
    assert "schoolmedewerker" in pagina
    assert escape(leerling.naam) in pagina
    opzoeken = Inzage.objects.get(medewerker=beheerder)
    assert (opzoeken.leerling_id, opzoeken.handeling) == (leerling.pk, "bekijken")


@pytest.mark.parametrize("rol", [r for r in Rol.values if r != Rol.FUNCTIONEEL_BEHEERDER])
def test_andere_rollen_worden_geweigerd_en_er_wordt_niets_gelogd(
    wereld: Wereld, client: Client, rol: str
) -> None:
    leerling = wereld.leerlingen["demodam_school1"]
    client.force_login(wereld.medewerkers[rol])
    assert client.post(reverse(URL), {"nummer": leerling.bsn}).status_code == 403
    assert client.post(reverse(EXPORT), {"nummer": leerling.bsn}).status_code == 403
    assert client.get(reverse("verantwoording:ongebruikelijk")).status_code == 403
    assert not Inzage.objects.exists()


def test_een_leerling_buiten_het_bereik_van_de_beheerder_wordt_niet_gevonden_en_niet_gelogd(
    wereld: Wereld, client: Client
) -> None:
    # given a pupil living in Buurdorp, read only by staff of another organisation
    vreemd = wereld.leerlingen["buurdorp_school2"]
    _gelezen(wereld, "buurdorp_school2")
    voor = Inzage.objects.count()
    client.force_login(wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER])
    # when the administrator tries its log, and its export
    pagina = client.post(reverse(URL), {"nummer": vreemd.bsn})
    export = client.post(reverse(EXPORT), {"nummer": vreemd.bsn, "formaat": "csv"})
    # then it is the same as a number that does not exist, and nothing was logged
    assert not noemt(pagina.content.decode(), vreemd.naam)
    assert export.status_code == client.post(reverse(EXPORT), {"nummer": "1"}).status_code == 404
    assert Inzage.objects.count() == voor


def test_de_export_voor_een_avg_verzoek_is_onschadelijk_zonder_namen_van_medewerkers_en_gelogd(
    wereld: Wereld, client: Client
) -> None:
    # given a read from a screen whose name looks like a formula
    leerling = wereld.leerlingen["demodam_school1"]
    log_inzage(
        gebruiker=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        handeling=Inzage.Handeling.AFDRUKKEN,
        bron="=HYPERLINK(x)",
        leerlingen=[leerling],
    )
    client.force_login(wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER])
    # when the administrator exports it as CSV and as JSON
    csv_antwoord = client.post(reverse(EXPORT), {"nummer": leerling.bsn, "formaat": "csv"})
    json_antwoord = client.post(reverse(EXPORT), {"nummer": leerling.bsn, "formaat": "json"})
    # then the CSV holds the entry, escaped, without the user name
    rijen = list(csv.reader(io.StringIO(csv_antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == ["tijdstip", "organisatie", "rol", "handeling", "scherm"]
    assert rijen[1][1:] == [
        "Leerplicht Demodam",
        "leerplichtambtenaar",
        "afdrukken",
        "'=HYPERLINK(x)",
    ]
    assert "leerplichtambtenaar" not in csv_antwoord.content.decode().replace(
        ";leerplichtambtenaar;", ";"
    )
    gegevens = json.loads(json_antwoord.content)
    assert gegevens["leerling"]["naam"] == leerling.naam
    assert [i["handeling"] for i in gegevens["inzages"]] == ["exporteren", "afdrukken"]
    # and both exports are entries with the AVG reason
    assert (
        Inzage.objects.filter(
            handeling="exporteren", leerling_id=leerling.pk, reden__startswith="inzageverzoek"
        ).count()
        == 2
    )


def _gelezen_om(wereld: Wereld, rol: str, leerlingen: list[object], moment: object) -> None:
    gebruiker = wereld.medewerkers[rol]
    voeg_toe(
        [
            Inzage(
                tijdstip=moment,
                medewerker_id=gebruiker.pk,
                gebruikersnaam=gebruiker.username,
                rol=gebruiker.rol,
                handeling="bekijken",
                bron="test",
                leerling_id=leerling.pk,  # type: ignore[attr-defined]
            )
            for leerling in leerlingen
        ]
    )


def test_ongebruikelijke_inzage_veel_dossiers_in_korte_tijd_en_buiten_het_bereik(
    wereld: Wereld, client: Client, settings: object
) -> None:
    # given a threshold of 3 pupils within 10 minutes
    settings.VERANTWOORDING_ONGEBRUIKELIJK = {"venster_minuten": 10, "aantal_leerlingen": 3}  # type: ignore[attr-defined]
    nu = timezone.now()
    extra = [
        LeerlingFactory(woongemeente=wereld.leerlingen["demodam_school1"].woongemeente)
        for _ in range(3)
    ]
    # the officer opens 3 files within 5 minutes (unusual) and the school 3 files spread over
    # an hour (usual) -- but one of them left the school 200 days ago (outside its scope)
    _gelezen_om(wereld, Rol.LEERPLICHTAMBTENAAR, extra, nu - timedelta(minutes=5))
    school = wereld.leerlingen
    for i, sleutel in enumerate(["demodam_school1", "buurdorp_school1", "demodam_uitgeschreven"]):
        _gelezen_om(wereld, Rol.SCHOOLMEDEWERKER, [school[sleutel]], nu - timedelta(minutes=30 * i))
    # when the report is made
    uitkomst = ongebruikelijk.rapport(Inzage.objects.all())
    # then exactly the officer's burst and the school's read of the former pupil are found
    assert [(v.gebruikersnaam, v.aantal_leerlingen) for v in uitkomst["veel"]] == [
        ("leerplichtambtenaar", 3)
    ]
    assert [(b.gebruikersnaam, b.leerling_id) for b in uitkomst["buiten_bereik"]] == [
        ("schoolmedewerker", school["demodam_uitgeschreven"].pk)
    ]
    # and the administrator's page and the command show them
    client.force_login(wereld.medewerkers[Rol.FUNCTIONEEL_BEHEERDER])
    pagina = client.get(reverse("verantwoording:ongebruikelijk")).content.decode()
    assert "leerplichtambtenaar" in pagina and str(school["demodam_uitgeschreven"].pk) in pagina
    uit = io.StringIO()
    call_command("ongebruikelijke_inzage", stdout=uit)
    assert len(uit.getvalue().strip().splitlines()) == 2
