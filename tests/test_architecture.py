"""Guards on the shape of the project that a reader of one file cannot see."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = ("atlas", "index", "un", "network", "surveys", "events")


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


def test_domain_apps_read_each_other_only_through_queries() -> None:
    offences = []
    for app in DOMAIN_APPS:
        for path in (ROOT / "vigie" / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for module in _imported_modules(path):
                parts = module.split(".")
                if len(parts) >= 3 and parts[0] == "vigie" and parts[1] in DOMAIN_APPS:
                    allowed = (
                        parts[1] == app
                        or parts[2] == "queries"
                        or (app == "surveys" and parts[1] == "network")
                    )
                    if not allowed:
                        offences.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offences == []


def test_composite_never_imports_vigie() -> None:
    for path in (ROOT / "composite").rglob("*.py"):
        assert not any(m.split(".")[0] in {"vigie", "django"} for m in _imported_modules(path)), (
            path
        )
