"""The guard every browser test runs under (``conftest.py``): a request for another host is
recorded, so that the test fails, and is never answered."""

import time

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

FETCH = """url => fetch(url, {mode: 'no-cors'}).then(() => 'answered', () => 'failed')"""


@pytest.mark.parametrize("url", ["http://cdn.example.org/lib.js", "http://192.0.2.1/tiles.png"])
def test_a_request_for_another_host_is_recorded_and_fails_at_once(
    page: Page, external_requests: list[str], url: str
) -> None:
    page.goto("about:blank")
    started = time.monotonic()
    assert page.evaluate(FETCH, url) == "failed"
    assert time.monotonic() - started < 5, "the request waited for an answer from outside"
    assert external_requests == [url]
    external_requests.clear()  # recorded as it should be: not a failure of this test
