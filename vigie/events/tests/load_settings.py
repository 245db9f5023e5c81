"""Settings of the server that ``test_load_sqlite`` starts: production settings, except that the
50 people all come from one address (the test's), so the per-client registration limit is raised,
and emails are sent at once to files, where the test reads each person's link."""

import os

from vigie.settings import *  # noqa: F403

EVENTS_REGISTRATION_LIMITS = {"ip": (1000, 3600)}
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,  # noqa: F405
    }
}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["VIGIE_TEST_MAIL_DIR"]
