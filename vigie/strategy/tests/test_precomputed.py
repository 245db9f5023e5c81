"""After a write, the task worker computes the measures again; the dashboard then only reads them.

The write's service says facts changed (``@changes_facts``); once it is committed, the refresh
task runs (the immediate task back end of the tests runs it at once) and stores every measure
under the new version. The dashboard then shows the new value without computing any measure.
"""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vigie.core.tests.factories import make_user
from vigie.events import services as events_services
from vigie.events.tests.factories import make_event, make_registration
from vigie.learning import services as learning_services
from vigie.learning.tests.factories import make_course, make_learner
from vigie.strategy import outputs, progress
from vigie.strategy.models import Plan
from vigie.strategy.tests.funding import load_a_new_major_funder

pytestmark = pytest.mark.django_db

CODE = "new-major-funding-sources"


def _editor() -> Client:
    client = Client()
    client.force_login(make_user("staff", role="editor"))
    return client


def _value(client: Client) -> tuple[float | None, int]:
    """The measure's value on the dashboard, and the number of queries the page made."""
    with CaptureQueriesContext(connection) as queries:
        cards = client.get("/en/strategy/").context["cards"]
    value = next(card["progress"].value for card in cards if card["progress"].measure.code == CODE)
    return value, len(queries)


@pytest.mark.usefixtures("template_context")
def test_after_a_write_and_the_refresh_the_dashboard_reads_the_new_value(
    plan: Plan,
    tmp_path: Path,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.PRECOMPUTED_PAGES = [
        "vigie.strategy.progress.precompute_measures",
        "vigie.strategy.outputs.precompute_outputs",  # the editors' dashboard's stored outputs
    ]
    client = _editor()
    before, cold_queries = _value(client)  # nothing precomputed yet: computed once, here
    _same, warm_queries = _value(client)
    assert warm_queries < cold_queries
    with django_capture_on_commit_callbacks(execute=True):
        load_a_new_major_funder(tmp_path)

    def no_computation(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dashboard computed a measure")

    monkeypatch.setattr(progress, "get_measure_progress", no_computation)
    after, queries = _value(client)
    assert after == (before or 0) + 1
    assert queries == warm_queries


@pytest.mark.usefixtures("template_context")
def test_without_a_refresh_the_dashboard_computes_the_new_value_itself(
    plan: Plan, tmp_path: Path
) -> None:
    # PRECOMPUTED_PAGES is empty in the tests' settings: nothing is precomputed after the write
    client = _editor()
    before, _queries = _value(client)
    load_a_new_major_funder(tmp_path)
    assert _value(client)[0] == (before or 0) + 1


def _people_trained(client: Client) -> float:
    pillars = client.get("/en/strategy/").context["pillars"]
    return next(
        output.value
        for pillar in pillars
        for output in pillar.outputs
        if output.definition.key == "people_trained"
    )


@pytest.mark.usefixtures("template_context")
def test_people_trained_are_read_as_stored_and_follow_the_attendance_sheet(
    plan: Plan,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.PRECOMPUTED_PAGES = ["vigie.strategy.outputs.precompute_outputs"]
    event = make_event(starts_at=timezone.now() - datetime.timedelta(days=2))
    ana = make_registration(event, "Ana Example")
    make_registration(event, "Ben Example", attended=True)
    client = _editor()
    before = _people_trained(client)  # nothing stored yet: counted once, here
    assert before >= 1
    with django_capture_on_commit_callbacks(execute=True):
        events_services.mark_attendance(
            event=event,
            present_ids={
                ana.pk,
                *event.registrations.filter(attended=True).values_list("pk", flat=True),
            },
            actor=None,
        )

    def no_count(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dashboard counted the people trained")

    monkeypatch.setattr(outputs, "count_people_trained_or_certified", no_count)
    assert _people_trained(client) == before + 1  # the sheet's change, read as stored


@pytest.mark.usefixtures("template_context")
def test_a_certificate_issued_makes_the_stored_people_trained_stale(plan: Plan) -> None:
    # PRECOMPUTED_PAGES is empty in the tests' settings: the dashboard counts again itself
    client = _editor()
    before = _people_trained(client)
    course = make_course("stale", modules=1, lessons=1)
    enrolment = learning_services.enrol(make_learner("new@example.org"), course, "en")
    learning_services.mark_lesson_done(enrolment, learning_services.ordered_lessons(course)[0])
    assert _people_trained(client) == before + 1
