"""Issue 15: a survey's title in the browser tab is in the reader's language."""

import re

import pytest
from django.test import Client

from vigie.surveys.tests.helpers import make_media_round


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "title"), [("fr", "Sondage médias"), ("es", "Encuesta")])
def test_the_results_page_title_is_in_the_readers_language(
    client: Client, language: str, title: str
) -> None:
    round_ = make_media_round("2024")
    html = client.get(f"/{language}/surveys/rounds/{round_.pk}/results/").content.decode()
    tab = re.search(r"<title>(.*?)</title>", html, re.S)
    assert tab is not None
    assert title in tab.group(1)
    assert "Media survey" not in tab.group(1)
