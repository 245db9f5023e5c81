"""The staff workspace (/staff/) and the member space (/me/): one place to start for each.

Both pages read the other apps only through their ``queries`` modules, so that what they show is
what each app says; neither holds business logic of its own beyond personal API tokens.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vigie.atlas import queries as atlas_queries
from vigie.core import roles
from vigie.core.permissions import editor_required
from vigie.core.queries import get_country
from vigie.events import queries as event_queries
from vigie.index import queries as index_queries
from vigie.network import queries as network_queries
from vigie.strategy import queries as strategy_queries
from vigie.surveys import queries as survey_queries
from vigie.un import queries as un_queries
from vigie.workspace import queries, services
from vigie.workspace.links import STAFF_TASKS

# Surveys closing within this many days are shown on the staff workspace.
CLOSING_SOON_DAYS = 7
# Data-quality flags shown per app before "and N more" (the review queue has them all).
FLAGS_SHOWN = 10


def _this_week(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday to Sunday of the week holding ``today``."""
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


def _flag(
    title: str, items: Sequence[Any], url: str, *, total: int | None = None
) -> dict[str, Any]:
    """One group of data-quality flags: its first items, how many in all, where it is fixed."""
    count = len(items) if total is None else total
    return {
        "title": title,
        "items": items[:FLAGS_SHOWN],
        "total": count,
        "more": max(count - len(items[:FLAGS_SHOWN]), 0) if items else 0,
        "url": url,
    }


@editor_required
def staff_home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    monday, sunday = _this_week(today)
    flags = [
        _flag(
            _("Atlas measures not fully confirmed"),
            atlas_queries.list_unverified_measures(),
            reverse("strategy:review_queue"),
        ),
        _flag(
            _("Atlas measures citing no source"),
            atlas_queries.list_measures_without_source(),
            reverse("atlas:list"),
        ),
        _flag(
            _("UN joint statements to check"),
            un_queries.list_unverified_joint_statements(),
            reverse("un:data_issues"),
        ),
        _flag(
            _("UN codings awaiting a second coder"),
            [],
            reverse("un:review"),
            total=un_queries.count_codings_awaiting_second_coder(),
        ),
    ]
    # Each app's own rules, each group with the page where its rows are fixed.
    for app_flags in (
        network_queries.list_data_quality_flags(),
        event_queries.list_data_quality_flags(),
        survey_queries.list_data_quality_flags(),
        index_queries.list_data_quality_flags(),
    ):
        flags.extend(_flag(flag["title"], flag["items"], flag["url"]) for flag in app_flags)
    context: dict[str, Any] = {
        "reviews": strategy_queries.count_reviews_waiting(),
        "rounds": survey_queries.list_rounds_closing_by(
            today + datetime.timedelta(days=CLOSING_SOON_DAYS)
        ),
        "closing_days": CLOSING_SOON_DAYS,
        "events": event_queries.list_events_starting_between(monday, sunday),
        "week": (monday, sunday),
        "elections": network_queries.list_open_elections(),
        "corrections_waiting": queries.count_corrections_waiting(),
        "flags": flags,
        "tasks": STAFF_TASKS,
        "show_admin": roles.is_admin(request.user),
    }
    return render(request, "workspace/staff_home.html", context)


def _me_context(request: HttpRequest, new_token: str = "") -> dict[str, Any]:
    """What the signed-in person's space shows: only their own things and their organisation's."""
    user: Any = request.user
    context: dict[str, Any] = {
        "organisation": None,
        "registrations": event_queries.list_registrations_of_user(user.pk, user.email or ""),
        "rounds": [],
        "ballot": [],
        "mentoring": [],
        "tokens": services.list_api_tokens(user),
        "role": services.role_of(user),
        "new_token": new_token,
        "proposals": queries.list_corrections_of_author(user),
        "atlas_country": None,
        "atlas_entries": [],
    }
    organisation_id = roles.get_member_organisation_id(user)
    if organisation_id is not None:
        organisation = network_queries.get_organisation_profile(organisation_id)
        country = get_country(organisation["headquarters"]) if organisation else None
        if country is not None:
            context.update(
                atlas_country=country,
                atlas_entries=atlas_queries.list_measures_for_country(country.iso2),
            )
        context.update(
            organisation=organisation,
            rounds=survey_queries.list_open_rounds_for_organisation(organisation_id),
            ballot=network_queries.list_ballot_for_organisation(organisation_id),
            mentoring=network_queries.list_mentoring_pairs_of_organisation(organisation_id),
        )
    return context


@login_required
def member_space(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/me.html", _me_context(request))


@login_required
@require_http_methods(["POST"])
def token_create(request: HttpRequest) -> HttpResponse:
    try:
        _row, token = services.create_api_token(
            user=request.user, name=request.POST.get("name", "")
        )
    except services.ApiTokenError as error:
        context = _me_context(request)
        context["token_error"] = str(error)
        context["token_name"] = request.POST.get("name", "")
        return render(request, "workspace/me.html", context, status=400)
    # Shown once, on this answer only: the database keeps its hash.
    response = render(request, "workspace/me.html", _me_context(request, new_token=token))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if services.revoke_api_token(user=request.user, token_id=pk):
        messages.success(request, _("The token was revoked: it no longer opens the API."))
    else:
        messages.error(request, _("No such active token of yours."))
    return redirect("workspace:me")
