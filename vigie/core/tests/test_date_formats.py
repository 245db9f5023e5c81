"""One way to write a date in each language: "2 December 2020", "2 décembre 2020", "2 de diciembre de 2020"."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

DAY = datetime.date(2020, 12, 2)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "2 December 2020"), ("fr", "2 décembre 2020"), ("es", "2 de diciembre de 2020")],
)
def test_a_date_reads_the_same_way_whether_formatted_or_printed(
    language: str, expected: str
) -> None:
    with translation.override(language):
        rendered = Template('{{ day|date:"DATE_FORMAT" }}|{{ day }}').render(Context({"day": DAY}))
    assert rendered == f"{expected}|{expected}"


def test_english_times_use_the_24_hour_clock() -> None:
    moment = datetime.datetime(2020, 12, 2, 16, 10)
    with translation.override("en"):
        assert Template('{{ t|time:"TIME_FORMAT" }}').render(Context({"t": moment})) == "16:10"
