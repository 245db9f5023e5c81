"""Public pages, feed and API of the library; drafts are shown to staff only."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from vigie.core.tests.factories import make_user
from vigie.library.models import Publication, PublicationKind
from vigie.library.tests.factories import make_publication, pdf_upload
from vigie.network.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def _client(role: str) -> Client:
    client = Client()
    if role == "member":
        client.force_login(make_member("reader", make_organisation("Fictional Org")))
    elif role in ("editor", "admin"):
        client.force_login(make_user(f"lib-{role}", role=role))
    return client


@pytest.fixture
def draft() -> Publication:
    return make_publication("hidden-draft", title_en="DRAFT-TITLE-MARKER", published=False)


@pytest.mark.parametrize(
    ("role", "visible"),
    [("anonymous", False), ("member", False), ("editor", True), ("admin", True)],
)
def test_a_draft_is_visible_to_staff_only(draft: Publication, role: str, visible: bool) -> None:
    client = _client(role)
    detail = client.get("/en/library/hidden-draft/")
    assert detail.status_code == (200 if visible else 404)
    assert client.get("/en/library/hidden-draft/cite.ris").status_code == (200 if visible else 404)
    listing = client.get("/en/library/").content.decode()
    assert ("DRAFT-TITLE-MARKER" in listing) is visible
    searched = client.get("/en/library/", {"q": "marker"}).content.decode()
    assert ("DRAFT-TITLE-MARKER" in searched) is visible


def test_drafts_never_reach_the_feed_nor_the_api(draft: Publication) -> None:
    client = _client("admin")
    assert b"DRAFT-TITLE-MARKER" not in client.get("/en/library/feed.atom").content
    assert b"DRAFT-TITLE-MARKER" not in client.get("/api/v1/library/publications").content
    assert client.get("/api/v1/library/publications/hidden-draft").status_code == 404


def test_the_list_filters_and_paginates() -> None:
    for number in range(25):
        make_publication(
            f"brief-{number:02d}",
            kind=PublicationKind.BRIEFING_PAPER if number % 2 else PublicationKind.REPORT,
            published_on=datetime.date(2020 + number % 3, 1, 1 + number),
        )
    client = Client()
    first = client.get("/en/library/").content.decode()
    assert "25 publications" in first and "page 1 of 2" in first
    second = client.get("/en/library/", {"page": 2}).content.decode()
    assert second.count('class="h3"') == 5
    briefs = client.get("/en/library/", {"type": "briefing_paper", "year": "2021"}).content.decode()
    expected = [n for n in range(25) if n % 2 and 2020 + n % 3 == 2021]
    assert f"{len(expected)} publications" in briefs
    nonsense = client.get("/en/library/", {"year": "x", "priority": "-1", "page": "z"})
    assert nonsense.status_code == 200


def test_the_landing_page_lists_language_versions() -> None:
    make_publication(
        "bilingual",
        title_en="Bilingual",
        title_fr="Bilingue",
        uploads={"en": pdf_upload("en.pdf", "one"), "fr": pdf_upload("fr.pdf", "un")},
    )
    page = Client().get("/fr/library/bilingual/").content.decode()
    assert "Bilingue" in page
    assert 'hreflang="en"' in page and 'hreflang="fr"' in page


def test_the_atom_feed_lists_published_publications_newest_first() -> None:
    make_publication("older", title_en="Older one", published_on=datetime.date(2024, 1, 1))
    make_publication("newer", title_en="Newer one", published_on=datetime.date(2025, 1, 1))
    response = Client().get("/en/library/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.text for e in ET.fromstring(response.content).findall("a:entry/a:title", ns)]
    assert titles == ["Newer one", "Older one"]


def test_the_api_searches_filters_and_paginates() -> None:
    make_publication(
        "fr-note",
        title_fr="Note",
        kind=PublicationKind.BRIEFING_PAPER,
        uploads={"fr": pdf_upload("n.pdf", "La sécurité avant tout")},
    )
    for number in range(3):
        make_publication(f"other-{number}")
    client = Client()
    page = client.get("/api/v1/library/publications", {"limit": 2, "offset": 2}).json()
    assert page["count"] == 4 and len(page["items"]) == 2
    found = client.get(
        "/api/v1/library/publications", {"q": "securite", "type": "briefing_paper"}
    ).json()
    assert [item["slug"] for item in found["items"]] == ["fr-note"]
    assert "<mark>" in found["items"][0]["snippet"]
    assert found["items"][0]["files"][0]["language"] == "fr"
    assert client.get("/api/v1/library/publications", {"limit": 1000}).status_code == 422
    detail = client.get("/api/v1/library/publications/fr-note").json()
    assert detail["title_fr"] == "Note" and detail["pillars"] == [3]


def test_a_page_of_results_is_read_in_a_fixed_number_of_queries(
    django_assert_max_num_queries: object,
) -> None:
    for number in range(12):
        make_publication(
            f"counted-{number}",
            title_en=f"Counted policy paper {number}",
            uploads={"en": pdf_upload(f"{number}.pdf", "policy text")},
        )
    client = Client()
    for address in ("/en/library/", "/en/library/?q=policy&type=report"):
        client.get(address)  # warm the caches a first request fills
        with django_assert_max_num_queries(12):  # type: ignore[operator]
            assert client.get(address).status_code == 200
