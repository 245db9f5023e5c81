"""Registrant lists and exports are staff-only: every staff URL is walked with each role."""

import pytest
from django.test import Client
from django.urls import reverse

from vigie.core.tests.factories import make_user
from vigie.events.tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db
STAFF_URLS = [
    ("events:staff_home", False),
    ("events:staff_create", False),
    ("events:staff_registrations", True),
    ("events:staff_edit", True),
    ("events:staff_duplicate", True),
    ("events:staff_csv", True),
    ("events:staff_email", True),
    ("events:staff_attendance", True),
    ("events:staff_materials", True),
]


def _urls(slug: str) -> list[str]:
    return [reverse(name, args=[slug] if takes_slug else []) for name, takes_slug in STAFF_URLS]


@pytest.mark.parametrize("role", [None, "member", "editor"])
def test_staff_urls_are_closed_to_anonymous_and_members_and_open_to_editors(
    role: str | None,
) -> None:
    event = make_event(chatham_house_rule=True)
    make_registration(event, "Private Person", email="private.person@example.org")
    client = Client()
    if role:
        client.force_login(make_user(f"user-{role}", role=role))
    for url in _urls(event.slug):
        for method in (client.get, client.post):
            response = method(url)
            content = response.content.decode()
            if role == "editor":
                assert response.status_code in (200, 302), url
            else:
                assert response.status_code == (302 if role is None else 403), url
                assert "private.person@example.org" not in content
                assert "Private Person" not in content
    if role == "editor":
        assert "private.person@example.org" in client.get(_urls(event.slug)[2]).content.decode()
        assert "private.person@example.org" in client.get(_urls(event.slug)[5]).content.decode()


def test_anonymous_visitors_are_sent_to_log_in() -> None:
    event = make_event()
    response = Client().get(reverse("events:staff_registrations", args=[event.slug]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
