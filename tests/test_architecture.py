"""Guards on the shape of the project that a reader of one file cannot see."""

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = ("atlas", "index", "un", "network", "surveys", "events")


def _load_architecture() -> ModuleType:
    """``scripts/architecture.py``, where the doors between apps are declared."""
    spec = importlib.util.spec_from_file_location("architecture", ROOT / "scripts/architecture.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


architecture = _load_architecture()


def test_composite_imports_without_django() -> None:
    code = "import sys, composite; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


@pytest.fixture(scope="module")
def doors_in_code() -> dict[tuple[str, str], list[str]]:
    """Every import between apps, read once for the module (parsing every module takes seconds)."""
    return architecture.doors_in_code()


def test_apps_import_each_other_only_through_the_declared_doors(
    doors_in_code: dict[tuple[str, str], list[str]],
) -> None:
    offences = [
        f"{', '.join(files)}: {app} imports {door}"
        for (app, door), files in sorted(doors_in_code.items())
        if door not in architecture.DOORS.get(app, frozenset())
    ]
    assert offences == []


def test_every_declared_door_is_used(doors_in_code: dict[tuple[str, str], list[str]]) -> None:
    used = set(doors_in_code)
    unused = [
        f"{app} -> {door}"
        for app, doors in architecture.DOORS.items()
        for door in sorted(doors)
        if (app, door) not in used
    ]
    assert unused == []


def test_domain_apps_read_each_other_only_through_queries() -> None:
    doors = [
        f"{app} -> {door}"
        for app in DOMAIN_APPS
        for door in architecture.DOORS[app]
        if not door.endswith(".queries")
    ]
    assert doors == []


def test_every_app_is_declared() -> None:
    apps = {path.parent.name for path in (ROOT / "vigie").glob("*/apps.py")}
    assert apps - {"core", "api"} == set(architecture.APPS) == set(architecture.DOORS)


def test_architecture_document_shows_the_declared_doors() -> None:
    text = architecture.DOC.read_text(encoding="utf-8")
    assert architecture.diagram_in_doc(text) == architecture.mermaid(), (
        "run: python scripts/architecture.py --write"
    )


def test_composite_never_imports_vigie() -> None:
    for path in (ROOT / "composite").rglob("*.py"):
        assert not any(m.split(".")[0] in {"vigie", "django"} for m in _imported_modules(path)), (
            path
        )
