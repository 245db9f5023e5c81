import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.utils.html import escape
from pypdf import PdfReader

from vigie.atlas import queries as atlas_queries
from vigie.atlas.tests.helpers import make_measure
from vigie.core.models import Country
from vigie.core.tests.factories import make_country
from vigie.core.tests.reference import load_bundled_data
from vigie.countries import views
from vigie.countries.profile import SECTIONS, get_cached_profile, get_profile
from vigie.countries.views import factsheet_html
from vigie.network.models import Contact
from vigie.network.tests.factories import make_organisation
from vigie.un import queries as un_queries
from vigie.un.queries import CountryVoteRecord

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.usefixtures("template_context")
def test_profile_of_a_country_without_records_says_so_in_every_section(
    client: Client, no_reference_data: None
) -> None:
    make_country("PT", name_en="Portugal", name_fr="Portugal", name_es="Portugal")
    response = client.get("/en/countries/pt/")
    assert response.status_code == 200
    assert all(not section.rows for section in response.context["profile"].sections)
    assert response.content.decode().count("Nothing recorded yet.") == len(SECTIONS)


def _record_portugal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Portugal with a member organisation (and its private contact) in the network, one
    recorded UN vote, and the position the atlas gives it on the policy map."""
    portugal = make_country("PT", name_en="Portugal", name_fr="Portugal", name_es="Portugal")
    organisation = make_organisation(
        "Example Harm Reduction Collective (fictional)",
        headquarters=portugal,
        private_notes="private@example.org",
    )
    Contact.objects.create(
        organisation=organisation, name="Private Person", email="private@example.org"
    )

    def votes(iso2: str) -> list[CountryVoteRecord]:
        if iso2 != "PT":
            return []
        return [
            CountryVoteRecord(
                vote_id=7,
                title="Resolution 79/123",
                date=datetime.date(2024, 12, 17),
                date_is_approximate=False,
                forum="UNGA",
                session="79th session",
                vote="yes",
                vote_label="",
                url="/en/un/votes/7/",
            )
        ]

    monkeypatch.setattr(un_queries, "list_votes_for_country", votes)
    monkeypatch.setattr(
        atlas_queries,
        "get_strongest_measure_of_country",
        lambda iso2, year: "Decriminalisation" if iso2 == "PT" else "",
    )


def test_profile_shows_votes_map_position_and_only_public_member_fields(
    monkeypatch: pytest.MonkeyPatch, client: Client
) -> None:
    _record_portugal(monkeypatch)
    page = client.get("/fr/countries/pt/").content.decode()
    assert 'href="/en/un/votes/7/"' in page
    assert "Resolution 79/123" in page and "yes" in page
    assert "Decriminalisation" in page
    assert "Example Harm Reduction Collective (fictional)" in page
    assert "private@example.org" not in page
    assert '<link rel="canonical" href="http://testserver/fr/countries/pt/">' in page
    assert (
        "<title>Portugal\u202f: profil des politiques en matière de drogues · Vigie</title>" in page
    )


def test_unknown_country_is_not_found(client: Client) -> None:
    assert client.get("/en/countries/zz/").status_code == 404


def test_factsheet_pdf_carries_the_profile(monkeypatch: pytest.MonkeyPatch, client: Client) -> None:
    _record_portugal(monkeypatch)
    response = client.get("/en/countries/pt/factsheet.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Portugal" in text and "Resolution 79/123" in text and "UN votes" in text
    assert "private@example.org" not in text


def test_factsheet_renders_for_every_country_with_bundled_data(client: Client) -> None:
    """Every country with data gets its factsheet; WeasyPrint lays out the richest ones (for
    each section, the country with the most rows in it), not the ~190 PDFs of the same
    template, which took half a minute of CPU."""
    load_bundled_data()
    # Cached as the view caches them: each profile is computed once for the HTML and the PDF.
    profiles = {country: get_cached_profile(country) for country in Country.objects.all()}
    with_data = [country for country, profile in profiles.items() if profile.has_data]
    assert with_data
    # Each page reads its own country's measures; the map reads them all: the two agree.
    year = datetime.date.today().year
    on_the_map = atlas_queries.get_strongest_measure_by_country(year)
    assert {country.iso2: str(profile.map_position) for country, profile in profiles.items()} == {
        country.iso2: atlas_queries.get_kind_label(on_the_map[country.iso2])
        if country.iso2 in on_the_map
        else ""
        for country in profiles
    }
    request = RequestFactory().get("/en/countries/")
    request.user = AnonymousUser()
    for country in with_data:
        assert f"<h1>{escape(country.name)}</h1>" in factsheet_html(request, country), country
    richest = {
        max(with_data, key=lambda country: len(profiles[country].sections[index].rows))
        for index in range(len(SECTIONS))
    }
    for country in sorted(richest, key=lambda country: country.iso2):
        response = client.get(f"/en/countries/{country.iso2.lower()}/factsheet.pdf")
        assert response.status_code == 200, country.iso2
        assert country.name_en in _pdf_text(response.content)


@pytest.mark.usefixtures("template_context")
def test_the_profile_page_shows_the_first_rows_of_a_long_section_and_links_to_them_all(
    monkeypatch: pytest.MonkeyPatch, client: Client, no_reference_data: None
) -> None:
    """Its size does not grow with the votes recorded; the factsheet keeps every row."""
    make_country("PT", name_en="Portugal", name_fr="Portugal", name_es="Portugal")
    day = datetime.date(2024, 12, 17)
    votes = [
        CountryVoteRecord(
            vote_id=n,
            title=f"Resolution {n:03d}",
            date=day,
            date_is_approximate=False,
            forum="UNGA",
            session="79th session",
            vote="yes",
            vote_label="",
            url=f"/en/un/votes/{n}/",
        )
        for n in range(120)
    ]
    monkeypatch.setattr(un_queries, "list_votes_for_country", lambda iso2: votes)
    page = client.get("/en/countries/pt/").content.decode()
    shown = views.PROFILE_ROWS_SHOWN
    assert f"Resolution {shown - 1:03d}" in page and f"Resolution {shown:03d}" not in page
    assert f"The first {shown} of 120 rows." in page
    assert 'href="/en/un/countries/PT/">See them all' in page
    assert "The first" not in page.split('id="votes"')[0]  # short sections are shown whole
    sheet = client.get("/en/countries/pt/")
    assert len(sheet.context["profile"].section("votes").rows) == 120


def test_a_profile_reads_its_own_countrys_measures_not_the_whole_map(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A profile's cost must not grow with every other country's measures: it read the whole
    world's map (every country-level measure) to find its own country's position on it."""
    make_measure("pt", "PT", "decrim_de_jure", in_force_on=datetime.date(2001, 7, 1))
    make_measure("co", "CO", "court_ruling", adopted_on=datetime.date(1994, 5, 5))

    def the_whole_map(year: int) -> dict[str, str]:
        raise AssertionError("a profile read the whole map")

    monkeypatch.setattr(atlas_queries, "get_strongest_measure_by_country", the_whole_map)
    portugal = Country.objects.get(iso2="PT")
    assert get_profile(portugal).map_position == atlas_queries.get_kind_label("decrim_de_jure")
