"""The read-only API publishes the programme and never registrations."""

import pytest
from django.test import Client

from vigie.events.tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def test_api_lists_public_events_without_private_fields() -> None:
    event = make_event(slug="open-event", chatham_house_rule=True)
    make_registration(event, "Ana Private")
    make_event(slug="draft-event", status="draft")
    payload = Client().get("/api/v1/events/events").json()
    assert [item["slug"] for item in payload] == ["open-event"]
    text = str(payload)
    assert "join_url" not in text and "secret-room" not in text and "Ana Private" not in text


def test_api_event_detail_and_unknown_event() -> None:
    make_event(slug="open-event")
    assert Client().get("/api/v1/events/events/open-event").json()["programme"] == []
    assert Client().get("/api/v1/events/events/nope").status_code == 404
