# SPDX-License-Identifier: EUPL-1.2
"""Small-cell suppression (docs/domein.md, "Privacy en dossiers": policy staff see aggregates only,
and numbers below 5 are suppressed in anything that leaves the system; issue 6).

A count below 5 about children who do not go to school can point at one child in a small
school or district. Hiding that cell is not enough: a table also publishes the relations
between its cells (the parts add up to the total; begin + new − ended = end), and a hidden
cell that the relations give back is not hidden. So `onderdruk` hides:

1. primary: every count below `grens`, 0 included ("none" is a small number too);
2. secondary, repeated until nothing changes: every relation has no hidden cell, or all of
   its cells hidden, or at least two hidden cells that together count at least `grens` — so
   it gives back neither one value nor a small sum. A relation that breaks this hides its
   smallest visible cell (ties in the order of the keys' repr) and all relations are checked
   again, since they share cells (a row total also sits in a column of totals);
3. the whole system: one relation at a time is not enough when relations share hidden cells
   (in a table with row and column totals the rows and columns together can pin down a
   hidden cell). Each hidden cell is checked with exact linear algebra (elimination in whole
   numbers): it is given back when its unit vector lies in the row space of the hidden part
   of the relations' matrix (the visible cells are known numbers). While one is, the
   smallest visible cell of the relations that together give it back is hidden, and step 2
   runs again. A cell that only relations hidden whole pin down is left: the layout of the
   table says that much without any number, and no visible cell is left to hide.

Each step hides one more cell and there are finitely many, so this ends; the order of the
relations and of ties is fixed, so a table always gives the same cells. Tables are small
(under 200 cells), so an elimination per extra hidden cell is cheap: a 200-cell table with
row and column totals and 80 small cells takes some tens of milliseconds.

A relation is a collection of keys; its signs are read from the values. A relation is either
parts and their total (the total is a cell that equals the sum of the others) or, with four
cells, a flow (two cells that add up to the other two: begin + nieuw = beeindigd + eind).
Values cannot always tell which: with zeros, a part can equal the total (0 + 12 = 12), and
nieuw can equal beeindigd. Step 3 then takes every reading the values allow as a relation at
once, which is safe for whichever one is true (it can only hide more). A relation given as a
mapping of key to coefficient ({begin: 1, nieuw: 1, beeindigd: -1, eind: -1}, still a
collection of its keys) is read exactly and hides no more than needed. A relation of another
form counts with one split of its cells into two groups of equal sum. Keys not in `waarden` are
left out of a relation: it still counts for step 2 (over its known cells) but not for step 3,
since an unknown cell absorbs whatever the others say; nor does a relation whose cells do not
add up."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

GRENS = 5


@dataclass(frozen=True)
class _Relatie[K: Hashable]:
    cellen: tuple[K, ...]
    # the readings of the relation: signs that make its cells sum to zero (none when the
    # values do not add up; more than one when the values cannot tell them apart)
    lezingen: tuple[Mapping[K, int], ...]


def onderdruk[K: Hashable](
    waarden: Mapping[K, int], vergelijkingen: Iterable[Collection[K]], grens: int = GRENS
) -> frozenset[K]:
    """The keys of `waarden` (counts, >= 0) to hide so that no count below `grens` can be read
    or derived from `vergelijkingen` (the module docstring gives the rule and why)."""
    if any(v < 0 for v in waarden.values()):
        raise ValueError("Een aantal kan niet negatief zijn.")
    vergelijkingen = list(vergelijkingen)
    delen = _samenhangend(waarden, vergelijkingen)
    if len(delen) > 1:
        # cells no relation ties together are separate problems, each with the same answer
        # as in the whole (one part's steps never touch another's cells); much faster for
        # the joint suppression of several reports (issue 13)
        verborgen: set[K] = set()
        for sleutels, relaties_deel in delen:
            verborgen |= _onderdruk_samenhangend(
                {k: waarden[k] for k in sleutels}, relaties_deel, grens
            )
        return frozenset(verborgen)
    return _onderdruk_samenhangend(waarden, vergelijkingen, grens)


def _samenhangend[K: Hashable](
    waarden: Mapping[K, int], vergelijkingen: Sequence[Collection[K]]
) -> list[tuple[list[K], list[Collection[K]]]]:
    """The connected parts of the cells (tied by a relation over known cells), each with its
    relations, in the order of their first key."""
    ouder: dict[K, K] = {k: k for k in waarden}

    def wortel(k: K) -> K:
        while ouder[k] != k:
            ouder[k] = ouder[ouder[k]]
            k = ouder[k]
        return k

    for v in vergelijkingen:
        bekend = [k for k in v if k in ouder]
        for k in bekend[1:]:
            a, b = wortel(bekend[0]), wortel(k)
            if a != b:
                ouder[b] = a
    delen: dict[K, tuple[list[K], list[Collection[K]]]] = {}
    for k in waarden:
        delen.setdefault(wortel(k), ([], []))[0].append(k)
    for v in vergelijkingen:
        bekend = [k for k in v if k in ouder]
        if bekend:
            delen[wortel(bekend[0])][1].append(v)
    return list(delen.values())


def _onderdruk_samenhangend[K: Hashable](
    waarden: Mapping[K, int], vergelijkingen: Iterable[Collection[K]], grens: int
) -> frozenset[K]:
    volgorde = {k: i for i, k in enumerate(sorted(waarden, key=repr))}

    def kleinste(kandidaten: Iterable[K]) -> K | None:
        return min(kandidaten, key=lambda k: (waarden[k], volgorde[k]), default=None)

    # in key order, so the answer does not depend on the order the relations come in
    relaties = sorted(
        (r for r in (_relatie(v, waarden, volgorde) for v in vergelijkingen) if len(r.cellen) >= 2),
        key=lambda r: [volgorde[k] for k in r.cellen],
    )
    verborgen = {k for k, v in waarden.items() if v < grens}
    # cells the structure alone pins down (only by relations that are hidden whole): no
    # visible cell can be hidden to change that, and no published number says anything
    gegeven: set[K] = set()
    while True:
        _herstel_relaties(relaties, waarden, verborgen, grens, kleinste)
        teruggegeven = _teruggegeven(relaties, verborgen, volgorde)
        nieuw = [(cel, bron) for cel, bron in teruggegeven if cel not in gegeven]
        if not nieuw:
            return frozenset(verborgen)
        cel, bron = nieuw[0]
        extra = kleinste(k for r in bron for k in r.cellen if k not in verborgen)
        if extra is None:
            gegeven.add(cel)
        else:
            verborgen.add(extra)


def _relatie[K: Hashable](
    vergelijking: Collection[K], waarden: Mapping[K, int], volgorde: Mapping[K, int]
) -> _Relatie[K]:
    cellen = tuple(sorted((k for k in set(vergelijking) if k in waarden), key=volgorde.__getitem__))
    if len(cellen) < len(vergelijking):
        return _Relatie(cellen, ())
    if isinstance(vergelijking, Mapping):
        gegeven = {k: int(vergelijking[k]) for k in cellen}
        klopt = all(gegeven.values()) and sum(c * waarden[k] for k, c in gegeven.items()) == 0
        return _Relatie(cellen, (gegeven,) if klopt else ())
    return _Relatie(cellen, _lezingen(cellen, waarden))


def _lezingen[K: Hashable](
    cellen: Sequence[K], waarden: Mapping[K, int]
) -> tuple[dict[K, int], ...]:
    """Every reading of the cells as parts and total (one cell is the sum of the others) or,
    for four cells, as a flow (two cells add up to the other two); else one split into two
    groups of equal sum, if any. Signs are ±1, the first cell +1 (a relation times −1 is the
    same relation)."""
    som = sum(waarden[k] for k in cellen)
    plus: list[frozenset[K]] = [frozenset(cellen) - {k} for k in cellen if 2 * waarden[k] == som]
    if len(cellen) == 4:
        eerste = cellen[0]
        plus += [
            frozenset({eerste, k}) for k in cellen[1:] if 2 * (waarden[eerste] + waarden[k]) == som
        ]
    if not plus:
        gesplitst = _gelijke_helft(cellen, waarden, som)
        plus = [gesplitst] if gesplitst is not None else []
    lezingen = []
    for groep in plus:
        teken = 1 if cellen[0] in groep else -1
        lezing = {k: teken if k in groep else -teken for k in cellen}
        if lezing not in lezingen:
            lezingen.append(lezing)
    return tuple(lezingen)


def _gelijke_helft[K: Hashable](
    cellen: Sequence[K], waarden: Mapping[K, int], som: int
) -> frozenset[K] | None:
    """Cells that make exactly half the sum (subset sum by a dynamic programme), or None."""
    if som % 2:
        return None
    helft = som // 2
    # each sum reached, with the sum before it and the index of the cell that reached it
    bereikt: dict[int, tuple[int, int]] = {0: (0, -1)}
    for index, k in enumerate(cellen):
        for tot in sorted(bereikt, reverse=True):
            nieuw = tot + waarden[k]
            if nieuw <= helft and nieuw not in bereikt:
                bereikt[nieuw] = (tot, index)
    if helft not in bereikt:
        return None
    groep = set()
    tot = helft
    while tot:
        tot, index = bereikt[tot]
        groep.add(cellen[index])
    return frozenset(groep)


def _herstel_relaties[K: Hashable](
    relaties: Sequence[_Relatie[K]],
    waarden: Mapping[K, int],
    verborgen: set[K],
    grens: int,
    kleinste: Callable[[Iterable[K]], K | None],
) -> None:
    """Step 2: hide cells until every relation is hidden whole, not at all, or in at least two
    cells that count at least `grens` together."""
    veranderd = True
    while veranderd:
        veranderd = False
        for relatie in relaties:
            verstopt = [k for k in relatie.cellen if k in verborgen]
            if not verstopt or len(verstopt) == len(relatie.cellen):
                continue
            if len(verstopt) >= 2 and sum(waarden[k] for k in verstopt) >= grens:
                continue
            cel = kleinste(k for k in relatie.cellen if k not in verborgen)
            assert cel is not None  # a visible cell is left: not hidden whole
            verborgen.add(cel)
            veranderd = True


def _teruggegeven[K: Hashable](
    relaties: Sequence[_Relatie[K]], verborgen: set[K], volgorde: Mapping[K, int]
) -> list[tuple[K, list[_Relatie[K]]]]:
    """Step 3: the hidden cells the relations together give back, in key order, each with the
    relations whose combination gives it. Gauss–Jordan elimination over the hidden columns in
    whole numbers (exact, and much faster than Fractions; each row is divided by the gcd of its
    entries so they stay small), keeping for each row the combination of relations it is: a
    hidden cell is given back exactly when a reduced row has no other entry."""
    rijen: list[tuple[dict[K, int], dict[int, int]]] = []
    herkomst: list[int] = []  # the relation of each row
    for index, relatie in enumerate(relaties):
        for lezing in relatie.lezingen:
            rij = {k: c for k, c in lezing.items() if k in verborgen}
            if rij:
                rijen.append((rij, {len(rijen): 1}))
                herkomst.append(index)
    gereduceerd: list[tuple[K, dict[K, int], dict[int, int]]] = []
    for rij, bron in rijen:
        for spil, spilrij, spilbron in gereduceerd:
            if spil in rij:
                rij, bron = _elimineer(rij, bron, spil, spilrij, spilbron)
        if not rij:
            continue
        spil = min(rij, key=volgorde.__getitem__)
        for i, (andere_spil, andere, anderebron) in enumerate(gereduceerd):
            if spil in andere:
                gereduceerd[i] = (andere_spil, *_elimineer(andere, anderebron, spil, rij, bron))
        gereduceerd.append((spil, rij, bron))
    uitkomst = [
        (spil, [relaties[i] for i in sorted({herkomst[r] for r in bron})])
        for spil, rij, bron in gereduceerd
        if len(rij) == 1
    ]
    return sorted(uitkomst, key=lambda paar: volgorde[paar[0]])


T = TypeVar("T", bound=Hashable)


def _elimineer[K: Hashable](
    rij: Mapping[K, int],
    bron: Mapping[int, int],
    spil: K,
    spilrij: Mapping[K, int],
    spilbron: Mapping[int, int],
) -> tuple[dict[K, int], dict[int, int]]:
    """The row with column `spil` cleared by the pivot row: a × row − b × pivot row, divided
    by the gcd of all its entries (and of its combination, which is scaled alike)."""
    a, b = spilrij[spil], rij[spil]
    nieuw = _lineair(rij, a, spilrij, b)
    nieuwe_bron = _lineair(bron, a, spilbron, b)
    deler = math.gcd(*nieuw.values(), *nieuwe_bron.values())
    if deler > 1:
        nieuw = {k: c // deler for k, c in nieuw.items()}
        nieuwe_bron = {k: c // deler for k, c in nieuwe_bron.items()}
    return nieuw, nieuwe_bron


def _lineair[T: Hashable](x: Mapping[T, int], a: int, y: Mapping[T, int], b: int) -> dict[T, int]:
    """a × x − b × y, without the entries that become zero."""
    uitkomst = {k: a * c for k, c in x.items()}
    for k, c in y.items():
        waarde = uitkomst.get(k, 0) - b * c
        if waarde:
            uitkomst[k] = waarde
        else:
            uitkomst.pop(k, None)
    return uitkomst
