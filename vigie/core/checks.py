"""Start-up checks that must stop a process, not just warn.

They run from ``CoreConfig.ready()``, so they hold whatever the settings module: a check
registered with Django's system-check framework would only run for ``manage.py`` commands, while
a WSGI server imports the application without running checks.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from vigie.env import DEVELOPMENT_SECRET_KEY


def refuse_public_secret_key() -> None:
    """Refuse the development key outside debug mode.

    The key is in the source, so with it anyone can sign a session, a password-reset link or a
    survey invitation; it is tolerated only where ``DEBUG`` is on (a developer's machine).
    """
    if not settings.DEBUG and settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is the development key from the source code, and DEBUG is off. "
            "Set SECRET_KEY (or SECRET_KEY_FILE) to a random value, or DEBUG=1 on a "
            "development machine."
        )
