"""Staff pages (editors and admins only): create, edit, duplicate, registrations, CSV export,
emails to registrants, attendance, materials and the recording.

Registrant lists exist only here: anonymous visitors are sent to log in and members get 403.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vigie.core.errors import DomainError
from vigie.core.exports import csv_response
from vigie.core.pagination import page_context
from vigie.core.permissions import editor_required
from vigie.events.forms import (
    DuplicateForm,
    EmailRegistrantsForm,
    EventForm,
    MaterialForm,
    RecordingForm,
    answer_label,
)
from vigie.events.models import Event, Registration
from vigie.events.queries import get_place_counts
from vigie.events.services import (
    attach_material,
    duplicate_event,
    email_registrants,
    mark_attendance,
    save_event,
    set_recording,
)

REGISTRATION_COLUMNS = (
    "name",
    "email",
    "organisation",
    "organisation_type",
    "country",
    "language",
    "status",
    "attended",
    "registered_at",
)


@editor_required
def staff_home(request: HttpRequest) -> HttpResponse:
    events = Event.objects.select_related("series").order_by("-starts_at")
    rows = [(event, get_place_counts(event)) for event in events]
    return render(request, "events/staff/home.html", {"rows": rows})


@editor_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = save_event(
            event=form.save(commit=False), actor=request.user, changes={"slug": form.instance.slug}
        )
        form.save_m2m()
        messages.success(request, _("The event is saved."))
        return redirect("events:staff_registrations", slug=event.slug)
    return render(request, "events/staff/event_form.html", {"form": form})


@editor_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        save_event(
            event=form.save(commit=False), actor=request.user, changes={"fields": form.changed_data}
        )
        form.save_m2m()
        messages.success(request, _("The event is saved."))
        return redirect("events:staff_registrations", slug=form.instance.slug)
    return render(request, "events/staff/event_form.html", {"form": form, "event": event})


@editor_required
@require_http_methods(["GET", "POST"])
def event_duplicate(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    form = DuplicateForm(request.POST or None, initial={"slug": f"{event.slug}-copy"})
    if request.method == "POST" and form.is_valid():
        try:
            copy = duplicate_event(
                event=event,
                starts_at=form.starts_at(event),
                slug=form.cleaned_data["slug"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_error("slug", str(error))
        else:
            messages.success(request, _("The copy is saved as a draft: check it, then publish it."))
            return redirect("events:staff_edit", slug=copy.slug)
    return render(request, "events/staff/duplicate.html", {"form": form, "event": event})


def _answers(registration: Registration, questions: list[Any]) -> list[str]:
    return [
        answer_label(question, registration.answers.get(str(question.pk))) for question in questions
    ]


@editor_required
def event_registrations(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    questions = list(event.questions.all())
    registrations = event.registrations.select_related("country").order_by(
        "status", "created_at", "pk"
    )
    status = request.GET.get("status", "")
    if status in Registration.Status.values:
        registrations = registrations.filter(status=status)
    paged = page_context(request, registrations)
    rows = [(registration, _answers(registration, questions)) for registration in paged["page_obj"]]
    return render(
        request,
        "events/staff/registrations.html",
        {
            **paged,
            "event": event,
            "rows": rows,
            "questions": questions,
            "places": get_place_counts(event),
            "status": status,
            "statuses": Registration.Status.choices,
        },
    )


@editor_required
def registrations_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    questions = list(event.questions.all())
    header = [
        *REGISTRATION_COLUMNS,
        *[question.label_en or f"question {question.pk}" for question in questions],
    ]
    rows = [
        [
            registration.name,
            registration.email,
            registration.organisation,
            registration.organisation_type,
            registration.country.iso2 if registration.country else "",
            registration.language,
            registration.status,
            "" if registration.attended is None else ("yes" if registration.attended else "no"),
            registration.created_at.isoformat(),
            *_answers(registration, questions),
        ]
        for registration in event.registrations.select_related("country").order_by("created_at")
    ]
    return csv_response(f"{event.slug}-registrations.csv", [header, *rows])


@editor_required
@require_http_methods(["GET", "POST"])
def email_registrants_view(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    form = EmailRegistrantsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = email_registrants(
            event=event,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            statuses=form.cleaned_data["statuses"],
            actor=request.user,
        )
        messages.success(request, _("%(count)d message(s) sent.") % {"count": sent})
        return redirect("events:staff_registrations", slug=event.slug)
    return render(request, "events/staff/email.html", {"form": form, "event": event})


@editor_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).order_by("name")
    if request.method == "POST":
        present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
        count = mark_attendance(event=event, present_ids=present, actor=request.user)
        messages.success(request, _("Attendance saved: %(count)d present.") % {"count": count})
        return redirect("events:staff_registrations", slug=event.slug)
    return render(
        request, "events/staff/attendance.html", {"event": event, "registrations": confirmed}
    )


@editor_required
@require_http_methods(["GET", "POST"])
def materials(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    material_form = MaterialForm(prefix="material")
    recording_form = RecordingForm(
        prefix="recording",
        initial={"recording_policy": event.recording_policy, "recording_url": event.recording_url},
    )
    if request.method == "POST" and "material-title" in request.POST:
        material_form = MaterialForm(request.POST, request.FILES, prefix="material")
        if material_form.is_valid():
            attach_material(
                event=event,
                title=material_form.cleaned_data["title"],
                url=material_form.cleaned_data["url"],
                file=material_form.cleaned_data["file"],
                actor=request.user,
            )
            messages.success(request, _("The material is attached."))
            return redirect("events:staff_materials", slug=event.slug)
    elif request.method == "POST":
        recording_form = RecordingForm(request.POST, prefix="recording")
        if recording_form.is_valid():
            set_recording(
                event=event,
                url=recording_form.cleaned_data["recording_url"],
                policy=recording_form.cleaned_data["recording_policy"],
                actor=request.user,
            )
            messages.success(request, _("The recording is saved."))
            return redirect("events:staff_materials", slug=event.slug)
    return render(
        request,
        "events/staff/materials.html",
        {"event": event, "material_form": material_form, "recording_form": recording_form},
    )
