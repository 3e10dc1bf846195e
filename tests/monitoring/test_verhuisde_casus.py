# SPDX-License-Identifier: EUPL-1.2
"""A municipality's figures count the cases it opened (Casus.gemeente), not the cases of the
pupils who live there now: after a move, the old case stays with the old municipality and the
new municipality counts only its own (issue 13, the handover after a move)."""

from __future__ import annotations

from django.utils import timezone

from binnenboord.kern import monitoring as kern
from binnenboord.monitoring.lezen import casussen_q, leerlingen_q
from binnenboord.monitoring.rapport import Periode, lees_scope
from binnenboord.regie.models import Casus
from binnenboord.registratie.models import Leerling
from binnenboord.toegang.models import Gemeente, Rol
from tests.factories import MedewerkerFactory, OrganisatieFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld


def test_de_oude_casus_van_een_verhuisde_leerling_blijft_in_de_cijfers_van_de_oude_gemeente(
    wereld: Wereld,
) -> None:
    # given a case opened by Demodam, then the pupil moves to Buurdorp and Buurdorp opens its own
    buurdorp = Gemeente.objects.get(naam="Buurdorp")
    leerplicht_b = MedewerkerFactory(
        rol=Rol.LEERPLICHTAMBTENAAR,
        organisatie=OrganisatieFactory(naam="Leerplicht Buurdorp", gemeenten=[buurdorp]),
    )
    leerling = wereld.leerlingen["demodam_school1"]
    oud = open_casus(leerling, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    Leerling.objects.filter(pk=leerling.pk).update(woongemeente=buurdorp)
    leerling.refresh_from_db()
    Casus.objects.filter(pk=oud.pk).update(
        status=Casus.Status.GESLOTEN,
        passend_aanbod=Casus.PassendAanbod.VERHUISD,
        passend_aanbod_op=timezone.localdate(),
    )
    nieuw = open_casus(leerling, leerplicht_b)
    vandaag = timezone.localdate()
    periode = Periode(vandaag.replace(day=1), vandaag)

    def van(tekst: str) -> set[int]:
        scope = lees_scope(tekst)
        leerlingen = Leerling.objects.filter(leerlingen_q(scope, periode)).values("pk")
        return set(Casus.objects.filter(casussen_q(scope, leerlingen)).values_list("pk", flat=True))

    # then each municipality counts its own case only
    assert (oud.gemeente.naam, nieuw.gemeente.naam) == ("Demodam", "Buurdorp")
    assert van("gemeente:9999") == {oud.pk}
    assert van("gemeente:9998") == {nieuw.pk}


def test_kern_censureert_precies_de_verhuisde_casus() -> None:
    # kern.monitoring knows no Django: its censored outcome is the value of Casus.PassendAanbod
    assert frozenset({Casus.PassendAanbod.VERHUISD.value}) == kern.GECENSUREERD
