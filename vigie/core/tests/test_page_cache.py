"""Whole public pages from the shared cache (vigie.core.pagecache): served to anonymous visitors
only, never computed before the last change of facts, never holding anything personal."""

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from vigie.core.freshness import facts_changed
from vigie.core.pagecache import HIT_HEADER
from vigie.core.tests.factories import make_country, make_user
from vigie.events.tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 60


def _cached_pages() -> list[str]:
    keys: list[str] = list(cache._cache)  # type: ignore[attr-defined]
    # LocMemCache keeps its keys as ":<version>:<key>"
    return [key for key in keys if key.split(":", 2)[2].startswith("page:")]


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    event = make_event(title_en="Harm reduction workshop")
    path = reverse("events:detail", args=[event.slug])
    first = client.get(path)
    assert first.status_code == 200 and HIT_HEADER not in first
    with django_assert_max_num_queries(1):  # the data version; the cache is in memory here
        second = client.get(path)
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert "Cookie" in second["Vary"]


def test_a_change_of_facts_is_seen_at_once(client: Client) -> None:
    event = make_event(title_en="Harm reduction workshop")
    path = reverse("events:detail", args=[event.slug])
    assert "Harm reduction workshop" in client.get(path).content.decode()
    event.title_en = "Drug checking workshop"
    event.save()
    # a write that records no change is not seen (this is why every writer must record one)
    assert "Harm reduction workshop" in client.get(path).content.decode()
    facts_changed()
    page = client.get(path)
    assert HIT_HEADER not in page
    assert "Drug checking workshop" in page.content.decode()


def test_each_language_and_query_has_its_own_page(client: Client) -> None:
    make_event(title_en="Workshop in English", title_fr="Atelier en français")
    english = client.get("/en/events/").content.decode()
    french = client.get("/fr/events/").content.decode()
    assert "Workshop in English" in english and "Atelier en français" in french
    assert "Atelier en français" in client.get("/fr/events/").content.decode()
    calendar = client.get("/en/events/?month=2000-01")
    assert HIT_HEADER not in calendar


def test_a_signed_in_page_is_never_stored_nor_served_to_an_anonymous_visitor(
    client: Client,
) -> None:
    make_event()
    editor = make_user("editor-of-pages", role="editor")
    signed_in = Client()
    signed_in.force_login(editor)
    page = signed_in.get("/en/events/")
    assert "editor-of-pages" in page.content.decode()
    assert _cached_pages() == []
    anonymous = client.get("/en/events/")
    assert HIT_HEADER not in anonymous
    assert "editor-of-pages" not in anonymous.content.decode()
    assert "All events (staff)" not in anonymous.content.decode()


def test_an_anonymous_page_is_never_served_to_a_signed_in_visitor(client: Client) -> None:
    make_event()
    assert client.get("/en/events/").status_code == 200
    assert client.get("/en/events/")[HIT_HEADER] == "hit"
    signed_in = Client()
    signed_in.force_login(make_user("editor-of-pages", role="editor"))
    page = signed_in.get("/en/events/")
    assert HIT_HEADER not in page
    assert "editor-of-pages" in page.content.decode()
    assert "All events (staff)" in page.content.decode()


def test_a_request_with_credentials_is_not_answered_from_the_cache(client: Client) -> None:
    client.get("/api/v1/events/events")
    assert client.get("/api/v1/events/events")[HIT_HEADER] == "hit"
    with_token = client.get("/api/v1/events/events", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert HIT_HEADER not in with_token
    client.cookies["sessionid"] = "anything"
    assert HIT_HEADER not in client.get("/api/v1/events/events")


def test_private_and_personal_pages_are_never_cached(client: Client) -> None:
    editor = Client()
    editor.force_login(make_user("staff-person", role="editor"))
    assert editor.get(reverse("events:staff_home")).status_code == 200
    event = make_event()
    # a personal link (its token is the credential) and a page with a form
    client.get(reverse("events:registration", args=["forged-token"]))
    assert client.get(reverse("events:register", args=[event.slug])).status_code == 200
    assert _cached_pages() == []


def test_a_listed_page_with_a_form_is_not_stored(client: Client, settings: Any) -> None:
    # the login page is not listed; were it listed, its CSRF token would keep it out
    settings.PUBLIC_PAGE_CACHE = django_settings.PUBLIC_PAGE_CACHE | {"core:login"}
    page = client.get(reverse("core:login"))
    assert "csrfmiddlewaretoken" in page.content.decode()
    assert _cached_pages() == []
    assert HIT_HEADER not in client.get(reverse("core:login"))


def test_a_cached_map_still_answers_not_modified(client: Client) -> None:
    make_country("PT", name_en="Portugal")
    path = reverse("atlas:map_json")
    first = client.get(path)
    assert first.status_code == 200 and first.has_header("ETag")
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert client.get(path)[HIT_HEADER] == "hit"
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize("name", ["atlas:embed", "events:feed", "api:list_events"])
def test_a_page_from_the_cache_has_the_headers_of_the_page_computed(
    client: Client, name: str
) -> None:
    """An embed may still be framed, a calendar keeps its type, an API answer its JSON."""
    make_country("PT", name_en="Portugal")
    make_event()
    path = reverse(name)
    first = client.get(path)
    second = client.get(path)
    assert second[HIT_HEADER] == "hit"
    assert {**first.headers, HIT_HEADER: "hit"} == dict(second.headers)
    assert second.content == first.content
