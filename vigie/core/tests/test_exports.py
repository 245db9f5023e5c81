import csv
import io
from decimal import Decimal

import pytest

from vigie.core.exports import csv_response, neutralise_cell


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://e.x","X")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "-"]
)
def test_text_that_a_spreadsheet_would_run_is_prefixed_with_a_quote(text: str) -> None:
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -0.25, Decimal("-1.5"), "-3", "-0.25", "+1e-3", "Ana"])
def test_numbers_and_plain_text_are_written_as_they_are(value: object) -> None:
    assert neutralise_cell(value) == value


def test_csv_response_is_a_download_with_every_cell_checked() -> None:
    response = csv_response("x.csv", [["name", "score"], ["=cmd()", -4], [None, 1.5]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["name", "score"], ["'=cmd()", "-4"], ["", "1.5"]]
