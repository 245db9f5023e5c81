"""The context of an event page: texts in the visitor's language, programme, times and places."""

from typing import Any

from django.utils import timezone
from django.utils.translation import get_language_info

from vigie.events.models import Contribution, Event, ProgrammeItem, SeriesCredit
from vigie.events.queries import get_place_counts
from vigie.events.services import is_registration_open
from vigie.events.texts import lines, other_versions, text, text_language
from vigie.events.times import describe_times, local_date, zone_label


def language_name(code: str) -> str:
    """The language's name in the visitor's language ("anglais" on a French page)."""
    return str(get_language_info(code)["name_translated"])


def _programme(event: Event) -> list[dict[str, Any]]:
    items = list(event.programme.all())
    speakers: dict[int, list[Contribution]] = {}
    for contribution in event.contributions.select_related("person").exclude(item=None):
        speakers.setdefault(contribution.item_id or 0, []).append(contribution)

    zone = event.zone

    def node(item: ProgrammeItem) -> dict[str, Any]:
        return {
            "item": item,
            # Talk times in the event's own zone, as in the header (never the server's UTC).
            "time": f"{item.starts_at.astimezone(zone):%H:%M}" if item.starts_at else "",
            "title": text(item, "title"),
            "lang": text_language(item, "title"),
            "others": other_versions(item, "title"),
            "contributions": speakers.get(item.pk, []),
            "children": [node(child) for child in items if child.parent_id == item.pk],
        }

    return [node(item) for item in items if item.parent_id is None]


def _credits(event: Event, role: str) -> list[SeriesCredit]:
    if event.series is None:
        return []
    return list(event.series.credits.filter(role=role).select_related("person"))


def present_event(event: Event) -> dict[str, Any]:
    now = timezone.now()
    return {
        "event": event,
        "title": text(event, "title"),
        "title_lang": text_language(event, "title"),
        "subtitle": text(event, "subtitle"),
        "summary": text(event, "summary"),
        "summary_lang": text_language(event, "summary"),
        "summary_others": [
            (code, language_name(code), value) for code, value in other_versions(event, "summary")
        ],
        "objectives": lines(text(event, "objectives")),
        "objectives_lang": text_language(event, "objectives"),
        "language_note": text(event, "language_note"),
        "series_title": text(event.series, "title") if event.series else "",
        "when": describe_times(event),
        "organiser_zone": zone_label(event.time_zone),
        "date": local_date(event),
        "moderators": event.contributions.filter(item=None, role="moderator").select_related(
            "person"
        ),
        "programme": _programme(event),
        "materials": event.materials.all(),
        "places": get_place_counts(event),
        "registration_open": is_registration_open(event, now),
        "is_past": event.ends_at < now,
        "working_languages": [
            language_name(code.strip()) for code in event.working_languages.split(",")
        ],
        "countries": event.countries.all(),
        "organisers": _credits(event, "organiser"),
        "partners": _credits(event, "partner"),
    }
