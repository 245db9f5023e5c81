"""The programme builder on the event's staff pages: parts and talks of one event, in order, with
times typed and shown in the event's own zone and checked against its span, and people found by
full name with their affiliation (issue 15: everything an editor does without the admin)."""

import datetime
import re
import zoneinfo
from typing import Any

import pytest
from django.test import Client

from vigie.core.tests.factories import make_user
from vigie.events.models import Contribution, Event, Person, ProgrammeItem
from vigie.events.services import ProgrammeError, move_programme_item, save_programme_item
from vigie.events.tests.factories import make_event

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _event(**fields: object) -> Event:
    start = datetime.datetime(2031, 4, 28, 16, 0, tzinfo=PARIS)
    return make_event(
        slug=fields.pop("slug", "workshop-5"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        **fields,
    )


def _url(event: Event, rest: str = "", language: str = "en") -> str:
    return f"/{language}/events/staff/{event.slug}/programme/{rest}"


def _add(client: Client, event: Event, language: str = "en", **fields: str) -> Any:
    data = {"item-kind": "talk", "item-parent": "", **{f"item-{k}": v for k, v in fields.items()}}
    return client.post(_url(event, language=language), data)


def test_a_talk_typed_at_16_10_is_stored_in_paris_time_and_shown_labelled(editor: Client) -> None:
    event = _event()
    response = _add(editor, event, title_en="Ten past four", starts_local="2031-04-28T16:10")
    assert response.status_code == 302
    item = ProgrammeItem.objects.get(event=event)
    assert item.starts_at == datetime.datetime(2031, 4, 28, 14, 10, tzinfo=datetime.UTC)
    page = editor.get(_url(event)).content.decode()
    assert "16:10" in page and "(Paris time)" in page
    assert "14:10" not in page


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This time is outside the event (16:00–18:00 (Paris time)"),
        ("fr", "Cette heure est en dehors de l’événement (16:00–18:00 (heure de Paris)"),
    ],
)
def test_a_talk_outside_the_events_span_is_refused_at_the_field(
    editor: Client, language: str, message: str
) -> None:
    event = _event()
    response = _add(
        editor,
        event,
        language=language,
        title_fr="Trop tard",
        starts_local="2031-04-28T18:30",
    )
    assert response.status_code == 200
    page = response.content.decode()
    field = page[page.index('id="id_item-starts_local"') - 2000 :]
    assert message in field.split('id="id_item-ends_local"')[0]
    assert 'value="Trop tard"' in page and 'value="2031-04-28T18:30"' in page  # kept as typed
    assert not ProgrammeItem.objects.filter(event=event).exists()


def test_the_parent_choice_lists_only_this_events_parts(editor: Client) -> None:
    event, other = _event(), _event(slug="another-event")
    ProgrammeItem.objects.create(event=event, kind="part", title_en="Our part")
    theirs = ProgrammeItem.objects.create(event=other, kind="part", title_en="Their part")
    ProgrammeItem.objects.create(event=other, kind="talk", title_en="Their talk")
    page = editor.get(_url(event)).content.decode()
    assert "Our part" in page
    assert "Their part" not in page and "Their talk" not in page
    response = _add(editor, event, title_en="Smuggled", parent=str(theirs.pk))
    assert response.status_code == 200
    assert not ProgrammeItem.objects.filter(title_en="Smuggled").exists()


def test_the_service_refuses_another_events_part_as_parent() -> None:
    event, other = _event(), _event(slug="another-event")
    theirs = ProgrammeItem.objects.create(event=other, kind="part", title_en="Their part")
    with pytest.raises(ProgrammeError) as error:
        save_programme_item(
            event=event, item=ProgrammeItem(title_en="Talk", parent=theirs), actor=None
        )
    assert error.value.field == "parent"


def test_move_buttons_reorder_without_javascript(editor: Client) -> None:
    event = _event()
    for title in ("First", "Second", "Third"):
        assert _add(editor, event, title_en=title).status_code == 302
    third = ProgrammeItem.objects.get(title_en="Third")
    response = editor.post(_url(event, f"{third.pk}/move/"), {"direction": "up"})
    assert response.status_code == 302 and response["Location"].endswith(
        f"?moved={third.pk}&direction=up"
    )
    titles = list(event.programme.order_by("order").values_list("title_en", flat=True))
    assert titles == ["First", "Third", "Second"]
    page = editor.get(response["Location"]).content.decode()
    assert page.index("Third") < page.index("Second")
    first = ProgrammeItem.objects.get(title_en="First")
    move_programme_item(item=first, direction="up", actor=None)  # already first: nothing moves
    titles = list(event.programme.order_by("order").values_list("title_en", flat=True))
    assert titles == ["First", "Third", "Second"]


def test_people_are_found_by_full_name_with_their_affiliation(editor: Client) -> None:
    event = _event()
    talk = ProgrammeItem.objects.create(event=event, title_en="Talk")
    right = Person.objects.create(name="Marie Dupont", affiliation="Université de Lyon")
    Person.objects.create(name="Marie Curtis", affiliation="Harm Reduction Alliance")
    page = editor.get(_url(event) + "?q=Marie+Dupont").content.decode()
    assert "Marie Dupont — Université de Lyon" in page
    assert "Marie Curtis" not in page
    page = editor.get(_url(event) + "?q=Marie").content.decode()
    assert "Marie Dupont — Université de Lyon" in page
    assert "Marie Curtis — Harm Reduction Alliance" in page
    response = editor.post(
        _url(event),
        {"q": "Marie", "credit-role": "speaker", "credit-item": talk.pk, "credit-person": right.pk},
    )
    assert response.status_code == 302
    credit = Contribution.objects.get(event=event)
    assert (credit.person, credit.item, credit.role) == (right, talk, "speaker")


def test_a_new_person_is_created_inline(editor: Client) -> None:
    event = _event()
    response = editor.post(
        _url(event),
        {
            "credit-role": "moderator",
            "credit-item": "",
            "credit-new_name": "Ana Exemplo",
            "credit-new_affiliation": "Rede Exemplo",
        },
    )
    assert response.status_code == 302
    credit = Contribution.objects.get(event=event)
    assert credit.item is None and credit.role == "moderator"
    assert (credit.person.name, credit.person.affiliation) == ("Ana Exemplo", "Rede Exemplo")


def test_a_credit_without_a_person_is_refused_at_the_field_in_french(editor: Client) -> None:
    event = _event()
    response = editor.post(_url(event, language="fr"), {"credit-role": "speaker"})
    assert response.status_code == 200
    assert "Choisissez une personne trouvée par la recherche" in response.content.decode()
    assert not Contribution.objects.exists()


def test_an_item_of_another_event_is_not_reached_through_this_one(editor: Client) -> None:
    event, other = _event(), _event(slug="another-event")
    theirs = ProgrammeItem.objects.create(event=other, title_en="Theirs")
    assert editor.get(_url(event, f"{theirs.pk}/")).status_code == 404
    assert editor.post(_url(event, f"{theirs.pk}/delete/")).status_code == 404
    assert ProgrammeItem.objects.filter(pk=theirs.pk).exists()


def test_editing_a_talk_keeps_its_paris_time(editor: Client) -> None:
    event = _event()
    talk = ProgrammeItem.objects.create(
        event=event, title_en="Talk", starts_at=datetime.datetime(2031, 4, 28, 16, 40, tzinfo=PARIS)
    )
    page = editor.get(_url(event, f"{talk.pk}/")).content.decode()
    assert 'value="2031-04-28T16:40' in page and "(Paris time)" in page
    response = editor.post(
        _url(event, f"{talk.pk}/"),
        {"kind": "talk", "parent": "", "title_en": "Talk", "starts_local": "2031-04-28T17:00"},
    )
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.starts_at is not None and talk.starts_at.astimezone(PARIS).hour == 17


def test_members_cannot_use_the_builder() -> None:
    event = _event()
    talk = ProgrammeItem.objects.create(event=event, title_en="Talk")
    member = Client()
    member.force_login(make_user("member", role="member"))
    assert member.get(_url(event)).status_code == 403
    assert member.post(_url(event, f"{talk.pk}/delete/")).status_code == 403
    assert ProgrammeItem.objects.filter(pk=talk.pk).exists()


def test_the_event_form_puts_languages_side_by_side_in_the_events_order(editor: Client) -> None:
    event = _event(language_order="fr,en")
    page = editor.get(f"/en/events/staff/{event.slug}/edit/").content.decode()
    assert (
        page.index('name="title_fr"')
        < page.index('name="title_en"')
        < page.index('name="title_es"')
    )
    assert 'name="recording_url"' in page and 'name="material-title"' in page
    checkbox = re.search(r'<label for="id_chatham_house_rule">(.*?)</label>', page, re.S)
    assert checkbox and 'type="checkbox"' in checkbox.group(1)


def test_the_event_form_keeps_bad_input_and_says_why_at_the_field(editor: Client) -> None:
    event = _event()
    response = editor.post(
        f"/fr/events/staff/{event.slug}/edit/",
        {
            "slug": event.slug, "status": "draft", "format": "online", "time_zone": "Europe/Nowhere",
            "language_order": "fr,en", "working_languages": "fr", "title_fr": "Atelier gardé",
            "recording_policy": "none", "starts_local": "2031-04-28T16:00", "ends_local": "2031-04-28T18:00",
        },
    )  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "Europe/Nowhere n’est pas un fuseau horaire connu" in page
    assert 'value="Atelier gardé"' in page


def test_the_preview_shows_a_draft_page_and_its_email_in_each_language(editor: Client) -> None:
    event = _event(
        status="draft", language_order="fr,en", title_fr="Atelier 5", title_en="Workshop 5"
    )
    ProgrammeItem.objects.create(
        event=event, kind="part", title_en="Part one",
        starts_at=datetime.datetime(2031, 4, 28, 16, 10, tzinfo=PARIS),
    )  # fmt: skip
    page = editor.get(f"/en/events/staff/{event.slug}/preview/").content.decode()
    assert "16:10" in page and "Part one" in page
    assert "Your place is confirmed: Workshop 5" in page
    assert "Votre place est confirmée" in page
    assert Client().get(f"/en/events/{event.slug}/").status_code == 404  # still a draft


def test_a_new_event_with_an_empty_spanish_title_is_saved(editor: Client) -> None:
    """A browser posts every language's field, the empty ones as "" (it was a server error)."""
    response = editor.post(
        "/en/events/staff/new/",
        {
            "slug": "workshop-5", "status": "draft", "format": "online", "time_zone": "Europe/Paris",
            "language_order": "fr,en", "working_languages": "fr", "title_fr": "Atelier 5",
            "title_en": "", "title_es": "", "subtitle_es": "", "summary_es": "",
            "recording_policy": "none", "starts_local": "2031-04-28T16:00", "ends_local": "2031-04-28T18:00",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert Event.objects.get(slug="workshop-5").title_es == ""
    event = Event.objects.get(slug="workshop-5")
    assert _add(editor, event, title_en="Talk", title_fr="", title_es="").status_code == 302
