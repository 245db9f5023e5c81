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

The cache: mutmut keeps each verdict while the mutated function is unchanged (a hash per
function), so a second run only tests what changed. Each run makes the mutants again from this
tree and keeps only the verdicts (a cache copied from another checkout is safe), and when the
tests changed since the last complete run, the survivors are tested again first. ``--fresh``
forgets everything.

Equivalent mutants (a change no test can observe: a default spelled out, a dtype numpy infers
anyway) are listed with their reason in ``scripts/mutate_equivalent.toml``; they are reported
apart and left out of the rate, and an entry whose mutant is killed or whose code changed is
named for review.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "scripts" / "mutate_equivalent.toml"

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
        "tests": ["composite/tests/**/*.py"],
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
        "tests": ["conftest.py", "vigie/*/tests/**/*.py", "vigie/*/test_*.py"],
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
        if link.is_symlink() and link.readlink() != ROOT / name:
            link.unlink()  # a scratch folder copied from another checkout
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


def refresh(folder: Path) -> None:
    """Keep only mutmut's verdicts, so that the mutants are made again from this tree.

    mutmut reuses a mutated file whenever it is newer than its source and never refreshes the
    copied tests or data, so a cache copied from another checkout (or left behind by an
    interrupted run) would test stale code. Each ``*.meta`` file holds the verdicts with a
    hash of every function: mutmut regenerates the mutants from the real code (seconds) and
    keeps a verdict only when its function is unchanged. A truncated ``*.meta`` (a run stopped
    while writing it) is dropped: that file's mutants are tested again.
    """
    mutants = folder / "mutants"
    if not mutants.is_dir():
        return
    for path in sorted(mutants.rglob("*"), reverse=True):
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
            continue
        if path.suffix == ".meta":
            try:
                json.loads(path.read_text(encoding="utf-8"))
                continue
            except ValueError:
                pass
        elif path.parent == mutants and path.name == "mutmut-stats.json":
            continue
        path.unlink()


def verdicts(folder: Path) -> dict[str, int | None]:
    """Every mutant and mutmut's exit code for it (0 = survived, None = not tested yet)."""
    found: dict[str, int | None] = {}
    for meta in sorted((folder / "mutants").rglob("*.meta")):
        found.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return found


def tests_fingerprint(folder: Path, scope: str) -> str:
    """A hash of the test files: a survivor is tested again when they change."""
    digest = hashlib.sha256()
    for pattern in SCOPES[scope]["tests"]:  # type: ignore[attr-defined]
        for path in sorted(folder.glob(pattern)):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _mutant_source(folder: Path, name: str) -> str:
    """The text of one mutant's function in mutmut's mutated copy of its module."""
    module, _, function = name.rpartition("__mutmut_")[0].rpartition(".")
    path = folder / "mutants" / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = path.with_suffix("") / "__init__.py"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start = text.find(f"def {function}__mutmut_{name.rpartition('__mutmut_')[2]}(")
    if start < 0:
        return ""
    following = text.find("\ndef ", start + 1)
    method = text.find("\n    def ", start + 1)
    ends = [end for end in (following, method) if end > 0]
    return text[start : min(ends)] if ends else text[start:]


def equivalents(
    folder: Path, scope: str, found: dict[str, int | None]
) -> tuple[set[str], list[str]]:
    """Survivors listed in ``EQUIVALENT`` whose mutated line is still the one reviewed.

    An entry counts only while its mutant survives and still changes ``line``: an entry
    whose mutant is now killed, or whose code changed, is reported for review instead.
    """
    entries = tomllib.loads(EQUIVALENT.read_text(encoding="utf-8")).get(scope, [])
    counted: set[str] = set()
    problems: list[str] = []
    for entry in entries:
        name, line = entry["mutant"], entry["line"].strip()
        if not entry.get("reason", "").strip():
            problems.append(f"{name}: no reason given")
        elif name not in found:
            problems.append(f"{name}: no such mutant any more")
        elif found[name] is None:
            continue  # not tested yet
        elif found[name] != 0:
            problems.append(f"{name}: listed as equivalent but the tests kill it")
        elif line not in _mutant_source(folder, name):
            problems.append(f"{name}: its code changed since it was reviewed ({line!r})")
        else:
            counted.add(name)
    return counted, problems


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
    cached = (folder / "mutants").is_dir()
    refresh(folder)
    environment = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    mutmut = [sys.executable, "-m", "mutmut"]
    children = ["--max-children", str(args.max_children)]
    stamp = folder / "tests.sha256"
    fingerprint = tests_fingerprint(folder, args.scope)
    known = stamp.read_text(encoding="utf-8") if stamp.exists() else ""
    survivors = sorted(name for name, code in verdicts(folder).items() if code == 0)
    if cached and known != fingerprint and survivors:
        # mutmut keeps a verdict until the mutated function changes: after the tests
        # changed, the survivors are tested again first (the killed stay killed).
        print(f"the tests changed: testing the {len(survivors)} survivors again")
        subprocess.run([*mutmut, "run", *children, *survivors], cwd=folder, env=environment)
    run = subprocess.run([*mutmut, "run", *children], cwd=folder, env=environment)
    if run.returncode == 0:
        stamp.write_text(fingerprint, encoding="utf-8")
    subprocess.run([*mutmut, "export-cicd-stats"], cwd=folder, env=environment, check=True)
    stats = json.loads((folder / "mutants" / "mutmut-cicd-stats.json").read_text())
    counted, problems = equivalents(folder, args.scope, verdicts(folder))
    stats["survived"] -= len(counted)
    rate, tested = kill_rate(stats)
    unchecked = stats["total"] - tested - stats["skipped"] - len(counted)
    for problem in problems:
        print(f"{EQUIVALENT.relative_to(ROOT)}: {problem}")
    print(
        f"mutation testing of {args.scope}: {rate:.1f} % of {tested} mutants killed "
        f"(killed {stats['killed']}, timeout {stats['timeout']}, survived {stats['survived']}, "
        f"no tests {stats['no_tests']}, suspicious {stats['suspicious']}, "
        f"skipped {stats['skipped']}, not checked yet {unchecked} of {stats['total']}; "
        f"{len(counted)} more survive as equivalent, each with its reason in "
        f"{EQUIVALENT.relative_to(ROOT)}); "
        f"survivors: cd {folder.relative_to(ROOT)} && ../../.venv/bin/python -m mutmut results"
    )
    if run.returncode != 0:
        return run.returncode
    if args.fail_under is not None and rate < args.fail_under:
        print(f"kill rate {rate:.1f} % is under {args.fail_under} %")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
