"""Pages of the strategy: the plan, the dashboard (editors and public), measures, reports."""

import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from vigie.core.charts import frameable, render_embed
from vigie.core.permissions import editor_required
from vigie.core.roles import is_editor
from vigie.core.staff_forms import EditPages
from vigie.strategy.charts import measure_chart
from vigie.strategy.forms import ActivityForm, PeriodForm
from vigie.strategy.models import Activity, Plan, SuccessMeasure
from vigie.strategy.outputs import output_period
from vigie.strategy.progress import (
    get_current_plan,
    get_measure_progress,
    list_measure_progress,
    plan_end,
)
from vigie.strategy.reports import (
    activity_matrix,
    outputs_by_pillar,
    render_report_pdf,
    report_context,
)
from vigie.strategy.review_queue import build_review_queue


def _plan(request: HttpRequest) -> Plan:
    code = request.GET.get("plan")
    plan = Plan.objects.filter(code=code).first() if code else get_current_plan()
    if plan is None:
        raise Http404(_("No strategic plan has been loaded."))
    return plan


# The dashboards show the first evidence rows of each measure; the measure's page has them all,
# so a dashboard costs the same whatever the number of rows behind its figures.
DASHBOARD_EVIDENCE_SHOWN = 10


def _dashboard(request: HttpRequest, *, public: bool) -> HttpResponse:
    plan = _plan(request)
    end = plan_end(plan)
    progress = list_measure_progress(plan, end=end, public_only=public)
    cards = []
    for item in progress:
        chart = measure_chart(
            item, key=f"chart-{item.measure.code}", absolute=request.build_absolute_uri
        )
        cards.append({"progress": item, "chart": chart, "spec": chart.spec})
    start, _end = output_period(plan)
    return render(
        request,
        "strategy/dashboard.html",
        {
            "plan": plan,
            "plans": Plan.objects.all(),
            "cards": cards,
            "end": end,
            "public": public,
            "outputs_start": start,
            "pillars": [] if public else outputs_by_pillar(plan, start, end),
            "evidence_shown": DASHBOARD_EVIDENCE_SHOWN,
            "evidence_slice": f":{DASHBOARD_EVIDENCE_SHOWN}",
        },
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    """Editors see every measure and the outputs; everyone else is sent to the public version."""
    if not is_editor(request.user):
        return redirect("strategy:public")
    return _dashboard(request, public=False)


def public_dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, public=True)


def plan_detail(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    objectives = list(plan.objectives.prefetch_related("measures"))
    matrix = activity_matrix(plan)
    return render(
        request,
        "strategy/plan.html",
        {
            "plan": plan,
            "plans": Plan.objects.all(),
            "objectives": objectives,
            "pillars": matrix["pillars"],
            "matrix": matrix,
            "sources": plan.sources.all(),
        },
    )


def measure_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Public measures for everyone; the others only for editors (see ``editor_required``)."""
    measure = get_object_or_404(SuccessMeasure.objects.select_related("objective__plan"), code=code)
    page = _measure_page if measure.is_public else editor_required(_measure_page)
    return page(request, measure)


def _measure_page(request: HttpRequest, measure: SuccessMeasure) -> HttpResponse:
    plan = measure.objective.plan
    progress = get_measure_progress(measure, end=plan_end(plan))
    return render(
        request,
        "strategy/measure.html",
        {
            "plan": plan,
            "progress": progress,
            "chart": measure_chart(
                progress, key="measure-chart", absolute=request.build_absolute_uri, height=240
            ),
        },
    )


@frameable
def measure_embed(request: HttpRequest, code: str) -> HttpResponse:
    """A public measure's chart alone, for other sites to frame."""
    measure = get_object_or_404(
        SuccessMeasure.objects.select_related("objective__plan"), code=code, is_public=True
    )
    progress = get_measure_progress(measure, end=plan_end(measure.objective.plan))
    if not progress.available:
        raise Http404(_("This measure has no value yet."))
    chart = measure_chart(
        progress, key="measure-chart", absolute=request.build_absolute_uri, height=240
    )
    return render_embed(request, chart)


def _period(request: HttpRequest, plan: Plan) -> tuple[PeriodForm, datetime.date, datetime.date]:
    default_start = datetime.date(plan.starts_year, 1, 1)
    default_end = plan_end(plan)
    form = PeriodForm(request.GET or None, initial={"start": default_start, "end": default_end})
    if request.GET and form.is_valid():
        return (
            form,
            form.cleaned_data["start"] or default_start,
            form.cleaned_data["end"] or default_end,
        )
    return form, default_start, default_end


@editor_required
def report(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    form, start, end = _period(request, plan)
    context: dict[str, Any] = {
        **report_context(plan, start, end),
        "form": form,
        "plans": Plan.objects.all(),
    }
    for item in context["measures"]:
        item["chart_id"] = f"chart-{item['progress'].measure.code}"
    return render(request, "strategy/report.html", context)


@editor_required
def report_pdf(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    _form, start, end = _period(request, plan)
    pdf = render_report_pdf(
        plan,
        start,
        end,
        language=translation.get_language() or "en",
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"vigie-progress-{plan.code}-{start.isoformat()}-{end.isoformat()}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@editor_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Editors: datasets and jurisdictions due for review, and the UNVERIFIED items, most viewed
    first (see ``strategy.review_queue``)."""
    return render(request, "strategy/review_queue.html", {"queue": build_review_queue()})


ACTIVITY_PAGES = EditPages(Activity, ActivityForm, "strategy:activity", back="strategy:plan")
