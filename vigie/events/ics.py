"""iCalendar files: one event, a series feed, the all-events feed, and a registrant's own copy.

Times are written in the organiser's zone with its VTIMEZONE (so calendars show the event at
the right hour on both sides of a daylight-saving change). The VTIMEZONE states the zone's rule
(RRULE, the form Google and Outlook export) rather than a list of dates: some clients (vobject,
hence Radicale and many CalDAV tools) misread the list form. The public files never carry the
join link; only the copy attached to a confirmed registrant's email does.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from vigie.events.models import Event, Registration
from vigie.events.texts import text

if TYPE_CHECKING:
    import icalendar

PRODID = "-//Vigie//Events//EN"


def _url(event: Event) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse('events:detail', args=[event.slug])}"


def _uid(event: Event) -> str:
    """Unique per installation: two Vigie sites never give their event 1 the same UID."""
    host = urlsplit(settings.SITE_URL).hostname or "vigie"
    return f"event-{event.pk}@{host}"


def _transitions(zone: zoneinfo.ZoneInfo, year: int) -> list[datetime.datetime]:
    """The instants (UTC) in the year when the zone's offset changes, to the minute."""
    found = []
    moment = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC)
    step = datetime.timedelta(hours=1)
    while moment < end:
        after = moment + step
        if moment.astimezone(zone).utcoffset() != after.astimezone(zone).utcoffset():
            low, high = moment, after
            while high - low > datetime.timedelta(minutes=1):
                middle = low + (high - low) / 2
                if low.astimezone(zone).utcoffset() == middle.astimezone(zone).utcoffset():
                    low = middle
                else:
                    high = middle
            found.append(high)
        moment = after
    return found


def _days_in_month(day: datetime.date) -> int:
    next_month = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return (next_month - datetime.timedelta(days=1)).day


def _onset(year: int, local: datetime.datetime, ordinal: int) -> datetime.datetime:
    """The same weekday of the same month in `year` (the `ordinal`th, -1 the last), same time."""
    first = local.replace(year=year, day=1)
    days = [
        first + datetime.timedelta(days=offset)
        for offset in range(_days_in_month(first))
        if (first + datetime.timedelta(days=offset)).weekday() == local.weekday()
    ]
    return days[-1] if ordinal == -1 else days[ordinal - 1]


def _ical_weekday(day: datetime.date) -> str:
    return ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.weekday()]


def vtimezone(zone_name: str, year: int) -> "icalendar.Timezone":
    """The zone's VTIMEZONE with yearly rules (e.g. last Sunday of March), from its `year` rules."""
    import icalendar  # imported here: loading it costs most of a second at every start

    zone = zoneinfo.ZoneInfo(zone_name)
    timezone_component = icalendar.Timezone()
    timezone_component.add("tzid", zone_name)
    transitions = _transitions(zone, year)
    if len(transitions) != 2:  # no daylight saving (or an irregular year): the year's offset
        january = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC).astimezone(zone)
        offset = january.utcoffset() or datetime.timedelta(0)
        standard = icalendar.TimezoneStandard()
        standard.add("tzname", january.tzname() or zone_name)
        standard.add("dtstart", datetime.datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        timezone_component.add_component(standard)
        return timezone_component
    for instant in transitions:
        before = (instant - datetime.timedelta(minutes=1)).astimezone(zone)
        after = instant.astimezone(zone)
        # The wall-clock time of the change, read in the offset in force before it.
        local = (instant + (before.utcoffset() or datetime.timedelta(0))).replace(tzinfo=None)
        is_daylight = bool(after.dst())
        part = icalendar.TimezoneDaylight() if is_daylight else icalendar.TimezoneStandard()
        part.add("tzname", after.tzname() or zone_name)
        ordinal = -1 if local.day + 7 > _days_in_month(local) else (local.day - 1) // 7 + 1
        # The rule's first onset in 1970, as Google and Outlook write it, so every event is after it.
        part.add("dtstart", _onset(1970, local, ordinal))
        part.add("tzoffsetfrom", before.utcoffset())
        part.add("tzoffsetto", after.utcoffset())
        part.add(
            "rrule",
            {"freq": "yearly", "bymonth": local.month, "byday": f"{ordinal}{_ical_weekday(local)}"},
        )
        timezone_component.add_component(part)
    return timezone_component


def _add_timezones(calendar: "icalendar.Calendar", events: list[Event]) -> None:
    years: dict[str, int] = {}
    for event in events:
        year = event.starts_at.astimezone(event.zone).year
        years[event.time_zone] = min(year, years.get(event.time_zone, year))
    for zone_name, year in sorted(years.items()):
        calendar.add_component(vtimezone(zone_name, year))


def _component(event: Event, *, join_url: str = "", personal_url: str = "") -> "icalendar.Event":
    import icalendar

    component = icalendar.Event()
    component.add("uid", _uid(event))
    component.add("dtstamp", event.updated_at or timezone.now())
    component.add("dtstart", event.starts_at.astimezone(event.zone))
    component.add("dtend", event.ends_at.astimezone(event.zone))
    component.add("summary", text(event, "title"))
    description = [text(event, "subtitle"), text(event, "summary"), _url(event)]
    if join_url:
        description.append(join_url)
    if personal_url:
        description.append(personal_url)
    component.add("description", "\n\n".join(part for part in description if part))
    component.add("url", _url(event))
    location = join_url or event.venue
    if location:
        component.add("location", location)
    component.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    return component


def build_calendar(events: Iterable[Event], *, name: str = "") -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    events = list(events)
    _add_timezones(calendar, events)
    for event in events:
        calendar.add_component(_component(event))
    return calendar.to_ical()


def build_registrant_calendar(registration: Registration, personal_url: str) -> bytes:
    """The calendar attached to a registrant's email: with the join link once confirmed."""
    event = registration.event
    confirmed = registration.status == Registration.Status.CONFIRMED
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    _add_timezones(calendar, [event])
    calendar.add_component(
        _component(event, join_url=event.join_url if confirmed else "", personal_url=personal_url)
    )
    return calendar.to_ical()
