# SPDX-License-Identifier: EUPL-1.2
"""Which escalation model a new case runs under: settings.AANPAK_PER_GEBIED by the pupil's
area, else the model set for the pupil's municipality (Gemeente.aanpak, `binnenboord
inrichten`), else settings.AANPAK. An area (a *gebied*) is one of:

- a municipality: its CBS code ("0363");
- a district of it given as a range of 4-digit postcodes of the pupil's home
  ("0363:1020-1039", Amsterdam-Noord);
- a set of schools in it ("0363:brin=12AB,34CD01"): the pupils living in the municipality who
  are enrolled at one of those schools (a 4-character BRIN code is every branch of the school,
  6 characters one branch). The Amsterdam pilot ran at the VO schools of Noord: a pilot can be
  a set of schools, not only a place of residence.

The most specific area wins: a set of schools before a postcode district before its
municipality. `gebied_van` says which configured area a pupil is in and `in_pilotgebied`
whether it is in a given one: the same definition the figures' pilot comparison uses. A wrong
setting is a system check error, so it stops the start, not a case."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.utils import timezone

from binnenboord.kern import aanpak as kern
from binnenboord.toegang.models import Gemeente


def aanpakken() -> Mapping[str, kern.Aanpak]:
    """The declared models by code."""
    return kern.AANPAKKEN


# How a stored case gives the kenmerken the models switch steps and phases on
# (regie.beoordeling.feiten_in_bulk; docs/aanpakken.md, "Kenmerken"):
# "vo": the kinds of school that follow the VO route (actietafel, Interventieteam VO) ...
VO_SOORTEN: frozenset[str] = frozenset({"VO", "VSO"})
# ... and a pupil not enrolled on the day who is of VO age: at least this old on the peildag
# (month, day) of the school year (kern.kalender.vo_leeftijd) [ONBEVESTIGD: 1 October].
VO_LEEFTIJD: tuple[int, tuple[int, int]] = (12, (10, 1))
# "ziek": a signal of these kinds of the pupil in the case's episode (sickness in the absence
# data, however the case was opened).
ZIEKTESIGNALEN: frozenset[str] = frozenset(
    {"zorgwekkend_ziekteverzuim", "langdurig_geoorloofd_verzuim"}
)
# "terug_op_school": the case closed with education at a school; its aftercare step runs.
TERUG_OP_SCHOOL: frozenset[str] = frozenset({"eigen_school", "andere_school", "combinatie"})


# A municipality, or a district of it as a postcode range (monitoring reads this form too).
GEBIED = re.compile(r"^(?P<gemeente>\d{4})(:(?P<van>\d{4})-(?P<tot>\d{4}))?$")
# A set of schools in a municipality: BRIN codes (4 characters) or BRIN + branch (6).
SCHOLENGEBIED = re.compile(r"^(?P<gemeente>\d{4}):brin=(?P<scholen>[0-9A-Za-z, ]+)$")
_SCHOOLCODE = re.compile(r"^[0-9A-Z]{2}[A-Z0-9]{2}(\d{2})?$")


@dataclass(frozen=True)
class Gebied:
    """One configured area, parsed: `code` is the key as configured."""

    code: str
    gemeente: str
    van: str | None = None
    tot: str | None = None
    scholen: frozenset[str] | None = None

    @property
    def rang(self) -> int:
        """How specific the area is: a set of schools 2, a postcode district 1, a
        municipality 0."""
        return 2 if self.scholen is not None else 1 if self.van is not None else 0

    def bevat(
        self, gemeente_code: str | None, postcode: str = "", school: str | None = None
    ) -> bool:
        """Whether a pupil living in `gemeente_code` at `postcode`, enrolled at `school`
        (BRIN + branch, e.g. "12AB00"; None: not enrolled) is in this area."""
        if gemeente_code != self.gemeente:
            return False
        if self.scholen is not None:
            school = (school or "").strip().upper()
            return bool(school) and (school in self.scholen or school[:4] in self.scholen)
        if self.van is not None and self.tot is not None:
            cijfers = postcode.strip()[:4]
            return cijfers.isdigit() and self.van <= cijfers <= self.tot
        return True


def lees_gebied(code: str) -> Gebied | None:
    """The area a key of AANPAK_PER_GEBIED describes; None when it is no valid key."""
    if not isinstance(code, str):
        return None
    delen = GEBIED.match(code)
    if delen is not None:
        return Gebied(code=code, gemeente=delen["gemeente"], van=delen["van"], tot=delen["tot"])
    delen = SCHOLENGEBIED.match(code)
    if delen is not None:
        scholen = frozenset(s.strip().upper() for s in delen["scholen"].split(",") if s.strip())
        if scholen and all(_SCHOOLCODE.match(s) for s in scholen):
            return Gebied(code=code, gemeente=delen["gemeente"], scholen=scholen)
    return None


def gebieden(per_gebied: Iterable[str] | None = None) -> list[Gebied]:
    """The configured areas (AANPAK_PER_GEBIED's keys), most specific first."""
    sleutels = settings.AANPAK_PER_GEBIED if per_gebied is None else per_gebied
    gelezen = [g for g in (lees_gebied(k) for k in sleutels) if g is not None]
    return sorted(gelezen, key=lambda g: -g.rang)


def gebied_van(
    gemeente_code: str | None,
    postcode: str = "",
    school: str | None = None,
    *,
    alleen_pilots: bool = False,
) -> str | None:
    """The key of the most specific configured area a pupil is in (living in
    `gemeente_code` at `postcode`, enrolled at `school`: BRIN + branch, or None), or None.
    `alleen_pilots`: only districts and sets of schools, not whole municipalities."""
    for gebied in gebieden():
        if alleen_pilots and gebied.rang == 0:
            continue
        if gebied.bevat(gemeente_code, postcode, school):
            return gebied.code
    return None


def in_pilotgebied(
    gebied: str, gemeente_code: str | None, postcode: str = "", school: str | None = None
) -> bool:
    """Whether a pupil (as gebied_van takes one) is in the area `gebied` (a key of
    AANPAK_PER_GEBIED, or any key in its form). The figures' pilot comparison uses this, so a
    pilot is the same set of pupils for a new case's model and for the counts. Note: a pupil
    can be in a set of schools and in a postcode district at once; this answers for `gebied`
    alone, gebied_van for the area that decides the model."""
    gelezen = lees_gebied(gebied)
    return gelezen is not None and gelezen.bevat(gemeente_code, postcode, school)


def aanpak_voor(
    gemeente_code: str | None,
    postcode: str = "",
    school: str | None = None,
    *,
    gemeente_aanpak: str | None = None,
) -> str:
    """The model code for a new case of a pupil living in `gemeente_code` at `postcode`,
    enrolled at `school` (BRIN + branch, or None): the most specific area of
    AANPAK_PER_GEBIED, else the municipality's own model (Gemeente.aanpak, set by
    `binnenboord inrichten`), else AANPAK. `gemeente_aanpak` is that Gemeente.aanpak when the
    caller has the municipality at hand (else one query reads it); a code that is no declared
    model (any more) counts as not set."""
    per_gebied: dict[str, str] = settings.AANPAK_PER_GEBIED
    gebied = gebied_van(gemeente_code, postcode, school)
    if gebied is not None:
        return per_gebied[gebied]
    if gemeente_aanpak is None and gemeente_code is not None:
        gemeente_aanpak = (
            Gemeente.objects.filter(code=gemeente_code).values_list("aanpak", flat=True).first()
        )
    if gemeente_aanpak and gemeente_aanpak in aanpakken():
        return gemeente_aanpak
    standaard: str = settings.AANPAK
    return standaard


def schoolcode_van(leerling: Any, op: date | None = None) -> str | None:
    """The BRIN + branch of the school `leerling` is enrolled at on `op` (default today), the
    newest enrolment first; None when not enrolled."""
    op = op or timezone.localdate()
    inschrijving = (
        leerling.inschrijvingen.filter(begindatum__lte=op)
        .exclude(einddatum__lt=op)
        .select_related("school")
        .order_by("-begindatum", "-pk")
        .first()
    )
    if inschrijving is None:
        return None
    return f"{inschrijving.school.brin}{inschrijving.school.vestiging}"


def aanpak_van(leerling: Any) -> str:
    """The model code for a new case of `leerling` (a registratie.Leerling)."""
    gemeente = leerling.woongemeente
    gemeente_code = gemeente.code if gemeente is not None else None
    school = None
    if any(g.scholen is not None and g.gemeente == gemeente_code for g in gebieden()):
        school = schoolcode_van(leerling)
    return aanpak_voor(
        gemeente_code,
        leerling.postcode,
        school,
        gemeente_aanpak=gemeente.aanpak if gemeente is not None else "",
    )


def _fouten() -> list[str]:
    codes = aanpakken()
    keuze = ", ".join(sorted(codes))
    fouten = []
    if settings.AANPAK not in codes:
        fouten.append(f"AANPAK: onbekende aanpak {settings.AANPAK!r} (kies uit {keuze}).")
    per_gebied: Any = settings.AANPAK_PER_GEBIED
    if not isinstance(per_gebied, dict):
        return [*fouten, "AANPAK_PER_GEBIED moet een object zijn: CBS-code -> aanpak."]
    for gemeente, code in sorted(per_gebied.items()):
        gebied = lees_gebied(gemeente) if isinstance(gemeente, str) else None
        if gebied is None:
            fouten.append(
                f"AANPAK_PER_GEBIED: {gemeente!r} is geen CBS-code van vier cijfers, of een "
                "CBS-code met een postcodegebied (bijvoorbeeld '0363:1020-1039') of met scholen "
                "(bijvoorbeeld '0363:brin=12AB,34CD00')."
            )
        elif gebied.van is not None and gebied.tot is not None and gebied.van > gebied.tot:
            fouten.append(f"AANPAK_PER_GEBIED: in {gemeente!r} komt 'van' na 'tot'.")
        if code not in codes:
            fouten.append(
                f"AANPAK_PER_GEBIED[{gemeente!r}]: onbekende aanpak {code!r} (kies uit {keuze})."
            )
    return fouten


def controleer_aanpak(**kwargs: Any) -> list[CheckMessage]:
    return [Error(fout, id="binnenboord.E002") for fout in _fouten()]
