# SPDX-License-Identifier: EUPL-1.2
"""The entry points of the imports. importeer() reads one file (bestanden.lees_bestand),
importeer_rijen() takes rows as Python mappings of column to value (the API's rows,
tabel.lees_rijen); both hand the table of rows to verwerk_rijen(), which checks every row,
stores the valid rows in batches and the rejected rows as Afwijzing, and finishes the Import
record: the report (counts, rejected rows with row, field, value and reason). zet_in_wachtrij()
and zet_rijen_in_wachtrij() leave the same work to the background worker (verwerk_wachtrij).

Bad content never raises: rows that cannot be read at all end as status "mislukt" with a
Dutch message and nothing stored; a bad row is rejected with its reason and the import goes on.
Only a user without the import permission gets PermissionDenied (and nothing is stored)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import polars as pl
import structlog

from binnenboord.registratie.models import Import, Importbestand
from binnenboord.registratie.signals import verzuim_geimporteerd
from binnenboord.toegang.models import Medewerker, Organisatie
from binnenboord.verantwoording.services import log_inzage

from .bereik import Bereik
from .bestanden import lees_bestand
from .kolommen import FORMATEN
from .meldingen import m_dubbel, m_onverwacht, m_zelfde_sleutel
from .normaliseren import als_tekst
from .opslaan import (
    BATCH,
    Context,
    Telling,
    afwijzingen_frame,
    bewaar_kandidaten,
    bewaar_verzuim,
    schrijf_afwijzingen,
    zet_voortgang,
)
from .opzoeken import Database
from .rijcontroles import Afgewezen, Kandidaat, Probleem, Rijsoort
from .rijsoorten import RIJSOORTEN
from .tabel import Onleesbaar, Tabel, lees_rijen
from .tabelcontroles import valideer_verzuim

log = structlog.get_logger(__name__)
Rijen = Iterable[Mapping[str, object]]
"""Rows as Python mappings of column to value (tabel.lees_rijen)."""
RIJEN_KOP = b"binnenboord-rijen\n"
"""How a queued import's stored content says it holds rows (JSON), not a file. A CSV file that
starts with this line would be refused for its unknown column; zet_in_wachtrij stores such a
file behind a byte order mark, which the CSV reader skips, so no file is ever taken for rows."""


def importeer(
    *, soort: str, bestand: BinaryIO | Path, bestandsnaam: str, door: Medewerker | None
) -> Import:
    """Imports the file now, in this process (the command line, the demo, tests)."""
    _controleer_recht(soort, door)
    import_ = _nieuw(soort, bestandsnaam, door)
    return _voer_uit(import_, lambda: lees_bestand(bestand, FORMATEN[soort]), door)


def importeer_rijen(*, soort: str, rijen: Rijen, bron: str, door: Medewerker | None) -> Import:
    """Imports rows given as Python mappings of column to value now, with the checks, rights
    and report of a file with those rows: the first row is row 2, as under a header. `bron`
    names where the rows came from (Import.bestandsnaam, e.g. "api-verzuim.json")."""
    _controleer_recht(soort, door)
    import_ = _nieuw(soort, bron, door)
    return _voer_uit(import_, lambda: lees_rijen(rijen, FORMATEN[soort]), door)


def _nieuw(soort: str, bestandsnaam: str, door: Medewerker | None, **velden: Any) -> Import:
    return Import.objects.create(
        soort=soort,
        bestandsnaam=bestandsnaam[:255],
        medewerker=door,
        organisatie=_organisatie(door),
        **velden,
    )


def zet_in_wachtrij(*, soort: str, data: bytes, bestandsnaam: str, door: Medewerker) -> Import:
    """Stores the file beside a queued import (status "wachtrij", nothing read yet) and hands
    it to the background worker (registratie.tasks.verwerk_import): the request that uploads a
    file returns at once, whatever the file holds. Raises PermissionDenied like importeer()."""
    if data.startswith(RIJEN_KOP):
        data = b"\xef\xbb\xbf" + data
    return _in_wachtrij(soort, data, bestandsnaam, door)


def zet_rijen_in_wachtrij(*, soort: str, rijen: Rijen, bron: str, door: Medewerker) -> Import:
    """importeer_rijen() in the background worker, as zet_in_wachtrij() for a file: the rows
    (as text, normaliseren.als_tekst) are stored as JSON beside the queued import."""
    tekst = [{k: als_tekst(v) for k, v in rij.items()} for rij in rijen]
    data = RIJEN_KOP + json.dumps(tekst, ensure_ascii=False).encode()
    return _in_wachtrij(soort, data, bron, door)


def _in_wachtrij(soort: str, data: bytes, bestandsnaam: str, door: Medewerker) -> Import:
    from binnenboord.registratie.tasks import verwerk_import

    _controleer_recht(soort, door)
    with transaction.atomic():
        import_ = _nieuw(soort, bestandsnaam, door, status=Import.Status.WACHTRIJ)
        Importbestand.objects.create(bestandsimport=import_, inhoud=data)
        # the task row commits with the import (database backend): the worker never sees a
        # task without its file
        verwerk_import.enqueue(import_.pk)
    log.info("import_in_wachtrij", import_id=import_.pk, soort=soort, bytes=len(data))
    import_.refresh_from_db()
    return import_


def verwerk_wachtrij(import_id: int) -> Import | None:
    """The worker's part: runs a queued import once (a second delivery of the same task finds
    it no longer queued and does nothing), then deletes the stored file. The importer's rights
    are those of now, not of the upload."""
    with transaction.atomic():
        import_ = (
            Import.objects.select_for_update(of=("self",))
            .select_related("medewerker")
            .filter(pk=import_id, status=Import.Status.WACHTRIJ)
            .first()
        )
        if import_ is None:
            return None
        import_.status = Import.Status.BEZIG
        Import.objects.filter(pk=import_id).update(status=Import.Status.BEZIG)
    door = import_.medewerker
    try:
        inhoud = Importbestand.objects.values_list("inhoud", flat=True).get(
            bestandsimport_id=import_id
        )
        if door is not None and not door.has_perm(f"registratie.import_{import_.soort}"):
            return _klaar(
                import_,
                Telling(),
                0,
                door,
                melding=_("You may no longer import this kind of file; nothing was stored."),
            )
        return _voer_uit(import_, _lezer(import_.soort, bytes(inhoud)), door)
    except Exception:
        log.exception("import_onderbroken", import_id=import_id)
        import_.refresh_from_db()
        if import_.status == Import.Status.BEZIG:
            return _klaar(import_, Telling(), 0, door, melding=_("The import failed unexpectedly."))
        return import_
    finally:
        Importbestand.objects.filter(bestandsimport_id=import_id).delete()


def _controleer_recht(soort: str, door: Medewerker | None) -> None:
    if soort not in FORMATEN:
        raise ValueError(f"Onbekende importsoort {soort!r}.")
    if door is not None and not door.has_perm(f"registratie.import_{soort}"):
        raise PermissionDenied


def _lezer(soort: str, inhoud: bytes) -> Callable[[], Tabel]:
    """How the worker reads a queued import's stored content: rows (zet_rijen_in_wachtrij)
    or a file (zet_in_wachtrij)."""
    formaat = FORMATEN[soort]
    if inhoud.startswith(RIJEN_KOP):
        return lambda: lees_rijen(json.loads(inhoud[len(RIJEN_KOP) :]), formaat)
    return lambda: lees_bestand(io.BytesIO(inhoud), formaat)


def _organisatie(door: Medewerker | None) -> Organisatie | None:
    return door.organisatie if door is not None else None


def max_afwijzingen() -> int:
    return int(getattr(settings, "IMPORT_MAX_AFWIJZINGEN", 10_000))


def _voer_uit(import_: Import, lees: Callable[[], Tabel], door: Medewerker | None) -> Import:
    log.info("import_gestart", import_id=import_.pk, soort=import_.soort)
    try:
        tabel = lees()
    except Onleesbaar as fout:
        return _klaar(import_, Telling(), 0, door, melding=str(fout))
    return verwerk_rijen(import_, tabel, door)


def verwerk_rijen(import_: Import, tabel: Tabel, door: Medewerker | None) -> Import:
    """The row-level step that every import takes, whatever its rows came from (a file, the
    API's mappings): checks every row of `tabel` for the import's kind with the rights of
    `door` (None: the command line, everything), stores the valid rows and the rejected ones,
    holds the rows that wait for confirmation, and finishes `import_` as the report."""
    soort = import_.soort
    Import.objects.filter(pk=import_.pk).update(aantal_rijen=tabel.aantal)
    import_.aantal_rijen = tabel.aantal
    context = Context(import_, door)
    telling, afgewezen = Telling(), 0
    opmerkingen: dict[Any, list[int]] = {}
    try:
        if soort == "verzuim":
            telling, afgewezen = _verzuim(tabel, Bereik.van(door), context)
        else:
            telling, afgewezen = _rijgewijs(soort, tabel, Bereik.van(door), context, opmerkingen)
    except Exception:
        log.exception("import_onderbroken", import_id=import_.pk)
        import_.refresh_from_db(fields=["verwerkt"])
        return _klaar(
            import_,
            telling,
            afgewezen,
            door,
            melding=_(
                "The import stopped on an unexpected error after %(verwerkt)s rows. The rows of "
                "the batches before were stored; importing the same file again completes it."
            )
            % {"verwerkt": import_.verwerkt},
        )
    opmerking = " ".join(o.melding(rijen) for o, rijen in opmerkingen.items())
    return _klaar(import_, telling, afgewezen, door, opmerking=opmerking)


def _klaar(
    import_: Import,
    telling: Telling,
    afgewezen: int,
    door: Medewerker | None,
    melding: str = "",
    opmerking: str = "",
) -> Import:
    """`melding` says why the import failed; `opmerking` is a notice about stored rows (a row
    read at the successor of the ended municipality it named), shown in the same place."""
    import_.status = Import.Status.MISLUKT if melding else Import.Status.KLAAR
    if afgewezen > max_afwijzingen():
        melding = " ".join(
            m
            for m in (
                melding,
                _(
                    "%(afgewezen)s rows were rejected; only the first %(max)s are kept in the "
                    "report of rejected rows. Correct the cause (often one column or the wrong "
                    "file) and import the whole file again."
                )
                % {"afgewezen": _getal(afgewezen), "max": _getal(max_afwijzingen())},
            )
            if m
        )
    import_.melding = " ".join(m for m in (melding, opmerking) if m)
    import_.aantal_nieuw = telling.nieuw
    import_.aantal_bijgewerkt = telling.bijgewerkt
    import_.aantal_ongewijzigd = telling.ongewijzigd
    import_.aantal_wachtend = telling.wachtend
    import_.aantal_afgewezen = afgewezen
    import_.klaar_op = timezone.now()
    if not melding:
        import_.verwerkt = import_.aantal_rijen
    import_.save()
    if door is not None:
        log_inzage(
            gebruiker=door,
            handeling="aanmaken",
            bron="registratie:import",
            leerlingen=[],
            aantal=telling.nieuw + telling.bijgewerkt,
            reden=f"import {import_.soort} {import_.bestandsnaam}",
        )
    log.info(
        "import_klaar",
        import_id=import_.pk,
        status=import_.status,
        rijen=import_.aantal_rijen,
        nieuw=telling.nieuw,
        bijgewerkt=telling.bijgewerkt,
        ongewijzigd=telling.ongewijzigd,
        afgewezen=afgewezen,
    )
    return import_


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _binnen_grens(frame: pl.DataFrame, al_opgeslagen: int) -> pl.DataFrame:
    """The rejected rows that still fit under IMPORT_MAX_AFWIJZINGEN; the rest is counted, not
    stored (a file of half a million bad rows stores no half a million rejections)."""
    return frame.head(max(0, max_afwijzingen() - al_opgeslagen))


# --- the row-wise kinds ---------------------------------------------------------------------


def _rijgewijs(
    soort: str,
    tabel: Tabel,
    bereik: Bereik,
    context: Context,
    opmerkingen: dict[Any, list[int]],
) -> tuple[Telling, int]:
    """`opmerkingen` collects the notices of the stored rows (Kandidaat.opmerkingen), each
    with the rows that share it."""
    verwerker = RIJSOORTEN[soort](tabel.kolommen, bereik)
    gezien: dict[tuple[str, tuple[Any, ...]], tuple[int, tuple[Any, ...]]] = {}
    telling, afgewezen, verwerkt = Telling(), 0, 0
    for blok in tabel.rijen.iter_slices(BATCH):
        rijen = blok.to_dicts()
        gegevens = {r["_rij"]: {k: r[k] for k in tabel.kolommen} for r in rijen}
        kandidaten, afwijzingen = _lees_blok(verwerker, rijen, gezien)
        with transaction.atomic():
            deel, geweigerd = bewaar_kandidaten(verwerker, kandidaten, context)
            afwijzingen += [(k.rij, "", "", m_onverwacht()) for k in geweigerd]
            niet_bewaard = {id(k) for k in geweigerd}
            for k in kandidaten:
                if id(k) not in niet_bewaard:
                    for opmerking in k.opmerkingen:
                        opmerkingen.setdefault(opmerking, []).append(k.rij)
            frame = afwijzingen_frame([(*a, gegevens[a[0]]) for a in sorted(afwijzingen)])
            schrijf_afwijzingen(context.import_, _binnen_grens(frame, afgewezen))
            afgewezen += frame.height
            verwerkt += len(rijen)
            zet_voortgang(context.import_, verwerkt)
        telling += deel
    return telling, afgewezen


def _lees_blok(
    verwerker: Rijsoort,
    rijen: list[dict[str, Any]],
    gezien: dict[tuple[str, tuple[Any, ...]], tuple[int, tuple[Any, ...]]],
) -> tuple[list[Kandidaat], list[tuple[int, str, str, str]]]:
    kandidaten: list[Kandidaat] = []
    afwijzingen: list[tuple[int, str, str, str]] = []
    leesbaar = [r for r in rijen if r["_fout"] is None]
    try:
        verwerker.voorbereid(leesbaar)
    except Exception:
        log.exception("import_opzoeken_mislukt")
        leesbaar = []
    for rij in rijen:
        if rij["_fout"] is not None:
            afwijzingen.append((rij["_rij"], rij["_fout_veld"] or "", rij["_fout_waarde"] or "",
                                rij["_fout"]))  # fmt: skip
            continue
        try:
            if not leesbaar:
                raise RuntimeError("look-ups failed")
            kandidaat = verwerker.lees(rij)
            _controleer_uniek(kandidaat, gezien)
        except Afgewezen as fout:
            afwijzingen.append((rij["_rij"], *_samengevat(fout.problemen)))
        except Exception:
            log.exception("import_rij_mislukt", rij=rij["_rij"])
            afwijzingen.append((rij["_rij"], "", "", m_onverwacht()))
        else:
            kandidaten.append(kandidaat)
    return kandidaten, afwijzingen


def _controleer_uniek(
    kandidaat: Kandidaat,
    gezien: dict[tuple[str, tuple[Any, ...]], tuple[int, tuple[Any, ...]]],
) -> None:
    """The second of two identical rows is a duplicate; two rows with one key and different
    values contradict each other, so the second is rejected too."""
    handtekening = kandidaat.handtekening
    for label, sleutel in kandidaat.uniek:
        eerder = gezien.get((label, sleutel))
        if eerder is None:
            continue
        rij, eerdere_handtekening = eerder
        if eerdere_handtekening == handtekening:
            raise Afgewezen([Probleem("", "", m_dubbel() % {"rij": rij})])
        raise Afgewezen([Probleem("", "", m_zelfde_sleutel() % {"rij": rij, "sleutel": label})])
    for label, sleutel in kandidaat.uniek:
        gezien[(label, sleutel)] = (kandidaat.rij, handtekening)


def _samengevat(problemen: list[Probleem]) -> tuple[str, str, str]:
    velden = list(dict.fromkeys(p.veld for p in problemen if p.veld))
    waarden = [p.waarde for p in problemen if p.veld]
    return _kort(velden), "; ".join(waarden), " ".join(p.reden for p in problemen)


def _kort(velden: list[str], maximum: int = 100) -> str:
    """The field names that fit Afwijzing.veld; the reason names every one of them."""
    tekst = ", ".join(velden)
    while len(tekst) > maximum:
        velden = velden[:-1]
        tekst = ", ".join(velden) + ", …"
    return tekst


# --- absence --------------------------------------------------------------------------------


def _verzuim(tabel: Tabel, bereik: Bereik, context: Context) -> tuple[Telling, int]:
    uitslag = valideer_verzuim(tabel.rijen, bereik=bereik, bron=Database())
    kolommen = list(tabel.kolommen)
    afwijzingen = uitslag.afgewezen.select(
        pl.col("_rij").alias("rij"),
        "veld",
        "waarde",
        "reden",
        _als_json(kolommen),
    )
    with transaction.atomic():
        schrijf_afwijzingen(context.import_, _binnen_grens(afwijzingen, 0))
        afgewezen = afwijzingen.height
        zet_voortgang(context.import_, afgewezen)
    verwerkt = afgewezen

    def voortgang(rijen: int) -> None:
        nonlocal verwerkt
        verwerkt += rijen
        zet_voortgang(context.import_, verwerkt)

    telling, geweigerd = bewaar_verzuim(uitslag.goed, context, voortgang)
    if uitslag.goed.height:
        # later apps (signalering) react to the stored absence; the newest day of the file is
        # the peildatum of that reaction, never a day in the future
        verzuim_geimporteerd.send(
            sender=Import,
            import_=context.import_,
            leerling_ids=uitslag.goed["leerling_id"].unique().to_list(),
            peildatum=min(uitslag.goed["datum"].max(), timezone.localdate()),  # type: ignore[type-var]
        )
    if geweigerd.height:
        rijen = geweigerd.select(pl.col("_rijen").alias("_rij")).explode("_rij")
        frame = (
            tabel.rijen.join(rijen, on="_rij", how="semi")
            .select(
                pl.col("_rij").alias("rij"),
                pl.lit("").alias("veld"),
                pl.lit("").alias("waarde"),
                pl.lit(m_onverwacht()).alias("reden"),
                _als_json(kolommen),
            )
            .sort("rij")
        )
        with transaction.atomic():
            schrijf_afwijzingen(context.import_, _binnen_grens(frame, afgewezen))
            afgewezen += frame.height
    return telling, afgewezen


def _als_json(kolommen: list[str]) -> pl.Expr:
    if not kolommen:
        return pl.lit("{}").alias("gegevens")
    return pl.struct(kolommen).struct.json_encode().alias("gegevens")
