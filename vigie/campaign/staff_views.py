"""Pages of staff (editors) and reviewers: applications of a call, reviewers, scores, decisions.

A person who declared a conflict of interest on an application no longer sees it anywhere here
(404), whether staff or reviewer.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vigie.campaign import grants, queries, rubric, services
from vigie.campaign.errors import CampaignError
from vigie.campaign.forms import (
    CallForm,
    ConflictForm,
    CoverageToneForm,
    DecisionForm,
    DisbursementForm,
    ReviewersForm,
    ScoreForm,
)
from vigie.campaign.models import Application, Call, CoverageLink, FeedbackReport
from vigie.core.permissions import editor_required
from vigie.core.roles import is_editor
from vigie.core.staff_forms import EditPages


@editor_required
def staff_home(request: HttpRequest) -> HttpResponse:
    calls = [
        {
            "call": call,
            "applications": queries.list_visible_applications(request.user, call),
            "awarded": services.awarded_total(call),
        }
        for call in Call.objects.all()
    ]
    return render(request, "campaign/staff_home.html", {"calls": calls})


@editor_required
def staff_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("call", "country"), pk=pk)
    if queries.is_conflicted(request.user, application):
        raise Http404
    reviewers = (
        get_user_model().objects.filter(is_active=True).exclude(pk__in=[application.user_id or 0])
    )
    reviewers_form = ReviewersForm(reviewers=reviewers.order_by("username"))
    decision_form = DecisionForm()
    disbursement_form = DisbursementForm()
    if request.method == "POST":
        try:
            if "pay" in request.POST:
                disbursement_form = DisbursementForm(request.POST)
                if disbursement_form.is_valid():
                    grants.record_disbursement(
                        application_id=pk, actor=request.user, **disbursement_form.cleaned_data
                    )
                    messages.success(request, _("Payment recorded."))
                    return redirect("campaign:staff_application", pk=pk)
            elif "log_coverage" in request.POST:
                tone_form = CoverageToneForm(request.POST)
                if tone_form.is_valid():
                    link_id = tone_form.cleaned_data["link"]
                    if not CoverageLink.objects.filter(
                        pk=link_id, report__application=application
                    ).exists():
                        raise Http404
                    grants.log_coverage(
                        link_id=link_id, tone=tone_form.cleaned_data["tone"], actor=request.user
                    )
                    messages.success(request, _("Added to the media coverage log."))
                    return redirect("campaign:staff_application", pk=pk)
            elif "assign" in request.POST:
                reviewers_form = ReviewersForm(request.POST, reviewers=reviewers)
                if reviewers_form.is_valid():
                    services.assign_reviewers(
                        application_id=application.pk,
                        reviewer_ids=[
                            reviewers_form.cleaned_data["first"].pk,
                            reviewers_form.cleaned_data["second"].pk,
                        ],
                        actor=request.user,
                    )
                    messages.success(request, _("Reviewers assigned."))
                    return redirect("campaign:staff_application", pk=pk)
            else:
                decision_form = DecisionForm(request.POST)
                if decision_form.is_valid():
                    data = decision_form.cleaned_data
                    if data["decision"] == "approve":
                        if data["amount_usd"] is None:
                            raise CampaignError(_("Give the amount awarded."))
                        services.approve_application(
                            application_id=pk, amount_usd=data["amount_usd"], actor=request.user
                        )
                    else:
                        services.decline_application(
                            application_id=pk, reason=data["reason"], actor=request.user
                        )
                    messages.success(request, _("Decision recorded; the applicant was notified."))
                    return redirect("campaign:staff_application", pk=pk)
        except CampaignError as error:
            messages.error(request, str(error))
    return render(
        request,
        "campaign/staff_application.html",
        {
            "application": application,
            "reviews": application.reviews.select_related("reviewer"),
            "criteria": rubric.CRITERIA,
            "reviewers_form": reviewers_form,
            "decision_form": decision_form,
            "remaining": application.call.envelope_usd - services.awarded_total(application.call),
            "disbursement_form": disbursement_form,
            "disbursements": application.disbursements.all(),
            "disbursed": grants.disbursed_total(application),
            "report": FeedbackReport.objects.filter(application=application).first(),
            "tone_form": CoverageToneForm(),
        },
    )


@login_required
def reviews(request: HttpRequest) -> HttpResponse:
    return render(
        request, "campaign/reviews.html", {"reviews": queries.list_reviews_to_do(request.user)}
    )


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer scores the application or declares a conflict (which hides it from them)."""
    application = get_object_or_404(Application.objects.select_related("call", "country"), pk=pk)
    if not queries.is_reviewer(request.user, application):
        raise Http404
    form = ScoreForm()
    conflict_form = ConflictForm()
    if request.method == "POST":
        try:
            if "conflict" in request.POST:
                conflict_form = ConflictForm(request.POST)
                if conflict_form.is_valid():
                    services.declare_conflict(
                        application_id=pk,
                        reviewer=request.user,
                        reason=conflict_form.cleaned_data["reason"],
                    )
                    messages.success(
                        request,
                        _(
                            "Conflict of interest recorded: this application is no longer shown to you."
                        ),
                    )
                    return redirect(
                        "campaign:staff" if is_editor(request.user) else "campaign:reviews"
                    )
            else:
                form = ScoreForm(request.POST)
                if form.is_valid():
                    services.submit_review(
                        application_id=pk,
                        reviewer=request.user,
                        scores=form.scores(),
                        notes=form.cleaned_data["notes"],
                    )
                    messages.success(request, _("Your scores were recorded."))
                    return redirect("campaign:reviews")
        except CampaignError as error:
            messages.error(request, str(error))
    return render(
        request,
        "campaign/review.html",
        {"application": application, "form": form, "conflict_form": conflict_form},
    )


CALL_PAGES = EditPages(Call, CallForm, "campaign:call", back="campaign:staff")
