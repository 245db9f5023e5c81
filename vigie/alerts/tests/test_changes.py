"""The apps' ``list_changes_since`` doors that the digest reads: what changed after a moment,
about one country or about all."""

import datetime

import pytest
from django.utils import timezone

from vigie.atlas import queries as atlas_queries
from vigie.atlas.models import PolicyMeasure
from vigie.atlas.services import save_measure, snapshot_measure
from vigie.atlas.tests.helpers import make_measure
from vigie.core.models import Country
from vigie.events import queries as events_queries
from vigie.events.models import Event
from vigie.events.tests.factories import make_event
from vigie.index import queries as index_queries
from vigie.index.tests.factories import make_computed_edition
from vigie.un import queries as un_queries
from vigie.un.models import CountryVote

pytestmark = pytest.mark.django_db


def test_atlas_reports_new_reversed_and_revised_measures_of_the_country() -> None:
    make_measure("pt-2001", "PT", "decrim_de_jure")
    since = timezone.now()
    make_measure("pt-2030", "PT", "reversal", reverses="pt-2001")
    make_measure("uy-2013", "UY", "regulation_adult")
    data = snapshot_measure(PolicyMeasure.objects.get(code="pt-2001"))
    save_measure(code="pt-2001", data={**data, "title": "Portugal, law 30/2000"})
    kinds = {
        c["url"].split("/")[-2]: c["kind"] for c in atlas_queries.list_changes_since(since, "pt")
    }
    assert kinds == {"pt-2030": "measure_reversal", "pt-2001": "measure_revised"}
    everywhere = atlas_queries.list_changes_since(since)
    assert {c["country_iso2"] for c in everywhere} == {"PT", "UY"}
    assert atlas_queries.list_changes_since(timezone.now(), "PT") == []


def test_un_reports_the_country_votes_and_joint_statements_dated_since() -> None:
    record = CountryVote.objects.select_related("vote", "country").order_by("vote__date").last()
    assert record is not None
    since = datetime.datetime.combine(record.vote.date, datetime.time(), tzinfo=datetime.UTC)
    changes = un_queries.list_changes_since(since, record.country.iso2)
    votes = [c for c in changes if c["kind"] == "vote"]
    assert record.vote.title in {c["title"] for c in votes}
    assert all(c["country_iso2"] == record.country.iso2 for c in changes)
    later = since + datetime.timedelta(days=1)
    assert record.vote.title not in {c["title"] for c in un_queries.list_changes_since(later)}


def test_index_reports_editions_published_since_with_the_country_rank() -> None:
    since = timezone.now()
    edition = make_computed_edition()
    (change,) = index_queries.list_changes_since(since, "PT")
    assert change["kind"] == "edition" and "PRT" in change["url"]
    assert edition.title in change["title"] and "rank" in change["title"]
    assert index_queries.list_changes_since(since, "ZZ") == []
    assert index_queries.list_changes_since(timezone.now()) == []


def test_events_report_announced_and_cancelled_events_about_the_country() -> None:
    since = timezone.now()
    portugal = Country.objects.get(iso2="PT")
    about = make_event(title_en="About Portugal")
    about.countries.add(portugal)
    make_event(title_en="Elsewhere")
    cancelled = make_event(title_en="Called off", status=Event.Status.CANCELLED)
    cancelled.countries.add(portugal)
    changes = events_queries.list_changes_since(since, "PT")
    assert {(c["title"], c["kind"]) for c in changes} == {
        ("About Portugal", "event"),
        ("Called off", "event_cancelled"),
    }
