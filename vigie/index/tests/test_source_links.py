"""A source without a web address is named, not turned into a link that leads nowhere."""

import pytest
from django.test import Client

from vigie.core.templatetags.vigie import source_link
from vigie.index.loaders import load_gdpi_2021
from vigie.index.models import Edition

pytestmark = pytest.mark.django_db


def test_a_source_named_without_an_address_is_plain_text() -> None:
    load_gdpi_2021()
    edition = Edition.objects.get(family="gdpi")
    content = Client().get(f"/en/index/{edition.slug}/MAR/").content.decode()
    assert "Ghana news article (no address recorded)" in content
    assert 'href="Ghana' not in content
    norway = Client().get(f"/en/index/{edition.slug}/NOR/").content.decode()
    assert 'href="https://idpc.net/press/2021/11/' in norway


def test_only_web_addresses_become_links() -> None:
    assert source_link("https://example.org/a?b=1&c=2", "source 1") == (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener">source 1</a>'
    )
    assert "<a" not in source_link("javascript:alert(1)")
    assert "<a" not in source_link("Ministry circular, 2023", "source 1")
    assert "Ministry circular, 2023" in source_link("Ministry circular, 2023", "source 1")
