"""The audit log is append-only and hash-chained; `iljari audit verify` finds any tampering.

A row is one INSERT with its own MAC; sealing links rows into the chain in batches."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from iljari.privacy import audit
from iljari.privacy.audit import Action, audit_record, audit_seal, audit_verify
from iljari.privacy.models import AuditEvent, AuditLogError

pytestmark = pytest.mark.postgres


def _log(n: int, *, sealed: bool = True) -> None:
    for i in range(n):
        audit_record(actor="tester", action=Action.READ, object_type="seeker", object_id=i, purpose="상담")
    if sealed:
        audit_seal()


def _without_guard(sql: str, params: list) -> None:
    """Run SQL as someone with direct database access who bypasses the trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE privacy_auditevent DISABLE TRIGGER USER")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE privacy_auditevent ENABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER privacy_auditevent_no_update")
            cursor.execute(sql, params)


def test_an_untouched_log_verifies(db):
    _log(5)
    checked, problems = audit_verify()
    assert checked == 5 and problems == []
    call_command("audit", "verify")


def test_a_changed_row_is_detected(db):
    _log(5)
    row = AuditEvent.objects.get(seq=3)
    _without_guard("UPDATE privacy_auditevent SET actor_name = %s WHERE id = %s", ["someone", row.pk])
    _, problems = audit_verify()
    assert [p.seq for p in problems] == [3]
    with pytest.raises(CommandError, match="이상"):
        call_command("audit", "verify")


def test_a_deleted_row_in_the_middle_is_detected(db):
    _log(5)
    _without_guard("DELETE FROM privacy_auditevent WHERE seq = %s", [2])
    _, problems = audit_verify()
    assert problems and problems[0].seq == 2


def test_a_deleted_last_row_is_detected(db):
    _log(5)
    _without_guard("DELETE FROM privacy_auditevent WHERE seq = %s", [5])
    _, problems = audit_verify()
    assert any("마지막" in p.reason for p in problems)


def test_rows_cannot_be_changed_through_the_application(db):
    _log(2)
    row = AuditEvent.objects.first()
    row.purpose = "변경"
    with pytest.raises(AuditLogError):
        row.save()
    with pytest.raises(AuditLogError):
        row.delete()
    with pytest.raises(AuditLogError):
        AuditEvent.objects.all().update(purpose="x")
    with pytest.raises(AuditLogError):
        AuditEvent.objects.all().delete()


def test_the_database_itself_refuses_an_update(db):
    _log(1)
    _log(1, sealed=False)
    for sql in (
        "UPDATE privacy_auditevent SET purpose = 'x' WHERE seq IS NOT NULL",
        "UPDATE privacy_auditevent SET purpose = 'x' WHERE seq IS NULL",  # not yet sealed: still refused
        "UPDATE privacy_auditevent SET seq = NULL WHERE seq IS NOT NULL",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)


def test_a_read_is_one_insert_and_waits_for_no_lock(db, monkeypatch):
    monkeypatch.setattr(audit, "_sealed_at", float("inf"))  # this process sealed a moment ago
    with CaptureQueriesContext(connection) as queries:
        audit_record(actor="tester", action=Action.READ, object_type="seeker", object_id=1, purpose="상담")
    assert [q["sql"].split()[0] for q in queries] == ["INSERT"]
    assert AuditEvent.objects.get(object_id="1").seq is None


def test_rows_are_sealed_in_order_and_verified(db):
    _log(3, sealed=False)
    assert AuditEvent.objects.filter(seq__isnull=True).count() == 3
    assert audit_seal() == 3 and audit_seal() == 0
    rows = list(AuditEvent.objects.order_by("id"))
    assert [r.seq for r in rows] == [1, 2, 3]
    assert rows[1].prev_hash == rows[0].hash and rows[2].prev_hash == rows[1].hash
    assert audit_verify() == (3, [])


def test_a_row_changed_before_its_sealing_is_detected(db):
    _log(2)
    _log(1, sealed=False)
    row = AuditEvent.objects.get(seq__isnull=True)
    _without_guard("UPDATE privacy_auditevent SET purpose = %s WHERE id = %s", ["다른 목적", row.pk])
    _, problems = audit_verify()  # seals the changed row, whose own MAC no longer matches
    assert [p.seq for p in problems] == [3]
    assert "봉인 전" in problems[0].reason


def test_a_row_slipped_in_without_the_key_is_detected(db):
    _log(2)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO privacy_auditevent (at, actor_name, action, object_type, object_id, purpose, detail, mac,"
            " prev_hash, hash) VALUES (%s, 'someone', 'read', 'seeker', '1', '', '{}', '', '', '')",
            [AuditEvent.objects.first().at],
        )
    _, problems = audit_verify()
    assert [p.seq for p in problems] == [3]


def test_registering_a_seeker_is_audited(make_seeker, counselor):
    seeker = make_seeker()
    event = AuditEvent.objects.get(object_type="seeker", object_id=str(seeker.pk))
    assert (event.action, event.actor_name) == ("create", counselor.username)
