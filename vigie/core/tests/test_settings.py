import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from vigie.core.checks import refuse_public_secret_key
from vigie.env import DEVELOPMENT_SECRET_KEY

ROOT = Path(settings.BASE_DIR)
A_DEPLOYMENT_KEY = "k" * 20 + "-production-secret-for-the-deploy-check-0123456789"
IGNORED_VARIABLES = {
    "DATABASE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
}


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in IGNORED_VARIABLES}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return _run("manage.py", *args, **env)


def test_production_settings_pass_the_deployment_check_with_no_warning() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="vigie.production_settings",
        SECRET_KEY=A_DEPLOYMENT_KEY,
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
        SECRET_KEY=A_DEPLOYMENT_KEY,
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
        SECRET_KEY=A_DEPLOYMENT_KEY,
    )
    assert "django.db.backends.postgresql" in result.stdout
    assert "'NAME': 'somedb'" in result.stdout


def test_a_settings_module_of_its_own_cannot_bring_the_development_key_back(
    tmp_path: Path,
) -> None:
    (tmp_path / "site_settings.py").write_text(
        "from vigie.settings import *\n"
        "from vigie.env import DEVELOPMENT_SECRET_KEY\n"
        "DEBUG = False\n"
        "SECRET_KEY = DEVELOPMENT_SECRET_KEY\n",
        encoding="utf-8",
    )
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="site_settings",
        PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}",
        SECRET_KEY=A_DEPLOYMENT_KEY,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is the development key" in result.stderr


def test_the_development_key_is_refused_when_no_key_is_given() -> None:
    result = _manage("check", DJANGO_SETTINGS_MODULE="vigie.settings")
    assert result.returncode != 0
    assert "SECRET_KEY is the development key" in result.stderr


def test_the_development_key_is_accepted_in_debug_mode() -> None:
    result = _manage("check", DJANGO_SETTINGS_MODULE="vigie.settings", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_the_wsgi_server_does_not_start_on_the_development_key() -> None:
    result = _run("-c", "import vigie.wsgi", DJANGO_SETTINGS_MODULE="vigie.settings")
    assert result.returncode != 0
    assert "SECRET_KEY is the development key" in result.stderr


@pytest.mark.parametrize("entry_point", ["vigie.wsgi", "vigie.asgi"])
def test_the_server_entry_points_default_to_production_settings(entry_point: str) -> None:
    code = f"import {entry_point}; from django.conf import settings as s; print(s.SETTINGS_MODULE)"
    result = _run("-c", code, SECRET_KEY=A_DEPLOYMENT_KEY, ALLOWED_HOSTS="vigie.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "vigie.production_settings"


def test_the_check_refuses_the_development_key_without_debug() -> None:
    with (
        override_settings(DEBUG=False, SECRET_KEY=DEVELOPMENT_SECRET_KEY),
        pytest.raises(ImproperlyConfigured, match="development key"),
    ):
        refuse_public_secret_key()


def test_the_test_settings_sign_with_a_key_of_their_own() -> None:
    assert settings.SECRET_KEY != DEVELOPMENT_SECRET_KEY
    assert len(settings.SECRET_KEY) >= 50
