"""Open-data releases: valid Frictionless packages, equal to the site's CSV exports, versioned
with a changelog of the rows added, changed and removed since the previous release."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from vigie.atlas.loaders import load_bundled as load_atlas
from vigie.atlas.models import PolicyMeasure
from vigie.atlas.services import save_measure, snapshot_measure
from vigie.atlas.tests.helpers import make_measure
from vigie.core.tests.factories import make_user
from vigie.index.loaders import load_gdpi_2021
from vigie.index.models import Edition
from vigie.opendata.datasets import DATASETS
from vigie.opendata.models import Release
from vigie.opendata.services import (
    DESCRIPTOR,
    NothingChanged,
    ReleaseError,
    _keyed,
    compare_tables,
    cut_release,
    next_version,
)
from vigie.un.models import Session, Vote

pytestmark = pytest.mark.django_db


def _stored(release: Release, name: str) -> str:
    with default_storage.open(f"{release.folder}/{name}") as handle:
        return handle.read().decode("utf-8")


def _body(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_every_dataset_is_released_as_a_valid_frictionless_package() -> None:
    load_atlas()
    load_gdpi_2021()
    for slug in DATASETS:
        release = cut_release(slug)
        assert release.version == "1.0.0"
        descriptor = Path(default_storage.path(f"{release.folder}/{DESCRIPTOR}"))
        report = frictionless.validate(str(descriptor))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
        command = [str(Path(sys.executable).parent / "frictionless"), "validate", str(descriptor)]
        cli = subprocess.run(command, capture_output=True, text=True, check=False)
        assert cli.returncode == 0, cli.stdout + cli.stderr
        package = json.loads(descriptor.read_text(encoding="utf-8"))
        assert package["version"] == "1.0.0"
        assert package["licenses"][0]["name"] == "CC-BY-4.0"
        assert len(package["sources"]) > 1  # the dataset's page and the sources its rows cite
        for resource in package["resources"]:
            rows = _body(_stored(release, resource["path"]))
            assert [f["name"] for f in resource["schema"]["fields"]] == rows[0]
            assert len(rows) > 1, resource["name"]


def test_a_broken_package_fails_frictionless_validate() -> None:
    """The validation above can fail: a wrong type or a repeated key is reported."""
    make_measure("pt-2001", "PT", "decrim_de_jure")
    release = cut_release("atlas-measures")
    folder = Path(default_storage.path(release.folder))
    rows = _body((folder / "measures.csv").read_text(encoding="utf-8"))
    rows.append(list(rows[1]))  # the same code twice
    rows[1][rows[0].index("assessment_score")] = "many"
    with (folder / "measures.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        resource.pop("bytes"), resource.pop("hash")
    (folder / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
    report = frictionless.validate(str(folder / DESCRIPTOR))
    assert not report.valid
    command = [
        str(Path(sys.executable).parent / "frictionless"),
        "validate",
        str(folder / DESCRIPTOR),
    ]
    assert subprocess.run(command, capture_output=True, check=False).returncode != 0
    assert {"type-error", "primary-key"} <= {e.type for e in report.tasks[0].errors}


def test_released_csv_files_equal_the_site_exports() -> None:
    load_atlas()
    load_gdpi_2021()
    client = Client()
    atlas = cut_release("atlas-measures")
    assert _stored(atlas, "measures.csv") == client.get("/en/atlas/measures.csv").content.decode()

    un = cut_release("un-votes-statements")
    votes = _body(_stored(un, "votes.csv"))
    from_site = [votes[0]]
    for vote in Vote.objects.order_by("date", "code"):
        from_site += _body(client.get(reverse("un:vote_csv", args=[vote.pk])).content.decode())[1:]
    assert votes == from_site and len(votes) > 100
    statements = _body(_stored(un, "statements.csv"))
    from_site = [statements[0]]
    for session in Session.objects.order_by("start_date", "pk"):
        url = reverse("un:session_csv", args=[session.pk])
        from_site += _body(client.get(url).content.decode())[1:]
    assert statements == from_site and len(statements) > 10

    index = cut_release("index-editions")
    edition = Edition.objects.get(is_demonstration=False, status="published")
    url = reverse("index:download", args=[edition.slug, "csv"])
    assert _stored(index, f"{edition.slug}.csv") == client.get(url).content.decode()


def _measure_data(code: str, **changes: object) -> dict[str, object]:
    data = snapshot_measure(PolicyMeasure.objects.get(code=code))
    data.update(changes)
    return data


def test_changelog_lists_rows_added_changed_and_removed_since_the_previous_release() -> None:
    make_measure("pt-2001", "PT", "decrim_de_jure")
    make_measure("uy-2013", "UY", "regulation_adult")
    make_measure("ca-2018", "CA", "regulation_adult")
    first = cut_release("atlas-measures")
    assert first.changelog["previous_version"] == ""
    assert first.changelog["tables"][0]["status"] == "new"

    make_measure("de-2024", "DE", "regulation_adult")  # added
    save_measure(code="uy-2013", data=_measure_data("uy-2013", title="Uruguay, law 19.172"))
    PolicyMeasure.objects.filter(code="ca-2018").delete()  # removed
    second = cut_release("atlas-measures", note="Germany added")

    assert second.version == "1.1.0"
    (table,) = second.changelog["tables"]
    assert second.changelog["previous_version"] == "1.0.0"
    assert second.changelog["previous_date"] == first.released_at.date().isoformat()
    assert table["added"] == ["de-2024"]
    assert table["removed"] == ["ca-2018"]
    assert table["changed"] == [{"key": "uy-2013", "fields": ["title"]}]

    page = Client().get(reverse("opendata:dataset", args=["atlas-measures"])).content.decode()
    assert "Changes since version 1.0.0" in page
    assert "de-2024" in page and "ca-2018" in page and "uy-2013 (title)" in page
    assert "Germany added" in page
    assert f"version 1.1.0 [data set], {second.released_at.date().isoformat()}" in page


def test_no_release_when_nothing_changed() -> None:
    make_measure("pt-2001", "PT", "decrim_de_jure")
    cut_release("atlas-measures")
    with pytest.raises(NothingChanged, match=r"Nothing changed since version 1\.0\.0"):
        cut_release("atlas-measures")
    assert Release.objects.count() == 1


def test_a_lost_column_or_table_makes_a_major_version() -> None:
    old = {"t": _keyed("t", "id,a,b\r\n1,x,y\r\n", ["id"])}
    assert (
        next_version("1.4.0", compare_tables(old, {"t": _keyed("t", "id,a\r\n1,x\r\n", ["id"])}))
        == "2.0.0"
    )
    assert next_version("1.4.0", compare_tables(old, {})) == "2.0.0"
    grown = {"t": _keyed("t", "id,a,b,c\r\n1,x,y,z\r\n", ["id"])}
    changes = compare_tables(old, grown)
    assert changes[0]["columns_added"] == ["c"] and next_version("1.4.0", changes) == "1.5.0"
    assert changes[0]["changed"] == []  # a new column is not a change of every row
    shrunk = compare_tables(old, {"t": _keyed("t", "id,a\r\n1,z\r\n", ["id"])})
    assert shrunk[0]["columns_removed"] == ["b"]
    assert shrunk[0]["changed"] == [{"key": "1", "fields": ["a"]}]


def test_a_release_whose_files_are_gone_is_reported_not_compared() -> None:
    make_measure("pt-2001", "PT", "decrim_de_jure")
    first = cut_release("atlas-measures")
    default_storage.delete(f"{first.folder}/measures.csv")
    make_measure("uy-2013", "UY", "regulation_adult")
    with pytest.raises(ReleaseError, match=r"previous release \(1\.0\.0\) lost its file"):
        cut_release("atlas-measures")
    assert Release.objects.count() == 1


def test_a_repeated_or_empty_key_is_refused_with_its_line() -> None:
    with pytest.raises(ReleaseError, match=r"t\.csv, line 3: the key '1'"):
        _keyed("t", "id,a\r\n1,x\r\n1,y\r\n", ["id"])
    with pytest.raises(ReleaseError, match=r"t\.csv, line 2, field `id`: the key is empty"):
        _keyed("t", "id,a\r\n,x\r\n", ["id"])


def test_staff_cut_a_release_through_the_form_and_anyone_downloads_it() -> None:
    make_measure("pt-2001", "PT", "decrim_de_jure")
    url = reverse("opendata:staff")
    assert Client().get(url).status_code == 302
    member = Client()
    member.force_login(make_user("reader", role="member"))
    assert member.post(url, {"dataset": "atlas-measures"}).status_code == 403
    assert not Release.objects.exists()
    editor = Client()
    editor.force_login(make_user("releaser", role="editor"))
    response = editor.post(url, {"dataset": "atlas-measures", "note": "First"})
    assert response.status_code == 302
    release = Release.objects.get()
    assert release.released_by is not None and release.note == "First"
    again = editor.post(url, {"dataset": "atlas-measures"})
    assert "Nothing changed since version 1.0.0" in again.content.decode()

    visitor = Client()
    page = visitor.get(reverse("opendata:dataset", args=["atlas-measures"])).content.decode()
    csv_url = reverse("opendata:file", args=["atlas-measures", "1.0.0", "measures.csv"])
    assert csv_url in page
    download = visitor.get(csv_url)
    assert download["Content-Type"].startswith("text/csv")
    assert b"".join(download).decode() == _stored(release, "measures.csv")
    descriptor = visitor.get(
        reverse("opendata:file", args=["atlas-measures", "1.0.0", "datapackage.json"])
    )
    assert json.loads(b"".join(descriptor))["version"] == "1.0.0"
    other = reverse("opendata:file", args=["atlas-measures", "1.0.0", "secret.csv"])
    assert visitor.get(other).status_code == 404


def test_the_command_cuts_releases_and_says_why_not() -> None:
    make_measure("pt-2001", "PT", "decrim_de_jure")
    out = io.StringIO()
    call_command("cut_release", "atlas-measures", note="n", stdout=out)
    assert "atlas-measures 1.0.0" in out.getvalue()
    with pytest.raises(CommandError, match="Nothing changed"):
        call_command("cut_release", "atlas-measures", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Unknown dataset"):
        call_command("cut_release", "nope", stdout=io.StringIO())
