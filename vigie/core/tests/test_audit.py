"""Every write by any role lands in the audit log, and editors can read an object's history."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from vigie.core.models import AuditEntry, Source
from vigie.core.tests.factories import make_user
from vigie.events.services import (
    cancel_registration,
    confirm_registration,
    register_participant,
    save_event,
    update_registration,
)
from vigie.events.tests.factories import make_event
from vigie.network.tests.factories import make_member, make_organisation
from vigie.surveys import services as surveys
from vigie.surveys.models import Invitation
from vigie.surveys.tests.helpers import make_media_round

pytestmark = pytest.mark.django_db


def entries(action: str, obj: object) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            action=action,
            object_type=obj._meta.label_lower,  # type: ignore[attr-defined]
            object_id=str(obj.pk),  # type: ignore[attr-defined]
        )
    )


def profile_post(**changes: str) -> dict[str, str]:
    data = {
        "website": "https://example.org",
        "focus_areas": "press freedom",
        "languages": "en",
        "summary_en": "A fictional organisation.",
        "summary_fr": "",
        "summary_es": "",
        "annual_budget_band": "",
    }
    data.update(changes)
    return data


def test_member_profile_edit_is_audited_with_who_and_what() -> None:
    organisation = make_organisation()
    member = make_member("amina", organisation)
    client = Client()
    client.force_login(member)
    url = reverse("network:organisation_edit", args=[organisation.slug])
    response = client.post(url, profile_post(summary_en="We changed our summary."))
    assert response.status_code == 302
    [entry] = entries("network.organisation.profile_edited", organisation)
    assert entry.actor == member
    assert "summary_en" in entry.changes["fields"]
    assert entry.created_at is not None


def test_registration_writes_are_audited() -> None:
    event = make_event(capacity=1)
    user = make_user("bo")
    first = register_participant(
        event=event, name="Bo", email="bo@example.org", language="en", user=user
    )
    second = register_participant(event=event, name="Cy", email="cy@example.org", language="en")
    [created] = entries("events.registration.created", first)
    assert created.actor == user
    assert entries("events.registration.created", second)
    for registration in (first, second):
        confirm_registration(registration=registration)
        assert entries("events.registration.confirmed", registration)
    update_registration(
        registration=first,
        name="Bo B.",
        organisation="",
        organisation_type="",
        country=None,
        language="en",
        answers={},
    )
    assert entries("events.registration.changed", first)
    cancel_registration(registration=first)
    assert entries("events.registration.cancelled", first)
    assert entries("events.registration.promoted", second)
    editor = make_user("ed", role="editor")
    event.capacity = 5
    save_event(event=event, actor=editor, changes={"fields": ["capacity"]})
    assert entries("events.event.changed", event)[0].actor == editor


def test_survey_writes_are_audited_without_the_answers() -> None:
    round_ = make_media_round(open_now=True)
    organisation = make_organisation()
    editor = make_user("ed", role="editor")
    assert surveys.invite_organisations(
        round_id=round_.pk, organisation_ids=[organisation.pk], actor=editor
    )
    invitation = Invitation.objects.get(round=round_, organisation=organisation)
    assert entries("surveys.invitation.created", invitation)[0].actor == editor
    surveys.send_reminders(round_id=round_.pk, actor=editor)
    assert entries("surveys.invitation.reminded", invitation)
    response = surveys.save_answers(
        invitation_id=invitation.pk, answers={"media_support_change": "same"}, submit=False
    )
    [saved] = entries("surveys.response.saved", response)
    assert "same" not in str(saved.changes)
    surveys.save_answers(
        invitation_id=invitation.pk, answers={"media_support_change": "same"}, submit=True
    )
    assert entries("surveys.response.submitted", response)


def test_admin_writes_are_mirrored_in_the_audit_log() -> None:
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client = Client()
    client.force_login(admin)
    response = client.post(
        reverse("admin:core_source_add"),
        {"url": "https://example.org/report", "title": "Report", "publisher": "Fict"},
    )
    assert response.status_code == 302
    source = Source.objects.get(url="https://example.org/report")
    [entry] = entries("core.source.admin_added", source)
    assert entry.actor == admin


def test_editors_read_an_objects_history_and_members_cannot() -> None:
    organisation = make_organisation()
    member = make_member("amina", organisation)
    client = Client()
    client.force_login(member)
    client.post(
        reverse("network:organisation_edit", args=[organisation.slug]),
        profile_post(summary_en="New summary."),
    )
    url = reverse("core:object_history", args=["network", "organisation", organisation.pk])
    assert client.get(url).status_code == 403
    assert Client().get(url).status_code == 302
    editor = Client()
    editor.force_login(make_user("ed", role="editor"))
    page = editor.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "network.organisation.profile_edited" in text and "amina" in text
    missing = reverse("core:object_history", args=["network", "organisation", 999999])
    assert editor.get(missing).status_code == 404
    unknown = reverse("core:object_history", args=["network", "nothing", 1])
    assert editor.get(unknown).status_code == 404


def test_staff_pages_link_to_the_history() -> None:
    organisation = make_organisation()
    event = make_event()
    editor = Client()
    editor.force_login(make_user("ed", role="editor"))
    history = reverse("core:object_history", args=["network", "organisation", organisation.pk])
    assert (
        history
        in editor.get(reverse("network:organisation", args=[organisation.slug])).content.decode()
    )
    member = Client()
    member.force_login(make_member("amina", organisation))
    assert (
        history
        not in member.get(
            reverse("network:organisation", args=[organisation.slug])
        ).content.decode()
    )
    event_history = reverse("core:object_history", args=["events", "event", event.pk])
    page = editor.get(reverse("events:staff_registrations", args=[event.slug]))
    assert event_history in page.content.decode()
    assert editor.get(event_history).status_code == 200
