"""The directory, the staff contacts and the API organisations come a page at a time, with
their filters kept in the links and the total of every matching row."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vigie.core.tests.factories import make_country, make_user
from vigie.network.models import Contact
from vigie.network.queries import member_organisations
from vigie.network.tests.factories import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def members() -> None:
    kenya, peru = make_country("KE"), make_country("PE")
    for number in range(55):
        make_organisation(f"Kenyan org {number:02d}", headquarters=kenya, org_type="ngo")
    for number in range(3):
        make_organisation(f"Peruvian org {number}", headquarters=peru, org_type="research")
    make_organisation("Former org", headquarters=peru, status="lapsed")


@pytest.mark.usefixtures("template_context")
def test_directory_pages_keep_filters_and_count_every_member(client: Client, members: None) -> None:
    first = client.get(reverse("network:directory"))
    page = first.content.decode()
    assert "58 member organisations shown" in page
    assert len(first.context["page_obj"]) == 50
    assert 'href="?page=2"' in page
    # The map counts every member of the filter, not only those of the page.
    counts = {row["id"]: row["count"] for row in first.context["map_rows"]}
    assert sorted(counts.values()) == [3, 55]
    kenyan = client.get(reverse("network:directory"), {"type": "ngo", "page": "2"})
    names = [o.name for o in kenyan.context["page_obj"]]
    assert names == [f"Kenyan org {n}" for n in range(50, 55)]
    assert 'href="?type=ngo&amp;page=1"' in kenyan.content.decode()
    peru = client.get(reverse("network:directory"), {"country": "PE"})
    assert [o.name for o in peru.context["page_obj"]] == [f"Peruvian org {n}" for n in range(3)]
    assert "Former org" not in peru.content.decode()


def test_api_organisations_page_with_total_and_links(client: Client, members: None) -> None:
    response = client.get("/api/v1/network/organisations", {"per_page": "20", "page": "3"})
    rows = response.json()
    assert response["X-Total-Count"] == "58" and len(rows) == 18
    assert 'rel="prev"' in response["Link"] and 'rel="next"' not in response["Link"]
    peru = client.get("/api/v1/network/organisations", {"country": "pe"})
    assert [row["name"] for row in peru.json()] == [f"Peruvian org {n}" for n in range(3)]
    assert peru["X-Total-Count"] == "3"
    slug = rows[0]["slug"]
    assert client.get(f"/api/v1/network/organisations/{slug}").json()["slug"] == slug
    lapsed = make_organisation("Lapsed org", status="lapsed")
    assert client.get(f"/api/v1/network/organisations/{lapsed.slug}").status_code == 404


def test_api_organisations_are_counted_from_the_members_index_alone(
    client: Client, members: None
) -> None:
    """The count of every member reads no headquarters (a join per member, only to show the
    page's rows); the filtered count still names the country."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/network/organisations")
    (count,) = [query["sql"] for query in queries if "COUNT(" in query["sql"]]
    assert "JOIN" not in count
    assert response["X-Total-Count"] == "58"
    assert {row["headquarters"] for row in response.json()} == {"KE", "PE"}
    assert client.get("/api/v1/network/organisations", {"country": "ke"})["X-Total-Count"] == "55"


@pytest.mark.usefixtures("template_context")
def test_staff_contacts_page_and_search(client: Client) -> None:
    organisation = make_organisation("Contact org")
    Contact.objects.bulk_create(
        Contact(organisation=organisation, name=f"Person {n:03d}", email=f"p{n}@example.org")
        for n in range(120)
    )
    client.force_login(make_user("editor", role="editor"))
    last = client.get(reverse("network:contacts"), {"page": "3"})
    assert [c.name for c in last.context["page_obj"]] == [
        f"Person {n:03d}" for n in range(100, 120)
    ]
    assert "120 rows in all" in last.content.decode()
    found = client.get(reverse("network:contacts"), {"q": "p7@"})
    assert [c.name for c in found.context["page_obj"]] == ["Person 007"]
    member = Client()
    member.force_login(make_user("member", role="member"))
    assert member.get(reverse("network:contacts")).status_code == 403


@pytest.mark.usefixtures("template_context")
def test_the_members_map_is_a_figure_that_tabulates_the_counts_it_draws(
    client: Client, members: None
) -> None:
    response = client.get(reverse("network:directory"), {"type": "research"})
    chart = response.context["chart"]
    assert chart.unit == "number of member organisations" and chart.source and chart.title
    assert chart.controls == "member-filters"
    names = {row["id"]: row["count"] for row in response.context["map_rows"]}
    assert [row[1] for row in chart.rows] == sorted(names.values(), reverse=True) == [3]
    assert chart.rows[0][0] == response.context["countries"][1]["name"]  # Peru, not its code
    html = response.content.decode()
    assert 'id="member-filters"' in html and "Unit: number of member organisations" in html


def _read(client: Client, address: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.usefixtures("template_context")
def test_a_page_of_members_costs_the_same_queries_whatever_their_countries(
    client: Client,
) -> None:
    """A row's countries of work, type label and address come from one read for the page."""
    kenya, peru, chile = make_country("KE"), make_country("PE"), make_country("CL")
    first = make_organisation("Alpha org", headquarters=kenya, org_type="research")
    first.countries.add(peru)
    addresses = [reverse("network:directory"), "/api/v1/network/organisations"]
    few = [_read(client, address)[0] for address in addresses]
    for number in range(40):
        make_organisation(f"Beta org {number:02d}", headquarters=peru).countries.add(kenya, chile)
    many = [_read(client, address) for address in addresses]
    assert [count for count, _response in many] == few
    rows = {row["name"]: row for row in many[1][1].json()}
    assert rows["Alpha org"]["countries"] == ["PE"] and rows["Alpha org"]["type"] == "research"
    assert rows["Beta org 07"]["countries"] == ["CL", "KE"]
    directory = many[0][1].content.decode()
    assert f'href="{reverse("network:organisation", args=[first.slug])}"' in directory
    assert "Research" in directory  # the type's label, not its code
    # The country filter offers where current members are based or work, once each.
    assert [c["iso2"] for c in many[0][1].context["countries"]] == ["CL", "KE", "PE"]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="reads SQLite's query plan (the index names differ)"
)
def test_the_page_of_current_members_is_read_from_their_index() -> None:
    plan = member_organisations()[:50].explain()
    assert "network_org_current_name_idx" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan  # no sort of every member
