"""An editor adds a French briefing paper with its PDF and publishes it; a visitor finds it by a
word of the PDF typed without accents, and a draft stays out of sight."""

import pytest
from playwright.sync_api import Browser, FilePayload, Page, expect

from vigie.core.loaders import load_countries
from vigie.core.tests.factories import make_user
from vigie.library.models import Publication
from vigie.library.tests.factories import make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_publish_a_pdf_that_the_public_finds_by_search(
    page: Page, browser: Browser, live_server: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    load_countries()
    make_user("editor", role="editor", password="a-long-password")
    page.goto(f"{base}/en/accounts/login/?next=/en/library/staff/new/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("New publication")
    page.locator('input[name="slug"]').fill("note-securite")
    page.locator('select[name="kind"]').select_option("briefing_paper")
    page.locator('input[name="published_on"]').fill("2025-06-30")
    page.locator('select[name="countries"]').select_option("SN")
    french = page.locator('fieldset[lang="fr"]')
    french.locator('input[name="title_fr"]').fill("Note sur la réduction des risques au Sénégal")
    pdf: FilePayload = {
        "name": "note.pdf",
        "mimeType": "application/pdf",
        "buffer": make_pdf("La sécurité des personnes qui usent de drogues à Dakar."),
    }
    french.locator('input[name="file_fr"]').set_input_files(files=[pdf])
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The publication is saved.")).to_be_visible()
    expect(page.get_by_text("This publication is a draft, visible to staff only.")).to_be_visible()

    visitor = browser.new_page()
    visitor.goto(f"{base}/fr/library/?q=securite")
    expect(visitor.get_by_text("Aucune publication ne correspond.")).to_be_visible()

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The publication is published.")).to_be_visible()
    assert Publication.objects.get(slug="note-securite").is_published

    visitor.goto(f"{base}/fr/library/")
    visitor.get_by_label("Chercher dans les titres, les résumés et les textes intégraux").fill(
        "securite dakar"
    )
    visitor.get_by_label("Pays").select_option("SN")
    visitor.get_by_role("button", name="Chercher").click()
    result = visitor.get_by_role("link", name="Note sur la réduction des risques au Sénégal")
    expect(result).to_be_visible()
    expect(visitor.locator(".snippet mark").first).to_have_text("sécurité")
    result.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Note sur la réduction des risques au Sénégal"
    )
    expect(visitor.get_by_role("link", name="BibTeX")).to_be_visible()
    visitor.close()
