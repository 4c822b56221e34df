"""The audit log is append-only and hash-chained; `iljari audit verify` finds any tampering."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from iljari.privacy.audit import Action, audit_record, audit_verify
from iljari.privacy.models import AuditEvent, AuditLogError

pytestmark = pytest.mark.postgres


def _log(n: int) -> None:
    for i in range(n):
        audit_record(actor="tester", action=Action.READ, object_type="seeker", object_id=i, purpose="상담")


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
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE privacy_auditevent SET purpose = 'x'")


def test_registering_a_seeker_is_audited(make_seeker, counselor):
    seeker = make_seeker()
    event = AuditEvent.objects.get(object_type="seeker", object_id=str(seeker.pk))
    assert (event.action, event.actor_name) == ("create", counselor.username)
