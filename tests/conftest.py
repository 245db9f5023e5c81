"""A small world shared by the cross-app tests: two member organisations A and B with private data.

Each organisation has a member, private notes, a contact, survey answers in two rounds and a
registration for an event; around them, atlas, index, UN, strategy and election data, so that every
URL of the site and every API operation can be filled with real ids, slugs and tokens.
"""

import datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from vigie.atlas.tests.helpers import make_measure
from vigie.core.loaders import load_countries
from vigie.core.tests.factories import make_user
from vigie.events import links as event_links
from vigie.events.models import Series
from vigie.events.tests.factories import make_event, make_registration
from vigie.index.tests.factories import make_computed_edition
from vigie.network.models import ConsentRecord, Contact, Election
from vigie.network.tests.factories import make_member, make_organisation
from vigie.strategy.loaders import load_plan
from vigie.strategy.models import SuccessMeasure
from vigie.surveys import services as survey_services
from vigie.surveys.tests.helpers import answer_round, make_media_round
from vigie.un.loaders import load_bundled
from vigie.un.models import Session, Vote


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    cache.clear()
    load_countries()
    load_bundled()  # UN votes and sessions from the bundled data
    load_plan()
    edition = make_computed_edition()
    make_measure("pt-2001", "PT", "decrim_de_jure")
    org_a = make_organisation("Org A (fictional)", private_notes="PRIVATE-NOTES-OF-A")
    org_b = make_organisation("Org B (fictional)", private_notes="PRIVATE-NOTES-OF-B")
    contacts = {}
    for org, key in ((org_a, "a"), (org_b, "b")):
        contacts[key] = Contact.objects.create(
            organisation=org,
            name=f"Hidden Contact {key.upper()}",
            email=f"hidden-{key}@contact.example",
        )
        ConsentRecord.objects.create(
            contact=contacts[key],
            purpose="surveys",
            granted=True,
            recorded_on=datetime.date(2024, 1, 1),
        )
    today = datetime.date.today()
    election = Election.objects.create(
        title="Council",
        seats=2,
        opens_on=today,
        closes_on=today,
        term_starts_on=today,
        term_ends_on=today,
    )
    current = make_media_round("current", open_now=True)
    past = make_media_round("2024", version=current.version)
    invitations = {}
    for org, key in ((org_a, "a"), (org_b, "b")):
        answer_round(past, org, where=f"SECRET-ANSWER-OF-{key.upper()}")
        response = answer_round(current, org, where=f"SECRET-ANSWER-OF-{key.upper()}")
        invitations[key] = response.invitation
    series = Series.objects.create(slug="walk-series", title_en="Walk series")
    event = make_event()
    registrations = {
        "a": make_registration(event, "Registrant Alpha", email="registrant-alpha@private.example"),
        "b": make_registration(event, "Registrant Bravo", email="registrant-bravo@private.example"),
    }

    vote = Vote.objects.order_by("pk").first()
    session = Session.objects.order_by("pk").first()
    strategy_measure = SuccessMeasure.objects.order_by("pk").first()
    assert vote and session and strategy_measure
    clients = {"anonymous": Client()}
    for role, user in (
        ("member_a", make_member("walker-a", org_a)),
        ("member_b", make_member("walker-b", org_b)),
        ("editor", make_user("walker-editor", role="editor")),
        ("admin", make_user("walker-admin", role="admin")),
    ):
        client = Client()
        client.force_login(user)
        clients[role] = client
    # Every parameter is filled with organisation B's objects where the object has an owner, so
    # that member A is the one trying to reach another organisation's data.
    values: dict[str, Any] = {
        "org_slug": org_b.slug,
        "contact": contacts["b"].pk,
        "election": election.pk,
        "survey_token": survey_services.make_token(invitations["b"]),
        "round": current.pk,
        "survey_slug": current.version.survey.slug,
        "event_slug": event.slug,
        "series_slug": series.slug,
        "registration_token": event_links.make_token(registrations["b"]),
        "edition_slug": edition.slug,
        "unit_code": "PRT",
        "iso2": "PT",
        "measure_code": "pt-2001",
        "strategy_code": strategy_measure.code,
        "vote": vote.pk,
        "session": session.pk,
    }
    markers = {
        "a": [
            "PRIVATE-NOTES-OF-A",
            "hidden-a@contact.example",
            "Hidden Contact A",
            "SECRET-ANSWER-OF-A",
            "Registrant Alpha",
            "registrant-alpha@private.example",
        ],
        "b": [
            "PRIVATE-NOTES-OF-B",
            "hidden-b@contact.example",
            "Hidden Contact B",
            "SECRET-ANSWER-OF-B",
            "Registrant Bravo",
            "registrant-bravo@private.example",
        ],
    }
    return {"values": values, "clients": clients, "markers": markers}
