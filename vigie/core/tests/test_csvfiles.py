import datetime

import pytest

from vigie.core.csvfiles import CsvRow, iter_csv_text
from vigie.core.errors import DataFileError


def row(**values: str) -> CsvRow:
    return CsvRow(file="file.csv", line=7, values=values)


def test_a_bad_date_is_refused_with_file_line_field_and_format() -> None:
    with pytest.raises(DataFileError) as caught:
        row(adopted_on="20x1").date("adopted_on")
    assert (
        str(caught.value)
        == "file.csv, line 7, field `adopted_on`: '20x1' is not a date (YYYY-MM-DD)"
    )


def test_an_empty_optional_date_is_none_and_a_required_one_is_refused() -> None:
    assert row(on="").date("on", required=False) is None
    with pytest.raises(DataFileError, match="field `on`: a value is required"):
        row(on="").date("on")


def test_a_month_is_read_as_its_first_day_and_flagged_approximate() -> None:
    assert row(on="2025-03").month_or_date("on") == (datetime.date(2025, 3, 1), True)
    assert row(on="2025-03-14").month_or_date("on") == (datetime.date(2025, 3, 14), False)
    with pytest.raises(DataFileError, match=r"'2025-3' is not a date \(YYYY-MM-DD or YYYY-MM\)"):
        row(on="2025-3").month_or_date("on")


def test_a_choice_outside_the_allowed_values_lists_them() -> None:
    assert row(kind="").choice("kind", ["a", "b"], default="b") == "b"
    with pytest.raises(DataFileError, match="field `kind`: 'c' is not one of a, b"):
        row(kind="c").choice("kind", ["a", "b"])
    with pytest.raises(DataFileError, match="a value is required"):
        row(kind="").choice("kind", ["a", "b"])


@pytest.mark.parametrize("value", ["lots", "nan", "inf", "-1e309"])
def test_a_number_must_be_finite(value: str) -> None:
    with pytest.raises(DataFileError, match="is not a number"):
        row(score=value).number("score")


def test_a_number_outside_its_range_is_refused() -> None:
    assert row(score="-2.5").number("score") == -2.5
    with pytest.raises(DataFileError, match=r"101\.0 is outside 0–100"):
        row(score="101").number("score", minimum=0, maximum=100)


def test_sources_are_separated_by_a_bar_and_words_around_an_address_are_labels() -> None:
    cell = "UNODC https://a.example/x | https://b.example/y (page 4)"
    assert row(sources=cell).sources() == ["https://a.example/x", "https://b.example/y"]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("not a url", "'not a url' holds no web address"),
        (
            "https://a.example ; https://b.example",
            "holds 2 web addresses; separate sources with '|'",
        ),
        ("", "a value is required"),
    ],
)
def test_a_bad_sources_cell_says_why(cell: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        row(sources=cell).sources()


def test_list_cells_are_split_on_semicolons() -> None:
    assert row(countries="PT; ES;;FR").items("countries") == ["PT", "ES", "FR"]


def test_an_oversized_cell_is_refused_with_its_line_not_a_csv_error() -> None:
    text = "a,b\n1,2\n" + "x" * 200_000 + ",3\n"
    with pytest.raises(DataFileError) as caught:
        list(iter_csv_text(text, file="big.csv"))
    assert caught.value.line == 3
    assert "a cell is longer than 131,072 characters" in str(caught.value)


def test_a_reference_to_a_record_the_other_file_lacks_is_refused() -> None:
    people = {"ana": 1}
    assert row(person="ana").listed("person", people.get("ana"), "people.csv") == 1
    with pytest.raises(DataFileError) as caught:
        row(person="bo").listed("person", people.get("bo"), "people.csv")
    assert str(caught.value) == "file.csv, line 7, field `person`: 'bo' is not in people.csv"


def test_the_cell_limit_holds_whatever_another_library_set() -> None:
    import csv as csv_module

    from vigie.core.csvfiles import MAX_CELL_CHARACTERS

    csv_module.field_size_limit(10 * MAX_CELL_CHARACTERS)  # as frictionless does on import
    text = "a,b\n" + "x" * (MAX_CELL_CHARACTERS + 1) + ",y\n"
    with pytest.raises(DataFileError, match="a cell is longer than 131,072 characters"):
        list(iter_csv_text(text, file="big.csv"))
