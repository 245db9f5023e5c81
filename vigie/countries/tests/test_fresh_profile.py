"""A write through each app's service shows on the next view of the country profile.

The profile is cached under the data version; each test views it once (so it is cached), writes
through a service, a loader or a staff page, and views it again.
"""

import datetime

import pytest
from django.test import Client

from vigie.atlas.services import delete_measure
from vigie.atlas.tests.helpers import make_measure, make_place
from vigie.core.models import Country
from vigie.core.tests.factories import make_user
from vigie.events.models import Event
from vigie.events.services import save_event
from vigie.events.tests.factories import make_event
from vigie.index.services import publish_edition
from vigie.index.tests.factories import make_computed_edition
from vigie.network.tests.factories import make_organisation
from vigie.un.models import Forum, PositionCode, Session, Vote
from vigie.un.services import import_roll_call, record_statement

# These tests build their own small world of UN records on an empty database.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_reference_data")]

PROFILE = "/en/countries/pt/"


def _page(client: Client) -> str:
    return client.get(PROFILE).content.decode()


def _session() -> Session:
    forum = Forum.objects.create(
        code="cnd", name_en="CND", name_fr="CND", name_es="CND", abbreviation="CND"
    )
    return Session.objects.create(
        forum=forum,
        label="CND 99",
        start_date=datetime.date(2025, 3, 10),
        end_date=datetime.date(2025, 3, 14),
    )


def test_a_measure_saved_then_deleted_through_the_atlas_service(client: Client) -> None:
    make_place("PT", name="Portugal")
    assert "/en/atlas/measures/pt-fresh/" not in _page(client)
    make_measure("pt-fresh", "PT", "decrim_de_jure", adopted_on=datetime.date(2025, 1, 1))
    assert 'href="/en/atlas/measures/pt-fresh/"' in _page(client)
    delete_measure(code="pt-fresh")
    assert "/en/atlas/measures/pt-fresh/" not in _page(client)


def test_a_roll_call_imported_through_the_un_service(client: Client) -> None:
    make_place("PT", name="Portugal")
    vote = Vote.objects.create(
        code="CND99-1",
        session=_session(),
        date=datetime.date(2025, 3, 14),
        kind="resolution",
        title="A fresh resolution",
        stated_yes=1,
        stated_no=0,
        stated_abstain=0,
    )
    assert "A fresh resolution" not in _page(client)
    import_roll_call(vote=vote, yes="Portugal", no="", abstain="")
    assert "A fresh resolution" in _page(client)


def test_a_coded_statement_recorded_through_the_un_service(client: Client) -> None:
    make_place("PT", name="Portugal")
    country = Country.objects.get(iso2="PT")
    position = PositionCode.objects.create(
        code="reform",
        rank=3,
        label_en="Calls for reform",
        label_fr="Réforme",
        label_es="Reforma",
        description_en="d",
        description_fr="d",
        description_es="d",
    )
    session = _session()
    assert "Item 9: a fresh debate" not in _page(client)
    record_statement(
        session=session,
        date=session.start_date,
        agenda_item="Item 9: a fresh debate",
        summary="Portugal calls for reform.",
        source_url="https://example.org/statement",
        country=country,
        position=position,
        evidence="We call for reform.",
    )
    assert "Item 9: a fresh debate" in _page(client)


def test_an_event_published_through_the_events_service(client: Client) -> None:
    make_place("PT", name="Portugal")
    event = make_event(title_en="A fresh workshop", status=Event.Status.DRAFT)
    event.countries.set([Country.objects.get(iso2="PT")])
    assert "A fresh workshop" not in _page(client)
    event.status = Event.Status.PUBLISHED
    save_event(event=event, actor=None)
    assert "A fresh workshop" in _page(client)


def test_an_index_edition_published_through_the_index_service(client: Client) -> None:
    edition = make_computed_edition(publish=False)
    assert "Test index" not in _page(client)
    publish_edition(edition=edition)
    assert "Test index" in _page(client)


def test_a_member_summary_edited_on_the_network_page(client: Client) -> None:
    make_place("PT", name="Portugal")
    portugal = Country.objects.get(iso2="PT")
    organisation = make_organisation(headquarters=portugal, summary_en="Old summary.")
    assert "Old summary." in _page(client)
    editor = Client()
    editor.force_login(make_user("editor", role="editor"))
    response = editor.post(
        f"/en/network/organisations/{organisation.slug}/edit/",
        {
            # An editor's form also holds the fields only staff change: sent as they are.
            "name": organisation.name,
            "org_type": organisation.org_type,
            "headquarters": portugal.pk,
            "region": organisation.region,
            "summary_en": "A fresh summary.",
            "countries": [portugal.pk],
        },
    )
    assert response.status_code == 302
    assert "A fresh summary." in _page(client)
