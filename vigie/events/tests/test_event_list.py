"""The events list: upcoming first, past ones below with their recordings, a bounded month grid."""

import datetime
import re

import pytest
from django.test import Client

from vigie.events.tests.factories import make_event

pytestmark = pytest.mark.django_db


def _at(year: int, month: int) -> dict[str, datetime.datetime]:
    start = datetime.datetime(year, month, 15, 14, tzinfo=datetime.UTC)
    return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=2)}


def _calendar_links(content: str) -> dict[str, str]:
    """The month navigation links of the calendar, by direction."""
    nav = content.split('class="calendar-nav"')[1].split("</p>")[0]
    found = re.findall(r'href="\?month=(\d{4}-\d{2})[^"]*"[^>]*>([^<]+)<', nav)
    return {("previous" if "previous" in label else "next"): month for month, label in found}


def test_the_month_links_stop_at_the_first_and_last_months_with_events() -> None:
    make_event(slug="old", title_en="Old", **_at(2021, 4))
    make_event(slug="far", title_en="Far", **_at(2031, 4))
    first = Client().get("/en/events/?month=2021-04").content.decode()
    assert "<strong>April 2021</strong>" in first
    assert "previous" not in _calendar_links(first)
    assert _calendar_links(first)["next"] == "2021-05"
    last = Client().get("/en/events/?month=2031-04").content.decode()
    assert "next" not in _calendar_links(last)
    assert _calendar_links(last)["previous"] == "2031-03"


def test_a_month_outside_the_bounds_shows_the_nearest_bound() -> None:
    make_event(slug="old", title_en="Old", **_at(2021, 4))
    make_event(slug="far", title_en="Far", **_at(2031, 4))
    assert "<strong>April 2021</strong>" in Client().get("/en/events/?month=1938-01").text
    assert "<strong>April 2031</strong>" in Client().get("/en/events/?month=2115-12").text


def test_following_next_month_ends() -> None:
    """A crawler following "next month" from the first month stops after the last event's month."""
    make_event(slug="old", title_en="Old", **_at(2024, 1))
    make_event(slug="later", title_en="Later", **_at(2031, 6))
    client, month, visited = Client(), "2024-01", 0
    while month and visited < 200:
        month = _calendar_links(client.get(f"/en/events/?month={month}").text).get("next", "")
        visited += 1
    assert visited == (2031 - 2024) * 12 + 6


def test_past_events_come_before_the_month_grid_with_their_recordings() -> None:
    make_event(slug="next-one", title_en="Next one")
    make_event(
        slug="old-one",
        title_en="Old one",
        recording_policy="public",
        recording_url="https://video.example.org/old-one",
        **_at(2021, 4),
    )
    make_event(
        slug="internal-one",
        title_en="Internal one",
        recording_policy="internal",
        recording_url="https://video.example.org/internal",
        **_at(2021, 5),
    )
    content = Client().get("/en/events/").content.decode()
    assert content.index('id="upcoming-title"') < content.index('id="past-title"')
    assert content.index('id="past-title"') < content.index('id="calendar-title"')
    past = content.split('id="past-title"')[1].split('id="calendar-title"')[0]
    assert 'href="https://video.example.org/old-one"' in past
    assert "video.example.org/internal" not in content
    # The month grid is there but folded until a month is asked for.
    assert "<details" in content and '<details class="event-calendar-box" open' not in content
    asked = Client().get("/en/events/?month=2021-04").content.decode()
    assert '<details class="event-calendar-box" open' in asked
