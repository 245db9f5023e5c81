"""The bundled workshop of the seed invitation and the fictional demo load exactly and idempotently."""

import datetime
import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from vigie.core.errors import DataFileError
from vigie.events.loaders import load_bundled, load_demo, load_programme
from vigie.events.models import Contribution, Event, ProgrammeItem, Registration, Series

pytestmark = pytest.mark.django_db
SLUG = "breaking-the-silos-4-a-global-challenge"


@pytest.fixture
def countries() -> None:
    """The reference countries, loaded once per session."""


def test_bundled_workshop_keeps_the_invitations_programme(countries: None) -> None:
    load_bundled()
    event = Event.objects.get(slug=SLUG)
    assert event.series == Series.objects.get(slug="breaking-the-silos-on-drugs")
    assert event.starts_at == datetime.datetime(2021, 4, 26, 14, 0, tzinfo=datetime.UTC)
    assert event.ends_at == datetime.datetime(2021, 4, 26, 16, 0, tzinfo=datetime.UTC)
    assert event.language_order == "fr,en"
    assert event.chatham_house_rule
    assert event.registrations.count() == 0
    parts = ProgrammeItem.objects.filter(event=event, kind="part").order_by("order")
    assert [part.title_en for part in parts] == [
        "Reappraising the problems to tackle",
        "Exploring solutions: From external support to local resilience, bringing development "
        "back to people affected by drugs.",
        "Revising our strategies and tools",
    ]
    assert [item.children.count() for item in parts] == [1, 3, 1]
    moderator = Contribution.objects.get(event=event, role="moderator")
    assert (moderator.person.name, moderator.item) == ("John Collins", None)
    assert Contribution.objects.filter(event=event, role="speaker").count() == 5
    assert sorted(event.countries.values_list("iso2", flat=True)) == ["BO", "MM", "VN"]
    assert event.sources.count() == 2


def test_loading_twice_changes_nothing(countries: None) -> None:
    load_bundled()
    second = load_bundled()
    assert all(report.created == 0 and report.updated == 0 for report in second.values())


def test_demo_registrations_are_fictional_and_only_loaded_by_load_demo(countries: None) -> None:
    load_bundled()
    assert Registration.objects.count() == 0
    load_demo()
    emails = list(Registration.objects.values_list("email", flat=True))
    assert emails and all(email.endswith("@example.org") for email in emails)
    demo = Event.objects.get(slug="example-webinar-harm-reduction-financing")
    assert demo.registrations.filter(status="confirmed").count() == demo.capacity
    assert demo.registrations.filter(status="waiting").count() == 2
    again = load_demo()
    assert again["demo registrations"].created == 0


def test_a_bad_row_names_file_line_and_field_and_writes_nothing(
    countries: None, tmp_path: Path
) -> None:
    folder = tmp_path / "events"
    shutil.copytree(Path(settings.DATA_DIR) / "events", folder)
    events_csv = folder / "events.csv"
    events_csv.write_text(events_csv.read_text().replace("2021-04-26T18:00", "2021-04-26T15:00"))
    with pytest.raises(DataFileError, match=r"events.csv, line \d+, field `ends`: .*end after"):
        load_programme(folder)
    assert Event.objects.count() == 0 and Series.objects.count() == 0


def test_import_command_reports_an_unknown_speaker_and_writes_nothing(
    countries: None, tmp_path: Path
) -> None:
    folder = tmp_path / "events"
    shutil.copytree(Path(settings.DATA_DIR) / "events", folder)
    contributions = folder / "contributions.csv"
    contributions.write_text(contributions.read_text().replace("angela-me", "angela-nobody"))
    with pytest.raises(
        CommandError, match=r"contributions.csv, line 3, field `person`: 'angela-nobody'"
    ):
        call_command("load_event_programme", str(folder), stdout=io.StringIO())
    assert Event.objects.count() == 0


def test_import_command_loads_a_folder(countries: None) -> None:
    out = io.StringIO()
    call_command("load_event_programme", str(Path(settings.DATA_DIR) / "events"), stdout=out)
    assert "events: 1 created" in out.getvalue()
