# SPDX-License-Identifier: EUPL-1.2
"""E-mail of notifications (issue 15, §4): "direct" sends one message after the commit, through
the background task (also through a real `binnenboord db_worker` process), "dagelijks" (no
choice made) waits for the daily digest, which mails each notification once, "nooit" never;
what was read in the application is not mailed; a message names no pupil."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from binnenboord.notificaties.bezorging import verstuur_digest
from binnenboord.notificaties.models import Notificatie
from binnenboord.notificaties.services import kies_voorkeur, notificeer
from binnenboord.registratie.models import School
from binnenboord.signalering.services.melding import maak_thuiszittermelding
from binnenboord.toegang.models import Medewerker, Organisatie, Rol
from tests.factories import InschrijvingFactory, LeerlingFactory
from tests.taken import DATABASE_BACKEND, draai_worker
from tests.wereld import Wereld, bouw_wereld


def _lpa(wereld: Wereld, mail: str | None = None) -> Medewerker:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    lpa.email = "lpa@example.nl"
    lpa.save(update_fields=["email"])
    if mail:
        kies_voorkeur(medewerker=lpa, mail=mail)
    return lpa


def _casus_notificatie(ontvanger: Medewerker, casus: int) -> None:
    notificeer(
        [ontvanger],
        "actie_toegewezen",
        url=reverse("regie:casus", args=[casus]),
        gegevens={"casus": casus, "datum": "2026-12-18"},
        sleutel=f"test:{casus}",
    )


def test_direct_mailt_na_de_commit_een_bericht_met_de_nieuwe_notificaties(
    wereld: Wereld, django_capture_on_commit_callbacks: Any
) -> None:
    lpa = _lpa(wereld, "direct")
    # inside the transaction nothing is sent; at the commit one message
    with django_capture_on_commit_callbacks(execute=True) as na_commit:
        _casus_notificatie(lpa, 8101)
        assert mail.outbox == []
    assert len(na_commit) == 1
    [bericht] = mail.outbox
    assert bericht.to == ["lpa@example.nl"]
    assert bericht.subject == "Binnenboord: 1 nieuwe notificatie"
    assert "- U hebt een actie gekregen in casus 8101, uiterlijk 18-12-2026." in bericht.body
    assert f"{settings.SITE_URL.rstrip('/')}{reverse('regie:casus', args=[8101])}" in bericht.body
    assert reverse("notificaties:voorkeur") in bericht.body
    assert Notificatie.objects.get().gemaild_op is not None
    # the next one: a message with only the new notification
    with django_capture_on_commit_callbacks(execute=True):
        _casus_notificatie(lpa, 8102)
    assert len(mail.outbox) == 2
    assert "8102" in mail.outbox[1].body
    assert "8101" not in mail.outbox[1].body
    # and the digest sends nothing more
    assert verstuur_digest().mails == 0


def test_wie_niet_direct_koos_krijgt_na_de_commit_geen_mail(
    wereld: Wereld, django_capture_on_commit_callbacks: Any
) -> None:
    lpa = _lpa(wereld)
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    kies_voorkeur(medewerker=school, mail="nooit")
    with django_capture_on_commit_callbacks(execute=True) as na_commit:
        _casus_notificatie(lpa, 8103)
        _casus_notificatie(school, 8104)
    assert na_commit == []  # no task queued at all
    assert mail.outbox == []


def test_de_samenvatting_mailt_elke_notificatie_een_keer(wereld: Wereld) -> None:
    # given two notifications of a staff member who made no choice (daily), one of someone
    # who chose never, and one already read
    lpa = _lpa(wereld)
    _casus_notificatie(lpa, 8105)
    _casus_notificatie(lpa, 8106)
    _casus_notificatie(lpa, 8107)
    Notificatie.objects.filter(gegevens__casus=8107).update(gelezen_op=timezone.now())
    nooit = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    nooit.email = "school@example.nl"
    nooit.save()
    kies_voorkeur(medewerker=nooit, mail="nooit")
    _casus_notificatie(nooit, 8108)

    # when the digest runs
    uitkomst = verstuur_digest()

    # then one message with the two unread ones, each marked mailed
    assert (uitkomst.mails, uitkomst.notificaties) == (1, 2)
    [bericht] = mail.outbox
    assert bericht.to == ["lpa@example.nl"]
    assert bericht.subject == "Binnenboord: 2 nieuwe notificaties"
    assert bericht.body.count("\n- ") == 2
    assert "8107" not in bericht.body
    assert set(Notificatie.objects.filter(gemaild_op__isnull=False).values_list(
        "gegevens__casus", flat=True)) == {8105, 8106}  # fmt: skip
    # and again: nothing
    mail.outbox.clear()
    assert verstuur_digest().mails == 0
    assert mail.outbox == []


def test_een_medewerker_zonder_adres_wordt_geteld_en_later_alsnog_gemaild(wereld: Wereld) -> None:
    lpa = wereld.medewerkers[Rol.LEERPLICHTAMBTENAAR]
    _casus_notificatie(lpa, 8109)
    assert (verstuur_digest().zonder_adres, mail.outbox) == (1, [])
    lpa.email = "lpa@example.nl"
    lpa.save()
    assert verstuur_digest().mails == 1


def test_het_commando_verstuurt_de_samenvatting(wereld: Wereld) -> None:
    _casus_notificatie(_lpa(wereld), 8110)
    uit = StringIO()
    call_command("notificaties", "--digest", stdout=uit)
    assert "1 e-mails verstuurd met 1 notificaties" in uit.getvalue()
    assert len(mail.outbox) == 1
    call_command("notificaties", "--digest", stdout=uit)
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError):
        call_command("notificaties")


def test_een_mail_over_een_melding_noemt_de_leerling_niet(
    wereld: Wereld, django_capture_on_commit_callbacks: Any
) -> None:
    # given a pupil with a name found nowhere else, and Leerplicht and the SWV on "direct"
    school = School.objects.get(organisatie__naam="Het Baken")
    school.samenwerkingsverband = Organisatie.objects.get(naam="SWV Demodam")
    school.save()
    leerling: Any = LeerlingFactory(
        voornamen="Quirijntje",
        achternaam="Zeldzaamheidsma",
        woongemeente=wereld.leerlingen["demodam_school1"].woongemeente,
    )
    InschrijvingFactory(leerling=leerling, school=school)
    lpa = _lpa(wereld, "direct")
    swv = wereld.medewerkers[Rol.SWV_CONSULENT]
    swv.email = "swv@example.nl"
    swv.save()
    kies_voorkeur(medewerker=swv, mail="direct")

    # when the school sends a stay-at-home melding about her
    with django_capture_on_commit_callbacks(execute=True):
        melding = maak_thuiszittermelding(
            leerling=leerling,
            door=wereld.medewerkers[Rol.SCHOOLMEDEWERKER],
            soort="thuiszitter",
            omschrijving="Quirijntje Zeldzaamheidsma zit thuis.",
        )

    # then both get a message with the melding's number and link, and not her name or BSN
    assert sorted(m.to[0] for m in mail.outbox) == ["lpa@example.nl", "swv@example.nl"]
    for bericht in mail.outbox:
        tekst = bericht.subject + bericht.body
        assert f"nummer {melding.pk}" in tekst
        assert reverse("meldingen:melding", args=[melding.pk]) in tekst
        for kenmerk in ("Quirijntje", "Zeldzaamheidsma", leerling.bsn, "thuis."):
            assert kenmerk not in tekst
    assert lpa.notificaties.get().gegevens == {  # type: ignore[attr-defined]
        "melding": melding.pk,
        "melding_soort": "thuiszitter",
    }


@pytest.mark.django_db(transaction=True)
def test_een_echt_werkproces_mailt_direct_na_de_commit(settings: Any) -> None:
    # given the database task backend and a staff member who chose "direct"
    settings.TASKS = DATABASE_BACKEND
    wereld = bouw_wereld()
    lpa = _lpa(wereld, "direct")

    # when a notification is written in a transaction: the task is queued at the commit
    with transaction.atomic():
        _casus_notificatie(lpa, 8111)
        assert not DBTaskResult.objects.exists()
    [taak] = DBTaskResult.objects.all()
    assert taak.args_kwargs["args"] == [[lpa.pk]]
    assert Notificatie.objects.get().gemaild_op is None

    # and a real worker process runs it
    worker = draai_worker()
    assert worker.returncode == 0, worker.stderr[-3000:]

    # then the notification is mailed (by the worker: its e-mail is not this process's outbox)
    taak.refresh_from_db()
    assert taak.status == "SUCCESSFUL"
    assert taak.return_value == 1
    assert Notificatie.objects.get().gemaild_op is not None
    assert verstuur_digest().mails == 0
