"""Personal links: a random token that lets a person manage their place without an account.

Each link is 32 random bytes from ``secrets.token_urlsafe``; the database keeps only the token's
SHA-256 hash (``RegistrationLink.token_hash``), so a copy of the database opens nothing, and the
hash is compared in constant time. A link lives as long as the thing it opens: it expires
``LINK_GRACE`` after the event ends (computed from the event, so it follows a rescheduled event).
A link that was not mailed (the browser's, right after the form) only works while the
registration waits for its email confirmation.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from vigie.core.tokens import LinkState, find_link, new_token
from vigie.events.models import Registration, RegistrationLink

LINK_GRACE = datetime.timedelta(days=1)
CONFIRMATION_WINDOW = datetime.timedelta(hours=1)  # to confirm one's address after the form


@dataclass(frozen=True)
class LinkCheck:
    state: LinkState
    registration: Registration | None = None
    mailed: bool = False


def link_expires_at(registration: Registration) -> datetime.datetime:
    return registration.event.ends_at + LINK_GRACE


def make_token(registration: Registration, *, mailed: bool = True) -> str:
    """Issue a new personal link for a registration; the token is returned once, never stored."""
    token, token_hash = new_token()
    RegistrationLink.objects.create(registration=registration, token_hash=token_hash, mailed=mailed)
    return token


def check_token(token: str, now: datetime.datetime | None = None) -> LinkCheck:
    """What a token opens: a valid registration, an expired link, or nothing."""
    link = find_link(RegistrationLink.objects.select_related("registration__event"), token)
    if link is None:
        return LinkCheck(LinkState.UNKNOWN)
    registration = link.registration
    now = now or timezone.now()
    expired = now >= link_expires_at(registration)
    if not link.mailed and registration.status != Registration.Status.PENDING:
        expired = True
    if expired:
        return LinkCheck(LinkState.EXPIRED, registration, link.mailed)
    return LinkCheck(LinkState.VALID, registration, link.mailed)


def get_registration_for_token(token: str) -> Registration | None:
    """The registration a valid token opens, or None when it is unknown, forged or expired."""
    check = check_token(token)
    return check.registration if check.state is LinkState.VALID else None


def personal_url(registration: Registration, *, absolute: bool = True) -> str:
    """A new mailed link to the registration's page (call it only for a message to its address)."""
    with translation.override(registration.language):
        path = reverse("events:registration", args=[make_token(registration)])
    return f"{settings.SITE_URL.rstrip('/')}{path}" if absolute else path


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"
