"""A NUL character in a request parameter is refused with a clear answer, never a 500."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_api_filter_with_a_nul_character_is_refused_as_invalid(client: Client) -> None:
    # On PostgreSQL this filter reached the database and the API answered 500.
    response = client.get("/api/v1/network/organisations", {"country": "j\x00j"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "country"]


def test_page_filter_with_a_nul_character_is_a_bad_request_naming_the_parameter(
    client: Client,
) -> None:
    response = client.get("/en/atlas/measures/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "(q)" in response.content.decode()


def test_ordinary_parameters_pass(client: Client) -> None:
    assert client.get("/api/v1/network/organisations", {"country": "PT"}).status_code == 200
