"""Programme items: times typed and shown in the event's own zone, labelled, in the admin."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from vigie.events.admin import ProgrammeItemInline
from vigie.events.forms import ProgrammeItemForm
from vigie.events.models import Event, ProgrammeItem
from vigie.events.tests.factories import make_event

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _event() -> Event:
    start = datetime.datetime(2031, 4, 28, 16, 0, tzinfo=PARIS)
    return make_event(slug="timed", starts_at=start, ends_at=start + datetime.timedelta(hours=2))


def _form_class(event: Event) -> type[ProgrammeItemForm]:
    return type("Form", (ProgrammeItemForm,), {"zone_name": event.time_zone, "event": event})


def test_admin_shows_a_talk_at_16_10_paris_as_16_10_labelled_paris_time() -> None:
    event = _event()
    ProgrammeItem.objects.create(
        event=event,
        title_en="Ten past four",
        starts_at=datetime.datetime(2031, 4, 28, 16, 10, tzinfo=PARIS),
    )
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw-long-enough")
    client = Client()
    client.force_login(admin)
    content = client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert 'value="2031-04-28T16:10' in content or 'value="2031-04-28 16:10' in content
    assert "(Paris time)" in content


def test_a_talk_typed_at_16_10_is_stored_as_16_10_in_the_events_zone() -> None:
    event = _event()
    form = _form_class(event)(
        data={"kind": "talk", "order": 1, "title_en": "Talk", "starts_local": "2031-04-28T16:10"},
        instance=ProgrammeItem(event=event),
    )
    assert form.is_valid(), form.errors
    item = form.save()
    assert item.starts_at == datetime.datetime(2031, 4, 28, 14, 10, tzinfo=datetime.UTC)
    assert item.ends_at is None


def test_the_parent_choices_are_this_events_parts_only() -> None:
    event, other = _event(), make_event(slug="other")
    part = ProgrammeItem.objects.create(event=event, kind="part", title_en="Mine")
    ProgrammeItem.objects.create(event=other, kind="part", title_en="Theirs")
    ProgrammeItem.objects.create(event=event, kind="talk", title_en="A talk")
    parent_field = _form_class(event)().fields["parent"]
    assert list(parent_field.queryset) == [part]  # type: ignore[attr-defined]
    assert ProgrammeItemInline.form is ProgrammeItemForm
