"""서비스 구직자 by month (``ContactMonth``), kept by triggers on seekers, counseling notes and referrals.

A contact's month is the month of its local date (``settings.TIME_ZONE``), as the reports count it.
SQLite has no time zones, so its triggers add the zone's UTC offset; Korea keeps no summer time,
and the migration refuses a zone that does. Existing records are counted into the table at the end.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABLE = "reports_contactmonth"
# source → (table, the seeker column, the column whose date is the contact, is it a datetime)
SOURCES = {
    "seeker": ("seekers_seeker", "id", "registered_on", False),
    "note": ("seekers_counselingnote", "seeker_id", "written_at", True),
    "referral": ("referrals_referral", "seeker_id", "referred_at", True),
}


def _offset() -> str:
    zone = ZoneInfo(settings.TIME_ZONE)
    winter, summer = (datetime(2026, m, 1, tzinfo=zone).utcoffset() for m in (1, 7))
    if winter != summer:
        raise RuntimeError(f"{settings.TIME_ZONE} keeps summer time; the SQLite contact triggers assume one offset")
    return f"{int(winter / timedelta(minutes=1)):+d} minutes"


def _month(vendor: str, value: str, is_datetime: bool) -> str:
    if vendor == "postgresql":
        local = f"({value} AT TIME ZONE '{settings.TIME_ZONE}')" if is_datetime else value
        return f"date_trunc('month', {local})::date"
    return f"strftime('%Y-%m-01', {value}, '{_offset()}')" if is_datetime else f"strftime('%Y-%m-01', {value})"


def _add(vendor: str, row: str, source: str) -> str:
    _, who, when, is_datetime = SOURCES[source]
    return (
        f"INSERT INTO {TABLE} (seeker_id, month, contacts) VALUES ({row}.{who}, {_month(vendor, f'{row}.{when}', is_datetime)}, 1)"
        f" ON CONFLICT (month, seeker_id) DO UPDATE SET contacts = {TABLE}.contacts + 1;"
    )


def _remove(vendor: str, row: str, source: str) -> str:
    _, who, when, is_datetime = SOURCES[source]
    match = f"seeker_id = {row}.{who} AND month = {_month(vendor, f'{row}.{when}', is_datetime)}"
    return (
        f"UPDATE {TABLE} SET contacts = contacts - 1 WHERE {match};"
        f" DELETE FROM {TABLE} WHERE {match} AND contacts <= 0;"
    )


def _sqlite() -> list[str]:
    statements = []
    for source, (table, who, when, _) in SOURCES.items():
        name = f"reports_contact_{source}"
        gone = (
            f"DELETE FROM {TABLE} WHERE seeker_id = OLD.id;" if source == "seeker" else _remove("sqlite", "OLD", source)
        )
        statements += [
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {_add('sqlite', 'NEW', source)} END",
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {gone} END",
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF {when}, {who} ON {table}"
            f" WHEN OLD.{when} IS NOT NEW.{when} OR OLD.{who} IS NOT NEW.{who}"
            f" BEGIN {_remove('sqlite', 'OLD', source)} {_add('sqlite', 'NEW', source)} END",
        ]
    return statements


def _postgresql() -> list[str]:
    statements = []
    for source, (table, who, when, _) in SOURCES.items():
        name = f"reports_contact_{source}"
        gone = (
            f"DELETE FROM {TABLE} WHERE seeker_id = OLD.id;"
            if source == "seeker"
            else _remove("postgresql", "OLD", source)
        )
        statements += [
            f"""CREATE FUNCTION {name}() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN {gone} RETURN NULL; END IF;
              IF TG_OP = 'UPDATE' THEN
                IF OLD.{when} IS NOT DISTINCT FROM NEW.{when} AND OLD.{who} = NEW.{who} THEN RETURN NULL; END IF;
                {_remove("postgresql", "OLD", source)}
              END IF;
              {_add("postgresql", "NEW", source)}
              RETURN NULL;
            END; $$ LANGUAGE plpgsql""",
            f"CREATE TRIGGER {name} AFTER INSERT OR DELETE OR UPDATE OF {when}, {who} ON {table}"
            f" FOR EACH ROW EXECUTE FUNCTION {name}()",
        ]
    return statements


def _backfill(vendor: str) -> str:
    rows = " UNION ALL ".join(
        f"SELECT {who} AS seeker_id, {_month(vendor, when, is_datetime)} AS month FROM {table}"
        for table, who, when, is_datetime in SOURCES.values()
    )
    return f"INSERT INTO {TABLE} (seeker_id, month, contacts) SELECT seeker_id, month, COUNT(*) FROM ({rows}) c GROUP BY seeker_id, month"


def install(apps, schema_editor) -> None:  # noqa: ANN001
    vendor = schema_editor.connection.vendor
    for statement in [*(_postgresql() if vendor == "postgresql" else _sqlite()), _backfill(vendor)]:
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor) -> None:  # noqa: ANN001
    for source, (table, *_) in SOURCES.items():
        name = f"reports_contact_{source}"
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            for event in ("insert", "delete", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_{event}")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_city_kpi"),
        ("seekers", "0006_seeker_retention_notice_on"),
        ("referrals", "0004_placement_withdrawal"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContactMonth",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("month", models.DateField(verbose_name="월")),
                ("contacts", models.PositiveIntegerField(verbose_name="접촉 건수")),
                (
                    "seeker",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="seekers.seeker",
                        verbose_name="구직자",
                    ),
                ),
            ],
            options={
                "verbose_name": "월별 서비스 구직자",
                "verbose_name_plural": "월별 서비스 구직자",
                "constraints": [models.UniqueConstraint(fields=("month", "seeker"), name="contact_month_once")],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
