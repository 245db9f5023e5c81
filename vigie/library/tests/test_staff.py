"""Staff pages: publications with three languages side by side, files, publishing, plans."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vigie.core.loaders import load_countries
from vigie.core.tests.factories import make_user
from vigie.library.models import DisseminationPlan, Publication
from vigie.library.queries import list_publication_coverage
from vigie.library.tests.factories import make_publication, pdf_upload
from vigie.network.models import Coverage, Journalist, Outlet

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor() -> Client:
    client = Client()
    client.force_login(make_user("lib-editor", role="editor"))
    return client


def _form(**overrides: object) -> dict[str, object]:
    return {
        "slug": "new-brief",
        "kind": "briefing_paper",
        "published_on": "2025-05-01",
        "authors": "Fictional, Author",
        "title_en": "Fictional brief",
        "title_fr": "Note fictive",
        "title_es": "",
        "summary_en": "",
        "summary_fr": "",
        "summary_es": "",
        "priorities": [],
        "pillars": [],
        **overrides,
    }


def test_staff_create_a_publication_with_a_pdf_per_language(editor: Client) -> None:
    load_countries()
    response = editor.post(
        "/en/library/staff/new/",
        _form(
            countries=["SN"],
            file_fr=pdf_upload("note.pdf", "Réduction des risques"),
            file_en=pdf_upload("brief.pdf", "Harm reduction"),
        ),
    )
    assert response.status_code == 302
    publication = Publication.objects.get(slug="new-brief")
    assert not publication.is_published
    assert sorted(publication.files.values_list("language", flat=True)) == ["en", "fr"]
    assert list(publication.countries.values_list("iso2", flat=True)) == ["SN"]
    assert Client().get("/en/library/new-brief/").status_code == 404
    editor.post("/en/library/staff/new-brief/publish/", {"published": "1"})
    assert Client().get("/en/library/new-brief/").status_code == 200
    editor.post("/en/library/staff/new-brief/publish/", {"published": "0"})
    assert Client().get("/en/library/new-brief/").status_code == 404


def test_a_bad_file_is_named_and_nothing_is_saved(editor: Client) -> None:
    upload = SimpleUploadedFile("evil.pdf", b"<html>not a pdf</html>")
    response = editor.post("/en/library/staff/new/", _form(file_es=upload))
    assert response.status_code == 400
    assert "evil.pdf" in response.content.decode()
    assert not Publication.objects.exists()


def test_a_title_is_needed_in_one_language(editor: Client) -> None:
    response = editor.post("/en/library/staff/new/", _form(title_en="", title_fr=""))
    assert response.status_code == 400
    assert "at least one language" in response.content.decode()


def test_the_form_shows_the_three_languages_side_by_side(editor: Client) -> None:
    page = editor.get("/en/library/staff/new/").content.decode()
    for code in ("en", "fr", "es"):
        assert f'<fieldset lang="{code}">' in page
        assert f'name="title_{code}"' in page and f'name="file_{code}"' in page


def test_a_member_cannot_reach_the_staff_pages() -> None:
    client = Client()
    client.force_login(make_user("not-staff"))
    assert client.get("/en/library/staff/").status_code == 403
    make_publication("p", published=False)
    assert client.post("/en/library/staff/p/publish/", {"published": "1"}).status_code == 403
    assert not Publication.objects.get(slug="p").is_published


def test_dissemination_plan_with_contacts_steps_and_coverage(editor: Client) -> None:
    publication = make_publication(
        "key-report", title_en="Key report", is_key=True, published_on=datetime.date(2025, 3, 1)
    )
    outlet = Outlet.objects.create(name="Fictional Daily")
    journalist = Journalist.objects.create(name="Fictional Reporter", outlet=outlet)
    coverage = [
        Coverage.objects.create(
            outlet=outlet,
            journalist=journalist,
            url=f"https://daily.example/{n}",
            published_on=datetime.date(2025, 3, 2),
            tone="supportive",
        )
        for n in range(2)
    ]
    response = editor.post(
        "/en/library/staff/key-report/plan/",
        {
            "save_plan": "1",
            "audiences": "Policy makers",
            "notes": "",
            "journalists": [journalist.pk],
            "coverage": [c.pk for c in coverage],
        },
    )
    assert response.status_code == 302
    editor.post(
        "/en/library/staff/key-report/plan/",
        {
            "add_step": "1",
            "planned_on": "2025-03-01",
            "channel": "press_release",
            "audience": "Media",
        },
    )
    plan = DisseminationPlan.objects.get(publication=publication)
    assert plan.journalist_ids == [journalist.pk] and plan.steps.count() == 1
    page = editor.get("/en/library/staff/key-report/plan/").content.decode()
    assert "Fictional Reporter" in page and "https://daily.example/1" in page
    [row] = list_publication_coverage(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert row["slug"] == "key-report" and row["coverage"] == 2
    step = plan.steps.get()
    editor.post(f"/en/library/staff/key-report/plan/steps/{step.pk}/delete/")
    assert not plan.steps.exists()
