"""The browser tests' guard against pages that reach outside the test server (a CDN, a font or
map service): every such request is recorded and fails the test that made it."""

from typing import Any

LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")


def watch_external_requests(context: Any, external_requests: list[str]) -> None:
    """Record in ``external_requests`` every request of ``context`` for another host.

    A listener, not ``context.route``: routing sends every request through the test process and
    turns chromium's cache off, which made the browser tests a quarter slower. Nothing leaves
    the machine all the same: chromium is started with a proxy that is not there."""

    def record(request: Any) -> None:
        if not request.url.startswith(LOCAL_PREFIXES):
            external_requests.append(request.url)

    context.on("request", record)
