"""Fixed-window rate limits counted in Django's cache, shared by the public forms.

``hit`` counts one attempt of a kind (an email address, a client IP, …) in the current window
and says whether the count is still within the limit. The value is hashed before it becomes a
cache key. The counters live in the default cache: with the per-process local-memory cache each
server process counts on its own, so a site with several processes should use a shared cache
(Redis, Memcached or the database cache) to hold a limit exactly.
"""

import hashlib
import time

from django.core.cache import cache


def hit(scope: str, kind: str, value: str, attempts: int, seconds: int) -> bool:
    """Count one attempt; True while the count stays within ``attempts`` per ``seconds``."""
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"vigie:{scope}:rate:{kind}:{digest}:{int(time.time() // seconds)}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= attempts


def allow_request(scope: str, *, email: str, ip: str, limits: dict[str, tuple[int, int]]) -> bool:
    """Count one form request by address and by client (``limits``: kind → (attempts, seconds)
    for ``email`` and ``ip``); False when either is over its limit."""
    by_email = hit(scope, "email", email.strip().lower(), *limits["email"])
    by_ip = hit(scope, "ip", ip or "unknown", *limits["ip"])
    return by_email and by_ip
