"""Shared test set-up: Playwright drives Debian's chromium against the live test server.

Playwright's own browser download is not reachable here, so the launch points at the system
chromium; a route guard aborts every request that does not go to the test server and fails the
test that made it, which proves pages need no CDN.
"""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright + ORM in tests

CHROMIUM = os.environ.get("CHROMIUM_BIN") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def external_requests() -> list[str]:
    """Every request a browser test tried to send off this machine (aborted)."""
    return []


@pytest.fixture
def context(context: Any, external_requests: list[str]) -> Iterator[Any]:
    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            external_requests.append(url)
            route.abort()

    context.route("**/*", guard)
    yield context
    if external_requests:
        pytest.fail(f"the page tried to reach outside the test server: {external_requests}")


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Start every test in English: a request to /fr/ or /es/ leaves its language active in the
    thread, which would otherwise leak into the next test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
