"""Calendar files parse with icalendar and keep the organiser's wall-clock time across DST."""

import datetime
import zoneinfo
from typing import Any

import icalendar
import pytest
import vobject
from django.test import Client, override_settings

from vigie.events.ics import build_calendar
from vigie.events.models import Series
from vigie.events.tests.factories import make_event

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _paris(year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def _series_across_dst() -> Series:
    """Weekly 16:00 Paris workshops around the end of March and the end of October 2027."""
    series = Series.objects.create(slug="silos", title_en="Silos")
    for number, day in enumerate(
        [(2027, 3, 23), (2027, 3, 30), (2027, 10, 26), (2027, 11, 2)], start=1
    ):
        start = _paris(*day, 16, 0)
        make_event(
            slug=f"silos-{number}",
            series=series,
            number=number,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )
    return series


def test_series_feed_keeps_16_00_paris_time_on_both_sides_of_daylight_saving_changes() -> None:
    series = _series_across_dst()
    response = Client().get(f"/en/events/series/{series.slug}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    starts = sorted(vevent.decoded("dtstart") for vevent in calendar.walk("VEVENT"))
    assert [start.astimezone(PARIS).strftime("%H:%M") for start in starts] == ["16:00"] * 4
    utc_hours = [start.astimezone(datetime.UTC).hour for start in starts]
    assert utc_hours == [15, 14, 14, 15]  # CET (UTC+1), CEST (UTC+2), CEST, CET


def test_all_events_feed_lists_published_events_only() -> None:
    make_event(slug="shown")
    make_event(slug="hidden", status="draft")
    calendar = icalendar.Calendar.from_ical(Client().get("/en/events/calendar.ics").content)
    urls = [str(vevent["url"]) for vevent in calendar.walk("VEVENT")]
    assert len(urls) == 1 and urls[0].endswith("/events/shown/")


def test_public_event_file_never_carries_the_join_link() -> None:
    event = make_event(join_url="https://meet.example.org/secret-room")
    response = Client().get(f"/en/events/{event.slug}/calendar.ics")
    assert b"secret-room" not in response.content
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert vevent.decoded("dtend") - vevent.decoded("dtstart") == datetime.timedelta(hours=2)


@override_settings(SITE_URL="https://vigie.example.org/")
def test_each_event_has_a_stable_uid_unique_to_the_installation() -> None:
    event = make_event()
    first = icalendar.Calendar.from_ical(build_calendar([event])).walk("VEVENT")[0]["uid"]
    second = icalendar.Calendar.from_ical(build_calendar([event])).walk("VEVENT")[0]["uid"]
    assert first == second == f"event-{event.pk}@vigie.example.org"
    with override_settings(SITE_URL="https://other-network.example.net"):
        other = icalendar.Calendar.from_ical(build_calendar([event])).walk("VEVENT")[0]["uid"]
    assert other != first


def _files(series: Series) -> dict[str, bytes]:
    """The per-event files, the series feed and the all-events feed."""
    client = Client()
    files = {
        f"event {number}": client.get(f"/en/events/silos-{number}/calendar.ics").content
        for number in range(1, 5)
    }
    files["series"] = client.get(f"/en/events/series/{series.slug}/calendar.ics").content
    files["all events"] = client.get("/en/events/calendar.ics").content
    return files


EXPECTED_UTC = {  # 16:00 Paris: CET (UTC+1) before the end of March and after the end of October
    "silos-1": "2027-03-23T15:00",
    "silos-2": "2027-03-30T14:00",
    "silos-3": "2027-10-26T14:00",
    "silos-4": "2027-11-02T15:00",
}


def _slug(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def test_vobject_reads_16_00_paris_time_on_both_sides_of_daylight_saving_changes() -> None:
    """vobject builds its zone from the file's VTIMEZONE (it misread the list-of-dates form)."""
    for name, content in _files(_series_across_dst()).items():
        calendar = vobject.readOne(content.decode())
        events = calendar.contents["vevent"]
        assert len(events) == (1 if name.startswith("event") else 4), name
        for vevent in events:
            start = vevent.dtstart.value
            assert start.strftime("%H:%M") == "16:00", name
            utc = start.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M")
            assert utc == EXPECTED_UTC[_slug(vevent.url.value)], name


def test_icalendar_reads_the_files_own_vtimezone_right_on_both_sides_of_daylight_saving() -> None:
    """Read with the zone built from the VTIMEZONE itself, not the parser's own zone database."""
    for name, content in _files(_series_across_dst()).items():
        calendar = icalendar.Calendar.from_ical(content)
        (vtimezone,) = calendar.walk("VTIMEZONE")
        assert isinstance(vtimezone, icalendar.Timezone)
        rule: Any = vtimezone.walk("DAYLIGHT")[0]["RRULE"]
        assert rule["BYMONTH"] == [3], name
        assert "RDATE" not in vtimezone.to_ical().decode(), name
        zone = vtimezone.to_tz()
        for vevent in calendar.walk("VEVENT"):
            start = vevent.decoded("dtstart")
            assert vevent["dtstart"].params["TZID"] == "Europe/Paris", name
            local = start.replace(tzinfo=None).replace(tzinfo=zone)
            assert local.strftime("%H:%M") == "16:00", name
            utc = local.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M")
            assert utc == EXPECTED_UTC[_slug(str(vevent["url"]))], name
