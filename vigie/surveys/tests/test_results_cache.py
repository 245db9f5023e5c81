"""The results page reads its figures once per data version: the same queries whatever the
number of respondents, and a new submission is counted at once (issue 14)."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vigie.core.tests.factories import make_user
from vigie.surveys import disclosure, services
from vigie.surveys.models import Invitation
from vigie.surveys.tests.helpers import make_media_round, make_organisations

pytestmark = pytest.mark.django_db


def _submit(round_: Any, organisations: list[Any]) -> None:
    for organisation in organisations:
        invitation = Invitation.objects.create(round=round_, organisation=organisation)
        services.save_answers(
            invitation_id=invitation.pk, answers={"media_support_change": "same"}, submit=True
        )


def _read(client: Client, address: str) -> tuple[int, Any]:
    client.get(address)  # the figures computed once, as the first reader after a change does
    with CaptureQueriesContext(connection) as read:
        response = client.get(address)
    # A later reader reads the stored figures: no answer is read again.
    assert not [query for query in read.captured_queries if "surveys_answer" in query["sql"]]
    return len(read), response


@pytest.mark.usefixtures("template_context")
def test_results_are_read_once_per_data_version_and_never_stale(client: Client) -> None:
    client.force_login(make_user("editor", role="editor"))
    round_ = make_media_round(open_now=True)
    address = reverse("surveys:results", args=[round_.pk])
    _submit(round_, make_organisations(5))
    few, first = _read(client, address)
    assert first.context["results"]["respondents"] == 5
    _submit(round_, make_organisations(20))
    many, second = _read(client, address)
    assert many == few
    # The submissions changed the data version: the page counts them at once.
    assert second.context["results"]["respondents"] == 25
    same = second.context["results"]["questions"][0].cells[1]
    assert (same.code, same.count) == ("same", 25)


def test_the_disclosure_decision_is_made_once_per_data_version_and_never_stale() -> None:
    """Every results and comparison page of a round, under any filter, reads one decision."""
    round_ = make_media_round(open_now=True)
    _submit(round_, make_organisations(5))
    assert len(disclosure.get_round_disclosure(round_).respondents) == 5
    with CaptureQueriesContext(connection) as read:
        again = disclosure.get_round_disclosure(round_)
    assert len(again.respondents) == 5
    assert not [query for query in read.captured_queries if "surveys_" in query["sql"]]
    _submit(round_, make_organisations(1))
    assert len(disclosure.get_round_disclosure(round_).respondents) == 6
