"""Issue 15: one funding baseline, stated once. The funding register, the strategy dashboard and
the measure's definition all state the baseline of the plan's measure of new funding sources."""

import pytest
from django.test import Client
from django.utils.formats import date_format

from vigie.core.tests.factories import make_user
from vigie.strategy.loaders import load_plan
from vigie.strategy.models import SuccessMeasure


@pytest.mark.django_db
def test_the_funding_register_and_the_dashboard_state_the_same_baseline() -> None:
    load_plan()
    measure = SuccessMeasure.objects.get(computation="network.new_major_funding_sources")
    stated = date_format(measure.baseline_date, "DATE_FORMAT")
    editor = Client()
    editor.force_login(make_user("editor", role="editor"))
    register = editor.get("/en/network/funding/").content.decode()
    dashboard = editor.get(f"/en/strategy/measures/{measure.code}/").content.decode()
    assert f"Baseline: {stated}" in register
    assert f"on {stated}." in dashboard
    assert f"after {measure.baseline_date.isoformat()}" in dashboard
    for page in (register, dashboard):  # the old statement counted from the year's end
        assert "after 2024-12-31" not in page
