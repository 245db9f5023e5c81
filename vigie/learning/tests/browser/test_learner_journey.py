"""A learner, in French and without an account, enrols, takes two lessons, fails then passes the
quiz, gets a certificate, and anyone verifies it; with JavaScript off a lesson and a quiz work."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from vigie.learning.models import Certificate, Enrolment, QuizAttempt
from vigie.learning.tests.factories import add_quiz, make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _course() -> Any:
    course = make_course("decrim-101", modules=1, lessons=2)
    add_quiz(course.modules.get())
    return course


def _enrol(page: Page, base: str, language: str, name: str, email: str) -> None:
    page.goto(f"{base}/{language}/learning/decrim-101/")
    page.locator('input[name="name"]').fill(name)
    page.locator('input[name="email"]').fill(email)
    page.locator("section.enrol button[type=submit]").click()


def test_learner_in_french_enrols_learns_fails_passes_and_the_certificate_is_verified(
    page: Page, live_server: object, browser: Browser
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    _course()
    _enrol(page, base, "fr", "Ana Exemple", "ana@example.org")
    expect(page.get_by_text("Vous êtes inscrit.")).to_be_visible()
    expect(page.get_by_role("heading", name="Lesson 1.1 (fr)")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Terminé.*leçon suivante")).click()
    expect(page.get_by_role("heading", name="Lesson 1.2 (fr)")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Terminé.*quiz")).click()

    expect(page.get_by_role("heading", name=re.compile("Quiz"))).to_be_visible()
    page.get_by_label("Faux").check()
    page.get_by_label("Votre réponse").fill("Espagne")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.locator(".failed")).to_contain_text("Non réussi")
    expect(page.get_by_text("Non : voir 1.1")).to_be_visible()
    assert not Certificate.objects.exists()

    page.get_by_label("Juste").check()
    page.get_by_label("Votre réponse").fill("portugal")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.locator(".passed")).to_contain_text("Réussi")
    expect(page.get_by_text("Cours terminé.")).to_be_visible()
    assert QuizAttempt.objects.count() == 2
    certificate = Certificate.objects.get()
    assert certificate.language == "fr"
    expect(page.get_by_role("link", name="Télécharger votre certificat")).to_have_attribute(
        "href", f"/fr/learning/certificates/{certificate.code}.pdf"
    )

    page.goto(f"{base}/fr/learning/mine/")
    expect(page.get_by_text(certificate.code)).to_be_visible()

    stranger = browser.new_context().new_page()  # anonymous, another browser
    stranger.goto(f"{base}/fr/learning/verify/")
    stranger.get_by_label("Code du certificat").fill(certificate.code.lower())
    stranger.get_by_role("button", name="Vérifier").click()
    expect(stranger.get_by_text("Certificat valide.")).to_be_visible()
    expect(stranger.get_by_text("Ana Exemple")).to_be_visible()
    stranger.context.close()


def test_without_javascript_a_lesson_and_a_quiz_work(live_server: object, browser: Browser) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    _course()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _enrol(page, base, "en", "Ben Example", "ben@example.org")
    expect(page.get_by_role("heading", name="Lesson 1.1 (en)")).to_be_visible()
    expect(page.locator(".lesson-body")).to_contain_text("Text of lesson 1.1 (en)")
    page.get_by_role("button", name="Done: next lesson").click()
    page.get_by_role("button", name="Done: take the quiz").click()
    page.get_by_label("Right").check()
    page.get_by_label("Your answer").fill("Portugal")
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.locator(".passed")).to_contain_text("Passed, with 100%")
    enrolment = Enrolment.objects.get()
    assert enrolment.progress.count() == 2 and enrolment.completed_at is not None
    context.close()
