"""Full-text search on the database in use (SQLite FTS5 or PostgreSQL): run on both."""

import datetime

import pytest
from django.db import connection

from vigie.core.loaders import load_countries
from vigie.core.models import Country
from vigie.library import search, services
from vigie.library.models import PublicationKind
from vigie.library.queries import LibraryFilters, search_page, visible_publications
from vigie.library.tests.factories import make_publication, pdf_upload

pytestmark = pytest.mark.django_db


def _slugs(filters: LibraryFilters, *, drafts: bool = False) -> list[str]:
    page = search_page(visible_publications(include_drafts=drafts), filters, limit=50, offset=0)
    return [p.slug for p in page.publications]


@pytest.fixture
def french_pdf() -> None:
    load_countries()
    make_publication(
        "note-fr",
        title_fr="Note d’information sur la réduction des risques",
        kind=PublicationKind.BRIEFING_PAPER,
        published_on=datetime.date(2025, 6, 1),
        priorities=(1,),
        countries=(Country.objects.get(iso2="SN"),),
        uploads={"fr": pdf_upload("note.pdf", "La sécurité des personnes est une priorité.")},
    )
    make_publication(
        "report-en",
        title_en="Harm reduction report",
        published_on=datetime.date(2024, 2, 1),
        priorities=(2,),
        countries=(Country.objects.get(iso2="PT"),),
        uploads={"en": pdf_upload("report.pdf", "Security of people who use drugs.")},
    )


def test_a_french_query_without_accents_finds_the_text_of_a_french_pdf(french_pdf: None) -> None:
    assert _slugs(LibraryFilters(q="securite")) == ["note-fr"]
    assert _slugs(LibraryFilters(q="sécurité personnes")) == ["note-fr"]


def test_the_snippet_highlights_the_match_and_escapes_the_text(french_pdf: None) -> None:
    page = search_page(visible_publications(), LibraryFilters(q="securite"), limit=5, offset=0)
    snippet = page.snippets[page.publications[0].pk]
    assert "<mark>sécurité</mark>" in snippet.lower()


def test_text_in_a_pdf_cannot_inject_html() -> None:
    make_publication(
        "inject", uploads={"en": pdf_upload("x.pdf", "<script>alert(1)</script> tolerance")}
    )
    page = search_page(visible_publications(), LibraryFilters(q="tolerance"), limit=5, offset=0)
    snippet = page.snippets[page.publications[0].pk]
    assert "<script" not in snippet and "<mark>tolerance</mark>" in snippet


def test_a_snippet_is_escaped_before_the_matches_are_marked() -> None:
    raw = f"<b>x</b> {search.START}risk{search.STOP} & co"
    assert search.mark_snippet(raw) == "&lt;b&gt;x&lt;/b&gt; <mark>risk</mark> &amp; co"


def test_filters_combine_with_the_query(french_pdf: None) -> None:
    make_publication(
        "note-fr-2023",
        title_fr="Sécurité et police",
        kind=PublicationKind.BRIEFING_PAPER,
        published_on=datetime.date(2023, 1, 1),
        priorities=(1,),
    )
    assert sorted(_slugs(LibraryFilters(q="securite"))) == ["note-fr", "note-fr-2023"]
    assert _slugs(LibraryFilters(q="securite", year=2025)) == ["note-fr"]
    assert _slugs(LibraryFilters(q="securite", country="SN", kind="briefing_paper")) == ["note-fr"]
    assert _slugs(LibraryFilters(q="securite", country="PT")) == []
    assert _slugs(LibraryFilters(q="security", language="en", priority=2)) == ["report-en"]
    assert _slugs(LibraryFilters(q="security", language="fr")) == []
    assert _slugs(LibraryFilters(q="securite", priority=2)) == []
    assert _slugs(LibraryFilters(priority=1, year=2023)) == ["note-fr-2023"]
    make_publication("advocacy", title_en="Security at the UN", pillars=(4,))
    assert _slugs(LibraryFilters(q="security", pillar=4)) == ["advocacy"]
    assert sorted(_slugs(LibraryFilters(q="security", pillar=3))) == ["report-en"]


def test_results_are_ranked_title_before_body() -> None:
    make_publication(
        "in-body", title_en="Annual report", uploads={"en": pdf_upload("a.pdf", "cannabis")}
    )
    make_publication("in-title", title_en="Cannabis regulation")
    assert _slugs(LibraryFilters(q="cannabis")) == ["in-title", "in-body"]


def test_drafts_are_searched_for_staff_only() -> None:
    make_publication("draft", title_en="Decriminalisation draft", published=False)
    assert _slugs(LibraryFilters(q="decriminalisation")) == []
    assert _slugs(LibraryFilters(q="decriminalisation"), drafts=True) == ["draft"]


def test_the_index_follows_changes_and_removals() -> None:
    publication = make_publication("moving", uploads={"en": pdf_upload("a.pdf", "methadone")})
    assert _slugs(LibraryFilters(q="methadone")) == ["moving"]
    services.remove_file(publication=publication, language="en")
    assert _slugs(LibraryFilters(q="methadone")) == []
    publication.title_en = "Buprenorphine access"
    services.save_publication(publication=publication, priorities=(), pillars=(), countries=())
    assert _slugs(LibraryFilters(q="buprenorphine")) == ["moving"]


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "*", "a:b", "(", "NEAR(x y)", "'; DROP"])
def test_any_query_text_is_safe(query: str) -> None:
    make_publication("p", title_en="Naloxone")
    search_page(visible_publications(), LibraryFilters(q=query), limit=5, offset=0)


def test_the_backend_is_the_vendor_s() -> None:
    expected = {"sqlite": search.SqliteSearch, "postgresql": search.PostgresSearch}
    assert isinstance(search.backend(), expected[connection.vendor])


@pytest.mark.postgres
def test_postgres_uses_the_language_of_each_version(french_pdf: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search (set DATABASE_URL to a PostgreSQL database)")
    with connection.cursor() as cursor:
        # This test's own rows: the index table is not a model, so a flush by an earlier
        # transactional test leaves rows of publications it deleted.
        cursor.execute(
            "SELECT language, config::text FROM library_search WHERE publication_id IN "
            "(SELECT id FROM library_publication) ORDER BY language"
        )
        assert cursor.fetchall() == [("en", "vigie_english"), ("fr", "vigie_french")]
    # French stemming: the plural and the singular meet.
    assert _slugs(LibraryFilters(q="priorites")) == ["note-fr"]
