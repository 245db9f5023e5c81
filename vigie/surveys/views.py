"""Survey pages: answering through a personal link, public aggregate results, staff follow-up."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vigie.core import lifecycle
from vigie.core.exports import csv_response
from vigie.core.permissions import editor_required
from vigie.core.regions import Region
from vigie.core.roles import is_editor
from vigie.core.staff_forms import EditPages
from vigie.network.queries import (
    get_organisation_name,
    list_member_organisations,
    list_organisation_type_choices,
)
from vigie.surveys import disclosure, results, services
from vigie.surveys.errors import SurveyError
from vigie.surveys.forms import AnswerForm, SurveyForm, SurveyQuestionForm, SurveyRoundForm
from vigie.surveys.models import (
    Answer,
    Invitation,
    Response,
    Round,
    Survey,
    SurveyQuestion,
    SurveyVersion,
)


def index(request: HttpRequest) -> HttpResponse:
    surveys = Survey.objects.prefetch_related("versions__rounds")
    return render(request, "surveys/index.html", {"surveys": surveys})


def answer(request: HttpRequest, token: str) -> HttpResponse:
    state, invitation = services.check_token(token)
    if invitation is None:
        return render(request, "surveys/bad_link.html", status=404)
    round_ = invitation.round
    if state is services.LinkState.EXPIRED:
        return render(request, "surveys/closed.html", {"round": round_}, status=410)
    response = Response.objects.filter(invitation=invitation).first()
    context = {
        "invitation": invitation,
        "round": round_,
        "organisation_name": get_organisation_name(invitation.organisation_id),
    }
    if response is not None and response.submitted_on is not None:
        status = 409 if request.method == "POST" else 200
        return render(request, "surveys/already_submitted.html", context, status=status)
    if not round_.is_open():
        return render(request, "surveys/closed.html", context, status=410)
    questions = list(round_.version.questions.select_related("show_if").prefetch_related("choices"))
    if request.method == "POST":
        form = AnswerForm(request.POST, questions=questions)
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            try:
                services.save_answers(
                    invitation_id=invitation.pk,
                    answers=form.answers(),
                    submit=submit,
                    actor=request.user,
                )
            except SurveyError as error:
                form.add_error(None, str(error))
            else:
                if submit:
                    return render(request, "surveys/thanks.html", context)
                messages.success(
                    request, _("Your answers were saved. You can come back to this link later.")
                )
                return redirect("surveys:answer", token=token)
    else:
        form = AnswerForm(initial=services.current_answers(invitation), questions=questions)
    conditions = {
        q.code: {"on": q.show_if.code, "values": sorted(q.trigger_values())}
        for q in questions
        if q.show_if is not None
    }
    return render(
        request, "surveys/answer.html", {**context, "form": form, "conditions": conditions}
    )


def _filters(request: HttpRequest) -> dict[str, str]:
    region = request.GET.get("region", "")
    org_type = request.GET.get("type", "")
    types = {value for value, _label in list_organisation_type_choices()}
    return {
        "region": region if region in Region.values else "",
        "org_type": org_type if org_type in types else "",
    }


def round_results(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("version__survey"), pk=pk)
    filters = _filters(request)
    # Results of an open round are for staff only: watching totals change as organisations
    # submit one by one could reveal a single organisation's answers.
    published = disclosure.is_public(round_) or is_editor(request.user)
    other_rounds = Round.objects.filter(version__survey=round_.version.survey).exclude(pk=pk)
    return render(
        request,
        "surveys/results.html",
        {
            "round": round_,
            "results": results.get_round_results(round_, **filters) if published else None,
            "published": published,
            "filters": filters,
            "regions": Region.choices,
            "types": list_organisation_type_choices(),
            "other_rounds": other_rounds,
            "minimum": results.MIN_ORGANISATIONS,
        },
    )


def compare(request: HttpRequest, slug: str) -> HttpResponse:
    survey = get_object_or_404(Survey, slug=slug)
    rounds = [
        r
        for r in Round.objects.filter(version__survey=survey)
        if disclosure.is_public(r) or is_editor(request.user)
    ]
    first = next((r for r in rounds if str(r.pk) == request.GET.get("first")), None)
    second = next((r for r in rounds if str(r.pk) == request.GET.get("second")), None)
    if first is None and len(rounds) >= 2:
        first, second = rounds[-2], rounds[-1]
    filters = _filters(request)
    comparison = (
        results.compare_rounds(first, second, **filters)
        if first and second and first != second
        else None
    )
    return render(
        request,
        "surveys/compare.html",
        {
            "survey": survey,
            "rounds": rounds,
            "first": first,
            "second": second,
            "comparison": comparison,
            "filters": filters,
            "regions": Region.choices,
            "types": list_organisation_type_choices(),
            "minimum": results.MIN_ORGANISATIONS,
        },
    )


@editor_required
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff-only export of every submitted answer, one row per organisation and question."""
    round_ = get_object_or_404(Round, pk=pk)
    answers = Answer.objects.filter(
        response__invitation__round=round_, response__submitted_on__isnull=False
    ).select_related("question", "response__invitation")
    rows: list[list[object]] = [["organisation", "question", "value"]]
    for item in answers.order_by("response__invitation__organisation_id", "question__position"):
        value = item.value
        rows.append(
            [
                get_organisation_name(item.response.invitation.organisation_id),
                item.question.code,
                ";".join(map(str, value)) if isinstance(value, list) else str(value),
            ]
        )
    return csv_response(f"survey-round-{pk}.csv", rows)


@editor_required
def round_admin(request: HttpRequest, pk: int) -> HttpResponse:
    """Invitations of a round; staff may issue a new personal link for one (shown once)."""
    round_ = get_object_or_404(Round, pk=pk)
    new_link = {}
    if request.method == "POST":
        invitation = get_object_or_404(
            Invitation, round=round_, pk=request.POST.get("invitation", "")
        )
        new_link = {invitation.pk: request.build_absolute_uri(services.personal_link(invitation))}
    invitations = [
        {
            "pk": invitation.pk,
            "organisation": get_organisation_name(invitation.organisation_id),
            "link": new_link.get(invitation.pk, ""),
            "submitted_on": getattr(getattr(invitation, "response", None), "submitted_on", None),
            "started": hasattr(invitation, "response"),
            "reminders": invitation.reminders_sent,
        }
        for invitation in Invitation.objects.filter(round=round_).select_related("response")
    ]
    return render(
        request,
        "surveys/round_admin.html",
        {
            "round": round_,
            "invitations": invitations,
            "counts": services.count_round_responses(round_.pk),
            "actions": _next_actions(round_),
        },
    )


def _next_actions(round_: Round) -> list[tuple[str, str]]:
    labels = {
        "open": _("Open the round"),
        "close": _("Close the round"),
        "publish": _("Publish the results"),
    }
    return [(action, labels[action]) for action in lifecycle.next_actions(round_.status)]


@editor_required
def staff(request: HttpRequest) -> HttpResponse:
    """Surveys for staff: every round with its status and counts, and a form for a new round."""
    form = SurveyRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        round_ = form.create(actor=request.user)
        messages.success(request, _("The round was created as a draft."))
        return redirect("surveys:round_admin", pk=round_.pk)
    surveys = Survey.objects.prefetch_related("versions__rounds")
    rows = [
        {
            "survey": survey,
            "versions": [
                {
                    "version": version,
                    "editable": services.is_version_editable(version),
                    "rounds": [
                        {"round": r, "counts": services.count_round_responses(r.pk)}
                        for r in version.rounds.all()
                    ],
                }
                for version in survey.versions.all()
            ],
        }
        for survey in surveys
    ]
    return render(request, "surveys/staff.html", {"rows": rows, "form": form})


round_status = lifecycle.action_view(
    Round,
    lambda round_, action, actor: services.change_round_status(
        round_id=round_.pk, action=action, actor=actor
    ),
    refused=SurveyError,
    done=gettext_lazy("The round is now “%(status)s”."),
    back="surveys:round_admin",
)


@editor_required
def round_counts(request: HttpRequest, pk: int) -> HttpResponse:
    """Invited, started and submitted counts, which the round's staff page refreshes live."""
    round_ = get_object_or_404(Round, pk=pk)
    return JsonResponse(services.count_round_responses(round_.pk))


@require_POST
@editor_required
def version_new(request: HttpRequest, slug: str) -> HttpResponse:
    survey = get_object_or_404(Survey, slug=slug)
    version = services.new_version(survey_id=survey.pk, actor=request.user)
    messages.success(request, _("Version %(number)d was created.") % {"number": version.number})
    return redirect("surveys:version_edit", pk=version.pk)


def _question_page(
    request: HttpRequest, version: SurveyVersion, question: SurveyQuestion | None
) -> HttpResponse:
    editable = services.is_version_editable(version)
    instance = question or SurveyQuestion(version=version, position=(version.questions.count() + 1))
    form = SurveyQuestionForm(request.POST or None, instance=instance, version=version)
    if request.method == "POST" and editable and form.is_valid():
        try:
            services.save_question(
                question=form.save(commit=False),
                choices=form.cleaned_data["choices"],
                actor=request.user,
            )
        except SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The question was saved."))
            return redirect("surveys:version_edit", pk=version.pk)
    return render(
        request,
        "surveys/version_edit.html",
        {
            "version": version,
            "questions": version.questions.select_related("show_if").prefetch_related("choices"),
            "form": form,
            "editing": question,
            "editable": editable,
        },
    )


@editor_required
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The questions of a version, and a form to add one."""
    version = get_object_or_404(SurveyVersion.objects.select_related("survey"), pk=pk)
    return _question_page(request, version, None)


@editor_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(SurveyQuestion.objects.select_related("version__survey"), pk=pk)
    return _question_page(request, question.version, question)


@require_POST
@editor_required
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(SurveyQuestion, pk=pk)
    version_pk = question.version_id
    try:
        services.delete_question(question_id=question.pk, actor=request.user)
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The question was deleted."))
    return redirect("surveys:version_edit", pk=version_pk)


@require_POST
@editor_required
def invite_members(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    ids = [row["id"] for row in list_member_organisations()]
    try:
        created = services.invite_organisations(
            round_id=round_.pk, organisation_ids=ids, actor=request.user
        )
    except SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(count)d organisations were invited.") % {"count": created})
    return redirect("surveys:round_admin", pk=pk)


@require_POST
@editor_required
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    sent = services.send_reminders(round_id=round_.pk, actor=request.user)
    messages.success(request, _("%(count)d reminders were sent.") % {"count": sent})
    return redirect("surveys:round_admin", pk=pk)


SURVEY_PAGES = EditPages(Survey, SurveyForm, "surveys:survey", back="surveys:staff")
