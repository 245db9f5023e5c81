import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check_with_no_warning() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="vigie.production_settings",
        SECRET_KEY="k" * 20 + "-production-secret-for-the-deploy-check-0123456789",
        ALLOWED_HOSTS="vigie.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_settings_refuse_the_development_key() -> None:
    result = _manage(
        "check", DJANGO_SETTINGS_MODULE="vigie.production_settings", ALLOWED_HOSTS="x.org"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_asked_for_and_email_goes_to_the_console() -> None:
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.DEBUG, s.EMAIL_BACKEND, s.TASKS)",
        DJANGO_SETTINGS_MODULE="vigie.settings",
    )
    assert result.returncode == 0, result.stderr
    assert "False django.core.mail.backends.console.EmailBackend" in result.stdout
    assert "django_tasks_db.DatabaseBackend" in result.stdout


def test_a_bad_boolean_in_the_environment_is_named() -> None:
    result = _manage("check", DJANGO_SETTINGS_MODULE="vigie.settings", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_database_url_selects_postgresql() -> None:
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.DATABASES['default'])",
        DJANGO_SETTINGS_MODULE="vigie.settings",
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/somedb",
    )
    assert "django.db.backends.postgresql" in result.stdout
    assert "'NAME': 'somedb'" in result.stdout
