"""The rankings table is announced correctly: sort state on the header cell, headings in order."""

import itertools
import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from vigie.index.tests.factories import make_computed_edition

pytestmark = pytest.mark.django_db


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize(("sort", "expected"), [("rank", "ascending"), ("-score", "descending")])
def test_aria_sort_is_on_the_sorted_column_header_only(sort: str, expected: str) -> None:
    edition = make_computed_edition()
    html = Client().get(f"/en/index/{edition.slug}/", {"sort": sort}).content.decode()
    sorted_cells = [(tag, attrs) for tag, attrs in _elements(html) if "aria-sort" in attrs]
    assert [(tag, attrs["aria-sort"]) for tag, attrs in sorted_cells] == [("th", expected)]


def test_headings_do_not_skip_a_level() -> None:
    from vigie.core.models import Source

    edition = make_computed_edition()
    edition.sources.add(Source.objects.create(url="https://example.org/report", title="Report"))
    html = Client().get(f"/en/index/{edition.slug}/").content.decode()
    main = html.split("<main", 1)[1]
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
