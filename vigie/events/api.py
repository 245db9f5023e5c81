"""Read-only API of the public programme: series and published events (never registrations)."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from vigie.core.api_errors import NOT_FOUND
from vigie.events.models import Event, Series
from vigie.events.queries import public_events

router = Router(tags=["events"])


class PersonOut(Schema):
    name: str
    affiliation: str
    role: str


class ProgrammeItemOut(Schema):
    kind: str
    title_en: str
    title_fr: str
    title_es: str
    parent_order: int | None
    order: int
    speakers: list[PersonOut]


class EventOut(Schema):
    slug: str
    series: str | None
    number: int | None
    status: str
    format: str
    title_en: str
    title_fr: str
    title_es: str
    subtitle_en: str
    subtitle_fr: str
    subtitle_es: str
    summary_en: str
    summary_fr: str
    summary_es: str
    objectives_en: str
    objectives_fr: str
    objectives_es: str
    language_order: str
    working_languages: str
    interpretation_offered: bool
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    time_zone: str
    capacity: int | None
    chatham_house_rule: bool
    recording_policy: str
    recording_url: str
    countries: list[str]
    sources: list[str]


class EventDetailOut(EventOut):
    moderators: list[PersonOut]
    programme: list[ProgrammeItemOut]


class SeriesOut(Schema):
    slug: str
    title_en: str
    title_fr: str
    title_es: str
    description_en: str
    description_fr: str
    description_es: str
    language_order: str
    events: list[str]


def _event(event: Event) -> dict[str, object]:
    return {
        **{
            name: getattr(event, name)
            for name in EventOut.model_fields
            if hasattr(Event, name) and name not in ("series", "countries", "sources")
        },
        "series": event.series.slug if event.series else None,
        "recording_url": event.recording_url
        if event.recording_policy == Event.Recording.PUBLIC
        else "",
        "countries": list(event.countries.values_list("iso2", flat=True)),
        "sources": list(event.sources.values_list("url", flat=True)),
    }


@router.get("/events/", response=list[EventOut])
def list_events(request: object) -> list[dict[str, object]]:
    """Published and cancelled events, oldest first."""
    events = public_events().prefetch_related("countries", "sources").order_by("starts_at")
    return [_event(event) for event in events]


@router.get("/events/{slug}/", response={200: EventDetailOut, **NOT_FOUND})
def get_event(request: object, slug: str) -> dict[str, object]:
    event = get_object_or_404(public_events(), slug=slug)
    contributions = list(event.contributions.select_related("person"))

    def people(item_id: int | None) -> list[dict[str, str]]:
        return [
            {"name": c.person.name, "affiliation": c.person.affiliation, "role": c.role}
            for c in contributions
            if c.item_id == item_id
        ]

    items = list(event.programme.select_related("parent"))
    return {
        **_event(event),
        "moderators": people(None),
        "programme": [
            {
                "kind": item.kind,
                "title_en": item.title_en,
                "title_fr": item.title_fr,
                "title_es": item.title_es,
                "parent_order": item.parent.order if item.parent else None,
                "order": item.order,
                "speakers": people(item.pk),
            }
            for item in items
        ],
    }


@router.get("/series/", response=list[SeriesOut])
def list_series(request: object) -> list[dict[str, object]]:
    return [
        {
            **{name: getattr(series, name) for name in SeriesOut.model_fields if name != "events"},
            "events": list(
                public_events()
                .filter(series=series)
                .order_by("starts_at")
                .values_list("slug", flat=True)
            ),
        }
        for series in Series.objects.all()
    ]


@router.get("/series/{slug}/", response={200: SeriesOut, **NOT_FOUND})
def get_series(request: object, slug: str) -> dict[str, object]:
    series = get_object_or_404(Series, slug=slug)
    return {
        **{name: getattr(series, name) for name in SeriesOut.model_fields if name != "events"},
        "events": list(
            public_events()
            .filter(series=series)
            .order_by("starts_at")
            .values_list("slug", flat=True)
        ),
    }
