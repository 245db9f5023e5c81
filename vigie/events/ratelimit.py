"""Rate limits on the registration form, counted in Django's cache.

Two fixed-window counters: per email address (hashed, across all events) and per client IP
(``REMOTE_ADDR``; behind a reverse proxy, the proxy must set it to the client's address). The
defaults are small: a person registers for a few events at a time, a script for hundreds. Set
``EVENTS_REGISTRATION_LIMITS`` to change them. The counters live in the default cache, shared by
every server process (the database cache, or Redis with ``CACHE_URL``), so the limit holds across
processes.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    # kind: (attempts, per seconds)
    "email": (5, 3600),
    "ip": (20, 3600),
}


def limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "EVENTS_REGISTRATION_LIMITS", {})}


def _hit(kind: str, value: str, attempts: int, seconds: int) -> bool:
    """Count one attempt; True while the count stays within the limit."""
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"vigie:events:rate:{kind}:{digest}:{int(time.time() // seconds)}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= attempts


def allow_registration(*, email: str, ip: str) -> bool:
    """Count a registration attempt from this address and this client; False when over a limit."""
    configured = limits()
    by_email = _hit("email", email.strip().lower(), *configured["email"])
    by_ip = _hit("ip", ip or "unknown", *configured["ip"])
    return by_email and by_ip
