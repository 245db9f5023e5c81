import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_served(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Vigie API"
    assert schema["openapi"].startswith("3.")


def test_api_documentation_page_loads_no_outside_asset(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "cdn." not in response.content.decode()
