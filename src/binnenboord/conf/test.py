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
# Background tasks run inside the request, so a test sees the finished import; the test of the
# real worker (tests/registratie/test_import_achtergrond.py) starts `binnenboord db_worker` with
# TASKS_BACKEND=database and switches this process to the database backend too.
TASKS = {
    "default": {
        "BACKEND": TAKENBACKENDS[env.str("TASKS_BACKEND", default="immediate")],  # noqa: F405
        "QUEUES": ["default"],
    }
}
