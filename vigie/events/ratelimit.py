"""Rate limits on the registration form, counted in Django's cache.

Two fixed-window counters: per email address (hashed, across all events) and per client IP
(``REMOTE_ADDR``; behind a reverse proxy, the proxy must set it to the client's address). The
defaults are small: a person registers for a few events at a time, a script for hundreds. Set
``EVENTS_REGISTRATION_LIMITS`` to change them. The counters live in the default cache, shared by
every server process (the database cache, or Redis with ``CACHE_URL``), so the limit holds across
processes.
"""

from django.conf import settings

from vigie.core.ratelimit import allow_request

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    # kind: (attempts, per seconds)
    "email": (5, 3600),
    "ip": (20, 3600),
}


def limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "EVENTS_REGISTRATION_LIMITS", {})}


def allow_registration(*, email: str, ip: str) -> bool:
    """Count a registration attempt from this address and this client; False when over a limit."""
    return allow_request("events", email=email, ip=ip, limits=limits())
