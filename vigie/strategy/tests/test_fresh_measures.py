"""A write through a loader or the admin shows on the next view of the strategy dashboard.

The dashboard caches each measure under the data version; each test views it once (so it is
cached), writes, and views it again. (The atlas's service is covered in ``test_live_measures``.)
"""

import datetime
from pathlib import Path

import pytest
from django.test import Client

from vigie.core.services import cite_source
from vigie.core.tests.adminforms import add_inline_row, change_form_data, post_change_form
from vigie.core.tests.factories import make_user
from vigie.strategy.models import Plan, SuccessMeasure
from vigie.strategy.tests.funding import load_a_new_major_funder

pytestmark = pytest.mark.django_db


def _editor() -> Client:
    client = Client()
    client.force_login(make_user("staff", role="editor"))
    return client


def _value(client: Client, code: str) -> float | None:
    cards = client.get("/en/strategy/").context["cards"]
    return next(card["progress"].value for card in cards if card["progress"].measure.code == code)


@pytest.mark.usefixtures("template_context")
def test_a_new_major_funder_loaded_by_the_network_loader(plan: Plan, tmp_path: Path) -> None:
    client = _editor()
    before = _value(client, "new-major-funding-sources")
    load_a_new_major_funder(tmp_path)
    assert _value(client, "new-major-funding-sources") == (before or 0) + 1


@pytest.mark.usefixtures("template_context")
def test_a_value_entered_by_hand_in_the_admin(plan: Plan) -> None:
    # With no computation, the measure reads the values entered by hand.
    SuccessMeasure.objects.filter(code="un-human-rights-mechanism").update(computation="")
    client = _editor()
    assert _value(client, "un-human-rights-mechanism") is None
    measure = SuccessMeasure.objects.get(code="un-human-rights-mechanism")
    source = cite_source(url="https://example.org/resolution", title="Resolution")
    url = f"/admin/strategy/successmeasure/{measure.pk}/change/"
    data = change_form_data(client.get(url))
    add_inline_row(
        data,
        "manual_values",
        {
            "date": datetime.date(2025, 3, 1).isoformat(),
            "value": "1",
            "note_en": "Created",
            "source": source.pk,
        },
    )
    post_change_form(client, url, data)
    assert _value(client, "un-human-rights-mechanism") == 1
