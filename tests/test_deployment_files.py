"""The files that start Vigie's processes: Procfile (make serve), gunicorn.conf.py, compose.yaml.

compose.yaml cannot be run here (no container engine): its YAML is read and checked for the
services and settings a deployment relies on.
"""

import os
import runpy
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    entries = [line.split(":", 1) for line in lines if line.strip() and not line.startswith("#")]
    return {name.strip(): command.strip() for name, command in entries}


def test_make_serve_starts_gunicorn_and_the_task_worker_with_its_clock() -> None:
    processes = _procfile()
    assert set(processes) == {"web", "worker", "pages"}
    assert processes["pages"].endswith("db_worker --queue-name pages")
    assert "gunicorn vigie.wsgi:application" in processes["web"]
    assert processes["worker"].index("schedule_periodic_jobs") < processes["worker"].index(
        "db_worker"
    )
    makefile = (ROOT / "Makefile").read_text()
    serve = makefile[makefile.index("\nserve:") :].split("\n\n")[0]
    assert "honcho start -f Procfile" in serve
    assert "DJANGO_SETTINGS_MODULE=vigie.production_settings" in serve


def test_gunicorn_reads_its_workers_and_address_from_the_environment(
    monkeypatch: Any,
) -> None:
    monkeypatch.setitem(os.environ, "WEB_CONCURRENCY", "5")
    monkeypatch.setitem(os.environ, "VIGIE_BIND", "0.0.0.0:9000")
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (config["workers"], config["bind"]) == (5, "0.0.0.0:9000")


def test_compose_starts_postgresql_redis_web_and_workers() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "web", "worker", "pages"} <= set(services)
    for name in ("web", "worker", "pages", "migrate"):
        service = services[name]
        assert service["build"] == "."
        environment = service["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["DATABASE_URL"].endswith("@postgres:5432/vigie")
        assert environment["CACHE_URL"] == "redis://redis:6379/0"
        assert "media:/app/media" in service["volumes"]
    assert "gunicorn" in services["web"]["command"]
    worker = " ".join(services["worker"]["command"])
    assert "schedule_periodic_jobs" in worker and "db_worker" in worker
    assert services["worker"]["deploy"]["replicas"] >= 2
    assert services["pages"]["command"][-2:] == ["--queue-name", "pages"]
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "uv sync --locked --no-dev" in dockerfile
    assert "collectstatic" in dockerfile


def test_every_process_starts_from_compiled_bytecode() -> None:
    """Without it each process (a test worker, a gunicorn worker, a task worker) compiled Django
    and the rest again: eight seconds of CPU apiece."""
    makefile = (ROOT / "Makefile").read_text().splitlines()
    assert "export UV_COMPILE_BYTECODE := 1" in makefile
    # Empty, not unset: it overrides a PYTHONDONTWRITEBYTECODE=1 of the environment.
    assert "export PYTHONDONTWRITEBYTECODE :=" in makefile
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "UV_COMPILE_BYTECODE=1" in dockerfile
    assert "python -m compileall -q vigie composite" in dockerfile
