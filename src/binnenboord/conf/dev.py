# SPDX-License-Identifier: EUPL-1.2
"""Development and demo: SQLite unless DATABASE_URL says otherwise, DEBUG on."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-alleen-voor-de-demo-en-ontwikkeling")
DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # The demo's web process and a command may write at once.
    DATABASES["default"]["OPTIONS"].update(  # noqa: F405
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEMO_MODUS = env.bool("DEMO_MODUS", default=True)
# The demo's accounts share one published password and have no authenticator app: in the demo
# (and only there) two-step verification is off unless switched on. Production cannot do this
# (web/checks.py and production.py).
TWEESTAPS_VERPLICHT = env.bool("TWEESTAPS_VERPLICHT", default=not DEMO_MODUS)
# Static files straight from the app folders and node_modules, no collectstatic needed.
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# The demo city runs a pilot district (postcodes 9990-9991 of Demodam) on the Utrecht model
# beside the Amsterdam model in the rest of the city (docs/monitoring.md, "Vergelijken").
AANPAK_PER_GEBIED = env.json(
    "AANPAK_PER_GEBIED", default={"9999:9990-9991": "utrecht_kernpartners"}
)
