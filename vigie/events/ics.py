"""iCalendar files: one event, a series feed, the all-events feed, and a registrant's own copy.

Times are written in the organiser's zone with its VTIMEZONE (so calendars show the event at
the right hour on both sides of a daylight-saving change). The public files never carry the
join link; only the copy attached to a confirmed registrant's email does.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

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


def _component(event: Event, *, join_url: str = "", personal_url: str = "") -> "icalendar.Event":
    import icalendar  # imported here: loading it costs most of a second at every start

    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@vigie")
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
    for event in events:
        calendar.add_component(_component(event))
    calendar.add_missing_timezones()
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
    calendar.add_component(
        _component(event, join_url=event.join_url if confirmed else "", personal_url=personal_url)
    )
    calendar.add_missing_timezones()
    return calendar.to_ical()
