"""Staff pages (editors only): quick statement entry, roll-call import, second coding, issues."""

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vigie.core.errors import DomainError
from vigie.core.models import Country
from vigie.core.permissions import editor_required
from vigie.core.staff_forms import EditPages
from vigie.un import services
from vigie.un.forms import (
    CodingForm,
    JointStatementForm,
    JointStatementRecordForm,
    JudgementForm,
    MeetingForm,
    MilestoneForm,
    ReviewForm,
    RollCallForm,
    SessionForm,
    StatementForm,
    StatementRecordForm,
    VoteForm,
)
from vigie.un.models import (
    Coding,
    DataIssue,
    IssueSeverity,
    JointStatement,
    Meeting,
    Milestone,
    ReviewVerdict,
    Session,
    SpeakerKind,
    Statement,
    Vote,
)

DEFAULTS_KEY = "un_statement_defaults"
CARRIED = ("session", "date", "agenda_item", "language", "source_url", "speaker_kind")


def _initial(request: HttpRequest) -> dict[str, Any]:
    carried = request.session.get(DEFAULTS_KEY)
    if carried:
        return dict(carried)
    session = Session.objects.order_by("-start_date").first()
    today = datetime.date.today()
    initial: dict[str, Any] = {"speaker_kind": SpeakerKind.STATE}
    if session is not None:
        initial["session"] = session.pk
        in_session = session.start_date <= today <= session.end_date
        initial["date"] = (today if in_session else session.start_date).isoformat()
    return initial


@editor_required
def statement_new(request: HttpRequest) -> HttpResponse:
    form = StatementForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            statement = services.record_statement(
                session=data["session"],
                date=data["date"],
                agenda_item=data["agenda_item"],
                summary=data["summary"],
                source_url=data["source_url"],
                country=form.country_obj,
                speaker_kind=data["speaker_kind"],
                speaker_name=data["speaker_name"],
                on_behalf_of=data["on_behalf_of"],
                language=data["language"],
                video_url=data["video_url"],
                position=data["position"],
                evidence=data["evidence"],
                tags=list(data["tags"]),
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            request.session[DEFAULTS_KEY] = {
                "session": data["session"].pk,
                "date": data["date"].isoformat(),
                "agenda_item": data["agenda_item"],
                "language": data["language"],
                "source_url": data["source_url"],
                "speaker_kind": data["speaker_kind"],
            }
            messages.success(
                request, _("Statement saved: %(speaker)s.") % {"speaker": statement.speaker}
            )
            return redirect("un:statement_new")
    first_error = next((name for name in form.fields if name in form.errors), "country")
    form.fields[first_error].widget.attrs["autofocus"] = True
    return render(
        request,
        "un/staff/statement_form.html",
        {
            "form": form,
            "focus": first_error,
            "country_names": Country.objects.order_by("name_en").values_list("name_en", flat=True),
            "recent": Statement.objects.select_related("country", "meeting").order_by("-id")[:5],
        },
    )


@editor_required
def roll_call(request: HttpRequest, pk: int) -> HttpResponse:
    vote = get_object_or_404(Vote, pk=pk)
    form = RollCallForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        lists = {name: form.cleaned_data[name] for name in ("yes", "no", "abstain")}
        preview = services.preview_roll_call(**lists)
        if "save" in request.POST and preview.ok:
            try:
                count = services.import_roll_call(vote=vote, actor=request.user, **lists)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("%(count)d country votes saved.") % {"count": count})
                return redirect(vote.get_absolute_url())
    return render(
        request, "un/staff/roll_call.html", {"vote": vote, "form": form, "preview": preview}
    )


@editor_required
def joint_statement_new(request: HttpRequest) -> HttpResponse:
    """Enter a joint statement; check the pasted signatories, fix unknown names, then save."""
    unmatched = request.POST.getlist("unmatched") if request.method == "POST" else []
    form = JointStatementForm(
        request.POST or None, unmatched=unmatched, initial={"session": request.GET.get("session")}
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        preview = services.preview_signatories(text=data["signatories"], fixes=form.fixes())
        if preview.unknown != unmatched:
            # Other unknown names since the last check: ask for a country for each of them.
            # Choices made for the previous list are dropped: they may point at other names.
            data = request.POST.copy()
            for key in [key for key in data if key.startswith("fix_")]:
                del data[key]
            form = JointStatementForm(data, unmatched=preview.unknown)
            form.is_valid()
        elif "save" in request.POST and preview.ok:
            try:
                joint = form.record(actor=request.user)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Joint statement saved with %(count)d signatories.")
                    % {"count": len(preview.matched)},
                )
                return redirect(joint.get_absolute_url())
    return render(request, "un/staff/joint_statement_form.html", {"form": form, "preview": preview})


@editor_required
def review_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        coding = get_object_or_404(Coding, pk=request.POST.get("coding"))
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.review_coding(
                    coding=coding,
                    reviewer=request.user,
                    position=form.cleaned_data["position"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Second coding saved."))
        return redirect("un:review")
    pending = (
        Coding.objects.filter(verdict=ReviewVerdict.PENDING)
        .exclude(coder_id=request.user.pk)
        .select_related(
            "position", "statement__country", "statement__meeting__session", "joint_statement"
        )
    )
    return render(request, "un/staff/review.html", {"pending": pending, "form": ReviewForm()})


@editor_required
def data_issues(request: HttpRequest) -> HttpResponse:
    issues = DataIssue.objects.select_related("vote__session").order_by("severity", "vote__date")
    return render(
        request,
        "un/staff/issues.html",
        {
            "warnings": [i for i in issues if i.severity == IssueSeverity.WARNING],
            "unknown": [i for i in issues if i.severity == IssueSeverity.UNKNOWN],
        },
    )


@editor_required
def milestone_judgement(request: HttpRequest, code: str) -> HttpResponse:
    """Change the judgement on a milestone (is it the mechanism, and why), with its history."""
    milestone = get_object_or_404(Milestone, code=code)
    initial = {
        "is_dedicated_mechanism": "yes" if milestone.is_dedicated_mechanism else "no",
        "reasoning": milestone.why_not_mechanism,
    }
    form = JudgementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.judge_milestone(
                milestone=milestone,
                is_dedicated_mechanism=form.cleaned_data["is_dedicated_mechanism"],
                reasoning=form.cleaned_data["reasoning"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The judgement was saved.") if changed else _("Nothing changed."),
            )
            return redirect("un:milestone_judgement", code=milestone.code)
    return render(
        request,
        "un/staff/judgement.html",
        {"milestone": milestone, "form": form, "history": services.list_judgements(milestone)},
    )


# Create and change pages of the tracker's records (the admin is no longer needed for them).

SESSION_PAGES = EditPages(
    Session, SessionForm, "un:session", back="un:tracker", save=services.save_session
)
MEETING_PAGES = EditPages(Meeting, MeetingForm, "un:meeting", back="un:tracker")
VOTE_PAGES = EditPages(Vote, VoteForm, "un:vote", back="un:tracker", save=services.save_vote)
STATEMENT_PAGES = EditPages(
    Statement, StatementRecordForm, "un:statement", back="un:tracker", save=services.save_statement
)
CODING_PAGES = EditPages(
    Coding, CodingForm, "un:coding", back="un:review", save=services.save_coding
)
JOINT_STATEMENT_PAGES = EditPages(
    JointStatement, JointStatementRecordForm, "un:joint_statement", back="un:tracker"
)
MILESTONE_PAGES = EditPages(
    Milestone,
    MilestoneForm,
    "un:milestone",
    back="un:home",
    intro=gettext_lazy("Whether it is the dedicated mechanism is judged on its own page."),
)
