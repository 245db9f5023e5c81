"""The recommended citation and its exports."""

import datetime
import json

import pytest
from django.test import Client

from vigie.library.models import PublicationKind
from vigie.library.tests.factories import make_publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def publication() -> object:
    return make_publication(
        "gdpi-validity",
        title_en="Comparing drug policies {with braces}",
        kind=PublicationKind.ARTICLE,
        authors="Bewley-Taylor, Dave\nFictional Collective",
        publisher="Fictional Journal",
        doi="10.1000/example",
        published_on=datetime.date(2025, 7, 1),
    )


def test_csl_json(publication: object) -> None:
    response = Client().get("/en/library/gdpi-validity/cite.csl.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    [item] = json.loads(response.content)
    assert item["type"] == "article-journal"
    assert item["author"] == [
        {"family": "Bewley-Taylor", "given": "Dave"},
        {"literal": "Fictional Collective"},
    ]
    assert item["issued"] == {"date-parts": [[2025, 7, 1]]}
    assert item["DOI"] == "10.1000/example"


def test_bibtex_escapes_braces_and_keeps_organisations_whole(publication: object) -> None:
    body = Client().get("/en/library/gdpi-validity/cite.bib").content.decode()
    assert body.startswith("@article{gdpi-validity,")
    assert "title = {{Comparing drug policies with braces}}" in body
    assert "author = {Bewley-Taylor, Dave and {Fictional Collective}}" in body
    assert body.count("{") == body.count("}")


def test_ris(publication: object) -> None:
    body = Client().get("/en/library/gdpi-validity/cite.ris").content.decode()
    lines = body.split("\r\n")
    assert lines[0] == "TY  - JOUR"
    assert "AU  - Bewley-Taylor, Dave" in lines and "DO  - 10.1000/example" in lines
    assert lines[-2] == "ER  - "


def test_an_unknown_export_format_is_404(publication: object) -> None:
    assert Client().get("/en/library/gdpi-validity/cite.docx").status_code == 404


def test_the_landing_page_shows_the_recommended_citation(publication: object) -> None:
    page = Client().get("/en/library/gdpi-validity/").content.decode()
    assert "Bewley-Taylor, Dave; Fictional Collective (2025). Comparing drug policies" in page
    assert "https://doi.org/10.1000/example" in page
