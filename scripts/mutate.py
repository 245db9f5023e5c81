"""Mutation testing with mutmut: how many deliberate bugs do the tests catch?

``make mutate`` runs this script. mutmut changes the code one small edit at a time (a ``<``
into ``<=``, a constant, an operator, a deleted call) and runs the tests that reach the
changed function; a mutant the tests do not notice "survives" and points at a behaviour no
test pins down. The number printed is the kill rate: killed (or timed out) / mutants tested.

Scopes (``MUTATE_SCOPE`` in make, ``--scope`` here):
- ``composite`` (default): the engine, tested by its own fast tests (no Django, no browser);
  the kill rate that must stay at or above 90 %.
- ``apps``: ``vigie/*/services.py`` and ``vigie/*/queries.py``, tested by the apps' tests on
  SQLite without the browser tests; much slower.

Each scope runs in its own scratch folder, ``.mutation/<scope>/`` (not versioned): a
``pyproject.toml`` written here holds mutmut's settings and a pytest configuration without
the project's browser options, and links point at the real code, which mutmut copies into
``.mutation/<scope>/mutants/`` before changing the copy. The project's files are never edited.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCOPES: dict[str, dict[str, object]] = {
    "composite": {
        "links": ["composite"],
        "mutmut": {
            "source_paths": ["composite"],
            "do_not_mutate": ["composite/tests/*", "composite/__main__.py"],
            "pytest_add_cli_args_test_selection": ["composite/tests"],
            "pytest_add_cli_args": ["-p", "no:django", "-p", "no:playwright", "-q"],
        },
        "pytest": {"python_files": ["test_*.py"]},
    },
    "apps": {
        "links": [
            "vigie",
            "composite",
            "conftest.py",
            "manage.py",
            "templates",
            "locale",
            "static",
            "data",
        ],
        "mutmut": {
            "source_paths": ["vigie"],
            "only_mutate": ["vigie/*/services.py", "vigie/*/queries.py"],
            "also_copy": ["composite", "conftest.py", "manage.py", "templates", "locale", "data"],
            "pytest_add_cli_args_test_selection": ["vigie"],
            "pytest_add_cli_args": ["-m", "not browser", "-p", "no:playwright", "-q"],
        },
        "pytest": {
            "DJANGO_SETTINGS_MODULE": "vigie.test_settings",
            "python_files": ["test_*.py"],
            "markers": ["browser: browser tests", "postgres: PostgreSQL only"],
        },
    },
}


def _toml_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return json.dumps(value)


def prepare(scope: str) -> Path:
    """The scratch folder of a scope: its pyproject.toml and links to the real code."""
    settings = SCOPES[scope]
    folder = ROOT / ".mutation" / scope
    folder.mkdir(parents=True, exist_ok=True)
    for name in settings["links"]:  # type: ignore[attr-defined]
        link = folder / name
        if not link.is_symlink():
            link.symlink_to(ROOT / name)
    lines = ["[tool.mutmut]"]
    for key, value in settings["mutmut"].items():  # type: ignore[attr-defined]
        lines.append(f"{key} = {_toml_value(value)}")
    lines += ["", "[tool.pytest.ini_options]"]
    for key, value in settings["pytest"].items():  # type: ignore[attr-defined]
        lines.append(f"{key} = {_toml_value(value)}")
    (folder / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def kill_rate(stats: dict[str, int]) -> tuple[float, int]:
    """Killed (timeouts count: the mutant broke the code) over every mutant tested."""
    caught = stats["killed"] + stats["timeout"]
    tested = caught + stats["survived"] + stats["suspicious"] + stats["no_tests"]
    return (100 * caught / tested if tested else 0.0), tested


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scope", choices=sorted(SCOPES), default="composite")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--fail-under", type=float, default=None, help="minimum kill rate (%%)")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results")
    args = parser.parse_args()
    folder = prepare(args.scope)
    if args.fresh:
        shutil.rmtree(folder / "mutants", ignore_errors=True)
    environment = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    mutmut = [sys.executable, "-m", "mutmut"]
    run = subprocess.run(
        [*mutmut, "run", "--max-children", str(args.max_children)], cwd=folder, env=environment
    )
    subprocess.run([*mutmut, "export-cicd-stats"], cwd=folder, env=environment, check=True)
    stats = json.loads((folder / "mutants" / "mutmut-cicd-stats.json").read_text())
    rate, tested = kill_rate(stats)
    print(
        f"mutation testing of {args.scope}: {rate:.1f} % of {tested} mutants killed "
        f"(killed {stats['killed']}, timeout {stats['timeout']}, survived {stats['survived']}, "
        f"no tests {stats['no_tests']}, suspicious {stats['suspicious']}, "
        f"skipped {stats['skipped']}); survivors: cd {folder.relative_to(ROOT)} && "
        f"{Path(sys.executable).relative_to(ROOT) if sys.executable.startswith(str(ROOT)) else 'python'} "
        "-m mutmut results"
    )
    if run.returncode != 0:
        return run.returncode
    if args.fail_under is not None and rate < args.fail_under:
        print(f"kill rate {rate:.1f} % is under {args.fail_under} %")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
