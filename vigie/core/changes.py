"""``Change``: one thing that changed in a dataset, as the apps report it to the alerts digest.

Each domain app answers ``list_changes_since(since, iso2="")`` in its ``queries.py`` with these
rows (a new or reversed atlas measure, a UN statement or vote, an index edition, an event), so the
digest reads every app the same way. ``label`` and ``title`` are in the active language.
"""

from typing import TypedDict


class Change(TypedDict):
    section: str  # the app: "atlas", "un", "index", "events"
    kind: str  # what happened, a fixed code ("measure_new", "vote", …)
    label: str  # the kind in words, translated
    title: str
    date: str  # ISO date of the fact (or of its recording)
    url: str  # the public page, a path
    country_iso2: str  # "" when the change is about no single country
