"""The full-text index itself, one per engine, over the same pre-stemmed words.

SQLite: an FTS5 table with external content (the documents' own rows), kept in step by
triggers. PostgreSQL: a generated `tsvector` (simple configuration: the words are stemmed
already) with the title at weight A, the text at B and the tags at D, and a GIN index.
"""

from django.db import migrations

SQLITE = [
    """
    CREATE VIRTUAL TABLE search_document_fts USING fts5(
        title_terms, body_terms, tags,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61'
    )
    """,
    """
    CREATE TRIGGER search_document_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(rowid, title_terms, body_terms, tags)
        VALUES (new.id, new.title_terms, new.body_terms, new.tags);
    END
    """,
    """
    CREATE TRIGGER search_document_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, title_terms, body_terms, tags)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.tags);
    END
    """,
    """
    CREATE TRIGGER search_document_au AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, title_terms, body_terms, tags)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.tags);
        INSERT INTO search_document_fts(rowid, title_terms, body_terms, tags)
        VALUES (new.id, new.title_terms, new.body_terms, new.tags);
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_document_fts",
]

POSTGRESQL = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN terms tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_terms), 'A')
        || setweight(to_tsvector('simple', body_terms), 'B')
        || setweight(to_tsvector('simple', tags), 'D')
    ) STORED
    """,
    "CREATE INDEX search_document_terms ON search_searchdocument USING gin (terms)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_document_terms",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS terms",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor)
    for statement in statements or []:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}.get(
        schema_editor.connection.vendor
    )
    for statement in statements or []:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
