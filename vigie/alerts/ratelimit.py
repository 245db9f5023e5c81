"""Rate limits on the subscription form (``vigie.core.ratelimit``): per address and per client.

A person follows a few countries; a script would mail hundreds of confirmation requests to
strangers. Set ``ALERTS_SUBSCRIPTION_LIMITS`` to change the defaults.
"""

from django.conf import settings

from vigie.core.ratelimit import allow_request

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    # kind: (attempts, per seconds)
    "email": (5, 3600),
    "ip": (20, 3600),
}


def allow_subscription(*, email: str, ip: str) -> bool:
    """Count a subscription request; False when the address or the client is over a limit."""
    configured = {**DEFAULT_LIMITS, **getattr(settings, "ALERTS_SUBSCRIPTION_LIMITS", {})}
    return allow_request("alerts", email=email, ip=ip, limits=configured)
