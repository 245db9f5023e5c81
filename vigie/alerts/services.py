"""Subscriptions: ask (double opt-in), confirm, unsubscribe, and the weekly digest.

What changed is read from the apps' doors: each app's ``list_changes_since(since, iso2)``
(atlas, UN, index, events) and the open-data releases. A country subscription reports every
app's changes about that country; a dataset subscription reports the changes of the app behind
the dataset and its new releases.

The digest runs as ``vigie.alerts.digests.queue_due_digests()`` (a plain function for a
scheduler, also the command ``send_alert_digests``): it finds the confirmed subscriptions whose
last digest is a week old and queues one ``send_digest`` task each. The task locks its
subscription, so two workers, or two runs of the function, send one email per week; a week with
no change sends nothing.
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vigie.alerts.models import Subscription, SubscriptionLink
from vigie.atlas import queries as atlas_queries
from vigie.core.changes import Change
from vigie.core.errors import DomainError
from vigie.core.queries import get_country
from vigie.core.tokens import find_link, new_token
from vigie.events import queries as events_queries
from vigie.index import queries as index_queries
from vigie.opendata import queries as opendata_queries
from vigie.un import queries as un_queries

CONFIRM_WINDOW = datetime.timedelta(days=7)  # to confirm an address; then the request is purged
DIGEST_INTERVAL = datetime.timedelta(days=7)
SECTIONS = {
    "atlas": "atlas-measures",
    "un": "un-votes-statements",
    "index": "index-editions",
    "events": "",
}
ChangeQuery = Callable[[datetime.datetime, str], list[Change]]


class SubscriptionError(DomainError):
    """A subscription request names no known country or dataset."""


def _queries() -> dict[str, ChangeQuery]:
    # Looked up on each call, so that a test may replace an app's query.
    return {
        "atlas": atlas_queries.list_changes_since,
        "un": un_queries.list_changes_since,
        "index": index_queries.list_changes_since,
        "events": events_queries.list_changes_since,
    }


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def subject_name(subscription: Subscription) -> str:
    """The country's name or the dataset's title, in the active language."""
    if subscription.country is not None:
        return subscription.country.name
    titles = {d["slug"]: d["title"] for d in opendata_queries.list_datasets()}
    return titles.get(subscription.dataset, subscription.dataset)


def make_link(subscription: Subscription, purpose: str) -> str:
    """A new personal link (absolute, in the subscriber's language); the token is never stored."""
    token, token_hash = new_token()
    SubscriptionLink.objects.create(
        subscription=subscription, purpose=purpose, token_hash=token_hash
    )
    with translation.override(subscription.language):
        return absolute_url(reverse(f"alerts:{purpose}", args=[token]))


def find_subscription(token: str, purpose: str) -> Subscription | None:
    """The subscription a link opens, or None when it is unknown, forged or expired."""
    link = find_link(
        SubscriptionLink.objects.select_related("subscription__country").filter(purpose=purpose),
        token,
    )
    if link is None:
        return None
    if purpose == SubscriptionLink.Purpose.CONFIRM and (
        link.created_at < timezone.now() - CONFIRM_WINDOW
    ):
        return None
    return link.subscription


def request_subscription(
    *, email: str, language: str, country: str = "", dataset: str = ""
) -> Subscription:
    """Record a pending subscription (or renew a pending one) and email the confirmation link.

    An address already confirmed for the same subject gets no new email; the answer is the same,
    so the form does not tell who is subscribed.
    """
    email = email.strip().lower()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    found = get_country(country) if country else None
    if bool(found) == bool(dataset) or (dataset and not opendata_queries.is_dataset(dataset)):
        raise SubscriptionError(_("Choose one country or one dataset."))
    with transaction.atomic():
        subscription, _created = Subscription.objects.get_or_create(
            email=email, country=found, dataset=dataset, defaults={"language": language}
        )
        if subscription.confirmed_at is not None:
            return subscription
        subscription.language = language
        subscription.save(update_fields=["language"])
        subscription.links.filter(purpose=SubscriptionLink.Purpose.CONFIRM).delete()
        link = make_link(subscription, SubscriptionLink.Purpose.CONFIRM)
        unsubscribe_url = make_link(subscription, SubscriptionLink.Purpose.UNSUBSCRIBE)
    with translation.override(subscription.language):
        EmailMessage(
            subject=_("Please confirm your subscription: %(subject)s")
            % {"subject": subject_name(subscription)},
            body=render_to_string(
                "alerts/email/confirm.txt",
                {
                    "subject": subject_name(subscription),
                    "confirm_url": link,
                    "days": CONFIRM_WINDOW.days,
                    "unsubscribe_url": unsubscribe_url,
                },
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscription.email],
            headers=unsubscribe_headers(unsubscribe_url),
        ).send()
    return subscription


def unsubscribe_headers(url: str) -> dict[str, str]:
    """The headers of a one-click unsubscribe link (RFC 2369, RFC 8058), for every email."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def confirm(token: str) -> Subscription | None:
    subscription = find_subscription(token, SubscriptionLink.Purpose.CONFIRM)
    if subscription is None:
        return None
    if subscription.confirmed_at is None:
        now = timezone.now()
        subscription.confirmed_at = now
        subscription.digest_since = now
        subscription.save(update_fields=["confirmed_at", "digest_since"])
    subscription.links.filter(purpose=SubscriptionLink.Purpose.CONFIRM).delete()
    return subscription


def unsubscribe(token: str) -> bool:
    """Delete the subscription the link opens (with its links); False for an unknown link."""
    subscription = find_subscription(token, SubscriptionLink.Purpose.UNSUBSCRIBE)
    if subscription is None:
        return False
    subscription.delete()
    return True


def collect_changes(subscription: Subscription, since: datetime.datetime) -> list[Change]:
    """What changed after ``since`` for this subscription, in the active language."""
    queries = _queries()
    if subscription.country is not None:
        iso2 = subscription.country.iso2
        return [change for query in queries.values() for change in query(since, iso2)]
    sections = [s for s, dataset in SECTIONS.items() if dataset == subscription.dataset]
    changes = [change for section in sections for change in queries[section](since, "")]
    for release in opendata_queries.list_releases_since(since, subscription.dataset):
        changes.append(
            Change(
                section="opendata",
                kind="release",
                label=_("New release"),
                title=f"{subject_name(subscription)} {release['version']}",
                date=release["released_on"],
                url=release["url"],
                country_iso2="",
            )
        )
    return changes


def section_titles() -> dict[str, str]:
    return {
        "atlas": _("Policy atlas"),
        "un": _("UN tracker"),
        "index": _("Drug policy index"),
        "events": _("Events"),
        "opendata": _("Open data releases"),
    }


def build_digest(subscription: Subscription, changes: list[Change]) -> EmailMessage:
    """The digest email in the subscriber's language, with a one-click unsubscribe link in the
    text and in the List-Unsubscribe headers (RFC 2369, RFC 8058)."""
    with translation.override(subscription.language):
        unsubscribe_url = make_link(subscription, SubscriptionLink.Purpose.UNSUBSCRIBE)
        titles = section_titles()
        groups = [
            {
                "title": titles.get(section, section),
                "changes": [
                    {**change, "url": absolute_url(change["url"])}
                    for change in changes
                    if change["section"] == section
                ],
            }
            for section in titles
            if any(change["section"] == section for change in changes)
        ]
        name = subject_name(subscription)
        since = subscription.digest_since or subscription.created_at
        body = render_to_string(
            "alerts/email/digest.txt",
            {
                "subject": name,
                "since": since.date(),
                "groups": groups,
                "unsubscribe_url": unsubscribe_url,
            },
        )
        subject = _("What changed this week: %(subject)s") % {"subject": name}
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers=unsubscribe_headers(unsubscribe_url),
    )


def send_digest(subscription_id: int, due_before: datetime.datetime) -> bool:
    """Send one subscription's digest if its window started before ``due_before`` (not yet sent
    for this week) and something changed; move its window on either way. True when sent."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update()
            .filter(pk=subscription_id, confirmed_at__isnull=False)
            .first()
        )
        since = subscription.digest_since if subscription else None
        if subscription is None or since is None or since > due_before:
            return False  # unknown, unconfirmed, or already sent for this window
        cut = timezone.now()
        subscription = Subscription.objects.select_related("country").get(pk=subscription.pk)
        with translation.override(subscription.language):
            changes = collect_changes(subscription, since)
        sent = bool(changes)
        if sent:
            build_digest(subscription, changes).send()
            subscription.last_sent_at = cut
        subscription.digest_since = cut
        subscription.save(update_fields=["digest_since", "last_sent_at"])
    return sent
