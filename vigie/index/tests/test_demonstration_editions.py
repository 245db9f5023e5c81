"""Methodology demonstrations stay out of countries' drug-policy profiles."""

import pytest
from django.test import Client

from vigie.countries.profile import index_row
from vigie.index import queries
from vigie.index.tests.factories import make_computed_edition

pytestmark = pytest.mark.django_db


def test_a_demonstration_edition_is_not_part_of_a_country_summary() -> None:
    make_computed_edition()
    make_computed_edition(family="asem-demo", is_demonstration=True)
    summaries = queries.get_country_index_summary("PT")
    assert [s["is_demonstration"] for s in summaries] == [False]


def test_the_country_profile_does_not_list_the_demonstration() -> None:
    real = make_computed_edition()
    demo = make_computed_edition(family="asem-demo", is_demonstration=True)
    content = Client().get("/en/countries/pt/").content.decode()
    assert f"/index/{real.slug}/" in content
    assert f"/index/{demo.slug}/" not in content


def test_scores_on_the_profile_have_one_decimal_in_the_readers_format() -> None:
    from django.utils import translation

    make_computed_edition()
    [summary] = queries.get_country_index_summary("PT")
    summary["overall"] = 53.3787
    with translation.override("en"):
        assert "53.4 / 100" in index_row(summary).detail
    with translation.override("fr"):
        assert "53,4" in index_row(summary).detail
