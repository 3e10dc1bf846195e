# SPDX-License-Identifier: EUPL-1.2
"""Review of issue 18 (NOT committed: a design question for beheer): GGD Demodam serves Demodam
and Buurdorp, so both administrators manage its staff. Buurdorp's administrator can then
change the e-mail address of the GGD's youth doctor in Demodam's kernteam and invite it
again: the one-time link goes to Buurdorp's address, and an account without an authenticator
app yet is Buurdorp's from then on."""

from __future__ import annotations

from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.toegang.models import Kernteam, Medewerker, Rol
from tests.beheer.regio import Regio, bouw_regio

pytestmark = pytest.mark.django_db


def test_een_andere_gemeente_stuurt_de_link_van_een_kernteamlid_niet_naar_zichzelf(
    django_capture_on_commit_callbacks,
) -> None:
    regio: Regio = bouw_regio()
    arts: Medewerker = regio.wereld.medewerkers[Rol.JEUGDARTS]
    assert arts.organisatie == regio.organisaties["GGD Demodam"]
    Kernteam.objects.create(school=regio.organisaties["Het Baken"], jeugdarts=arts)
    arts.set_unusable_password()
    arts.save()
    client = Client()
    client.force_login(regio.beheerder_buurdorp)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("beheer:medewerker", args=[arts.pk]),
            {
                "first_name": arts.first_name,
                "last_name": arts.last_name,
                "email": "kaper@buurdorp.example",
                "organisatie": arts.organisatie_id,
                "rol": arts.rol,
            },
        )
        client.post(reverse("beheer:medewerker_uitnodigen", args=[arts.pk]))

    assert not [b for b in mail.outbox if "kaper@buurdorp.example" in b.to]
