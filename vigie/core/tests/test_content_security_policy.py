"""Every page carries a Content-Security-Policy that allows this site's own files only: no inline
script or style without the request's nonce, no 'unsafe-inline', no 'unsafe-eval', no other
origin; and no template needs more (no style attribute, no inline script)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(settings.BASE_DIR)
PAGES = [
    "/en/",
    "/en/atlas/",
    "/en/un/",
    "/en/network/",
    "/en/events/",
    "/en/index/",
    "/en/surveys/",
]
# Rendered to PDF by WeasyPrint on the server, never sent to a browser as HTML.
PDF_ONLY = {
    "strategy/report_pdf.html",
    "countries/factsheet.html",
    "campaign/year_report.html",
    "learning/certificate_pdf.html",
}
# Files people download and open from their own disk (file://, no connection, no policy): they
# must carry their script and style inside.
OFFLINE_FILES = {"campaign/offline_form.html"}


def _policy(header: str) -> dict[str, list[str]]:
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {words[0]: words[1:] for words in directives}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_each_page_sends_a_policy_of_this_site_only(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    policy = _policy(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        sources = policy[directive]
        assert "'self'" in sources
        assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"} & set(sources)
        assert all(s == "'self'" or s.startswith("'nonce-") for s in sources), sources
    for sources in policy.values():
        assert not [s for s in sources if "://" in s or s.startswith(("http", "*"))], policy


def _templates() -> list[Path]:
    return [
        path
        for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("vigie/*/templates/**/*.html")]
        if not any(str(path.relative_to(ROOT)).endswith(name) for name in PDF_ONLY | OFFLINE_FILES)
    ]


def test_no_template_has_a_style_attribute_or_element() -> None:
    pattern = re.compile(r"\sstyle\s*=|<style[\s>]", re.IGNORECASE)
    offenders = [str(p.relative_to(ROOT)) for p in _templates() if pattern.search(p.read_text())]
    assert offenders == []


def test_no_template_has_an_inline_script_or_event_handler_attribute() -> None:
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"\son[a-z]+\s*=|\shx-on|javascript:", re.IGNORECASE)
    offenders = [
        str(p.relative_to(ROOT))
        for p in _templates()
        if inline_script.search(p.read_text()) or handler.search(p.read_text())
    ]
    assert offenders == []
