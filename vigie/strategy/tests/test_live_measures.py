"""The measures of success with the bundled data of every app, and a change made through the
atlas's own service showing on the dashboard."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from vigie.atlas.services import save_measure
from vigie.core.tests.factories import make_user
from vigie.core.tests.reference import bundled_data_for_a_module
from vigie.strategy.models import Plan, SuccessMeasure
from vigie.strategy.progress import get_measure_progress, plan_end

pytestmark = pytest.mark.django_db

MEASURE = "new-decriminalising-jurisdictions"


@pytest.fixture(scope="module")
def _bundled_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with bundled_data_for_a_module(django_db_blocker, demo=False):
        yield


@pytest.fixture
def bundled(_bundled_data: None, plan: Plan) -> Plan:
    return plan


def _dashboard_cards(client: Client) -> dict[str, Any]:
    response = client.get("/en/strategy/")
    return {card["progress"].measure.code: card["progress"] for card in response.context["cards"]}


def _editor() -> Client:
    client = Client()
    client.force_login(make_user("staff", role="editor"))
    return client


def _decriminalisation(jurisdiction: str, adopted_on: datetime.date) -> dict[str, Any]:
    return {
        "jurisdiction": jurisdiction,
        "title": "Decriminalisation of possession for personal use",
        "kind": "decrim_de_jure",
        "status": "adopted",
        "substance_scope": "all",
        "substances": "all controlled drugs",
        "proposed_on": None,
        "adopted_on": adopted_on.isoformat(),
        "in_force_on": None,
        "ended_on": None,
        "date_precision": "day",
        "sanction": "none",
        "police_may_seize": None,
        "thresholds": "",
        "expungement": False,
        "equity_licensing": False,
        "community_reinvestment": False,
        "corporate_capture_limits": False,
        "verification": "verified",
        "summary_en": "Test measure.",
        "summary_fr": "Mesure de test.",
        "summary_es": "Medida de prueba.",
        "notes": "",
        "reverses": "",
        "sources": ["https://example.org/test-decriminalisation"],
    }


@pytest.mark.usefixtures("template_context")
def test_with_bundled_data_every_installed_measure_has_a_value_traceable_to_evidence(
    bundled: Plan,
) -> None:
    cards = _dashboard_cards(_editor())
    assert set(cards) == set(SuccessMeasure.objects.values_list("code", flat=True))
    decriminalising = cards["new-decriminalising-jurisdictions"]
    assert decriminalising.value == len({row.url for row in decriminalising.evidence}) > 0
    reform_states = cards["un-states-calling-for-reform"]
    assert 0 < (reform_states.value or 0) <= len(reform_states.evidence)
    for progress in (decriminalising, reform_states):
        assert all(row.url and row.source_urls for row in progress.evidence)
    for progress in cards.values():
        assert progress.available, progress.unavailable


@pytest.mark.usefixtures("template_context")
def test_a_decriminalisation_recorded_after_the_baseline_moves_the_measure(bundled: Plan) -> None:
    client = _editor()
    before = _dashboard_cards(client)[MEASURE]
    assert before.value is not None
    assert not any("(IS)" in row.label for row in before.evidence)
    adopted = min(plan_end(bundled), datetime.date(2025, 6, 1))
    measure, outcome = save_measure(
        code="is-test-decriminalisation", data=_decriminalisation("IS", adopted)
    )
    assert outcome == "created"
    after = _dashboard_cards(client)[MEASURE]
    assert after.value == before.value + 1
    new_rows = [row for row in after.evidence if row.url == measure.get_absolute_url()]
    assert len(new_rows) == 1 and new_rows[0].date == adopted
    assert new_rows[0].source_urls == ("https://example.org/test-decriminalisation",)
    page = client.get(f"/en/strategy/measures/{MEASURE}/").content.decode()
    assert f'href="{measure.get_absolute_url()}"' in page


@pytest.mark.usefixtures("template_context")
def test_a_decriminalisation_dated_before_the_baseline_does_not_move_the_measure(
    bundled: Plan,
) -> None:
    client = _editor()
    before = _dashboard_cards(client)[MEASURE].value
    save_measure(
        code="is-old-decriminalisation", data=_decriminalisation("IS", datetime.date(2019, 5, 1))
    )
    assert _dashboard_cards(client)[MEASURE].value == before


def test_un_measure_with_bundled_data_is_traceable_to_coded_statements(bundled: Plan) -> None:
    from vigie.un.queries import count_states_calling_for_reform

    measure = SuccessMeasure.objects.get(code="un-states-calling-for-reform")
    end = datetime.date(2026, 12, 31)
    progress = get_measure_progress(measure, end=end)
    expected = count_states_calling_for_reform(measure.baseline_date, end)
    assert progress.value == expected.value > 0
    assert progress.evidence == expected.evidence
    assert all(row.url.startswith("/en/un/") and row.source_urls for row in progress.evidence)
    page = _editor().get("/en/strategy/").content.decode()
    assert f'href="{progress.evidence[0].url}"' in page


def test_un_reform_line_is_a_running_total_that_never_falls(bundled: Plan) -> None:
    measure = SuccessMeasure.objects.get(code="un-states-calling-for-reform")
    progress = get_measure_progress(measure, end=datetime.date(2026, 12, 31))
    values = [point.value for point in progress.trend]
    assert values == sorted(values)
    assert progress.value is not None
    assert values[-1] == progress.value > 0
