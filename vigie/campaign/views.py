"""Campaign pages: the public timeline, calls, applying (online, by magic link, or offline),
the year's actions and the archive. Staff and reviewers' pages are in ``staff_views``."""

import zoneinfo
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vigie.campaign import charts, gazetteer, grants, offline, queries, reports, services
from vigie.campaign.errors import CampaignError, OfflineFormError
from vigie.campaign.forms import ApplicationForm, FeedbackForm, OfflineUploadForm, StartForm
from vigie.campaign.models import ActionKind, Application, Call, FeedbackReport
from vigie.core.charts import frameable, render_embed
from vigie.core.models import Country
from vigie.core.pagination import page_context
from vigie.surveys import queries as survey_queries


def home(request: HttpRequest) -> HttpResponse:
    figures = list(queries.list_day_figures())
    return render(
        request,
        "campaign/home.html",
        {
            "figures": figures,
            "chart": charts.timeline_chart(figures, absolute=request.build_absolute_uri),
            "calls": queries.list_open_calls(timezone.now()),
            "own_applications": queries.list_own_applications(request.user),
        },
    )


@frameable
def timeline_embed(request: HttpRequest) -> HttpResponse:
    """The timeline alone, for other sites to frame (none before a figure is stated)."""
    chart = charts.timeline_chart(
        list(queries.list_day_figures()), absolute=request.build_absolute_uri
    )
    if not chart.rows:
        raise Http404(_("No number of cities is stated yet."))
    return render_embed(request, chart)


def _zone(request: HttpRequest, default: str = "UTC") -> str:
    name = request.GET.get("tz") or default
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    zone = _zone(request)
    form = StartForm(
        request.POST or None,
        initial={"language": translation.get_language(), "time_zone": zone},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.start_application(call_id=call.pk, user=request.user, **form.cleaned_data)
        except CampaignError as error:
            form.add_error(None, str(error))
        else:
            return render(
                request,
                "campaign/link_sent.html",
                {"call": call, "email": form.cleaned_data["email"]},
            )
    return render(
        request,
        "campaign/call.html",
        {
            "call": call,
            "zone": zone,
            "opens": timezone.localtime(call.opens_at, zoneinfo.ZoneInfo(zone)),
            "closes": timezone.localtime(call.closes_at, zoneinfo.ZoneInfo(zone)),
            "is_open": call.is_open(),
            "form": form,
        },
    )


def _question_form(call: Call, data: Any = None, initial: dict[str, Any] | None = None) -> Any:
    if not call.questions_version_id:
        return None
    return survey_queries.get_question_form(call.questions_version_id, data=data, initial=initial)


def _render_application(
    request: HttpRequest,
    application: Application,
    *,
    form: ApplicationForm | None = None,
    questions: Any = None,
    feedback_form: FeedbackForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    call = application.call
    editable = application.status == Application.Status.DRAFT and call.is_open()
    if form is None:
        form = ApplicationForm(initial=ApplicationForm.initial_from(application), call=call)
        questions = _question_form(call, initial=application.answers)
    feedback_open = application.status == Application.Status.APPROVED and grants.is_feedback_open(
        application
    )
    report = FeedbackReport.objects.filter(application=application).first()
    if feedback_open and feedback_form is None:
        feedback_form = FeedbackForm(
            initial={"narrative": report.narrative, "participants": report.participants}
            if report
            else None
        )
    return render(
        request,
        "campaign/application.html",
        {
            "application": application,
            "call": call,
            "form": form,
            "questions": questions,
            "conditions": survey_queries.list_question_skip_rules(call.questions_version_id)
            if call.questions_version_id
            else {},
            "editable": editable,
            "refusal": refusal,
            "deadline": services.local_deadline(call, application.time_zone),
            "feedback_form": feedback_form if feedback_open else None,
            "report": report,
        },
        status=status,
    )


def _edit(request: HttpRequest, application: Application) -> HttpResponse:
    """The application's page: save or submit while the call is open and it is a draft."""
    call = application.call
    editable = application.status == Application.Status.DRAFT and call.is_open()
    if request.method != "POST":
        return _render_application(request, application)
    if not editable:
        return _render_application(
            request, application, refusal=services.closed_message(application), status=409
        )
    form = ApplicationForm(request.POST, call=call)
    questions = _question_form(call, data=request.POST)
    if form.is_valid() and (questions is None or questions.is_valid()):
        submit = request.POST.get("action") == "submit"
        try:
            services.save_application(
                application_id=application.pk,
                fields=form.application_fields(),
                answers=dict(questions.cleaned_data) if questions else {},
                submit=submit,
                actor=request.user,
            )
        except CampaignError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your application was submitted. Thank you!")
                if submit
                else _(
                    "Your application was saved. You can come back with the link we emailed you."
                ),
            )
            return redirect(request.get_full_path())
    return _render_application(request, application, form=form, questions=questions, status=422)


def _feedback(request: HttpRequest, application: Application) -> HttpResponse | None:
    """The report after the Day, on the application's page once the grant is approved."""
    if request.method != "POST" or "feedback" not in request.POST:
        return None
    form = FeedbackForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            grants.submit_feedback(
                application_id=application.pk,
                narrative=form.cleaned_data["narrative"],
                participants=form.cleaned_data["participants"],
                photos=form.photos(),
                coverage=form.coverage(),
                actor=request.user,
            )
        except CampaignError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you: your report was received."))
            return redirect(request.get_full_path())
    return _render_application(request, application, feedback_form=form, status=422)


def application_by_link(request: HttpRequest, token: str) -> HttpResponse:
    application = services.get_application_for_token(token)
    if application is None:
        return render(request, "campaign/bad_link.html", status=404)
    with translation.override(application.language):
        return _feedback(request, application) or _edit(request, application)


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An application by its id: only its applicant (with an account), staff and its reviewers;
    anyone else gets 404, so that ids reveal nothing."""
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    if not queries.is_application_visible(request.user, application):
        raise Http404
    if application.user_id != request.user.pk:
        return redirect("campaign:staff_application", pk=pk)
    with translation.override(application.language):
        return _feedback(request, application) or _edit(request, application)


def offline_form(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    language = request.GET.get("lang") or translation.get_language() or "en"
    if language not in ("en", "fr", "es"):
        language = "en"
    with translation.override(language):
        html = offline.render_offline_form(call, language)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="application-{call.year}-{call.programme}-{language}.html"'
    )
    return response


def offline_upload(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    form = OfflineUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            application = offline.receive_offline_form(
                call_id=call.pk, content=form.cleaned_data["file"].read(), actor=request.user
            )
        except OfflineFormError as error:
            problems = error.problems
        except CampaignError as error:
            problems = [str(error)]
        else:
            return render(
                request,
                "campaign/link_sent.html",
                {"call": call, "email": application.email, "received": True},
            )
    return render(
        request,
        "campaign/offline_upload.html",
        {"call": call, "form": form, "problems": problems},
        status=422 if problems else 200,
    )


@require_GET
def cities(request: HttpRequest) -> JsonResponse:
    """Cities of a country whose name starts with ``q``, from the offline gazetteer."""
    country = request.GET.get("country", "")[:2]
    found = gazetteer.search_cities(request.GET.get("q", "")[:60], country) if country else []
    return JsonResponse({"cities": [{"id": c.geonameid, "name": c.name} for c in found]})


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2013 <= int(value) <= 2100 else None


def actions(request: HttpRequest) -> HttpResponse:
    """The year's actions on a map and in a list (the latest year with a call by default)."""
    year = _year(request) or Call.objects.order_by("-year").values_list("year", flat=True).first()
    points = queries.list_action_points(year) if year else []
    return render(
        request,
        "campaign/actions.html",
        {"year": year, "points": points, "kinds": ActionKind.choices},
    )


def archive(request: HttpRequest) -> HttpResponse:
    """The bank of ideas: every supported action, searchable by country, kind and year."""
    year = _year(request)
    country = request.GET.get("country", "")[:2]
    kind = request.GET.get("kind", "")
    kind = kind if kind in ActionKind.values else ""
    words = request.GET.get("q", "")[:100]
    found = queries.list_public_actions(year=year, country=country, kind=kind, query=words)
    selected = {"year": year, "country": country, "kind": kind, "q": words}
    pages = page_context(request, found, per_page=20)
    return render(
        request,
        "campaign/archive.html",
        {
            "page": pages["page_obj"],
            "selected": selected,
            "kinds": ActionKind.choices,
            "countries": Country.objects.filter(application__status=Application.Status.APPROVED)
            .distinct()
            .order_by("name"),
            "years": Call.objects.order_by("-year").values_list("year", flat=True).distinct(),
            "query": pages["page_query"],
        },
    )


def year_report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    """The yearly summary report in the page's language (/fr/… gives French)."""
    language = translation.get_language() or "en"
    pdf = reports.render_year_report_pdf(year, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="support-dont-punish-{year}-{language}.pdf"'
    )
    return response
