import datetime

import pytest
from django.utils import translation

from vigie.atlas import queries
from vigie.atlas.tests.helpers import make_measure, make_place

pytestmark = pytest.mark.django_db

D = datetime.date
BASELINE = D(2024, 1, 1)
END = D(2026, 12, 31)


@pytest.fixture
def places() -> None:
    for iso2 in ("PT", "BR", "DE", "TH", "CO"):
        make_place(iso2)
    make_place("US-OR", "Oregon")
    make_place("US-NY", "New York")
    make_place("CA-BC", "British Columbia")


def test_counts_distinct_jurisdictions_adopting_decriminalisation_in_the_period(
    places: None,
) -> None:
    make_measure("pt", "PT", "decrim_de_jure", adopted_on=D(2000, 11, 1))
    make_measure("br", "BR", "court_ruling", adopted_on=D(2024, 6, 26))
    make_measure("or", "US-OR", "decrim_de_jure", adopted_on=D(2024, 3, 1))
    make_measure("or-2", "US-OR", "decrim_de_facto", adopted_on=D(2025, 3, 1))
    make_measure("de", "DE", "regulation_adult", in_force_on=D(2024, 4, 1))

    result = queries.count_new_decriminalising_jurisdictions(BASELINE, END)

    assert result.value == 2
    assert {e.label.split(" (")[1].split(")")[0] for e in result.evidence} == {"BR", "US-OR"}
    assert "2024-01-01" in result.definition


def test_a_decriminalisation_adopted_on_the_baseline_or_on_the_end_date_is_counted(
    places: None,
) -> None:
    day = datetime.timedelta(days=1)
    make_measure("br", "BR", "court_ruling", adopted_on=BASELINE)
    make_measure("or", "US-OR", "decrim_de_jure", adopted_on=END)
    make_measure("th", "TH", "decrim_de_facto", in_force_on=BASELINE)
    make_measure("pt", "PT", "decrim_de_jure", adopted_on=BASELINE - day)
    make_measure("co", "CO", "decrim_de_jure", adopted_on=END + day)

    result = queries.count_new_decriminalising_jurisdictions(BASELINE, END)

    assert result.value == 3
    assert {e.label.split(" (")[1].split(")")[0] for e in result.evidence} == {"BR", "US-OR", "TH"}


def test_baseline_is_a_parameter_not_a_constant(places: None) -> None:
    make_measure("pt", "PT", "decrim_de_jure", adopted_on=D(2000, 11, 1))
    assert queries.count_new_decriminalising_jurisdictions(BASELINE, END).value == 0
    assert queries.count_new_decriminalising_jurisdictions(D(2000, 1, 1), END).value == 1


def test_net_count_subtracts_reversals_of_subnational_decriminalisation(places: None) -> None:
    make_measure("br", "BR", "court_ruling", adopted_on=D(2024, 6, 26))
    make_measure(
        "or-110", "US-OR", "decrim_de_jure", adopted_on=D(2020, 11, 3), in_force_on=D(2021, 2, 1)
    )
    make_measure(
        "or-4002",
        "US-OR",
        "reversal",
        reverses="or-110",
        adopted_on=D(2024, 4, 1),
        in_force_on=D(2024, 9, 1),
    )

    gross = queries.count_new_decriminalising_jurisdictions(BASELINE, END)
    net = queries.count_new_decriminalising_jurisdictions(BASELINE, END, net=True)

    assert gross.value == 1
    assert net.value == 0
    assert [e.detail for e in net.evidence] == ["+1", "-1"]
    assert "Net" in net.definition


def test_a_jurisdiction_losing_decriminalisation_twice_is_subtracted_once(places: None) -> None:
    make_measure(
        "bc",
        "CA-BC",
        "decrim_de_jure",
        in_force_on=D(2023, 1, 31),
        ended_on=D(2026, 1, 31),
        status="repealed",
    )
    make_measure("bc-narrow", "CA-BC", "reversal", reverses="bc", in_force_on=D(2024, 5, 7))

    assert queries.count_new_decriminalising_jurisdictions(BASELINE, END, net=True).value == -1


def test_regulation_count_keeps_only_social_justice_models_by_default(places: None) -> None:
    make_measure("ny", "US-NY", "regulation_adult", adopted_on=D(2024, 3, 31), expungement=True)
    make_measure("de", "DE", "regulation_adult", in_force_on=D(2024, 4, 1))
    make_measure(
        "th",
        "TH",
        "regulation_adult",
        status="proposed",
        proposed_on=D(2025, 1, 1),
        equity_licensing=True,
    )

    assert queries.count_new_regulating_jurisdictions(BASELINE, END).value == 2
    assert (
        queries.count_new_regulating_jurisdictions(BASELINE, END, include_proposed=False).value == 1
    )
    assert (
        queries.count_new_regulating_jurisdictions(BASELINE, END, social_justice_only=False).value
        == 3
    )


def test_regulation_net_count_subtracts_a_reversal(places: None) -> None:
    make_measure(
        "th", "TH", "regulation_adult", adopted_on=D(2024, 6, 1), corporate_capture_limits=True
    )
    make_measure("th-rev", "TH", "reversal", reverses="th", in_force_on=D(2025, 6, 24))

    assert queries.count_new_regulating_jurisdictions(BASELINE, END, net=True).value == 0
    assert queries.count_new_regulating_jurisdictions(BASELINE, END).value == 1


def test_strongest_measure_follows_years_and_a_temporary_reversal(places: None) -> None:
    make_measure("co", "CO", "court_ruling", adopted_on=D(1994, 5, 5))
    make_measure(
        "co-rev",
        "CO",
        "reversal",
        reverses="co",
        adopted_on=D(2009, 12, 21),
        ended_on=D(2012, 1, 1),
        status="repealed",
    )
    make_measure("pt", "PT", "decrim_de_jure", in_force_on=D(2001, 7, 1))
    make_measure("or", "US-OR", "regulation_adult", adopted_on=D(2014, 11, 4))

    assert queries.get_strongest_measure_by_country(1990) == {}
    assert queries.get_strongest_measure_by_country(2000) == {"CO": "court_ruling"}
    assert queries.get_strongest_measure_by_country(2010) == {
        "CO": "reversal",
        "PT": "decrim_de_jure",
    }
    assert queries.get_strongest_measure_by_country(2015)["CO"] == "court_ruling"
    # One country's page reads the same answer from that country's measures alone.
    assert [queries.get_strongest_measure_of_country("co", y) for y in (1990, 2000, 2010)] == [
        "",
        "court_ruling",
        "reversal",
    ]
    assert queries.get_strongest_measure_of_country("US", 2015) == ""  # Oregon is not the US


def test_list_measures_for_country_includes_subnational_in_active_language(places: None) -> None:
    make_measure("or", "US-OR", "regulation_adult", adopted_on=D(2014, 11, 4))
    make_measure("pt", "PT", "decrim_de_jure", in_force_on=D(2001, 7, 1))

    with translation.override("fr"):
        rows = queries.list_measures_for_country("us")

    assert [row["jurisdiction_code"] for row in rows] == ["US-OR"]
    assert rows[0]["summary"] == "Résumé de or"
    assert rows[0]["url"].endswith("/measures/or/")
    assert rows[0]["source_urls"] == ["https://example.org/or"]
    assert rows[0]["kind_label"]


def test_count_measures_recorded_counts_creations_in_the_period(places: None) -> None:
    make_measure("pt", "PT", "decrim_de_jure")
    make_measure("br", "BR", "court_ruling")
    today = datetime.date.today()
    assert queries.count_measures_recorded(today, today) == 2
    assert queries.count_measures_recorded(D(2000, 1, 1), D(2000, 12, 31)) == 0
