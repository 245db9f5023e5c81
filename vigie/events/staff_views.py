"""Staff pages (editors and admins only): create, edit, duplicate, registrations, CSV export,
emails to registrants, attendance, materials and the recording.

Registrant lists exist only here: anonymous visitors are sent to log in and members get 403.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from vigie.core.errors import DomainError
from vigie.core.exports import csv_response
from vigie.core.pagination import page_context
from vigie.core.permissions import editor_required
from vigie.core.services import save_form
from vigie.core.staff_forms import EditPages
from vigie.events.emails import preview_registration_email
from vigie.events.forms import (
    ContributionForm,
    DuplicateForm,
    EmailRegistrantsForm,
    EventForm,
    MaterialForm,
    PersonForm,
    ProgrammeEntryForm,
    QuestionForm,
    RecordingForm,
    SeriesForm,
    answer_label,
)
from vigie.events.models import (
    Contribution,
    Event,
    Person,
    ProgrammeItem,
    Registration,
    RegistrationQuestion,
    Series,
)
from vigie.events.presenters import present_event
from vigie.events.queries import get_place_counts
from vigie.events.services import (
    ProgrammeError,
    add_contribution,
    attach_material,
    delete_programme_item,
    duplicate_event,
    email_registrants,
    find_people,
    mark_attendance,
    move_programme_item,
    remove_contribution,
    save_event,
    save_programme_item,
    set_recording,
)
from vigie.events.texts import text
from vigie.events.times import time_range, zone_label

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
    return render(
        request,
        "events/staff/event_form.html",
        {"form": form, "event": event, "material_form": MaterialForm(prefix="material")},
    )


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
            if request.POST.get("next") == "edit":  # attached from the event's own form
                return redirect(reverse("events:staff_edit", args=[event.slug]) + "#materials")
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


# The programme builder: one page per event, every action a plain form (works without JavaScript).

_FORM_FIELD = {"starts_at": "starts_local", "ends_at": "ends_local"}


def _builder_rows(event: Event) -> list[dict[str, Any]]:
    """The programme as staff see it: parts, then their talks, with times in the event's zone."""
    items = list(event.programme.all())
    credits: dict[int | None, list[Contribution]] = {}
    for contribution in event.contributions.select_related("person"):
        credits.setdefault(contribution.item_id, []).append(contribution)

    def when(item: ProgrammeItem) -> str:
        if item.starts_at and item.ends_at:
            return time_range(item.starts_at, item.ends_at, event.time_zone)
        moment = item.starts_at or item.ends_at
        return f"{moment.astimezone(event.zone):%H:%M}" if moment else ""

    def rows(parent_id: int | None, depth: int) -> list[dict[str, Any]]:
        siblings = [item for item in items if item.parent_id == parent_id]
        found: list[dict[str, Any]] = []
        for index, item in enumerate(siblings):
            found.append(
                {
                    "item": item,
                    "title": text(item, "title"),
                    "when": when(item),
                    "depth": depth,
                    "first": index == 0,
                    "last": index == len(siblings) - 1,
                    "credits": credits.get(item.pk, []),
                }
            )
            found.extend(rows(item.pk, depth + 1))
        return found

    return rows(None, 0)


def _save_entry(request: HttpRequest, event: Event, form: ProgrammeEntryForm) -> bool:
    """Save a builder form through the service; its refusals are shown at the field."""
    if not form.is_valid():
        return False
    try:
        save_programme_item(event=event, item=form.save(commit=False), actor=request.user)
    except ProgrammeError as error:
        field = _FORM_FIELD.get(error.field or "", error.field)
        form.add_error(field if field in form.fields else None, error.message)
        return False
    return True


def _credit(request: HttpRequest, event: Event, form: ContributionForm) -> bool:
    if not form.is_valid():
        return False
    try:
        add_contribution(event=event, actor=request.user, **form.cleaned_data)
    except ProgrammeError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    return True


@editor_required
@require_http_methods(["GET", "POST"])
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    query = request.GET.get("q", "").strip() or request.POST.get("q", "").strip()
    found = find_people(query)
    item_form = ProgrammeEntryForm(prefix="item", event=event, instance=ProgrammeItem(event=event))
    credit_form = ContributionForm(prefix="credit", event=event, found=found)
    if request.method == "POST" and "item-kind" in request.POST:
        item_form = ProgrammeEntryForm(
            request.POST, prefix="item", event=event, instance=ProgrammeItem(event=event)
        )
        if _save_entry(request, event, item_form):
            messages.success(request, _("The programme item is added."))
            return redirect("events:staff_programme", slug=event.slug)
    elif request.method == "POST":
        credit_form = ContributionForm(request.POST, prefix="credit", event=event, found=found)
        if _credit(request, event, credit_form):
            messages.success(request, _("The person is credited."))
            return redirect("events:staff_programme", slug=event.slug)
    return render(
        request,
        "events/staff/programme.html",
        {
            "event": event,
            "rows": _builder_rows(event),
            "moderators": event.contributions.filter(item=None).select_related("person"),
            "zone": zone_label(event.time_zone),
            "span": time_range(event.starts_at, event.ends_at, event.time_zone),
            "item_form": item_form,
            "credit_form": credit_form,
            "query": query,
            "found": found,
        },
    )


def _event_item(slug: str, pk: int) -> tuple[Event, ProgrammeItem]:
    event = get_object_or_404(Event, slug=slug)
    return event, get_object_or_404(ProgrammeItem, pk=pk, event=event)


@editor_required
@require_http_methods(["GET", "POST"])
def programme_item(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event, item = _event_item(slug, pk)
    form = ProgrammeEntryForm(request.POST or None, event=event, instance=item)
    if request.method == "POST" and _save_entry(request, event, form):
        messages.success(request, _("The programme item is saved."))
        return redirect("events:staff_programme", slug=event.slug)
    return render(
        request,
        "events/staff/programme_item.html",
        {"event": event, "item": item, "form": form, "zone": zone_label(event.time_zone)},
    )


@editor_required
@require_http_methods(["POST"])
def programme_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event, item = _event_item(slug, pk)
    direction = request.POST.get("direction", "")
    try:
        move_programme_item(item=item, direction=direction, actor=request.user)
    except ProgrammeError as error:
        messages.error(request, error.message)
    url = reverse("events:staff_programme", kwargs={"slug": event.slug})
    # Back at the moved item's own button (its ``autofocus`` scrolls it into view), so a keyboard
    # user keeps their place. No ``#item-N`` fragment: a browser that scrolls to a fragment may
    # then move the focus to the page itself, and it ignores ``autofocus`` on such an address.
    return redirect(f"{url}?moved={item.pk}&direction={direction}")


@editor_required
@require_http_methods(["POST"])
def programme_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event, item = _event_item(slug, pk)
    delete_programme_item(item=item, actor=request.user)
    messages.success(request, _("The programme item is removed."))
    return redirect("events:staff_programme", slug=event.slug)


@editor_required
@require_http_methods(["POST"])
def contribution_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    contribution = get_object_or_404(Contribution, pk=pk, event=event)
    remove_contribution(contribution=contribution, actor=request.user)
    messages.success(request, _("The person is no longer credited."))
    return redirect("events:staff_programme", slug=event.slug)


@editor_required
def preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page and the invitation email as they will be, before publishing."""
    event = get_object_or_404(Event, slug=slug)
    context = present_event(event)
    context["preview"] = True
    context["emails"] = [
        preview_registration_email(event, code) for code in event.language_order.split(",")
    ]
    return render(request, "events/staff/preview.html", context)


# Series and people have their own create and change pages (vigie.core.staff_forms).
SERIES_PAGES = EditPages(Series, SeriesForm, "events:series", back="events:staff_home")
PERSON_PAGES = EditPages(
    Person,
    PersonForm,
    "events:person",
    back="events:staff_home",
    intro=gettext_lazy("People are also found and created inline in each event's programme."),
)


def _question_page(
    request: HttpRequest, event: Event, question: RegistrationQuestion
) -> HttpResponse:
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        save_form(form=form, actor=request.user)
        messages.success(request, _("The question is saved."))
        return redirect("events:staff_questions", slug=event.slug)
    return render(
        request,
        "events/staff/questions.html",
        {
            "event": event,
            "form": form,
            "obj": question if question.pk else None,
            "questions": event.questions.all(),
            "title": _("Registration questions"),
            "back": reverse("events:staff_registrations", args=[event.slug]),
        },
    )


@editor_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    """The questions of the event's registration form, and a form to add one."""
    event = get_object_or_404(Event, slug=slug)
    order = (event.questions.count() + 1) * 10
    return _question_page(request, event, RegistrationQuestion(event=event, order=order))


@editor_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    return _question_page(request, event, get_object_or_404(event.questions, pk=pk))
