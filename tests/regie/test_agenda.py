# SPDX-License-Identifier: EUPL-1.2
"""A published agenda (docs/samenwerken.md, "Agenda van een overleg"): publishing sets the
moment, writes a history row per case and notifies the chair and members (again at each
publication, never with a pupil's name); the members see exactly the published items whose
outcome is not recorded yet, of their own meetings only; a follow-up action of the decision
makes its assignee a participant."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

import pytest

from binnenboord.notificaties.models import Notificatie
from binnenboord.regie.models import (
    Agendapunt,
    Casus,
    CasusGebeurtenis,
    Deelnemer,
    Overleg,
    Overlegsoort,
)
from binnenboord.regie.selectors.casus import ziet_casus
from binnenboord.regie.selectors.overleg import als_lid, zichtbare_agendapunten
from binnenboord.regie.services import overleg as diensten
from binnenboord.toegang.models import Medewerker, Rol
from tests.factories import LeerlingFactory
from tests.regie.factories import open_casus
from tests.wereld import Wereld

Soort = CasusGebeurtenis.Soort


@pytest.fixture
def casus_a(wereld: Wereld) -> Casus:
    """Directed by school 1; its pupil lives in Demodam."""
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    return open_casus(wereld.leerlingen["demodam_school1"], school)


@pytest.fixture
def casus_b(wereld: Wereld) -> Casus:
    """Directed by Leerplicht of Demodam."""
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    return open_casus(wereld.leerlingen["demodam_uitgeschreven"], leerplicht)


@pytest.fixture
def casus_c(wereld: Wereld) -> Casus:
    """Another Demodam pupil's case, directed by Leerplicht."""
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    demodam = wereld.leerlingen["demodam_school1"].woongemeente
    return open_casus(LeerlingFactory(woongemeente=demodam), leerplicht)


def _uvo(wereld: Wereld, *leden: Medewerker, voorzitter: Medewerker | None = None) -> Overleg:
    """A UVO today, planned by Leerplicht."""
    return diensten.plan_overleg(
        soort=Overlegsoort.UVO,
        datum=timezone.localdate(),
        door=wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR],
        leden=leden,
        voorzitter=voorzitter,
    )


@pytest.fixture
def uvo(wereld: Wereld, casus_a: Casus, casus_b: Casus) -> Overleg:
    """A UVO with the youth doctor and the SWV consultant as members, chaired by the family
    worker (none of them sees either case), and cases A and B on its agenda."""
    m = wereld.medewerkers
    overleg = _uvo(wereld, m[Rol.JEUGDARTS], m[Rol.SWV_CONSULENT], voorzitter=m[Rol.GEZINSWERKER])
    for casus in (casus_a, casus_b):
        diensten.agendeer(overleg=overleg, casus=casus, door=m[Rol.LEERPLICHTAMBTENAAR])
    return overleg


def _punten(gebruiker: Medewerker) -> set[tuple[int, int]]:
    return set(als_lid(gebruiker).values_list("overleg_id", "casus_id"))


# --- publishing ----------------------------------------------------------------------------


def test_publiceren_legt_het_moment_vast_schrijft_historie_en_meldt_voorzitter_en_leden(
    wereld: Wereld, uvo: Overleg, casus_a: Casus, casus_b: Casus
) -> None:
    m = wereld.medewerkers
    leerplicht = m[Rol.LEERPLICHTAMBTENAAR]
    # when Leerplicht publishes the agenda
    overleg = diensten.publiceer_agenda(uvo, leerplicht)
    # then the moment and the person are stored
    overleg.refresh_from_db()
    assert overleg.agenda_gepubliceerd_door == leerplicht
    assert overleg.agenda_gepubliceerd_op is not None
    # and each case on it has one history row "on a published agenda"
    rijen = CasusGebeurtenis.objects.filter(soort=Soort.AGENDA)
    assert sorted(rijen.values_list("casus_id", flat=True)) == sorted([casus_a.pk, casus_b.pk])
    assert {r.gegevens["overleg_id"] for r in rijen} == {uvo.pk}
    # and the chair and both members are notified, the publisher not, with a link to the meeting
    meldingen = Notificatie.objects.filter(soort="agenda_gepubliceerd")
    assert set(meldingen.values_list("ontvanger", flat=True)) == {
        m[Rol.JEUGDARTS].pk,
        m[Rol.SWV_CONSULENT].pk,
        m[Rol.GEZINSWERKER].pk,
    }
    assert {n.url for n in meldingen} == {f"/overleggen/{uvo.pk}/"}
    # and no notification names a pupil
    for n in meldingen:
        tekst = str(n.gegevens)
        for leerling in (casus_a.leerling, casus_b.leerling):
            assert leerling.achternaam not in tekst
            assert leerling.voornamen not in tekst
        assert n.gegevens["aantal"] == 2


def test_opnieuw_publiceren_na_een_wijziging_meldt_opnieuw_zonder_dubbele_historie(
    wereld: Wereld, uvo: Overleg, casus_c: Casus
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    diensten.publiceer_agenda(uvo, leerplicht)
    # given a case added to the published agenda
    diensten.agendeer(overleg=uvo, casus=casus_c, door=leerplicht)
    # then it is on the published agenda from now on (its history row) and members see it
    assert casus_c.gebeurtenissen.filter(soort=Soort.AGENDA).count() == 1
    assert (uvo.pk, casus_c.pk) in _punten(wereld.medewerkers[Rol.SWV_CONSULENT])
    # when the agenda is published again
    Overleg.objects.filter(pk=uvo.pk).update(
        agenda_gepubliceerd_op=timezone.now() - timedelta(minutes=5)
    )
    diensten.publiceer_agenda(uvo, leerplicht)
    # then every member is notified a second time, with the new count
    meldingen = Notificatie.objects.filter(
        soort="agenda_gepubliceerd", ontvanger=wereld.medewerkers[Rol.JEUGDARTS]
    )
    assert sorted(n.gegevens["aantal"] for n in meldingen) == [2, 3]
    # and no case gets a second history row for this meeting
    assert CasusGebeurtenis.objects.filter(soort=Soort.AGENDA).count() == 3


def test_een_agenda_zonder_open_punten_wordt_niet_gepubliceerd(wereld: Wereld) -> None:
    overleg = _uvo(wereld, wereld.medewerkers[Rol.JEUGDARTS])
    with pytest.raises(diensten.OverlegNietMogelijk):
        diensten.publiceer_agenda(overleg, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    overleg.refresh_from_db()
    assert overleg.agenda_gepubliceerd_op is None
    assert not Notificatie.objects.exists()


def test_wie_het_overleg_niet_ziet_publiceert_niet(wereld: Wereld, uvo: Overleg) -> None:
    # the school is no member and does not see the meeting
    with pytest.raises(diensten.OverlegNietMogelijk):
        diensten.publiceer_agenda(uvo, wereld.medewerkers[Rol.SCHOOLMEDEWERKER])
    uvo.refresh_from_db()
    assert uvo.agenda_gepubliceerd_op is None
    assert not Notificatie.objects.exists()
    assert not CasusGebeurtenis.objects.filter(soort=Soort.AGENDA).exists()


# --- which items the members see -----------------------------------------------------------


def test_leden_zien_precies_de_gepubliceerde_punten_van_hun_eigen_overleg(
    wereld: Wereld, uvo: Overleg, casus_a: Casus, casus_b: Casus, casus_c: Casus
) -> None:
    m = wereld.medewerkers
    leerplicht = m[Rol.LEERPLICHTAMBTENAAR]
    # another meeting, with case C, where only the intervention team is a member, published
    ander = _uvo(wereld, m[Rol.INTERVENTIETEAMLID])
    diensten.agendeer(overleg=ander, casus=casus_c, door=leerplicht)
    diensten.publiceer_agenda(ander, leerplicht)
    # before publication the members see nothing of the UVO
    for wie in (Rol.JEUGDARTS, Rol.SWV_CONSULENT, Rol.GEZINSWERKER):
        assert _punten(m[wie]) == set()
    # after it, the chair and members see exactly cases A and B of this meeting
    diensten.publiceer_agenda(uvo, leerplicht)
    for wie in (Rol.JEUGDARTS, Rol.SWV_CONSULENT, Rol.GEZINSWERKER):
        assert _punten(m[wie]) == {(uvo.pk, casus_a.pk), (uvo.pk, casus_b.pk)}
    # and the other meeting's member only case C there
    assert _punten(m[Rol.INTERVENTIETEAMLID]) == {(ander.pk, casus_c.pk)}
    # a non-member (the school, policy staff) sees no item as a member
    for wie in (Rol.SCHOOLMEDEWERKER, Rol.BELEIDSMEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER):
        assert _punten(m[wie]) == set()
    # and seeing them does not make anyone see the case itself
    for wie in (Rol.JEUGDARTS, Rol.SWV_CONSULENT, Rol.GEZINSWERKER):
        assert not ziet_casus(m[wie], casus_a)
        assert not Deelnemer.objects.filter(medewerker=m[wie]).exists()


def test_na_het_besluit_ziet_het_lid_het_punt_niet_meer(
    wereld: Wereld, uvo: Overleg, casus_a: Casus, casus_b: Casus
) -> None:
    m = wereld.medewerkers
    leerplicht = m[Rol.LEERPLICHTAMBTENAAR]
    diensten.publiceer_agenda(uvo, leerplicht)
    punt_a = uvo.agendapunten.get(casus=casus_a)
    punt_b = uvo.agendapunten.get(casus=casus_b)
    # when the meeting's decision for A is recorded, and B is postponed
    diensten.leg_besluit_vast(agendapunt=punt_a, door=leerplicht, besluit="Terug naar school")
    diensten.leg_besluit_vast(agendapunt=punt_b, door=leerplicht, aangehouden=True)
    # then the members see neither any more
    assert _punten(m[Rol.JEUGDARTS]) == set()
    assert not m[Rol.JEUGDARTS].has_perm("regie.view_agendapunt", punt_a)
    # while Leerplicht, who sees the cases, still sees both items with their case
    assert set(zichtbare_agendapunten(leerplicht).values_list("pk", flat=True)) == {
        punt_a.pk,
        punt_b.pk,
    }


def test_een_vervolgactie_van_het_besluit_maakt_de_uitvoerder_deelnemer(
    wereld: Wereld, uvo: Overleg, casus_a: Casus, casus_b: Casus
) -> None:
    m = wereld.medewerkers
    leerplicht = m[Rol.LEERPLICHTAMBTENAAR]
    swv = m[Rol.SWV_CONSULENT]
    diensten.publiceer_agenda(uvo, leerplicht)
    punt = uvo.agendapunten.get(casus=casus_a)
    assert not ziet_casus(swv, casus_a)
    # when the decision gives the SWV consultant an action
    diensten.leg_besluit_vast(
        agendapunt=punt,
        door=leerplicht,
        besluit="TLV aanvragen",
        acties=[
            diensten.Vervolgactie(
                wat="TLV-aanvraag indienen",
                uiterlijk=timezone.localdate() + timedelta(days=14),
                wie=swv,
            )
        ],
    )
    # then she takes part in the case on the ground "actie" and sees it, and is notified
    deelnemer = Deelnemer.objects.get(casus=casus_a, medewerker=swv)
    assert deelnemer.grond == Deelnemer.Grond.ACTIE
    assert ziet_casus(swv, casus_a)
    assert Notificatie.objects.filter(ontvanger=swv, soort="actie_toegewezen").count() == 1
    # and the agenda item itself no longer shows to her as a member
    assert not swv.has_perm("regie.view_agendapunt", punt)
    # while the youth doctor, a member without an action, sees neither the item nor the case
    # (only case B, still to be discussed)
    assert _punten(m[Rol.JEUGDARTS]) == {(uvo.pk, casus_b.pk)}
    assert not ziet_casus(m[Rol.JEUGDARTS], casus_a)


def test_de_vraag_aan_het_overleg_wordt_bewaard_tot_het_besluit(
    wereld: Wereld, uvo: Overleg, casus_a: Casus
) -> None:
    leerplicht = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    punt = uvo.agendapunten.get(casus=casus_a)
    diensten.stel_vraag(agendapunt=punt, door=leerplicht, vraag="  Is een TLV nodig?  ")
    punt.refresh_from_db()
    assert punt.vraag == "Is een TLV nodig?"
    diensten.leg_besluit_vast(agendapunt=punt, door=leerplicht, besluit="Ja")
    with pytest.raises(diensten.OverlegNietMogelijk), transaction.atomic():
        diensten.stel_vraag(agendapunt=punt, door=leerplicht, vraag="Iets anders")
    punt.refresh_from_db()
    assert (punt.vraag, punt.status) == ("Is een TLV nodig?", Agendapunt.Status.BESPROKEN)


def test_een_inactief_lid_ziet_niets_en_krijgt_geen_melding(wereld: Wereld, uvo: Overleg) -> None:
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    Medewerker.objects.filter(pk=jeugdarts.pk).update(is_active=False)
    jeugdarts.refresh_from_db()
    diensten.publiceer_agenda(uvo, wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR])
    assert _punten(jeugdarts) == set()
    assert not Notificatie.objects.filter(ontvanger=jeugdarts).exists()
