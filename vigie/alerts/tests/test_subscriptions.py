"""Follow a country or a dataset: double opt-in, digests in the subscriber's language, one-click
unsubscribe, rate limits, and a subscriber list that only staff see."""

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from vigie.alerts import services
from vigie.alerts.digests import queue_due_digests
from vigie.alerts.models import Subscription, SubscriptionLink
from vigie.atlas.tests.helpers import make_measure
from vigie.core.tests.factories import make_user
from vigie.core.tokens import hash_token
from vigie.events.tests.factories import make_event
from vigie.opendata.services import cut_release

pytestmark = pytest.mark.django_db
WEEK = datetime.timedelta(days=7)


@pytest.fixture(autouse=True)
def _fresh(settings: Any, tmp_path: Path) -> None:
    cache.clear()
    settings.SITE_URL = "http://testserver"
    settings.MEDIA_ROOT = tmp_path / "media"


def _link(message: mail.EmailMessage, kind: str) -> str:
    match = re.search(rf"http://testserver(/\w\w/alerts/{kind}/[^/\s]+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def _subscribe(client: Client, email: str, follow: str, language: str = "en") -> Any:
    return client.post(
        reverse("alerts:subscribe"), {"email": email, "follow": follow, "language": language}
    )


def _confirmed(email: str, follow: str, language: str = "en") -> Subscription:
    client = Client()
    _subscribe(client, email, follow, language)
    confirm = _link(mail.outbox.pop(), "confirm")
    assert client.post(confirm).status_code == 200
    return Subscription.objects.get(email=email)


def test_double_opt_in_in_the_chosen_language_with_hashed_links() -> None:
    client = Client()
    response = _subscribe(client, "Ana@Example.org", "country:PT", language="fr")
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.email == "ana@example.org" and subscription.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject.startswith("Merci de confirmer votre abonnement")
    confirm = _link(message, "confirm")
    assert confirm.startswith("/fr/alerts/confirm/")
    # Every email, this one too, can be unsubscribed from in one click.
    cancel = _link(message, "unsubscribe")
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{cancel}>"
    token = confirm.rstrip("/").rsplit("/", 1)[1]
    stored = SubscriptionLink.objects.get(purpose="confirm")
    assert stored.token_hash == hash_token(token) and token not in stored.token_hash
    # Opening the link asks; only the button confirms (a mail scanner confirms nothing).
    assert "Confirmer mon abonnement" in client.get(confirm).content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert "Vous êtes abonné" in client.post(confirm).content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None and subscription.digest_since is not None
    assert "pas valide" in client.post(confirm).content.decode()  # used once


def test_the_periodic_task_queues_the_due_digests() -> None:
    from vigie.alerts.digests import queue_alert_digests

    subscription = _confirmed("ana@example.org", "country:PT")
    Subscription.objects.filter(pk=subscription.pk).update(
        digest_since=timezone.now() - WEEK - datetime.timedelta(minutes=1)
    )
    make_measure("pt-2001", "PT", "decrim_de_jure", title="Portugal decriminalisation")
    assert queue_alert_digests.enqueue().return_value == 1
    (digest,) = mail.outbox
    assert "Portugal decriminalisation" in str(digest.body)
    assert queue_alert_digests.enqueue().return_value == 0


def test_no_digest_without_confirmation_and_stale_requests_are_purged() -> None:
    _subscribe(Client(), "late@example.org", "country:PT")
    make_measure("pt-2001", "PT", "decrim_de_jure")
    assert queue_due_digests(now=timezone.now() + WEEK) == 0
    assert len(mail.outbox) == 1  # the confirmation request only
    assert queue_due_digests(now=timezone.now() + WEEK + WEEK) == 0
    assert not Subscription.objects.exists()


def test_weekly_digest_reports_the_country_changes_once_with_one_click_unsubscribe() -> None:
    subscription = _confirmed("ana@example.org", "country:PT", language="es")
    make_measure("pt-2001", "PT", "decrim_de_jure", title="Portugal decriminalisation")
    make_measure("uy-2013", "UY", "regulation_adult", title="Uruguay regulation")
    event = make_event(title_en="Lisbon meeting", title_es="Reunión de Lisboa")
    event.countries.add(subscription.country)  # type: ignore[arg-type]

    assert queue_due_digests() == 0  # not a week yet
    week_later = timezone.now() + WEEK
    assert queue_due_digests(now=week_later) == 1
    (digest,) = mail.outbox
    body = str(digest.body)
    assert digest.subject.startswith("Lo que cambió esta semana")
    assert "Portugal decriminalisation" in body and "Uruguay regulation" not in body
    assert "Reunión de Lisboa" in body
    assert "Atlas de políticas" in body
    unsubscribe = _link(digest, "unsubscribe")
    assert digest.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Not twice in a week, not twice for one window (a task queued twice), and a week with no
    # change sends nothing.
    assert queue_due_digests(now=timezone.now() + datetime.timedelta(days=6)) == 0
    assert services.send_digest(subscription.pk, week_later - WEEK) is False
    assert queue_due_digests(now=timezone.now() + WEEK) == 1
    assert len(mail.outbox) == 1

    # The mail client's one-click POST (RFC 8058) carries no CSRF token and unsubscribes.
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert not SubscriptionLink.objects.exists()


def test_a_dataset_subscription_reports_its_changes_and_new_releases() -> None:
    _confirmed("researcher@example.org", "dataset:atlas-measures")
    make_measure("uy-2013", "UY", "regulation_adult", title="Uruguay regulation")
    make_event(title_en="Unrelated event")
    cut_release("atlas-measures")
    queue_due_digests(now=timezone.now() + WEEK)
    (digest,) = mail.outbox
    body = str(digest.body)
    assert "Uruguay regulation" in body and "New release" in body and "1.0.0" in body
    assert "Unrelated event" not in body


def test_an_unknown_subject_is_refused_on_the_form() -> None:
    response = _subscribe(Client(), "ana@example.org", "dataset:nothing")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(services.SubscriptionError):
        services.request_subscription(email="a@example.org", language="en", dataset="nothing")
    assert not Subscription.objects.exists() and not mail.outbox


@override_settings(ALERTS_SUBSCRIPTION_LIMITS={"email": (2, 3600), "ip": (4, 3600)})
def test_subscription_requests_are_rate_limited() -> None:
    client = Client()
    assert _subscribe(client, "ana@example.org", "country:PT").status_code == 200
    assert _subscribe(client, "ana@example.org", "country:UY").status_code == 200
    assert _subscribe(client, "ana@example.org", "country:FR").status_code == 429
    assert _subscribe(client, "ben@example.org", "country:FR").status_code == 200
    assert _subscribe(client, "cy@example.org", "country:FR").status_code == 429  # the client
    assert Subscription.objects.count() == 3


def test_the_subscriber_list_is_visible_to_staff_only() -> None:
    _confirmed("hidden-subscriber@example.org", "country:PT")
    url = reverse("alerts:staff")
    anonymous = Client()
    assert anonymous.get(url).status_code == 302
    member = Client()
    member.force_login(make_user("member", role="member"))
    assert member.get(url).status_code == 403
    editor = Client()
    editor.force_login(make_user("editor", role="editor"))
    assert "hidden-subscriber@example.org" in editor.get(url).content.decode()
    for public in (reverse("alerts:subscribe"), reverse("opendata:home")):
        assert "hidden-subscriber" not in anonymous.get(public).content.decode()
    # Asking again for the same subject says the same and sends nothing: no one learns who
    # is subscribed.
    again = _subscribe(anonymous, "hidden-subscriber@example.org", "country:PT")
    assert "Check your email" in again.content.decode() and not mail.outbox


def test_a_country_profile_and_a_dataset_page_lead_to_the_form_with_the_subject_chosen() -> None:
    client = Client()
    profile = client.get(reverse("countries:profile", args=["pt"])).content.decode()
    assert f"{reverse('alerts:subscribe')}?country=PT" in profile
    form = client.get(f"{reverse('alerts:subscribe')}?country=PT").content.decode()
    assert '<option value="country:PT" selected>' in form
    page = client.get(reverse("opendata:dataset", args=["un-votes-statements"])).content.decode()
    assert f"{reverse('alerts:subscribe')}?dataset=un-votes-statements" in page
    form = client.get(f"{reverse('alerts:subscribe')}?dataset=un-votes-statements").content.decode()
    assert '<option value="dataset:un-votes-statements" selected>' in form
