import datetime
import io
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from vigie.core.models import Country
from vigie.core.tests.factories import make_country
from vigie.core.tests.reference import load_bundled_data
from vigie.countries.profile import SECTIONS, get_profile
from vigie.strategy.tests.fakes import install_queries, remove_app

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_profile_marks_sections_of_missing_apps_as_not_available(
    monkeypatch: pytest.MonkeyPatch, client: Client
) -> None:
    for app in {spec.app for spec in SECTIONS}:
        remove_app(monkeypatch, app)
    make_country("PT", name_en="Portugal", name_fr="Portugal", name_es="Portugal")
    response = client.get("/en/countries/pt/")
    assert response.status_code == 200
    assert all(not section.available for section in response.context["profile"].sections)
    assert response.content.decode().count("Not available yet on this site.") == len(SECTIONS)


def _fake_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    def votes(iso2: str) -> list[dict[str, Any]]:
        if iso2 != "PT":
            return []
        return [
            {
                "title": "Resolution 79/123",
                "url": "/en/un/votes/7/",
                "date": datetime.date(2024, 12, 17),
                "vote": "yes",
            }
        ]

    def members(iso2: str) -> list[dict[str, Any]]:
        return (
            [
                {
                    "name": "Example Harm Reduction Collective (fictional)",
                    "url": "/en/network/x/",
                    "email": "private@example.org",
                }
            ]
            if iso2 == "PT"
            else []
        )

    install_queries(
        monkeypatch, "un", list_votes_for_country=votes, list_positions_for_country=lambda iso2: []
    )
    install_queries(monkeypatch, "network", list_member_organisations_in_country=members)
    install_queries(
        monkeypatch,
        "atlas",
        list_measures_for_country=lambda iso2: [],
        get_strongest_measure_by_country=lambda year: {"PT": "Decriminalisation"},
    )


def test_profile_shows_votes_map_position_and_only_public_member_fields(
    monkeypatch: pytest.MonkeyPatch, client: Client
) -> None:
    _fake_apps(monkeypatch)
    make_country("PT", name_en="Portugal", name_fr="Portugal", name_es="Portugal")
    page = client.get("/fr/countries/pt/").content.decode()
    assert 'href="/en/un/votes/7/"' in page
    assert "Resolution 79/123" in page and "yes" in page
    assert "Decriminalisation" in page
    assert "Example Harm Reduction Collective (fictional)" in page
    assert "private@example.org" not in page
    assert '<link rel="canonical" href="http://testserver/fr/countries/pt/">' in page
    assert "<title>Portugal : profil des politiques en matière de drogues · Vigie</title>" in page


def test_unknown_country_is_not_found(client: Client) -> None:
    assert client.get("/en/countries/zz/").status_code == 404


def test_factsheet_pdf_carries_the_profile(monkeypatch: pytest.MonkeyPatch, client: Client) -> None:
    _fake_apps(monkeypatch)
    make_country("PT", name_en="Portugal", name_fr="Portugal", name_es="Portugal")
    response = client.get("/en/countries/pt/factsheet.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Portugal" in text and "Resolution 79/123" in text and "UN votes" in text
    assert "private@example.org" not in text


def test_factsheet_renders_for_every_country_with_bundled_data(client: Client) -> None:
    load_bundled_data()
    with_data = [country for country in Country.objects.all() if get_profile(country).has_data]
    assert with_data
    for country in with_data:
        response = client.get(f"/en/countries/{country.iso2.lower()}/factsheet.pdf")
        assert response.status_code == 200, country.iso2
        assert country.name_en in _pdf_text(response.content)
