"""Hardened settings for a public deployment behind HTTPS.

``DJANGO_SETTINGS_MODULE=vigie.production_settings manage.py check --deploy`` passes with no
warning once ``SECRET_KEY`` and ``ALLOWED_HOSTS`` are set; start-up is refused without them so a
deployment can never run on the development key.
"""

from django.core.exceptions import ImproperlyConfigured

from vigie.env import env_bool, env_int
from vigie.settings import *  # noqa: F403
from vigie.settings import DEVELOPMENT_SECRET_KEY, SECRET_KEY

DEBUG = False
if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
