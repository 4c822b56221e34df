"""Writing and verifying the audit log.

Every row carries the hash of the row before it, and a separate head row carries the last
hash, so changing, removing or truncating rows is detected by ``iljari audit verify``.
Appends are serialized by locking the head row (SQLite serializes them by taking the
write lock at BEGIN).
"""

import getpass
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from iljari.core.rrn import mask_rrns, mask_rrns_in
from iljari.privacy.models import AuditEvent, AuditHead

# A staff member, a named process ("cli:...", "system"), or None for the command line's user.
Actor = AbstractBaseUser | str | None
Action = AuditEvent.Action
T = TypeVar("T")


@dataclass(frozen=True)
class AuditEntry:
    action: str
    object_type: str
    object_id: str | int
    purpose: str = ""
    detail: dict = field(default_factory=dict)


def cli_actor() -> str:
    """The name recorded when someone works from the command line rather than the web."""
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:
        return "cli"


def _actor_fields(actor: Actor) -> tuple[int | None, str]:
    if isinstance(actor, AbstractBaseUser):
        return actor.pk, actor.get_username()
    return None, actor or cli_actor()


def audit_record_many(*, actor: Actor, entries: Iterable[AuditEntry]) -> int:
    """Append entries to the log in one transaction; returns how many were written.

    Registration numbers are masked before a row is sealed: the log can never be corrected, so a
    number in a file name or a detail must not reach it.
    """
    entries = list(entries)
    if not entries:
        return 0
    actor_id, actor_name = _actor_fields(actor)
    now = timezone.now()
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        rows = []
        for entry in entries:
            row = AuditEvent(
                seq=head.seq + 1,
                at=now,
                actor_id=actor_id,
                actor_name=actor_name,
                action=entry.action,
                object_type=entry.object_type,
                object_id=mask_rrns(str(entry.object_id)),
                purpose=mask_rrns(entry.purpose),
                detail=mask_rrns_in(entry.detail),
                prev_hash=head.hash,
            )
            row.hash = row.compute_hash()
            head.seq, head.hash = row.seq, row.hash
            rows.append(row)
        AuditEvent.objects.bulk_create(rows, batch_size=500)
        head.save(update_fields=["seq", "hash"])
    return len(rows)


def audit_record(
    *, actor: Actor, action: str, object_type: str, object_id: str | int, purpose: str = "", detail: dict | None = None
) -> None:
    audit_record_many(actor=actor, entries=[AuditEntry(action, object_type, object_id, purpose, detail or {})])


def audited_in_chunks(
    rows: Iterable[T], *, actor: Actor, entry: Callable[[T], AuditEntry | None], chunk: int = 1000
) -> Iterator[T]:
    """``rows`` again, a chunk at a time, each chunk's audit rows written before any of its rows is
    yielded: an export holds no row the log does not name, even when its writer stops midway.
    ``entry`` gives a row's audit entry, or ``None`` for a row with nothing personal in it."""
    rows = iter(rows)
    while batch := list(islice(rows, chunk)):
        audit_record_many(actor=actor, entries=[e for row in batch if (e := entry(row)) is not None])
        yield from batch


@dataclass(frozen=True)
class AuditProblem:
    seq: int
    reason: str


def audit_verify() -> tuple[int, list[AuditProblem]]:
    """Walk the chain; returns the rows checked and every break found, in Korean."""
    problems: list[AuditProblem] = []
    expected_seq, prev_hash, checked = 1, "0" * 64, 0
    for row in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        checked += 1
        if row.seq != expected_seq:
            problems.append(AuditProblem(expected_seq, f"{expected_seq}~{row.seq - 1}번 기록이 없습니다(삭제됨)."))
        if row.prev_hash != prev_hash:
            problems.append(AuditProblem(row.seq, "앞 기록과의 연결(해시)이 맞지 않습니다."))
        if row.compute_hash() != row.hash:
            problems.append(AuditProblem(row.seq, "기록 내용이 변경되었습니다."))
        expected_seq, prev_hash = row.seq + 1, row.hash
    head = AuditHead.objects.filter(pk=1).first()
    if head and (head.seq != expected_seq - 1 or head.hash != prev_hash):
        problems.append(AuditProblem(head.seq, f"마지막 기록({head.seq}번)이 없거나 변경되었습니다."))
    return checked, problems
