# SPDX-License-Identifier: EUPL-1.2
"""Production: refuses to start without its secrets or with DEBUG on."""

from .base import *  # noqa: F403
from .base import env
from .checks import check_production_settings
from .logboek import logging_config

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
check_production_settings(
    secret_key=SECRET_KEY, debug=DEBUG, database_url=env.str("DATABASE_URL", default="")
)
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# TLS ends at the reverse proxy, which must set X-Forwarded-Proto (docs/beveiliging.md).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# a load balancer asks the health checks over plain HTTP (conf/gezondheid.py)
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,  # noqa: F405
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],  # noqa: F405
        "upgrade-insecure-requests": True,
    },
}

# Never relaxed in production, whatever the environment says: the web check
# binnenboord.E001 stops the start if someone changes this line.
PRODUCTIE = True
TWEESTAPS_VERPLICHT = True
DEMO_MODUS = env.bool("DEMO_MODUS", default=False)
# parents and pupils log in with DigiD; the code and password log-in is for the demo
PORTAAL_INLOG_MET_CODE = env.bool("PORTAAL_INLOG_MET_CODE", default=False)
LOG_JSON = env.bool("LOG_JSON", default=True)
LOGGING = logging_config(json=LOG_JSON, niveau=env.str("LOG_LEVEL", default="INFO"))
