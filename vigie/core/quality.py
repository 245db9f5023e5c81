"""The shape of a data-quality flag, as every app reports one to the staff workspace.

Each app says, through its ``queries.py``, which of its rows break a rule it cannot enforce in
the database (a lapsed member still listed, a round left open past its closing day…), and where
an editor fixes each one; the staff home shows the count and the first rows of each group.
"""

from typing import TypedDict


class FlaggedRow(TypedDict):
    """One row to fix: what it is, the page where it is fixed, and what is wrong with it."""

    title: str
    url: str
    reason: str


class QualityFlag(TypedDict):
    """A group of rows breaking one rule: its title, the page listing them, the rows."""

    title: str
    url: str
    items: list[FlaggedRow]
