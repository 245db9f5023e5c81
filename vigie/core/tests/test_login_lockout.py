"""Password guessing meets a lockout: 30 wrong passwords in a row are not all answered."""

import pytest
from django.conf import settings
from django.test import Client

from vigie.core.tests.factories import make_user

LOGIN = "/en/accounts/login/"
pytestmark = pytest.mark.django_db


def _try(client: Client, username: str, password: str) -> int:
    return client.post(LOGIN, {"username": username, "password": password}).status_code


def test_thirty_wrong_passwords_lock_the_user_name_out_from_that_address(client: Client) -> None:
    make_user("amina", password="a-long-password")
    statuses = [_try(client, "amina", f"guess-{number}") for number in range(30)]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert statuses[limit - 1 :] == [429] * (30 - limit + 1)


def test_a_locked_out_user_name_cannot_log_in_even_with_the_right_password(
    client: Client,
) -> None:
    make_user("amina", password="a-long-password")
    for number in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "amina", f"guess-{number}")
    response = client.post(LOGIN, {"username": "amina", "password": "a-long-password"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_of_one_user_name_leaves_other_people_free_to_log_in(client: Client) -> None:
    make_user("amina", password="a-long-password")
    make_user("bruno", password="another-long-password")
    for number in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "amina", f"guess-{number}")
    assert _try(client, "bruno", "another-long-password") == 302


def test_a_successful_login_resets_the_count_of_failures(client: Client) -> None:
    make_user("amina", password="a-long-password")
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "amina", f"guess-{number}")
    assert _try(client, "amina", "a-long-password") == 302
    client.post("/en/accounts/logout/")
    assert _try(client, "amina", "one-more-guess") == 200


def test_the_admin_login_is_locked_out_too(client: Client) -> None:
    make_user("amina", role="admin", password="a-long-password")
    admin_login = "/admin/login/"
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(admin_login, {"username": "amina", "password": f"guess-{number}"})
    response = client.post(admin_login, {"username": "amina", "password": "a-long-password"})
    assert response.status_code == 429
