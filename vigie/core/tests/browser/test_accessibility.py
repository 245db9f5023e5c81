"""Every public page, with the demo data, in English, French and Spanish: axe-core (vendored from
npm, static/vendor/axe-core) finds no WCAG 2.1 A/AA violation, in English on a 360 px phone
screen, where no page may scroll sideways either, and in French and Spanish at desktop width; and
screenshots of the main pages at 1366 and 390 px are written to test-results/screenshots/ for
reviewers (not compared).

Each page is checked at both widths, and each language once: the layout a width gives a page is
the same in every language, and the text a language gives it is the same at every width. English
at 360 px is read in the same visit as its sideways scrolling, which had a test, and a second
visit of every page, of its own."""

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, ViewportSize

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SCRIPT = "/static/vendor/axe-core/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = ("en", "fr", "es")
INDEX_EDITION = "asem-demo-v1"
DRAWN = """() =>
  document.fonts.status === 'loaded'
  && [...document.querySelectorAll('[data-vega-spec]')]
    .every(chart => chart.hidden || chart.classList.contains('chart-drawn'))
  && [...document.querySelectorAll('.vega-embed')].every(view => view.querySelector('svg, canvas'))"""
PAINTED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"

# Pages found by following the first link of a kind on a listing page: (listing, link pattern).
FOLLOWED = {
    "atlas measure": ("/en/atlas/measures/", r"^/en/atlas/measures/(?!new/|import/)[\w-]+/$"),
    "atlas jurisdiction": ("/en/atlas/measures/", r"^/en/atlas/jurisdictions/[\w-]+/$"),
    "index unit": (
        f"/en/index/{INDEX_EDITION}/",
        rf"^/en/index/{INDEX_EDITION}/(?!map/|reweight/|methodology/)[\w-]+/$",
    ),
    "un session": ("/en/un/tracker/", r"^/en/un/sessions/\d+/$"),
    "un vote": ("/en/countries/pt/", r"^/en/un/votes/\d+/$"),
    "event": ("/en/events/", r"^/en/events/(?!series/|mine/|staff/|registration/)[\w-]+/$"),
    "event series": ("/en/events/", r"^/en/events/series/[\w-]+/$"),
    "organisation": ("/en/network/", r"^/en/network/organisations/[\w-]+/$"),
    "dataset": ("/en/opendata/", r"^/en/opendata/(?!staff/)[\w-]+/$"),
    "strategy measure": ("/en/strategy/plan/", r"^/en/strategy/measures/[\w-]+/$"),
}
FIXED = {
    "home": "/en/",
    "atlas map": "/en/atlas/",
    "atlas list": "/en/atlas/measures/",
    "index home": "/en/index/",
    "index edition": f"/en/index/{INDEX_EDITION}/",
    "index map": f"/en/index/{INDEX_EDITION}/map/",
    "index reweight": f"/en/index/{INDEX_EDITION}/reweight/",
    "index methodology": f"/en/index/{INDEX_EDITION}/methodology/",
    "index comparison": f"/en/index/{INDEX_EDITION}/AUT/?compare=Belgium&compare=PRT",
    "index ranking embed": f"/en/index/{INDEX_EDITION}/embed/",
    "index map embed": f"/en/index/{INDEX_EDITION}/map/embed/?dimension=score",
    "index country embed": f"/en/index/{INDEX_EDITION}/AUT/embed/?compare=BEL",
    "un home": "/en/un/",
    "un tracker": "/en/un/tracker/",
    "un codebook": "/en/un/codebook/",
    "un countries": "/en/un/countries/",
    "un country": "/en/un/countries/PT/",
    "un joint statement": "/en/un/joint-statements/CND67-JS-RUSSIA-46/",
    "un milestone": "/en/un/milestones/HRC-60-L31/",
    "events": "/en/events/",
    "events calendar": "/en/events/?month=",
    "network": "/en/network/",
    "network map embed": "/en/network/map/embed/",
    "countries": "/en/countries/",
    "country profile": "/en/countries/pt/",
    "strategy": "/en/strategy/public/",
    "strategy plan": "/en/strategy/plan/",
    "strategy measure embed": "/en/strategy/measures/un-states-calling-for-reform/embed/",
    "campaign": "/en/campaign/",
    "campaign timeline embed": "/en/campaign/timeline/embed/",
    "opendata": "/en/opendata/",
    "alerts": "/en/alerts/",
}
# Embed pages of a followed page: (the page, what its address ends with).
EMBEDS = {"un vote embed": ("un vote", "embed/")}
MAIN_PAGES = (
    "home",
    "atlas map",
    "atlas jurisdiction",
    "index edition",
    "index map",
    "un vote",
    "events",
    "network",
    "country profile",
    "strategy",
)


def _settle(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: {response and response.status}"
    # Checked once the fonts are in and every chart and map is drawn (an SVG in each Vega view),
    # then painted. Not "networkidle": it waits for half a second of quiet on every page, and the
    # late requests that change what is checked are the charts' data, which DRAWN waits for.
    page.wait_for_function(DRAWN, timeout=15_000)
    page.evaluate(PAINTED)


class _MainLinks(HTMLParser):
    """The ``href`` of every link inside ``<main>``, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        elif tag == "a" and self.depth:
            self.hrefs.extend(value for key, value in attrs if key == "href" and value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1


def _public_pages(base: str) -> dict[str, str]:
    """Every page to check. The links to follow are read from the listings' HTML with the test
    client: a browser adds nothing to reading an attribute and took a second a listing."""
    pages = {name: f"{base}{path}" for name, path in FIXED.items()}
    client = Client()
    for name, (listing, pattern) in FOLLOWED.items():
        response = client.get(listing)
        assert response.status_code == 200, f"{listing}: {response.status_code}"
        links = _MainLinks()
        links.feed(response.content.decode())
        hrefs = links.hrefs
        found = [href for href in hrefs if re.match(pattern, href.split("#")[0].split("?")[0])]
        assert found, f"no link for {name} on {listing}"
        pages[name] = f"{base}{found[0]}"
    for name, (shown, tail) in EMBEDS.items():
        pages[name] = f"{pages[shown]}{tail}"
    return pages


def _axe(page: Page) -> list[str]:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(url=AXE_SCRIPT)
    # Only violations are read: the "no-passes" reporter does not write up the passing checks
    # (a tenth of the time of the three runs over every page).
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations'], reporter: 'no-passes'})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(
            node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
            for node in violation["nodes"][:4]
        )
        + (f" …+{len(violation['nodes']) - 4}" if len(violation["nodes"]) > 4 else "")
        + " | "
        + (violation["nodes"][0].get("failureSummary") or "").replace("\n", " ")[:160]
        for violation in results["violations"]
    ]


PHONE: ViewportSize = {"width": 360, "height": 740}
# Where each language is checked (None: Playwright's desktop viewport, 1280 px wide).
VIEWPORTS: dict[str, ViewportSize | None] = {"en": PHONE, "fr": None, "es": None}


def _scrolls_sideways(page: Page) -> str | None:
    """How the page is wider than the screen, or None."""
    sizes = page.evaluate(
        "() => { const s = document.scrollingElement; return [s.scrollWidth, s.clientWidth]; }"
    )
    if sizes[0] <= sizes[1]:
        return None
    culprits = page.evaluate(
        """width => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1
                && !e.closest('.table-scroll'))
            .slice(0, 3)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.className && typeof e.className === 'string'
                    ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                + ' ' + Math.round(e.getBoundingClientRect().right))""",
        sizes[1],
    )
    return f"{sizes[0]} px > {sizes[1]}: {culprits}"


def _stuck_tables(page: Page) -> list[str]:
    """A table wider than the screen scrolls in its own box, which the keyboard can reach, and
    keeps its first column in view: the boxes that do not."""
    stuck: list[str] = page.evaluate(
        """() => [...document.querySelectorAll('.table-scroll')]
            .filter(box => box.scrollWidth > box.clientWidth + 1)
            .filter(box => box.tabIndex !== 0
                || getComputedStyle(box.querySelector('tr > :first-child')).position
                    !== 'sticky')
            .map(box => (box.querySelector('table') || box).outerHTML.slice(0, 80))"""
    )
    return stuck


# One test per language, so that parallel test processes share the work.
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violation_on_any_public_page_in_each_language(
    page: Page, live_server: Any, demo_data: None, language: str
) -> None:
    base = str(live_server.url)
    pages = _public_pages(base)
    viewport = VIEWPORTS[language]
    if viewport is not None:
        page.set_viewport_size(viewport)
    # The checker itself works under the site's Content-Security-Policy: a planted image with no
    # text alternative is reported.
    _settle(page, pages["home"])
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert [v for v in _axe(page) if v.startswith("image-alt")], "axe-core did not run"
    if viewport == PHONE:  # and a planted block wider than the phone is found
        page.evaluate(
            "document.querySelector('main').append(Object.assign("
            "document.createElement('div'), {style: 'width: 2000px; height: 1px'}))"
        )
        assert _scrolls_sideways(page), "the sideways check did not run"
    found: dict[str, list[str]] = {}
    wide: dict[str, str] = {}
    boxes: dict[str, list[str]] = {}
    for name, url in pages.items():
        localised = url.replace(f"{base}/en/", f"{base}/{language}/", 1)
        where = f"{language} {name} {localised.removeprefix(base)}"
        _settle(page, localised)
        if viewport == PHONE:
            if overflow := _scrolls_sideways(page):
                wide[where] = overflow
            if stuck := _stuck_tables(page):
                boxes[where] = stuck
        violations = _axe(page)
        if violations:
            found[where] = violations
    assert found == {}, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in found.items())
    assert wide == {}, "\n".join(f"{k}: {v}" for k, v in wide.items())
    assert boxes == {}


def test_main_pages_are_photographed_on_a_desktop_and_a_phone(
    page: Page, live_server: Any, demo_data: None
) -> None:
    pages = _public_pages(str(live_server.url))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        for name in MAIN_PAGES:
            _settle(page, pages[name])
            slug = name.replace(" ", "-")
            page.screenshot(path=str(SCREENSHOTS / f"{slug}-{width}.png"), full_page=True)
    assert len(list(SCREENSHOTS.glob("*.png"))) >= 2 * len(MAIN_PAGES)
