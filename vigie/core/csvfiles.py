"""Reading CSV data files row by row with line numbers, for loaders and importers.

Every loader reports a bad row as "file, line N, field `x`: what is wrong", so the reader
keeps the physical line number of each record (header = line 1).
"""

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from vigie.core.errors import DataFileError


@dataclass(frozen=True)
class CsvRow:
    file: str
    line: int
    values: dict[str, str]

    def get(self, field: str) -> str:
        return (self.values.get(field) or "").strip()

    def error(self, field: str | None, message: str) -> DataFileError:
        return DataFileError(file=self.file, line=self.line, field=field, message=message)

    def required(self, field: str) -> str:
        value = self.get(field)
        if not value:
            raise self.error(field, "a value is required")
        return value

    def integer(self, field: str, *, required: bool = True) -> int | None:
        value = self.get(field)
        if not value:
            if required:
                raise self.error(field, "a value is required")
            return None
        try:
            return int(value)
        except ValueError:
            raise self.error(field, f"{value!r} is not a whole number") from None

    def boolean(self, field: str) -> bool:
        value = self.get(field).lower()
        if value in {"1", "true", "yes"}:
            return True
        if value in {"", "0", "false", "no"}:
            return False
        raise self.error(field, f"{value!r} is not yes/no")


def iter_csv_text(
    text: str, *, file: str, required_columns: Sequence[str] = ()
) -> Iterator[CsvRow]:
    """Yield the rows of CSV text, checking the header names the required columns."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [column for column in required_columns if column not in header]
    if missing:
        raise DataFileError(
            file=file,
            line=1,
            field=missing[0],
            message=f"the header lacks the column(s) {', '.join(missing)}",
        )
    for record in reader:
        if None in record:
            raise DataFileError(
                file=file,
                line=reader.line_num,
                field=None,
                message=f"the row has more cells than the header ({len(header)} columns)",
            )
        yield CsvRow(file=file, line=reader.line_num, values=dict(record))


def iter_csv_file(path: Path, *, required_columns: Sequence[str] = ()) -> Iterator[CsvRow]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFileError(
            file=path.name, line=None, field=None, message=f"not UTF-8 text ({error.reason})"
        ) from error
    yield from iter_csv_text(text, file=path.name, required_columns=required_columns)
