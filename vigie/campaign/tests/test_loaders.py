"""The bundled, sourced figures of the Global Day of Action."""

from pathlib import Path

import pytest

from vigie.campaign.loaders import load_day_figures
from vigie.campaign.models import DayFigure
from vigie.core.errors import DataFileError

pytestmark = pytest.mark.django_db
HEADER = "year,scope,cities,countries,activities,qualifier,source_title,source_url,accessed,notes\n"


def test_bundled_figures_load_with_their_sources_and_twice_changes_nothing() -> None:
    report = load_day_figures()
    assert report.created >= 5
    first = DayFigure.objects.get(year=2013, scope="edition")
    assert (first.cities, first.countries) == (41, 22)
    assert first.source.url.startswith("https://supportdontpunish.org/")
    assert all(figure.source.url.startswith("https://") for figure in DayFigure.objects.all())
    again = load_day_figures()
    assert (again.created, again.updated) == (0, 0)


def _write(tmp_path: Path, row: str) -> Path:
    path = tmp_path / "day_of_action.csv"
    path.write_text(HEADER + row, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2012,edition,10,,,exact,T,https://a.example,2026-11-30,\n", "line 2, field `year`"),
        ("2014,edition,,,,exact,T,https://a.example,2026-11-30,\n", "states no figure"),
        ("2014,edition,-3,,,exact,T,https://a.example,2026-11-30,\n", "field `cities`"),
        ("2014,edition,3,,,about,T,https://a.example,2026-11-30,\n", "field `qualifier`"),
        ("2014,edition,3,,,exact,T,no address,2026-11-30,\n", "field `source_url`"),
    ],
)
def test_a_bad_row_names_its_line_and_field_and_writes_nothing(
    tmp_path: Path, row: str, message: str
) -> None:
    with pytest.raises(DataFileError, match=message):
        load_day_figures(_write(tmp_path, row))
    assert not DayFigure.objects.exists()


def test_the_fictional_demo_loads_onto_the_map_and_twice_changes_nothing() -> None:
    from vigie.campaign.loaders import load_demo
    from vigie.campaign.models import Application
    from vigie.campaign.queries import list_action_points

    reports = load_demo()
    assert reports["demo_applications"].created == 5
    assert all(a.email.endswith("@example.org") for a in Application.objects.all())
    assert all("(fictional)" in a.organisation_name for a in Application.objects.all())
    points = list_action_points(2025)
    assert {p["city"] for p in points} == {"Nairobi", "Guadalajara", "Imphal", "Bandung"}
    assert next(p for p in points if p["city"] == "Imphal")["organisation"] == ""  # no consent
    again = load_demo()
    assert (again["demo_applications"].created, again["demo_applications"].updated) == (0, 0)
