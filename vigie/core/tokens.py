"""Personal link tokens: random, shown once, stored only as a hash.

A link token is 32 random bytes from ``secrets.token_urlsafe``; the database keeps its SHA-256
hash, so a copy of the database opens nothing, and look-ups compare the hash in constant time.
Events (registration links) and surveys (invitation links) both issue them; each app decides how
long its links live.
"""

import enum
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import QuerySet

if TYPE_CHECKING:
    from vigie.core.models import HashedLink

LinkT = TypeVar("LinkT", bound="HashedLink")

TOKEN_BYTES = 32


class LinkState(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh token and the hash to store for it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def hashes_match(stored: str, token: str) -> bool:
    return hmac.compare_digest(stored, hash_token(token))


def find_link(links: "QuerySet[Any, LinkT]", token: str) -> LinkT | None:
    """The link of ``links`` whose stored hash is the token's (checked in constant time), or
    None; ``links`` is a queryset of a ``core.models.HashedLink`` model."""
    link = links.filter(token_hash=hash_token(token)).first()
    if link is None or not hashes_match(link.token_hash, token):
        return None
    return link
