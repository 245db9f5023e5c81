"""History is never lost: organisations, contacts and events with history are archived, not deleted."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from vigie.core.models import AuditEntry
from vigie.core.services import archive, restore
from vigie.events.models import Event, Registration
from vigie.events.services import register_participant
from vigie.events.tests.factories import make_event
from vigie.network import services
from vigie.network.models import (
    ConsentRecord,
    Contact,
    Election,
    Funder,
    Grant,
    MentoringPair,
    Organisation,
    VoterRecord,
)
from vigie.network.tests.factories import make_organisation
from vigie.surveys.models import Response
from vigie.surveys.results import round_results
from vigie.surveys.tests.helpers import answer_round, make_media_round

pytestmark = pytest.mark.django_db


def superuser_client() -> Client:
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client


def published_2024() -> tuple[Organisation, Election, dict[str, int]]:
    """Eight organisations answered the 2024 round; one of them (the target) also voted."""
    round_ = make_media_round("2024")
    organisations = [make_organisation() for _ in range(8)]
    for organisation in organisations:
        answer_round(round_, organisation, media_support_change="same")
    target = organisations[0]
    for name in ("2022", "2023"):
        answer_round(make_media_round(name), target, media_support_change="same")
    election = Election.objects.create(
        title="Council 2024",
        seats=1,
        opens_on=datetime.date(2024, 1, 1),
        closes_on=datetime.date(2024, 1, 31),
        term_starts_on=datetime.date(2024, 3, 1),
        term_ends_on=datetime.date(2026, 2, 28),
    )
    VoterRecord.objects.create(election=election, organisation=target)
    figures = {
        "respondents": round_results(round_)["respondents"],
        "voted": election.voters.count(),
    }
    return target, election, figures


def current_figures(election: Election) -> dict[str, int]:
    from vigie.surveys.models import Round

    round_ = Round.objects.get(name="2024")
    return {"respondents": round_results(round_)["respondents"], "voted": election.voters.count()}


def test_deleting_an_organisation_with_history_is_refused_and_figures_stand() -> None:
    target, election, before = published_2024()
    assert before == {"respondents": 8, "voted": 1}
    with pytest.raises(ProtectedError):
        target.delete()
    assert current_figures(election) == before
    assert Response.objects.filter(invitation__organisation=target).count() == 3


def test_admin_delete_of_an_organisation_with_history_is_refused_with_a_message() -> None:
    target, election, before = published_2024()
    client = superuser_client()
    url = reverse("admin:network_organisation_delete", args=[target.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert Organisation.objects.filter(pk=target.pk).exists()
    assert current_figures(election) == before
    text = response.content.decode()
    assert "cannot be deleted" in text and "Archive it instead" in text


def test_archiving_hides_from_public_lists_and_keeps_aggregates() -> None:
    target, election, before = published_2024()
    client = Client()
    assert client.get(reverse("network:organisation", args=[target.slug])).status_code == 200
    archive(obj=target, actor=None)
    target.refresh_from_db()
    assert target.archived_at is not None
    assert current_figures(election) == before
    assert client.get(reverse("network:organisation", args=[target.slug])).status_code == 404
    directory = client.get(reverse("network:directory")).content.decode()
    assert target.name not in directory
    api = client.get("/api/v1/network/organisations").json()
    assert target.slug not in {row["slug"] for row in api}
    assert AuditEntry.objects.filter(
        action="network.organisation.archived", object_id=str(target.pk)
    ).exists()
    restore(obj=target, actor=None)
    assert client.get(reverse("network:organisation", args=[target.slug])).status_code == 200


def test_admin_archive_action() -> None:
    target, _election, _before = published_2024()
    client = superuser_client()
    client.post(
        reverse("admin:network_organisation_changelist"),
        {"action": "archive_selected", "_selected_action": [target.pk]},
    )
    target.refresh_from_db()
    assert target.archived_at is not None
    assert target.archived_by is not None


def test_grants_and_mentoring_protect_their_organisation() -> None:
    mentor, mentee = make_organisation(), make_organisation()
    funder = Funder.objects.create(
        name="Fund (fictional)", kind="foundation", first_seen_on=datetime.date(2024, 1, 1)
    )
    Grant.objects.create(
        funder=funder,
        organisation=mentee,
        kind="core",
        size_band="small",
        started_on=datetime.date(2024, 1, 1),
    )
    MentoringPair.objects.create(
        mentor=mentor,
        mentee=make_organisation(),
        topics="fundraising",
        started_on=datetime.date(2024, 1, 1),
    )
    for organisation in (mentor, mentee):
        with pytest.raises(ProtectedError):
            organisation.delete()


def test_an_organisation_without_history_can_still_be_deleted() -> None:
    organisation = make_organisation()
    organisation.delete()
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_contact_with_consents_is_protected_but_erasure_still_works() -> None:
    target, election, before = published_2024()
    contact = Contact.objects.create(organisation=target, name="Ana (fictional)", email="a@x.org")
    ConsentRecord.objects.create(
        contact=contact, purpose="surveys", granted=True, recorded_on=datetime.date(2024, 1, 1)
    )
    with pytest.raises(ProtectedError):
        contact.delete()
    contacts_before = Contact.objects.filter(organisation=target).count()
    services.erase_contact(contact_id=contact.pk)
    contact.refresh_from_db()
    assert contact.email == "" and contact.erased_on is not None
    assert Contact.objects.filter(organisation=target).count() == contacts_before
    assert current_figures(election) == before


def test_an_event_with_registrations_is_archived_not_deleted() -> None:
    event = make_event()
    register_participant(event=event, name="Bo", email="bo@example.org", language="en")
    with pytest.raises(ProtectedError):
        event.delete()
    client = superuser_client()
    response = client.post(
        reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"}, follow=True
    )
    assert "cannot be deleted" in response.content.decode()
    assert Event.objects.filter(pk=event.pk).exists()
    assert Client().get(reverse("events:detail", args=[event.slug])).status_code == 200
    archive(obj=event)
    assert Client().get(reverse("events:detail", args=[event.slug])).status_code == 404
    assert Registration.objects.filter(event=event).count() == 1


def test_archived_contacts_get_no_survey_mail() -> None:
    from vigie.network.queries import list_survey_contact_emails

    organisation = make_organisation()
    contact = Contact.objects.create(organisation=organisation, name="Di", email="di@x.org")
    ConsentRecord.objects.create(
        contact=contact, purpose="surveys", granted=True, recorded_on=datetime.date(2024, 1, 1)
    )
    assert list_survey_contact_emails(organisation.pk) == ["di@x.org"]
    archive(obj=contact)
    assert list_survey_contact_emails(organisation.pk) == []
