# SPDX-License-Identifier: EUPL-1.2
"""The four row-wise import kinds: schools, pupils, enrolments and exemptions. Each looks up
what a batch of rows refers to (opzoeken, a few queries per batch), then reads each row into a
Kandidaat to store, or rejects it with every problem it has (rijcontroles.Afgewezen, with the
reasons of meldingen). A valid row that this importer may not apply waits for the
organisation that has the pupil (Wacht): a reported move, or an enrolment that would open a
file (bereik.reden_om_te_wachten)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from binnenboord.registratie.models import (
    GEOORLOOFDE_SOORTEN,
    VERZUIMSOORTEN,
    Inschrijving,
    InschrijvingTerBevestiging,
    Leerling,
    Regio,
    School,
    Verhuismelding,
    Verzuimcode,
    Vrijstelling,
)
from binnenboord.toegang.gemeenten import m_gemeente_gesplitst
from binnenboord.toegang.models import Gemeente

from .bereik import Bereik, reden_om_te_wachten
from .kolommen import OUDERVELDNAMEN
from .meldingen import (
    m_artikel,
    m_brin,
    m_bsn,
    m_bsn_of_onderwijsnummer,
    m_code_buiten_bereik,
    m_eerder_afgewezen,
    m_email,
    m_gemeente_buiten_bereik,
    m_geoorloofd_tegen_soort,
    m_ja_nee,
    m_minuten_bereik,
    m_niet_eigen_school,
    m_onbekende_gemeente,
    m_onbekende_leerling,
    m_onbekende_school,
    m_onderwijsnummer,
    m_onderwijsnummer_bezet,
    m_postcode,
    m_regio,
    m_school_buiten_bereik,
    m_schoolsoort,
    m_soort_of_geoorloofd,
    m_te_lang,
    m_verhuizing_afgewezen,
    m_verplicht,
    m_verzuimsoort,
    sleutel_inschrijving,
    sleutel_onderwijsnummer,
    sleutel_school,
    sleutel_verzuimcode,
    sleutel_vrijstelling,
)
from .normaliseren import (
    als_json,
    geldig_email,
    geldige_brin,
    normaliseer_bsn,
    normaliseer_onderwijsnummer,
    normaliseer_postcode,
    normaliseer_vestiging,
)
from .opzoeken import (
    Gemeenten,
    Scholenlijst,
    afgewezen_inschrijvingen,
    afgewezen_verhuizingen,
    bediende_gemeenten,
    inschrijvingen_van,
    leerlingen_met,
    scholen_met_brin,
    verzuimcodes_van,
    vrijstellingen_van,
)
from .rijcontroles import VERHUIZING, Controle, Kandidaat, Rijsoort, Wacht

SCHOOLSOORTEN = tuple(School.Soort.values)
REGIO_S = tuple(Regio.values)
ARTIKELEN = tuple(Vrijstelling.Artikel.values)


def _gemeente(c: Controle, veld: str, gemeenten: Gemeenten, bereik: Bereik) -> int | None:
    waarde = c.verplicht(veld)
    if waarde is None:
        return None
    vondst = gemeenten.vind(waarde)
    if vondst is None:
        c.fout(veld, m_onbekende_gemeente() % {"waarde": waarde})
        return None
    if vondst.pk is None:
        c.fout(veld, m_gemeente_gesplitst() % {"gemeente": vondst.gesplitst})
        return None
    pk = vondst.pk
    if vondst.opgevolgd is not None:
        c.opmerkingen.append(vondst.opgevolgd)
    if not bereik.gemeente(pk):
        c.fout(veld, m_gemeente_buiten_bereik() % {"gemeente": gemeenten.naam[pk]})
        return None
    return pk


class Scholen(Rijsoort):
    model = School

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        super().__init__(kolommen, bereik)
        self.gemeenten = Gemeenten()
        self.bestaand: dict[tuple[str, str], School] = {}
        # a row without a region gets its municipality's (Gemeente.regio, binnenboord inrichten)
        self.regio_van_gemeente = dict(
            Gemeente.objects.exclude(regio="").values_list("pk", "regio")
        )

    def voorbereid(self, rijen: list[dict[str, Any]]) -> None:
        self.bestaand = scholen_met_brin((r.get("brin") or "").upper() for r in rijen)

    def lees(self, rij: dict[str, Any]) -> Kandidaat:
        c = Controle(rij)
        sleutel = c.school()
        if sleutel and not geldige_brin(sleutel[0]):
            c.fout("brin", m_brin() % {"waarde": rij.get("brin")})
        naam = c.tekst("naam", 200, verplicht=True)
        soort = c.keuze("soort", SCHOOLSOORTEN, m_schoolsoort(), klein=False)
        gemeente = _gemeente(c, "gemeente", self.gemeenten, self.bereik)
        if not (rij.get("regio") or "").strip() and gemeente in self.regio_van_gemeente:
            regio = self.regio_van_gemeente[gemeente]
        else:
            regio = c.keuze("regio", REGIO_S, m_regio())
        bestaand = self.bestaand.get(sleutel) if sleutel else None
        if bestaand is not None and not self.bereik.gemeente(bestaand.gemeente_id):
            # the stored school, not the row, says whose it is: no import takes a school (its
            # name, municipality or holiday region) from the municipality it belongs to
            plaats = self.gemeenten.naam[bestaand.gemeente_id]
            c.fout("brin", m_school_buiten_bereik() % {"school": bestaand.naam, "gemeente": plaats})
        lengtes = {
            veld: minuten
            for kolom, veld, grens in SCHOOLLENGTES
            if kolom in self.kolommen and (minuten := _minuten(c, kolom, grens)) is not None
        }
        c.klaar()
        assert sleutel is not None
        brin, vestiging = sleutel
        return Kandidaat(
            rij=rij["_rij"],
            sleutel={"brin": brin, "vestiging": vestiging},
            waarden={
                "naam": naam,
                "soort": soort,
                "gemeente_id": gemeente,
                "regio": regio,
                **lengtes,
            },
            bestaand=bestaand,
            uniek=[(sleutel_school(), sleutel)],
            opmerkingen=c.opmerkingen,
        )


SCHOOLLENGTES = (
    ("daglengte", "daglengte_minuten", 720),
    ("lesuur", "lesuur_minuten", 240),
)
"""The optional columns of the schools import that set a school's day and lesson length: the
column, the School field and the largest value (in minutes). An empty cell keeps the stored
length (a new school gets 300 and 50)."""


def _minuten(c: Controle, kolom: str, grens: int) -> int | None:
    waarde = (c.rij.get(kolom) or "").strip()
    if not waarde:
        return None
    if not waarde.isdigit() or not 1 <= int(waarde) <= grens:
        c.fout(kolom, m_minuten_bereik() % {"veld": kolom, "min": 1, "max": grens,
                                           "waarde": waarde})  # fmt: skip
        return None
    return int(waarde)


class Verzuimcodes(Rijsoort):
    """A school's own absence codes, each mapped to one of Binnenboord's kinds. Key: school and
    code (case does not matter), so a re-import updates a code and never adds it twice. A
    school sets only its own codes: the school the row names and the school of the stored code
    must both be the importer's: the stored code is looked up by the row's school (the key),
    so the check of the row's school is the check of the stored one."""

    model = Verzuimcode

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        super().__init__(kolommen, bereik)
        self.scholen = Scholenlijst()
        self.bestaand: dict[tuple[int, str], Verzuimcode] = {}

    def voorbereid(self, rijen: list[dict[str, Any]]) -> None:
        school_ids = {
            s.pk
            for r in rijen
            if (s := self.scholen.per_sleutel.get(
                ((r.get("brin") or "").upper(), normaliseer_vestiging(r.get("vestiging")) or "")
            ))
        }  # fmt: skip
        self.bestaand = {(v.school_id, v.code.casefold()): v for v in verzuimcodes_van(school_ids)}

    def lees(self, rij: dict[str, Any]) -> Kandidaat:
        c = Controle(rij)
        sleutel = c.school()
        school = self.scholen.per_sleutel.get(sleutel) if sleutel else None
        if sleutel and school is None:
            c.fout("brin", m_onbekende_school() % {"brin": sleutel[0], "vestiging": sleutel[1]})
        elif school is not None and not self.bereik.school(school.organisatie_id):
            naam = f"{school.naam} ({school.brin}{school.vestiging})"
            c.fout("brin", m_code_buiten_bereik() % {"school": naam})
        code = c.tekst("code", 50, verplicht=True)
        omschrijving = c.tekst("omschrijving", 200) or ""
        soort = self._soort(c)
        # the stored code is found by the row's school: it is of the school checked above
        bestaand = self.bestaand.get((school.pk, code.casefold())) if school and code else None
        c.klaar()
        assert school is not None and code is not None and soort is not None
        return Kandidaat(
            rij=rij["_rij"],
            sleutel={"school_id": school.pk},
            waarden={
                "code": code,
                "soort": soort,
                "geoorloofd": soort in GEOORLOOFDE_SOORTEN,
                "omschrijving": omschrijving,
            },
            bestaand=bestaand,
            uniek=[(sleutel_verzuimcode(), (school.pk, code.casefold()))],
        )

    def _soort(self, c: Controle) -> str | None:
        """The kind from `soort`, or from `geoorloofd` alone (ja: geoorloofd, nee:
        ongeoorloofd); both given must agree."""
        soort = (c.rij.get("soort") or "").strip().lower()
        geoorloofd = (c.rij.get("geoorloofd") or "").strip().lower()
        if not soort and not geoorloofd:
            c.fout("soort", m_soort_of_geoorloofd())
            return None
        if geoorloofd and geoorloofd not in ("ja", "nee"):
            c.fout("geoorloofd", m_ja_nee() % {"waarde": c.rij.get("geoorloofd")})
            return None
        if not soort:
            return "geoorloofd" if geoorloofd == "ja" else "ongeoorloofd"
        if soort not in VERZUIMSOORTEN:
            c.fout("soort", m_verzuimsoort() % {"waarde": c.rij.get("soort")})
            return None
        if geoorloofd and (geoorloofd == "ja") != (soort in GEOORLOOFDE_SOORTEN):
            c.fout("geoorloofd", m_geoorloofd_tegen_soort() % {"waarde": geoorloofd,
                                                               "soort": soort})  # fmt: skip
            return None
        return soort


class _MetLeerling(Rijsoort):
    """A kind whose rows name a pupil by BSN (or, without one, by education number)."""

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        super().__init__(kolommen, bereik)
        self.leerlingen: dict[tuple[str, str], Leerling] = {}

    def _haal_leerlingen(self, rijen: list[dict[str, Any]]) -> list[Leerling]:
        bsns = [b for r in rijen if r.get("bsn") and (b := normaliseer_bsn(r["bsn"]))]
        onrs = [
            o
            for r in rijen
            if r.get("onderwijsnummer") and (o := normaliseer_onderwijsnummer(r["onderwijsnummer"]))
        ]
        gevonden = leerlingen_met(bsns, onrs)
        self.leerlingen = {}
        for leerling in gevonden:
            if leerling.bsn:
                self.leerlingen[("bsn", leerling.bsn)] = leerling
            if leerling.onderwijsnummer:
                self.leerlingen[("onderwijsnummer", leerling.onderwijsnummer)] = leerling
        return gevonden

    def bekend(self, leerling: Leerling) -> bool:
        """Whether this importer may name the stored pupil at all. A pupil outside its reach
        gets exactly the answer an unknown BSN gets: the import is no oracle for whether a BSN
        is a pupil somewhere."""
        return True

    def leerling(self, c: Controle) -> Leerling | None:
        identiteit = c.identiteit()
        if identiteit is None:
            return None
        leerling = self.leerlingen.get(identiteit)
        if leerling is not None and not self.bekend(leerling):
            leerling = None
        if leerling is None:
            veld = "bsn" if identiteit[0] == "bsn" else "onderwijsnummer"
            c.fout(
                veld,
                m_onbekende_leerling()
                % {"veld": "BSN" if veld == "bsn" else veld, "waarde": identiteit[1]},
            )
        return leerling


class Inschrijvingen(_MetLeerling):
    model = Inschrijving

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        super().__init__(kolommen, bereik)
        self.scholen = Scholenlijst()
        self.bestaand: dict[tuple[int, int, date], Inschrijving] = {}
        self.per_leerling: dict[int, list[Inschrijving]] = {}
        self.afgewezen: dict[tuple[Any, ...], InschrijvingTerBevestiging] = {}

    def voorbereid(self, rijen: list[dict[str, Any]]) -> None:
        leerlingen = self._haal_leerlingen(rijen)
        self.bestaand = {
            (i.leerling_id, i.school_id, i.begindatum): i for i in inschrijvingen_van(leerlingen)
        }
        self.per_leerling = {}
        for inschrijving in self.bestaand.values():
            self.per_leerling.setdefault(inschrijving.leerling_id, []).append(inschrijving)
        self.afgewezen = {
            (v.leerling_id, v.school_id, v.begindatum, v.einddatum): v
            for v in afgewezen_inschrijvingen(leerlingen)
        }

    def wacht(
        self,
        leerling: Leerling,
        school: School,
        begin: date,
        eind: date | None,
        bestaand: Inschrijving | None,
    ) -> Wacht | None:
        """Why this row must wait for Leerplicht; the command line keeps full rights."""
        if self.bereik.alles:
            return None
        reden = reden_om_te_wachten(
            school_id=school.pk,
            begin=begin,
            eind=eind,
            bestaand=bestaand,
            andere=self.per_leerling.get(leerling.pk, []),
            vandaag=timezone.localdate(),
        )
        return None if reden is None else Wacht(reden)

    def lees(self, rij: dict[str, Any]) -> Kandidaat:
        c = Controle(rij)
        identiteit = c.identiteit()
        leerling = self.leerlingen.get(identiteit) if identiteit else None
        if (
            leerling is None
            and identiteit
            and identiteit[0] == "bsn"
            and rij.get("onderwijsnummer")
        ):
            # a pupil known only by education number, sent with a BSN Binnenboord lacks yet
            onr = normaliseer_onderwijsnummer(rij["onderwijsnummer"])
            leerling = self.leerlingen.get(("onderwijsnummer", onr)) if onr else None
        if identiteit is not None and leerling is None and self.bereik.alles:
            # the command line (a first load) hears it; a school's row waits instead (below)
            veld = "bsn" if identiteit[0] == "bsn" else "onderwijsnummer"
            c.fout(veld, m_onbekende_leerling() % {"veld": "BSN" if veld == "bsn" else veld,
                                                    "waarde": identiteit[1]})  # fmt: skip
        sleutel = c.school()
        school = self.scholen.per_sleutel.get(sleutel) if sleutel else None
        if sleutel and school is None:
            c.fout("brin", m_onbekende_school() % {"brin": sleutel[0], "vestiging": sleutel[1]})
        elif school is not None and not self.bereik.school(school.organisatie_id):
            c.fout("brin", m_niet_eigen_school() % {"school": school.naam})
        begin = c.datum("begindatum")
        eind = c.datum("einddatum", verplicht=False)
        c.periode(begin, eind)
        c.klaar()
        assert identiteit is not None and school is not None and begin is not None
        tekst = f"{identiteit[0]}:{identiteit[1]}"
        if leerling is None:
            # No pupil has this BSN (yet): the row waits until Leerplicht imports the pupil,
            # exactly as a row about somebody else's pupil waits; the school cannot tell which.
            return Kandidaat(
                rij=rij["_rij"],
                sleutel={"school_id": school.pk, "begindatum": begin},
                waarden={"einddatum": eind},
                bestaand=None,
                uniek=[(sleutel_inschrijving(), (tekst, school.pk, begin))],
                wacht=Wacht(InschrijvingTerBevestiging.Reden.ONBEKEND, identiteit=tekst),
            )
        sleutelwaarden = (leerling.pk, school.pk, begin)
        bestaand = self.bestaand.get(sleutelwaarden)
        wacht = self.wacht(leerling, school, begin, eind, bestaand)
        if wacht is not None:
            wacht = Wacht(wacht.reden, identiteit=tekst)
        if wacht is not None and (vorige := self.afgewezen.get((*sleutelwaarden, eind))):
            c.fout("begindatum", m_eerder_afgewezen() % {
                "datum": f"{vorige.behandeld_op:%d-%m-%Y}" if vorige.behandeld_op else "",
                "toelichting": vorige.toelichting,
            })  # fmt: skip
            c.klaar()
        return Kandidaat(
            rij=rij["_rij"],
            sleutel={"leerling_id": leerling.pk, "school_id": school.pk, "begindatum": begin},
            waarden={"einddatum": eind},
            bestaand=bestaand,
            uniek=[(sleutel_inschrijving(), sleutelwaarden)],
            wacht=wacht,
        )


class Vrijstellingen(_MetLeerling):
    model = Vrijstelling

    def bekend(self, leerling: Leerling) -> bool:
        return self.bereik.gemeente(leerling.woongemeente_id)

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        super().__init__(kolommen, bereik)
        self.bestaand: dict[tuple[int, str, date], Vrijstelling] = {}

    def voorbereid(self, rijen: list[dict[str, Any]]) -> None:
        leerlingen = self._haal_leerlingen(rijen)
        self.bestaand = {
            (v.leerling_id, v.artikel, v.begindatum): v for v in vrijstellingen_van(leerlingen)
        }

    def lees(self, rij: dict[str, Any]) -> Kandidaat:
        c = Controle(rij)
        leerling = self.leerling(c)
        artikel = c.keuze("artikel", ARTIKELEN, m_artikel())
        begin = c.datum("begindatum")
        eind = c.datum("einddatum", verplicht=False)
        c.periode(begin, eind)
        c.klaar()
        assert leerling is not None and begin is not None
        sleutelwaarden = (leerling.pk, artikel, begin)
        return Kandidaat(
            rij=rij["_rij"],
            sleutel={"leerling_id": leerling.pk, "artikel": artikel, "begindatum": begin},
            waarden={"einddatum": eind},
            bestaand=self.bestaand.get(sleutelwaarden),
            uniek=[(sleutel_vrijstelling(), sleutelwaarden)],
        )


ADRESVELDEN = {"tussenvoegsel": 20, "straat": 200, "huisnummer": 20, "woonplaats": 100}


class Leerlingen(_MetLeerling):
    model = Leerling

    def __init__(self, kolommen: tuple[str, ...], bereik: Bereik) -> None:
        super().__init__(kolommen, bereik)
        self.gemeenten = Gemeenten()
        self.bediend = bediende_gemeenten()
        self.afgewezen: dict[tuple[int, int], list[Verhuismelding]] = {}

    def voorbereid(self, rijen: list[dict[str, Any]]) -> None:
        leerlingen = self._haal_leerlingen(rijen)
        self.afgewezen = {}
        for melding in afgewezen_verhuizingen(leerlingen):
            sleutel = (melding.leerling_id, melding.naar_gemeente_id)
            self.afgewezen.setdefault(sleutel, []).append(melding)

    def verhuizing(
        self, c: Controle, bestaand: Leerling | None, waarden: dict[str, Any]
    ) -> Wacht | None:
        """A stored pupil outside this importer's reach is never changed by its import. When
        the row says the pupil now lives in one of the importer's municipalities, the row is a
        reported move (verhuismelding) that the pupil's current Leerplicht confirms; a pupil of
        a municipality no Leerplicht organisation serves simply moves."""
        if bestaand is None or self.bereik.gemeente(bestaand.woongemeente_id):
            return None
        if bestaand.woongemeente_id not in self.bediend:
            return None
        for vorige in self.afgewezen.get((bestaand.pk, waarden["woongemeente_id"]), []):
            if vorige.gegevens.get("waarden") == als_json(waarden):
                c.fout("woongemeente", m_verhuizing_afgewezen() % {
                    "datum": f"{vorige.behandeld_op:%d-%m-%Y}" if vorige.behandeld_op else "",
                    "toelichting": vorige.toelichting,
                })  # fmt: skip
        return Wacht(VERHUIZING, van_gemeente_id=bestaand.woongemeente_id)

    def lees(self, rij: dict[str, Any]) -> Kandidaat:
        c = Controle(rij)
        bsn = None
        if rij.get("bsn"):
            bsn = normaliseer_bsn(rij["bsn"])
            if bsn is None:
                c.fout("bsn", m_bsn() % {"waarde": rij["bsn"]})
        onr = None
        if rij.get("onderwijsnummer"):
            onr = normaliseer_onderwijsnummer(rij["onderwijsnummer"])
            if onr is None:
                c.fout("onderwijsnummer", m_onderwijsnummer() % {"waarde": rij["onderwijsnummer"]})
        if not rij.get("bsn") and not rij.get("onderwijsnummer"):
            c.fout("bsn", m_bsn_of_onderwijsnummer())
        waarden: dict[str, Any] = {
            "voornamen": c.tekst("voornamen", 200, verplicht=True),
            "achternaam": c.tekst("achternaam", 200, verplicht=True),
            "geboortedatum": c.datum("geboortedatum"),
            "woongemeente_id": _gemeente(c, "woongemeente", self.gemeenten, self.bereik),
        }
        for veld, lengte in ADRESVELDEN.items():
            if veld in self.kolommen:
                waarden[veld] = c.tekst(veld, lengte) or ""
        if "postcode" in self.kolommen:
            waarden["postcode"] = self._postcode(c)
        if "adres_afgeschermd" in self.kolommen:
            self._afgeschermd(c, waarden)
        ouders = [o for n in (1, 2) if (o := self._ouder(c, n))]
        bestaand = self._bestaand(c, bsn, onr)
        c.klaar()
        if bsn:
            waarden["bsn"] = bsn
        if onr:
            waarden["onderwijsnummer"] = onr
        wacht = self.verhuizing(c, bestaand, waarden)
        c.klaar()
        uniek: list[tuple[str, tuple[Any, ...]]] = []
        if bsn:
            uniek.append(("BSN", (bsn,)))
        if onr:
            uniek.append((sleutel_onderwijsnummer(), (onr,)))
        sleutel = {"bsn": bsn} if bsn else {"onderwijsnummer": onr}
        return Kandidaat(
            rij=rij["_rij"],
            sleutel=sleutel,
            waarden=waarden,
            bestaand=bestaand,
            uniek=uniek,
            ouders=ouders,
            wacht=wacht,
            opmerkingen=c.opmerkingen,
        )

    def _bestaand(self, c: Controle, bsn: str | None, onr: str | None) -> Leerling | None:
        """The stored pupil: by BSN, else by education number (which then gets its BSN)."""
        via_bsn = self.leerlingen.get(("bsn", bsn)) if bsn else None
        via_onr = self.leerlingen.get(("onderwijsnummer", onr)) if onr else None
        if (via_bsn is None and via_onr is not None and bsn and via_onr.bsn) or (
            via_bsn is not None and via_onr is not None and via_onr is not via_bsn
        ):
            c.fout("onderwijsnummer", m_onderwijsnummer_bezet() % {"waarde": onr})
        return via_bsn or via_onr

    def _postcode(self, c: Controle) -> str:
        waarde = c.rij.get("postcode")
        if not waarde:
            return ""
        schoon = normaliseer_postcode(waarde)
        if schoon is None:
            c.fout("postcode", m_postcode() % {"waarde": waarde})
            return ""
        return schoon

    def _afgeschermd(self, c: Controle, waarden: dict[str, Any]) -> None:
        """`adres_afgeschermd` is ja or nee (the BRP's shielding of the address). An empty cell
        changes nothing: a shielding is only lifted by an explicit nee (docs/importeren.md)."""
        waarde = (c.rij.get("adres_afgeschermd") or "").strip()
        if not waarde:
            return
        if waarde.lower() not in ("ja", "nee"):
            c.fout("adres_afgeschermd", m_ja_nee() % {"waarde": waarde})
            return
        waarden["adres_afgeschermd"] = waarde.lower() == "ja"

    def _ouder(self, c: Controle, n: int) -> dict[str, Any] | None:
        """Parent n of the row (`ouder1_*`, `ouder2_*`), or None when all its cells are empty.
        Names are required; an empty cell of any other column changes nothing on a stored
        parent. gezag and adres_afgeschermd are ja or nee: gezag is only taken away, and a
        shielding only lifted, by an explicit nee (docs/importeren.md)."""
        cellen = {v: (c.rij.get(f"ouder{n}_{v}") or "").strip() for v in OUDERVELDNAMEN}
        if not any(cellen.values()):
            return None
        velden: dict[str, Any] = {v: cellen[v] for v in OUDERVELDEN}
        for veld in ("voornamen", "achternaam"):
            if not velden[veld]:
                c.fout(f"ouder{n}_{veld}", m_verplicht() % {"veld": f"ouder{n}_{veld}"})
        for veld, lengte in (OUDERVELDEN | OUDERADRES).items():
            if len(cellen[veld]) > lengte:
                c.fout(
                    f"ouder{n}_{veld}", m_te_lang() % {"veld": f"ouder{n}_{veld}", "max": lengte}
                )
        if velden["email"] and not geldig_email(velden["email"]):
            c.fout(f"ouder{n}_email", m_email() % {"waarde": velden["email"]})
        if cellen["bsn"]:
            bsn = normaliseer_bsn(cellen["bsn"])
            if bsn is None:
                c.fout(f"ouder{n}_bsn", m_bsn() % {"waarde": cellen["bsn"]})
            else:
                velden["bsn"] = bsn
        for veld in OUDERADRES:
            if cellen[veld]:
                velden[veld] = cellen[veld]
        if cellen["postcode"]:
            postcode = normaliseer_postcode(cellen["postcode"])
            if postcode is None:
                c.fout(f"ouder{n}_postcode", m_postcode() % {"waarde": cellen["postcode"]})
            else:
                velden["postcode"] = postcode
        for veld in ("gezag", "adres_afgeschermd"):
            if not cellen[veld]:
                continue
            if cellen[veld].lower() not in ("ja", "nee"):
                c.fout(f"ouder{n}_{veld}", m_ja_nee() % {"waarde": cellen[veld]})
            else:
                velden[veld] = cellen[veld].lower() == "ja"
        return velden


OUDERVELDEN = {"voornamen": 200, "achternaam": 200, "telefoon": 20, "email": 254}
"""A parent's cells that are always written (as before: an empty phone or e-mail empties it)."""
OUDERADRES = {"straat": 200, "huisnummer": 20, "postcode": 10, "woonplaats": 100}
"""A parent's address cells: written only when filled in."""

RIJSOORTEN: dict[str, type[Rijsoort]] = {
    "scholen": Scholen,
    "leerlingen": Leerlingen,
    "inschrijvingen": Inschrijvingen,
    "vrijstellingen": Vrijstellingen,
    "verzuimcodes": Verzuimcodes,
}
