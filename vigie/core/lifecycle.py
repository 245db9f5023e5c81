"""The life of something staff run and then publish (a survey round, a council election):
draft → open → closed → published, one step at a time, each step an action of staff.

Rows recorded before this lifecycle existed (imported from CSV files) are ``DATED``: they are
open between their opening and closing days, then closed and published.
"""

import datetime
from collections.abc import Callable
from typing import Any, Protocol

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.views.decorators.http import require_POST

from vigie.core.permissions import editor_required


class Lifecycle(models.TextChoices):
    DATED = "dated", pgettext_lazy("lifecycle", "Follows its dates")
    DRAFT = "draft", pgettext_lazy("lifecycle", "Draft")
    OPEN = "open", pgettext_lazy("lifecycle", "Open")
    CLOSED = "closed", pgettext_lazy("lifecycle", "Closed")
    PUBLISHED = "published", pgettext_lazy("lifecycle", "Published")


# action: (the status it leaves, the status it reaches)
TRANSITIONS: dict[str, tuple[Lifecycle, Lifecycle]] = {
    "open": (Lifecycle.DRAFT, Lifecycle.OPEN),
    "close": (Lifecycle.OPEN, Lifecycle.CLOSED),
    "publish": (Lifecycle.CLOSED, Lifecycle.PUBLISHED),
}


def next_actions(status: str) -> list[str]:
    """The actions that may follow ``status`` (at most one)."""
    return [action for action, (source, _target) in TRANSITIONS.items() if source == status]


def is_open(status: str, opens_on: datetime.date, closes_on: datetime.date) -> bool:
    if status == Lifecycle.DATED:
        return opens_on <= timezone.localdate() <= closes_on
    return status == Lifecycle.OPEN


def is_closed(status: str, closes_on: datetime.date) -> bool:
    if status == Lifecycle.DATED:
        return timezone.localdate() > closes_on
    return status in (Lifecycle.CLOSED, Lifecycle.PUBLISHED)


def is_published(status: str, closes_on: datetime.date) -> bool:
    if status == Lifecycle.DATED:
        return timezone.localdate() > closes_on
    return status == Lifecycle.PUBLISHED


def dates_for(
    action: str, opens_on: datetime.date, closes_on: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The opening and closing days once ``action`` is taken today: opening early dates the
    opening today, closing early dates the closing today."""
    today = timezone.localdate()
    if action == "open":
        return min(opens_on, today), closes_on
    if action == "close":
        return opens_on, max(min(closes_on, today), opens_on)
    return opens_on, closes_on


def refusal(status: str, action: str, closes_on: datetime.date) -> str | None:
    """Why ``action`` may not be taken now (a message for staff), or None if it may."""
    if action not in TRANSITIONS:
        return gettext("Unknown action.")
    source, target = TRANSITIONS[action]
    if status != source:
        return gettext("What is “%(current)s” cannot be moved to “%(target)s”.") % {
            "current": Lifecycle(status).label,
            "target": target.label,
        }
    if action == "open" and closes_on < timezone.localdate():
        return gettext("The closing date has passed: set a later one first.")
    return None


class Scheduled(Protocol):
    """A row that follows this lifecycle (a survey round, an election)."""

    status: str
    opens_on: datetime.date
    closes_on: datetime.date

    def save(self, *, update_fields: list[str]) -> None: ...


def advance(row: Scheduled, action: str) -> None:
    """Take ``action`` (already allowed: see ``refusal``) on ``row``: date it and save its new
    status."""
    row.opens_on, row.closes_on = dates_for(action, row.opens_on, row.closes_on)
    row.status = TRANSITIONS[action][1]
    row.save(update_fields=["status", "opens_on", "closes_on"])


def report_action(
    request: HttpRequest, change: Callable[[str], Any], refused: type[Exception], done: str
) -> None:
    """Take the action a staff form posted (``change(action)`` returns the moved row) and say
    how it went: the refusal's message, or ``done`` with the row's new status."""
    try:
        row = change(request.POST.get("action", ""))
    except refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"status": row.get_status_display()})


def action_view(
    model: type[models.Model],
    change: Callable[[Any, str, Any], Any],
    *,
    refused: type[Exception],
    done: Promise,
    back: str,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """The staff view that takes the action posted on the row ``pk`` of ``model`` (editors
    only, by POST): ``change(row, action, actor)`` returns the moved row; ``report_action``
    says how it went, then back to the page ``back`` of the row."""

    @require_POST
    @editor_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        row = get_object_or_404(model, pk=pk)
        report_action(request, lambda action: change(row, action, request.user), refused, str(done))
        return redirect(back, pk=pk)

    return view
