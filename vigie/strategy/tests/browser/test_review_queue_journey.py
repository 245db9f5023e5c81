"""An editor opens the review queue, marks a jurisdiction reviewed and sees it leave the queue;
its public page then says when and by whom it was reviewed."""

import pytest
from playwright.sync_api import Page, expect

from vigie.atlas.tests.helpers import make_measure
from vigie.core.tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_marks_a_jurisdiction_reviewed_and_it_leaves_the_queue(
    page: Page, live_server: object, external_requests: list[str], reference_data: None
) -> None:
    make_measure("uy-2013-regulation", "UY", "regulation_adult")
    make_measure("pt-2001-decriminalisation", "PT", "decrim_de_jure")
    editor = make_user("checker", role="editor", password="a-long-password")
    editor.first_name, editor.last_name = "Inès", "Checker"
    editor.save()
    base = live_server.url  # type: ignore[attr-defined]

    page.goto(f"{base}/en/accounts/login/?next=/en/strategy/staff/review-queue/")
    page.get_by_label("Username").fill("checker")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Review queue", exact=True)).to_be_visible()
    jurisdictions = page.locator("#queue-jurisdictions-table")
    expect(jurisdictions.locator('tr[data-key="UY"]')).to_be_visible()
    expect(jurisdictions.locator('tr[data-key="PT"]')).to_be_visible()

    jurisdictions.get_by_role("button", name="Mark Uruguay reviewed").click()

    expect(page.get_by_text("Uruguay is marked reviewed.")).to_be_visible()
    expect(jurisdictions.locator('tr[data-key="UY"]')).to_have_count(0)
    expect(jurisdictions.locator('tr[data-key="PT"]')).to_be_visible()

    page.goto(f"{base}/en/atlas/jurisdictions/UY/")
    expect(page.locator(".last-review")).to_contain_text("by Inès Checker")
