"""Every model registered in the Django admin has a staff page, or says here why not.

An editor should never need ``/admin/`` (issue 15): each model the admin edits is either listed
in ``STAFF_PAGES`` with the non-admin pages where an editor creates and changes it (both opened
here as an editor), or in ``ADMIN_ONLY`` with the reason it is admin-only by design (accounts,
reference data loaded from sourced files, history and audit rows). There is no "not yet": a model
newly registered in the admin fails this test until it has its pages or a reason.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from vigie.atlas.tests.helpers import make_measure
from vigie.campaign.tests.factories import make_call
from vigie.core.tests.factories import make_user
from vigie.events.models import Person, Series
from vigie.events.tests.factories import make_event
from vigie.index.tests.factories import make_computed_edition
from vigie.network.models import Contact, Election, Funder, Journalist, MentoringPair, Outlet
from vigie.network.tests.factories import make_organisation
from vigie.strategy.loaders import load_plan
from vigie.surveys.tests.helpers import make_media_round


def _first(label: str) -> dict[str, Any]:
    """The change page's address of a bundled row (the UN data is reference data here)."""
    return {"pk": apps.get_model(label).objects.order_by("pk").values_list("pk", flat=True)[0]}


BY_DESIGN = "admin-only by design"


def _make_source() -> Any:
    return apps.get_model("core.Source").objects.create(url="https://example.org/walk")


def _make_coverage() -> Any:
    outlet = Outlet.objects.create(name="Walk outlet (fictional)")
    return outlet.coverage.create(
        url="https://example.org/article", published_on=datetime.date(2024, 5, 1), tone="neutral"
    )


def _make_funder() -> Any:
    return Funder.objects.create(
        name="Walk fund (fictional)", kind="foundation", first_seen_on=datetime.date(2024, 1, 1)
    )


def _make_pair() -> Any:
    return MentoringPair.objects.create(
        mentor=make_organisation(),
        mentee=make_organisation(),
        topics="fundraising",
        started_on=datetime.date(2024, 1, 1),
    )


def _make_election() -> Any:
    day = datetime.date(2031, 1, 1)
    return Election.objects.create(
        title="Council", seats=2, opens_on=day, closes_on=day, term_starts_on=day, term_ends_on=day
    )


def _question() -> dict[str, Any]:
    version = make_media_round().version
    return {"pk": version.questions.order_by("pk")[0].pk, "create": {"pk": version.pk}}


def _make_meeting() -> Any:
    session = apps.get_model("un.Session").objects.order_by("pk").first()
    return session.meetings.create(date=session.start_date, agenda_item="Item 5")


def _make_statement() -> Any:
    return _make_meeting().statements.create(
        speaker_kind="ngo",
        speaker_name="A network",
        summary="Calls for reform.",
        source_url="https://example.org/s",
    )


def _make_coding() -> Any:
    position = apps.get_model("un.PositionCode").objects.order_by("rank").first()
    return apps.get_model("un.Coding").objects.create(
        statement=_make_statement(), position=position, evidence="reform"
    )


# model label → (create page, change page, how to make an object and fill the change page). The
# made dict's "create" entry, if any, fills the create page (a question is added to its version).
STAFF_PAGES: dict[str, tuple[str, str, Callable[[], dict[str, Any]]]] = {
    "atlas.PolicyMeasure": (
        "atlas:measure_new",
        "atlas:measure_edit",
        lambda: {"code": make_measure("pt-2001", "PT", "decrim_de_jure").code},
    ),
    "campaign.Call": ("campaign:call_new", "campaign:call_edit", lambda: {"pk": make_call().pk}),
    "core.Source": ("core:source_new", "core:source_edit", lambda: {"pk": _make_source().pk}),
    "events.Event": (
        "events:staff_create",
        "events:staff_edit",
        lambda: {"slug": make_event().slug},
    ),
    "events.Series": (
        "events:series_new",
        "events:series_edit",
        lambda: {"pk": Series.objects.create(slug="walk", title_en="Walk").pk},
    ),
    "events.Person": (
        "events:person_new",
        "events:person_edit",
        lambda: {"pk": Person.objects.create(name="Marie Example").pk},
    ),
    "index.Edition": (
        "index:staff_editions",
        "index:staff_edition",
        lambda: {"slug": make_computed_edition().slug},
    ),
    "network.Organisation": (
        "network:organisation_new",
        "network:organisation_edit",
        lambda: {"slug": make_organisation().slug},
    ),
    "network.Contact": (
        "network:contact_new",
        "network:contact_edit",
        lambda: {"pk": Contact.objects.create(name="A contact (fictional)").pk},
    ),
    "network.Journalist": (
        "network:journalist_new",
        "network:journalist_edit",
        lambda: {"pk": Journalist.objects.create(name="A journalist (fictional)").pk},
    ),
    "network.Outlet": (
        "network:outlet_new",
        "network:outlet_edit",
        lambda: {"pk": Outlet.objects.create(name="An outlet (fictional)").pk},
    ),
    "network.Coverage": (
        "network:coverage_new",
        "network:coverage_edit",
        lambda: {"pk": _make_coverage().pk},
    ),
    "network.Funder": (
        "network:funder_new",
        "network:funder_edit",
        lambda: {"pk": _make_funder().pk},
    ),
    "network.MentoringPair": (
        "network:mentoring_new",
        "network:mentoring_edit",
        lambda: {"pk": _make_pair().pk},
    ),
    "network.Election": (
        "network:election_staff",
        "network:election_manage",
        lambda: {"pk": _make_election().pk},
    ),
    "strategy.Activity": (
        "strategy:activity_new",
        "strategy:activity_edit",
        lambda: (load_plan(), _first("strategy.Activity"))[1],
    ),
    "surveys.Survey": (
        "surveys:survey_new",
        "surveys:survey_edit",
        lambda: {"pk": make_media_round().version.survey_id},
    ),
    # A version is made on the surveys' staff page ("New version of the questions").
    "surveys.SurveyVersion": (
        "surveys:staff",
        "surveys:version_edit",
        lambda: {"pk": make_media_round().version_id},
    ),
    # A question is added on its version's page.
    "surveys.SurveyQuestion": ("surveys:version_edit", "surveys:question_edit", _question),
    "un.Session": ("un:session_new", "un:session_edit", lambda: _first("un.Session")),
    "un.Meeting": ("un:meeting_new", "un:meeting_edit", lambda: {"pk": _make_meeting().pk}),
    "un.Vote": ("un:vote_new", "un:vote_edit", lambda: _first("un.Vote")),
    "un.Statement": (
        "un:statement_new",
        "un:statement_edit",
        lambda: {"pk": _make_statement().pk},
    ),
    "un.Coding": ("un:coding_new", "un:coding_edit", lambda: {"pk": _make_coding().pk}),
    "un.JointStatement": (
        "un:joint_statement_new",
        "un:joint_statement_edit",
        lambda: _first("un.JointStatement"),
    ),
    "un.Milestone": ("un:milestone_new", "un:milestone_edit", lambda: _first("un.Milestone")),
}

# model label → (reason, why the admin is the right place). Nothing is left "not yet".
ADMIN_ONLY: dict[str, tuple[str, str]] = {
    # The site's own accounts and security records: for admins, not for editors.
    "auth.User": (BY_DESIGN, "accounts and roles are given by admins"),
    "auth.Group": (BY_DESIGN, "the four roles are created by a migration"),
    "axes.AccessAttempt": (BY_DESIGN, "login lockouts, written by django-axes"),
    "axes.AccessFailureLog": (BY_DESIGN, "login failures, written by django-axes"),
    "axes.AccessLog": (BY_DESIGN, "logins, written by django-axes"),
    "django_tasks_database.DBTaskResult": (BY_DESIGN, "the background task queue"),
    "core.AuditEntry": (BY_DESIGN, "the audit trail is written by services, never edited"),
    "campaign.DayFigure": (BY_DESIGN, "sourced historical figures, loaded from data/campaign"),
    # Reference data loaded from sourced files (scripts and loaders), not typed in.
    "core.Country": (BY_DESIGN, "loaded from the ISO and UN lists"),
    "core.Subdivision": (BY_DESIGN, "loaded from ISO 3166-2"),
    "atlas.Criterion": (BY_DESIGN, "the atlas codebook, loaded from its file"),
    "atlas.MeasureVersion": (BY_DESIGN, "history written by atlas:measure_edit, never edited"),
    "opendata.Release": (BY_DESIGN, "cut on opendata:staff; a release never changes"),
    "strategy.Plan": (BY_DESIGN, "the strategic plan, loaded from its sourced file"),
    "strategy.SuccessMeasure": (BY_DESIGN, "part of the plan file"),
    "un.Forum": (BY_DESIGN, "UN bodies, loaded with the bundled UN data"),
    "un.PositionCode": (BY_DESIGN, "the coding scheme, loaded from the codebook"),
    "un.IssueTag": (BY_DESIGN, "the coding scheme, loaded from the codebook"),
    # A registration is the registrant's own record: made and changed through their personal
    # link (email confirmation, waiting list); staff list, export, email and mark attendance on
    # the event's staff pages, and edit the questions it answers (events:staff_questions).
    "events.Registration": (BY_DESIGN, "made and changed by the registrant, with the waiting list"),
}


def _registered() -> set[str]:
    return {model._meta.label for model in admin.site._registry}


def test_every_admin_model_is_classified_once() -> None:
    registered = _registered()
    unclassified = registered - set(STAFF_PAGES) - set(ADMIN_ONLY)
    assert unclassified == set(), "say where editors create and change these, or why they cannot"
    assert set(STAFF_PAGES) & set(ADMIN_ONLY) == set()
    assert (set(STAFF_PAGES) | set(ADMIN_ONLY)) - registered == set(), "remove models gone"
    assert {reason for reason, _why in ADMIN_ONLY.values()} == {BY_DESIGN}
    assert all(why.strip() for _reason, why in ADMIN_ONLY.values())


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(STAFF_PAGES))
def test_editors_create_and_change_each_model_outside_the_admin(label: str) -> None:
    create, change, make = STAFF_PAGES[label]
    editor, member = Client(), Client()
    editor.force_login(make_user("staffer", role="editor"))
    member.force_login(make_user("reader", role="member"))
    kwargs = make()
    create_url = reverse(create, kwargs=kwargs.pop("create", None))
    change_url = reverse(change, kwargs=kwargs)
    for url in (create_url, change_url):
        assert not url.startswith("/admin/")
        assert editor.get(url).status_code == 200, url
        assert member.get(url).status_code == 403, url
