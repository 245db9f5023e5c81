"""``csv_response``: the one writer behind every CSV download of the site.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some a leading tab or
carriage return) as a formula, so a registrant named ``=HYPERLINK(...)`` would become a live link
in the staff export. Following the OWASP rule (https://owasp.org/www-community/attacks/CSV_Injection)
such a text cell is written with a single quote in front, which spreadsheets show as text.

Numbers are data, not formulas: ``int``, ``float`` and ``Decimal`` cells are written as numbers,
and a text cell that is nothing but a plain decimal number (``-3``, ``-0.25``, ``+1e-3``) is left
as it is, because no spreadsheet evaluates it as anything but that number. ``None`` is an empty
cell; every other value is written as its text and checked like text.

The file is plain RFC 4180: the header on the first line, no comment or licence line above it, so
that pandas, R and spreadsheets read its columns. A licence goes in a ``Link: <…>; rel="license"``
header (RFC 8288) and on the page that offers the download.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

Cell = object


def neutralise_cell(value: Cell) -> str | int | float | Decimal:
    """The value as it is safe to write: numbers unchanged, formula-like text quoted."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_csv(stream: Any, rows: Iterable[Sequence[Cell]]) -> None:
    """Write ``rows`` (the header first) to a text stream, every cell neutralised."""
    writer = csv.writer(stream)
    for row in rows:
        writer.writerow([neutralise_cell(value) for value in row])


def csv_text(rows: Iterable[Sequence[Cell]]) -> str:
    """The exact text ``csv_response`` sends for ``rows`` (open-data releases store it)."""
    stream = io.StringIO()
    write_csv(stream, rows)
    return stream.getvalue()


def csv_response(
    filename: str, rows: Iterable[Sequence[Cell]], *, licence_url: str = ""
) -> HttpResponse:
    """A UTF-8 CSV download of ``rows`` (the header first), every cell neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if licence_url:
        response["Link"] = f'<{licence_url}>; rel="license"'
    write_csv(response, rows)
    return response
