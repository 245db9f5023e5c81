"""A file attached to or removed from a publication is on its public page at once, with whole
pages cached (vigie.core.pagecache): both writes record a change of facts."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vigie.core.pagecache import HIT_HEADER
from vigie.library import services
from vigie.library.tests.factories import make_publication, pdf_upload

pytestmark = pytest.mark.django_db


def test_a_file_attached_or_removed_shows_on_the_cached_page_at_once(
    client: Client, settings: Any
) -> None:
    settings.PAGE_CACHE_SECONDS = 60
    publication = make_publication("report", title_en="A report")
    path = reverse("library:detail", args=["report"])
    assert "(PDF" not in client.get(path).content.decode()
    assert client.get(path)[HIT_HEADER] == "hit"
    services.attach_file(publication=publication, language="fr", upload=pdf_upload("r.pdf", "x"))
    assert "(PDF" in client.get(path).content.decode()
    services.remove_file(publication=publication, language="fr")
    assert "(PDF" not in client.get(path).content.decode()
