"""An editor logs in, reads the dashboard with its charts drawn by the vendored Vega, opens the
evidence of a measure, then the public version that a visitor sees."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from vigie.atlas import queries as atlas_queries
from vigie.core.evidence import CountResult, Evidence
from vigie.core.tests.factories import make_user
from vigie.strategy.loaders import load_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_reads_charts_and_evidence_then_the_public_version(
    page: Page, live_server: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def count(start: datetime.date, end: datetime.date, *, net: bool = False) -> CountResult:
        row = Evidence(
            label="Jurisdiction adopting decriminalisation",
            url="/en/strategy/plan/",
            date=datetime.date(2024, 6, 1),
        )
        return CountResult(value=1, definition="new decriminalising jurisdictions", evidence=[row])

    monkeypatch.setattr(atlas_queries, "count_new_decriminalising_jurisdictions", count)
    load_plan()
    make_user("editor", role="editor", password="a long pass phrase")
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{base}/en/accounts/login/?next=/en/strategy/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long pass phrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategy dashboard")
    card = page.locator("#measure-new-decriminalising-jurisdictions")
    expect(card.locator(".chart.chart-drawn svg")).to_be_visible()
    card.locator("details.evidence-rows summary", has_text="1 evidence row").click()
    card.get_by_role("link", name="Jurisdiction adopting decriminalisation").click()
    expect(page).to_have_url(f"{base}/en/strategy/plan/")
    page.go_back()
    page.get_by_role("link", name="Public version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress of the strategy")
    expect(page.locator("#measure-new-major-funding-sources")).to_have_count(0)
