"""After a write, the task worker composes the profiles again; the page then only reads them."""

import datetime
from typing import Any

import pytest
from django.test import Client

from vigie.atlas.tests.helpers import make_measure, make_place
from vigie.countries import profile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_reference_data")]

PROFILE = "/en/countries/pt/"


def test_after_a_write_and_the_refresh_the_profile_reads_the_new_rows(
    client: Client,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.PRECOMPUTED_PAGES = ["vigie.countries.profile.precompute_profiles"]
    make_place("PT", name="Portugal")
    assert "/en/atlas/measures/pt-fresh/" not in client.get(PROFILE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_measure("pt-fresh", "PT", "decrim_de_jure", adopted_on=datetime.date(2025, 1, 1))

    def no_composition(*args: object, **kwargs: object) -> None:
        raise AssertionError("the page composed the profile")

    monkeypatch.setattr(profile, "get_profile", no_composition)
    assert 'href="/en/atlas/measures/pt-fresh/"' in client.get(PROFILE).content.decode()
    # every language was composed
    assert 'href="/fr/atlas/measures/pt-fresh/"' in client.get("/fr/countries/pt/").content.decode()
