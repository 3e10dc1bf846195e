# SPDX-License-Identifier: EUPL-1.2
"""Writes of signals: storing the engine's outcome, marking seen, handling. Each service owns
its transaction and writes the signal's history (SignaalGebeurtenis) in it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

import polars as pl

from binnenboord.kern import signalen as kern
from binnenboord.registratie.models import Leerling
from binnenboord.toegang.models import Medewerker

from ..drempels import drempels_per_gemeente
from ..gegevens import Bereik, lees_gegevens, periode
from ..models import Signaal, SignaalGebeurtenis

# The fields the engine decides; a change in any of them updates a stored open signal.
ENGINE_VELDEN = ("datum", "einddatum", "school_id", "van", "tot", "minuten", "dagen", "uitleg")
# One key for PostgreSQL's advisory lock: storage runs (nightly and incremental) one at a time,
# so two runs never create the same episode at once.
SLOT_SIGNALEN = 0x5167_4E41


@dataclass
class Telling:
    """What a storage run did. `nieuw` includes episodes already over when first found
    (stored closed); `gesloten` counts signals that were open and are closed now."""

    nieuw: int = 0
    bijgewerkt: int = 0
    gesloten: int = 0
    heropend: int = 0
    ongewijzigd: int = 0

    def als_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def signaleer(*, bereik: Bereik, peildatum: date, drempels: kern.Drempels | None = None) -> Telling:
    """Run every rule for the pupils in `bereik` on `peildatum` and store the outcome."""
    gegevens = lees_gegevens(bereik=bereik, peildatum=peildatum)
    if drempels is not None:
        uitkomst = kern.signaleer(gegevens, peildatum, drempels)
    else:
        uitkomst = _per_gemeente(gegevens, peildatum)
    return sla_signalen_op(uitkomst=uitkomst, peildatum=peildatum, bereik=bereik)


def _per_gemeente(gegevens: kern.Gegevens, peildatum: date) -> pl.DataFrame:
    """One engine run per set of thresholds: the pupils of each municipality with its own
    thresholds (settings.SIGNAAL_DREMPELS), and everyone else with docs/domein.md's."""
    per_gemeente = drempels_per_gemeente()
    if not per_gemeente:
        return kern.signaleer(gegevens, peildatum, kern.STANDAARD)
    woont = pl.DataFrame(
        list(
            Leerling.objects.filter(woongemeente__code__in=sorted(per_gemeente)).values_list(
                "pk", "woongemeente__code"
            )
        ),
        schema={"leerling_id": pl.Int64, "code": pl.Utf8},
        orient="row",
    ).join(gegevens.leerlingen.select("leerling_id"), on="leerling_id", how="semi")
    delen = []
    for code, eigen in per_gemeente.items():
        ids = woont.filter(pl.col("code") == code)["leerling_id"]
        delen.append(kern.signaleer(_alleen(gegevens, ids, wel=True), peildatum, eigen))
    overig = _alleen(gegevens, woont["leerling_id"], wel=False)
    delen.append(kern.signaleer(overig, peildatum, kern.STANDAARD))
    return pl.concat(delen).sort("leerling_id", "soort", "begindatum")


def _alleen(gegevens: kern.Gegevens, ids: pl.Series, *, wel: bool) -> kern.Gegevens:
    """The tables of the pupils in `ids` (wel) or of the others."""

    def deel(frame: pl.DataFrame) -> pl.DataFrame:
        binnen = pl.col("leerling_id").is_in(ids.implode())
        return frame.filter(binnen if wel else ~binnen)

    return dataclasses.replace(
        gegevens,
        leerlingen=deel(gegevens.leerlingen),
        inschrijvingen=deel(gegevens.inschrijvingen),
        vrijstellingen=deel(gegevens.vrijstellingen),
        verzuim=deel(gegevens.verzuim),
    )


def signaleer_leerlingen(leerling_ids: Iterable[int], peildatum: date) -> Telling:
    """The incremental run after an absence import: only these pupils."""
    return signaleer(bereik=Bereik.voor_leerlingen(leerling_ids), peildatum=peildatum)


def _systeemtekst(tekst: str, **waarden: Any) -> str:
    """History written by the system is stored in the default language, whoever triggers it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(tekst) % waarden


@transaction.atomic
def sla_signalen_op(
    *,
    uitkomst: pl.DataFrame,
    peildatum: date,
    bereik: Bereik,
) -> Telling:
    """Store the engine's outcome for `bereik` on `peildatum`, idempotently.

    New episodes are created (closed at once when the situation was already over); stored
    open ones are updated when the engine's figures changed and closed when their einddatum
    is set; an open situation signal of the scope that the engine no longer reports is closed
    too (event signals stay open until a person handles them); a closed situation signal that
    is reported as ongoing again is reopened. Handled signals are left alone, and so is
    everything outside the scope."""
    _vergrendel()
    telling = Telling()
    van, tot = periode(peildatum)
    in_bereik = bereik.leerling_filter(van=van, tot=tot)
    uitkomst = _binnen_bereik(uitkomst.cast(kern.SIGNAAL_SCHEMA), bereik, van, tot)

    bestaand = _bestaande(in_bereik, uitkomst)
    nieuw: list[Signaal] = []
    gewijzigd: list[Signaal] = []
    gebeurtenissen: list[SignaalGebeurtenis] = []
    gezien: set[tuple[int, str, date]] = set()

    for rij in uitkomst.iter_rows(named=True):
        sleutel = (rij["leerling_id"], rij["soort"], rij["begindatum"])
        gezien.add(sleutel)
        voorbij = rij["soort"] not in kern.GEBEURTENISSEN and rij["einddatum"] is not None
        signaal = bestaand.get(sleutel)
        if signaal is None:
            signaal = Signaal(
                leerling_id=rij["leerling_id"],
                soort=rij["soort"],
                begindatum=rij["begindatum"],
                status=Signaal.Status.GESLOTEN if voorbij else Signaal.Status.OPEN,
                **_engine_waarden(rij),
            )
            nieuw.append(signaal)
            telling.nieuw += 1
            continue
        if signaal.status == Signaal.Status.AFGEHANDELD:
            telling.ongewijzigd += 1
            continue
        veranderd = _neem_over(signaal, rij)
        if signaal.status == Signaal.Status.OPEN and voorbij:
            signaal.status = Signaal.Status.GESLOTEN
            gebeurtenissen.append(_gesloten(signaal))
            telling.gesloten += 1
        elif signaal.status == Signaal.Status.GESLOTEN and not voorbij:
            signaal.status = Signaal.Status.OPEN
            gebeurtenissen.append(
                SignaalGebeurtenis(
                    signaal=signaal,
                    soort=SignaalGebeurtenis.Soort.HEROPEND,
                    toelichting=_systeemtekst(
                        gettext_noop("Found again by the calculation on %(peildatum)s."),
                        peildatum=f"{peildatum:%d-%m-%Y}",
                    ),
                )
            )
            telling.heropend += 1
        elif veranderd:
            telling.bijgewerkt += 1
        else:
            telling.ongewijzigd += 1
            continue
        gewijzigd.append(signaal)

    # Open situation signals of the scope the engine no longer finds: the situation is over.
    # Signals found after the peildatum are left alone (a replay of an earlier date).
    for sleutel, signaal in bestaand.items():
        if (
            sleutel not in gezien
            and signaal.status == Signaal.Status.OPEN
            and signaal.soort not in kern.GEBEURTENISSEN
            and signaal.datum <= peildatum
        ):
            signaal.status = Signaal.Status.GESLOTEN
            gebeurtenissen.append(
                SignaalGebeurtenis(
                    signaal=signaal,
                    soort=SignaalGebeurtenis.Soort.GESLOTEN,
                    toelichting=_systeemtekst(
                        gettext_noop("No longer found by the calculation on %(peildatum)s."),
                        peildatum=f"{peildatum:%d-%m-%Y}",
                    ),
                )
            )
            gewijzigd.append(signaal)
            telling.gesloten += 1

    Signaal.objects.bulk_create(nieuw, batch_size=1000)
    for signaal in nieuw:
        gebeurtenissen.append(
            SignaalGebeurtenis(signaal=signaal, soort=SignaalGebeurtenis.Soort.AANGEMAAKT)
        )
        if signaal.status == Signaal.Status.GESLOTEN:
            gebeurtenissen.append(_gesloten(signaal))
    Signaal.objects.bulk_update(
        gewijzigd, [v.removesuffix("_id") for v in ENGINE_VELDEN] + ["status"], batch_size=500
    )
    SignaalGebeurtenis.objects.bulk_create(gebeurtenissen, batch_size=1000)
    return telling


def _vergrendel() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SLOT_SIGNALEN])


def _binnen_bereik(uitkomst: pl.DataFrame, bereik: Bereik, van: date, tot: date) -> pl.DataFrame:
    """Only rows of pupils in scope: a run never writes outside its scope."""
    if bereik.leerling_ids is None and bereik.gemeente is None:
        return uitkomst
    ids = uitkomst["leerling_id"].unique().to_list()
    binnen = list(
        bereik.leerlingen(van=van, tot=tot).filter(pk__in=ids).values_list("pk", flat=True)
    )
    return uitkomst.filter(pl.col("leerling_id").is_in(binnen))


def _bestaande(in_bereik: Q, uitkomst: pl.DataFrame) -> dict[tuple[int, str, date], Signaal]:
    """The stored signals the outcome could touch: every open one in scope, and every one whose
    episode starts no earlier than the earliest episode in the outcome. One query."""
    filter_ = Q(status=Signaal.Status.OPEN)
    if uitkomst.height:
        filter_ |= Q(begindatum__gte=uitkomst["begindatum"].min())
    return {
        (s.leerling_id, s.soort, s.begindatum): s
        for s in Signaal.objects.filter(in_bereik).filter(filter_).order_by()
    }


def _engine_waarden(rij: dict[str, Any]) -> dict[str, Any]:
    waarden = {veld: rij[veld] for veld in ENGINE_VELDEN}
    waarden["minuten"] = waarden["minuten"] or 0
    waarden["dagen"] = waarden["dagen"] or 0
    waarden["uitleg"] = waarden["uitleg"] or ""
    return waarden


def _neem_over(signaal: Signaal, rij: dict[str, Any]) -> bool:
    """Copy the engine's figures onto `signaal`; True when anything changed."""
    veranderd = False
    for veld, waarde in _engine_waarden(rij).items():
        if getattr(signaal, veld) != waarde:
            setattr(signaal, veld, waarde)
            veranderd = True
    return veranderd


def _gesloten(signaal: Signaal) -> SignaalGebeurtenis:
    if signaal.einddatum is None:
        toelichting = ""
    else:
        toelichting = _systeemtekst(
            gettext_noop("Situation ended on %(einddatum)s."),
            einddatum=f"{signaal.einddatum:%d-%m-%Y}",
        )
    return SignaalGebeurtenis(
        signaal=signaal, soort=SignaalGebeurtenis.Soort.GESLOTEN, toelichting=toelichting
    )


@transaction.atomic
def markeer_gezien(*, signalen: QuerySet[Signaal], door: Medewerker) -> int:
    """Mark the open, not yet seen signals among `signalen` as seen by `door`; the number
    marked. `signalen` must already be scoped to what `door` may handle."""
    ids = list(
        signalen.filter(status=Signaal.Status.OPEN, gezien_door__isnull=True)
        .select_for_update()
        .order_by()
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    Signaal.objects.filter(pk__in=ids).update(gezien_door=door, gezien_op=timezone.now())
    SignaalGebeurtenis.objects.bulk_create(
        SignaalGebeurtenis(signaal_id=pk, soort=SignaalGebeurtenis.Soort.GEZIEN, wie=door)
        for pk in ids
    )
    return len(ids)


class SignaalNietOpen(ValueError):
    """Only an open signal can be handled."""


AFHANDELING_GEBEURTENIS = {
    Signaal.Afhandeling.MELDING: SignaalGebeurtenis.Soort.MELDING_GEMAAKT,
    Signaal.Afhandeling.CASUS: SignaalGebeurtenis.Soort.CASUS_GEMAAKT,
    Signaal.Afhandeling.AFGEWEZEN: SignaalGebeurtenis.Soort.AFGEWEZEN,
    Signaal.Afhandeling.GEKOPPELD: SignaalGebeurtenis.Soort.GEKOPPELD,
}


@transaction.atomic
def handel_af(*, signaal: Signaal, door: Medewerker, afhandeling: str, reden: str = "") -> Signaal:
    """Close an open signal by a person's decision: turned into a melding or casus, or
    attached to the pupil's open case (called by the app that creates those: regie), or
    dismissed, which needs a reason."""
    reden = reden.strip()
    if afhandeling == Signaal.Afhandeling.AFGEWEZEN and not reden:
        raise ValueError("Een afwijzing heeft een reden nodig.")
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if signaal.status != Signaal.Status.OPEN:
        raise SignaalNietOpen("Alleen een open signaal kan worden afgehandeld.")
    signaal.status = Signaal.Status.AFGEHANDELD
    signaal.afhandeling = afhandeling
    signaal.afgehandeld_door = door
    signaal.afgehandeld_op = timezone.now()
    signaal.reden = reden
    signaal.save(
        update_fields=["status", "afhandeling", "afgehandeld_door", "afgehandeld_op", "reden"]
    )
    SignaalGebeurtenis.objects.create(
        signaal=signaal,
        soort=AFHANDELING_GEBEURTENIS[Signaal.Afhandeling(afhandeling)],
        wie=door,
        toelichting=reden,
    )
    return signaal


def wijs_af(*, signaal: Signaal, door: Medewerker, reden: str) -> Signaal:
    """Dismiss an open signal with a (required) reason."""
    return handel_af(
        signaal=signaal, door=door, afhandeling=Signaal.Afhandeling.AFGEWEZEN, reden=reden
    )
