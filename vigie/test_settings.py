"""Settings for the test suite: the real settings with fast, observable back ends."""

import secrets

from vigie.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,  # noqa: F405
    }
}
# Tests need no database to use the cache; the shared caches are tested in their own processes
# (vigie/core/tests/test_shared_cache.py). Precomputation after each write is switched on by the
# tests of it only, so that other tests' writes do not compute every page.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
PRECOMPUTED_PAGES = []
# Tests write with factories (no change of facts recorded) and read pages again: whole pages are
# cached by the tests of the page cache only (vigie/core/tests/test_page_cache.py).
PAGE_CACHE_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A key of this process only: nothing signed in a test run can be replayed against a site.
SECRET_KEY = secrets.token_urlsafe(50)
# Django's test client logs in without a request, which django-axes refuses; this back end lets
# it through and checks every login that comes with a request (the login form, the admin).
AUTHENTICATION_BACKENDS = [
    "vigie.core.tests.backends.AxesBackendAllowingTestClientLogin",
    "django.contrib.auth.backends.ModelBackend",
]
