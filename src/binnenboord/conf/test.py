# SPDX-License-Identifier: EUPL-1.2
"""Tests: PostgreSQL only. HOST and PORT are filled in by the throwaway cluster that
tests/conftest.py starts; TEST_DATABASE_URL may point at another server instead."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-" + "x" * 60
DATABASES = {
    "default": env.db(
        "TEST_DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/binnenboord"
    ),
}
# Hashing with argon2 costs seconds over a test run; the hasher is not under test.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests log in with force_login, which knows nothing of a second step. The enforcement
# itself is tested with it switched on (tests/beveiliging), and the end-to-end tests type a real
# TOTP code (tests/e2e/conftest.py).
TWEESTAPS_VERPLICHT = False
