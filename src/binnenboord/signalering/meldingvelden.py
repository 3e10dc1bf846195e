# SPDX-License-Identifier: EUPL-1.2
"""The fields of a melding by their letter in Besluit register onderwijsdeelnemers art. 14
(b–k from the school, l–p from the municipality): one list for the form labels, the detail
page, the PDF, JSON and CSV, so they never disagree."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import Melding

if TYPE_CHECKING:
    from binnenboord.toegang.models import Medewerker

ART14: tuple[tuple[str, str], ...] = (
    ("b", "begindatum"),
    ("c", "einddatum"),
    ("d", "vermoedelijke_soort"),
    ("e", "vermoedelijke_reden"),
    ("f", "alle_lessen_gemist"),
    ("g", "ondernomen_actie"),
    ("h", "actie_gemeente_gewenst"),
    ("h", "prioriteit"),
    ("h", "toelichting_geen_actie"),
    ("i", "leslocatie"),
    ("j", "contactpersoon_naam"),
    ("j", "contactpersoon_functie"),
    ("j", "contactpersoon_telefoon"),
    ("j", "contactpersoon_email"),
    ("k", "telefoon_leerling_ouder"),
    ("l", "verzuimspecificatie"),
    ("m", "status"),
    ("n", "reden_afsluiting"),
    ("o", "toelichting_afsluiting"),
    ("o", "opmerking_afsluiting"),
    ("p", "gemeente_contactpersoon_naam"),
    ("p", "gemeente_contactpersoon_functie"),
    ("p", "gemeente_contactpersoon_telefoon"),
    ("p", "gemeente_contactpersoon_email"),
)
LETTER = {veld: letter for letter, veld in ART14}


def _veld(naam: str) -> Field[Any, Any]:
    veld = Melding._meta.get_field(naam)
    assert isinstance(veld, Field)
    return veld


def label(veld: str) -> str:
    """ "Begindatum verzuim": the field's name in the active language; the article letter is
    only a hint beside it (`artikel`)."""
    return str(capfirst(str(_veld(veld).verbose_name)))


def artikel(veld: str) -> str:
    """ "art. 14 onder b": where the field comes from in Besluit register onderwijsdeelnemers;
    empty for a field outside art. 14."""
    if veld not in LETTER:
        return ""
    return _("art. 14 under %(letter)s") % {"letter": LETTER[veld]}


def benoem(form: Any) -> Any:
    """The form's art. 14 fields labelled in plain words, the article as (part of) the help
    text."""
    for naam, veld in form.fields.items():
        if naam not in LETTER:
            continue
        veld.label = label(naam)
        hulp = str(veld.help_text or "")
        if "14" not in hulp:
            veld.help_text = f"{artikel(naam)}. {hulp}" if hulp else artikel(naam)
    return form


def wijzigingen(toelichting: str) -> str:
    """The history's list of changed fields ("vermoedelijke_reden, prioriteit") as labels;
    anything that is not a field name stays as written."""
    namen = [n.strip() for n in toelichting.split(",")]
    if not toelichting or not all(_is_veld(n) for n in namen):
        return toelichting
    return ", ".join(label(n) for n in namen)


def _is_veld(naam: str) -> bool:
    try:
        Melding._meta.get_field(naam)
    except FieldDoesNotExist:
        return False
    return True


def uren(minuten: int) -> str:
    return f"{minuten // 60}:{minuten % 60:02d}"


def specificatie_tekst(specificatie: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{date.fromisoformat(r['datum']):%d-%m-%Y} {uren(int(r['minuten']))}" for r in specificatie
    )


def tekst(melding: Melding, veld: str) -> str:
    """The value as a person reads it, in the active language."""
    waarde = getattr(melding, veld)
    if veld == "verzuimspecificatie":
        return specificatie_tekst(waarde)
    if isinstance(waarde, bool):
        return _("yes") if waarde else _("no")
    if isinstance(waarde, date):
        return f"{waarde:%d-%m-%Y}"
    if _veld(veld).choices and waarde:
        return str(getattr(melding, f"get_{veld}_display")())
    return "" if waarde is None else str(waarde)


def art14_rijen(melding: Melding, *, gemeente: bool = True) -> list[tuple[str, str, str]]:
    """(label, value, article) per field of art. 14; the municipality's l–p only when
    `gemeente`."""
    return [
        (label(veld), tekst(melding, veld), artikel(veld))
        for letter, veld in ART14
        if gemeente or letter < "l"
    ]


def _tijd(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def _naam(medewerker: Medewerker | None) -> str | None:
    return str(medewerker) if medewerker is not None else None


def als_gegevens(melding: Melding) -> dict[str, Any]:
    """The melding as structured data (JSON): codes, ISO dates, art. 14 keys by letter."""
    leerling = melding.leerling
    school = melding.school
    art14: dict[str, Any] = {}
    for letter, veld in ART14:
        waarde = getattr(melding, veld)
        art14[f"{letter}_{veld}"] = waarde.isoformat() if isinstance(waarde, date) else waarde
    return {
        "id": melding.pk,
        "soort": melding.soort,
        "stand": _stand_code(melding),
        "aangemaakt_op": _tijd(melding.aangemaakt_op),
        "verzonden_op": _tijd(melding.verzonden_op),
        "verzonden_door": _naam(melding.verzonden_door),
        "behandelaar": _naam(melding.behandelaar),
        "afgesloten_op": _tijd(melding.afgesloten_op),
        # the school's own report to DUO (not sent by Binnenboord): the day it confirmed
        "duo_gemeld_op": melding.duo_gemeld_op.isoformat() if melding.duo_gemeld_op else None,
        "leerling": {
            "bsn": leerling.bsn,
            "onderwijsnummer": leerling.onderwijsnummer,
            "voornamen": leerling.voornamen,
            "tussenvoegsel": leerling.tussenvoegsel,
            "achternaam": leerling.achternaam,
            "geboortedatum": leerling.geboortedatum.isoformat(),
            "straat": leerling.straat,
            "huisnummer": leerling.huisnummer,
            "postcode": leerling.postcode,
            "woonplaats": leerling.woonplaats,
        },
        "school": {"brin": school.brin, "vestiging": school.vestiging, "naam": school.naam},
        "gemeente": {"code": melding.gemeente.code, "naam": melding.gemeente.naam},
        "samenwerkingsverband": (
            melding.samenwerkingsverband.naam if melding.samenwerkingsverband else None
        ),
        "swv_behandelaar": _naam(melding.swv_behandelaar),
        "swv_opmerking": melding.swv_opmerking,
        "omschrijving": melding.omschrijving,
        "art14": art14,
    }


def _stand_code(melding: Melding) -> str:
    if melding.is_concept:
        return "concept"
    return melding.status or "verzonden"


def als_rij(melding: Melding) -> dict[str, str]:
    """The melding as one flat CSV row (the same keys as the JSON, nested ones joined)."""
    gegevens = als_gegevens(melding)
    rij: dict[str, Any] = {}
    for sleutel, waarde in gegevens.items():
        if isinstance(waarde, dict):
            for deel, deelwaarde in waarde.items():
                rij[f"{sleutel}_{deel}" if sleutel != "art14" else deel] = deelwaarde
        else:
            rij[sleutel] = waarde
    rij["l_verzuimspecificatie"] = specificatie_tekst(melding.verzuimspecificatie)
    return {k: _csv_tekst(v) for k, v in rij.items()}


def _csv_tekst(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return str(waarde)
