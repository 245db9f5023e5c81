"""Showing an event's time as the organiser wrote it and in another time zone.

Times are stored in UTC with the organiser's IANA time zone; the zone decides the wall-clock
time, so a series that crosses a daylight-saving change keeps its 16:00 in Paris while its UTC
time moves by an hour.
"""

import datetime
import zoneinfo

from django.utils import formats
from django.utils.translation import gettext as _

from vigie.events.models import Event


def zone_label(zone_name: str) -> str:
    """'Paris time' for Europe/Paris, 'UTC' for UTC."""
    if zone_name in ("UTC", "Etc/UTC"):
        return "UTC"
    city = zone_name.rsplit("/", 1)[-1].replace("_", " ")
    return _("%(city)s time") % {"city": city}


def time_range(start: datetime.datetime, end: datetime.datetime, zone_name: str) -> str:
    zone = zoneinfo.ZoneInfo(zone_name)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    text = f"{local_start:%H:%M}–{local_end:%H:%M}"
    if local_end.date() != local_start.date():
        text = f"{local_start:%H:%M}–{formats.date_format(local_end.date(), 'SHORT_DATE_FORMAT')} {local_end:%H:%M}"
    return text


def local_date(event: Event, zone_name: str | None = None) -> datetime.date:
    return event.starts_at.astimezone(zoneinfo.ZoneInfo(zone_name or event.time_zone)).date()


def describe_times(event: Event, other_zone: str = "UTC") -> str:
    """'16:00–18:00 Paris time = 14:00–16:00 UTC'."""
    organiser = f"{time_range(event.starts_at, event.ends_at, event.time_zone)} {zone_label(event.time_zone)}"
    if other_zone == event.time_zone:
        return organiser
    other = f"{time_range(event.starts_at, event.ends_at, other_zone)} {zone_label(other_zone)}"
    return f"{organiser} = {other}"
