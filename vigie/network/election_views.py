"""Staff pages to run a council election: create it, set who may vote and stand, add
candidates, open, close and publish. Members vote on the election's page (``views``)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vigie.core import lifecycle
from vigie.core.permissions import editor_required
from vigie.network import services
from vigie.network.election_forms import CandidateForm, ElectionForm
from vigie.network.errors import NetworkError
from vigie.network.models import Election, ElectionStatus


@editor_required
def election_staff(request: HttpRequest) -> HttpResponse:
    """Every election with its status, and a form for a new one (created as a draft)."""
    form = ElectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        election = services.save_election(election=form.save(commit=False), actor=request.user)
        messages.success(request, _("The election was created as a draft."))
        return redirect("network:election_manage", pk=election.pk)
    return render(
        request,
        "network/election_staff.html",
        {"elections": Election.objects.all(), "form": form},
    )


@editor_required
def election_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """One election for staff: its rules (while a draft), its candidates, its next step."""
    election = get_object_or_404(Election, pk=pk)
    draft = election.status == ElectionStatus.DRAFT
    form = ElectionForm(instance=election)
    candidate_form = CandidateForm(election=election)
    if request.method == "POST" and draft:
        if request.POST.get("part") == "candidate":
            candidate_form = CandidateForm(request.POST, election=election)
            if candidate_form.is_valid():
                try:
                    services.nominate_from_form(form=candidate_form, actor=request.user)
                except NetworkError as error:
                    candidate_form.add_error(None, str(error))
                else:
                    messages.success(request, _("The candidate was added."))
                    return redirect("network:election_manage", pk=election.pk)
        else:
            form = ElectionForm(request.POST, instance=election)
            if form.is_valid():
                try:
                    services.save_election(election=form.save(commit=False), actor=request.user)
                except NetworkError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, _("The election was saved."))
                    return redirect("network:election_manage", pk=election.pk)
    actions = {
        "open": _("Open the vote"),
        "close": _("Close the vote and count the ballots"),
        "publish": _("Publish the results"),
    }
    return render(
        request,
        "network/election_manage.html",
        {
            "election": election,
            "draft": draft,
            "form": form,
            "candidate_form": candidate_form,
            "candidates": election.candidates.select_related("organisation"),
            "turnout": services.turnout(election),
            "stand_labels": election.status_labels(election.candidate_statuses),
            "actions": [
                (action, actions[action]) for action in lifecycle.next_actions(election.status)
            ],
        },
    )


election_status = lifecycle.action_view(
    Election,
    lambda election, action, actor: services.change_election_status(
        election_id=election.pk, action=action, actor=actor
    ),
    refused=NetworkError,
    done=gettext_lazy("The election is now “%(status)s”."),
    back="network:election_manage",
)
