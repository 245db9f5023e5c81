"""Pages of the network: public directory and profiles, member editing, staff registers, election."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from vigie.core.charts import Chart, frameable, render_embed
from vigie.core.models import Country
from vigie.core.pagination import page_context
from vigie.core.permissions import editor_required
from vigie.core.regions import Region
from vigie.core.roles import get_member_organisation_id, is_editor, is_member
from vigie.network import queries, services
from vigie.network.errors import NetworkError
from vigie.network.forms import OrganisationProfileForm, OrganisationStaffForm, ReceiptForm
from vigie.network.models import (
    Contact,
    Coverage,
    Election,
    ElectionStatus,
    Funder,
    Interaction,
    Journalist,
    MembershipStatus,
    MentoringPair,
    Organisation,
    OrganisationType,
    VoterRecord,
)
from vigie.strategy.queries import measure_baseline

# The strategy measure whose baseline the funding register counts from.
FUNDING_MEASURE = "network.new_major_funding_sources"


def _members(request: HttpRequest) -> tuple[Any, dict[str, str]]:
    """The current member organisations matching the filters of the address, and the filters."""
    region = request.GET.get("region", "")
    org_type = request.GET.get("type", "")
    country = request.GET.get("country", "").upper()
    text = request.GET.get("q", "").strip()
    members = queries.member_organisations(country)
    if region in Region.values:
        members = members.filter(region=region)
    if org_type in OrganisationType.values:
        members = members.filter(org_type=org_type)
    if text:
        members = members.filter(Q(name__icontains=text) | Q(focus_areas__icontains=text))
    return members, {"region": region, "type": org_type, "country": country, "q": text}


def _listed_countries() -> list[dict[str, Any]]:
    """The countries of the filter, by name: where current members have their headquarters or
    work, one indexed look-up per country (not a read of every member and every country of work)."""
    current = Organisation.objects.filter(status=MembershipStatus.MEMBER, archived_at__isnull=True)
    countries = Country.objects.filter(
        Exists(current.filter(headquarters=OuterRef("pk")))
        | Exists(
            Organisation.countries.through.objects.filter(
                country=OuterRef("pk"),
                organisation__status=MembershipStatus.MEMBER,
                organisation__archived_at__isnull=True,
            )
        )
    ).values("pk", "iso2", "numeric", "name")
    return sorted((dict(c) for c in countries), key=lambda c: c["name"])


def _member_map(
    request: HttpRequest, members: Any, listed: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], Chart]:
    """The members per headquarters country (the map's data) and the map as a figure."""
    # The map counts every matching member per headquarters country, in one query over the
    # index of current members (no join: every headquarters is among the filter's countries).
    numeric = {c["pk"]: c["numeric"] for c in listed}
    per_country = (
        members.order_by()
        .values("headquarters_id")
        .annotate(count=Count("pk"))
        .order_by("headquarters_id")
    )
    map_rows = sorted(
        ({"id": numeric[row["headquarters_id"]], "count": row["count"]} for row in per_country),
        key=lambda row: row["id"],
    )
    names = {c["numeric"]: c["name"] for c in listed}
    counted = sorted(
        ([names.get(row["id"], row["id"]), row["count"]] for row in map_rows),
        key=lambda row: (-row[1], str(row[0])),
    )
    chart = Chart(
        key="member-map",
        title=_("Member organisations by country of headquarters"),
        unit=_("number of member organisations"),
        subtitle=_("The organisations matching the filters; grey: none"),
        source=_("Vigie's register of member organisations, as each organisation states it"),
        columns=[_("Country"), _("Member organisations")],
        rows=counted,
        numeric=(1,),
        description=_("Map of member organisations by headquarters country"),
        controls="member-filters",
        page_url=request.build_absolute_uri(reverse("network:directory")),
        embed_url=request.build_absolute_uri(reverse("network:directory_embed")),
    )
    return map_rows, chart


def directory(request: HttpRequest) -> HttpResponse:
    members, selected = _members(request)
    listed = _listed_countries()
    map_rows, chart = _member_map(request, members, listed)
    page = page_context(request, members)
    types = [(value, str(label)) for value, label in OrganisationType.choices]
    labels = dict(types)
    for organisation in page["page_obj"]:
        organisation.type_label = labels.get(organisation.org_type, organisation.org_type)
    return render(
        request,
        "network/directory.html",
        {
            **page,
            "regions": Region.choices,
            "types": types,
            "countries": listed,
            "selected": selected,
            "map_rows": map_rows,
            "chart": chart,
            "map_label": _("Member organisations"),
            "own_organisation_id": get_member_organisation_id(request.user),
        },
    )


@frameable
def directory_embed(request: HttpRequest) -> HttpResponse:
    """The members map alone (its filters from the address), for other sites to frame."""
    members, _selected = _members(request)
    map_rows, chart = _member_map(request, members, _listed_countries())
    return render_embed(
        request,
        chart,
        scripts="network/partials/map_script.html",
        context={"map_rows": map_rows, "map_label": _("Member organisations")},
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    own = get_member_organisation_id(request.user) == organisation.pk
    staff = is_editor(request.user)
    hidden = organisation.status != MembershipStatus.MEMBER or organisation.archived_at is not None
    if hidden and not (own or staff):
        raise Http404
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": organisation,
            "can_edit": own or staff,
            "show_private": own or staff,
            "staff": staff,
        },
    )


def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation = get_object_or_404(Organisation, slug=slug)
    if not (is_editor(request.user) or get_member_organisation_id(request.user) == organisation.pk):
        raise PermissionDenied
    form_class = OrganisationStaffForm if is_editor(request.user) else OrganisationProfileForm
    form = form_class(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.update_organisation_profile(form=form, actor=request.user)
        messages.success(request, _("The profile was saved."))
        return redirect("network:organisation", slug=organisation.slug)
    return render(
        request, "network/organisation_edit.html", {"organisation": organisation, "form": form}
    )


def my_organisation(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation_id = get_member_organisation_id(request.user)
    if organisation_id is None:
        raise Http404
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    return redirect("network:organisation_edit", slug=organisation.slug)


@editor_required
def contact_list(request: HttpRequest) -> HttpResponse:
    contacts = (
        Contact.objects.select_related("organisation")
        .prefetch_related("consents")
        .order_by("name", "pk")
    )
    text = request.GET.get("q", "").strip()
    if text:
        contacts = contacts.filter(
            Q(name__icontains=text)
            | Q(email__icontains=text)
            | Q(organisation__name__icontains=text)
        )
    return render(
        request, "network/contact_list.html", {**page_context(request, contacts), "q": text}
    )


@editor_required
def contact_export(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Contact, pk=pk)
    response = JsonResponse(services.export_contact(contact_id=pk), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="contact-{pk}.json"'
    return response


@require_POST
@editor_required
def contact_erase(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Contact, pk=pk)
    services.erase_contact(contact_id=pk, actor=request.user)
    messages.success(request, _("The contact's personal data was erased."))
    return redirect("network:contacts")


@editor_required
def media(request: HttpRequest) -> HttpResponse:
    context = {
        "journalists": Journalist.objects.select_related("outlet", "country"),
        "interactions": Interaction.objects.select_related("journalist")[:50],
        "coverage": Coverage.objects.select_related("outlet", "journalist")[:50],
    }
    return render(request, "network/media.html", context)


@editor_required
def funding(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()  # the site's day, as the staff pages count it
    funders = Funder.objects.annotate(grant_count=Count("grants")).prefetch_related(
        "grants__organisation"
    )
    baseline = measure_baseline(FUNDING_MEASURE, today)
    context: dict[str, Any] = {"funders": funders, "baseline": baseline}
    if baseline is not None:
        context["new_major"] = queries.count_new_funding_sources(baseline, today)
        context["new_all"] = queries.count_new_funding_sources(baseline, today, major_only=False)
    return render(request, "network/funding.html", context)


@editor_required
def mentoring(request: HttpRequest) -> HttpResponse:
    pairs = MentoringPair.objects.select_related("mentor", "mentee").prefetch_related("check_ins")
    return render(request, "network/mentoring.html", {"pairs": pairs})


def _visible_elections(request: HttpRequest) -> Any:
    """Drafts are for staff only."""
    elections = Election.objects.all()
    return elections if is_editor(request.user) else elections.exclude(status=ElectionStatus.DRAFT)


def election_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/election_list.html",
        {"elections": _visible_elections(request), "staff": is_editor(request.user)},
    )


def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(_visible_elections(request), pk=pk)
    organisation_id = get_member_organisation_id(request.user)
    organisation = (
        Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    )
    has_voted = (
        organisation is not None
        and VoterRecord.objects.filter(election=election, organisation=organisation).exists()
    )
    may_vote = organisation is not None and election.may_vote(organisation)
    return render(
        request,
        "network/election_detail.html",
        {
            "election": election,
            "candidates": services.eligible_candidates(election),
            "is_open": services.is_election_open(election),
            "can_vote": is_member(request.user) and may_vote and not has_voted,
            "may_not_vote": organisation is not None and not may_vote,
            "voter_statuses": election.status_labels(election.voter_statuses),
            "has_voted": has_voted,
        },
    )


@sensitive_post_parameters("candidate")
@require_POST
def election_vote(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation_id = get_member_organisation_id(request.user)
    if organisation_id is None or not is_member(request.user):
        raise PermissionDenied
    election = get_object_or_404(Election, pk=pk)
    try:
        chosen = [int(value) for value in request.POST.getlist("candidate")]
        code = services.cast_ballot(
            election_id=election.pk, organisation_id=organisation_id, candidate_ids=chosen
        )
    except ValueError:
        messages.error(request, _("Choose at least one candidate of this election."))
        return redirect("network:election", pk=election.pk)
    except NetworkError as error:
        messages.error(request, str(error))
        return redirect("network:election", pk=election.pk)
    return render(request, "network/election_receipt.html", {"election": election, "code": code})


@sensitive_post_parameters("receipt")
def election_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Turnout while voting is open; votes per candidate and receipt checks once it has closed.

    The receipt is sent by POST so that it never appears in a URL, hence in no access log; choices
    and receipts are hidden from error reports.
    """
    election = get_object_or_404(_visible_elections(request), pk=pk)
    counted_up = services.count_if_closed(election)
    # Staff see the count as soon as the vote closes; everyone else once they publish it.
    closed = counted_up and (services.are_results_published(election) or is_editor(request.user))
    form = ReceiptForm(request.POST or None)
    counted: bool | None = None
    if closed and form.is_valid():
        counted = services.is_receipt_counted(election=election, code=form.cleaned_data["receipt"])
    return render(
        request,
        "network/election_results.html",
        {
            "election": election,
            "closed": closed,
            "awaiting_publication": counted_up and not closed,
            "turnout": services.turnout(election),
            "tally": services.tally(election) if closed else None,
            "form": form,
            "counted": counted,
        },
    )


def directory_json(request: HttpRequest) -> HttpResponse:
    """The directory as JSON for people who build on it (same public fields as the API)."""
    data = queries.list_member_organisations()
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json")
