"""An editor creates a course with a module, a lesson and a quiz question, English and French side
by side, previews it and publishes it; visitors then see it in French."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from vigie.core.tests.factories import make_user
from vigie.learning.models import Course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_builds_and_publishes_a_course_in_english_and_french(
    page: Page, live_server: object, browser: Browser
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    make_user("course-editor", role="editor", password="a-long-password")
    page.goto(f"{base}/en/accounts/login/?next=/en/learning/staff/")
    page.get_by_label("Username").fill("course-editor")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()

    # the three languages of each text sit side by side
    first_row = page.locator("fieldset.translated").first.locator(".side-by-side")
    expect(first_row.locator("input")).to_have_count(3)
    page.locator('input[name="slug"]').fill("media-course")
    page.locator('input[name="title_en"]').fill("Working with the media")
    page.locator('input[name="title_fr"]').fill("Travailler avec les médias")
    page.get_by_role("button", name="Create the course").click()
    expect(page.get_by_text("Course created, as a draft.")).to_be_visible()

    page.get_by_role("link", name="Add a module").click()
    page.locator('input[name="title_en"]').fill("Press releases")
    page.locator('input[name="title_fr"]').fill("Communiqués de presse")
    page.get_by_role("button", name="Save the module").click()
    expect(page.get_by_text("Module saved.")).to_be_visible()

    page.get_by_role("link", name="Add a lesson").click()
    page.locator('input[name="title_en"]').fill("Writing a release")
    page.locator('input[name="title_fr"]').fill("Écrire un communiqué")
    page.locator('textarea[name="body_en"]').fill("A release answers **who**, what, when.")
    page.locator('textarea[name="body_fr"]').fill("Un communiqué répond à **qui**, quoi, quand.")
    page.get_by_role("button", name="Save the lesson").click()
    expect(page.get_by_text("Lesson saved.")).to_be_visible()
    page.get_by_role("link", name="Preview").first.click()
    expect(page.get_by_text("Preview: you see this lesson as staff")).to_be_visible()
    expect(page.locator(".lesson-body strong")).to_have_text("who")
    page.go_back()

    page.locator("p.small a").nth(2).click()  # breadcrumb: back to the module
    page.get_by_role("link", name="Add a question").click()
    page.locator('textarea[name="prompt_en"]').fill("What does a release answer first?")
    page.locator('textarea[name="prompt_fr"]').fill("À quoi répond d'abord un communiqué ?")
    page.locator('select[name="kind"]').select_option("single")
    page.locator('input[name="options-0-text_en"]').fill("Who")
    page.locator('input[name="options-0-text_fr"]').fill("Qui")
    page.locator('input[name="options-0-is_correct"]').check()
    page.locator('input[name="options-1-text_en"]').fill("Why not")
    page.locator('input[name="options-1-text_fr"]').fill("Pourquoi pas")
    page.get_by_role("button", name="Save the question").click()
    expect(page.get_by_text("Question saved.")).to_be_visible()

    page.locator("p.small a").nth(1).click()  # breadcrumb: back to the course
    expect(page.get_by_text(re.compile(r"Complete in: EN FR"))).to_be_visible()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("Course published.")).to_be_visible()
    course = Course.objects.get(slug="media-course")
    assert course.is_published
    question = course.modules.get().questions.get()
    assert question.options.get(is_correct=True).text_fr == "Qui"

    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/fr/learning/")
    expect(visitor.get_by_role("link", name="Travailler avec les médias")).to_be_visible()
    visitor.context.close()
