"""The apps of Vigie and the doors between them, declared once.

``DOORS`` says which modules of another app each app may import (``core`` is the shared kernel
every app may use, and imports no app). ``tests/test_architecture.py`` checks the code against
it both ways (no undeclared import, no unused door) and checks that the diagram in
``docs/architecture.md`` is the one drawn from it here.

    python scripts/architecture.py           # print the Mermaid diagram
    python scripts/architecture.py --write   # redraw it in docs/architecture.md
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
BEGIN = "<!-- diagram: drawn by scripts/architecture.py from DOORS; do not edit by hand -->"
END = "<!-- end of diagram -->"

# Every Django app under vigie/ except ``core`` and ``api`` (which mounts each app's API router).
APPS = (
    "atlas",
    "index",
    "un",
    "network",
    "surveys",
    "events",
    "learning",
    "library",
    "campaign",
    "strategy",
    "countries",
    "opendata",
    "alerts",
    "workspace",
)

# app → the modules of other apps it may import.
DOORS: dict[str, frozenset[str]] = {
    "atlas": frozenset(),
    "index": frozenset(),
    "un": frozenset(),
    "network": frozenset({"strategy.queries"}),
    "events": frozenset(),
    "learning": frozenset({"events.queries", "surveys.queries"}),
    "surveys": frozenset({"network.queries"}),
    "campaign": frozenset({"surveys.queries", "network.queries", "network.services"}),
    "library": frozenset({"network.queries", "strategy.queries"}),
    "strategy": frozenset(
        {
            "atlas.queries",
            "campaign.queries",
            "events.queries",
            "learning.queries",
            "library.queries",
            "network.queries",
            "surveys.queries",
            "un.queries",
        }
    ),
    "countries": frozenset(
        {
            "atlas.queries",
            "events.queries",
            "index.queries",
            "library.queries",
            "network.queries",
            "un.queries",
            "strategy.progress",
        }
    ),
    "opendata": frozenset({"atlas.queries", "index.queries", "un.queries"}),
    "alerts": frozenset(
        {"atlas.queries", "events.queries", "index.queries", "opendata.queries", "un.queries"}
    ),
    "workspace": frozenset(
        {
            "atlas.queries",
            "atlas.services",
            "events.queries",
            "index.queries",
            "network.queries",
            "strategy.queries",
            "surveys.queries",
            "un.queries",
        }
    ),
}


def imported_modules(path: Path) -> set[str]:
    """Dotted names imported by a module (``from vigie import x`` counts as ``vigie.x``)."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def app_modules(app: str) -> list[Path]:
    """The app's modules, tests and migrations left out."""
    return [
        path
        for path in sorted((ROOT / "vigie" / app).rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def doors_in_code() -> dict[tuple[str, str], list[str]]:
    """(app, other app's module) → the files that import it, for every import between apps."""
    found: dict[tuple[str, str], list[str]] = {}
    for app in (*APPS, "core"):
        for path in app_modules(app):
            for module in imported_modules(path):
                parts = module.split(".")
                if len(parts) < 3 or parts[0] != "vigie" or parts[1] in (app, "core"):
                    continue
                if parts[1] in APPS:
                    door = f"{parts[1]}.{parts[2]}"
                    found.setdefault((app, door), []).append(str(path.relative_to(ROOT)))
    return found


def mermaid() -> str:
    """The doors as a Mermaid flowchart: an arrow from the app that calls to the module it calls."""
    lines = ["```mermaid", "flowchart LR"]
    for app in APPS:
        lines.append(f"  {app}[{app}]")
    for app in APPS:
        for door in sorted(DOORS[app]):
            target, module = door.split(".")
            lines.append(f"  {app} -->|{module}| {target}")
    lines.append("```")
    return "\n".join(lines)


def diagram_in_doc(text: str) -> str:
    start = text.index(BEGIN) + len(BEGIN)
    return text[start : text.index(END)].strip()


def write_doc() -> None:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(BEGIN) + len(BEGIN)
    DOC.write_text(f"{text[:start]}\n{mermaid()}\n{text[text.index(END) :]}", encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write_doc()
    else:
        print(mermaid())
