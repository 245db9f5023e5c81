"""Templates follow one layout: fragments that are only included live in <app>/partials/."""

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATES = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("vigie/*/templates/**/*.html")]


def test_no_fragment_sits_outside_a_partials_directory() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in TEMPLATES
        if path.name.startswith("_") and path.parent.name != "partials"
    ]
    assert offenders == []
