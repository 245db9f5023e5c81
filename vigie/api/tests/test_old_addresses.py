"""Addresses of the API written with a trailing slash (the events and index read paths had one
before every path followed one rule) are sent on to the path without it."""

import pytest
from django.test import Client

from vigie.events.models import Series

pytestmark = pytest.mark.django_db


def test_an_old_address_is_sent_on_with_its_query_and_method_kept(client: Client) -> None:
    series = Series.objects.create(slug="harm-reduction", title_en="Harm reduction")
    response = client.get(f"/api/v1/events/series/{series.slug}/?lang=fr")
    assert response.status_code == 308
    assert response["Location"] == f"/api/v1/events/series/{series.slug}?lang=fr"
    assert client.get(response["Location"]).status_code == 200


def test_an_address_without_an_operation_is_still_not_found(client: Client) -> None:
    assert client.get("/api/v1/events/none-such").status_code == 404
    # The redirect leads to the same 404, never to a loop.
    assert client.get("/api/v1/events/none-such/", follow=True).status_code == 404
