"""Database triggers that refuse to change a sealed audit row, whatever client asks.

SQLite refuses updates (deletes are still caught by the hash chain, and test databases
are emptied with DELETE); PostgreSQL refuses both (its flush uses TRUNCATE).
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER privacy_auditevent_no_update BEFORE UPDATE ON privacy_auditevent
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS privacy_auditevent_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION privacy_audit_append_only() RETURNS trigger
AS $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER privacy_auditevent_append_only BEFORE UPDATE OR DELETE ON privacy_auditevent
FOR EACH ROW EXECUTE FUNCTION privacy_audit_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS privacy_auditevent_append_only ON privacy_auditevent;
DROP FUNCTION IF EXISTS privacy_audit_append_only();
"""


def _run(sql_by_vendor: dict[str, str]):  # noqa: ANN202 - migration callable
    def apply(apps, schema_editor) -> None:  # noqa: ANN001
        sql = sql_by_vendor.get(schema_editor.connection.vendor, "")
        for statement in filter(str.strip, sql.split(";\n")):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
