# SPDX-License-Identifier: EUPL-1.2
"""Which pupils each figures scope counts (issue 13, finding 14): the scopes were pinned by
status codes only, so widening the samenwerkingsverband's scope to every school passed the
suite while the SWV consultant's dashboard counted pupils of schools outside the SWV.

Telstad (9001, pilot district 1020-1039) and Buurdorp (9002). SWV Noord has school 12AB00
(Telstad), 12AB01 (the same BRIN, another branch, Telstad) and 34CD00 (Buurdorp); SWV Zuid has
56EF00 (Telstad). Every pupil below is a stay-at-home pupil on 31-10-2026 (langdurig relatief
verzuim at the school named, or absoluut verzuim without one), enrolled at that school all year:

    naam  woont in            postcode  school (SWV)
    p1    Telstad             1025      12AB00 (Noord)
    p2    Telstad             1050      12AB00 (Noord)
    p3    Buurdorp            1025      12AB00 (Noord)
    p4    Telstad             1050      34CD00 (Noord, a school in Buurdorp)
    p5    Telstad             1030      56EF00 (Zuid)
    p6    Buurdorp            1050      56EF00 (Zuid)
    p7    Telstad             (none)    - absoluut verzuim
    p8    Buurdorp            1025      - absoluut verzuim
    p9    Telstad             1039      12AB01 (Noord, the other branch)
    p10   Buurdorp            1050      12AB00 until 31-08-2026 (left before the period);
                                        its open episode is still at 12AB00

Each test names the mutation it catches."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.monitoring.cijfers import maak_rapport
from binnenboord.monitoring.lezen import leerlingen_q
from binnenboord.monitoring.rapport import Periode, Rapport, Scope, lees_scope
from binnenboord.registratie.models import Leerling, School
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from tests.factories import (
    GemeenteFactory,
    InschrijvingFactory,
    LeerlingFactory,
    MedewerkerFactory,
    OrganisatieFactory,
    SchoolFactory,
)
from tests.signalering.factories import episode

pytestmark = pytest.mark.django_db

OKTOBER = Periode(date(2026, 10, 1), date(2026, 10, 31))
NU = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
GEBIED = "9001:1020-1039"


class Wereld:
    leerlingen: dict[str, Leerling]
    noord: Organisatie
    zuid: Organisatie
    medewerkers: dict[str, Medewerker]


@pytest.fixture
def w(settings: Any) -> Wereld:
    settings.AANPAK_PER_GEBIED = {GEBIED: "utrecht_kernpartners"}
    telstad = GemeenteFactory(code="9001", naam="Telstad")
    buurdorp = GemeenteFactory(code="9002", naam="Buurdorp")
    leerplicht = OrganisatieFactory(naam="Leerplicht Telstad", gemeenten=[telstad])
    noord = OrganisatieFactory(naam="SWV Noord", swv=True)
    zuid = OrganisatieFactory(naam="SWV Zuid", swv=True)

    def school(brin: str, vestiging: str, gemeente: Any, swv: Organisatie) -> School:
        return SchoolFactory(
            brin=brin, vestiging=vestiging, gemeente=gemeente, samenwerkingsverband=swv
        )

    scholen = {
        "12AB00": school("12AB", "00", telstad, noord),
        "12AB01": school("12AB", "01", telstad, noord),
        "34CD00": school("34CD", "00", buurdorp, noord),
        "56EF00": school("56EF", "00", telstad, zuid),
    }
    rijen = [
        ("p1", telstad, "1025 AA", "12AB00"),
        ("p2", telstad, "1050 AA", "12AB00"),
        ("p3", buurdorp, "1025 AA", "12AB00"),
        ("p4", telstad, "1050 AA", "34CD00"),
        ("p5", telstad, "1030 AA", "56EF00"),
        ("p6", buurdorp, "1050 AA", "56EF00"),
        ("p7", telstad, "", None),
        ("p8", buurdorp, "1025 AA", None),
        ("p9", telstad, "1039 ZZ", "12AB01"),
        ("p10", buurdorp, "1050 AA", "12AB00"),
    ]
    wereld = Wereld()
    wereld.leerlingen = {}
    for naam, gemeente, postcode, code in rijen:
        leerling = LeerlingFactory(voornamen=naam, woongemeente=gemeente, postcode=postcode)
        wereld.leerlingen[naam] = leerling
        if code is None:
            episode(leerling, "absoluut_verzuim", date(2026, 9, 1), date(2026, 9, 1))
            continue
        eind = date(2026, 8, 31) if naam == "p10" else None
        InschrijvingFactory(
            leerling=leerling, school=scholen[code], begindatum=date(2025, 8, 1), einddatum=eind
        )
        episode(
            leerling,
            "langdurig_relatief_verzuim",
            date(2026, 8, 3),
            date(2026, 8, 31),
            school=scholen[code],
        )
    wereld.noord, wereld.zuid = noord, zuid
    wereld.medewerkers = {
        "leerplicht": MedewerkerFactory(rol=Rol.LEERPLICHTAMBTENAAR, organisatie=leerplicht),
        "beleid": MedewerkerFactory(rol=Rol.BELEIDSMEDEWERKER, organisatie=leerplicht),
        "consulent_noord": MedewerkerFactory(rol=Rol.SWV_CONSULENT, organisatie=noord),
        "consulent_zuid": MedewerkerFactory(rol=Rol.SWV_CONSULENT, organisatie=zuid),
    }
    return wereld


def _scope(w: Wereld, tekst: str) -> Scope:
    return lees_scope(tekst.replace("NOORD", str(w.noord.pk)).replace("ZUID", str(w.zuid.pk)))


def _namen(w: Wereld, ids: frozenset[int] | set[int]) -> set[str]:
    namen = {leerling.pk: naam for naam, leerling in w.leerlingen.items()}
    return {namen[i] for i in ids}


def _thuiszitters(rapport: Rapport) -> frozenset[int]:
    return rapport.tabel("categorie").cel("totaal", "aantal").ids


# Mutations each row catches (in monitoring/lezen.py, leerlingen_q and _scholen_van):
# - gemeente: dropping the woongemeente filter (counts p3, p6, p8, p10 of Buurdorp) or
#   counting pupils by their school's municipality (p3 and p6 in, p4 out);
# - gebied/buiten: ignoring the postcode range (gebied counts p2, p4, p7) or its end (1039),
#   or dropping the pupils without a postcode from the rest (p7);
# - swv: "every school" (counts p5, p6 of SWV Zuid), or only schools in its municipality
#   (loses p4 of the Buurdorp school), or ignoring the enrolment period (counts p10);
# - school: BRIN without the branch (12AB00 then counts p9 of 12AB01), or ignoring the period.
VERWACHT = {
    "gemeente:9001": {"p1", "p2", "p4", "p5", "p7", "p9"},
    "gemeente:9002": {"p3", "p6", "p8", "p10"},
    f"gebied:{GEBIED}": {"p1", "p5", "p9"},
    f"buiten:{GEBIED}": {"p2", "p4", "p7"},
    "swv:NOORD": {"p1", "p2", "p3", "p4", "p9"},
    "swv:ZUID": {"p5", "p6"},
    "school:12AB00": {"p1", "p2", "p3"},
    "school:12AB01": {"p9"},
    "school:34CD00": {"p4"},
    "school:56EF00": {"p5", "p6"},
}


@pytest.mark.parametrize(("tekst", "namen"), VERWACHT.items())
def test_elk_bereik_kiest_precies_zijn_leerlingen(w: Wereld, tekst: str, namen: set[str]) -> None:
    scope = _scope(w, tekst)
    gekozen = set(
        Leerling.objects.filter(leerlingen_q(scope, OKTOBER)).values_list("pk", flat=True)
    )
    assert _namen(w, gekozen) == namen


@pytest.mark.parametrize(("tekst", "namen"), VERWACHT.items())
def test_elk_bereik_telt_precies_zijn_thuiszitters(w: Wereld, tekst: str, namen: set[str]) -> None:
    rapport = maak_rapport("maand", OKTOBER, _scope(w, tekst), nu=NU)
    assert _namen(w, _thuiszitters(rapport)) == namen
    assert rapport.tabel("categorie").cel("totaal", "aantal").waarde == len(namen)
    # the signals counted are the signals of those pupils (at a school of the scope)
    signalen = rapport.tabel("signalen").cel("totaal", "aantal").waarde
    assert signalen == 0  # every rule was met before October: none counted in the month


def test_de_wijk_en_de_rest_vormen_samen_de_gemeente(w: Wereld) -> None:
    # no pupil in both, none lost: the precondition of suppressing them together
    assert VERWACHT[f"gebied:{GEBIED}"] | VERWACHT[f"buiten:{GEBIED}"] == VERWACHT["gemeente:9001"]
    assert not VERWACHT[f"gebied:{GEBIED}"] & VERWACHT[f"buiten:{GEBIED}"]


def _dashboard(client: Client, w: Wereld, wie: str, scope: str) -> Any:
    client.force_login(w.medewerkers[wie])
    tekst = _scope(w, scope).tekst
    return client.get(
        reverse("monitoring:dashboard"),
        {"soort": "maand", "periode": "2026-10", "scope": tekst},
    )


@pytest.mark.parametrize(
    ("wie", "scope", "namen"),
    [
        # mutation "SWV scope = every school": Noord's consultant would count 7 (p5, p6 too)
        ("consulent_noord", "swv:NOORD", {"p1", "p2", "p3", "p4", "p9"}),
        ("consulent_zuid", "swv:ZUID", {"p5", "p6"}),
        ("consulent_noord", "school:34CD00", {"p4"}),
        ("leerplicht", "gemeente:9001", {"p1", "p2", "p4", "p5", "p7", "p9"}),
        ("leerplicht", f"gebied:{GEBIED}", {"p1", "p5", "p9"}),
        ("leerplicht", "school:12AB00", {"p1", "p2", "p3"}),
    ],
)
def test_het_dashboard_toont_de_eigen_totalen_van_het_bereik(
    client: Client, w: Wereld, wie: str, scope: str, namen: set[str]
) -> None:
    response = _dashboard(client, w, wie, scope)
    assert response.status_code == 200
    rapport: Rapport = response.context["rapport"]
    assert not rapport.onderdrukking
    assert _namen(w, _thuiszitters(rapport)) == namen
    assert rapport.tabel("categorie").cel("totaal", "aantal").waarde == len(namen)


def test_de_consulent_ziet_nooit_een_school_van_een_ander_swv_of_een_gemeente(
    client: Client, w: Wereld
) -> None:
    for scope in ("swv:ZUID", "school:56EF00", "gemeente:9001", f"gebied:{GEBIED}"):
        assert _dashboard(client, w, "consulent_noord", scope).status_code == 404
    # Leerplicht sees schools in its municipality, not the Buurdorp school of SWV Noord
    assert _dashboard(client, w, "leerplicht", "school:34CD00").status_code == 404
    assert _dashboard(client, w, "leerplicht", "swv:NOORD").status_code == 404
    # a district only as configured (AANPAK_PER_GEBIED): a nested range would subtract
    for scope in ("gebied:9001:1020-1029", "buiten:9001:1030-1039"):
        assert _dashboard(client, w, "leerplicht", scope).status_code == 404
