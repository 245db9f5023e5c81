"""A visitor follows a country: subscribes, confirms with the emailed link, receives the next
weekly digest with a new measure of that country, and unsubscribes with the link in it."""

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from vigie.alerts.digests import queue_due_digests
from vigie.alerts.models import Subscription
from vigie.atlas.tests.helpers import make_measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link(message: mail.EmailMessage, kind: str) -> str:
    match = re.search(rf"(http://\S+/alerts/{kind}/\S+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def test_follow_a_country_confirm_receive_the_digest_and_unsubscribe(
    page: Page, live_server: object, settings: Any, reference_data: None
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    settings.SITE_URL = base
    page.goto(f"{base}/fr/alerts/?country=PT")
    page.get_by_role("textbox", name="Courriel").fill("ana@example.org")
    expect(page.get_by_label("À suivre")).to_have_value("country:PT")
    page.get_by_role("button", name="S’abonner").click()
    expect(page.get_by_role("status")).to_contain_text("ana@example.org")

    (asking,) = mail.outbox
    assert asking.to == ["ana@example.org"] and "Portugal" in asking.subject
    page.goto(_link(asking, "confirm"))
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    expect(page.get_by_role("status")).to_contain_text("Vous êtes abonné")

    make_measure("pt-2026", "PT", "decrim_de_jure", title="Portugal, new measure")
    make_measure("uy-2026", "UY", "regulation_adult", title="Uruguay, other measure")
    assert queue_due_digests(now=timezone.now() + datetime.timedelta(days=7)) == 1
    digest = mail.outbox[-1]
    assert digest.subject.startswith("Ce qui a changé cette semaine")
    assert "Portugal, new measure" in str(digest.body)
    assert "Uruguay, other measure" not in str(digest.body)
    unsubscribe = _link(digest, "unsubscribe")
    assert digest.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"

    page.goto(unsubscribe)
    page.get_by_role("button", name="Se désabonner").click()
    expect(page.get_by_role("status")).to_contain_text("Vous êtes désabonné")
    assert not Subscription.objects.exists()
