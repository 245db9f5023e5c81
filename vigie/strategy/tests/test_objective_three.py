"""Objective 3 on the dashboard: incomplete lists shown as such, and the milestone's latest step."""

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from vigie.core.tests.factories import make_user
from vigie.strategy.models import Plan
from vigie.un.models import Milestone
from vigie.un.services import judge_milestone

NAMED_OF_STATED = "26 named of 60–62 stated"


def _editor_client() -> Client:
    client = Client()
    client.force_login(make_user("staff", role="editor"))
    return client


def _card(html: str, code: str) -> str:
    start = html.index(f'id="measure-{code}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("address", ["/en/strategy/", "/en/strategy/public/"])
def test_the_reform_card_shows_the_named_figure_beside_the_stated_total(
    plan: Plan, address: str
) -> None:
    html = _editor_client().get(address).content.decode()
    card = _card(html, "un-states-calling-for-reform")
    assert NAMED_OF_STATED in card
    assert '<p class="measure-figure">26<' not in card


def test_the_measure_page_and_the_pdf_report_show_the_stated_total(plan: Plan) -> None:
    client = _editor_client()
    page = client.get("/en/strategy/measures/un-states-calling-for-reform/").content.decode()
    assert NAMED_OF_STATED in page
    response = client.get("/en/strategy/report.pdf?start=2024-01-01&end=2026-12-31")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "26 named of 60" in " ".join(text.split())


def test_the_mechanism_card_links_to_the_2025_resolution_and_states_the_judgement(
    plan: Plan,
) -> None:
    client = _editor_client()
    html = client.get("/en/strategy/").content.decode()
    card = _card(html, "un-human-rights-mechanism")
    assert 'href="/en/un/milestones/HRC-60-L31/"' in card
    assert "A/HRC/60/L.31/Rev.1" in card
    assert "Judged not (yet) to be the dedicated mechanism." in card
    milestone = Milestone.objects.get(code="HRC-60-L31")
    judge_milestone(
        milestone=milestone, is_dedicated_mechanism=True, reasoning="Recurring reports agreed."
    )
    html = client.get("/en/strategy/").content.decode()
    card = _card(html, "un-human-rights-mechanism")
    assert "Judged to be the dedicated mechanism. Recurring reports agreed." in card
    assert "reached" in card and "not reached yet" not in card
