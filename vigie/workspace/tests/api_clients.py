"""Callers of the write API for tests: an editor's and a member's token, a revoked token,
and the JSON calls each sends."""

import itertools
import json
from dataclasses import dataclass
from typing import Any

from django.test import Client

from vigie.core.tests.factories import make_user
from vigie.network.tests.factories import make_member, make_organisation
from vigie.workspace.services import create_api_token, revoke_api_token

_numbers = itertools.count(1)


@dataclass
class Caller:
    token: str

    def call(self, method: str, path: str, body: Any = None, language: str = "en") -> Any:
        headers = {"Authorization": f"Bearer {self.token}", "Accept-Language": language}
        return _send(Client(), method, path, body, headers)


def _send(client: Client, method: str, path: str, body: Any, headers: dict[str, str]) -> Any:
    data = json.dumps(body) if body is not None else None
    return getattr(client, method.lower())(
        path, data=data, content_type="application/json", headers=headers
    )


def editor_caller(username: str = "api-editor") -> Caller:
    _row, token = create_api_token(user=make_user(username, role="editor"), name="script")
    return Caller(token)


def member_caller() -> Caller:
    number = next(_numbers)
    organisation = make_organisation(f"API Member Org {number} (fictional)")
    member = make_member(f"api-member-{number}", organisation)
    _row, token = create_api_token(user=member, name="script")
    return Caller(token)


def revoked_editor_caller() -> Caller:
    user = make_user(f"api-revoked-{next(_numbers)}", role="editor")
    row, token = create_api_token(user=user, name="old script")
    revoke_api_token(user=user, token_id=row.pk)
    return Caller(token)


def anonymous_call(method: str, path: str, body: Any = None) -> Any:
    return _send(Client(), method, path, body, {})


def refused_fields(response: Any) -> set[str]:
    """The fields a 422 answer names (the last part of each error's location)."""
    assert response.status_code == 422, (response.status_code, response.content)
    return {str(error["loc"][-1]) for error in response.json()["detail"]}


def assert_refused_to_others(method: str, path: str, body: Any = None) -> None:
    """A member's token and a session member get 403; no credentials or a revoked token, 401."""
    assert member_caller().call(method, path, body).status_code == 403
    assert revoked_editor_caller().call(method, path, body).status_code == 401
    assert anonymous_call(method, path, body).status_code == 401
