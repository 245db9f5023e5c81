"""Every model registered in the Django admin has a staff page, or says here why not.

An editor should never need ``/admin/`` (issue 15): each model the admin edits is either listed
in ``STAFF_PAGES`` with the non-admin pages where an editor creates and changes it (both opened
here as an editor), or in ``ADMIN_ONLY`` with one of two reasons. ``NOT_YET`` marks the gap still
to close; ``BY_DESIGN`` marks what people should not edit by hand. A model newly registered in the
admin fails this test until it is classified.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from vigie.atlas.tests.helpers import make_measure
from vigie.core.tests.factories import make_user
from vigie.events.tests.factories import make_event
from vigie.index.tests.factories import make_computed_edition

NOT_YET = "no staff page yet"
BY_DESIGN = "admin-only by design"

# model label → (create page, change page, how to make an object and fill the change page).
STAFF_PAGES: dict[str, tuple[str, str, Callable[[], dict[str, Any]]]] = {
    "atlas.PolicyMeasure": (
        "atlas:measure_new",
        "atlas:measure_edit",
        lambda: {"code": make_measure("pt-2001", "PT", "decrim_de_jure").code},
    ),
    "events.Event": (
        "events:staff_create",
        "events:staff_edit",
        lambda: {"slug": make_event().slug},
    ),
    "index.Edition": (
        "index:staff_editions",
        "index:staff_edition",
        lambda: {"slug": make_computed_edition().slug},
    ),
}

# model label → (reason, what is missing or why the admin is the right place).
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
    "campaign.Call": (NOT_YET, "calls are set up in the admin"),
    # Reference data loaded from sourced files (scripts and loaders), not typed in.
    "core.Country": (BY_DESIGN, "loaded from the ISO and UN lists"),
    "core.Subdivision": (BY_DESIGN, "loaded from ISO 3166-2"),
    "core.Source": (NOT_YET, "sources are entered inside each app's forms; no page to fix one"),
    "atlas.Criterion": (BY_DESIGN, "the atlas codebook, loaded from its file"),
    "atlas.MeasureVersion": (BY_DESIGN, "history written by atlas:measure_edit, never edited"),
    "opendata.Release": (BY_DESIGN, "cut on opendata:staff; a release never changes"),
    "strategy.Plan": (BY_DESIGN, "the strategic plan, loaded from its sourced file"),
    "strategy.SuccessMeasure": (BY_DESIGN, "part of the plan file"),
    "strategy.Activity": (NOT_YET, "activities of the plan have no staff form"),
    "un.Forum": (BY_DESIGN, "UN bodies, loaded with the bundled UN data"),
    "un.PositionCode": (BY_DESIGN, "the coding scheme, loaded from the codebook"),
    "un.IssueTag": (BY_DESIGN, "the coding scheme, loaded from the codebook"),
    "un.Session": (NOT_YET, "sessions come from the bundled data; no form for a new one"),
    "un.Meeting": (NOT_YET, "meetings come from the bundled data; no form for a new one"),
    "un.Vote": (NOT_YET, "un:roll_call imports a roll call into an existing vote only"),
    "un.Statement": (NOT_YET, "statements come from the bundled data; no staff form"),
    "un.Coding": (NOT_YET, "un:review reviews second codings; no form to code a statement"),
    "un.JointStatement": (NOT_YET, "un:joint_statement_new creates one; no page to change it"),
    "un.Milestone": (NOT_YET, "un:milestone_judgement changes the judgement only; no create"),
    # Events: the programme, series and people (issue 15's programme builder).
    "events.Series": (NOT_YET, "series are made in the admin"),
    "events.Person": (NOT_YET, "created inline in the programme builder; no change page"),
    "events.Registration": (NOT_YET, "people register themselves; staff mark attendance only"),
    # Network (issue 15: organisations, journalists, funders, mentoring, elections).
    "network.Organisation": (
        NOT_YET,
        "organisation_new and organisation_edit; not yet walked here",
    ),
    "network.Contact": (NOT_YET, "network:contact_new creates one, consent per purpose; no edit"),
    "network.Journalist": (NOT_YET, "network:journalist_new creates one; no change page"),
    "network.Outlet": (NOT_YET, "media outlets are entered in the admin"),
    "network.Coverage": (NOT_YET, "network:coverage_new logs it from a link; no change page"),
    "network.Funder": (NOT_YET, "network:funder_new and grant_new create them; no change page"),
    "network.MentoringPair": (NOT_YET, "network:mentoring_new and check_in_new; no change page"),
    "network.Election": (
        NOT_YET,
        "network:election_staff and election_manage; not yet walked here",
    ),
    # Surveys (issue 15: the question editor and the round lifecycle).
    "surveys.Survey": (NOT_YET, "surveys are created in the admin"),
    "surveys.SurveyVersion": (
        NOT_YET,
        "surveys:version_new copies the latest; not yet walked here",
    ),
    "surveys.SurveyQuestion": (NOT_YET, "surveys:question_edit edits one; no create page walked"),
}


def _registered() -> set[str]:
    return {model._meta.label for model in admin.site._registry}


def test_every_admin_model_is_classified_once() -> None:
    registered = _registered()
    unclassified = registered - set(STAFF_PAGES) - set(ADMIN_ONLY)
    assert unclassified == set(), "say where editors create and change these, or why they cannot"
    assert set(STAFF_PAGES) & set(ADMIN_ONLY) == set()
    assert (set(STAFF_PAGES) | set(ADMIN_ONLY)) - registered == set(), "remove models gone"
    assert {reason for reason, _why in ADMIN_ONLY.values()} <= {NOT_YET, BY_DESIGN}
    assert all(why.strip() for _reason, why in ADMIN_ONLY.values())


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(STAFF_PAGES))
def test_editors_create_and_change_each_model_outside_the_admin(label: str) -> None:
    create, change, make = STAFF_PAGES[label]
    editor, member = Client(), Client()
    editor.force_login(make_user("staffer", role="editor"))
    member.force_login(make_user("reader", role="member"))
    create_url = reverse(create)
    change_url = reverse(change, kwargs=make())
    for url in (create_url, change_url):
        assert not url.startswith("/admin/")
        assert editor.get(url).status_code == 200, url
        assert member.get(url).status_code == 403, url
