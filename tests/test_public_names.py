"""No public class name is defined in two apps, so that a name says which domain it belongs to."""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# ``Command`` is the name Django requires of every management command.
CONVENTIONAL = {"Command"}


def _public_classes() -> dict[str, set[str]]:
    apps_by_name: dict[str, set[str]] = defaultdict(set)
    for path in (ROOT / "vigie").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        app = path.relative_to(ROOT / "vigie").parts[0]
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                apps_by_name[node.name].add(app)
    return apps_by_name


def test_no_public_class_name_is_defined_in_two_apps() -> None:
    shared = {
        name: sorted(apps)
        for name, apps in _public_classes().items()
        if len(apps) > 1 and name not in CONVENTIONAL
    }
    assert shared == {}


def test_renamed_models_name_their_domain() -> None:
    names = _public_classes()
    for name, app in (
        ("PolicyMeasure", "atlas"),
        ("SuccessMeasure", "strategy"),
        ("VoteChoice", "un"),
        ("CouncilBallot", "network"),
        ("RegistrationQuestion", "events"),
        ("SurveyQuestion", "surveys"),
    ):
        assert names[name] == {app}
    assert not {"Measure", "Ballot", "Question", "MeasureOut", "EvidenceOut"} & set(names)
