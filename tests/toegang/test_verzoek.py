# SPDX-License-Identifier: EUPL-1.2
"""Within one request "may this user see this case" is asked of the database once; outside a
request every check asks again, so a change (a new participant) is seen at once."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test.utils import CaptureQueriesContext

from binnenboord.regie import services
from binnenboord.toegang.models import Rol
from binnenboord.toegang.verzoek import AntwoordenPerVerzoek
from tests.regie.factories import open_casus
from tests.wereld import Wereld


def test_een_verzoek_vraagt_eenmaal_en_buiten_een_verzoek_vraagt_elke_controle(
    wereld: Wereld,
) -> None:
    school = wereld.medewerkers[Rol.SCHOOLMEDEWERKER]
    jeugdarts = wereld.medewerkers[Rol.JEUGDARTS]
    casus = open_casus(wereld.leerlingen["demodam_school1"], school)

    # outside a request: not a participant, then a participant, seen at once
    assert not jeugdarts.has_perm("regie.view_casus", casus)
    services.voeg_deelnemer_toe(
        casus=casus, door=school, soort="professional", medewerker=jeugdarts
    )
    assert jeugdarts.has_perm("regie.view_casus", casus)
    with CaptureQueriesContext(connection) as buiten:
        for _ in range(5):
            assert jeugdarts.has_perm("regie.view_casus", casus)

    # within a request: the same five checks take the queries of one
    def view(request: HttpRequest) -> HttpResponse:
        for _ in range(5):
            assert jeugdarts.has_perm("regie.view_casus", casus)
        return HttpResponse("ok")

    with CaptureQueriesContext(connection) as binnen:
        AntwoordenPerVerzoek(view)(HttpRequest())
    assert len(binnen) * 5 == len(buiten)
    # and the store does not outlive the request
    with CaptureQueriesContext(connection) as daarna:
        assert jeugdarts.has_perm("regie.view_casus", casus)
    assert len(daarna) == len(binnen)
