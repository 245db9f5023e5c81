"""Registering, cancelling, promoting from the waiting list, attendance and staff actions.

Capacity is enforced by locking the event row (``select_for_update``) for the length of the
transaction that counts confirmed places and writes the new registration: concurrent
registrations for one event queue on that lock, so the count each one reads is exact. This is
the approach pretix takes for its waiting list (lock, then decide); on SQLite, whose writes are
serialised anyway, the lock is a no-op.

Registering takes two steps. The form creates a ``pending`` registration and emails a link to
the address given; the place (or the place in the queue) is decided only when that link is used
to confirm the address, within ``CONFIRMATION_WINDOW``. A pending registration holds no place:
capacity counts confirmed registrations only, so a script that fills the form with addresses it
cannot read takes nothing, and an unconfirmed registration never has to be released. When the
window has passed, the pending registration is cancelled (at the next registration with the same
address, or when its link is used) and the address may register again.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core.errors import DomainError
from vigie.core.freshness import changes_facts
from vigie.core.models import Country
from vigie.core.services import record_audit
from vigie.core.uploads import validate_document
from vigie.events import tasks
from vigie.events.links import CONFIRMATION_WINDOW
from vigie.events.models import (
    LANGUAGE_CODES,
    Contribution,
    Event,
    Material,
    Person,
    ProgrammeItem,
    Registration,
    RegistrationQuestion,
)
from vigie.events.times import zone_label

ACTIVE_STATUSES = [Registration.Status.CONFIRMED, Registration.Status.WAITING]


class RegistrationError(DomainError):
    """A registration cannot be taken, changed or cancelled; the message says why."""


def is_registration_open(event: Event, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    if event.status != Event.Status.PUBLISHED or now >= event.ends_at:
        return False
    if event.registration_opens_at and now < event.registration_opens_at:
        return False
    return not (event.registration_closes_at and now >= event.registration_closes_at)


def _locked_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _has_free_place(event: Event) -> bool:
    if event.capacity is None:
        return True
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    return confirmed < event.capacity


def confirmation_deadline(registration: Registration) -> datetime.datetime:
    return registration.created_at + CONFIRMATION_WINDOW


def _expire_pending(event: Event, email: str, now: datetime.datetime) -> None:
    """Cancel the address's unconfirmed registration whose confirmation window has passed."""
    event.registrations.filter(
        status=Registration.Status.PENDING,
        email=email,
        created_at__lte=now - CONFIRMATION_WINDOW,
    ).update(status=Registration.Status.CANCELLED, cancelled_at=now)


def register_participant(
    *,
    event: Event,
    name: str,
    email: str,
    language: str,
    organisation: str = "",
    organisation_type: str = "",
    country: Country | None = None,
    answers: dict[str, Any] | None = None,
    user: Any = None,
    now: datetime.datetime | None = None,
) -> Registration:
    """Record a registration waiting for its email confirmation, and email the link to confirm.

    No place is taken yet: see ``confirm_registration``.
    """
    email = email.strip().lower()
    try:
        with transaction.atomic():
            locked = _locked_event(event.pk)
            if not is_registration_open(locked, now):
                raise RegistrationError(_("Registration for this event is not open."))
            _expire_pending(locked, email, timezone.now())
            if (
                locked.registrations.exclude(status=Registration.Status.CANCELLED)
                .filter(email=email)
                .exists()
            ):
                raise RegistrationError(
                    _("This email address is already registered for this event.")
                )
            registration = Registration.objects.create(
                event=locked,
                name=name.strip(),
                email=email,
                language=language,
                organisation=organisation.strip(),
                organisation_type=organisation_type,
                country=country,
                answers=answers or {},
                user=user if getattr(user, "is_authenticated", False) else None,
                status=Registration.Status.PENDING,
            )
            record_audit(
                action="events.registration.created",
                obj=registration,
                actor=user,
                changes={"status": registration.status},
            )
    except IntegrityError as error:
        raise RegistrationError(
            _("This email address is already registered for this event.")
        ) from error
    tasks.send_registration_email.enqueue(registration.pk, "confirm_email")
    return registration


@changes_facts
def confirm_registration(
    *, registration: Registration, now: datetime.datetime | None = None
) -> Registration:
    """Confirm the address: take a place, or a place on the waiting list when the event is full.

    Refused once the confirmation window has passed (the registration is then cancelled) or
    when registration has closed meanwhile. Confirming twice changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != Registration.Status.PENDING:
            if current.status == Registration.Status.CANCELLED:
                raise RegistrationError(_("This registration is cancelled."))
            return current
        if now >= confirmation_deadline(current):
            current.status = Registration.Status.CANCELLED
            current.cancelled_at = now
            current.save(update_fields=["status", "cancelled_at"])
            record_audit(action="events.registration.expired", obj=current)
            expired = True
        else:
            expired = False
            if not is_registration_open(locked, now):
                raise RegistrationError(_("Registration for this event is not open."))
            confirmed = _has_free_place(locked)
            current.status = (
                Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITING
            )
            current.confirmed_at = timezone.now() if confirmed else None
            current.save(update_fields=["status", "confirmed_at"])
            record_audit(
                action="events.registration.confirmed",
                obj=current,
                changes={"status": current.status},
            )
    if expired:
        raise RegistrationError(
            _("The time to confirm this registration has passed. Please register again.")
        )
    kind = "confirmed" if current.status == Registration.Status.CONFIRMED else "waiting"
    tasks.send_registration_email.enqueue(current.pk, kind)
    registration.refresh_from_db()
    return current


def _promote_waiting(event: Event) -> list[Registration]:
    """Confirm waiting registrations, earliest first, while places are free (event locked)."""
    promoted = []
    while _has_free_place(event):
        candidate = (
            event.registrations.select_for_update()
            .filter(status=Registration.Status.WAITING)
            .order_by("created_at", "id")
            .first()
        )
        if candidate is None:
            break
        candidate.status = Registration.Status.CONFIRMED
        candidate.confirmed_at = timezone.now()
        candidate.save(update_fields=["status", "confirmed_at"])
        record_audit(action="events.registration.promoted", obj=candidate)
        promoted.append(candidate)
    return promoted


@changes_facts
def cancel_registration(*, registration: Registration, actor: Any = None) -> list[Registration]:
    """Cancel a place; the next people waiting are confirmed and emailed. Returns them."""
    with transaction.atomic():
        event = _locked_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            raise RegistrationError(_("This registration is already cancelled."))
        was_pending = current.status == Registration.Status.PENDING
        current.status = Registration.Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        record_audit(action="events.registration.cancelled", obj=current, actor=actor)
        promoted = _promote_waiting(event) if event.ends_at > timezone.now() else []
    if not was_pending:
        tasks.send_registration_email.enqueue(current.pk, "cancelled")
    for person in promoted:
        tasks.send_registration_email.enqueue(person.pk, "promoted")
    registration.refresh_from_db()
    return promoted


def update_registration(
    *,
    registration: Registration,
    name: str,
    organisation: str,
    organisation_type: str,
    country: Country | None,
    language: str,
    answers: dict[str, Any],
    actor: Any = None,
) -> Registration:
    """Change one's details and answers through the personal link (the place is kept)."""
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            raise RegistrationError(_("A cancelled registration cannot be changed."))
        current.name = name.strip()
        current.organisation = organisation.strip()
        current.organisation_type = organisation_type
        current.country = country
        current.language = language
        current.answers = answers
        fields = ["name", "organisation", "organisation_type", "country", "language", "answers"]
        current.save(update_fields=fields)
        record_audit(
            action="events.registration.changed",
            obj=current,
            actor=actor,
            changes={"fields": fields},
        )
    return current


@changes_facts
def save_event(*, event: Event, actor: Any, changes: dict[str, Any] | None = None) -> Event:
    """Save an event edited by staff.

    A larger capacity promotes people from the waiting list; cancelling a published event tells
    everyone registered (confirmed or waiting) by email.
    """
    with transaction.atomic():
        created = event.pk is None
        was_cancelled = (
            not created
            and Event.objects.filter(pk=event.pk, status=Event.Status.CANCELLED).exists()
        )
        event.full_clean(exclude=["countries", "sources"])
        event.save()
        promoted = []
        to_tell: list[int] = []
        if not created:
            locked = _locked_event(event.pk)
            if event.status == Event.Status.CANCELLED and not was_cancelled:
                to_tell = list(
                    locked.registrations.filter(status__in=ACTIVE_STATUSES).values_list(
                        "pk", flat=True
                    )
                )
            elif event.status == Event.Status.PUBLISHED:
                promoted = _promote_waiting(locked)
        record_audit(
            action="events.event.created" if created else "events.event.changed",
            obj=event,
            actor=actor,
            changes=changes or {},
        )
    for person in promoted:
        tasks.send_registration_email.enqueue(person.pk, "promoted")
    for registration_id in to_tell:
        tasks.send_registration_email.enqueue(registration_id, "event_cancelled")
    return event


@changes_facts
def duplicate_event(*, event: Event, starts_at: datetime.datetime, slug: str, actor: Any) -> Event:
    """Copy an event with its programme, speakers and questions to a new date, as a draft.

    A series holds many similar workshops; staff start the next one from the last one.
    """
    with transaction.atomic():
        if Event.objects.filter(slug=slug).exists():
            raise DomainError(
                _("An event with the address %(slug)s already exists.") % {"slug": slug}
            )
        shift = starts_at - event.starts_at
        copy = Event.objects.get(pk=event.pk)
        copy.pk = None
        copy.id = None
        copy.slug = slug
        copy.status = Event.Status.DRAFT
        copy.starts_at = event.starts_at + shift
        copy.ends_at = event.ends_at + shift
        copy.registration_opens_at = None
        copy.registration_closes_at = None
        copy.recording_url = ""
        copy.number = (event.number + 1) if event.number is not None else None
        copy.save()
        copy.countries.set(event.countries.all())
        items: dict[int, ProgrammeItem] = {}
        # Parts before their talks, so each talk finds its copied part.
        programme = event.programme.order_by(F("parent_id").asc(nulls_first=True), "order", "id")
        for item in programme:
            old_id = item.pk
            item.pk = None
            item.event = copy
            item.parent = items.get(item.parent_id) if item.parent_id else None
            item.starts_at = item.starts_at + shift if item.starts_at else None
            item.ends_at = item.ends_at + shift if item.ends_at else None
            item.save()
            items[old_id] = item
        for contribution in Contribution.objects.filter(event=event):
            contribution.pk = None
            contribution.event = copy
            contribution.item = items.get(contribution.item_id) if contribution.item_id else None
            contribution.save()
        for question in RegistrationQuestion.objects.filter(event=event):
            question.pk = None
            question.event = copy
            question.save()
        record_audit(
            action="events.event.duplicated", obj=copy, actor=actor, changes={"from": event.slug}
        )
    return copy


@changes_facts
def mark_attendance(*, event: Event, present_ids: set[int], actor: Any) -> int:
    """Record who attended: confirmed registrations ticked are present, the others absent.

    The strategy counts the people trained from it (a stored output): facts changed."""
    with transaction.atomic():
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
        present = confirmed.filter(pk__in=present_ids).update(attended=True)
        confirmed.exclude(pk__in=present_ids).update(attended=False)
        record_audit(
            action="events.attendance.marked", obj=event, actor=actor, changes={"present": present}
        )
    return present


@changes_facts
def attach_material(
    *, event: Event, title: str, url: str = "", file: Any = None, actor: Any
) -> Material:
    if not url and not file:
        raise DomainError(_("Give a web address or a file for the material."))
    if file:
        try:
            validate_document(file)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages)) from None
    with transaction.atomic():
        material = Material.objects.create(
            event=event, title=title.strip(), url=url, file=file or ""
        )
        record_audit(
            action="events.material.added", obj=event, actor=actor, changes={"title": title}
        )
    return material


@changes_facts
def set_recording(*, event: Event, url: str, policy: str, actor: Any) -> Event:
    with transaction.atomic():
        event.recording_url = url
        event.recording_policy = policy
        event.save(update_fields=["recording_url", "recording_policy", "updated_at"])
        record_audit(
            action="events.recording.set",
            obj=event,
            actor=actor,
            changes={"url": url, "policy": policy},
        )
    return event


def email_registrants(
    *, event: Event, subject: str, body: str, statuses: list[str], actor: Any
) -> int:
    """Send a message from staff to the registrants with the given statuses (one email each)."""
    recipients = list(event.registrations.filter(status__in=statuses).values_list("pk", flat=True))
    record_audit(
        action="events.registrants.emailed",
        obj=event,
        actor=actor,
        changes={"subject": subject, "statuses": statuses, "recipients": len(recipients)},
    )
    for registration_id in recipients:
        tasks.send_staff_message.enqueue(registration_id, subject, body)
    return len(recipients)


# The programme builder: parts and talks of one event, their order and the people credited.


class ProgrammeError(DomainError):
    """A programme entry breaks a rule; ``field`` names the form field the message belongs to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _check_item(event: Event, item: ProgrammeItem) -> None:
    """A part or talk belongs to its event, under one of its parts, within its span."""
    zone = event.zone
    if item.parent is not None and (
        item.parent.event_id != event.pk
        or item.parent.kind != ProgrammeItem.Kind.PART
        or item.parent.pk == item.pk
    ):
        raise ProgrammeError(_("Choose one of this event's parts."), "parent")
    if item.kind == ProgrammeItem.Kind.PART and item.parent is not None:
        raise ProgrammeError(_("A part cannot sit inside another part."), "parent")
    if item.kind == ProgrammeItem.Kind.TALK and item.pk and item.children.exists():
        raise ProgrammeError(_("This item holds talks: it must stay a part."), "kind")
    if not any(getattr(item, f"title_{code}") for code in LANGUAGE_CODES):
        raise ProgrammeError(_("Give a title in at least one language."), "title_en")
    span = (
        f"{event.starts_at.astimezone(zone):%H:%M}–{event.ends_at.astimezone(zone):%H:%M}"
        f" ({zone_label(event.time_zone)})"
    )
    for name in ("starts_at", "ends_at"):
        value = getattr(item, name)
        if value is not None and not event.starts_at <= value <= event.ends_at:
            raise ProgrammeError(
                _("This time is outside the event (%(span)s, %(date)s).")
                % {"span": span, "date": event.starts_at.astimezone(zone).date().isoformat()},
                name,
            )
    if item.starts_at and item.ends_at and item.ends_at <= item.starts_at:
        raise ProgrammeError(_("The item must end after it starts."), "ends_at")


def _next_order(event: Event, parent: ProgrammeItem | None) -> int:
    last = event.programme.filter(parent=parent).order_by("-order").first()
    return (last.order + 1) if last else 0


def _renumber(event: Event, parent_id: int | None) -> list[ProgrammeItem]:
    siblings = list(event.programme.filter(parent_id=parent_id).order_by("order", "id"))
    for position, sibling in enumerate(siblings):
        if sibling.order != position:
            sibling.order = position
            sibling.save(update_fields=["order"])
    return siblings


@changes_facts
def save_programme_item(*, event: Event, item: ProgrammeItem, actor: Any) -> ProgrammeItem:
    """Add or change a part or talk of ``event`` (times already in UTC), checked against it."""
    if item.pk is not None and item.event_id != event.pk:
        raise ProgrammeError(_("This item belongs to another event."))
    item.event = event
    with transaction.atomic():
        _check_item(event, item)
        created = item.pk is None
        if created:
            item.order = _next_order(event, item.parent)
        else:
            previous = ProgrammeItem.objects.get(pk=item.pk)
            if previous.parent_id != item.parent_id:
                item.order = _next_order(event, item.parent)
        item.save()
        if not created and previous.parent_id != item.parent_id:
            _renumber(event, previous.parent_id)
        record_audit(
            action="events.programme.added" if created else "events.programme.changed",
            obj=event,
            actor=actor,
            changes={"item": item.pk, "title": str(item)},
        )
    return item


@changes_facts
def move_programme_item(*, item: ProgrammeItem, direction: str, actor: Any) -> ProgrammeItem:
    """Swap a part or talk with its neighbour above (``up``) or below (``down``)."""
    if direction not in ("up", "down"):
        raise ProgrammeError(_("Move an item up or down."))
    with transaction.atomic():
        siblings = _renumber(item.event, item.parent_id)
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(siblings):
            first, second = siblings[index], siblings[other]
            first.order, second.order = second.order, first.order
            first.save(update_fields=["order"])
            second.save(update_fields=["order"])
            record_audit(
                action="events.programme.moved",
                obj=item.event,
                actor=actor,
                changes={"item": item.pk, "direction": direction},
            )
    item.refresh_from_db()
    return item


@changes_facts
def delete_programme_item(*, item: ProgrammeItem, actor: Any) -> None:
    """Remove a part (with its talks) or a talk, and the people credited on them."""
    event, parent_id, title = item.event, item.parent_id, str(item)
    with transaction.atomic():
        item.delete()
        _renumber(event, parent_id)
        record_audit(
            action="events.programme.deleted", obj=event, actor=actor, changes={"title": title}
        )


def find_people(query: str, limit: int = 20) -> list[Person]:
    """People whose full name (or affiliation) contains every word typed, with affiliations."""
    words = query.split()
    if not words:
        return []
    people = Person.objects.all()
    for word in words:
        people = people.filter(Q(name__icontains=word) | Q(affiliation__icontains=word))
    return list(people.order_by("name", "affiliation")[:limit])


@changes_facts
def add_contribution(
    *,
    event: Event,
    role: str,
    actor: Any,
    item: ProgrammeItem | None = None,
    person: Person | None = None,
    new_name: str = "",
    new_affiliation: str = "",
) -> Contribution:
    """Credit a moderator or speaker on the event or one of its items, creating them if new."""
    if role not in Contribution.Role.values:
        raise ProgrammeError(_("Choose moderator or speaker."), "role")
    if item is not None and item.event_id != event.pk:
        raise ProgrammeError(_("Choose one of this event's parts or talks."), "item")
    new_name, new_affiliation = new_name.strip(), new_affiliation.strip()
    if person is None and not new_name:
        raise ProgrammeError(
            _("Choose a person found by the search, or type a new name."), "person"
        )
    if person is not None and new_name:
        raise ProgrammeError(_("Choose a person or type a new name, not both."), "new_name")
    with transaction.atomic():
        if person is None:
            person, _created = Person.objects.get_or_create(
                name=new_name, affiliation=new_affiliation
            )
        if Contribution.objects.filter(event=event, item=item, person=person, role=role).exists():
            raise ProgrammeError(
                _("%(person)s is already credited there.") % {"person": person}, "person"
            )
        last = Contribution.objects.filter(event=event, item=item).order_by("-order").first()
        contribution = Contribution.objects.create(
            event=event,
            item=item,
            person=person,
            role=role,
            order=(last.order + 1) if last else 0,
        )
        record_audit(
            action="events.contribution.added",
            obj=event,
            actor=actor,
            changes={"person": str(person), "role": role, "item": item.pk if item else None},
        )
    return contribution


@changes_facts
def remove_contribution(*, contribution: Contribution, actor: Any) -> None:
    event, person = contribution.event, str(contribution.person)
    with transaction.atomic():
        contribution.delete()
        record_audit(
            action="events.contribution.removed", obj=event, actor=actor, changes={"person": person}
        )
