"""An editor changes the judgement on the 2025 HRC resolution through the form; the history lists
the change and the public milestone page and the dashboard state the new judgement."""

import pytest
from playwright.sync_api import Page, expect

from vigie.core.tests.factories import make_user
from vigie.strategy.loaders import load_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_changes_the_milestone_judgement_and_sees_its_history(
    page: Page, live_server: object, external_requests: list[str], reference_data: None
) -> None:
    load_plan()
    make_user("secretariat", role="editor", password="a-long-password")
    base = live_server.url  # type: ignore[attr-defined]
    form = "/en/un/staff/milestones/HRC-60-L31/judgement/"

    page.goto(f"{base}/en/accounts/login/?next={form}")
    page.get_by_label("Username").fill("secretariat")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Judgement on a milestone")).to_be_visible()
    expect(page.locator("#judgement-history")).to_contain_text("still the one loaded")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Reasoning").fill("Recurring core-group resolutions now report every year.")
    page.get_by_role("button", name="Save the judgement").click()

    expect(page.get_by_text("The judgement was saved.")).to_be_visible()
    history = page.locator("#judgement-history")
    expect(history).to_contain_text("secretariat")
    expect(history).to_contain_text("Recurring core-group resolutions now report every year.")

    page.goto(f"{base}/en/un/milestones/HRC-60-L31/")
    expect(page.locator("#judgement")).to_contain_text(
        "Judged to be the dedicated mechanism. Recurring core-group resolutions"
    )

    page.goto(f"{base}/en/strategy/")
    card = page.locator("#measure-un-human-rights-mechanism")
    expect(card.locator(".measure-latest a")).to_have_attribute(
        "href", "/en/un/milestones/HRC-60-L31/"
    )
    expect(card).to_contain_text("Judged to be the dedicated mechanism.")
