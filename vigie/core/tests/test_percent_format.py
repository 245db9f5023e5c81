"""Percentages in the reader's locale: "75%" in English, "75 %" in French and Spanish."""

import pytest
from django.template import Context, Template
from django.utils import translation


def _render(source: str, **context: object) -> str:
    return Template("{% load vigie %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "75%"), ("fr", "75\u202f%"), ("es", "75\u00a0%")],
)
def test_a_whole_percentage_follows_the_language(language: str, expected: str) -> None:
    with translation.override(language):
        assert _render("{{ value|percent }}", value=75) == expected


def test_decimals_use_the_locale_decimal_mark() -> None:
    with translation.override("en"):
        assert _render("{{ value|percent:1 }}", value=12.345) == "12.3%"
    with translation.override("fr"):
        assert _render("{{ value|percent:1 }}", value=12.345) == "12,3\u202f%"


def test_no_value_is_a_dash_not_zero() -> None:
    assert _render("{{ value|percent }}", value=None) == "—"
