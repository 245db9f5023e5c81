"""Policy measures created and changed through the API: the staff page's form, versioning and
audit, seen at once by the public API."""

import pytest
from django.test import Client

from vigie.atlas.models import MeasureVersion, PolicyMeasure
from vigie.atlas.tests.helpers import make_measure
from vigie.core.tests.factories import make_country
from vigie.workspace.tests.api_clients import (
    assert_refused_to_others,
    editor_caller,
    refused_fields,
)

pytestmark = pytest.mark.django_db

NEW_MEASURE = {
    "code": "uy-2013-api",
    "title": "Cannabis regulation (API test)",
    "kind": "decrim_de_jure",
    "status": "in_force",
    "substance_scope": "cannabis",
    "verification": "verified",
    "summary_en": "Possession for personal use is not punished.",
    "jurisdiction": "uy",
    "source_urls": "https://example.org/law-19172",
}


def test_a_measure_is_created_and_changed_through_the_api_and_versioned() -> None:
    make_country("UY")
    caller = editor_caller()
    created = caller.call("post", "/api/v1/atlas/measures", NEW_MEASURE)
    assert created.status_code == 201, created.content
    assert created.json()["jurisdiction_code"] == "UY"
    versions = MeasureVersion.objects.filter(measure_code="uy-2013-api")
    assert versions.count() == 1 and versions.get().actor.username == "api-editor"
    path = "/api/v1/atlas/measures/uy-2013-api"
    changed = caller.call("patch", path, {"title": "Cannabis regulation (changed)"})
    assert changed.status_code == 200, changed.content
    public = Client().get(path).json()
    assert public["title"] == "Cannabis regulation (changed)"
    assert public["source_urls"] == ["https://example.org/law-19172"]  # left out: kept
    assert public["summary"] == NEW_MEASURE["summary_en"]
    assert versions.count() == 2


def test_bad_measures_name_the_field_and_change_nothing() -> None:
    make_country("UY")
    caller = editor_caller()
    nowhere = {**NEW_MEASURE, "jurisdiction": "QQ"}
    assert refused_fields(caller.call("post", "/api/v1/atlas/measures", nowhere)) == {
        "jurisdiction"
    }
    unsourced = {**NEW_MEASURE, "source_urls": "  "}
    assert "source_urls" in refused_fields(caller.call("post", "/api/v1/atlas/measures", unsourced))
    assert not PolicyMeasure.objects.filter(code="uy-2013-api").exists()
    existing = make_measure("pt-2001", "PT", "decrim_de_jure")
    wrong = caller.call("patch", "/api/v1/atlas/measures/pt-2001", {"kind": "legal-ish"})
    assert refused_fields(wrong) == {"kind"}
    assert PolicyMeasure.objects.get(pk=existing.pk).kind == "decrim_de_jure"
    assert_refused_to_others("post", "/api/v1/atlas/measures", NEW_MEASURE)
    assert_refused_to_others("patch", "/api/v1/atlas/measures/pt-2001", {"title": "x"})
    assert PolicyMeasure.objects.get(pk=existing.pk).title == "pt-2001"


def test_a_measure_is_reverted_to_an_earlier_version_through_the_api() -> None:
    make_country("UY")
    caller = editor_caller()
    assert caller.call("post", "/api/v1/atlas/measures", NEW_MEASURE).status_code == 201
    path = "/api/v1/atlas/measures/uy-2013-api"
    caller.call("patch", path, {"title": "Cannabis regulation (changed)"})
    versions = MeasureVersion.objects.filter(measure_code="uy-2013-api")
    assert_refused_to_others("post", f"{path}/revert", {"version": 1})
    unknown = caller.call("post", f"{path}/revert", {"version": 7})
    assert refused_fields(unknown) == {"version"}
    in_french = caller.call("post", f"{path}/revert", {"version": 7}, language="fr")
    assert in_french.json()["detail"][0]["msg"] == "Cette mesure n’a pas de version 7."
    assert Client().get(path).json()["title"] == "Cannabis regulation (changed)"
    assert versions.count() == 2
    reverted = caller.call("post", f"{path}/revert", {"version": 1})
    assert reverted.status_code == 200, reverted.content
    assert Client().get(path).json()["title"] == NEW_MEASURE["title"]
    latest = versions.order_by("-number").first()
    assert latest is not None and latest.action == "reverted"
    assert latest.actor is not None and latest.actor.username == "api-editor"
    missing = caller.call("post", "/api/v1/atlas/measures/none-such/revert", {"version": 1})
    assert missing.status_code == 404
