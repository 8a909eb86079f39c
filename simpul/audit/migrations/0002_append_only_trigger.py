"""On PostgreSQL, refuse UPDATE and DELETE on the audit log at the database itself.

The application's own database user then cannot rewrite history, whatever code runs; only
a role that may ALTER the table (its owner, a DBA) can disable the trigger. `audit_verify`
still detects any alteration made that way. TRUNCATE is deliberately not blocked: the test
suite's database flush relies on it.

SQLite has no separate database users, so the trigger would protect nothing there; the
model's save()/delete() guards and the hash chain do the work.
"""

from django.db import migrations

CREATE = [
    """
    CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit_auditevent is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent",
    """
    CREATE TRIGGER audit_auditevent_append_only
        BEFORE UPDATE OR DELETE ON audit_auditevent
        FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only()
    """,
]

DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_auditevent_append_only()",
]


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            # params=None: the % in the function body is not a query placeholder
            schema_editor.execute(statement, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger, elidable=False)]
