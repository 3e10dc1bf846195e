# SPDX-License-Identifier: EUPL-1.2
"""Password rules: at least 12 characters, not a common password, not only digits, not like
the user's own name."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

import pytest

from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("wachtwoord", "reden"),
    [
        ("Kort-1!", "password_too_short"),
        ("elfletters!", "password_too_short"),
        ("123456789012345", "password_entirely_numeric"),
        ("password1234", "password_too_common"),
        ("janneke.devries", "password_too_similar"),
    ],
)
def test_een_zwak_wachtwoord_wordt_geweigerd(wachtwoord: str, reden: str) -> None:
    gebruiker = MedewerkerFactory.build(
        username="janneke.devries", first_name="Janneke", last_name="de Vries"
    )
    with pytest.raises(ValidationError) as fout:
        validate_password(wachtwoord, gebruiker)
    assert reden in {e.code for e in fout.value.error_list}


def test_een_lang_ongebruikelijk_wachtwoord_wordt_aanvaard() -> None:
    gebruiker = MedewerkerFactory.build(username="janneke.devries", first_name="Janneke")
    validate_password("fiets-regen-Kompas-42", gebruiker)  # raises when refused

    with pytest.raises(ValidationError):
        validate_password("fiets-regen", gebruiker)
