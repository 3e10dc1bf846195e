# SPDX-License-Identifier: EUPL-1.2
"""Bad input on the import screen and in the files (issue 7, "Bad input"): too large, not what
the name says, malformed; a clear Dutch message that names the row, field or file, nothing
stored of an unreadable file, nothing lost of the readable rows; the formula escape of the
rejection report undone on a re-upload."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest

from binnenboord.registratie.importeren import rapport
from binnenboord.registratie.importeren.bestanden import herken
from binnenboord.registratie.models import Afwijzing, Import, Leerling, Verzuim
from binnenboord.toegang.models import Rol
from tests.registratie.importeren.conftest import (
    BRIN1,
    Opzet,
    csv_bytes,
    importeer_bytes,
    xlsx_bytes,
)
from tests.registratie.importeren.conftest import opzet as opzet  # the fixture
from tests.wereld import Wereld

pytestmark = pytest.mark.django_db

KOP_VERZUIM = "bsn;brin;vestiging;datum;minuten;soort;hele_dag;reden_code"
KOP_LEERLINGEN = "bsn;voornamen;achternaam;geboortedatum;woongemeente;tussenvoegsel"
# Valid BSNs (eleven test) that the small world does not use.
BSN_A, BSN_B, BSN_C = "111222333", "123456782", "100000009"


def _nl(tekst: str, **waarden: Any) -> str:
    with translation.override("nl"):
        vertaald = gettext(tekst)
    return vertaald % waarden if waarden else vertaald


def _upload(client: Client, naam: str, data: bytes, soort: str = "verzuim") -> Any:
    bestand = SimpleUploadedFile(naam, data, content_type="text/csv")
    return client.post(reverse("registratie:imports"), {"soort": soort, "bestand": bestand})


def _niets_opgeslagen() -> None:
    assert not Import.objects.exists()
    assert not Verzuim.objects.exists()
    assert not Afwijzing.objects.exists()


# --- 1. oversized uploads -------------------------------------------------------------------


def test_een_bestand_boven_de_grens_wordt_op_het_formulier_geweigerd_en_niets_wordt_opgeslagen(
    wereld: Wereld, client: Client, settings: Any
) -> None:
    # given a limit of 1 MB and a CSV of 1.5 MB
    settings.IMPORT_MAX_MB = 1
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    data = csv_bytes(KOP_VERZUIM) + b"x;" * 750_000
    # when it is uploaded
    response = _upload(client, "verzuim.csv", data)
    # then the form comes back with the limit named, and nothing is stored
    assert response.status_code == 200
    assert _nl("The file is larger than %(max)s MB.", max=1) in response.content.decode()
    assert response.context["form"].errors["bestand"]
    _niets_opgeslagen()


def test_de_upload_stopt_bij_de_grens_voordat_het_bestand_het_formulier_bereikt(
    wereld: Wereld, client: Client, settings: Any
) -> None:
    # given a limit of 1 MB and uploads that stream to disk from 64 KB on
    settings.IMPORT_MAX_MB = 1
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    # when a file of 3 MB is uploaded
    response = _upload(client, "verzuim.csv", csv_bytes(KOP_VERZUIM) + b"1" * 3_000_000)
    # then the same message; the file never reached the form (the handler stopped it)
    assert response.status_code == 200
    assert _nl("The file is larger than %(max)s MB.", max=1) in response.content.decode()
    assert "bestand" not in response.wsgi_request.FILES
    _niets_opgeslagen()


def test_een_bestand_op_de_grens_stroomt_naar_schijf_en_wordt_geimporteerd(
    opzet: Opzet, client: Client, settings: Any
) -> None:
    # given uploads that go to a temporary file above 1 KB, and a file of some KB
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(opzet.medewerker(Rol.SCHOOLMEDEWERKER))
    regels = [f"{opzet.bsn('demodam_school1')};{BRIN1};00;2026-01-05;60;ziek;nee;ZK"] * 100
    # when it is uploaded
    response = _upload(client, "verzuim.csv", csv_bytes(KOP_VERZUIM, *regels))
    # then it was read from disk like any other file: one day stored, 99 duplicates added up
    assert response.status_code == 302
    assert Import.objects.get().aantal_rijen == 100


def test_een_formulier_boven_de_verzoekgrens_is_een_400_geen_500(
    wereld: Wereld, client: Client, settings: Any
) -> None:
    # given Django's limit on non-file form data
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    # when a form post without a file is far larger
    response = client.post(reverse("registratie:imports"), {"soort": "x" * 50_000})
    # then a plain "bad request", and nothing stored
    assert response.status_code == 400
    _niets_opgeslagen()


# --- 2. wrong content types -----------------------------------------------------------------


def _zip(namen: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        for naam, inhoud in namen.items():
            archief.writestr(naam, inhoud)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
UTF16 = KOP_VERZUIM.encode("utf-16")  # with a byte order mark, as Excel writes it
UTF16_ZONDER_BOM = KOP_VERZUIM.encode("utf-16-le")
WORD = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"})
ZIP = _zip({"leerlingen.csv": b"bsn\n"})
ONZIN = bytes((i * 37 + 11) % 256 for i in range(4000))


@pytest.mark.parametrize(
    ("naam", "data", "melding"),
    [
        ("verzuim.csv", PNG, ("This is not a CSV or XLSX file but %(soort)s.", "a PNG image")),
        ("verzuim.csv", PDF, ("This is not a CSV or XLSX file but %(soort)s.", "a PDF document")),
        ("verzuim.csv", WORD, ("This is not a CSV or XLSX file but %(soort)s.", "a Word document")),
        ("verzuim.csv", ZIP, ("This is not a CSV or XLSX file but %(soort)s.", "a ZIP archive")),
        ("verzuim.txt", ONZIN, ("This is not a CSV or XLSX file.", None)),
        (
            "verzuim.csv",
            UTF16,
            (
                'The file is UTF-16 text (in Excel: "Unicode text"). Save it as CSV UTF-8 (in '
                'Excel: "CSV UTF-8 (door komma\'s gescheiden)") or as XLSX.',
                None,
            ),
        ),
        (
            "verzuim.csv",
            UTF16_ZONDER_BOM,
            (
                'The file is UTF-16 text (in Excel: "Unicode text"). Save it as CSV UTF-8 (in '
                'Excel: "CSV UTF-8 (door komma\'s gescheiden)") or as XLSX.',
                None,
            ),
        ),
    ],
)
def test_een_bestand_dat_geen_tabel_is_wordt_geweigerd_met_wat_het_is(
    wereld: Wereld, client: Client, naam: str, data: bytes, melding: tuple[str, str | None]
) -> None:
    # given a school employee; when she uploads a file that is not what its name says
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = _upload(client, naam, data)
    # then the form says what the file really is, and nothing is stored
    tekst, soort = melding
    verwacht = _nl(tekst, soort=_nl(soort)) if soort else _nl(tekst)
    assert response.status_code == 200
    assert response.context["form"].errors["bestand"] == [verwacht]
    _niets_opgeslagen()


def test_een_xlsx_met_csv_tekst_wordt_bij_naam_geweigerd(wereld: Wereld, client: Client) -> None:
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = _upload(client, "Verzuim.XLSX", csv_bytes(KOP_VERZUIM))
    assert response.context["form"].errors["bestand"] == [
        _nl(
            "%(naam)s is called .xlsx but is no Excel workbook: it holds text. Save it as an "
            "Excel workbook (.xlsx), or rename it to .csv if it is a CSV file.",
            naam="Verzuim.XLSX",
        )
    ]
    _niets_opgeslagen()


def test_een_beschadigde_xlsx_wordt_bij_naam_geweigerd(wereld: Wereld, client: Client) -> None:
    # given a real workbook cut off halfway (as by a broken download)
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    heel = xlsx_bytes([KOP_VERZUIM.split(";")])
    response = _upload(client, "verzuim.xlsx", heel[: len(heel) // 2])
    assert response.context["form"].errors["bestand"] == [
        _nl(
            "%(naam)s is a damaged Excel file: the archive is incomplete. Save it again in "
            "Excel, or save it as CSV UTF-8.",
            naam="verzuim.xlsx",
        )
    ]
    _niets_opgeslagen()


def test_een_zipbom_wordt_geweigerd_voordat_hij_wordt_uitgepakt(
    wereld: Wereld, client: Client, settings: Any
) -> None:
    # given a limit of 1 MB and an "xlsx" that unpacks to 30 MB
    settings.IMPORT_MAX_MB = 1
    bom = _zip({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b" " * 30_000_000})
    assert len(bom) < 1024 * 1024
    client.force_login(wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    response = _upload(client, "verzuim.xlsx", bom)
    assert response.context["form"].errors["bestand"] == [
        _nl("The Excel file unpacks to more than %(mb)s MB; split it into smaller files.", mb=5)
    ]
    _niets_opgeslagen()


def test_tekst_met_een_paar_nul_tekens_is_nog_steeds_tekst() -> None:
    assert herken(b"bsn;brin\n1;2\x00\n" + b"a;b\n" * 100) == "tekst"
    assert herken(b"\x00\x01\x02binary\x00") == "binair"


# --- 3. malformed CSV and XLSX --------------------------------------------------------------


def _dag(opzet: Opzet, datum: str, minuten: int = 60, bsn: str | None = None) -> str:
    return f"{bsn or opzet.bsn('demodam_school1')};{BRIN1};00;{datum};{minuten};ziek;nee;ZK"


def test_een_niet_afgesloten_aanhalingsteken_laat_het_bestand_mislukken_en_noemt_de_rij(
    opzet: Opzet,
) -> None:
    # given a file whose third row opens a quote that is never closed
    data = csv_bytes(
        KOP_VERZUIM,
        _dag(opzet, "2026-01-05"),
        _dag(opzet, "2026-01-06").replace(";ZK", ';"ZK'),
        _dag(opzet, "2026-01-07"),
    )
    # when it is imported
    import_ = importeer_bytes("verzuim", data)
    # then nothing is read (the lenient reader would have swallowed row 4 into row 3's cell)
    assert import_.status == "mislukt"
    assert import_.melding == _nl(
        'The quote (") that opens a cell in row %(rij)s is never closed, so the rest of the '
        "file would be read as one cell. Close the quote or remove it.",
        rij=3,
    )
    assert not Verzuim.objects.exists()


def test_een_afgesloten_aanhaling_over_twee_regels_wordt_gelezen(opzet: Opzet) -> None:
    data = csv_bytes(KOP_VERZUIM, _dag(opzet, "2026-01-05").replace(";ZK", ';"Z\nK"'))
    import_ = importeer_bytes("verzuim", data)
    assert (import_.status, import_.aantal_nieuw) == ("klaar", 1)
    assert Verzuim.objects.get().reden_code == "Z\nK"


def test_een_nul_teken_weigert_zijn_rij_en_houdt_de_andere(opzet: Opzet) -> None:
    # given three rows, the second with a NUL in its reason code
    data = csv_bytes(
        KOP_VERZUIM,
        _dag(opzet, "2026-01-05"),
        _dag(opzet, "2026-01-06").replace(";ZK", ";Z\x00K"),
        _dag(opzet, "2026-01-07"),
    )
    # when it is imported
    import_ = importeer_bytes("verzuim", data)
    # then rows 2 and 4 are stored; row 3 is rejected naming the field, storable and shown
    assert (import_.status, import_.aantal_nieuw, import_.aantal_afgewezen) == ("klaar", 2, 1)
    afwijzing = Afwijzing.objects.get()
    assert (afwijzing.rij, afwijzing.veld, afwijzing.waarde) == (3, "reden_code", "Z\ufffdK")
    assert afwijzing.reden == _nl(
        "The field %(veld)s holds an invisible NUL character; remove it (retype the value) and "
        "import the row again.",
        veld="reden_code",
    )
    assert afwijzing.gegevens["reden_code"] == "Z\ufffdK"


def test_een_nul_teken_in_een_bestand_met_aanhalingstekens_weigert_zijn_rij(opzet: Opzet) -> None:
    data = csv_bytes(
        KOP_VERZUIM,
        _dag(opzet, "2026-01-05").replace(";ZK", ';"ZK"'),
        _dag(opzet, "2026-01-06").replace(";ziek;", ";zi\x00ek;"),
    )
    import_ = importeer_bytes("verzuim", data)
    assert (import_.aantal_nieuw, import_.aantal_afgewezen) == (1, 1)
    assert Afwijzing.objects.values_list("rij", "veld").get() == (3, "soort")


def test_een_enorme_cel_zonder_aanhalingstekens_weigert_alleen_zijn_rij(opzet: Opzet) -> None:
    # given a reason code of 200,000 characters between two good rows
    data = csv_bytes(
        KOP_VERZUIM,
        _dag(opzet, "2026-01-05"),
        _dag(opzet, "2026-01-06").replace(";ZK", ";" + "K" * 200_000),
        _dag(opzet, "2026-01-07"),
    )
    # when it is imported
    import_ = importeer_bytes("verzuim", data)
    # then the two good rows are stored and the long one is rejected for its field
    assert (import_.status, import_.aantal_nieuw, import_.aantal_afgewezen) == ("klaar", 2, 1)
    afwijzing = Afwijzing.objects.get()
    assert (afwijzing.rij, afwijzing.veld) == (3, "reden_code")


def test_een_enorme_cel_tussen_aanhalingstekens_laat_het_bestand_mislukken_en_noemt_de_rij(
    opzet: Opzet,
) -> None:
    data = csv_bytes(
        KOP_VERZUIM,
        _dag(opzet, "2026-01-05"),
        _dag(opzet, "2026-01-06").replace(";ZK", ';"' + "K" * 200_000 + '"'),
    )
    import_ = importeer_bytes("verzuim", data)
    assert import_.status == "mislukt"
    assert import_.melding == _nl(
        'A cell that begins in row %(rij)s is longer than %(max)s characters. A quote (") that '
        "is never closed usually causes this.",
        rij=3,
        max="131.072",
    )
    assert not Verzuim.objects.exists()


def test_een_xlsx_met_een_leeg_eerste_werkblad_noemt_het_werkblad(opzet: Opzet) -> None:
    # given a workbook whose data is on the second sheet
    from openpyxl import Workbook

    boek = Workbook()
    boek.active.title = "Leeg"  # type: ignore[union-attr]
    boek.create_sheet("Verzuim").append(KOP_VERZUIM.split(";"))
    buffer = io.BytesIO()
    boek.save(buffer)
    # when it is imported
    import_ = importeer_bytes("verzuim", buffer.getvalue(), naam="verzuim.xlsx")
    # then the message says that only the first sheet counts
    assert import_.status == "mislukt"
    assert import_.melding == _nl(
        "The first worksheet (%(blad)s) has no column names in row 1. Only the first worksheet "
        "is imported.",
        blad="Leeg",
    )


def test_een_zip_zonder_werkmap_mislukt_als_import(opzet: Opzet) -> None:
    import_ = importeer_bytes("verzuim", WORD, naam="verzuim.xlsx")
    assert import_.status == "mislukt"
    assert import_.melding == _nl(
        "This is not a CSV or XLSX file but %(soort)s.", soort=_nl("a Word document")
    )


# --- 5. the formula escape of the rejection report, undone on re-upload ---------------------


def test_een_ontsnapte_waarde_keert_terug_naar_wat_de_school_stuurde(opzet: Opzet) -> None:
    # given pupils whose names start with formula characters or a genuine apostrophe, each in
    # a row that is rejected (an unknown home municipality)
    namen = ["=1+1", "+31 6 1234", "-Anna", "@Bram", "'t Hooft", "'=al ontsnapt"]
    bsns = [BSN_A, BSN_B, BSN_C, "100000010", "100000022", "100000034"]
    regels = [
        f"{bsn};{naam};Jansen;2014-03-01;Nergenshuizen;"
        for bsn, naam in zip(bsns, namen, strict=True)
    ]
    eerste = importeer_bytes("leerlingen", csv_bytes(KOP_LEERLINGEN, *regels))
    assert eerste.aantal_afgewezen == len(namen)
    assert [a.gegevens["voornamen"] for a in Afwijzing.objects.order_by("rij")] == [
        "=1+1", "+31 6 1234", "-Anna", "@Bram", "'t Hooft", "=al ontsnapt"
    ]  # fmt: skip
    # when the CSV report is downloaded, the municipality fixed, and uploaded again
    csv_rapport = rapport.afwijzingen_csv(eerste).decode("utf-8-sig")
    assert "'=1+1" in csv_rapport
    assert "'-Anna" in csv_rapport
    verbeterd = csv_rapport.replace("Nergenshuizen", "9999").encode()
    tweede = importeer_bytes("leerlingen", verbeterd)
    # then every name is what the school sent: one escaping apostrophe removed, a genuine one
    # before a normal character kept
    assert (tweede.aantal_nieuw, tweede.aantal_afgewezen) == (len(namen), 0)
    opgeslagen = dict(Leerling.objects.filter(bsn__in=bsns).values_list("bsn", "voornamen"))
    assert [opgeslagen[b] for b in bsns] == [
        "=1+1", "+31 6 1234", "-Anna", "@Bram", "'t Hooft", "=al ontsnapt"
    ]  # fmt: skip


def test_het_xlsx_rapport_komt_onveranderd_heen_en_terug(opzet: Opzet) -> None:
    regels = [f"{BSN_A};=HYPERLINK(x);Jansen;2014-03-01;Nergenshuizen;"]
    eerste = importeer_bytes("leerlingen", csv_bytes(KOP_LEERLINGEN, *regels))
    from openpyxl import load_workbook

    boek = load_workbook(io.BytesIO(rapport.afwijzingen_xlsx(eerste)))
    blad = boek.active
    assert blad is not None
    kop = [c.value for c in blad[1]]
    blad.cell(row=2, column=kop.index("woongemeente") + 1, value="9999")
    buffer = io.BytesIO()
    boek.save(buffer)
    tweede = importeer_bytes("leerlingen", buffer.getvalue(), naam="verbeterd.xlsx")
    assert (tweede.aantal_nieuw, tweede.aantal_afgewezen) == (1, 0)
    assert Leerling.objects.get(bsn=BSN_A).voornamen == "=HYPERLINK(x)"
