"""Emails to registrants, written in the registrant's own language.

Each message is rendered inside ``translation.override(registration.language)`` so a person who
registered on the French page gets French mail even when staff or a worker send it.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vigie.events.ics import build_registrant_calendar
from vigie.events.links import CONFIRMATION_WINDOW, absolute_url, personal_url
from vigie.events.models import Event, Registration
from vigie.events.texts import text
from vigie.events.times import describe_times

KINDS = (
    "confirm_email",
    "new_link",
    "confirmed",
    "waiting",
    "promoted",
    "cancelled",
    "event_cancelled",
    "reminder_24h",
    "reminder_1h",
)


def _subject(kind: str, title: str) -> str:
    subjects = {
        "confirm_email": _("Please confirm your registration: %(title)s"),
        "new_link": _("Your new personal link: %(title)s"),
        "confirmed": _("Your place is confirmed: %(title)s"),
        "waiting": _("You are on the waiting list: %(title)s"),
        "promoted": _("A place is free for you: %(title)s"),
        "cancelled": _("Your registration is cancelled: %(title)s"),
        "event_cancelled": _("Event cancelled: %(title)s"),
        "reminder_24h": _("Tomorrow: %(title)s"),
        "reminder_1h": _("Starting in one hour: %(title)s"),
    }
    return subjects[kind] % {"title": title}


def _registration_body(registration: Registration, kind: str, link: str) -> tuple[str, str]:
    """The subject and text of a registration email, in the active language."""
    event = registration.event
    confirmed = registration.status == Registration.Status.CONFIRMED
    title = text(event, "title")
    context = {
        "kind": kind,
        "registration": registration,
        "event": event,
        "title": title,
        "when": describe_times(event),
        "date": event.starts_at.astimezone(event.zone).date(),
        "personal_url": link,
        "event_url": absolute_url(reverse("events:detail", args=[event.slug])),
        "join_url": event.join_url if confirmed and kind != "event_cancelled" else "",
        "chatham_house_rule": event.chatham_house_rule,
        "confirm_minutes": int(CONFIRMATION_WINDOW.total_seconds() // 60),
    }
    return _subject(kind, title), render_to_string("events/email/registration.txt", context)


def build_registration_email(registration: Registration, kind: str) -> EmailMessage:
    if kind not in KINDS:
        raise ValueError(f"Unknown email kind {kind!r}.")
    event = registration.event
    with translation.override(registration.language):
        link = personal_url(registration)
        confirmed = registration.status == Registration.Status.CONFIRMED
        subject, body = _registration_body(registration, kind, link)
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
        )
        if confirmed and kind not in ("cancelled", "event_cancelled", "new_link"):
            message.attach(
                f"{event.slug}.ics",
                build_registrant_calendar(registration, link),
                "text/calendar; charset=utf-8",
            )
    return message


def preview_registration_email(event: Event, language: str) -> dict[str, str]:
    """The confirmation a registrant will receive, for staff to read before publishing.

    Written to a fictional registrant; nothing is saved and nothing is sent.
    """
    with translation.override(language):
        sample = Registration(
            event=event,
            name=_("Ana Example"),
            email="ana@example.org",
            language=language,
            status=Registration.Status.CONFIRMED,
        )
        subject, body = _registration_body(sample, "confirmed", _("(the registrant's own link)"))
    return {"language": language, "subject": subject, "body": body}


def build_staff_message(registration: Registration, subject: str, body: str) -> EmailMessage:
    with translation.override(registration.language):
        content = render_to_string(
            "events/email/staff_message.txt",
            {
                "registration": registration,
                "body": body,
                "personal_url": personal_url(registration),
            },
        )
    return EmailMessage(
        subject=subject,
        body=content,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
