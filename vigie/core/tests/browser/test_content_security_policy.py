"""Under the site's Content-Security-Policy, the main page of each app loads with no violation
reported by the browser, and its charts and maps are drawn (Vega evaluates its expressions with
vega-interpreter, so no 'unsafe-eval' is needed)."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from vigie.core.tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""
INDEX_EDITION = "asem-demo-v1"


def _violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations"))


def test_main_pages_of_each_app_draw_their_charts_with_no_policy_violation(
    page: Page, live_server: Any, demo_data: None
) -> None:
    make_user("editor", role="editor", password="a long pass phrase")
    base = live_server.url
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    seen: dict[str, list[str]] = {}

    # Requests sent and not answered yet. A page is read once it has loaded, its chart is drawn
    # and nothing has been in flight for 100 ms: a blocked load never reaches the network (its
    # violation is reported when it is tried), so what is left to wait for is what a finished
    # load starts. Playwright's "networkidle" waits half a second of quiet after every page.
    pending: set[Any] = set()
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))

    def settled() -> None:
        page.wait_for_load_state("load")
        quiet = 0
        while quiet < 4:
            page.wait_for_timeout(25)
            quiet = 0 if pending else quiet + 1

    def visit(path: str, drawn: str | None = None) -> None:
        page.goto(f"{base}{path}")
        if drawn:
            expect(page.locator(drawn).first).to_be_visible()
        settled()
        seen[path] = _violations(page)

    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long pass phrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("editor")

    visit("/en/")
    # The recorder works: an image from another origin, planted in the page, is reported.
    page.evaluate(
        "document.body.append(Object.assign(document.createElement('img'),"
        " {src: 'http://127.0.0.1:9/planted.png'}))"
    )
    settled()
    assert [v for v in _violations(page) if "planted.png" in v], "no violation recorded"
    visit("/en/atlas/", "#atlas-map[data-rendered='true'] svg")
    page.locator("#atlas-year").fill("2005")
    expect(page.locator("#atlas-map")).to_have_attribute("data-year", "2005")
    seen["/en/atlas/ (2005)"] = _violations(page)
    visit(f"/en/index/{INDEX_EDITION}/", "#rankings-table tbody tr")
    visit(f"/en/index/{INDEX_EDITION}/map/", "#index-map-chart[data-rendered='true'] svg")
    visit(f"/en/index/{INDEX_EDITION}/reweight/", "#reweighted-table tbody tr")
    slider = page.locator("#weights input[type=range]").first
    slider.focus()
    with page.expect_response(lambda response: "/reweight/" in response.url):
        slider.press("ArrowRight")
    settled()
    seen["reweighted"] = _violations(page)
    visit("/en/countries/pt/", "#votes a")
    vote = page.locator("#votes").get_by_role("link").first.get_attribute("href")
    visit(str(vote), "#vote-map-chart[data-ready='true'] svg")
    visit("/en/network/", "#member-map-chart[data-rendered='true'] svg")
    visit("/en/strategy/", ".chart.chart-drawn svg")
    visit("/en/events/", ".event-card a")
    event = page.locator(".event-card a").first.get_attribute("href")
    visit(str(event), "[data-event-times]")

    assert {path: found for path, found in seen.items() if found} == {}
    policy_messages = [text for text in console if "Content Security Policy" in text]
    assert [text for text in policy_messages if "planted.png" not in text] == []
