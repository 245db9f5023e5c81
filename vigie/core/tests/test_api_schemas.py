"""The API's record schemas: a query's dictionary is validated as it is, an object by its
attributes, with the same result and the same refusals."""

from types import SimpleNamespace
from typing import TypedDict

import pytest
from pydantic import ValidationError

from vigie.core.api_schemas import schema_of


class _Record(TypedDict):
    name: str
    count: int
    tags: list[str]


RecordOut = schema_of(_Record, "RecordOut")


def test_a_dictionary_and_an_object_give_the_same_answer() -> None:
    row = {"name": "Vigie", "count": 2, "tags": ["a", "b"]}
    assert RecordOut.model_validate(row).model_dump() == row
    assert RecordOut.model_validate(SimpleNamespace(**row)).model_dump() == row


@pytest.mark.parametrize(
    "row", [{"name": "Vigie", "tags": []}, {"name": "Vigie", "count": "many", "tags": []}]
)
def test_a_dictionary_missing_or_wrong_is_refused_by_field(row: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match="count"):
        RecordOut.model_validate(row)
    with pytest.raises(ValidationError, match="count"):
        RecordOut.model_validate(SimpleNamespace(**row))
