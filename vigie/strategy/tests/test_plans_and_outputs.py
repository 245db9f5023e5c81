import datetime

import pytest
from django.test import Client

from vigie.core.evidence import CountResult
from vigie.strategy.models import Objective, Plan
from vigie.strategy.progress import get_current_plan
from vigie.strategy.reports import outputs_by_pillar
from vigie.surveys import queries as surveys_queries
from vigie.un import queries as un_queries


def _next_plan() -> Plan:
    plan = Plan.objects.create(
        code="2028-2031", title_en="Strategic plan 2028–2031", starts_year=2028, ends_year=2031
    )
    Objective.objects.create(
        plan=plan, number=1, priority_en="A new priority", goal_en="A new goal"
    )
    return plan


def test_next_plan_sits_beside_the_current_one_and_takes_over_in_its_period(plan: Plan) -> None:
    following = _next_plan()
    assert get_current_plan(datetime.date(2026, 5, 1)) == plan
    assert get_current_plan(datetime.date(2029, 5, 1)) == following
    assert plan.objectives.count() == 5


def test_plan_page_switches_between_plans(plan: Plan, client: Client) -> None:
    _next_plan()
    page = client.get("/en/strategy/plan/?plan=2028-2031").content.decode()
    assert "A new priority" in page and "Promoting best models of decriminalisation" not in page
    assert 'href="?plan=2024-2027"' in page


def test_outputs_are_counted_per_pillar_from_each_apps_queries(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def surveys_run(start: datetime.date, end: datetime.date) -> int:
        calls.append((start, end))
        return 2

    def statements(start: datetime.date, end: datetime.date) -> CountResult:
        return CountResult(value=41, definition="coded statements")

    monkeypatch.setattr(surveys_queries, "count_surveys_run", surveys_run)
    monkeypatch.setattr(un_queries, "count_statements_coded", statements)
    start, end = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
    pillars = {pillar.number: pillar for pillar in outputs_by_pillar(plan, start, end)}
    assert calls == [(start, end)]
    assert [(o.definition.key, o.value) for o in pillars[1].outputs] == [("surveys_run", 2.0)]
    assert [(o.definition.key, o.value) for o in pillars[4].outputs] == [("statements_coded", 41.0)]
    atlas = pillars[3].outputs[0]
    assert (atlas.definition.key, atlas.value) == ("measures_recorded", 0.0)
    assert pillars[5].outputs == []


def test_plan_texts_are_shown_in_french_and_spanish_else_in_english(
    db: None, client: Client
) -> None:
    plan = _next_plan()
    Objective.objects.filter(plan=plan).update(priority_fr="Une nouvelle priorité")
    french = client.get("/fr/strategy/plan/?plan=2028-2031").content.decode()
    spanish = client.get("/es/strategy/plan/?plan=2028-2031").content.decode()
    assert "Une nouvelle priorité" in french and "A new priority" not in french
    assert "A new priority" in spanish and "Une nouvelle priorité" not in spanish
