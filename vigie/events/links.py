"""Personal links: a signed registration key that lets a person manage their place without an account."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from vigie.events.models import Registration

SALT = "vigie.events.registration"


def make_token(registration: Registration) -> str:
    return signing.Signer(salt=SALT).sign(str(registration.key))


def get_registration_for_token(token: str) -> Registration | None:
    """The registration a token names, or None when the token was forged or altered."""
    try:
        key = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("event").filter(key=key).first()


def personal_url(registration: Registration, *, absolute: bool = True) -> str:
    with translation.override(registration.language):
        path = reverse("events:registration", args=[make_token(registration)])
    return f"{settings.SITE_URL.rstrip('/')}{path}" if absolute else path


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"
