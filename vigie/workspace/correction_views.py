"""Correction proposals: members propose from their space, editors review them in a queue.

A proposal is private: its author and editors read it; anyone else is told it does not exist
(404), whatever its number.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vigie.atlas import queries as atlas_queries
from vigie.core import roles
from vigie.core.models import Country
from vigie.core.pagination import page_context
from vigie.core.permissions import editor_required
from vigie.workspace import queries, services
from vigie.workspace.forms import (
    ApplyCorrectionForm,
    ApplyNewMeasureForm,
    CorrectionProposalForm,
    DeclineCorrectionForm,
)
from vigie.workspace.models import CorrectionProposal

QUEUE_FILTERS = ("status", "country", "kind")
PROPOSALS_PER_PAGE = 25


def _propose(
    request: HttpRequest, *, country: Country, entry: atlas_queries.CorrectableEntry | None
) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not roles.is_member(request.user):
        raise PermissionDenied
    form = CorrectionProposalForm(request.POST or None, new_measure=entry is None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.propose_correction(
                author=request.user,
                country_iso2=country.iso2,
                measure_code=entry["code"] if entry else "",
                field=data.get("field", ""),
                problem=data["problem"],
                proposed_value=data["proposed_value"],
                source_url=data["source_url"],
                source_citation=data["source_citation"],
                language=(get_language() or "en")[:2],
            )
        except services.CorrectionError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(
                request, _("Thank you: your proposal is waiting for an editor's review.")
            )
            return redirect("workspace:correction", pk=proposal.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "country": country, "entry": entry}
    return render(request, "workspace/correction_propose.html", context, status=status)


def propose_measure_correction(request: HttpRequest, code: str) -> HttpResponse:
    entry = atlas_queries.get_correctable_entry(code)
    if entry is None:
        raise Http404
    country = Country.objects.get(iso2=entry["country_iso2"])
    return _propose(request, country=country, entry=entry)


def propose_new_measure(request: HttpRequest, iso2: str) -> HttpResponse:
    country = Country.objects.filter(iso2=iso2.upper()).first()
    if country is None:
        raise Http404
    return _propose(request, country=country, entry=None)


def correction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The author's view of their proposal and its decision; editors go to the review page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if roles.is_editor(request.user):
        return redirect("workspace:correction_review", pk=pk)
    proposal = queries.get_correction_for(request.user, pk, editor=False)
    if proposal is None:
        raise Http404
    entry = (
        atlas_queries.get_correctable_entry(proposal.measure_code)
        if proposal.measure_code
        else None
    )
    context = {"proposal": proposal, "entry": entry, "field_label": _field_label(proposal)}
    return render(request, "workspace/correction_detail.html", context)


def _field_label(proposal: CorrectionProposal) -> str:
    if proposal.is_new_measure:
        return _("A measure not recorded yet")
    return dict(atlas_queries.list_correctable_fields()).get(proposal.field, proposal.field)


@editor_required
def correction_queue(request: HttpRequest) -> HttpResponse:
    filters = {name: request.GET.get(name, "").strip() for name in QUEUE_FILTERS}
    if "status" not in request.GET:
        filters["status"] = CorrectionProposal.Status.PENDING
    rows = queries.list_corrections(**filters)
    context: dict[str, Any] = {
        **page_context(request, rows, per_page=PROPOSALS_PER_PAGE),
        "filters": filters,
        "counts": queries.count_corrections_by_status(),
        "statuses": CorrectionProposal.Status.choices,
        "kinds": [
            ("correction", _("Corrections of an entry")),
            (CorrectionProposal.NEW_MEASURE, _("Measures proposed")),
        ],
        "fields": dict(atlas_queries.list_correctable_fields()),
    }
    return render(request, "workspace/correction_queue.html", context)


@editor_required
def correction_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The current entry beside the proposal; apply it (as worded by the editor) or decline it."""
    proposal = queries.get_correction_for(request.user, pk, editor=True)
    if proposal is None:
        raise Http404
    entry = (
        atlas_queries.get_correctable_entry(proposal.measure_code, proposal.language)
        if proposal.measure_code
        else None
    )
    apply_form: ApplyCorrectionForm | ApplyNewMeasureForm
    if proposal.is_new_measure:
        apply_form = ApplyNewMeasureForm(
            request.POST if request.POST.get("action") == "apply" else None,
            initial={"summary": proposal.proposed_value, "source_url": proposal.source_url},
        )
    else:
        apply_form = ApplyCorrectionForm(
            request.POST if request.POST.get("action") == "apply" else None,
            initial={"value": proposal.proposed_value, "source_url": proposal.source_url},
        )
    decline_form = DeclineCorrectionForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "apply" and apply_form.is_valid():
                data = apply_form.cleaned_data
                if isinstance(apply_form, ApplyNewMeasureForm):
                    services.apply_new_measure(
                        proposal_id=proposal.pk,
                        editor=request.user,
                        measure=services.NewMeasure(
                            code=data["code"],
                            title=data["title"],
                            kind=data["kind"],
                            status=data["status"],
                            substance_scope=data["substance_scope"],
                            summary=data["summary"],
                            adopted_on=data["adopted_on"],
                            in_force_on=data["in_force_on"],
                        ),
                        source_url=data["source_url"],
                    )
                    messages.success(request, _("The measure was recorded in the atlas."))
                else:
                    services.apply_correction(
                        proposal_id=proposal.pk,
                        editor=request.user,
                        value=data["value"],
                        source_url=data["source_url"],
                    )
                    messages.success(request, _("The correction was applied."))
                return redirect("workspace:correction_queue")
            elif action == "decline":
                decline_form = DeclineCorrectionForm(request.POST)
                if decline_form.is_valid():
                    services.decline_correction(
                        proposal_id=proposal.pk,
                        editor=request.user,
                        reason=decline_form.cleaned_data["reason"],
                    )
                    messages.success(request, _("The proposal was declined."))
                    return redirect("workspace:correction_queue")
        except services.CorrectionError as error:
            form = apply_form if action == "apply" else decline_form
            form.add_error(error.field if error.field in form.fields else None, str(error))
        status = 400
    context = {
        "proposal": proposal,
        "entry": entry,
        "field_label": _field_label(proposal),
        "apply_form": apply_form,
        "decline_form": decline_form,
    }
    return render(request, "workspace/correction_review.html", context, status=status)
