"""Counts for the strategy dashboard and country profiles."""

import datetime

import pytest

from vigie.core.tests.factories import make_country
from vigie.events.models import Event
from vigie.events.queries import (
    count_events_held,
    count_people_trained,
    get_event_participation,
    list_events_for_country,
    list_upcoming_events,
)
from vigie.events.tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db
YEAR_START, YEAR_END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


def _held_on(day: datetime.date, **fields: object) -> Event:
    start = datetime.datetime.combine(day, datetime.time(14), tzinfo=datetime.UTC)
    return make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2), **fields)


def test_count_events_held_counts_published_events_in_the_window_only() -> None:
    _held_on(datetime.date(2025, 3, 1), slug="in-window")
    _held_on(datetime.date(2025, 6, 1), status="cancelled")
    _held_on(datetime.date(2025, 7, 1), status="draft")
    _held_on(datetime.date(2024, 12, 31))
    result = count_events_held(YEAR_START, YEAR_END)
    assert result.value == 1
    assert [evidence.url for evidence in result.evidence] == ["/en/events/in-window/"]
    assert "Published events" in result.definition


def test_people_trained_are_distinct_attendees_marked_present() -> None:
    first, second = _held_on(datetime.date(2025, 3, 1)), _held_on(datetime.date(2025, 4, 1))
    make_registration(first, "Ana", attended=True)
    make_registration(second, "Ana", attended=True)  # same person, counted once
    make_registration(first, "Ben", attended=False)
    make_registration(second, "Cleo")  # attendance not marked
    result = count_people_trained(YEAR_START, YEAR_END)
    assert result.value == 1
    assert [evidence.detail for evidence in result.evidence] == ["1 present", "1 present"]


def test_participation_by_country_and_organisation_type() -> None:
    portugal = make_country("PT")
    event = _held_on(datetime.date(2025, 3, 1))
    make_registration(event, "Ana", country=portugal, organisation_type="ngo", attended=True)
    make_registration(event, "Ben", country=portugal, organisation_type="academic")
    make_registration(event, "Cleo", organisation_type="ngo", status="waiting")
    make_registration(event, "Dev", organisation_type="ngo", status="cancelled")
    participation = get_event_participation(YEAR_START, YEAR_END)
    assert participation["events"] == 1
    assert (participation["registered"], participation["attended"]) == (3, 1)
    assert participation["by_country"] == {
        "": {"registered": 1, "attended": 0},
        "PT": {"registered": 2, "attended": 1},
    }
    assert participation["by_organisation_type"]["ngo"] == {"registered": 2, "attended": 1}


def test_events_for_a_country_and_upcoming_events() -> None:
    bolivia = make_country("BO")
    focused = make_event(slug="bolivia-focus")
    focused.countries.add(bolivia)
    make_event(slug="elsewhere")
    make_event(slug="hidden", status="draft").countries.add(bolivia)
    assert [event["slug"] for event in list_events_for_country("bo")] == ["bolivia-focus"]
    assert [event["slug"] for event in list_upcoming_events(limit=5)] == [
        "bolivia-focus",
        "elsewhere",
    ]
    assert len(list_upcoming_events(limit=1)) == 1
