"""The full-text index of the library, created for the database in use (see library/search.py).

SQLite: an FTS5 virtual table. PostgreSQL: the ``unaccent`` extension (trusted: a database owner
may create it), three text search configurations that unaccent before stemming, and a table with a
``tsvector`` column under a GIN index.
"""

from django.db import migrations

SQLITE = [
    # One row per publication (rowid = the publication's id); ``rank`` is bm25 with the title
    # weighing 10, the summary 4 and the text 1.
    "CREATE VIRTUAL TABLE library_fts USING fts5("
    "title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    "INSERT INTO library_fts (library_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS library_fts"]

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    *(
        statement
        for name in ("english", "french", "spanish")
        for statement in (
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS vigie_{name}",
            f"CREATE TEXT SEARCH CONFIGURATION vigie_{name} (COPY = pg_catalog.{name})",
            f"ALTER TEXT SEARCH CONFIGURATION vigie_{name} ALTER MAPPING FOR "
            f"hword, hword_part, word WITH unaccent, {name}_stem",
        )
    ),
    "CREATE TABLE library_search ("
    "id bigserial PRIMARY KEY, publication_id integer NOT NULL, language varchar(2) NOT NULL, "
    "config regconfig NOT NULL, title text NOT NULL, summary text NOT NULL, body text NOT NULL, "
    "document tsvector NOT NULL)",
    "CREATE INDEX library_search_document ON library_search USING gin (document)",
    "CREATE INDEX library_search_publication ON library_search (publication_id)",
]
POSTGRES_REVERSE = [
    "DROP TABLE IF EXISTS library_search",
    *(
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS vigie_{n}"
        for n in ("english", "french", "spanish")
    ),
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
