"""Reads of the campaign: the sourced history, the public actions, who may see an application,
and the counts the strategy dashboard takes as outputs of the capacity-building pillar.

Applications, scores and reviewers' notes never leave this module except to staff, to the
application's non-conflicted reviewers and to the applicant.
"""

import datetime
from typing import Any, TypedDict

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from vigie.campaign.models import ActionPhoto, Application, Call, DayFigure, Review
from vigie.core.evidence import CountResult, Evidence
from vigie.core.roles import is_editor


def list_day_figures() -> QuerySet[DayFigure]:
    return DayFigure.objects.select_related("source").order_by("year", "scope")


def list_open_calls(now: datetime.datetime) -> QuerySet[Call]:
    return Call.objects.filter(opens_at__lte=now, closes_at__gte=now).order_by("closes_at")


def is_conflicted(user: Any, application: Application) -> bool:
    return Review.objects.filter(
        application=application, reviewer_id=getattr(user, "pk", None), conflict_declared=True
    ).exists()


def is_reviewer(user: Any, application: Application) -> bool:
    return Review.objects.filter(
        application=application, reviewer_id=getattr(user, "pk", None), conflict_declared=False
    ).exists()


def is_application_visible(user: Any, application: Application) -> bool:
    """Staff and the application's reviewers see it, unless they declared a conflict on it; an
    applicant with an account sees their own. (A magic link opens it too: see the views.)"""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_conflicted(user, application):
        return False
    if application.user_id == user.pk:
        return True
    return is_editor(user) or is_reviewer(user, application)


def list_visible_applications(user: Any, call: Call) -> QuerySet[Application]:
    """The call's applications a member of staff may assess: not those they are conflicted on."""
    return (
        call.applications.exclude(
            reviews__reviewer_id=getattr(user, "pk", None), reviews__conflict_declared=True
        )
        .select_related("country")
        .prefetch_related("reviews")
    )


def list_own_applications(user: Any) -> QuerySet[Application]:
    """The applications a person started while logged in (members and others with an account)."""
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    return (
        Application.objects.filter(user_id=user.pk).select_related("call").order_by("-created_at")
    )


def list_reviews_to_do(user: Any) -> QuerySet[Review]:
    return Review.objects.filter(
        reviewer_id=getattr(user, "pk", None),
        conflict_declared=False,
        application__status=Application.Status.SUBMITTED,
    ).select_related("application__call", "application__country")


def list_public_actions(
    *, year: int | None = None, country: str = "", kind: str = "", query: str = ""
) -> QuerySet[Application]:
    """Supported actions, as the public sees them (city, kind, title; the organisation only
    when it agreed): never the plans' budget, the contact or the reviews."""
    actions = Application.objects.filter(status=Application.Status.APPROVED).select_related(
        "country", "call"
    )
    if year:
        actions = actions.filter(call__year=year)
    if country:
        actions = actions.filter(country__iso2=country.upper())
    if kind:
        actions = actions.filter(kind=kind)
    if query:
        actions = actions.filter(title__icontains=query)
    return actions.order_by("-call__year", "country__name", "city_name")


class PublicPhoto(TypedDict):
    url: str
    caption: str


class ActionPoint(TypedDict):
    """One action on the public map."""

    title: str
    city: str
    country: str
    kind: str
    organisation: str
    latitude: float
    longitude: float
    photos: list[PublicPhoto]


def list_public_photos(application: Application) -> list[PublicPhoto]:
    """Photos of the action whose people agreed to publication; never the others."""
    return [
        PublicPhoto(url=reverse("upload", args=[photo.image.name]), caption=photo.caption)
        for photo in ActionPhoto.objects.filter(
            report__application=application, consent_to_publish=True
        )
    ]


def list_action_points(year: int) -> list[ActionPoint]:
    return [
        ActionPoint(
            title=action.title,
            city=action.city_name,
            country=action.country.name if action.country else "",
            kind=str(action.get_kind_display()),
            organisation=action.organisation_name if action.publish_organisation else "",
            latitude=action.latitude,
            longitude=action.longitude,
            photos=list_public_photos(action),
        )
        for action in list_public_actions(year=year)
        if action.latitude is not None and action.longitude is not None
    ]


def _awarded(start: datetime.date, end: datetime.date) -> QuerySet[Application]:
    return Application.objects.filter(
        status=Application.Status.APPROVED,
        decided_at__date__gte=start,
        decided_at__date__lte=end,
    ).select_related("call", "country")


def _grant_evidence(application: Application) -> Evidence:
    return Evidence(
        label=_("Grant %(year)s: %(title)s")
        % {"year": application.call.year, "title": application.title},
        url=reverse("campaign:actions") + f"?year={application.call.year}",
        date=application.decided_at.date() if application.decided_at else None,
        detail=_("%(city)s, %(country)s")
        % {
            "city": application.city_name,
            "country": application.country.name if application.country else "",
        },
    )


def count_grants_awarded(start: datetime.date, end: datetime.date) -> CountResult:
    """Campaign grants approved between ``start`` and ``end`` (inclusive), one row each."""
    awarded = list(_awarded(start, end))
    return CountResult(
        value=float(len(awarded)),
        definition=_("Support. Don't Punish grants approved in the period."),
        evidence=[_grant_evidence(application) for application in awarded],
    )


def count_countries_reached(start: datetime.date, end: datetime.date) -> CountResult:
    """Distinct countries of the campaign grants approved in the period."""
    awarded = list(_awarded(start, end))
    first: dict[str, Application] = {}
    for application in awarded:
        if application.country and application.country.iso2 not in first:
            first[application.country.iso2] = application
    return CountResult(
        value=float(len(first)),
        definition=_("Countries where Support. Don't Punish grants were approved in the period."),
        evidence=[_grant_evidence(application) for application in first.values()],
    )


def count_partners_supported(start: datetime.date, end: datetime.date) -> CountResult:
    """Distinct partners (an organisation by its name, else the applicant by email) whose
    campaign grant was approved in the period."""
    first: dict[str, Application] = {}
    for application in _awarded(start, end):
        key = application.organisation_name.strip().casefold() or application.email.casefold()
        first.setdefault(key, application)
    return CountResult(
        value=float(len(first)),
        definition=_("Partners whose Support. Don't Punish grant was approved in the period."),
        evidence=[_grant_evidence(application) for application in first.values()],
    )
