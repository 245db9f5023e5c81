"""Every CSV export of the site is plain RFC 4180: UTF-8, the header on the first line, no comment
or licence line above it, so that ``pandas.read_csv`` (and R, and spreadsheets) read its columns."""

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.test import Client
from django.urls import reverse

from vigie.core.tests.factories import make_user
from vigie.core.tests.reference import bundled_data_for_a_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with bundled_data_for_a_module(django_db_blocker, demo=True):
        yield


def _exports() -> list[tuple[str, list[str]]]:
    """Each CSV address of the site with the first columns its header must name."""
    from vigie.events.models import Event
    from vigie.events.staff_views import REGISTRATION_COLUMNS
    from vigie.index.models import Edition
    from vigie.index.queries import public_editions
    from vigie.index.views import RESULT_FIELDS
    from vigie.surveys.models import Round
    from vigie.un.models import Session, Vote

    edition = public_editions().exclude(dimension_weights={}).first() or public_editions().first()
    assert edition is not None
    exports = [
        (reverse("atlas:export_csv"), ["code", "jurisdiction_code", "jurisdiction_name"]),
        (reverse("un:vote_csv", args=[Vote.objects.first().pk]), ["vote_id", "iso2", "iso3"]),  # type: ignore[union-attr]
        (
            reverse("un:session_csv", args=[Session.objects.first().pk]),  # type: ignore[union-attr]
            ["kind", "date", "agenda_item_or_title"],
        ),
        (reverse("index:download", args=[edition.slug, "csv"]), list(RESULT_FIELDS[:3])),
        (
            reverse("events:staff_csv", args=[Event.objects.first().slug]),  # type: ignore[union-attr]
            list(REGISTRATION_COLUMNS[:3]),
        ),
        (reverse("surveys:export", args=[Round.objects.first().pk]), ["organisation", "question"]),  # type: ignore[union-attr]
    ]
    if edition.dimension_weights:
        exports.append(
            (reverse("index:reweight", args=[edition.slug]) + "?format=csv", ["rank", "unit"])
        )
    opened = Edition.objects.filter(pk__in=public_editions(), inputs_are_open=True)
    for item in opened.exclude(input_csv=""):
        first = next(csv.reader(io.StringIO(item.input_csv)))[:2]
        exports.append((reverse("index:inputs", args=[item.slug]), first))
    return exports


def _release_exports() -> list[tuple[str, list[str]]]:
    """The CSV files of a release of each open-data dataset (cut now)."""
    from vigie.opendata.datasets import DATASETS
    from vigie.opendata.services import cut_release

    exports = []
    for slug in DATASETS:
        release = cut_release(slug)
        for resource in release.descriptor["resources"]:
            columns = [field["name"] for field in resource["schema"]["fields"]][:3]
            url = reverse("opendata:file", args=[slug, release.version, resource["path"]])
            exports.append((url, columns))
    return exports


def test_every_csv_export_reads_with_pandas_header_first(
    site: None, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path  # releases are written here
    client = Client()
    client.force_login(make_user("csv-editor", role="editor"))
    releases = _release_exports()
    assert {url.split("/")[3] for url, _columns in releases} == {
        "atlas-measures",
        "un-votes-statements",
        "index-editions",
    }
    exports = _exports() + releases
    assert len(exports) >= 11
    for url, columns in exports:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/csv"), url
        content = b"".join(response) if response.streaming else response.content
        text = content.decode("utf-8")
        assert not text.startswith("#"), url
        frame = pd.read_csv(io.StringIO(text))
        assert list(frame.columns[: len(columns)]) == columns, url


def _csv_views() -> set[str]:
    """Every function of the project's code that writes a CSV download (calls csv_response)."""
    import importlib
    import inspect
    from pathlib import Path

    import vigie

    root = Path(vigie.__file__).parent
    found = set()
    for path in sorted(root.rglob("*.py")):
        name = "vigie." + ".".join(path.relative_to(root).with_suffix("").parts)
        if "tests" in path.parts or name == "vigie.core.exports":
            continue
        if "csv_response(" not in path.read_text(encoding="utf-8"):
            continue
        module = importlib.import_module(name)
        for _member, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == name and "csv_response(" in inspect.getsource(function):
                found.add(f"{name}.{function.__name__}")
    return found


def test_every_view_that_writes_csv_is_read_by_the_test_above(site: None) -> None:
    """A new CSV export fails here until it is added to ``_exports``."""
    import inspect

    from django.urls import resolve

    covered = set()
    for url, _columns in _exports():
        view = inspect.unwrap(resolve(url.split("?")[0]).func)
        covered.add(f"{view.__module__}.{view.__name__}")
    assert _csv_views() - covered == set()
