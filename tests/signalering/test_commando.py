# SPDX-License-Identifier: EUPL-1.2
"""`binnenboord signaleer`, end to end: data in the database -> the engine -> stored signals;
and the incremental run after an absence import."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

from django.core.management import CommandError, call_command

import pytest
from pytest_django import DjangoCaptureOnCommitCallbacks

from binnenboord.registratie.models import Import
from binnenboord.registratie.signals import verzuim_geimporteerd
from binnenboord.signalering import receivers
from binnenboord.signalering.models import Signaal, Soort
from binnenboord.verantwoording.models import Inzage
from tests.factories import (
    GemeenteFactory,
    InschrijvingFactory,
    LeerlingFactory,
    OrganisatieFactory,
    SchoolFactory,
    VerzuimFactory,
)

# docs/domein.md's worked example (regio noord): 5 h on Wed 10-12 and 17-12-2025 and 07-01-2026,
# 1 h on Mon 12-01-2026; the holiday weeks are no lesweken, so 16 h is reached on 12-01-2026.
VIJFTIEN_UUR = (date(2025, 12, 10), date(2025, 12, 17), date(2026, 1, 7))


def _leerling_met_16_uur(gemeente: object, school: object) -> object:
    leerling = LeerlingFactory(woongemeente=gemeente)
    InschrijvingFactory(leerling=leerling, school=school, begindatum=date(2024, 8, 1))
    for dag in VIJFTIEN_UUR:
        VerzuimFactory(leerling=leerling, school=school, datum=dag, minuten_ongeoorloofd=300)
    VerzuimFactory(
        leerling=leerling, school=school, datum=date(2026, 1, 12), minuten_ongeoorloofd=60
    )
    return leerling


@pytest.fixture
def demodam(db: None) -> tuple[object, object]:
    gemeente = GemeenteFactory(naam="Demodam", code="9999")
    OrganisatieFactory(naam="Leerplicht Demodam", gemeenten=[gemeente])
    school = SchoolFactory(gemeente=gemeente, regio="noord", brin="12AB", vestiging="00")
    return gemeente, school


def _signaleer(*args: str) -> str:
    uit = StringIO()
    call_command("signaleer", *args, stdout=uit)
    return uit.getvalue()


def test_het_commando_vindt_het_16_urensignaal_en_nogmaals_draaien_verandert_niets(
    demodam: tuple[object, object],
) -> None:
    leerling = _leerling_met_16_uur(*demodam)

    _signaleer("--peildatum", "2026-01-13")
    voor = list(Signaal.objects.order_by("pk").values())
    tweede = _signaleer("--peildatum", "2026-01-13")

    signaal = Signaal.objects.get(soort=Soort.VERZUIM_16_UUR)
    assert signaal.leerling_id == leerling.pk  # type: ignore[attr-defined]
    assert signaal.datum == date(2026, 1, 12)
    assert signaal.minuten == 16 * 60
    assert signaal.status == Signaal.Status.OPEN
    assert list(Signaal.objects.order_by("pk").values()) == voor
    assert "13-01-2026" in tweede


def test_json_noemt_de_open_signalen_met_hun_schoolcode(
    demodam: tuple[object, object],
) -> None:
    leerling = _leerling_met_16_uur(*demodam)

    uitvoer = json.loads(_signaleer("--peildatum", "2026-01-13", "--gemeente", "demodam", "--json"))

    zestien = [s for s in uitvoer if s["soort"] == "verzuim_16_uur"]
    assert zestien == [
        {
            "bsn": leerling.bsn,  # type: ignore[attr-defined]
            "onderwijsnummer": None,
            "soort": "verzuim_16_uur",
            "begindatum": zestien[0]["begindatum"],
            "datum": "2026-01-12",
            "einddatum": None,
            "school": "12AB00",
            "van": zestien[0]["van"],
            "tot": zestien[0]["tot"],
            "minuten": 960,
            "dagen": zestien[0]["dagen"],
            "uitleg": zestien[0]["uitleg"],
        }
    ]
    assert zestien[0]["uitleg"]
    assert date.fromisoformat(zestien[0]["van"]) <= date(2025, 12, 10)
    # every object has the documented keys
    for signaal in uitvoer:
        assert {"bsn", "soort", "datum", "school", "uitleg", "begindatum", "van", "tot"} <= set(
            signaal
        )
    # printing pupils' data is an export in the access log
    assert Inzage.objects.filter(
        handeling=Inzage.Handeling.EXPORTEREN,
        leerling_id=leerling.pk,  # type: ignore[attr-defined]
    ).exists()


@pytest.mark.django_db
def test_een_onbekende_gemeente_geeft_een_nederlandse_fout() -> None:
    with pytest.raises(CommandError, match=r"Onbekende gemeente|Unknown municipality"):
        _signaleer("--gemeente", "Atlantis")


@pytest.mark.django_db
def test_een_foute_datum_geeft_een_nederlandse_fout() -> None:
    with pytest.raises(CommandError, match=r"JJJJ-MM-DD|YYYY-MM-DD"):
        _signaleer("--peildatum", "13-01-2026")


def test_een_verzuimimport_signaleert_alleen_zijn_leerlingen(
    demodam: tuple[object, object],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given two pupils with 16 hours of absence, one in the import
    gemeente, school = demodam
    in_import = _leerling_met_16_uur(gemeente, school)
    _leerling_met_16_uur(gemeente, school)
    import_ = Import.objects.create(soort=Import.Soort.VERZUIM, bestandsnaam="verzuim.csv")
    monkeypatch.setattr(receivers.timezone, "localdate", lambda: date(2026, 1, 13))

    # when the importer announces the import
    with django_capture_on_commit_callbacks(execute=True):
        verzuim_geimporteerd.send(
            sender=Import,
            import_=import_,
            leerling_ids=[in_import.pk],  # type: ignore[attr-defined]
        )

    # then only that pupil's signals are computed
    assert set(Signaal.objects.values_list("leerling_id", flat=True)) == {in_import.pk}  # type: ignore[attr-defined]


def test_een_verzuimbestand_importeren_signaleert_zijn_leerlingen_op_zijn_nieuwste_dag(
    demodam: tuple[object, object],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    tmp_path: object,
) -> None:
    from pathlib import Path

    from binnenboord.registratie.importeren.services import importeer

    # given a pupil enrolled at the school, and docs/domein.md's 16-hour example as a verzuim file
    gemeente, school = demodam
    leerling = LeerlingFactory(woongemeente=gemeente)
    InschrijvingFactory(leerling=leerling, school=school, begindatum=date(2024, 8, 1))
    regels = [f"{leerling.bsn};12AB;00;{dag.isoformat()};300;ongeoorloofd" for dag in VIJFTIEN_UUR]  # type: ignore[attr-defined]
    regels.append(f"{leerling.bsn};12AB;00;2026-01-12;60;ongeoorloofd")  # type: ignore[attr-defined]
    pad = Path(str(tmp_path)) / "verzuim.csv"
    pad.write_text("bsn;brin;vestiging;datum;minuten;soort\n" + "\n".join(regels) + "\n")

    # when the file is imported from the command line's scope
    with django_capture_on_commit_callbacks(execute=True):
        import_ = importeer(soort="verzuim", bestand=pad, bestandsnaam=pad.name, door=None)

    # then the rows are stored and the signal is there, computed on the file's newest day
    assert import_.aantal_nieuw == 4
    [signaal] = Signaal.objects.filter(leerling=leerling)
    assert signaal.soort == Soort.VERZUIM_16_UUR
    assert signaal.datum == date(2026, 1, 12)
