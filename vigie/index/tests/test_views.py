import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from vigie.core.models import Country
from vigie.core.tests.factories import make_user
from vigie.index import services
from vigie.index.models import Edition
from vigie.index.tests.factories import make_computed_edition

pytestmark = pytest.mark.django_db


def test_public_pages_of_a_published_edition(client: Client) -> None:
    edition = make_computed_edition()
    for suffix in ("", "map/", "methodology/", "reweight/", "NOR/", "results.csv", "results.json"):
        assert client.get(f"/en/index/{edition.slug}/{suffix}").status_code == 200, suffix
    assert client.get(f"/fr/index/{edition.slug}/methodology/").status_code == 200


def test_an_unpublished_edition_is_not_public(client: Client) -> None:
    edition = make_computed_edition(publish=False)
    assert client.get(f"/en/index/{edition.slug}/").status_code == 404
    assert client.get("/api/v1/index/editions").json() == []


def test_rank_intervals_are_shown_with_the_ranking(client: Client) -> None:
    edition = make_computed_edition()
    page = client.get(f"/en/index/{edition.slug}/").content.decode()
    assert "Rank interval (5–95%)" in page


def test_reweighted_ranking_downloads_as_csv_with_the_weights(client: Client) -> None:
    edition = make_computed_edition()
    response = client.get(f"/en/index/{edition.slug}/reweight/?w_health=3&w_justice=1&format=csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("rank,unit,name,score,published_rank")
    assert lines[2].startswith("1,PRT,")


def test_inputs_download_only_when_the_edition_says_they_are_open(client: Client) -> None:
    edition = make_computed_edition()
    assert client.get(f"/en/index/{edition.slug}/inputs.csv").status_code == 200
    Edition.objects.filter(pk=edition.pk).update(inputs_are_open=False)
    assert client.get(f"/en/index/{edition.slug}/inputs.csv").status_code == 404


def test_downloads_neutralise_formula_text_and_keep_negative_numbers(client: Client) -> None:
    edition = make_computed_edition()
    Edition.objects.filter(pk=edition.pk).update(
        input_csv="iso3,country,a,b\nPRT,=cmd|' /C calc'!A0,-1.5,10\n"
    )
    Country.objects.filter(iso3="PRT").update(name_en="@SUM(1+1)")
    inputs = client.get(f"/en/index/{edition.slug}/inputs.csv").content.decode()
    assert inputs.splitlines() == ["iso3,country,a,b", "PRT,'=cmd|' /C calc'!A0,-1.5,10"]
    results = client.get(f"/en/index/{edition.slug}/results.csv").content.decode()
    assert "PRT,'@SUM(1+1),PRT" in results


def test_inputs_download_holds_a_cell_longer_than_the_csv_module_reads(client: Client) -> None:
    edition = make_computed_edition()
    long_name = "x" * 200_000
    Edition.objects.filter(pk=edition.pk).update(
        input_csv=f"iso3,country,a,b\nPRT,{long_name},1,2\n"
    )
    response = client.get(f"/en/index/{edition.slug}/inputs.csv")
    assert response.status_code == 200
    assert long_name in response.content.decode()


@pytest.mark.parametrize(("role", "expected"), [(None, 302), ("member", 403), ("editor", 200)])
def test_staff_pages_are_for_editors(client: Client, role: str | None, expected: int) -> None:
    edition = make_computed_edition(publish=False)
    if role:
        client.force_login(make_user(role=role))
    for url in (
        "/en/index/staff/",
        f"/en/index/staff/{edition.slug}/",
        f"/en/index/staff/{edition.slug}/progress/",
    ):
        assert client.get(url).status_code == expected, url
    response = client.post(f"/en/index/staff/{edition.slug}/publish/")
    assert response.status_code == (302 if role == "editor" else expected)


def test_an_editor_publishes_through_the_staff_page(client: Client) -> None:
    edition = make_computed_edition(publish=False)
    client.force_login(make_user(role="editor"))
    client.post(f"/en/index/staff/{edition.slug}/publish/")
    edition.refresh_from_db()
    assert edition.is_frozen


def test_api_lists_results_with_status(client: Client) -> None:
    edition = make_computed_edition()
    results = client.get(f"/api/v1/index/editions/{edition.slug}/results").json()
    assert {row["unit_code"] for row in results} == {"PRT", "NOR", "CAN", "BRA"}
    assert all(row["status"] == "computed" for row in results)


def test_the_edition_title_is_shown_in_the_visitors_language_else_in_english(
    client: Client,
) -> None:
    edition = make_computed_edition(title_fr="Indice d'essai")
    assert "Indice d&#x27;essai" in client.get(f"/fr/index/{edition.slug}/").content.decode()
    assert "Test index" in client.get(f"/es/index/{edition.slug}/").content.decode()


def test_a_new_version_keeps_every_translation() -> None:
    edition = make_computed_edition(title_fr="Indice d'essai", description_es="Descripción")
    copy = services.new_version(edition=edition)
    assert (copy.title_en, copy.title_fr, copy.description_es) == (
        "Test index",
        "Indice d'essai",
        "Descripción",
    )


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_unit_names_the_units_it_cannot_be_told_apart_from(client: Client, language: str) -> None:
    """Issue 15: the page listed codes ("cannot be told apart from: HUN, EST")."""
    edition = make_computed_edition()
    first, second, *_rest = edition.units.select_related("country").order_by("rank")
    edition.indistinguishable = [[first.unit_code, second.unit_code]]
    edition.save()
    with translation.override(language):
        name = second.country.name if second.country else second.name
        label = translation.gettext("Cannot be told apart from:")
        url = reverse("index:unit", args=[edition.slug, first.unit_code])
    html = client.get(url).content.decode()
    told = html[html.index(escape(label)) :]
    told = told[: told.index("</p>")]
    assert escape(name) in told
    assert second.unit_code not in told
