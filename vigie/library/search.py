"""Full-text search of the library: one back end per database vendor, behind one interface.

The index holds, per language of a publication, the title and summary in that language and the
text extracted from that language's PDF. It is a table of its own, created by migration 0002
(on a new database, by the squash that replaces 0001 and 0002) for the vendor in use, and kept in
step by ``vigie.library.services``, which calls ``index_entries`` explicitly after every write that
changes what is searched (no model signal).

- SQLite (the embedded default): an FTS5 virtual table, one row per publication, tokenised with
  ``unicode61 remove_diacritics 2`` (accents ignored: "securite" finds "sécurité") and the Porter
  stemmer; ranked by ``bm25`` with the title weighing most, snippets by ``snippet()``.
- PostgreSQL: a table with a ``tsvector`` column under a GIN index, built with the configuration of
  the row's language (``vigie_english``, ``vigie_french``, ``vigie_spanish``: the built-in stemmers
  with ``unaccent`` in front, so accents are ignored too); the query is parsed with the three
  configurations and their union is matched; ranked by ``ts_rank_cd``, snippets by ``ts_headline``.

Filters are applied by the caller's queryset of publications, passed in as a subquery, so a query
and filters combine in one SQL statement. Snippets are computed only for the page shown. They come
back with private-use markers around matched words; ``mark_snippet`` escapes the text and only
then turns the markers into ``<mark>``, so text from a PDF can never inject HTML.
"""

import html
import re
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import connection
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\ue000", "\ue001"
MAX_TERMS = 12
TERM = re.compile(r"\w+", re.UNICODE)
POSTGRES_CONFIGS = {"en": "vigie_english", "fr": "vigie_french", "es": "vigie_spanish"}


@dataclass(frozen=True)
class IndexEntry:
    """What is searched of one language version of a publication."""

    language: str
    title: str
    summary: str
    body: str


@dataclass(frozen=True)
class SearchHit:
    publication_id: int
    score: float
    snippet: SafeString


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[SearchHit]


def _clean(text: str) -> str:
    return text.replace(START, "").replace(STOP, "").replace("\x00", "")


def mark_snippet(raw: str) -> SafeString:
    """Escape a snippet, then turn the match markers into ``<mark>`` elements."""
    escaped = html.escape(raw)
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))


def query_terms(query: str) -> list[str]:
    """The words of a query, in order, at most ``MAX_TERMS``."""
    return TERM.findall(_clean(query).replace("_", " "))[:MAX_TERMS]


class SearchBackend(Protocol):
    def index(self, publication_id: int, entries: list[IndexEntry]) -> None: ...

    def search(
        self, query: str, candidates: QuerySet, *, limit: int, offset: int
    ) -> SearchPage: ...


def _candidate_sql(candidates: QuerySet) -> tuple[str, tuple[Any, ...]]:
    sql, params = candidates.order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)


class SqliteSearch:
    """One FTS5 row per publication, its rowid the publication's id: the languages of a
    publication are joined in each column (FTS5 has no per-language stemmer to choose anyway),
    so a query is one ranked scan with no grouping, and the filters probe the rowid."""

    table = "library_fts"

    def index(self, publication_id: int, entries: list[IndexEntry]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [publication_id])
            if entries:
                cursor.execute(
                    f"INSERT INTO {self.table} (rowid, title, summary, body) "
                    "VALUES (%s, %s, %s, %s)",
                    [
                        publication_id,
                        *(
                            "\n".join(_clean(getattr(e, column)) for e in entries)
                            for column in ("title", "summary", "body")
                        ),
                    ],
                )

    def search(self, query: str, candidates: QuerySet, *, limit: int, offset: int) -> SearchPage:
        terms = query_terms(query)
        if not terms:
            return SearchPage(0, [])
        match = " ".join(f'"{term}"' for term in terms)
        within, params = _candidate_sql(candidates)
        # ``+rowid``: the filter is checked on each match, never handed to FTS5 as a rowid
        # lookup (which would run the full-text query once per candidate publication).
        where = f"{self.table} MATCH %s AND +rowid IN ({within})"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {self.table} WHERE {where}", [match, *params])
            total = cursor.fetchone()[0]
            # ``rank`` is bm25 with the weights set on the table (title 10, summary 4, text 1).
            cursor.execute(
                f"SELECT rowid, rank FROM {self.table} WHERE {where} "
                "ORDER BY rank, rowid LIMIT %s OFFSET %s",
                [match, *params, limit, offset],
            )
            ranked = [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
            snippets: dict[int, str] = {}
            if ranked:
                marks = ", ".join(["%s"] * len(ranked))
                cursor.execute(
                    f"SELECT rowid, snippet({self.table}, -1, %s, %s, %s, 24) "
                    f"FROM {self.table} WHERE {self.table} MATCH %s AND +rowid IN ({marks})",
                    [START, STOP, "…", match, *(pid for pid, _score in ranked)],
                )
                snippets = {int(pid): snippet for pid, snippet in cursor.fetchall()}
        hits = [
            # bm25 is lower for better matches: the score shown is its opposite.
            SearchHit(pid, -score, mark_snippet(snippets.get(pid, "")))
            for pid, score in ranked
        ]
        return SearchPage(total, hits)


class PostgresSearch:
    table = "library_search"

    def index(self, publication_id: int, entries: list[IndexEntry]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE publication_id = %s", [publication_id])
            for entry in entries:
                config = POSTGRES_CONFIGS.get(entry.language, "vigie_english")
                title, summary, body = (
                    _clean(entry.title),
                    _clean(entry.summary),
                    _clean(entry.body),
                )
                cursor.execute(
                    f"INSERT INTO {self.table} "
                    "(publication_id, language, config, title, summary, body, document) "
                    "VALUES (%s, %s, %s::regconfig, %s, %s, %s, "
                    "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
                    "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
                    "setweight(to_tsvector(%s::regconfig, %s), 'C'))",
                    [
                        publication_id,
                        entry.language,
                        config,
                        title,
                        summary,
                        body,
                        config,
                        title,
                        config,
                        summary,
                        config,
                        body,
                    ],
                )

    def search(self, query: str, candidates: QuerySet, *, limit: int, offset: int) -> SearchPage:
        terms = query_terms(query)
        if not terms:
            return SearchPage(0, [])
        text = " ".join(terms)
        tsquery = " || ".join(
            f"websearch_to_tsquery('{config}', %s)" for config in POSTGRES_CONFIGS.values()
        )
        query_params = [text] * len(POSTGRES_CONFIGS)
        within, params = _candidate_sql(candidates)
        base = (
            f"WITH q AS (SELECT ({tsquery}) AS query) "
            f"SELECT {{columns}} FROM {self.table} s, q "
            f"WHERE s.document @@ q.query AND s.publication_id IN ({within})"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                base.format(columns="COUNT(DISTINCT s.publication_id)"), [*query_params, *params]
            )
            total = cursor.fetchone()[0]
            cursor.execute(
                base.format(
                    columns="s.publication_id, MAX(ts_rank_cd(s.document, q.query)) AS score"
                )
                + " GROUP BY s.publication_id ORDER BY score DESC, s.publication_id "
                "LIMIT %s OFFSET %s",
                [*query_params, *params, limit, offset],
            )
            ranked = [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
            snippets: dict[int, str] = {}
            if ranked:
                ids = [publication_id for publication_id, _score in ranked]
                options = (
                    f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, "
                    'MaxFragments=2, FragmentDelimiter=" … "'
                )
                cursor.execute(
                    f"WITH q AS (SELECT ({tsquery}) AS query) "
                    "SELECT s.publication_id, ts_headline(s.config, "
                    "concat_ws(' ', s.summary, left(s.body, 200000)), q.query, %s) "
                    f"FROM {self.table} s, q WHERE s.document @@ q.query "
                    "AND s.publication_id = ANY(%s) "
                    "ORDER BY ts_rank_cd(s.document, q.query) DESC",
                    [*query_params, options, ids],
                )
                for publication_id, snippet in cursor.fetchall():
                    snippets.setdefault(int(publication_id), snippet)
        hits = [SearchHit(pid, score, mark_snippet(snippets.get(pid, ""))) for pid, score in ranked]
        return SearchPage(total, hits)


def backend() -> SearchBackend:
    """The back end of the database in use."""
    if connection.vendor == "postgresql":
        return PostgresSearch()
    if connection.vendor == "sqlite":
        return SqliteSearch()
    raise NotImplementedError(f"no library search for the {connection.vendor} database")
