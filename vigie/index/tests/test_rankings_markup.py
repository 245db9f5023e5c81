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


def test_the_map_table_lists_scored_countries_first_highest_first() -> None:
    from vigie.index import queries
    from vigie.index.models import UnitResult

    edition = make_computed_edition()
    first = UnitResult.objects.filter(edition=edition).order_by("pk").first()
    last = UnitResult.objects.filter(edition=edition).order_by("pk").last()
    assert first is not None and last is not None
    UnitResult.objects.filter(pk=first.pk).update(score=None)  # unscored, stored first
    UnitResult.objects.filter(pk=last.pk).update(score=99)  # the best, stored last
    values = queries.get_map_values(edition, "score")
    scores = [v["value"] for v in values]
    assert scores[-1] is None
    known = [s for s in scores if s is not None]
    assert known == sorted(known, reverse=True) and len(known) == len(scores) - 1
    html = Client().get(f"/en/index/{edition.slug}/map/").content.decode()
    table = html.split("<tbody>")[1]
    assert table.index(values[0]["name"]) < table.index(values[-1]["name"])
