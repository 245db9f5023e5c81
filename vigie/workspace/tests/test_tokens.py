"""Personal API tokens: shown once, stored hashed, revocable, never more than the owner's role."""

from typing import Any

import pytest
from django.test import Client

from vigie.core.roles import assign_role
from vigie.core.tests.factories import make_user
from vigie.core.tokens import hash_token
from vigie.network.tests.factories import make_member, make_organisation
from vigie.workspace.models import ApiToken

pytestmark = pytest.mark.django_db

IDENTITY = "/api/v1/workspace/token"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _create(client: Client, name: str = "my script") -> str:
    response = client.post("/en/me/tokens/", {"name": name})
    assert response.status_code == 200
    return str(response.context["new_token"])


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.usefixtures("template_context")
def test_a_token_is_shown_once_and_stored_only_as_a_hash() -> None:
    client = _client(make_user("ed", role="editor"))
    token = _create(client)
    row = ApiToken.objects.get()
    assert row.token_hash == hash_token(token) and token not in row.token_hash
    assert row.scope == "editor"
    assert token not in client.get("/en/me/").content.decode()


@pytest.mark.usefixtures("template_context")
def test_a_token_authenticates_on_the_api_with_its_owners_role() -> None:
    token = _create(_client(make_user("ed", role="editor")))
    response = Client().get(IDENTITY, headers=_bearer(token))
    assert response.status_code == 200
    assert response.json() == {"username": "ed", "role": "editor"}
    assert Client().get(IDENTITY).status_code == 401
    assert Client().get(IDENTITY, headers=_bearer(token + "x")).status_code == 401


@pytest.mark.usefixtures("template_context")
def test_a_revoked_token_opens_nothing() -> None:
    client = _client(make_user("ed", role="editor"))
    token = _create(client)
    response = client.post(f"/en/me/tokens/{ApiToken.objects.get().pk}/revoke/")
    assert response.status_code == 302
    assert Client().get(IDENTITY, headers=_bearer(token)).status_code == 401


@pytest.mark.usefixtures("template_context")
def test_a_member_cannot_revoke_someone_elses_token() -> None:
    token = _create(_client(make_user("ed", role="editor")))
    intruder = _client(make_member("m", make_organisation()))
    intruder.post(f"/en/me/tokens/{ApiToken.objects.get().pk}/revoke/")
    assert ApiToken.objects.get().revoked_at is None
    assert Client().get(IDENTITY, headers=_bearer(token)).status_code == 200


@pytest.mark.usefixtures("template_context")
def test_a_token_never_acts_above_its_owners_current_role() -> None:
    user = make_user("ed", role="editor")
    token = _create(_client(user))
    assign_role(user, "member")
    assert Client().get(IDENTITY, headers=_bearer(token)).json()["role"] == "member"
    assign_role(user, "admin")  # a later promotion does not widen an older token
    assert Client().get(IDENTITY, headers=_bearer(token)).json()["role"] == "editor"
    user.is_active = False
    user.save()
    assert Client().get(IDENTITY, headers=_bearer(token)).status_code == 401


def test_a_token_needs_a_name_and_a_role() -> None:
    client = _client(make_user("ed", role="editor"))
    response = client.post("/en/me/tokens/", {"name": "  "})
    assert response.status_code == 400
    assert "Give the token a name" in response.content.decode()
    no_role = _client(make_user("nobody"))
    assert no_role.post("/en/me/tokens/", {"name": "x"}).status_code == 400
    assert not ApiToken.objects.exists()


@pytest.mark.usefixtures("template_context")
def test_public_read_endpoints_keep_working_with_and_without_a_token() -> None:
    token = _create(_client(make_member("m", make_organisation())))
    assert Client().get("/api/v1/events/events").status_code == 200
    assert Client().get("/api/v1/events/events", headers=_bearer(token)).status_code == 200
    assert Client().get("/api/v1/events/events", headers=_bearer("nonsense")).status_code == 200
