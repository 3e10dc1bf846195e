# SPDX-License-Identifier: EUPL-1.2
"""The import screens: upload, follow, download the rejected rows; all within the rules."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from binnenboord.kern.kalender import Schoolkalender
from binnenboord.registratie.models import Import, Verzuim
from binnenboord.toegang.models import Rol
from binnenboord.verantwoording.models import Inzage
from tests.wereld import Wereld


def _recente_lesdag() -> date:
    dag = timezone.localdate() - timedelta(days=1)
    kalender = Schoolkalender("noord")
    while not kalender.is_lesdag(dag):
        dag -= timedelta(days=1)
    return dag


def _verzuimbestand(wereld: Wereld) -> SimpleUploadedFile:
    leerling = wereld.leerlingen["demodam_school1"]
    school = leerling.inschrijvingen.get().school
    dag = _recente_lesdag()
    regels = [
        "bsn;brin;vestiging;datum;minuten;soort;hele_dag;reden_code",
        f"{leerling.bsn};{school.brin};{school.vestiging};{dag:%Y-%m-%d};120;ongeoorloofd;nee;OG",
        f"123456789;{school.brin};{school.vestiging};{dag:%Y-%m-%d};60;ziek;nee;ZK",
    ]
    return SimpleUploadedFile(
        "verzuim.csv", ("\n".join(regels) + "\n").encode(), content_type="text/csv"
    )


def test_een_school_uploadt_verzuim_en_ziet_wat_is_opgeslagen_en_afgewezen(
    wereld: Wereld, client: Client
) -> None:
    # given a school employee with a file of one good and one bad row
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])

    # when she uploads it
    response = client.post(
        reverse("registratie:imports"), {"soort": "verzuim", "bestand": _verzuimbestand(wereld)}
    )

    # then she lands on the import, one row stored, one rejected with its Dutch reason
    resultaat = Import.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("registratie:import", args=[resultaat.pk])
    assert (resultaat.aantal_nieuw, resultaat.aantal_afgewezen) == (1, 1)
    assert Verzuim.objects.get().minuten_ongeoorloofd == 120
    pagina = client.get(response["Location"]).content.decode()
    assert "123456789" in pagina
    assert "BSN" in pagina

    # and the rejected rows download as CSV, which is logged as an export
    rapport = client.get(reverse("registratie:import_rapport", args=[resultaat.pk, "csv"]))
    assert rapport.status_code == 200
    assert "123456789" in rapport.content.decode("utf-8-sig")
    assert (
        Inzage.objects.filter(handeling="exporteren", bron="registratie:import_rapport").count()
        == 1
    )


def test_een_htmx_upload_krijgt_een_client_redirect_als_antwoord(
    wereld: Wereld, client: Client
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = client.post(
        reverse("registratie:imports"),
        {"soort": "verzuim", "bestand": _verzuimbestand(wereld)},
        headers={"HX-Request": "true"},
    )
    assert response["HX-Redirect"] == reverse("registratie:import", args=[Import.objects.get().pk])


def test_een_bestand_van_het_verkeerde_type_wordt_geweigerd_met_een_nederlandse_melding(
    wereld: Wereld, client: Client
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    bestand = SimpleUploadedFile("verzuim.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(reverse("registratie:imports"), {"soort": "verzuim", "bestand": bestand})
    assert response.status_code == 200
    assert (
        "Alleen CSV- of Excelbestanden (.xlsx) kunnen worden geïmporteerd"
        in response.content.decode()
    )
    assert not Import.objects.exists()


def test_elke_rol_krijgt_alleen_de_soorten_aangeboden_die_hij_mag_importeren(
    wereld: Wereld, client: Client
) -> None:
    verwacht = {
        Rol.SCHOOLMEDEWERKER: ["inschrijvingen", "verzuim", "verzuimcodes"],
        Rol.LEERPLICHTAMBTENAAR: ["scholen", "leerlingen", "vrijstellingen"],
        Rol.FUNCTIONEEL_BEHEERDER: ["scholen"],
    }
    for rol, soorten in verwacht.items():
        client.force_login(wereld.medewerkers[rol])
        keuzes = client.get(reverse("registratie:imports")).context["form"].fields["soort"].choices
        assert [waarde for waarde, _ in keuzes] == soorten


def test_een_soort_die_de_rol_niet_mag_importeren_wordt_geweigerd_en_niets_wordt_opgeslagen(
    wereld: Wereld, client: Client
) -> None:
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    response = client.post(
        reverse("registratie:imports"), {"soort": "verzuim", "bestand": _verzuimbestand(wereld)}
    )
    assert response.status_code == 200
    assert not Import.objects.exists()
    assert not Verzuim.objects.exists()


def test_een_andere_organisatie_kan_een_import_niet_zien_of_downloaden(
    wereld: Wereld, client: Client
) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    client.post(
        reverse("registratie:imports"), {"soort": "verzuim", "bestand": _verzuimbestand(wereld)}
    )
    resultaat = Import.objects.get()
    client.force_login(wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert client.get(reverse("registratie:import", args=[resultaat.pk])).status_code == 404
    for formaat in ("csv", "xlsx"):
        url = reverse("registratie:import_rapport", args=[resultaat.pk, formaat])
        assert client.get(url).status_code == 404
    assert not Inzage.objects.filter(bron="registratie:import_rapport").exists()
