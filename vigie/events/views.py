"""Public pages: list and calendar, series, event, registration, the personal page and ICS files."""

import calendar
import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigie.core.i18n import active_language
from vigie.events.forms import RegistrationForm
from vigie.events.ics import build_calendar, build_registrant_calendar
from vigie.events.links import (
    CONFIRMATION_WINDOW,
    LinkState,
    absolute_url,
    check_token,
    link_expires_at,
    make_token,
)
from vigie.events.models import Event, Registration, Series
from vigie.events.presenters import present_event
from vigie.events.queries import get_place_counts, public_events
from vigie.events.ratelimit import allow_registration
from vigie.events.services import (
    RegistrationError,
    cancel_registration,
    confirm_registration,
    confirmation_deadline,
    is_registration_open,
    register_participant,
    update_registration,
)
from vigie.events.texts import text


def _first_of_month(moment: datetime.datetime, zone: Any) -> datetime.date:
    return moment.astimezone(zone).date().replace(day=1)


def _calendar_bounds(events: list[Event]) -> tuple[datetime.date, datetime.date]:
    """The months the calendar may show: from the first event's month to the last one's (or now).

    Without bounds, "previous month" and "next month" lead on forever: a crawler once walked
    from 1938 to 2115, one empty page after another.
    """
    this_month = timezone.now().date().replace(day=1)
    months = [_first_of_month(event.starts_at, event.zone) for event in events]
    return min([*months, this_month]), max([*months, this_month])


def _month(
    request: HttpRequest, upcoming: list[Event], bounds: tuple[datetime.date, datetime.date]
) -> datetime.date:
    """The month asked for (kept within the bounds), else the month of the next event, else now."""
    raw = request.GET.get("month", "")
    try:
        asked = datetime.date.fromisoformat(f"{raw}-01")
    except ValueError:
        if upcoming:
            return _first_of_month(upcoming[0].starts_at, upcoming[0].zone)
        return timezone.now().date().replace(day=1)
    return min(max(asked, bounds[0]), bounds[1])


def _calendar_weeks(events: list[Event], month: datetime.date) -> list[list[dict[str, Any]]]:
    by_day: dict[datetime.date, list[Event]] = {}
    for event in events:
        by_day.setdefault(event.starts_at.astimezone(event.zone).date(), []).append(event)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
        weeks.append(
            [
                {"date": day, "in_month": day.month == month.month, "events": by_day.get(day, [])}
                for day in week
            ]
        )
    return weeks


def event_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    events = public_events()
    series = None
    if request.GET.get("series"):
        series = get_object_or_404(Series, slug=request.GET["series"])
        events = events.filter(series=series)
    upcoming = list(events.filter(ends_at__gte=now).order_by("starts_at"))
    all_events = list(events)
    bounds = _calendar_bounds(all_events)
    month = _month(request, upcoming, bounds)
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    previous_month = (month - datetime.timedelta(days=1)).replace(day=1)
    return render(
        request,
        "events/event_list.html",
        {
            "upcoming": upcoming,
            "past": list(events.filter(ends_at__lt=now).order_by("-starts_at")),
            "series_list": Series.objects.filter(events__status=Event.Status.PUBLISHED).distinct(),
            "selected_series": series,
            "month": month,
            "calendar_open": "month" in request.GET,
            "weeks": _calendar_weeks(all_events, month),
            "next_month": next_month if next_month <= bounds[1] else None,
            "previous_month": previous_month if previous_month >= bounds[0] else None,
        },
    )


def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    events = public_events().filter(series=series).order_by("starts_at")
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "events": events,
            "organisers": series.credits.filter(role="organiser").select_related("person"),
            "partners": series.credits.filter(role="partner").select_related("person"),
        },
    )


def _public_event(slug: str) -> Event:
    event = public_events().filter(slug=slug).first()
    if event is None:
        raise Http404(_("No such event."))
    return event


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _public_event(slug)
    return render(request, "events/event_detail.html", present_event(event))


def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _public_event(slug)
    if not is_registration_open(event):
        messages.info(request, _("Registration for this event is not open."))
        return redirect("events:detail", slug=event.slug)
    initial = {}
    if request.user.is_authenticated:
        initial = {
            "name": request.user.get_full_name() or request.user.get_username(),
            "email": request.user.email,
        }
    form = RegistrationForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not allow_registration(
            email=form.cleaned_data["email"], ip=request.META.get("REMOTE_ADDR", "")
        ):
            form.add_error(
                None,
                _("Too many registrations from this address or network. Please try again later."),
            )
            context = present_event(event)
            context["form"] = form
            return render(request, "events/register.html", context, status=429)
        try:
            registration = register_participant(
                event=event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                organisation_type=form.cleaned_data["organisation_type"],
                country=form.cleaned_data["country"],
                answers=form.answers(),
                language=active_language(),
                user=request.user,
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            messages.info(
                request,
                _(
                    "Almost done: we have emailed you a link. Open it within %(minutes)s minutes "
                    "to confirm your address and take your place."
                )
                % {"minutes": int(CONFIRMATION_WINDOW.total_seconds() // 60)},
            )
            return redirect("events:registration", token=make_token(registration, mailed=False))
    context = present_event(event)
    context["form"] = form
    return render(request, "events/register.html", context)


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    """A logged-in person's registrations (made while logged in or with their address)."""
    registrations = _mine(request).select_related("event").order_by("-event__starts_at")
    # A new link per visit for the registrations it can still open (only hashes are stored).
    now = timezone.now()
    rows = [
        (
            registration,
            make_token(registration)
            if registration.status != Registration.Status.PENDING
            and link_expires_at(registration) > now
            else "",
        )
        for registration in registrations
    ]
    return render(request, "events/mine.html", {"rows": rows})


def _mine(request: HttpRequest) -> Any:
    user: Any = request.user
    email = (user.email or "").lower()
    return Registration.objects.filter(Q(user=user) | (Q(email=email) if email else Q(pk__in=[])))


class LinkRefused(Exception):
    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def _registration_for(request: HttpRequest, token: str) -> tuple[Registration, bool]:
    """The registration a valid link opens and whether the link was mailed; else a clear refusal."""
    check = check_token(token)
    if check.state is LinkState.UNKNOWN or check.registration is None:
        raise Http404(_("This personal link is not valid."))
    if check.state is LinkState.EXPIRED:
        raise LinkRefused(
            render(
                request,
                "events/link_expired.html",
                {**present_event(check.registration.event), "mailed": check.mailed},
                status=410,
            )
        )
    return check.registration, check.mailed


def _by_mailed_link(
    view: Callable[[HttpRequest, str, Registration], HttpResponse],
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A view of an action only the emailed link may take, given the registration the link
    opens (as ``_registration_for``; a link that was not emailed: 404)."""

    @wraps(view)
    def opened(request: HttpRequest, token: str) -> HttpResponse:
        try:
            registration, mailed = _registration_for(request, token)
        except LinkRefused as refused:
            return refused.response
        if not mailed:
            raise Http404(_("This personal link is not valid."))
        return view(request, token, registration)

    return opened


def registration_page(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant's own page: status, join link once confirmed, change answers, cancel."""
    try:
        registration, mailed = _registration_for(request, token)
    except LinkRefused as refused:
        return refused.response
    event = registration.event
    pending = registration.status == Registration.Status.PENDING
    editable = (
        registration.status != Registration.Status.CANCELLED
        and not pending
        and event.ends_at > timezone.now()
    )
    form = RegistrationForm(
        request.POST or None,
        event=event,
        with_email=False,
        initial=RegistrationForm.initial_for(registration),
    )
    if request.method == "POST" and editable and mailed and form.is_valid():
        update_registration(
            registration=registration,
            name=form.cleaned_data["name"],
            organisation=form.cleaned_data["organisation"],
            organisation_type=form.cleaned_data["organisation_type"],
            country=form.cleaned_data["country"],
            language=active_language(),
            answers=form.answers(),
            actor=request.user,
        )
        messages.success(request, _("Your answers are saved."))
        return redirect("events:registration", token=token)
    context = present_event(event)
    context.update(
        {
            "registration": registration,
            "token": token,
            "form": form,
            "editable": editable and mailed,
            "pending": pending,
            "can_confirm": pending and mailed,
            "confirm_by": confirmation_deadline(registration) if pending else None,
            "position": _waiting_position(registration),
            "places": get_place_counts(event),
        }
    )
    return render(request, "events/registration.html", context)


def _waiting_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = registration.event.registrations.filter(
        status=Registration.Status.WAITING, created_at__lt=registration.created_at
    ).count()
    return ahead + 1


@require_POST
@_by_mailed_link
def registration_confirm(
    request: HttpRequest, token: str, registration: Registration
) -> HttpResponse:
    """Confirm one's address with the link that was emailed to it: the place is decided now."""
    try:
        confirmed = confirm_registration(registration=registration)
    except RegistrationError as error:
        messages.error(request, str(error))
    else:
        if confirmed.status == Registration.Status.CONFIRMED:
            messages.success(
                request, _("Your place is confirmed. We have emailed you the details.")
            )
        else:
            messages.info(
                request,
                _("The event is full: you are on the waiting list. We have emailed you."),
            )
    return redirect("events:registration", token=token)


@require_POST
@_by_mailed_link
def registration_cancel(
    request: HttpRequest, token: str, registration: Registration
) -> HttpResponse:
    try:
        cancel_registration(registration=registration, actor=request.user)
    except RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Your registration is cancelled. Thank you for freeing your place.")
        )
    return redirect("events:registration", token=token)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _public_event(slug)
    return _ics_response(build_calendar([event], name=text(event, "title")), f"{event.slug}.ics")


def series_ics(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    events = public_events().filter(series=series).order_by("starts_at")
    return _ics_response(build_calendar(events, name=text(series, "title")), f"{series.slug}.ics")


def feed_ics(request: HttpRequest) -> HttpResponse:
    return _ics_response(
        build_calendar(public_events().order_by("starts_at"), name="Vigie"), "vigie-events.ics"
    )


@_by_mailed_link
def registration_ics(request: HttpRequest, token: str, registration: Registration) -> HttpResponse:
    with translation.override(registration.language):
        link = absolute_url(reverse("events:registration", args=[token]))
        content = build_registrant_calendar(registration, link)
    return _ics_response(content, f"{registration.event.slug}.ics")
