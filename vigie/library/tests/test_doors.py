"""What other apps read of the library: strategy outputs, country profiles, citable sources."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client

from vigie.atlas.tests.helpers import make_place
from vigie.core.models import Country
from vigie.core.services import cite_source
from vigie.library import services
from vigie.library.queries import count_publication_coverage, count_publications_released
from vigie.library.tests.factories import make_publication
from vigie.network.models import Coverage, Outlet
from vigie.strategy.loaders import load_plan
from vigie.strategy.models import Plan
from vigie.strategy.reports import outputs_by_pillar

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_reference_data")]


def test_publications_released_count_published_ones_in_the_period_with_evidence() -> None:
    make_publication("in", title_en="In the period", published_on=datetime.date(2025, 2, 1))
    make_publication("before", published_on=datetime.date(2023, 12, 31))
    make_publication("draft", published_on=datetime.date(2025, 3, 1), published=False)
    result = count_publications_released(datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))
    assert result.value == 1
    [row] = result.evidence
    assert (row.label, row.url, row.date) == (
        "In the period",
        "/en/library/in/",
        datetime.date(2025, 2, 1),
    )


def test_pillar_3_shows_publications_and_coverage_per_publication(client: Client) -> None:
    load_plan()
    plan = Plan.objects.get(code="2024-2027")
    publication = make_publication(
        "key", title_en="Key report", published_on=datetime.date(2025, 5, 1)
    )
    make_publication("quiet", title_en="Quiet brief", published_on=datetime.date(2025, 6, 1))
    outlet = Outlet.objects.create(name="Fictional Times")
    coverage = [
        Coverage.objects.create(
            outlet=outlet,
            url=f"https://times.example/{n}",
            published_on=datetime.date(2025, 5, 2),
            tone="neutral",
        )
        for n in range(3)
    ]
    services.save_dissemination_plan(
        publication=publication,
        audiences="",
        notes="",
        journalist_ids=[],
        coverage_ids=[c.pk for c in coverage],
    )
    start, end = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    result = count_publication_coverage(start, end)
    assert result.value == 3
    assert [(e.label, e.detail) for e in result.evidence] == [
        ("Key report", "3 media coverage entries"),
        ("Quiet brief", "0 media coverage entries"),
    ]
    pillar3 = {p.number: p for p in outputs_by_pillar(plan, start, end)}[3]
    outputs = {o.definition.key: o for o in pillar3.outputs}
    assert outputs["publications_released"].value == 2
    assert outputs["publications_released"].evidence_count == 2
    assert outputs["publication_coverage"].value == 3


def test_a_country_profile_lists_the_publications_about_it(client: Client) -> None:
    cache.clear()
    make_place("PT", name="Portugal")
    portugal = Country.objects.get(iso2="PT")
    assert "/en/library/pt-report/" not in client.get("/en/countries/pt/").content.decode()
    make_publication("pt-report", title_en="Portugal report", countries=(portugal,))
    make_publication("pt-draft", countries=(portugal,), published=False)
    page = client.get("/en/countries/pt/").content.decode()
    assert 'href="/en/library/pt-report/"' in page and "pt-draft" not in page


def test_an_atlas_measure_or_a_un_statement_cites_a_publication_by_its_landing_page(
    settings: object,
) -> None:
    settings.SITE_URL = "https://vigie.example"  # type: ignore[attr-defined]
    make_publication("cited", title_en="Cited report", publisher="Fictional Network")
    # The atlas and UN forms record a source through core.services.cite_source by its address:
    # given the landing page, they get the publication's title, publisher and date.
    source = cite_source(url="https://vigie.example/en/library/cited/")
    assert (source.title, source.publisher) == ("Cited report", "Fictional Network")
