import csv
import io

import pytest

from vigie.core.tests.factories import make_user
from vigie.index import services
from vigie.index.models import Edition
from vigie.index.tests.fixtures import DATA, make_computed_edition, make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def published() -> Edition:
    edition = make_computed_edition()
    return services.publish_edition(edition_id=edition.pk)


def _names(page: str) -> list[str]:
    import re

    return re.findall(r'<tr data-unit="(\w+)"', page)


def test_rankings_sort_by_a_column_and_reverse(client, published: Edition) -> None:
    by_rank = _names(client.get(f"/en/index/{published.pk}/").content.decode())
    by_name = _names(client.get(f"/en/index/{published.pk}/?sort=name").content.decode())
    by_name_desc = _names(
        client.get(f"/en/index/{published.pk}/?sort=name&dir=desc").content.decode()
    )
    assert by_name == ["AA", "BB", "DD", "EE", "CC"]  # Alpha, Beta, Delta, Epsilon, Gamma
    assert by_name_desc == list(reversed(by_name))
    assert by_rank != by_name


def test_rankings_filter_by_region(client, published: Edition) -> None:
    from vigie.core.models import Country

    Country.objects.filter(iso2__in=["AA", "BB"]).update(region="150")
    Country.objects.filter(iso2="CC").update(region="002")
    page = client.get(f"/en/index/{published.pk}/?region=150").content.decode()
    assert sorted(_names(page)) == ["AA", "BB"]


def test_drafts_are_hidden_from_the_public_and_shown_to_editors(client) -> None:
    edition = make_computed_edition()
    assert client.get(f"/en/index/{edition.pk}/").status_code == 404
    assert client.get("/api/v1/index/editions/").json() == []
    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    page = client.get(f"/en/index/{edition.pk}/").content.decode()
    assert "Preview: this edition is not published." in page


def test_reweighting_by_url_changes_the_order_and_csv_matches(client, published: Edition) -> None:
    health = client.get(f"/en/index/{published.pk}/reweight/?w=health:1,justice:0&format=csv")
    justice = client.get(f"/en/index/{published.pk}/reweight/?w=health:0,justice:1&format=csv")
    health_rows = list(csv.reader(io.StringIO(health.content.decode())))
    justice_rows = list(csv.reader(io.StringIO(justice.content.decode())))
    assert health_rows[0] == ["# weights", "health=1", "justice=0"]
    assert health_rows[2][1] == "AA"  # most harm-reduction services and funding
    assert justice_rows[2][1] == "CC"  # least pre-trial detention, most alternatives
    assert float(health_rows[2][3]) == pytest.approx(float(health_rows[2][5]))


def test_editor_upload_page_names_the_bad_cell_and_stores_nothing(client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    edition = make_edition(data="")
    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    bad = DATA.replace("CC,Gamma,2,1,5,9", "CC,Gamma,2,1,5,n/a").encode()
    page = client.post(
        f"/en/index/{edition.pk}/manage/", {"file": SimpleUploadedFile("d.csv", bad)}
    ).content.decode()
    assert "unit CC, indicator alternatives" in page
    edition.refresh_from_db()
    assert edition.inputs_csv == ""


def test_editor_computes_and_publishes_through_the_pages(client) -> None:
    edition = make_edition()
    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    client.post(f"/en/index/{edition.pk}/compute/")
    edition.refresh_from_db()
    assert edition.status == Edition.Status.COMPUTED and edition.results.count() == 5
    client.post(f"/en/index/{edition.pk}/publish/")
    edition.refresh_from_db()
    assert edition.is_frozen


def test_members_of_the_public_cannot_manage(client) -> None:
    edition = make_edition()
    assert client.post(f"/en/index/{edition.pk}/compute/").status_code == 403
    assert client.get("/en/index/new/").status_code == 403


def test_open_data_csv_json_and_api(client, published: Edition) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/en/index/{published.pk}/results.csv").content.decode())
        )
    )
    assert len(rows) == 5 and rows[0]["rank"] == "1" and rows[0]["rank_q05"]
    data = client.get(f"/en/index/{published.pk}/results.json").json()
    assert set(data["stages"]) >= {"Raw", "Normalised", "Aggregated"}
    api = client.get(f"/api/v1/index/editions/{published.pk}/results/").json()
    assert next(r["unit_code"] for r in api["results"]) == rows[0]["unit_code"]
    assert client.get(f"/en/index/{published.pk}/inputs.csv").status_code == 404


def test_pages_render_in_three_languages(client, published: Edition) -> None:
    for language, word in (("en", "Rankings"), ("fr", "Classement"), ("es", "Clasificación")):
        for page in ("", "map/", "methodology/", "reweight/", "country/AA/"):
            response = client.get(f"/{language}/index/{published.pk}/{page}")
            assert response.status_code == 200
        assert word in client.get(f"/{language}/index/{published.pk}/").content.decode()
