# SPDX-License-Identifier: EUPL-1.2
"""Retention (docs/domein.md, "Privacy en dossiers"; docs/domein.md, Bronnen § 8.2;
docs/bewaartermijnen.md).

The policy is data: the setting BEWAARTERMIJNEN gives per record type the term in years, the
action and its legal source. `te_verwerken(peildatum)` lists what is due; `voer_uit(...)`
carries it out, one transaction per pupil (and one for the access log), each writing its own
access-log entry.

Record types:
- a pupil's file (`leerplicht` + `kwalificatieplicht`): due on the LATER of two dates, so
  neither term is cut short: the leerplicht term counted from the date of birth (Selectielijst
  12.1.3: 19 years) and the kwalificatieplicht term counted from the day after
  kwalificatieplicht ended (Selectielijst 12.1.4: 2 years; the end comes from
  kern.leerplicht: the 18th birthday or the day of the startkwalificatie). A pupil with an open
  case is postponed. Everything about the pupil goes: the relations are found through Django's
  model meta and every one must be declared in `AFHANDELING` (a test fails otherwise).
- proces-verbaal data (`proces_verbaal`): the justice-chain steps of the criminal route
  (`PV_SOORTEN`), 5 years after their date (Wet politiegegevens art. 14); deleted or anonymised,
  the case itself stays as long as the pupil's file does.
- the access log (`inzagelog`): entries older than the term (never under 5 years, NEN 7513)
  are removed through the database's one escape hatch, with a chain anchor."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Final, Literal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.db import connection, models, transaction
from django.db.models import ForeignObjectRel
from django.utils import timezone

from binnenboord.kern.leerplicht import einde_kwalificatieplicht, verjaardag

from . import keten
from .models import Inzage, Inzageanker
from .services import voeg_toe

SOORTEN: Final = ("leerplicht", "kwalificatieplicht", "proces_verbaal", "inzagelog")
Actie = Literal["verwijderen", "anonimiseren"]
TOEGESTANE_ACTIES: Final[dict[str, tuple[str, ...]]] = {
    "leerplicht": ("verwijderen",),
    "kwalificatieplicht": ("verwijderen",),
    "proces_verbaal": ("verwijderen", "anonimiseren"),
    "inzagelog": ("verwijderen",),
}
# NEN 7513 and docs/domein.md: the access log is kept at least five years; the database trigger
# refuses younger entries whatever the setting says.
MINIMUM_JAREN_INZAGELOG: Final = 5
# The criminal route of the justice chain (LPW art. 22, 26): the proces-verbaal and what the
# public prosecutor and the court did with it. Investigation, warning and Halt are not PV data.
PV_SOORTEN: Final = ("proces_verbaal", "om_beslissing", "zitting", "uitspraak")
BRON: Final = "binnenboord bewaartermijnen"
GEBRUIKERSNAAM: Final = "bewaartermijnen"

# How every relation into a pupil's file is handled when the file is deleted, keyed
# "app_label.Model.field" of the pointing field:
# - "vooraf": deleted explicitly before the pupil, in this order (on_delete=PROTECT);
# - "mee": goes with the row it points at (CASCADE / SET_NULL / many-to-many);
# - "behouden": kept on purpose, no database constraint (the access log has its own term).
AFHANDELING: Final[dict[str, str]] = {
    "regie.Verwijzing.leerling": "vooraf",
    # a MAZL referral (with its medical notes) before the case it may name
    "regie.Mazlverwijzing.leerling": "vooraf",
    "regie.Casus.leerling": "vooraf",
    "verantwoording.Inzage.leerling": "behouden",
    "registratie.Ouder.leerling": "mee",
    "registratie.Inschrijving.leerling": "mee",
    "registratie.Verzuim.leerling": "mee",
    "registratie.Vrijstelling.leerling": "mee",
    "registratie.Verhuismelding.leerling": "mee",
    "registratie.InschrijvingTerBevestiging.leerling": "mee",
    "signalering.Signaal.leerling": "mee",
    "signalering.Melding.leerling": "mee",
    "regie.Deelnemer.ouder": "mee",
    "regie.Vrijstellingsverklaring.vrijstelling": "mee",
    "regie.Vrijstellingsadvies.vrijstelling": "mee",
    "signalering.SignaalGebeurtenis.signaal": "mee",
    "signalering.Melding.signaal": "mee",
    "regie.Casus.signaal": "mee",
    # the signals attached to a case (docs/samenwerken.md): the links go with the file
    "regie.Casus.gekoppelde_signalen": "mee",
    "signalering.MeldingGebeurtenis.melding": "mee",
    "regie.Casus.melding": "mee",
    "regie.RegieOverdracht.casus": "mee",
    "regie.Deelnemer.casus": "mee",
    "regie.PlanVanAanpak.casus": "mee",
    "regie.Actie.casus": "mee",
    "regie.Contactmoment.casus": "mee",
    "regie.MedischeInhoud.casus": "mee",
    "regie.MedischeInhoud.contactmoment": "mee",
    "regie.MedischeInhoud.mazladvies": "mee",
    "regie.MedischeInhoud.mazlverwijzing": "mee",
    "regie.Mazlverwijzing.casus": "mee",
    "regie.Mazlverwijzing.signaal": "mee",
    "regie.Casusoverdracht.casus": "mee",
    "regie.Casusoverdracht.nieuwe_casus": "mee",
    "regie.CasusGebeurtenis.casus": "mee",
    "regie.Justitiestap.casus": "mee",
    "regie.MazlAdvies.casus": "mee",
    "regie.Vrijstellingsverklaring.casus": "mee",
    "regie.Vrijstellingsadvies.casus": "mee",
    "regie.OppKoppeling.casus": "mee",
    "regie.Evaluatie.casus": "mee",
    "regie.Brief.casus": "mee",
    "regie.Agendapunt.casus": "mee",
    "regie.Escalatie.casus": "mee",
    "regie.Verwijzing.casus": "mee",
    "regie.Termijnsignaal.casus": "mee",
    "regie.Actie.plan": "mee",
    "regie.Agendapunt.acties": "mee",
    # relatie (docs/relatie.md): the family's portal rows go with the case and the parent
    "regie.Brief.ouder": "mee",
    "regie.Actie.ouder": "mee",
    "regie.Portaaltoegang.ouder": "mee",
    "regie.Portaaltoegang.casus": "mee",
    "regie.Verhaal.namens_ouder": "mee",
    "regie.Verhaal.casus": "mee",
    "regie.Verhaal.toegang": "mee",
    "regie.Planreactie.namens_ouder": "mee",
    "regie.Planreactie.casus": "mee",
    "regie.Planreactie.toegang": "mee",
    "regie.Planreactie.plan": "mee",
    "regie.Overleguitnodiging.casus": "mee",
    "regie.Overleguitnodiging.toegang": "mee",
    "regie.Overleguitnodiging.brief": "mee",
    "regie.Bericht.casus": "mee",
    "regie.Bericht.toegang": "mee",
    "regie.Correctieverzoek.casus": "mee",
    "regie.Correctieverzoek.toegang": "mee",
    "regie.Terugkoppeling.casus": "mee",
    "regie.Terugkoppeling.toegang": "mee",
}


class OngeldigBeleid(ValueError):
    """The setting BEWAARTERMIJNEN is incomplete or wrong."""


@dataclass(frozen=True)
class Termijn:
    soort: str
    jaren: int
    actie: Actie
    bron: str


def beleid(instelling: Mapping[str, Any] | None = None) -> dict[str, Termijn]:
    """The policy from the setting (or `instelling`); raises OngeldigBeleid with a Dutch
    message naming what is wrong."""
    ruw = settings.BEWAARTERMIJNEN if instelling is None else instelling
    if not isinstance(ruw, Mapping):
        raise OngeldigBeleid("BEWAARTERMIJNEN moet een object per soort gegevens zijn.")
    onbekend = sorted(set(ruw) - set(SOORTEN))
    if onbekend:
        raise OngeldigBeleid(f"BEWAARTERMIJNEN kent {', '.join(onbekend)} niet.")
    uitkomst: dict[str, Termijn] = {}
    for soort in SOORTEN:
        regel = ruw.get(soort)
        if not isinstance(regel, Mapping):
            raise OngeldigBeleid(f"BEWAARTERMIJNEN mist de termijn voor {soort}.")
        jaren, actie = regel.get("jaren"), regel.get("actie", "verwijderen")
        if isinstance(jaren, bool) or not isinstance(jaren, int) or jaren < 1:
            raise OngeldigBeleid(f"BEWAARTERMIJNEN[{soort}].jaren moet een geheel getal ≥ 1 zijn.")
        if actie not in TOEGESTANE_ACTIES[soort]:
            toegestaan = " of ".join(TOEGESTANE_ACTIES[soort])
            raise OngeldigBeleid(f"BEWAARTERMIJNEN[{soort}].actie moet {toegestaan} zijn.")
        if soort == "inzagelog" and jaren < MINIMUM_JAREN_INZAGELOG:
            raise OngeldigBeleid(
                f"Het inzagelog wordt ten minste {MINIMUM_JAREN_INZAGELOG} jaar bewaard "
                f"(NEN 7513); {jaren} jaar is te kort."
            )
        uitkomst[soort] = Termijn(soort, jaren, actie, str(regel.get("bron", "")))
    return uitkomst


def check_bewaartermijnen(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """System check: a wrong BEWAARTERMIJNEN stops start-up with a clear message."""
    try:
        beleid()
    except OngeldigBeleid as fout:
        return [
            Error(
                str(fout),
                hint="Zie docs/bewaartermijnen.md voor de vorm van de instelling.",
                id="binnenboord.E101",
            )
        ]
    return []


# --- the rule ----------------------------------------------------------------------------


def dossier_vervalt_op(
    geboortedatum: date,
    *,
    termijnen: Mapping[str, Termijn],
    startkwalificatie_op: date | None = None,
) -> date:
    """The first day on which a pupil's file may be removed: the later of the leerplicht term
    (years counted from the date of birth) and the kwalificatieplicht term (years counted from
    the first day after kwalificatieplicht ended, kern.leerplicht.einde_kwalificatieplicht).
    With the defaults: the 20th birthday, or 19th birthday / startkwalificatie + 2 years when
    that comes later."""
    leerplicht = verjaardag(geboortedatum, termijnen["leerplicht"].jaren)
    vrij_vanaf = einde_kwalificatieplicht(
        geboortedatum, startkwalificatie_op=startkwalificatie_op
    ) + timedelta(days=1)
    kwalificatieplicht = verjaardag(vrij_vanaf, termijnen["kwalificatieplicht"].jaren)
    return max(leerplicht, kwalificatieplicht)


def pv_vervalt_op(datum: date, *, termijnen: Mapping[str, Termijn]) -> date:
    return verjaardag(datum, termijnen["proces_verbaal"].jaren)


def inzagelog_grens(peildatum: date, *, termijnen: Mapping[str, Termijn]) -> datetime:
    """Entries before this moment are past their term: midnight (Europe/Amsterdam) at the
    start of the day `jaren` years before the peildatum, never later than five years before
    now (the database trigger's own bound)."""
    dag = verjaardag(peildatum, -termijnen["inzagelog"].jaren)
    grens = datetime.combine(dag, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return min(grens, _vijf_jaar_terug())


def _vijf_jaar_terug() -> datetime:
    nu = timezone.now()
    return datetime.combine(
        verjaardag(nu.date(), -MINIMUM_JAREN_INZAGELOG), nu.timetz(), tzinfo=nu.tzinfo
    )


# --- what belongs to a pupil's file (model meta) -----------------------------------------


@dataclass(frozen=True)
class Relatie:
    sleutel: str  # "app_label.Model.field"
    model: type[models.Model]
    pad: str  # lookup from `model` to the pupil's pk, e.g. "casus__leerling"
    on_delete: Any
    veel_op_veel: bool
    db_constraint: bool


def _leerling_model() -> type[models.Model]:
    return apps.get_model("registratie", "Leerling")


def relaties() -> list[Relatie]:
    """Every relation into a pupil's file, found by walking `_meta` from Leerling: each model
    that points at the pupil, or at a row that points at the pupil, and so on. Models whose
    relation is declared "behouden" are not walked further."""
    leerling = _leerling_model()
    paden: dict[type[models.Model], str] = {leerling: ""}
    rij: list[type[models.Model]] = [leerling]
    gevonden: list[Relatie] = []
    while rij:
        doel = rij.pop(0)
        for rel in doel._meta.get_fields(include_hidden=True):
            if not isinstance(rel, ForeignObjectRel):
                continue
            bron = rel.related_model
            if not isinstance(bron, type) or bron._meta.auto_created:
                continue  # the through table of a many-to-many goes with both sides
            veld = rel.field
            sleutel = f"{bron._meta.label}.{veld.name}"
            pad = f"{veld.name}__{paden[doel]}" if paden[doel] else veld.name
            gevonden.append(
                Relatie(
                    sleutel=sleutel,
                    model=bron,
                    pad=pad,
                    on_delete=rel.on_delete,
                    veel_op_veel=rel.many_to_many,
                    db_constraint=bool(getattr(veld, "db_constraint", True)),
                )
            )
            if bron not in paden and AFHANDELING.get(sleutel) != "behouden":
                paden[bron] = pad
                rij.append(bron)
    return gevonden


def ongedekte_relaties(afhandeling: Mapping[str, str] = AFHANDELING) -> list[str]:
    """Relations into a pupil's file that the retention does not (correctly) handle: not
    declared, or declared in a way the database would refuse. Empty means complete."""
    fouten: list[str] = []
    for rel in relaties():
        wijze = afhandeling.get(rel.sleutel)
        if wijze is None:
            fouten.append(f"{rel.sleutel}: niet opgenomen in AFHANDELING")
        elif wijze == "mee" and not (
            rel.veel_op_veel or rel.on_delete in (models.CASCADE, models.SET_NULL)
        ):
            fouten.append(f"{rel.sleutel}: 'mee' kan niet bij on_delete={rel.on_delete.__name__}")
        elif wijze == "behouden" and rel.db_constraint:
            fouten.append(f"{rel.sleutel}: 'behouden' kan alleen zonder databasebeperking")
        elif wijze not in ("mee", "vooraf", "behouden"):
            fouten.append(f"{rel.sleutel}: onbekende afhandeling {wijze!r}")
    return fouten


def _dossiermodellen() -> dict[type[models.Model], list[str]]:
    """Each model of a pupil's file with every lookup path to the pupil (kept models left
    out): a row may reach the pupil by one path only (the medical notes of a MAZL referral
    without a case, not through a case)."""
    uitkomst: dict[type[models.Model], list[str]] = {_leerling_model(): ["pk"]}
    for rel in relaties():
        if AFHANDELING.get(rel.sleutel) != "behouden":
            paden = uitkomst.setdefault(rel.model, [])
            if rel.pad not in paden:
                paden.append(rel.pad)
    return uitkomst


def _rijen_van(model: type[models.Model], paden: list[str], leerling_id: int) -> Any:
    """The rows of `model` that reach the pupil by any of `paden`."""
    filter_ = models.Q()
    for pad in paden:
        filter_ |= models.Q(**{pad: leerling_id})
    return model._default_manager.filter(pk__in=model._default_manager.filter(filter_).values("pk"))


def dossier_inhoud(leerling_id: int) -> dict[str, int]:
    """Per model label, how many rows of this pupil's file exist (for the dry run and tests)."""
    aantallen: dict[str, int] = {}
    for model, paden in _dossiermodellen().items():
        aantal = _rijen_van(model, paden, leerling_id).count()
        if aantal:
            aantallen[model._meta.label] = aantal
    return aantallen


# --- what is due -------------------------------------------------------------------------


@dataclass(frozen=True)
class Dossier:
    leerling_id: int
    vervalt_op: date
    reden: str


@dataclass(frozen=True)
class PvGegevens:
    justitiestap_id: int
    leerling_id: int
    casus_id: int
    vervalt_op: date
    reden: str


@dataclass(frozen=True)
class Inzageopschoning:
    tot_en_met_id: int | None
    aantal: int
    ouder_dan: datetime
    reden: str


@dataclass(frozen=True)
class Overzicht:
    peildatum: date
    termijnen: dict[str, Termijn]
    dossiers: list[Dossier] = field(default_factory=list)
    uitgesteld: list[Dossier] = field(default_factory=list)
    pv: list[PvGegevens] = field(default_factory=list)
    inzagelog: Inzageopschoning | None = None

    @property
    def leeg(self) -> bool:
        return not self.dossiers and not self.pv and not (self.inzagelog and self.inzagelog.aantal)


def _te_verwijderen_dossiers(
    peildatum: date, termijnen: Mapping[str, Termijn]
) -> tuple[list[Dossier], list[Dossier]]:
    leerling = _leerling_model()
    casus = apps.get_model("regie", "Casus")
    # Neither term can pass before the leerplicht term: a cheap pre-filter in the database.
    uiterst = verjaardag(peildatum, -termijnen["leerplicht"].jaren)
    kandidaten = (
        leerling._default_manager.filter(geboortedatum__lte=uiterst)
        .annotate(
            open_casus=models.Exists(
                casus._default_manager.filter(leerling=models.OuterRef("pk"), status="open")
            )
        )
        .order_by("pk")
    )
    dossiers, uitgesteld = [], []
    for kandidaat in kandidaten.iterator(chunk_size=2000):
        # Leerling has no startkwalificatie field yet; once it has, the rule uses it.
        startkwalificatie_op = getattr(kandidaat, "startkwalificatie_op", None)
        vervalt_op = dossier_vervalt_op(
            getattr(kandidaat, "geboortedatum"),  # noqa: B009  (a model fetched by label)
            termijnen=termijnen,
            startkwalificatie_op=startkwalificatie_op,
        )
        if vervalt_op > peildatum:
            continue
        reden = (
            f"leerplicht {termijnen['leerplicht'].jaren} jaar na geboorte en "
            f"kwalificatieplicht {termijnen['kwalificatieplicht'].jaren} jaar na het einde "
            f"verstreken op {vervalt_op:%d-%m-%Y}"
        )
        if getattr(kandidaat, "open_casus"):  # noqa: B009
            uitgesteld.append(Dossier(kandidaat.pk, vervalt_op, reden + "; er is een open casus"))
        else:
            dossiers.append(Dossier(kandidaat.pk, vervalt_op, reden))
    return dossiers, uitgesteld


def _pv_queryset(actie: str) -> Any:
    stappen = apps.get_model("regie", "Justitiestap")._default_manager.filter(soort__in=PV_SOORTEN)
    if actie == "anonimiseren":
        # what is left after anonymising: nothing to do twice
        stappen = stappen.exclude(
            toelichting="", uitkomst="", ouders_eerder_veroordeeld=False, afschrift_raad=False
        )
    return stappen


def _te_verwerken_pv(
    peildatum: date, termijnen: Mapping[str, Termijn], zonder_leerlingen: set[int]
) -> list[PvGegevens]:
    uiterst = verjaardag(peildatum, -termijnen["proces_verbaal"].jaren)
    stappen = (
        _pv_queryset(termijnen["proces_verbaal"].actie)
        .filter(datum__lte=uiterst)
        .exclude(casus__leerling_id__in=zonder_leerlingen)
        .order_by("pk")
        .values_list("pk", "casus_id", "casus__leerling_id", "datum", "soort")
    )
    jaren = termijnen["proces_verbaal"].jaren
    return [
        PvGegevens(
            justitiestap_id=pk,
            leerling_id=leerling_id,
            casus_id=casus_id,
            vervalt_op=pv_vervalt_op(datum, termijnen=termijnen),
            reden=f"{soort} van {datum:%d-%m-%Y}: {jaren} jaar verstreken",
        )
        for pk, casus_id, leerling_id, datum, soort in stappen
    ]


def _te_verwijderen_inzage(grens: datetime) -> Inzageopschoning:
    """The longest prefix of the chain (in id order) whose entries are all older than
    `grens`: only a prefix can be removed with an anchor and keep the rest verifiable."""
    eerste_jonge = (
        Inzage.objects.filter(tijdstip__gte=grens).order_by("pk").values_list("pk", flat=True)
    ).first()
    oud = Inzage.objects.all()
    if eerste_jonge is not None:
        oud = oud.filter(pk__lt=eerste_jonge)
    tot = oud.order_by("-pk").values_list("pk", flat=True).first()
    aantal = oud.count() if tot is not None else 0
    return Inzageopschoning(
        tot_en_met_id=tot,
        aantal=aantal,
        ouder_dan=grens,
        reden=f"inzagelog ouder dan {grens:%d-%m-%Y}",
    )


def te_verwerken(peildatum: date, *, instelling: Mapping[str, Any] | None = None) -> Overzicht:
    """What retention would do on `peildatum`, without changing anything."""
    termijnen = beleid(instelling)
    dossiers, uitgesteld = _te_verwijderen_dossiers(peildatum, termijnen)
    pv = _te_verwerken_pv(peildatum, termijnen, {d.leerling_id for d in dossiers})
    grens = inzagelog_grens(peildatum, termijnen=termijnen)
    return Overzicht(
        peildatum=peildatum,
        termijnen=termijnen,
        dossiers=dossiers,
        uitgesteld=uitgesteld,
        pv=pv,
        inzagelog=_te_verwijderen_inzage(grens),
    )


# --- carrying it out ---------------------------------------------------------------------


@dataclass
class Resultaat:
    dossiers: list[int] = field(default_factory=list)
    pv: dict[int, list[int]] = field(default_factory=dict)  # leerling_id -> justitiestap ids
    pv_actie: str = ""
    inzagelog_verwijderd: int = 0
    inzageanker_id: int | None = None


def _logregel(
    *, leerling_id: int | None, casus_id: int | None, reden: str, aantal: int = 1
) -> Inzage:
    return Inzage(
        tijdstip=timezone.now(),
        medewerker_id=None,
        gebruikersnaam=GEBRUIKERSNAAM,
        handeling=Inzage.Handeling.VERWIJDEREN,
        bron=BRON,
        leerling_id=leerling_id,
        casus_id=casus_id,
        reden=reden,
        aantal=aantal,
    )


def _verwijder_wijzigingshistorie(leerling_id: int) -> None:
    """django-auditlog keeps a copy of every change (names included) by content type and
    primary key, outside the foreign keys: remove those of every row of the file."""
    from django.contrib.contenttypes.models import ContentType

    from auditlog.models import LogEntry
    from auditlog.registry import auditlog

    for model, paden in _dossiermodellen().items():
        if not auditlog.contains(model):
            continue
        pks = [str(pk) for pk in _rijen_van(model, paden, leerling_id).values_list("pk", flat=True)]
        if pks:
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_pk__in=pks
            ).delete()


def _vooraf() -> list[Relatie]:
    """The PROTECT relations, in the order AFHANDELING lists them."""
    volgorde = list(AFHANDELING)
    vooraf = [rel for rel in relaties() if AFHANDELING.get(rel.sleutel) == "vooraf"]
    return sorted(vooraf, key=lambda rel: volgorde.index(rel.sleutel))


class OnvolledigeAfhandeling(Exception):
    """A model points at a pupil's file and AFHANDELING does not say what happens to it."""


def verwijder_dossier(dossier: Dossier) -> bool:
    """Delete everything about one pupil in one transaction and log it. Returns False when
    the pupil is gone already (a re-run) or got an open case meanwhile."""
    from auditlog.context import disable_auditlog

    leerling_model = _leerling_model()
    with transaction.atomic():
        leerling = (
            leerling_model._default_manager.select_for_update()
            .filter(pk=dossier.leerling_id)
            .first()
        )
        casus = apps.get_model("regie", "Casus")
        if (
            leerling is None
            or casus._default_manager.filter(
                leerling_id=dossier.leerling_id, status="open"
            ).exists()
        ):
            return False
        # the portal accounts that saw this pupil's cases (docs/relatie.md): an account left
        # without any access has no purpose any more and goes too (its BSN with it)
        portaalgebruiker = apps.get_model("toegang", "Portaalgebruiker")
        portaal_ids = list(
            portaalgebruiker._default_manager.filter(
                toegangen__casus__leerling_id=leerling.pk
            ).values_list("pk", flat=True)
        )
        with disable_auditlog():
            _verwijder_wijzigingshistorie(leerling.pk)
            for rel in _vooraf():
                rel.model._default_manager.filter(**{rel.pad: leerling.pk}).delete()
            leerling.delete()
            portaalgebruiker._default_manager.filter(
                pk__in=portaal_ids, toegangen__isnull=True
            ).delete()
        voeg_toe([_logregel(leerling_id=dossier.leerling_id, casus_id=None, reden=dossier.reden)])
    return True


def verwerk_pv(leerling_id: int, stappen: list[PvGegevens], actie: str) -> list[int]:
    """Delete or anonymise the PV data of one pupil in one transaction; one log entry per
    case. Returns the ids of the steps handled (none again on a re-run)."""
    justitiestap = apps.get_model("regie", "Justitiestap")
    with transaction.atomic():
        rijen = (
            _pv_queryset(actie)
            .filter(pk__in=[s.justitiestap_id for s in stappen])
            .select_for_update()
        )
        ids = sorted(rijen.values_list("pk", flat=True))
        if not ids:
            return []
        doel = justitiestap._default_manager.filter(pk__in=ids)
        if actie == "anonimiseren":
            doel.update(
                toelichting="", uitkomst="", ouders_eerder_veroordeeld=False, afschrift_raad=False
            )
        else:
            doel.delete()
        handeling = "verwijderd" if actie == "verwijderen" else "geanonimiseerd"
        per_casus: dict[int, list[PvGegevens]] = {}
        for stap in stappen:
            if stap.justitiestap_id in ids:
                per_casus.setdefault(stap.casus_id, []).append(stap)
        voeg_toe(
            [
                _logregel(
                    leerling_id=leerling_id,
                    casus_id=casus_id,
                    reden=f"proces-verbaalgegevens {handeling}: " + "; ".join(s.reden for s in rij),
                    aantal=len(rij),
                )
                for casus_id, rij in sorted(per_casus.items())
            ]
        )
    return ids


class OpschonenNietMogelijk(Exception):
    """The access log can only be pruned on PostgreSQL (the trigger's escape hatch)."""


def schoon_inzagelog_op(grens: datetime) -> tuple[int, Inzageanker | None]:
    """Remove the oldest entries before `grens` (a prefix of the chain) through the trigger's
    escape hatch, write an anchor with the last removed entry's hash and log the pruning, all
    in one transaction under the chain lock."""
    if connection.vendor != "postgresql":
        raise OpschonenNietMogelijk(
            "Het inzagelog kan alleen op PostgreSQL worden opgeschoond; SQLite weigert altijd."
        )
    grens = min(grens, _vijf_jaar_terug())
    with transaction.atomic():
        keten.vergrendel()
        opschoning = _te_verwijderen_inzage(grens)
        if opschoning.tot_en_met_id is None:
            return 0, None
        laatste = Inzage.objects.get(pk=opschoning.tot_en_met_id)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL binnenboord.inzagelog_opschonen = 'aan'")
            cursor.execute(f"DELETE FROM {Inzage._meta.db_table} WHERE id <= %s", [laatste.pk])
            verwijderd = cursor.rowcount
            cursor.execute("SET LOCAL binnenboord.inzagelog_opschonen = 'uit'")
        anker = Inzageanker.objects.create(
            tot_en_met_id=laatste.pk,
            laatste_hash=laatste.hash,
            aantal_verwijderd=verwijderd,
            ouder_dan=grens,
        )
        voeg_toe(
            [_logregel(leerling_id=None, casus_id=None, reden=opschoning.reden, aantal=verwijderd)]
        )
    return verwijderd, anker


def voer_uit(overzicht: Overzicht) -> Resultaat:
    """Carry out a listing: PV data first, then pupils' files, then the access log (last, so
    this run's own entries are never among the removed ones)."""
    ongedekt = ongedekte_relaties()
    if ongedekt:
        raise OnvolledigeAfhandeling("; ".join(ongedekt))
    resultaat = Resultaat(pv_actie=overzicht.termijnen["proces_verbaal"].actie)
    per_leerling: dict[int, list[PvGegevens]] = {}
    for stap in overzicht.pv:
        per_leerling.setdefault(stap.leerling_id, []).append(stap)
    for leerling_id, stappen in sorted(per_leerling.items()):
        ids = verwerk_pv(leerling_id, stappen, resultaat.pv_actie)
        if ids:
            resultaat.pv[leerling_id] = ids
    for dossier in overzicht.dossiers:
        if verwijder_dossier(dossier):
            resultaat.dossiers.append(dossier.leerling_id)
    if overzicht.inzagelog is not None and overzicht.inzagelog.aantal:
        verwijderd, anker = schoon_inzagelog_op(overzicht.inzagelog.ouder_dan)
        resultaat.inzagelog_verwijderd = verwijderd
        resultaat.inzageanker_id = anker.pk if anker else None
    return resultaat


def als_dict(overzicht: Overzicht, resultaat: Resultaat | None = None) -> dict[str, Any]:
    """The listing (and what was done) as JSON-ready data: ids and reasons, no names."""
    data: dict[str, Any] = {
        "peildatum": overzicht.peildatum.isoformat(),
        "beleid": {
            t.soort: {"jaren": t.jaren, "actie": t.actie, "bron": t.bron}
            for t in overzicht.termijnen.values()
        },
        "leerlingdossiers": [
            {"leerling": d.leerling_id, "vervalt_op": d.vervalt_op.isoformat(), "reden": d.reden}
            for d in overzicht.dossiers
        ],
        "uitgesteld": [
            {"leerling": d.leerling_id, "vervalt_op": d.vervalt_op.isoformat(), "reden": d.reden}
            for d in overzicht.uitgesteld
        ],
        "proces_verbaal": [
            {
                "justitiestap": p.justitiestap_id,
                "leerling": p.leerling_id,
                "casus": p.casus_id,
                "vervalt_op": p.vervalt_op.isoformat(),
                "reden": p.reden,
            }
            for p in overzicht.pv
        ],
        "inzagelog": None
        if overzicht.inzagelog is None
        else {
            "aantal": overzicht.inzagelog.aantal,
            "tot_en_met_id": overzicht.inzagelog.tot_en_met_id,
            "ouder_dan": overzicht.inzagelog.ouder_dan.isoformat(),
        },
    }
    if resultaat is not None:
        data["uitgevoerd"] = {
            "leerlingdossiers": resultaat.dossiers,
            "proces_verbaal": {str(k): v for k, v in resultaat.pv.items()},
            "proces_verbaal_actie": resultaat.pv_actie,
            "inzagelog_verwijderd": resultaat.inzagelog_verwijderd,
            "inzageanker": resultaat.inzageanker_id,
        }
    return data


def leerling_ids(items: Iterable[Dossier]) -> list[int]:
    return [d.leerling_id for d in items]
