# SPDX-License-Identifier: EUPL-1.2
"""Small-cell suppression (issue 6): every count below 5 is hidden, and no relation of a table
(parts and total, begin + nieuw − beeindigd = eind, row and column totals) gives a hidden cell
back. Pure: no database. The proof is the hypothesis property at the end: for random tables
the hidden cells are checked with numpy against the relations' matrix."""

from __future__ import annotations

import random
from collections.abc import Collection, Hashable, Mapping, Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binnenboord.kern.onderdrukking import GRENS, onderdruk

# --- hand examples ---------------------------------------------------------------------------


def test_een_klein_deel_verbergt_ook_het_volgende_kleinste_deel() -> None:
    # given: 3 absoluut verzuim beside 12 and 20, total 35
    waarden = {"absoluut": 3, "relatief": 12, "geoorloofd": 20, "totaal": 35}
    # when
    verborgen = onderdruk(waarden, [set(waarden)])
    # then: the 3, and the 12 that the total would otherwise give the 3 back through
    assert verborgen == {"absoluut", "relatief"}


def test_twee_nullen_verbergen_genoeg_om_samen_vijf_te_halen() -> None:
    waarden = {"a": 0, "b": 0, "c": 7, "d": 9, "totaal": 16}
    # two hidden zeros add up to 0: the total would say "these two are 0 together"
    assert onderdruk(waarden, [set(waarden)]) == {"a", "b", "c"}


def test_twee_kleine_delen_die_samen_onder_vijf_blijven() -> None:
    waarden = {"a": 1, "b": 2, "c": 30, "totaal": 33}
    assert onderdruk(waarden, [set(waarden)]) == {"a", "b", "c"}


def test_een_totaal_onder_vijf_verbergt_alles() -> None:
    waarden = {"a": 1, "b": 3, "c": 0, "totaal": 4}
    assert onderdruk(waarden, [set(waarden)]) == set(waarden)


def test_een_geheel_verborgen_relatie_is_goed() -> None:
    # a 2 beside a 6 with total 8: 2 hides the 6 (the smaller) and the 8 may stay
    waarden = {"a": 2, "b": 6, "totaal": 8}
    assert onderdruk(waarden, [set(waarden)]) == {"a", "b"}


def test_stroom_begin_plus_nieuw_min_beeindigd_is_eind() -> None:
    waarden = {"begin": 20, "nieuw": 3, "beeindigd": 6, "eind": 17}
    assert onderdruk(waarden, [set(waarden)]) == {"nieuw", "beeindigd"}


def test_stroom_met_tekens_hoeft_alleen_de_kleinste_rand_te_verbergen() -> None:
    # 2 new and 2 ended add up to 4: one of the equal edges goes too, the first by key order
    waarden = {"begin": 30, "nieuw": 2, "beeindigd": 2, "eind": 30}
    relatie = {"begin": 1, "nieuw": 1, "beeindigd": -1, "eind": -1}
    assert onderdruk(waarden, [relatie]) == {"nieuw", "beeindigd", "begin"}


def test_stroom_zonder_tekens_neemt_elke_lezing_voor_waar() -> None:
    # given: the same flow as a plain set. 30 + 2 = 2 + 30 also reads as 30 − 2 = −2 + 30
    # (nieuw and beeindigd swapped); if both readings held, begin would follow from eind.
    waarden = {"begin": 30, "nieuw": 2, "beeindigd": 2, "eind": 30}
    # when / then: safe for either reading, at the cost of the end too
    assert onderdruk(waarden, [set(waarden)]) == set(waarden)


def test_twee_tabellen_met_hetzelfde_totaal() -> None:
    # given: thuiszitters by category and by school type, one total for both
    categorie = {"absoluut": 3, "relatief": 9, "geoorloofd": 20}
    schooltype = {"po": 2, "vo": 30}
    waarden = {**categorie, **schooltype, "totaal": 32}
    relaties = [{*categorie, "totaal"}, {*schooltype, "totaal"}]
    # when
    verborgen = onderdruk(waarden, relaties)
    # then: each table hides its small part and the next smallest; the total stays
    assert verborgen == {"absoluut", "relatief", "po", "vo"}


def test_een_verborgen_totaal_zet_door_in_de_andere_tabel() -> None:
    # the category table is hidden whole (its total 4 is small), so the school type table,
    # which shares the total, must hide two of its own cells as well
    waarden = {"absoluut": 1, "relatief": 3, "po": 0, "vo": 4, "totaal": 4}
    relaties = [{"absoluut", "relatief", "totaal"}, {"po", "vo", "totaal"}]
    assert onderdruk(waarden, relaties) == set(waarden)


def test_niets_verborgen_als_alles_minstens_vijf_is() -> None:
    waarden = {"a": 5, "b": 6, "totaal": 11, "begin": 11, "nieuw": 5, "beeindigd": 7, "eind": 9}
    relaties = [{"a", "b", "totaal"}, {"begin", "nieuw", "beeindigd", "eind"}]
    assert onderdruk(waarden, relaties) == frozenset()


def test_elk_aantal_onder_de_grens_ook_zonder_relaties() -> None:
    waarden = {"a": 0, "b": 4, "c": 5}
    assert onderdruk(waarden, []) == {"a", "b"}
    assert onderdruk(waarden, [], grens=10) == {"a", "b", "c"}


def test_sleutels_buiten_de_waarden_tellen_niet_mee() -> None:
    # "gemiddelde" is no count: the relation is read over the counts only
    waarden = {"a": 3, "b": 12, "totaal": 15}
    assert onderdruk(waarden, [{"a", "b", "totaal", "gemiddelde"}]) == {"a", "b"}


def test_tabel_met_rij_en_kolomtotalen_die_een_cel_zou_teruggeven() -> None:
    # given: two blocks of hidden cells (rows a, b × columns x, y and rows c, d × columns z,
    # w) joined by one more hidden cell (a, z). Each row and column then has two hidden cells
    # (the one-relation rule is met), but the totals give the joining cell back: the sum of
    # block one's rows minus its columns is exactly that cell.
    rijen, kolommen = ["a", "b", "c", "d"], ["x", "y", "z", "w"]
    binnen = {
        ("a", "x"): 3, ("a", "y"): 7, ("a", "z"): 6, ("a", "w"): 40,
        ("b", "x"): 8, ("b", "y"): 9, ("b", "z"): 40, ("b", "w"): 40,
        ("c", "x"): 40, ("c", "y"): 40, ("c", "z"): 3, ("c", "w"): 8,
        ("d", "x"): 40, ("d", "y"): 40, ("d", "z"): 9, ("d", "w"): 7,
    }  # fmt: skip
    waarden, relaties = _kruistabel(rijen, kolommen, binnen)
    # when
    verborgen = onderdruk(waarden, [set(r) for r in relaties])
    # then
    assert _teruggegeven(waarden, relaties, verborgen) == []
    assert {("a", "x"), ("c", "z")} <= verborgen


def test_een_deel_gelijk_aan_het_totaal() -> None:
    # given: everyone in one category. From the values "relatief" could be the total as well;
    # with the signs given only the zeros and one 12 need hiding
    waarden = {"absoluut": 0, "relatief": 12, "geoorloofd": 0, "totaal": 12}
    tekens = {"absoluut": 1, "relatief": 1, "geoorloofd": 1, "totaal": -1}
    assert onderdruk(waarden, [tekens]) == {"absoluut", "geoorloofd", "relatief"}
    # without signs both readings must be safe: the total goes as well
    assert onderdruk(waarden, [set(waarden)]) == set(waarden)


def test_stroom_per_categorie_die_de_rijen_en_kolommen_samen_teruggeven() -> None:
    # found by hypothesis: one relation at a time was met, yet rows and columns together gave
    # (0, nieuw) back; some rows also read two ways from their values (zeros, equal sums)
    per_categorie = [(2, 8, 5, 5), (3, 2, 0, 5), (6, 5, 6, 5), (11, 0, 6, 5)]
    waarden, relaties = _stroomtabel(per_categorie)
    _controleer(waarden, relaties)


def test_dezelfde_uitkomst_in_elke_volgorde() -> None:
    rijen, kolommen = ["r1", "r2", "r3"], ["k1", "k2", "k3"]
    binnen = {
        (r, k): (i * 7 + j * 3) % 11 for i, r in enumerate(rijen) for j, k in enumerate(kolommen)
    }
    waarden, relaties = _kruistabel(rijen, kolommen, binnen)
    verwacht = onderdruk(waarden, [set(r) for r in relaties])
    for seed in range(5):
        volgorde = random.Random(seed)
        sleutels = list(waarden)
        volgorde.shuffle(sleutels)
        geschud = [list(r) for r in relaties]
        volgorde.shuffle(geschud)
        assert onderdruk({k: waarden[k] for k in sleutels}, geschud) == verwacht


def test_een_negatief_aantal_is_een_fout() -> None:
    with pytest.raises(ValueError, match="negatief"):
        onderdruk({"a": -1, "b": 6}, [])


# --- the proof: random tables checked against their linear system -----------------------------

Relatie = Mapping[Hashable, int]


def _teruggegeven(
    waarden: Mapping[Hashable, int], relaties: Sequence[Relatie], verborgen: Collection[Hashable]
) -> list[Hashable]:
    """The hidden cells the relations determine once the visible values are filled in: a
    hidden cell is determined exactly when its unit vector is in the row space of the hidden
    columns of the relations' matrix (rank does not grow when it is added)."""
    kolommen = [k for k in waarden if k in verborgen]
    if not kolommen or not relaties:
        return []
    matrix = np.array([[r.get(k, 0) for k in kolommen] for r in relaties], dtype=float)
    rang = np.linalg.matrix_rank(matrix)
    uitkomst = []
    for i, k in enumerate(kolommen):
        eenheid = np.zeros((1, len(kolommen)))
        eenheid[0, i] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, eenheid])) == rang:
            uitkomst.append(k)
    return uitkomst


def _controleer(waarden: Mapping[Hashable, int], relaties: Sequence[Relatie]) -> None:
    """Suppress with the relations as plain sets (as monitoring.rapport passes them) and with
    their signs, and check both against the true system."""
    for relatie in relaties:  # the fixture itself is consistent
        assert sum(c * waarden[k] for k, c in relatie.items()) == 0
    for vergelijkingen in ([frozenset(r) for r in relaties], relaties):
        verborgen = onderdruk(waarden, vergelijkingen)
        assert {k for k, v in waarden.items() if v < GRENS} <= verborgen
        for relatie in relaties:
            verstopt = [k for k in relatie if k in verborgen]
            if verstopt and len(verstopt) < len(relatie):
                assert len(verstopt) >= 2
                assert sum(waarden[k] for k in verstopt) >= GRENS
        assert _teruggegeven(waarden, relaties, verborgen) == []


def _kruistabel(
    rijen: Sequence[str], kolommen: Sequence[str], binnen: Mapping[tuple[str, str], int]
) -> tuple[dict[tuple[str, str], int], list[dict[tuple[str, str], int]]]:
    """A table with row totals, column totals and a grand total, and its relations (parts +1,
    total −1)."""
    waarden = dict(binnen)
    for r in rijen:
        waarden[(r, "totaal")] = sum(binnen[(r, k)] for k in kolommen)
    for k in kolommen:
        waarden[("totaal", k)] = sum(binnen[(r, k)] for r in rijen)
    waarden[("totaal", "totaal")] = sum(binnen.values())
    relaties = []
    for r in [*rijen, "totaal"]:
        relaties.append({**{(r, k): 1 for k in kolommen}, (r, "totaal"): -1})
    for k in [*kolommen, "totaal"]:
        relaties.append({**{(r, k): 1 for r in rijen}, ("totaal", k): -1})
    return waarden, relaties


# counts with many small values (and zeros), where suppression has work to do
aantallen = st.one_of(st.integers(0, 6), st.integers(0, 40))


@settings(max_examples=200, deadline=None)
@given(st.lists(aantallen, min_size=1, max_size=7))
def test_eendimensionaal(delen: list[int]) -> None:
    waarden: dict[Hashable, int] = {f"deel{i}": v for i, v in enumerate(delen)}
    waarden["totaal"] = sum(delen)
    _controleer(waarden, [{**{k: 1 for k in waarden if k != "totaal"}, "totaal": -1}])


@settings(max_examples=200, deadline=None)
@given(st.lists(aantallen, min_size=1, max_size=5), st.lists(aantallen, min_size=1, max_size=5))
def test_twee_tabellen_met_een_gedeeld_totaal(een: list[int], twee: list[int]) -> None:
    # the second table's parts are scaled to the same total (the last part takes the rest)
    totaal = sum(een)
    twee = [min(v, totaal) for v in twee]
    while sum(twee) > totaal:
        twee[twee.index(max(twee))] -= 1
    twee[-1] += totaal - sum(twee)
    waarden: dict[Hashable, int] = {("een", i): v for i, v in enumerate(een)}
    waarden.update({("twee", i): v for i, v in enumerate(twee)})
    waarden["totaal"] = totaal
    relaties = [
        {**{("een", i): 1 for i in range(len(een))}, "totaal": -1},
        {**{("twee", i): 1 for i in range(len(twee))}, "totaal": -1},
    ]
    _controleer(waarden, relaties)


@st.composite
def kruistabellen(draw: st.DrawFn) -> tuple[dict, list[dict]]:
    rijen = [f"r{i}" for i in range(draw(st.integers(1, 5)))]
    kolommen = [f"k{i}" for i in range(draw(st.integers(1, 5)))]
    binnen = {(r, k): draw(aantallen) for r in rijen for k in kolommen}
    return _kruistabel(rijen, kolommen, binnen)


@settings(max_examples=400, deadline=None)
@given(kruistabellen())
def test_tabel_met_rij_en_kolomtotalen(tabel: tuple[dict, list[dict]]) -> None:
    _controleer(*tabel)


@st.composite
def stromen(draw: st.DrawFn) -> tuple[int, int, int, int]:
    begin, nieuw = draw(aantallen), draw(aantallen)
    beeindigd = draw(st.integers(0, begin + nieuw))
    return begin, nieuw, beeindigd, begin + nieuw - beeindigd


FLOW = ("begin", "nieuw", "beeindigd", "eind")
TEKEN = {"begin": 1, "nieuw": 1, "beeindigd": -1, "eind": -1}


@settings(max_examples=150, deadline=None)
@given(stromen())
def test_stroom(stroom: tuple[int, int, int, int]) -> None:
    _controleer(dict(zip(FLOW, stroom, strict=True)), [TEKEN])


def _stroomtabel(
    per_categorie: Sequence[tuple[int, int, int, int]],
) -> tuple[dict[Hashable, int], list[Relatie]]:
    """Rows: categories and their total; columns: begin, nieuw, beeindigd, eind. Each row is a
    flow, each column sums to its total: the relations share every cell."""
    waarden: dict[Hashable, int] = {}
    relaties: list[Relatie] = []
    for i, stroom in enumerate(per_categorie):
        waarden.update({(i, kolom): v for kolom, v in zip(FLOW, stroom, strict=True)})
    for j, kolom in enumerate(FLOW):
        waarden[("totaal", kolom)] = sum(stroom[j] for stroom in per_categorie)
        delen = {(i, kolom): 1 for i in range(len(per_categorie))}
        relaties.append({**delen, ("totaal", kolom): -1})
    for rij in [*range(len(per_categorie)), "totaal"]:
        relaties.append({(rij, kolom): TEKEN[kolom] for kolom in FLOW})
    return waarden, relaties


@settings(max_examples=400, deadline=None)
@given(st.lists(stromen(), min_size=1, max_size=4))
def test_stroom_per_categorie_met_totaalrij(per_categorie: list[tuple[int, int, int, int]]) -> None:
    _controleer(*_stroomtabel(per_categorie))


@pytest.mark.parametrize("grootte", [(10, 18)])
def test_een_grote_tabel_blijft_snel(grootte: tuple[int, int]) -> None:
    # ~200 cells, a third of them small: the answer must still be exact
    rijen = [f"r{i}" for i in range(grootte[0])]
    kolommen = [f"k{j}" for j in range(grootte[1])]
    toeval = random.Random(6)
    binnen = {
        (r, k): toeval.choice([0, 1, 2, 3, 4, 8, 12, 20, 35, 60]) for r in rijen for k in kolommen
    }
    waarden, relaties = _kruistabel(rijen, kolommen, binnen)
    _controleer(waarden, relaties)
