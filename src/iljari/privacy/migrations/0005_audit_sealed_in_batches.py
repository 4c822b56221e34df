"""Audit rows are written with one INSERT and their own MAC, and sealed into the chain in batches.

The triggers change with it: a row may be updated exactly once, from unsealed to sealed, and only
in its chain columns (seq, prev_hash, hash); any other change is still refused by the database.
Rows already in the chain keep their seals; they carry no MAC of their own (``macs_from``).
"""

from django.db import migrations, models

CONTENT = ["id", "at", "actor_id", "actor_name", "action", "object_type", "object_id", "purpose", "detail", "mac"]

_changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in CONTENT)
_new, _old = (", ".join(f"{side}.{c}" for c in CONTENT) for side in ("NEW", "OLD"))
REFUSE_SQLITE = """CREATE TRIGGER privacy_auditevent_no_update BEFORE UPDATE ON privacy_auditevent {when}
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"""

SQLITE_UP = [
    "DROP TRIGGER IF EXISTS privacy_auditevent_no_update",
    REFUSE_SQLITE.format(when=f"WHEN OLD.seq IS NOT NULL OR NEW.seq IS NULL OR {_changed}"),
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS privacy_auditevent_no_update", REFUSE_SQLITE.format(when="")]

POSTGRES_UP = [
    "DROP TRIGGER IF EXISTS privacy_auditevent_append_only ON privacy_auditevent",
    """CREATE TRIGGER privacy_auditevent_append_only BEFORE DELETE ON privacy_auditevent
    FOR EACH ROW EXECUTE FUNCTION privacy_audit_append_only()""",
    f"""CREATE OR REPLACE FUNCTION privacy_audit_seal_only() RETURNS trigger AS $$
    BEGIN
      IF OLD.seq IS NULL AND NEW.seq IS NOT NULL AND ({_new}) IS NOT DISTINCT FROM ({_old}) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit log is append-only';
    END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER privacy_auditevent_seal_only BEFORE UPDATE ON privacy_auditevent
    FOR EACH ROW EXECUTE FUNCTION privacy_audit_seal_only()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS privacy_auditevent_seal_only ON privacy_auditevent",
    "DROP FUNCTION IF EXISTS privacy_audit_seal_only()",
    "DROP TRIGGER IF EXISTS privacy_auditevent_append_only ON privacy_auditevent",
    """CREATE TRIGGER privacy_auditevent_append_only BEFORE UPDATE OR DELETE ON privacy_auditevent
    FOR EACH ROW EXECUTE FUNCTION privacy_audit_append_only()""",
]


def _run(statements_by_vendor: dict[str, list[str]]):  # noqa: ANN202 - migration callable
    def apply(apps, schema_editor) -> None:  # noqa: ANN001
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


def macs_from_now(apps, schema_editor) -> None:  # noqa: ANN001
    """Rows sealed so far have no MAC of their own; every row after them does."""
    AuditHead = apps.get_model("privacy", "AuditHead")
    head, _ = AuditHead.objects.get_or_create(pk=1)
    AuditHead.objects.filter(pk=1).update(macs_from=head.seq + 1)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0004_consent_given_on")]

    operations = [
        migrations.AlterModelOptions(
            name="auditevent",
            options={"ordering": ["id"], "verbose_name": "감사 기록", "verbose_name_plural": "감사 기록"},
        ),
        migrations.RemoveIndex(model_name="auditevent", name="privacy_aud_object__0da9c0_idx"),
        migrations.AddField(model_name="auditevent", name="mac", field=models.CharField(blank=True, max_length=64)),
        migrations.AddField(
            model_name="audithead",
            name="macs_from",
            field=models.BigIntegerField(default=1, help_text="the first seq whose row carries its own MAC"),
        ),
        migrations.AlterField(model_name="auditevent", name="hash", field=models.CharField(blank=True, max_length=64)),
        migrations.AlterField(
            model_name="auditevent", name="prev_hash", field=models.CharField(blank=True, max_length=64)
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.BigIntegerField(
                help_text="given when the row is sealed", null=True, unique=True, verbose_name="순번"
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["object_type", "object_id", "id"], name="privacy_aud_object__9e0420_idx"),
        ),
        migrations.RunPython(macs_from_now, migrations.RunPython.noop),
        # Last: on SQLite the steps above rebuild the table, which drops its trigger.
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
