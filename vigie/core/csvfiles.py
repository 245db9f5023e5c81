"""Reading CSV data files row by row with line numbers, for loaders and importers.

Every loader reports a bad row as "file, line N, field `x`: what is wrong", so the reader
keeps the physical line number of each record (header = line 1), and ``CsvRow`` has one typed
reader per kind of cell (whole numbers, numbers, yes/no, dates, choices, lists, sources) so that
each kind is checked, and refused, the same way in every app.

Conventions of the bundled files (``data/``):

- dates are ISO ``YYYY-MM-DD`` (a few UN files allow ``YYYY-MM`` when only the month is known);
- a list inside a cell (country codes, languages, topics) is separated by ``;``;
- a cell of sources holds web addresses separated by ``SOURCE_SEPARATOR`` (`` | ``); each part
  holds exactly one address, and words around it are a label or a comment.
"""

import csv
import datetime
import io
import zoneinfo
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from django.conf import settings

from vigie.core.errors import DataFileError

SOURCE_SEPARATOR = " | "
LIST_SEPARATOR = ";"
WEB_PREFIXES = ("http://", "https://")
# The longest cell a data file may hold (Python's default limit). Set again before every read:
# the limit is global to the process, and a library (frictionless, for one) may have raised it,
# which would let a missing closing quote swallow the rest of a file into one cell.
MAX_CELL_CHARACTERS = 131_072

T = TypeVar("T")


def parse_date(value: str, *, month_allowed: bool = False) -> tuple[datetime.date, bool]:
    """An ISO date, and whether it is approximate (``YYYY-MM`` read as the 1st, if allowed).

    Raises ``ValueError`` whose message is the one every loader shows for a bad date.
    """
    try:
        if month_allowed and len(value) == 7:
            return datetime.date.fromisoformat(value + "-01"), True
        return datetime.date.fromisoformat(value), False
    except ValueError:
        shape = "YYYY-MM-DD or YYYY-MM" if month_allowed else "YYYY-MM-DD"
        raise ValueError(f"{value!r} is not a date ({shape})") from None


def split_sources(cell: str, *, unaddressed_allowed: bool = False) -> list[str]:
    """The web addresses of a sources cell, in order; raises ``ValueError`` with the reason.

    With ``unaddressed_allowed``, a part without any address (a source named but never found
    online) is kept as its text instead of being refused.
    """
    urls = []
    for part in cell.split(SOURCE_SEPARATOR):
        if not part.strip():
            continue
        found = [word for word in part.split() if word.startswith(WEB_PREFIXES)]
        if not found and unaddressed_allowed:
            urls.append(part.strip())
            continue
        if not found:
            raise ValueError(f"{part.strip()!r} holds no web address")
        if len(found) > 1:
            raise ValueError(
                f"{part.strip()!r} holds {len(found)} web addresses; "
                f"separate sources with {SOURCE_SEPARATOR.strip()!r}"
            )
        urls.append(found[0])
    return urls


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

    def translations(self, *fields: str, required: bool = True) -> dict[str, str]:
        """The cells of each translated field in every language (``name_en``, ``name_fr``…),
        keyed by column, as the model's translated fields are named."""
        read = self.required if required else self.get
        return {
            f"{field}_{language}": read(f"{field}_{language}")
            for field in fields
            for language, _label in settings.LANGUAGES
        }

    def listed(self, field: str, found: T | None, file: str) -> T:
        """``found``, the record the cell ``field`` names; a row error if ``file`` does not list it."""
        if found is None:
            raise self.error(field, f"{self.get(field)!r} is not in {file}")
        return found

    def _present(self, field: str, required: bool) -> str | None:
        value = self.get(field)
        if not value:
            if required:
                raise self.error(field, "a value is required")
            return None
        return value

    def integer(self, field: str, *, required: bool = True) -> int | None:
        value = self._present(field, required)
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            raise self.error(field, f"{value!r} is not a whole number") from None

    def number(
        self,
        field: str,
        *,
        required: bool = True,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:
        """A finite decimal number, within ``minimum``–``maximum`` when they are given."""
        value = self._present(field, required)
        if value is None:
            return None
        try:
            number = float(value)
        except ValueError:
            raise self.error(field, f"{value!r} is not a number") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise self.error(field, f"{value!r} is not a number")
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            low = "" if minimum is None else f"{minimum:g}"
            high = "" if maximum is None else f"{maximum:g}"
            raise self.error(field, f"{number} is outside {low}–{high}")
        return number

    def boolean(self, field: str) -> bool:
        value = self.get(field).lower()
        if value in {"1", "true", "yes"}:
            return True
        if value in {"", "0", "false", "no"}:
            return False
        raise self.error(field, f"{value!r} is not yes/no")

    def date(self, field: str, *, required: bool = True) -> datetime.date | None:
        value = self._present(field, required)
        if value is None:
            return None
        try:
            return parse_date(value)[0]
        except ValueError as error:
            raise self.error(field, str(error)) from None

    def month_or_date(self, field: str) -> tuple[datetime.date, bool]:
        """A required ``YYYY-MM-DD`` date, or ``YYYY-MM`` read as the 1st and flagged approximate."""
        try:
            return parse_date(self.required(field), month_allowed=True)
        except ValueError as error:
            raise self.error(field, str(error)) from None

    def local_datetime(self, field: str, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
        """A required local date and time without offset (``2021-04-26T16:00``) in ``zone``."""
        value = self.required(field)
        try:
            naive = datetime.datetime.fromisoformat(value)
        except ValueError:
            raise self.error(
                field, f"{value!r} is not a date and time (YYYY-MM-DDTHH:MM)"
            ) from None
        if naive.tzinfo is not None:
            raise self.error(field, "give the organiser's local time without an offset")
        return naive.replace(tzinfo=zone)

    def choice(self, field: str, allowed: Iterable[str], *, default: str | None = None) -> str:
        """One of ``allowed`` (e.g. ``SomeChoices.values``); an empty cell takes ``default``."""
        options = list(allowed)
        value = self.get(field) or default
        if value is None:
            value = self.required(field)
        if value not in options:
            raise self.error(field, f"{value!r} is not one of {', '.join(options)}")
        return value

    def items(self, field: str) -> list[str]:
        """The ``;``-separated items of a list cell, stripped, empty ones dropped."""
        return [item.strip() for item in self.get(field).split(LIST_SEPARATOR) if item.strip()]

    def sources(
        self, field: str = "sources", *, required: bool = True, unaddressed_allowed: bool = False
    ) -> list[str]:
        """The web addresses of a sources cell (see ``SOURCE_SEPARATOR`` and ``split_sources``)."""
        cell = self._present(field, required)
        if cell is None:
            return []
        try:
            return split_sources(cell, unaddressed_allowed=unaddressed_allowed)
        except ValueError as error:
            raise self.error(field, str(error)) from None


def _too_large(error: csv.Error) -> bool:
    return "field larger than field limit" in str(error)


def iter_csv_text(
    text: str, *, file: str, required_columns: Sequence[str] = ()
) -> Iterator[CsvRow]:
    """Yield the rows of CSV text, checking the header names the required columns.

    A file the csv module cannot read (a cell over its size limit, a NUL byte, a broken quote)
    is refused with the line where reading stopped, never with a bare ``csv.Error``.
    """
    csv.field_size_limit(MAX_CELL_CHARACTERS)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise _unreadable(error, file, reader.reader.line_num) from None
    missing = [column for column in required_columns if column not in header]
    if missing:
        raise DataFileError(
            file=file,
            line=1,
            field=missing[0],
            message=f"the header lacks the column(s) {', '.join(missing)}",
        )
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # DictReader counts a line only once it is read; its inner reader knows where it stopped.
            raise _unreadable(error, file, reader.reader.line_num) from None
        if None in record:
            raise DataFileError(
                file=file,
                line=reader.line_num,
                field=None,
                message=f"the row has more cells than the header ({len(header)} columns)",
            )
        yield CsvRow(file=file, line=reader.line_num, values=dict(record))


def _unreadable(error: csv.Error, file: str, line: int) -> DataFileError:
    if _too_large(error):
        message = (
            f"a cell is longer than {MAX_CELL_CHARACTERS:,} characters; is a closing quote missing?"
        )
    else:
        message = f"the file cannot be read as CSV ({error})"
    return DataFileError(file=file, line=line or 1, field=None, message=message)


def iter_csv_file(path: Path, *, required_columns: Sequence[str] = ()) -> Iterator[CsvRow]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFileError(
            file=path.name, line=None, field=None, message=f"not UTF-8 text ({error.reason})"
        ) from error
    yield from iter_csv_text(text, file=path.name, required_columns=required_columns)
