"""The staff home's data-quality flags from the network, events, surveys and the index: each
counts the rows that break its rule, and only those, and links each to where it is fixed."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from vigie.core.models import Source
from vigie.core.tests.factories import make_country, make_user
from vigie.events.models import Event, ProgrammeItem
from vigie.events.tests.factories import make_event
from vigie.index import services as index_services
from vigie.index.models import Edition, UnitResult
from vigie.index.tests.factories import DATA, make_computed_edition
from vigie.network.models import ConsentRecord, Contact
from vigie.network.tests.factories import make_organisation
from vigie.surveys.models import RoundStatus
from vigie.surveys.tests.helpers import make_media_round

pytestmark = pytest.mark.django_db

YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)


def _editor() -> Client:
    client = Client()
    client.force_login(make_user("ed", role="editor"))
    return client


def _flag(title: str, client: Client | None = None) -> dict[str, Any]:
    response = (client or _editor()).get("/en/staff/")
    assert response.status_code == 200
    found = [group for group in response.context["flags"] if group["title"] == title]
    assert len(found) == 1, [group["title"] for group in response.context["flags"]]
    return found[0]


def _titles(group: dict[str, Any]) -> list[str]:
    return [item["title"] for item in group["items"]]


def _working_in(name: str, **fields: Any) -> Any:
    organisation = make_organisation(name, **fields)
    organisation.countries.add(organisation.headquarters)
    return organisation


@pytest.mark.usefixtures("template_context")
def test_members_still_listed_after_their_lapse_are_flagged() -> None:
    lapsed = _working_in("Lapsed Org (fictional)", lapsed_on=YESTERDAY)
    _working_in("Current Org (fictional)")
    _working_in("Lapsing Org (fictional)", lapsed_on=YESTERDAY + datetime.timedelta(days=30))
    _working_in("Left Org (fictional)", status="lapsed", lapsed_on=YESTERDAY)
    group = _flag("Members listed although their membership lapsed")
    assert group["total"] == 1
    assert group["items"][0]["url"] == f"/en/network/organisations/{lapsed.slug}/membership/"


@pytest.mark.usefixtures("template_context")
def test_listed_members_with_no_country_of_work_are_flagged() -> None:
    nowhere = make_organisation("Nowhere Org (fictional)")
    _working_in("Somewhere Org (fictional)")
    make_organisation("Applicant Org (fictional)", status="applied", admitted_on=None)
    group = _flag("Listed members with no country of work")
    assert _titles(group) == ["Nowhere Org (fictional)"] and group["total"] == 1
    assert group["items"][0]["url"] == f"/en/network/organisations/{nowhere.slug}/edit/"


@pytest.mark.usefixtures("template_context")
def test_contacts_with_no_consent_recorded_are_flagged() -> None:
    silent = Contact.objects.create(name="Silent Contact (fictional)")
    asked = Contact.objects.create(name="Asked Contact (fictional)")
    ConsentRecord.objects.create(
        contact=asked, purpose="surveys", granted=False, recorded_on=YESTERDAY
    )
    Contact.objects.create(name="Erased Contact", erased_on=YESTERDAY)
    group = _flag("Contacts with no consent recorded")
    assert _titles(group) == ["Silent Contact (fictional)"] and group["total"] == 1
    assert group["items"][0]["url"] == f"/en/network/contacts/{silent.pk}/consent/"


@pytest.mark.usefixtures("template_context")
def test_published_events_without_a_programme_are_flagged() -> None:
    bare = make_event(title_en="Bare workshop")
    planned = make_event(title_en="Planned workshop")
    ProgrammeItem.objects.create(event=planned, title_en="Opening")
    make_event(title_en="Draft workshop", status=Event.Status.DRAFT)
    group = _flag("Published events without a programme")
    assert _titles(group) == ["Bare workshop"] and group["total"] == 1
    assert group["items"][0]["url"] == f"/en/events/staff/{bare.slug}/programme/"


@pytest.mark.usefixtures("template_context")
def test_ended_events_promising_a_recording_without_its_link_are_flagged() -> None:
    ended = timezone.now() - datetime.timedelta(days=3)
    missing = make_event(title_en="Unlinked", starts_at=ended, recording_policy="public")
    make_event(
        title_en="Linked",
        starts_at=ended,
        recording_policy="public",
        recording_url="https://video.example.org/1",
    )
    make_event(title_en="Not recorded", starts_at=ended, recording_policy="none")
    make_event(title_en="Still to come", recording_policy="public")
    group = _flag("Ended events whose public recording is not linked")
    assert _titles(group) == ["Unlinked"] and group["total"] == 1
    assert group["items"][0]["url"] == f"/en/events/staff/{missing.slug}/materials/"


@pytest.mark.usefixtures("template_context")
def test_rounds_left_open_past_their_closing_date_are_flagged() -> None:
    overdue = make_media_round("2023")  # closed on 30 June 2023 by its dates
    overdue.status = RoundStatus.OPEN
    overdue.save()
    make_media_round("current", open_now=True)  # open, closes in five days
    make_media_round("2022")  # follows its dates: closed by itself
    group = _flag("Survey rounds open past their closing date")
    assert group["total"] == 1 and "2023" in group["items"][0]["title"]
    assert group["items"][0]["url"] == f"/en/surveys/rounds/{overdue.pk}/manage/"


def _published_scores(family: str, source: Source, *, unit_sourced: bool) -> Edition:
    edition = Edition.objects.create(
        family=family, slug=family, year=2021, kind=Edition.Kind.PUBLISHED, title_en=family
    )
    edition.sources.add(source)
    unit = UnitResult.objects.create(edition=edition, unit_code="PRT", name="Portugal", score=70)
    if unit_sourced:
        unit.sources.add(source)
    return edition


@pytest.mark.usefixtures("template_context")
def test_editions_whose_figures_cite_no_source_are_flagged() -> None:
    source = Source.objects.create(url="https://example.org/index", title="Index")
    unsourced = make_computed_edition(family="unsourced")
    make_computed_edition(family="sourced").sources.add(source)  # its results are its own
    bare_rows = _published_scores("bare-rows", source, unit_sourced=False)
    _published_scores("sourced-rows", source, unit_sourced=True)
    group = _flag("Index editions with figures citing no source")
    assert [item["url"] for item in group["items"]] == [
        f"/en/index/staff/{bare_rows.slug}/",
        f"/en/index/staff/{unsourced.slug}/",
    ]
    assert "1 unit result cites no source" in group["items"][0]["reason"]


@pytest.mark.usefixtures("template_context")
def test_editions_with_data_uploaded_since_their_computation_are_flagged() -> None:
    make_country("PT")
    outdated = make_computed_edition(family="outdated", publish=False)
    index_services.upload_indicator_data(edition=outdated, csv_text=DATA)
    make_computed_edition(family="current", publish=False)
    make_computed_edition(family="published")
    group = _flag("Index editions computed from outdated data")
    assert group["total"] == 1
    assert group["items"][0]["url"] == f"/en/index/staff/{outdated.slug}/"
    assert Edition.objects.get(pk=outdated.pk).status == Edition.Status.DRAFT


def _add_flagged_rows(number: int) -> None:
    """One row breaking each rule of the network, events and surveys."""
    make_organisation(f"Flagged Org {number} (fictional)", lapsed_on=YESTERDAY)
    Contact.objects.create(name=f"Contact {number} (fictional)")
    ended = timezone.now() - datetime.timedelta(days=3)
    make_event(starts_at=ended, recording_policy="public")
    overdue = make_media_round(str(2000 + number))
    overdue.status = RoundStatus.OPEN
    overdue.save()


@pytest.mark.usefixtures("template_context")
def test_the_flags_cost_the_same_queries_whatever_the_number_of_rows_flagged() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _editor()

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/staff/").status_code == 200
        return len(captured.captured_queries)

    _add_flagged_rows(1)
    before = count()
    for number in range(2, 14):
        _add_flagged_rows(number)
    assert count() == before
    assert _flag("Contacts with no consent recorded", client)["total"] == 13
