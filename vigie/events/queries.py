"""Reading events for pages and for other apps (the strategy dashboard, country profiles).

Only published events are public. Counts follow the definitions given with each ``CountResult``;
no function here returns a person's name or email, so these figures can be shown to anyone.
"""

import datetime
from typing import TypedDict

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core.changes import Change
from vigie.core.evidence import CountResult, Evidence, person_key
from vigie.core.quality import FlaggedRow, QualityFlag
from vigie.events.models import Event, ProgrammeItem, Registration
from vigie.events.texts import text

ACTIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITING]


def public_events() -> QuerySet[Event]:
    """Events readers may see; archived ones leave every public list (counts still hold them)."""
    return Event.objects.filter(
        status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED], archived_at__isnull=True
    ).select_related("series")


class EventSummary(TypedDict):
    """A public event as plain data: no registration, no person."""

    slug: str
    title: str
    series: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    time_zone: str
    format: str
    status: str
    url: str


class Attendance(TypedDict):
    registered: int
    attended: int


class Participation(TypedDict):
    events: int
    registered: int
    attended: int
    by_country: dict[str, Attendance]
    by_organisation_type: dict[str, Attendance]


def _describe(event: Event) -> EventSummary:
    return {
        "slug": event.slug,
        "title": text(event, "title"),
        "series": text(event.series, "title") if event.series else "",
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "format": event.format,
        "status": event.status,
        "url": reverse("events:detail", args=[event.slug]),
    }


def _window(start: datetime.date, end: datetime.date) -> Q:
    return Q(starts_at__date__gte=start, starts_at__date__lte=end)


def _held(start: datetime.date, end: datetime.date) -> QuerySet[Event]:
    return Event.objects.filter(
        _window(start, end), status=Event.Status.PUBLISHED, starts_at__lt=timezone.now()
    )


def list_upcoming_events(limit: int = 5) -> list[EventSummary]:
    """The next published events that have not ended, soonest first."""
    events = public_events().filter(status=Event.Status.PUBLISHED, ends_at__gte=timezone.now())
    return [_describe(event) for event in events.order_by("starts_at")[:limit]]


def get_event_summary(slug: str) -> EventSummary | None:
    """A public event by its slug, or None (unknown, draft or archived)."""
    event = public_events().filter(slug=slug).first()
    return _describe(event) if event else None


def list_trained_person_keys(start: datetime.date, end: datetime.date) -> set[str]:
    """The people counted by ``count_people_trained``, as pseudonymous keys (``person_key``)."""
    return {person_key(email) for email in _trained(start, end).values_list("email", flat=True)}


def _trained(start: datetime.date, end: datetime.date) -> QuerySet[Registration]:
    return Registration.objects.filter(
        event__in=_held(start, end), status=Registration.Status.CONFIRMED, attended=True
    )


def list_events_for_country(iso2: str) -> list[EventSummary]:
    """Published events whose focus countries include this one (alpha-2), most recent first."""
    events = public_events().filter(countries__iso2=iso2.upper()).order_by("-starts_at")
    return [_describe(event) for event in events]


def list_changes_since(since: datetime.datetime, iso2: str = "") -> list[Change]:
    """Published events (about one country when ``iso2``, through their focus countries) that
    were announced or changed since ``since`` and have not ended; cancellations are reported."""
    events = public_events().filter(updated_at__gte=since, ends_at__gte=timezone.now())
    if iso2:
        events = events.filter(countries__iso2=iso2.upper())
    changes: list[Change] = []
    for event in events.distinct().order_by("starts_at"):
        cancelled = event.status == Event.Status.CANCELLED
        changes.append(
            Change(
                section="events",
                kind="event_cancelled" if cancelled else "event",
                label=str(_("Event cancelled") if cancelled else _("Event")),
                title=text(event, "title"),
                date=event.starts_at.date().isoformat(),
                url=reverse("events:detail", args=[event.slug]),
                country_iso2=iso2.upper(),
            )
        )
    return changes


def count_events_held(start: datetime.date, end: datetime.date) -> CountResult:
    events = list(_held(start, end).order_by("starts_at"))
    return CountResult(
        value=len(events),
        definition=(
            "Published events (workshops, webinars, trainings) that started between the two "
            "dates, inclusive, and have taken place; cancelled and draft events are not counted."
        ),
        evidence=[
            Evidence(
                label=text(event, "title"),
                url=reverse("events:detail", args=[event.slug]),
                date=event.starts_at.date(),
                source_urls=tuple(event.sources.values_list("url", flat=True)),
            )
            for event in events
        ],
    )


def count_people_trained(start: datetime.date, end: datetime.date) -> CountResult:
    attendees = _trained(start, end)
    people = list_trained_person_keys(start, end)
    per_event = (
        attendees.values("event__slug", "event__starts_at")
        .annotate(present=Count("id"))
        .order_by("event__starts_at")
    )
    titles = {event.slug: text(event, "title") for event in _held(start, end)}
    return CountResult(
        value=len(people),
        definition=(
            "Distinct people (by email address) marked present by staff at a published event held "
            "between the two dates, inclusive; a person at several events counts once."
        ),
        evidence=[
            Evidence(
                label=titles.get(row["event__slug"], row["event__slug"]),
                url=reverse("events:detail", args=[row["event__slug"]]),
                date=row["event__starts_at"].date(),
                detail=f"{row['present']} present",
            )
            for row in per_event
        ],
    )


def get_event_participation(start: datetime.date, end: datetime.date) -> Participation:
    """Registered and attended, in total, by country (alpha-2) and by type of organisation.

    ``registered`` counts registrations not cancelled (confirmed or waiting); ``attended`` those
    marked present. People without a country or type are counted under ``""``.
    """
    registrations = Registration.objects.filter(event__in=_held(start, end), status__in=ACTIVE)
    rows = list(registrations.values("country__iso2", "organisation_type", "attended"))
    by_country: dict[str, Attendance] = {}
    by_type: dict[str, Attendance] = {}
    for row in rows:
        for table, key in (
            (by_country, row["country__iso2"] or ""),
            (by_type, row["organisation_type"]),
        ):
            counts = table.setdefault(key, Attendance(registered=0, attended=0))
            counts["registered"] += 1
            counts["attended"] += 1 if row["attended"] else 0
    return Participation(
        events=_held(start, end).count(),
        registered=len(rows),
        attended=sum(1 for row in rows if row["attended"]),
        by_country=dict(sorted(by_country.items())),
        by_organisation_type=dict(sorted(by_type.items())),
    )


class PlaceCounts(TypedDict):
    confirmed: int
    waiting: int
    left: int | None


def get_place_counts(event: Event) -> PlaceCounts:
    """Places taken and left, and the length of the waiting list (numbers only, never names)."""
    counts = event.registrations.aggregate(
        confirmed=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("id", filter=Q(status=Registration.Status.WAITING)),
    )
    left = None if event.capacity is None else max(event.capacity - counts["confirmed"], 0)
    return PlaceCounts(confirmed=counts["confirmed"], waiting=counts["waiting"], left=left)


class StaffEventRow(TypedDict):
    """An event of the staff workspace with its place counts (numbers only, never names)."""

    slug: str
    title: str
    starts_at: datetime.datetime
    time_zone: str
    status: str
    confirmed: int
    waiting: int
    pending: int
    capacity: int | None
    staff_url: str


def list_events_starting_between(start: datetime.date, end: datetime.date) -> list[StaffEventRow]:
    """Events (drafts included, archived left out) starting between ``start`` and ``end``
    inclusive, with their registration counts, in one query."""
    events = (
        Event.objects.filter(_window(start, end), archived_at__isnull=True)
        .annotate(
            n_confirmed=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            n_waiting=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
            ),
            n_pending=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.PENDING)
            ),
        )
        .order_by("starts_at")
    )
    return [
        StaffEventRow(
            slug=event.slug,
            title=text(event, "title"),
            starts_at=event.starts_at,
            time_zone=event.time_zone,
            status=event.get_status_display(),
            confirmed=event.n_confirmed,
            waiting=event.n_waiting,
            pending=event.n_pending,
            capacity=event.capacity,
            staff_url=reverse("events:staff_registrations", args=[event.slug]),
        )
        for event in events
    ]


class OwnRegistration(TypedDict):
    """One of the signed-in person's own registrations."""

    event_title: str
    event_url: str
    starts_at: datetime.datetime
    time_zone: str
    status: str


def list_registrations_of_user(user_id: int, email: str) -> list[OwnRegistration]:
    """A person's registrations: made while signed in, or with their (verified account) address."""
    mine = Q(user_id=user_id)
    if email:
        mine |= Q(email__iexact=email)
    registrations = (
        Registration.objects.filter(mine).select_related("event").order_by("-event__starts_at")
    )
    return [
        OwnRegistration(
            event_title=text(registration.event, "title"),
            event_url=reverse("events:detail", args=[registration.event.slug]),
            starts_at=registration.event.starts_at,
            time_zone=registration.event.time_zone,
            status=registration.get_status_display(),
        )
        for registration in registrations
    ]


def list_data_quality_flags() -> list[QualityFlag]:
    """Published events (archived ones left out) that readers see incomplete, in one query:
    those with no programme at all, and those that ended, promised a public recording
    (``Recording.PUBLIC``) and link none."""
    now = timezone.now()
    events = (
        Event.objects.filter(status=Event.Status.PUBLISHED, archived_at__isnull=True)
        .annotate(has_programme=Exists(ProgrammeItem.objects.filter(event_id=OuterRef("pk"))))
        .filter(
            Q(has_programme=False)
            | Q(ends_at__lt=now, recording_policy=Event.Recording.PUBLIC, recording_url="")
        )
        .order_by("starts_at", "pk")
    )
    without_programme: list[FlaggedRow] = []
    without_recording: list[FlaggedRow] = []
    for event in events:
        if not event.has_programme:
            without_programme.append(
                FlaggedRow(
                    title=text(event, "title") or event.slug,
                    url=reverse("events:staff_programme", args=[event.slug]),
                    reason=_("published with no programme"),
                )
            )
        if (
            event.ends_at < now
            and event.recording_policy == Event.Recording.PUBLIC
            and not event.recording_url
        ):
            without_recording.append(
                FlaggedRow(
                    title=text(event, "title") or event.slug,
                    url=reverse("events:staff_materials", args=[event.slug]),
                    reason=_("ended on %(day)s; the recording is not linked")
                    % {"day": timezone.localdate(event.ends_at).isoformat()},
                )
            )
    staff_home = reverse("events:staff_home")
    return [
        QualityFlag(
            title=_("Published events without a programme"),
            url=staff_home,
            items=without_programme,
        ),
        QualityFlag(
            title=_("Ended events whose public recording is not linked"),
            url=staff_home,
            items=without_recording,
        ),
    ]
