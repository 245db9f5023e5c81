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


def test_un_and_events_pages_take_their_header_from_the_one_page_header_block() -> None:
    """The subnav, breadcrumb, heading and lead are laid out once, in page.html's page_header;
    UN and events pages fill its blocks instead of writing their own <h1>."""
    pages = [
        path
        for app in ("un", "events")
        for path in ROOT.glob(f"vigie/{app}/templates/**/*.html")
        if "{% extends" in path.read_text() and path.name != "base.html"
    ]
    assert pages
    offenders = [
        str(path.relative_to(ROOT))
        for path in pages
        if "<h1" in path.read_text()
        or not path.read_text().startswith(('{% extends "un/base.html"', '{% extends "events/'))
    ]
    assert offenders == []
