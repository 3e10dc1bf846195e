# SPDX-License-Identifier: EUPL-1.2
from io import StringIO

from django.core.management import call_command

import pytest


@pytest.mark.django_db
def test_the_migrations_match_the_models() -> None:
    uitvoer = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=uitvoer)
    assert "No changes detected" in uitvoer.getvalue()
