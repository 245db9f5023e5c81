"""API of the public programme: series and published events (never registrations), and the
staff writes of the event pages (create, duplicate, the programme builder), each validated by
the page's own form and saved by the same service (``vigie.core.api_forms``)."""

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import Field

from vigie.core.api_auth import api_actor
from vigie.core.api_errors import NOT_FOUND
from vigie.core.api_forms import (
    FormRefused,
    api_write,
    bind_form,
    body_of,
    form_schema,
    staff_write,
)
from vigie.core.errors import DomainError
from vigie.events.forms import (
    ContributionForm,
    DuplicateForm,
    EventForm,
    MaterialForm,
    ProgrammeEntryForm,
    RecordingForm,
)
from vigie.events.models import Contribution, Event, ProgrammeItem, Series
from vigie.events.queries import public_events
from vigie.events.services import (
    ProgrammeError,
    add_contribution,
    attach_material,
    delete_programme_item,
    duplicate_event,
    move_programme_item,
    remove_contribution,
    save_event,
    save_programme_item,
    set_recording,
)

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


@router.get("/events", response=list[EventOut])
def list_events(request: object) -> list[dict[str, object]]:
    """Published and cancelled events, oldest first."""
    events = public_events().prefetch_related("countries", "sources").order_by("starts_at")
    return [_event(event) for event in events]


@router.get("/events/{slug}", response={200: EventDetailOut, **NOT_FOUND})
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


@router.get("/series", response=list[SeriesOut])
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


@router.get("/series/{slug}", response={200: SeriesOut, **NOT_FOUND})
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


# Staff writes: an editor's token (Bearer) or an editor's session with its CSRF token.

EVENT_KEYS = {"series": "slug", "countries": "iso2"}
EventIn = form_schema("EventIn", EventForm(), keys=EVENT_KEYS)
EventChangeIn = form_schema("EventChangeIn", EventForm(), keys=EVENT_KEYS, partial=True)
MaterialIn = form_schema("MaterialIn", MaterialForm())
RecordingIn = form_schema("RecordingIn", RecordingForm())
# Documented from the form of no event in particular; ``person`` is any person's id.
ContributionIn = form_schema("ContributionIn", ContributionForm(event=None))  # type: ignore[arg-type]
DuplicateIn = form_schema("DuplicateIn", DuplicateForm())


class EventWrittenOut(Schema):
    slug: str
    status: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class ProgrammeItemWrittenOut(Schema):
    id: int
    kind: str
    parent: int | None
    order: int
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None


class MoveIn(Schema):
    direction: str = Field(..., description="`up` or `down`: swap with the neighbour.")


# Documented from the form of no event in particular (its fields are the same for every event).
_LOCAL = "in the event's own time zone (a wall-clock time, without offset), within the event."
ProgrammeItemIn = form_schema(
    "ProgrammeItemIn",
    ProgrammeEntryForm(event=None),  # type: ignore[arg-type]
    extra={
        "starts_local": (datetime.datetime | None, Field(None, description="Starts, " + _LOCAL)),
        "ends_local": (datetime.datetime | None, Field(None, description="Ends, " + _LOCAL)),
    },
)


def _written(event: Event) -> EventWrittenOut:
    return EventWrittenOut(
        slug=event.slug, status=event.status, starts_at=event.starts_at, ends_at=event.ends_at
    )


@staff_write(
    router.post,
    "/events",
    name="create_event",
    summary="Create an event (as the staff form “New event”)",
    out=EventWrittenOut,
    status=201,
)
def create_event(request: HttpRequest, payload: EventIn) -> tuple[int, EventWrittenOut]:  # type: ignore[valid-type]
    """Times are the organiser's wall-clock times (``starts_local``, ``ends_local``) in the
    event's ``time_zone``; texts go in their language's field. A draft is seen by staff only;
    a published event appears on its public page and in ``GET /events/{slug}``."""
    with api_write():
        form = bind_form(EventForm, payload, keys=EVENT_KEYS)
        event = save_event(
            event=form.save(commit=False),
            actor=api_actor(request),
            changes={"slug": form.instance.slug},
        )
        form.save_m2m()
    return 201, _written(event)


@staff_write(
    router.post,
    "/events/{slug}/duplicate",
    name="duplicate_event",
    summary="Copy an event with its programme to a new date, as a draft",
    out=EventWrittenOut,
    status=201,
)
def duplicate(request: HttpRequest, slug: str, payload: DuplicateIn) -> tuple[int, EventWrittenOut]:  # type: ignore[valid-type]
    event = get_object_or_404(Event, slug=slug)
    with api_write(DomainError, at="slug"):  # the page shows it at the address too
        form = bind_form(DuplicateForm, payload)
        copy = duplicate_event(
            event=event,
            starts_at=form.starts_at(event),
            slug=form.cleaned_data["slug"],
            actor=api_actor(request),
        )
    return 201, _written(copy)


def _item_out(item: ProgrammeItem) -> ProgrammeItemWrittenOut:
    return ProgrammeItemWrittenOut(
        id=item.pk,
        kind=item.kind,
        parent=item.parent_id,
        order=item.order,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
    )


def _event_item(slug: str, item_id: int) -> ProgrammeItem:
    return get_object_or_404(ProgrammeItem, pk=item_id, event__slug=slug)


@staff_write(
    router.post,
    "/events/{slug}/programme",
    name="add_programme_item",
    summary="Add a part or a talk to an event's programme (as the programme builder)",
    out=ProgrammeItemWrittenOut,
    status=201,
)
def add_programme_item(
    request: HttpRequest,
    slug: str,
    payload: ProgrammeItemIn,  # type: ignore[valid-type]
) -> tuple[int, ProgrammeItemWrittenOut]:
    """Times are typed in the event's own time zone and must fall within the event; ``parent``
    is the id of one of this event's parts. The item goes last among its siblings."""
    event = get_object_or_404(Event, slug=slug)
    with api_write():
        form = bind_form(
            ProgrammeEntryForm, payload, event=event, instance=ProgrammeItem(event=event)
        )
        try:
            item = save_programme_item(
                event=event, item=form.save(commit=False), actor=api_actor(request)
            )
        except ProgrammeError as error:
            field = form.time_fields.get(error.field or "", error.field) or "__all__"
            raise FormRefused({field: [error.message]}) from error
    return 201, _item_out(item)


@staff_write(
    router.post,
    "/events/{slug}/programme/{item_id}/move",
    name="move_programme_item",
    summary="Move a part or talk up or down among its siblings",
    out=ProgrammeItemWrittenOut,
)
def move_item(
    request: HttpRequest, slug: str, item_id: int, payload: MoveIn
) -> ProgrammeItemWrittenOut:
    item = _event_item(slug, item_id)
    with api_write(ProgrammeError, at="direction"):
        moved = move_programme_item(
            item=item, direction=payload.direction, actor=api_actor(request)
        )
    return _item_out(moved)


@staff_write(
    router.delete,
    "/events/{slug}/programme/{item_id}",
    name="remove_programme_item",
    summary="Remove a part (with its talks) or a talk, and the people credited on it",
    out=None,
    status=204,
)
def remove_item(request: HttpRequest, slug: str, item_id: int) -> tuple[int, None]:
    item = _event_item(slug, item_id)
    with api_write():
        delete_programme_item(item=item, actor=api_actor(request))
    return 204, None


@staff_write(
    router.patch,
    "/events/{slug}",
    name="change_event",
    summary="Change an event (as the staff form; fields left out keep their value)",
    out=EventWrittenOut,
)
def change_event(
    request: HttpRequest,
    slug: str,
    payload: EventChangeIn,  # type: ignore[valid-type]
) -> EventWrittenOut:
    """Cancelling a published event tells everyone registered by email, and a larger capacity
    promotes people from the waiting list, as on the page."""
    event = get_object_or_404(Event, slug=slug)
    given = body_of(payload, partial=True)
    with api_write():
        form = bind_form(EventForm, given, keys=EVENT_KEYS, instance=event)
        saved = save_event(
            event=form.save(commit=False),
            actor=api_actor(request),
            changes={"fields": form.changed_data},
        )
        form.save_m2m()
    return _written(saved)


class MaterialWrittenOut(Schema):
    id: int
    title: str
    url: str


@staff_write(
    router.post,
    "/events/{slug}/materials",
    name="add_material",
    summary="Attach a material (slides, a document) to an event by its web address",
    out=MaterialWrittenOut,
    status=201,
)
def add_material(
    request: HttpRequest,
    slug: str,
    payload: MaterialIn,  # type: ignore[valid-type]
) -> tuple[int, MaterialWrittenOut]:
    """A file is uploaded on the staff page; through the API a material is a web address."""
    event = get_object_or_404(Event, slug=slug)
    with api_write():
        form = bind_form(MaterialForm, payload)
        material = attach_material(
            event=event,
            title=form.cleaned_data["title"],
            url=form.cleaned_data["url"],
            actor=api_actor(request),
        )
    return 201, MaterialWrittenOut(id=material.pk, title=material.title, url=material.url)


@staff_write(
    router.post,
    "/events/{slug}/recording",
    name="set_recording",
    summary="Set an event's recording: its policy and its address",
    out=EventWrittenOut,
)
def set_event_recording(
    request: HttpRequest,
    slug: str,
    payload: RecordingIn,  # type: ignore[valid-type]
) -> EventWrittenOut:
    """The address is shown in ``GET /events/{slug}`` only when the policy is ``public``."""
    event = get_object_or_404(Event, slug=slug)
    with api_write():
        form = bind_form(RecordingForm, payload)
        saved = set_recording(
            event=event,
            url=form.cleaned_data["recording_url"],
            policy=form.cleaned_data["recording_policy"],
            actor=api_actor(request),
        )
    return _written(saved)


class ContributionWrittenOut(Schema):
    id: int
    role: str
    item: int | None
    person: int
    name: str
    affiliation: str


@staff_write(
    router.post,
    "/events/{slug}/credits",
    name="add_credit",
    summary="Credit a moderator or speaker on an event or one of its parts or talks",
    out=ContributionWrittenOut,
    status=201,
)
def add_credit(
    request: HttpRequest,
    slug: str,
    payload: ContributionIn,  # type: ignore[valid-type]
) -> tuple[int, ContributionWrittenOut]:
    """``person``: the id of a person already recorded, or ``new_name`` (with
    ``new_affiliation``) for someone new; ``item``: one of this event's parts or talks, left
    out for the whole event (a moderator)."""
    event = get_object_or_404(Event, slug=slug)
    with api_write():
        form = bind_form(ContributionForm, payload, event=event)
        try:
            credit = add_contribution(event=event, actor=api_actor(request), **form.cleaned_data)
        except ProgrammeError as error:
            raise FormRefused({error.field or "__all__": [error.message]}) from error
    return 201, ContributionWrittenOut(
        id=credit.pk,
        role=credit.role,
        item=credit.item_id,
        person=credit.person_id,
        name=credit.person.name,
        affiliation=credit.person.affiliation,
    )


@staff_write(
    router.delete,
    "/events/{slug}/credits/{credit_id}",
    name="remove_credit",
    summary="Remove a person's credit (the person stays recorded)",
    out=None,
    status=204,
)
def remove_credit(request: HttpRequest, slug: str, credit_id: int) -> tuple[int, None]:
    credit = get_object_or_404(Contribution, pk=credit_id, event__slug=slug)
    with api_write():
        remove_contribution(contribution=credit, actor=api_actor(request))
    return 204, None
