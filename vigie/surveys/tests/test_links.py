"""Survey personal links: random tokens stored hashed, which stop working when the round closes."""

import datetime
import secrets
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vigie.core.tests.factories import make_user
from vigie.network.models import ConsentRecord, Contact
from vigie.network.tests.factories import make_organisation
from vigie.surveys import services
from vigie.surveys.models import Invitation, InvitationLink, Response
from vigie.surveys.tests.helpers import make_media_round

pytestmark = pytest.mark.django_db


def _open_invitation() -> Invitation:
    round_ = make_media_round(open_now=True)
    return Invitation.objects.create(round=round_, organisation=make_organisation())


def _url(token: str) -> str:
    return reverse("surveys:answer", args=[token])


def test_a_link_expires_when_its_round_closes_even_after_submitting() -> None:
    invitation = _open_invitation()
    token = services.make_token(invitation)
    Response.objects.create(invitation=invitation, submitted_on=timezone.localdate())
    assert Client().get(_url(token)).status_code == 200
    round_ = invitation.round
    round_.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    round_.opens_on = round_.closes_on - datetime.timedelta(days=30)
    round_.save()
    response = Client().get(_url(token))
    assert response.status_code == 410
    assert "Survey closed" in response.content.decode()
    assert services.get_invitation_for_token(token) is None


def test_a_forged_or_guessed_link_opens_nothing() -> None:
    invitation = _open_invitation()
    services.make_token(invitation)
    signed_id = signing.dumps({"invitation": invitation.pk}, salt="vigie.surveys.invitation")
    for token in [signed_id, secrets.token_urlsafe(32)]:
        assert Client().get(_url(token)).status_code == 404, token
        assert services.get_invitation_for_token(token) is None


def test_the_value_stored_in_the_database_opens_nothing() -> None:
    token = services.make_token(_open_invitation())
    (stored,) = InvitationLink.objects.values_list("token_hash", flat=True)
    assert token not in stored and len(token) >= 43
    assert Client().get(_url(stored)).status_code == 404
    assert Client().get(_url(token)).status_code == 200


def test_each_invitation_email_carries_a_new_working_link() -> None:
    round_ = make_media_round(open_now=True)
    organisation = make_organisation()
    contact = Contact.objects.create(organisation=organisation, name="Ana", email="a@example.org")
    ConsentRecord.objects.create(
        contact=contact, purpose="surveys", granted=True, recorded_on=datetime.date(2024, 1, 1)
    )
    services.invite_organisations(round_id=round_.pk, organisation_ids=[organisation.pk])
    services.send_reminders(round_id=round_.pk)
    links = [urlsplit(message.body.rsplit(" ", 1)[-1]).path for message in mail.outbox]
    assert len(links) == 2 and links[0] != links[1]
    for link in links:
        assert Client().get(link).status_code == 200, link


def test_staff_issue_a_link_shown_once() -> None:
    invitation = _open_invitation()
    editor = Client()
    editor.force_login(make_user("ed", role="editor"))
    url = reverse("surveys:round_admin", args=[invitation.round.pk])
    assert "/surveys/answer/" not in editor.get(url).content.decode()
    page = editor.post(url, {"invitation": invitation.pk}).content.decode()
    (link,) = [part for part in page.split('"') if "/surveys/answer/" in part]
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert services.get_invitation_for_token(token) == invitation
    assert "/surveys/answer/" not in editor.get(url).content.decode()
