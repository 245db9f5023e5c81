"""Every write that changes a public event page records a change of facts: with whole pages
cached (vigie.core.pagecache), an anonymous visitor sees the write at once."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vigie.core.pagecache import HIT_HEADER
from vigie.events import services
from vigie.events.models import Registration
from vigie.events.tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 60


def _page(client: Client, path: str) -> str:
    return client.get(path).content.decode()


def test_confirming_and_cancelling_a_place_change_the_places_left_at_once(client: Client) -> None:
    event = make_event(capacity=3)
    pending = make_registration(event, status=Registration.Status.PENDING)
    path = reverse("events:detail", args=[event.slug])
    assert "3 left" in _page(client, path)
    assert client.get(path)[HIT_HEADER] == "hit"
    services.confirm_registration(registration=pending)
    assert "2 left" in _page(client, path)
    services.cancel_registration(registration=pending)
    assert "3 left" in _page(client, path)


def test_a_recording_and_a_material_appear_at_once(client: Client) -> None:
    event = make_event()
    path = reverse("events:detail", args=[event.slug])
    assert "Slides of the workshop" not in _page(client, path)
    services.attach_material(
        event=event, title="Slides of the workshop", url="https://example.org/s", actor=None
    )
    assert "Slides of the workshop" in _page(client, path)
    services.set_recording(
        event=event, url="https://video.example.org/rec", policy="public", actor=None
    )
    assert "https://video.example.org/rec" in _page(client, path)
