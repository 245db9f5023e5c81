"""Vigie settings, read from environment variables.

One module serves every environment: the safe development defaults below (SQLite, console
email, DEBUG off unless asked for) are overridden by the environment in production; see
``vigie/production_settings.py`` for the hardened path checked by ``manage.py check --deploy``.
"""

import datetime
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from vigie.env import DEVELOPMENT_SECRET_KEY, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "data"

DEBUG = env_bool("DEBUG", default=False)
# The development key is only usable while DEBUG is on: any other process refuses to start with it
# (vigie.core.checks), and production_settings also refuses short keys.
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so that its admin integration registers
    "vigie.core.admin_apps.VigieAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "vigie.core",
    "vigie.atlas",
    "vigie.index",
    "vigie.un",
    "vigie.network",
    "vigie.surveys",
    "vigie.events",
    "vigie.learning",
    "vigie.campaign",
    "vigie.strategy",
    "vigie.countries",
    "vigie.opendata",
    "vigie.alerts",
    "vigie.library",
    "vigie.workspace",
    "vigie.api",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "vigie.core.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # last: looks a public page up once its URL is resolved (vigie.core.pagecache)
    "vigie.core.pagecache.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "vigie.urls"
WSGI_APPLICATION = "vigie.wsgi.application"
ASGI_APPLICATION = "vigie.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "vigie.core.context_processors.site",
            ],
        },
    },
]

_DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
# PostgreSQL: each process keeps its connection for a minute (opening one costs more than most
# requests) and checks it before reusing it, so a restarted database costs no error.
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=env_int(
            "DATABASE_CONN_MAX_AGE", 60 if _DATABASE_URL.startswith("postgres") else 0
        ),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers on the embedded database: write-ahead logging lets readers go on while
    # one connection writes; BEGIN IMMEDIATE takes the write lock when a transaction starts, so
    # a read-then-write transaction never fails to upgrade its lock half-way ("database is
    # locked"); writers wait their turn up to the timeout instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Password guessing: after AXES_FAILURE_LIMIT wrong passwords for one user name from one address,
# that pair is locked out (HTTP 429) for the cool-off time; a success resets the count. Locking
# the pair, not the user name alone, keeps an attacker from locking a person out of their account.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as the network writes them in English ("2 December 2020"): see vigie/formats/en.
FORMAT_MODULE_PATH = ["vigie.formats"]
# Translated content: each app's ``translation.py`` registers its translated fields with
# django-modeltranslation, which adds one column per language (``title_en``, ``title_fr``,
# ``title_es``). ``obj.title`` reads the active language, then English, then any language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "es")


def _verbose_name_in(verbose_name: str, language: str) -> str:
    """``title`` in French is labelled "title (French)" in forms and the admin."""
    return format_lazy("{} ({})", verbose_name, dict(LANGUAGES)[language])  # type: ignore[return-value]


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _verbose_name_in
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded files on a store shared by several machines: any S3-compatible service through
# django-storages (install it: `uv pip install "django-storages[s3]"`), when MEDIA_S3_BUCKET is set.
if env_str("MEDIA_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("MEDIA_S3_BUCKET"),
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("MEDIA_S3_REGION") or None,
            "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MAX_DOCUMENT_UPLOAD_BYTES = env_int("MAX_DOCUMENT_UPLOAD_MB", 20) * 1_000_000

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Vigie <vigie@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Two queues: "default" (emails, reminders, index computations) and "pages" (the pages computed
# again after each change of facts, which may take minutes), each with its own worker process so
# that a long computation never delays an email (Procfile, docs/operations.md).
TASK_QUEUES = ["default", "pages"]
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": TASK_QUEUES,
    }
}

# One cache shared by every process: the database's (table made by `manage.py migrate`), or Redis
# when CACHE_URL is set (redis://host:6379/0). Entries are keyed by the data version
# (vigie.core.freshness), so a change is seen by every process at once.
CACHE_URL = env_str("CACHE_URL", "")
CACHES: dict[str, dict[str, Any]] = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "vigie_cache",
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 50_000)},
        }
    ),
    # Each process's copy of the most read public pages of the shared cache, under the same keys
    # (the data version read from the database on every request): never stale either.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "vigie-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_LOCAL_ENTRIES", 300)},
    },
}
# Pages computed by the task worker after each change of facts (vigie.core.freshness), read by the
# pages: each function takes the data version and stores its results in the cache under it.
PRECOMPUTED_PAGES = [
    "vigie.strategy.progress.precompute_measures",
    "vigie.strategy.outputs.precompute_outputs",
    "vigie.countries.profile.precompute_profiles",
]
# Public pages answered to anonymous visitors from the shared cache, under the data version, the
# day and the language (vigie.core.pagecache): URL names, each open to every role
# (tests/test_url_walk.py). Pages of forms, personal links and staff are never listed. An entry
# lives PAGE_CACHE_SECONDS at most, for what changes with the hour (0: no page is cached).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
_PUBLIC_PAGES = {
    "core": "home",
    "atlas": "map map_json embed list measure jurisdiction",
    "index": "home edition map map_embed ranking_embed methodology unit unit_embed",
    "un": "home tracker codebook vote vote_embed session countries country joint_statement milestone",
    "network": "directory directory_embed directory_json organisation",
    "events": "list feed series series_ics detail ics",
    "strategy": "public plan measure measure_embed",
    "countries": "list profile",
    "surveys": "results compare",
    "library": "list feed detail citation",
    "api": "measures measure criteria strongest editions results list_votes get_vote reform_states"
    " country_record list_organisations get_organisation list_events get_event list_series"
    " get_series public_measures list_publications get_publication",
}
PUBLIC_PAGE_CACHE = frozenset(
    f"{app}:{name}" for app, names in _PUBLIC_PAGES.items() for name in names.split()
)
# Jobs the task worker runs on a schedule (vigie.core.periodic): name → task and minutes.
PERIODIC_JOBS: dict[str, dict[str, Any]] = {
    "event-reminders": {"task": "vigie.events.reminders.queue_event_reminders", "minutes": 10},
    "alert-digests": {"task": "vigie.alerts.digests.queue_alert_digests", "minutes": 60},
    "precomputed-pages": {"task": "vigie.core.freshness.refresh_precomputed", "minutes": 24 * 60},
    "prune-fact-changes": {"task": "vigie.core.freshness.prune_fact_changes", "minutes": 24 * 60},
    "prune-task-results": {"task": "vigie.core.periodic.prune_task_results", "minutes": 24 * 60},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Content-Security-Policy (django-csp): scripts, styles, data and frames from this site only. No
# inline script or style runs unless it carries the request's nonce ({{ request.csp_nonce }});
# no 'unsafe-inline', no 'unsafe-eval' (Vega charts evaluate their expressions with
# vega-interpreter: core/static/core/charts.js). Images may be data: URLs (icons of the API docs).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The public base address, used in emails and calendar files where no request is at hand.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
