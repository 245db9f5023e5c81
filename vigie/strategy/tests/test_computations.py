import datetime

import pytest

from vigie.atlas import queries as atlas_queries
from vigie.core.evidence import CountResult, Evidence
from vigie.strategy.computations import REGISTRY, year_ends
from vigie.un import queries as un_queries
from vigie.un.queries import MechanismMilestone

BASELINE = datetime.date(2024, 1, 1)


def test_cumulative_computation_gives_value_evidence_and_a_point_per_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dates = [datetime.date(2024, 5, 1), datetime.date(2025, 3, 1), datetime.date(2025, 9, 1)]

    def count(start: datetime.date, end: datetime.date, *, net: bool = False) -> CountResult:
        rows = [
            Evidence(label=f"J{i}", date=day) for i, day in enumerate(dates) if start <= day <= end
        ]
        return CountResult(value=len(rows), definition="new", evidence=rows)

    monkeypatch.setattr(atlas_queries, "count_new_decriminalising_jurisdictions", count)
    outcome = REGISTRY["atlas.new_decriminalising_jurisdictions"].run(
        BASELINE, datetime.date(2025, 6, 30)
    )
    assert outcome.result is not None
    assert outcome.result.value == 2
    assert [row.label for row in outcome.result.evidence] == ["J0", "J1"]
    assert [(point.label, point.value) for point in outcome.trend] == [("2024", 1.0), ("2025", 2.0)]


def test_regulation_computation_asks_for_proposals_with_social_justice_components(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []

    def count(start: datetime.date, end: datetime.date, **options: bool) -> CountResult:
        calls.append(options)
        return CountResult(value=0, definition="")

    monkeypatch.setattr(atlas_queries, "count_new_regulating_jurisdictions", count)
    REGISTRY["atlas.new_regulating_jurisdictions"].run(BASELINE, datetime.date(2024, 6, 1))
    assert calls[0] == {"include_proposed": True, "social_justice_only": True}


def test_mechanism_milestone_counts_as_reached_only_from_its_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    step = Evidence(
        label="Resolution creating a special rapporteur",
        url="/en/un/tracker/#mechanism",
        date=datetime.date(2026, 10, 1),
    )

    def milestone() -> MechanismMilestone:
        return MechanismMilestone(
            exists=True,
            established_on=datetime.date(2026, 10, 1),
            status="exists",
            evidence=[step],
            latest=step,
        )

    monkeypatch.setattr(un_queries, "get_un_mechanism_milestone", milestone)
    computation = REGISTRY["un.mechanism_milestone"]
    before = computation.run(BASELINE, datetime.date(2026, 6, 1))
    after = computation.run(BASELINE, datetime.date(2026, 12, 31))
    assert before.result is not None and before.result.value == 0
    assert before.result.evidence == []
    assert before.result.latest is None  # a step after the end date is not shown as the latest
    assert after.result is not None and after.result.value == 1
    assert after.result.evidence == [step]
    assert after.result.latest == step
    assert [point.value for point in after.trend] == [0.0, 0.0, 1.0]


def test_year_ends_stop_at_the_end_date() -> None:
    assert year_ends(BASELINE, datetime.date(2025, 3, 4)) == [
        datetime.date(2024, 12, 31),
        datetime.date(2025, 3, 4),
    ]
