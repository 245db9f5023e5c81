import datetime
import io

import pytest
from django.test import Client
from pypdf import PdfReader

from vigie.atlas import queries as atlas_queries
from vigie.core.evidence import CountResult, Evidence
from vigie.core.services import cite_source
from vigie.core.tests.factories import make_user
from vigie.strategy import views
from vigie.strategy.models import ManualValue, Plan, SuccessMeasure
from vigie.strategy.progress import get_measure_progress

ALL_MEASURES = [
    "new-decriminalising-jurisdictions",
    "new-regulating-jurisdictions",
    "un-states-calling-for-reform",
    "un-human-rights-mechanism",
    "new-major-funding-sources",
    "members-reporting-more-media-support",
]


def _editor_client() -> Client:
    client = Client()
    client.force_login(make_user("staff", role="editor"))
    return client


def test_anonymous_visitors_are_sent_to_the_public_dashboard(plan: Plan, client: Client) -> None:
    response = client.get("/en/strategy/")
    assert response.status_code == 302
    assert response["Location"] == "/en/strategy/public/"


@pytest.mark.usefixtures("template_context")
def test_public_dashboard_shows_only_public_measures(plan: Plan, client: Client) -> None:
    response = client.get("/en/strategy/public/")
    codes = [card["progress"].measure.code for card in response.context["cards"]]
    assert "new-major-funding-sources" not in codes
    assert "new-decriminalising-jurisdictions" in codes
    assert b"Outputs per pillar" not in response.content


def test_private_measure_page_is_refused_to_members(plan: Plan) -> None:
    client = Client()
    client.force_login(make_user("member", role="member"))
    assert client.get("/en/strategy/measures/new-major-funding-sources/").status_code == 403
    assert Client().get("/en/strategy/measures/new-major-funding-sources/").status_code == 302
    assert client.get("/en/strategy/measures/new-decriminalising-jurisdictions/").status_code == 200


@pytest.mark.usefixtures("template_context")
def test_editor_dashboard_lists_every_measure_and_says_which_are_not_available(
    plan: Plan,
) -> None:
    SuccessMeasure.objects.filter(code="new-major-funding-sources").update(
        computation="network.retired"
    )
    response = _editor_client().get("/fr/strategy/")
    cards = response.context["cards"]
    assert [card["progress"].measure.code for card in cards] == ALL_MEASURES
    funding = next(
        card["progress"]
        for card in cards
        if card["progress"].measure.code == "new-major-funding-sources"
    )
    assert not funding.available
    assert "Non disponible" in response.content.decode()


def test_measure_moves_when_the_atlas_records_a_new_decriminalisation(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded: list[Evidence] = [
        Evidence(label="Jurisdiction A", url="/en/atlas/a/", date=datetime.date(2024, 7, 1))
    ]

    def count(start: datetime.date, end: datetime.date, *, net: bool = False) -> CountResult:
        rows = [row for row in recorded if row.date and start <= row.date <= end]
        return CountResult(value=len(rows), definition="new decriminalising", evidence=rows)

    monkeypatch.setattr(atlas_queries, "count_new_decriminalising_jurisdictions", count)
    measure = SuccessMeasure.objects.get(code="new-decriminalising-jurisdictions")
    end = datetime.date(2025, 12, 31)
    assert get_measure_progress(measure, end=end).value == 1
    recorded.append(
        Evidence(label="Jurisdiction B", url="/en/atlas/b/", date=datetime.date(2025, 2, 1))
    )
    progress = get_measure_progress(measure, end=end)
    assert progress.value == 2
    assert [row.url for row in progress.evidence] == ["/en/atlas/a/", "/en/atlas/b/"]


def test_milestone_entered_by_hand_is_used_when_no_computation_gives_it(plan: Plan) -> None:
    SuccessMeasure.objects.filter(code="un-human-rights-mechanism").update(computation="")
    measure = SuccessMeasure.objects.get(code="un-human-rights-mechanism")
    source = cite_source(url="https://example.org/resolution", title="Resolution")
    ManualValue.objects.create(
        measure=measure, date=datetime.date(2026, 3, 1), value=1, note_en="Created", source=source
    )
    before = get_measure_progress(measure, end=datetime.date(2026, 1, 1))
    after = get_measure_progress(measure, end=datetime.date(2026, 12, 31))
    assert not before.available
    assert after.value == 1 and after.entered_by_hand
    assert after.evidence[0].source_urls == ("https://example.org/resolution",)
    assert after.share_of_target == 1


def test_report_is_for_editors_only(plan: Plan) -> None:
    member = Client()
    member.force_login(make_user("member", role="member"))
    assert member.get("/en/strategy/report/").status_code == 403
    assert member.get("/en/strategy/report.pdf").status_code == 403
    assert Client().get("/en/strategy/report.pdf").status_code == 302


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        ("en", ["Progress report", "Measures of success", "Outputs per pillar", "Highlights"]),
        (
            "fr",
            [
                "Rapport d’avancement",
                "Mesures de succès",
                "Réalisations par pilier",
                "Faits marquants",
            ],
        ),
    ],
)
@pytest.mark.usefixtures("no_reference_data")  # the atlas figures alone, no UN data
def test_progress_report_pdf_has_headings_and_figures(
    plan: Plan, monkeypatch: pytest.MonkeyPatch, language: str, headings: list[str]
) -> None:
    def count(start: datetime.date, end: datetime.date, *, net: bool = False) -> CountResult:
        rows = [
            Evidence(label=f"Jurisdiction {n}", date=datetime.date(2024, 3, n)) for n in range(1, 8)
        ]
        return CountResult(value=7, definition="", evidence=rows)

    monkeypatch.setattr(atlas_queries, "count_new_decriminalising_jurisdictions", count)
    response = _editor_client().get(
        f"/{language}/strategy/report.pdf?start=2024-01-01&end=2024-12-31"
    )
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for heading in headings:
        assert heading in text
    assert "Jurisdiction 7" in text
    assert "\n7" in text or " 7\n" in text or "7\n" in text


def test_api_publishes_only_public_measures_with_their_evidence(
    plan: Plan, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def count(start: datetime.date, end: datetime.date, *, net: bool = False) -> CountResult:
        return CountResult(
            value=1, definition="d", evidence=[Evidence(label="J", url="/en/atlas/j/")]
        )

    monkeypatch.setattr(atlas_queries, "count_new_decriminalising_jurisdictions", count)
    data = client.get("/api/v1/strategy/measures").json()
    codes = [row["code"] for row in data]
    assert "new-major-funding-sources" not in codes
    decriminalising = next(
        row for row in data if row["code"] == "new-decriminalising-jurisdictions"
    )
    assert decriminalising["value"] == 1
    assert decriminalising["evidence"][0]["url"] == "/en/atlas/j/"


def test_dashboard_reuses_computed_measures_until_a_fact_changes(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def count(start: datetime.date, end: datetime.date, *, net: bool = False) -> CountResult:
        calls.append(end)
        return CountResult(value=len(calls), definition="")

    monkeypatch.setattr(atlas_queries, "count_new_decriminalising_jurisdictions", count)
    client = _editor_client()
    client.get("/en/strategy/")
    computed = len(calls)
    client.get("/en/strategy/")
    assert len(calls) == computed
    cite_source(url="https://example.org/new-fact")
    client.get("/en/strategy/")
    assert len(calls) == 2 * computed


def test_staff_pages_send_anonymous_visitors_to_log_in_and_open_to_editors(plan: Plan) -> None:
    anonymous = Client()
    for url in ("/en/strategy/report/", "/en/strategy/measures/new-major-funding-sources/"):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/en/accounts/login/?next={url}"
    editor = Client()
    editor.force_login(make_user("staff", role="editor"))
    assert editor.get("/en/strategy/measures/new-major-funding-sources/").status_code == 200


def test_funding_register_and_dashboard_state_the_one_baseline(plan: Plan) -> None:
    from django.utils.formats import date_format

    measure = SuccessMeasure.objects.get(code="new-major-funding-sources")
    SuccessMeasure.objects.filter(pk=measure.pk).update(baseline_date=datetime.date(2024, 3, 1))
    shown = date_format(datetime.date(2024, 3, 1), "DATE_FORMAT")
    client = _editor_client()
    dashboard = client.get("/en/strategy/").content.decode()
    funding = client.get("/en/network/funding/").content.decode()
    assert f"Baseline 0 on {shown}" in dashboard
    assert f"Baseline: {shown}" in funding
    assert "first recorded after 2024-03-01 " in funding
    assert "2024-12-31" not in funding


@pytest.mark.usefixtures("no_reference_data")
def test_progress_report_pdf_has_the_pillar_by_priority_matrix(plan: Plan) -> None:
    """Issue 15: the matrix was on the plan page only."""
    activity = plan.objectives.order_by("number")[0].activities.order_by("pillar__number")[0]
    activity.text_en = "Train members in strategic litigation"
    activity.save()
    response = _editor_client().get("/en/strategy/report.pdf?start=2024-01-01&end=2024-12-31")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Planned activities by pillar and priority" in text
    assert "Train members in strategic" in " ".join(text.split())


@pytest.mark.usefixtures("no_reference_data")
def test_the_dashboard_shows_the_first_evidence_rows_and_links_to_the_measure_page(
    plan: Plan, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A figure with many rows behind it costs the dashboard no more than one with a few."""

    def count(start: datetime.date, end: datetime.date, *, net: bool = False) -> CountResult:
        rows = [Evidence(label=f"Jurisdiction {n:03d}", url=f"/j/{n}/") for n in range(150)]
        return CountResult(value=150, definition="", evidence=rows)

    monkeypatch.setattr(atlas_queries, "count_new_decriminalising_jurisdictions", count)
    page = client.get("/en/strategy/public/").content.decode()
    shown = views.DASHBOARD_EVIDENCE_SHOWN
    assert "150 evidence rows" in page
    assert f"Jurisdiction {shown - 1:03d}" in page and f"Jurisdiction {shown:03d}" not in page
    assert f"The first {shown} are shown here." in page
    measure = client.get("/en/strategy/measures/new-decriminalising-jurisdictions/")
    assert "Jurisdiction 149" in measure.content.decode()
