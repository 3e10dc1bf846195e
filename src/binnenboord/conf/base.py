# SPDX-License-Identifier: EUPL-1.2
"""Settings shared by every environment. Every environment variable is documented in
docs/configuratie.md; the thin modules dev/test/production only change what differs."""

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

import environ

from .logboek import logging_config
from .sentry import start_sentry

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    # the flow: registratie -> signalering -> regie -> monitoring, with toegang and
    # verantwoording around it, and gedeeld (shared, no tables of its own) under all of them
    "binnenboord.gedeeld",
    "binnenboord.toegang",
    "binnenboord.verantwoording",
    "binnenboord.notificaties",
    "binnenboord.registratie",
    "binnenboord.signalering",
    "binnenboord.regie",
    "binnenboord.monitoring",
    "binnenboord.api",
    "binnenboord.web",
    "binnenboord.portaal",
    "binnenboord.beheer",
    "binnenboord.demo",
    # after binnenboord.web: our two_factor/*.html templates (Dutch, in base.html) come first
    "two_factor",
]

MIDDLEWARE = [
    # first: the request id in every log line, auditlog's cid and the response (conf/verzoek.py)
    "binnenboord.conf.verzoek.VerzoekId",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # after whitenoise (static files keep their caching): every other answer is no-store
    "binnenboord.web.cache.NietBewaren",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "binnenboord.web.tweestaps.TweestapsMiddleware",
    # a NUL character in the query string is a 400 page, before any view reads it
    "binnenboord.web.invoer.GeenNulTekens",
    # within one request, "may this user see this case/pupil" is asked of the database once
    "binnenboord.toegang.verzoek.AntwoordenPerVerzoek",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # last, so that it sees the outcome of every log-in attempt (django-axes' requirement)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "binnenboord.conf.urls"
WSGI_APPLICATION = "binnenboord.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "binnenboord.web.context_processors.navigatie",
                "binnenboord.notificaties.context_processors.notificaties",
            ],
        },
    },
]

# Radio and checkbox groups in the NL Design System markup, for every form (docs/schermen.md)
FORM_RENDERER = "binnenboord.gedeeld.forms.Weergave"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'demo.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "toegang.Medewerker"
AUTHENTICATION_BACKENDS = [
    # first: refuses a locked-out username+IP before the password is even checked
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # the portal's DigiD log-in (binnenboord.portaal.oidc): answers only the portal's own
    # OpenID Connect callback and never gives a staff log-in
    "binnenboord.portaal.oidc.PortaalOIDCBackend",
    # staff log-in with the own organisation (binnenboord.toegang.oidc): answers only its own
    # callback, with the Inlogkoppeling the log-in started with
    "binnenboord.toegang.oidc.InlogkoppelingBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:vandaag"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after SESSION_IDLE_MINUTES of inactivity: every request renews the cookie.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Two-step verification (TOTP, django-otp + django-two-factor-auth) for every account: after the
# password, every page asks for the code of the authenticator app (or a backup code) until the
# session is verified; an account without an app is sent to set one up (docs/beveiliging.md).
# Only the demo and the unit tests switch it off; production refuses that (web/checks.py).
TWEESTAPS_VERPLICHT = env.bool("TWEESTAPS_VERPLICHT", default=True)
PRODUCTIE = False
OTP_TOTP_ISSUER = "Binnenboord"

# Lock-out after AXES_FAILURE_LIMIT failed log-ins for one user name from one IP address, for
# AXES_COOLOFF_MINUTES; `manage.py axes_reset_username <naam>` lifts it sooner.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "binnenboord.web.views.geblokkeerd"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# Behind a reverse proxy the client is the last address the proxy added (docs/beheer.md).
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Content Security Policy (django-csp 4): only our own origin; no inline script or style
# element anywhere (the charts are inline SVG with presentation attributes, htmx's indicator
# style is switched off in base.html). The API's interactive documentation brings its own
# inline bootstrap and is left out (docs/beveiliging.md).
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "EXCLUDE_URL_PREFIXES": ("/api/docs/",),
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
NODE_MODULES = Path(env.str("NODE_MODULES", default=str(BASE_DIR / "node_modules")))
STATICFILES_DIRS = [
    ("nlds", str(NODE_MODULES / "@utrecht" / "component-library-css" / "dist")),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Change history (django-auditlog): BSN never stored in clear text in a diff.
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_INCLUDE_ALL_MODELS = False
# The correlation id (LogEntry.cid) is the request id of conf/verzoek.py (or a task's id).
AUDITLOG_CID_GETTER = "binnenboord.conf.verzoek.verzoek_id"

# The holiday region for a pupil without a school (noord/midden/zuid).
SCHOOLREGIO = env.str("SCHOOLREGIO", default="noord")

# Signal thresholds per municipality (CBS code) where a city deviates from docs/domein.md, e.g.
# {"0363": {"verborgen_thuiszitters_meetellen": true}}; the names are kern.signalen.Drempels'.
SIGNAAL_DREMPELS: dict[str, dict[str, object]] = env.json("SIGNAAL_DREMPELS", default={})

# The escalation model of a new case (a code of kern.aanpak.AANPAKKEN): AANPAK everywhere,
# unless AANPAK_PER_GEBIED names the pupil's home municipality (CBS code), e.g.
# {"0344": "utrecht_kernpartners"}. A case keeps the model it opened under. Checked at start-up.
AANPAK = env.str("AANPAK", default="amsterdam_drie_fasen")
AANPAK_PER_GEBIED: dict[str, str] = env.json("AANPAK_PER_GEBIED", default={})

# E-mail (the daily job `binnenboord termijnen` notifies the people concerned): SMTP in
# production, the console in development and the demo, memory in tests. SITE_URL is where the
# links in a message point to.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Binnenboord <binnenboord@localhost>")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# How many days a one-time log-in link (binnenboord inrichten, an invitation) works.
EENMALIGE_LINK_DAGEN = env.int("EENMALIGE_LINK_DAGEN", default=7)

# Shows a banner that all data is fictitious.
DEMO_MODUS = env.bool("DEMO_MODUS", default=False)

# File imports (docs/importeren.md). A file larger than IMPORT_MAX_MB, or with more than
# IMPORT_MAX_RIJEN rows, is refused as a whole; an XLSX may unpack to at most 5 x IMPORT_MAX_MB.
# Of the rejected rows the first IMPORT_MAX_AFWIJZINGEN are stored for the report, the rest only
# counted. An API upload of more than IMPORT_API_DIRECT_RIJEN rows runs in the background (202).
IMPORT_MAX_MB = env.int("IMPORT_MAX_MB", default=100)
IMPORT_MAX_RIJEN = env.int("IMPORT_MAX_RIJEN", default=1_000_000)
IMPORT_MAX_AFWIJZINGEN = env.int("IMPORT_MAX_AFWIJZINGEN", default=10_000)
IMPORT_API_DIRECT_RIJEN = env.int("IMPORT_API_DIRECT_RIJEN", default=1_000)

# Background tasks (the file imports, the signal run after an absence import, the exports of
# the figures, e-mail): django-tasks with its database backend, so the web processes stay
# stateless; `binnenboord db_worker` runs them (docs/beheer.md). TASKS_BACKEND "immediate" runs a
# task inside the request (only for tests and debugging).
TAKENBACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": TAKENBACKENDS[env.str("TASKS_BACKEND", default="database")],
        "QUEUES": ["default"],
    }
}
# Readiness (/gezondheid/klaar, conf/gezondheid.py): the task worker counts as stale when a
# ready task waits longer than this many seconds without being picked up.
GEZONDHEID_WACHTRIJ_SECONDEN = env.int("GEZONDHEID_WACHTRIJ_SECONDEN", default=300)

# An export of the figures (PDF, Excel) made in the background is kept this many hours, then
# removed with its file (monitoring.exporten.ruim_op; docs/monitoring.md).
EXPORT_BEWAAR_UUR = env.int("EXPORT_BEWAAR_UUR", default=24)

# Logging through structlog with BSN redaction; JSON lines when LOG_JSON is on (production).
LOG_JSON = env.bool("LOG_JSON", default=False)
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = logging_config(json=LOG_JSON, niveau=LOG_LEVEL)

# Error reporting to Sentry (conf/sentry.py) only when SENTRY_DSN is set; no personal data, and
# every BSN scrubbed by the log lines' own redaction (docs/beheer.md).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="productie")
start_sentry(SENTRY_DSN, omgeving=SENTRY_ENVIRONMENT)

# The REST API's settings live beside it in conf/api.py (docs/api.md).
from .api import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: E402, F401

# Unusual access (verantwoording.ongebruikelijk): a staff member who opens at least
# `aantal_leerlingen` different pupils' files within `venster_minuten`, looked back over
# `periode_dagen`.
VERANTWOORDING_ONGEBRUIKELIJK = env.json(
    "VERANTWOORDING_ONGEBRUIKELIJK",
    default={"venster_minuten": 60, "aantal_leerlingen": 30, "periode_dagen": 7},
)

# Retention (verantwoording.bewaartermijnen, docs/bewaartermijnen.md): per record type the term
# in years, the action and its legal source. A pupil's file goes when both the leerplicht and
# the kwalificatieplicht term have passed; the access log is never kept shorter than 5 years.
BEWAARTERMIJNEN: dict[str, dict[str, Any]] = env.json(
    "BEWAARTERMIJNEN",
    default={
        "leerplicht": {
            "jaren": 19,
            "actie": "verwijderen",
            "bron": "Selectielijst gemeenten 2020, 12.1.3 (19 jaar na de geboortedatum)",
        },
        "kwalificatieplicht": {
            "jaren": 2,
            "actie": "verwijderen",
            "bron": "Selectielijst gemeenten 2020, 12.1.4 (2 jaar na het einde)",
        },
        "proces_verbaal": {
            "jaren": 5,
            "actie": "verwijderen",
            "bron": "Wet politiegegevens art. 14 (5 jaar na de eerste verwerking)",
        },
        "inzagelog": {
            "jaren": 5,
            "actie": "verwijderen",
            "bron": "NEN 7513 (ten minste 5 jaar)",
        },
    },
)

# --- Relatie: the portal for parents and the pupil (docs/relatie.md) ----------------------
# The age rules, with their legal basis in docs/relatie.md, "Leeftijdsregels": a pupil gets
# an account of their own from PORTAAL_LEEFTIJD_LEERLING; from PORTAAL_LEEFTIJD_TOESTEMMING a
# parent sees the case only with the pupil's consent.
PORTAAL_LEEFTIJD_LEERLING = env.int("PORTAAL_LEEFTIJD_LEERLING", default=12)
PORTAAL_LEEFTIJD_TOESTEMMING = env.int("PORTAAL_LEEFTIJD_TOESTEMMING", default=16)
# How long a one-time invitation code is valid, and how long after closing the family still
# reads the case (their letters, the closing questionnaire).
PORTAAL_CODE_GELDIG_DAGEN = env.int("PORTAAL_CODE_GELDIG_DAGEN", default=30)
PORTAAL_NA_AFSLUITING_DAGEN = env.int("PORTAAL_NA_AFSLUITING_DAGEN", default=90)
# Log-in with the invitation code and a password: the demo's way in, and a fallback where no
# DigiD provider is configured. Production switches it off (production.py).
PORTAAL_INLOG_MET_CODE = env.bool("PORTAAL_INLOG_MET_CODE", default=True)
# DigiD through an OpenID Connect provider (a DigiD broker), with mozilla-django-oidc. The BSN
# comes from the claim PORTAAL_OIDC_BSN_CLAIM. Empty client id: the DigiD button is hidden.
PORTAAL_OIDC_RP_CLIENT_ID = env.str("PORTAAL_OIDC_RP_CLIENT_ID", default="")
PORTAAL_OIDC_RP_CLIENT_SECRET = env.str("PORTAAL_OIDC_RP_CLIENT_SECRET", default="")
PORTAAL_OIDC_OP_AUTHORIZATION_ENDPOINT = env.str(
    "PORTAAL_OIDC_OP_AUTHORIZATION_ENDPOINT", default=""
)
PORTAAL_OIDC_OP_TOKEN_ENDPOINT = env.str("PORTAAL_OIDC_OP_TOKEN_ENDPOINT", default="")
PORTAAL_OIDC_OP_USER_ENDPOINT = env.str("PORTAAL_OIDC_OP_USER_ENDPOINT", default="")
PORTAAL_OIDC_OP_JWKS_ENDPOINT = env.str("PORTAAL_OIDC_OP_JWKS_ENDPOINT", default="")
PORTAAL_OIDC_RP_SIGN_ALGO = env.str("PORTAAL_OIDC_RP_SIGN_ALGO", default="RS256")
PORTAAL_OIDC_RP_SCOPES = env.str("PORTAAL_OIDC_RP_SCOPES", default="openid bsn")
PORTAAL_OIDC_BSN_CLAIM = env.str("PORTAAL_OIDC_BSN_CLAIM", default="bsn")
PORTAAL_OIDC_USE_PKCE = env.bool("PORTAAL_OIDC_USE_PKCE", default=True)
