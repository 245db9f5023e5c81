import datetime
import gzip
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vigie.atlas.importer import MEASURE_COLUMNS
from vigie.atlas.models import MeasureVersion, PolicyMeasure
from vigie.atlas.tests.helpers import make_measure, make_place
from vigie.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def measures() -> None:
    make_place("PT", region="150")
    make_place("UY", region="019")
    make_place("US-OR", "Oregon")
    make_measure("pt", "PT", "decrim_de_jure", in_force_on=datetime.date(2001, 7, 1))
    make_measure(
        "uy",
        "UY",
        "regulation_adult",
        substance_scope="cannabis",
        adopted_on=datetime.date(2013, 12, 20),
    )
    make_measure(
        "or",
        "US-OR",
        "decrim_de_jure",
        in_force_on=datetime.date(2021, 2, 1),
        ended_on=datetime.date(2024, 9, 1),
        status="repealed",
    )


def test_map_page_embeds_records_and_the_server_side_table(client: Client, measures: None) -> None:
    response = client.get(reverse("atlas:map"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="atlas-table"' in body and "vendor/world-atlas/countries-110m.json" in body
    assert "cdn" not in body.lower()
    assert ">PT<" in body and "Oregon" not in body.split('id="atlas-records"')[0]


def test_list_filters_narrow_and_exports_share_the_filters(client: Client, measures: None) -> None:
    everything = client.get(reverse("atlas:list")).content.decode()
    cannabis = client.get(reverse("atlas:list"), {"substance": "cannabis"}).content.decode()
    assert "/measures/pt/" in everything and "/measures/pt/" not in cannabis
    data = json.loads(client.get(reverse("atlas:export_json"), {"substance": "cannabis"}).content)
    assert data["count"] == 1 and "CC BY 4.0" in data["licence"]
    response = client.get(reverse("atlas:export_csv"), {"substance": "cannabis"})
    csv_text = response.content.decode()
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    assert csv_text.splitlines()[0].startswith("code,jurisdiction_code,")
    assert len(csv_text.strip().splitlines()) == 2


def test_jurisdiction_and_measure_pages_show_sources_and_score(
    client: Client, measures: None
) -> None:
    page = client.get(reverse("atlas:jurisdiction", args=["US"])).content.decode()
    assert "/measures/or/" in page and "https://example.org/or" in page
    measure_page = client.get(reverse("atlas:measure", args=["pt"])).content.decode()
    assert "https://example.org/pt" in measure_page and 'id="atlas-score"' in measure_page


def test_pages_speak_french(client: Client, measures: None) -> None:
    response = client.get("/fr/atlas/measures/pt/")
    assert "Résumé de pt" in response.content.decode()


def test_staff_pages_send_anonymous_visitors_to_the_login_page(
    client: Client, measures: None
) -> None:
    response = client.get(reverse("atlas:import"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('core:login')}?next=")
    assert client.get(reverse("atlas:measure_new")).status_code == 302
    assert client.post(reverse("atlas:measure_revert", args=["pt", 1])).status_code == 302


def test_staff_pages_are_forbidden_to_members(client: Client, measures: None) -> None:
    make_user("member", role="member")
    client.login(username="member", password="pw")
    assert client.get(reverse("atlas:import")).status_code == 403
    assert client.get(reverse("atlas:measure_new")).status_code == 403
    assert client.post(reverse("atlas:measure_revert", args=["pt", 1])).status_code == 403
    page = client.get(reverse("atlas:measure", args=["pt"])).content.decode()
    # The history is public, but who changed the entry and the revert buttons are for staff.
    assert 'id="measure-history"' in page
    assert "Revert to this version" not in page and '<th scope="col">Who</th>' not in page


@pytest.mark.usefixtures("template_context")
def test_staff_form_rejects_dates_out_of_order_and_missing_sources(
    client: Client, measures: None
) -> None:
    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    response = client.post(
        reverse("atlas:measure_new"),
        {
            "code": "pt-new",
            "jurisdiction": "PT",
            "title": "x",
            "kind": "decrim_de_jure",
            "status": "in_force",
            "substance_scope": "all",
            "adopted_on": "2020-02-01",
            "in_force_on": "2020-01-01",
            "date_precision": "day",
            "sanction": "none",
            "verification": "verified",
            "summary_en": "x",
            "source_urls": "",
        },
    )
    assert response.status_code == 200
    assert not PolicyMeasure.objects.filter(code="pt-new").exists()
    errors = response.context["form"].errors
    assert "source_urls" in errors
    assert "before" in " ".join(errors["__all__"])


@pytest.mark.usefixtures("template_context")
def test_staff_edit_then_revert_through_the_pages(client: Client, measures: None) -> None:
    editor = make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    form = client.get(reverse("atlas:measure_edit", args=["pt"])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "jurisdiction": "PT",
            "source_urls": "https://example.org/pt",
            "status": "suspended",
            "reverses": "",
        }
    )
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = client.post(reverse("atlas:measure_edit", args=["pt"]), data)
    assert response.status_code == 302
    assert PolicyMeasure.objects.get(code="pt").status == "suspended"
    latest = MeasureVersion.objects.filter(measure_code="pt").first()
    assert latest is not None and latest.actor == editor

    client.post(reverse("atlas:measure_revert", args=["pt", 1]))
    assert PolicyMeasure.objects.get(code="pt").status == "in_force"


def test_import_dry_run_then_apply(client: Client, measures: None) -> None:
    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    header = ",".join(MEASURE_COLUMNS)
    row = dict.fromkeys(MEASURE_COLUMNS, "")
    row.update(
        code="uy-new",
        jurisdiction="UY",
        title="t",
        kind="pilot",
        status="proposed",
        substance_scope="cannabis",
        summary_en="s",
        sources="https://example.org/new",
    )
    text = header + "\n" + ",".join(row[name] for name in MEASURE_COLUMNS) + "\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("atlas:import"), {"file": SimpleUploadedFile("new.csv", text.encode())}
    )
    assert "uy-new" in response.content.decode()
    assert not PolicyMeasure.objects.filter(code="uy-new").exists()
    client.post(reverse("atlas:import"), {"apply": "1", "text": text, "filename": "new.csv"})
    assert PolicyMeasure.objects.filter(code="uy-new").exists()

    bad = text.replace("pilot", "unknown-kind")
    response = client.post(
        reverse("atlas:import"), {"file": SimpleUploadedFile("bad.csv", bad.encode())}
    )
    assert "bad.csv, line 2, field `kind`" in response.content.decode()


def test_api_lists_measures_and_counts_with_definitions(client: Client, measures: None) -> None:
    rows = client.get("/api/v1/atlas/measures", {"kind": "regulation_adult"}).json()
    assert [row["code"] for row in rows] == ["uy"]
    count = client.get(
        "/api/v1/atlas/counts/decriminalisation",
        {"start": "2021-01-01", "end": "2024-12-31", "net": "true"},
    ).json()
    assert count["value"] == 0 and count["definition"]
    assert client.get("/api/v1/atlas/strongest/2020").json() == {
        "PT": "decrim_de_jure",
        "UY": "regulation_adult",
    }


@pytest.mark.parametrize("year", ["0", "-1", "10000"])
def test_api_strongest_answers_a_year_no_date_can_hold_with_a_422(
    client: Client, measures: None, year: str
) -> None:
    response = client.get(f"/api/v1/atlas/strongest/{year}")
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["loc"][-1] == "year"
    assert (
        "greater than or equal to 1" in detail["msg"]
        or "less than or equal to 9999" in (detail["msg"])
    )


def test_api_strongest_accepts_the_last_year_a_date_can_hold(
    client: Client, measures: None
) -> None:
    response = client.get("/api/v1/atlas/strongest/9999")
    assert response.status_code == 200


def test_import_of_a_file_with_an_oversized_cell_names_the_line(
    client: Client, measures: None
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_user("ed", role="editor")
    client.login(username="ed", password="pw")
    text = ",".join(MEASURE_COLUMNS) + "\n" + "x" * 200_000 + "\n"
    response = client.post(
        reverse("atlas:import"), {"file": SimpleUploadedFile("huge.csv", text.encode())}
    )
    assert response.status_code == 200
    assert "huge.csv, line 2: a cell is longer than" in response.content.decode()
    applied = client.post(
        reverse("atlas:import"), {"apply": "1", "text": text, "filename": "h.csv"}
    )
    assert applied.status_code == 200
    assert "h.csv, line 2: a cell is longer than" in applied.content.decode()


def test_measures_csv_neutralises_formula_cells(client: Client, measures: None) -> None:
    make_measure("ar", "UY", "pilot", title='=HYPERLINK("http://e.x","X")')
    text = client.get(reverse("atlas:export_csv")).content.decode()
    assert '\'=HYPERLINK(""http://e.x"",""X"")' in text
    assert ",=HYPERLINK" not in text and ',"=HYPERLINK' not in text


@pytest.mark.usefixtures("template_context")
def test_a_country_with_no_measure_has_a_page_saying_so_and_how_to_propose_one(
    client: Client, measures: None, settings: Any
) -> None:
    make_place("SN", "Senegal")
    settings.DEFAULT_FROM_EMAIL = "Vigie <atlas@example.org>"
    response = client.get("/en/atlas/jurisdictions/SN/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing recorded yet for Senegal" in page
    assert 'href="mailto:atlas@example.org?subject=SN"' in page
    editor = Client()
    editor.force_login(make_user("editor", role="editor"))
    page = editor.get("/en/atlas/jurisdictions/SN/").content.decode()
    assert f'href="{reverse("atlas:measure_new")}?jurisdiction=SN"' in page
    form = editor.get(reverse("atlas:measure_new") + "?jurisdiction=sn").context["form"]
    assert form.initial["jurisdiction"] == "SN"
    assert client.get("/en/atlas/jurisdictions/PT/").status_code == 200
    assert client.get("/en/atlas/jurisdictions/ZZ/").status_code == 404
    assert client.get("/en/atlas/jurisdictions/NOT-A-CODE/").status_code == 404


def test_map_data_is_its_own_json_and_not_inline_in_the_page(
    client: Client, measures: None
) -> None:
    page = client.get(reverse("atlas:map")).content.decode()
    assert 'id="atlas-records"' not in page and "Summary of pt" not in page
    assert f'data-records="{reverse("atlas:map_json")}?v=' in page
    data = json.loads(client.get(reverse("atlas:map_json")).content)
    places = {row[0]: row for row in data["jurisdictions"]}
    assert set(places) == {"PT", "UY", "US-OR"}
    assert places["US-OR"][2] == "" and places["PT"][2] == "620"  # markers have no country id
    oregon = [row for row in data["measures"] if data["jurisdictions"][row[0]][0] == "US-OR"]
    assert [(row[1], row[2], row[3], row[7]) for row in oregon] == [
        ("decrim_de_jure", 2021, 2024, "or")
    ]
    assert data["measure_url"].replace("CODE", "or") == reverse("atlas:measure", args=["or"])


def test_map_json_is_revalidated_by_etag_and_date_and_changes_with_the_data(
    client: Client, measures: None
) -> None:
    first = client.get(reverse("atlas:map_json"))
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first.status_code == 200 and etag and modified
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]
    again = client.get(reverse("atlas:map_json"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    dated = client.get(reverse("atlas:map_json"), HTTP_IF_MODIFIED_SINCE=modified)
    assert dated.status_code == 304
    stale = client.get(reverse("atlas:map_json"), HTTP_IF_NONE_MATCH='"atlas-map-0-xx"')
    assert stale.status_code == 200
    make_measure("uy-2", "UY", "decrim_de_jure", in_force_on=datetime.date(2020, 1, 1))
    changed = client.get(reverse("atlas:map_json"), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "uy-2" in changed.content.decode()


def test_map_json_revalidated_reads_no_body_and_a_request_only_the_compressed_one(
    client: Client, measures: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A revalidation (``304``) read the whole body from the cache, and every request both the
    plain and the compressed body: the cost of the map's data grew with every measure."""
    first = client.get(reverse("atlas:map_json"), HTTP_ACCEPT_ENCODING="gzip")
    read: dict[str, Any] = {}
    reading = cache.get

    def spy(key: str, *args: Any, **kwargs: Any) -> Any:
        read[key] = reading(key, *args, **kwargs)
        return read[key]

    monkeypatch.setattr(cache, "get", spy)
    again = client.get(reverse("atlas:map_json"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and read
    assert not [key for key in read if key.endswith(":json")]
    read.clear()
    packed = client.get(reverse("atlas:map_json"), HTTP_ACCEPT_ENCODING="gzip")
    (body,) = [value for key, value in read.items() if key.endswith(":json")]
    assert set(body) == {"gzip", "jurisdictions", "version", "modified"}  # no plain copy
    assert packed.content == body["gzip"]


def test_map_json_is_sent_compressed_to_clients_that_accept_gzip(
    client: Client, measures: None
) -> None:
    plain = client.get(reverse("atlas:map_json"))
    packed = client.get(reverse("atlas:map_json"), HTTP_ACCEPT_ENCODING="gzip, br")
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content


@pytest.mark.usefixtures("template_context")
def test_list_pages_keep_filters_and_sort_and_count_every_row(
    client: Client, measures: None
) -> None:
    for number in range(60):
        make_measure(
            f"pt-{number:02d}", "PT", "decrim_de_jure", adopted_on=datetime.date(2001, 1, 1)
        )
    first = client.get(reverse("atlas:list"), {"kind": "decrim_de_jure", "sort": "-date"})
    body = first.content.decode()
    assert ">62 measures<" in body.replace("\n", "")
    assert len(first.context["rows"]) == 50
    assert 'href="?kind=decrim_de_jure&amp;sort=-date&amp;page=2"' in body
    second = client.get(
        reverse("atlas:list"), {"kind": "decrim_de_jure", "sort": "-date", "page": "2"}
    )
    codes = [row["code"] for row in second.context["rows"]]
    assert len(codes) == 12 and "uy" not in codes
    everything = [row["code"] for row in first.context["rows"]] + codes
    assert len(set(everything)) == 62  # no row twice, none missing across the two pages
    assert client.get(reverse("atlas:list"), {"page": "999"}).status_code == 200


def test_api_measures_come_a_page_at_a_time_with_total_and_links(
    client: Client, measures: None
) -> None:
    response = client.get("/api/v1/atlas/measures", {"per_page": "2", "substance": "all"})
    assert response.status_code == 200
    assert len(response.json()) == 2 and response["X-Total-Count"] == "2"
    response = client.get("/api/v1/atlas/measures", {"per_page": "1"})
    assert response["X-Total-Count"] == "3"
    assert 'page=2>; rel="next"' in response["Link"] and "per_page=1" in response["Link"]
    last = client.get("/api/v1/atlas/measures", {"per_page": "1", "page": "3"}).json()
    beyond = client.get("/api/v1/atlas/measures", {"per_page": "1", "page": "4"}).json()
    assert len(last) == 1 and beyond == []
    assert client.get("/api/v1/atlas/measures", {"per_page": "100000"}).status_code == 422
    assert client.get("/api/v1/atlas/measures/or").json()["jurisdiction_code"] == "US-OR"
    assert client.get("/api/v1/atlas/measures/nope").status_code == 404


def test_one_jurisdiction_reads_only_its_own_measures(client: Client, measures: None) -> None:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("atlas:jurisdiction", args=["US"])).content.decode()
    assert "/measures/or/" in page and "/measures/pt/" not in page
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "atlas_policymeasure"' in q["sql"]]
    assert reads and all("WHERE" in sql for sql in reads), reads


def test_the_table_under_the_map_is_bounded_and_points_to_the_list(
    client: Client, measures: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vigie.atlas import mapdata

    monkeypatch.setattr(mapdata, "TABLE_ROWS", 1)
    body = client.get(reverse("atlas:map")).content.decode()
    table = body.split('id="atlas-table"')[1].split("</table>")[0]
    assert table.count("<tr>") == 2  # the heading and one of the two jurisdictions in force
    shown = [code for code in ("PT", "UY") if f'<span class="small">{code}</span>' in table]
    assert len(shown) == 1
    assert "And 1 more jurisdiction" in body and f'href="{reverse("atlas:list")}"' in body


def test_only_the_embed_page_may_be_framed_by_other_sites(client: Client, measures: None) -> None:
    embed = client.get(reverse("atlas:embed"))
    assert embed.status_code == 200
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed
    assert b'class="site-header"' not in embed.content
    assert b'id="atlas-map"' in embed.content
    assert b'<h1 class="figure-title" id="atlas-map-title"' in embed.content
    for name in ("atlas:map", "atlas:list"):
        page = client.get(reverse(name))
        assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
        assert page["X-Frame-Options"] == "DENY"


def test_the_map_page_shows_an_embed_snippet_for_the_embed_page(
    client: Client, measures: None
) -> None:
    body = client.get(reverse("atlas:map")).content.decode()
    assert f"&lt;iframe src=&quot;http://testserver{reverse('atlas:embed')}&quot;" in body
