# SPDX-License-Identifier: EUPL-1.2
"""Start-up checks for production, importable without starting production."""

from django.core.exceptions import ImproperlyConfigured

INSECURE_PREFIXES = ("django-insecure", "test-", "changeme", "geheim")


def check_production_settings(*, secret_key: str, debug: bool, database_url: str | None) -> None:
    """Raise ImproperlyConfigured when the production settings are unsafe."""
    if debug:
        raise ImproperlyConfigured("DEBUG mag in productie niet aan staan.")
    if len(secret_key) < 50 or secret_key.startswith(INSECURE_PREFIXES):
        raise ImproperlyConfigured(
            "SECRET_KEY ontbreekt, is korter dan 50 tekens of is een standaardwaarde."
        )
    if not database_url:
        raise ImproperlyConfigured("DATABASE_URL ontbreekt (PostgreSQL is verplicht in productie).")
