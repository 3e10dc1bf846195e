# SPDX-License-Identifier: EUPL-1.2
"""Review attack on the staff side of the relatie (docs/relatie.md): what the family types in
the portal (a story, a reaction to the plan, a message, a correction request, a reply to a
meeting) is shown escaped on the case page, the message thread and Vandaag; never as HTML."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

import pytest

from binnenboord.regie.services import relatie
from binnenboord.regie.services.plan import sla_plan_op
from tests.portaal.hulp import gezin

pytestmark = pytest.mark.django_db

AANVAL = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def test_de_woorden_van_het_gezin_staan_ge_escaped_aan_de_kant_van_de_professional() -> None:
    g = gezin()
    assert g.ouder_toegang is not None and g.leerling_toegang is not None
    relatie.schrijf_verhaal(
        casus=g.casus,
        toegang=g.leerling_toegang,
        wat_speelt=AANVAL,
        wat_wil_ik=AANVAL,
        wat_heb_ik_nodig=AANVAL,
    )
    plan = sla_plan_op(casus=g.casus, door=g.regisseur, basis_versie=0, doel="Weer naar school")
    relatie.reageer_op_plan(plan=plan, eens=False, toelichting=AANVAL, toegang=g.ouder_toegang)
    relatie.stuur_bericht(toegang=g.ouder_toegang, tekst=AANVAL)
    relatie.vraag_correctie(toegang=g.ouder_toegang, wat=AANVAL[:300], toelichting=AANVAL)
    client = Client()
    client.force_login(g.regisseur)

    paginas = [
        reverse("regie:casus", args=[g.casus.pk]),
        reverse("regie:relatie_berichten", args=[g.casus.pk, g.ouder_toegang.pk]),
        reverse("web:vandaag"),
    ]
    for url in paginas:
        antwoord = client.get(url)
        assert antwoord.status_code == 200, url
        html = antwoord.content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
    casuspagina = client.get(paginas[0]).content.decode()
    assert "&lt;script&gt;alert(" in casuspagina
