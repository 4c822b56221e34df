"""Writing and verifying the audit log.

Every read of personal data writes a row, so a row is one INSERT that waits for nobody: it
carries a keyed MAC of its own content. Sealing then links the rows into a hash chain — each
sealed row carries the hash of the one before it, and a head row the last hash — so changing,
removing or truncating sealed rows is detected by ``iljari audit verify``, and a row changed or
slipped in before its sealing fails its own MAC. Sealing takes the chain's head for a whole
batch, at most once a second per process (and always before verifying), instead of on every
read: under load every page used to queue for the head. A row is unsealed for about a second
while the site is busy, until the next page or ``audit verify`` when it is idle.
"""

import getpass
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from iljari.core.rrn import mask_rrns, mask_rrns_in
from iljari.privacy.models import AuditEvent, AuditHead

logger = logging.getLogger(__name__)

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
    """Append entries to the log (one INSERT, in the caller's transaction); returns how many.

    Registration numbers are masked before a row is written: the log can never be corrected, so a
    number in a file name or a detail must not reach it.
    """
    entries = list(entries)
    if not entries:
        return 0
    actor_id, actor_name = _actor_fields(actor)
    now = timezone.now()
    rows = [
        AuditEvent(
            at=now,
            actor_id=actor_id,
            actor_name=actor_name,
            action=entry.action,
            object_type=entry.object_type,
            object_id=mask_rrns(str(entry.object_id)),
            purpose=mask_rrns(entry.purpose),
            detail=mask_rrns_in(entry.detail),
        )
        for entry in entries
    ]
    for row in rows:
        row.mac = row.compute_mac()
    AuditEvent.objects.bulk_create(rows, batch_size=500)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_seal_soon)
    else:
        _seal_soon()
    return len(rows)


SEAL_EVERY = 1.0  # seconds between one process's seals while rows keep coming
_sealing = threading.Lock()
_sealed_at = float("-inf")


def _seal_soon() -> None:
    """Seal what is waiting if this process has not for SEAL_EVERY seconds (one thread at a time)."""
    global _sealed_at
    if time.monotonic() - _sealed_at < SEAL_EVERY or not _sealing.acquire(blocking=False):
        return
    try:
        _sealed_at = time.monotonic()
        audit_seal(wait=False)
    except DatabaseError:
        # The rows are written; they wait for the next seal.
        logger.warning("감사 기록 봉인을 다음으로 미룹니다.", exc_info=True)
    finally:
        _sealing.release()


def audit_seal(*, wait: bool = True) -> int:
    """Link every row written since the last seal into the chain, oldest first; returns how many.

    One transaction holds the chain's head for the batch. With ``wait=False`` it returns at once
    when another process is sealing (PostgreSQL; SQLite queues writers at BEGIN anyway).
    """
    with transaction.atomic():
        head = AuditHead.objects.select_for_update(skip_locked=not wait).filter(pk=1).first()
        if head is None:
            if AuditHead.objects.filter(pk=1).exists():
                return 0  # another process holds the head and is sealing these rows
            head = AuditHead.objects.create(pk=1)
        sealed = []
        for row in AuditEvent.objects.filter(seq__isnull=True).order_by("id"):
            row.seq, row.prev_hash = head.seq + 1, head.hash
            row.hash = row.compute_hash()
            head.seq, head.hash = row.seq, row.hash
            sealed.append((row.seq, row.prev_hash, row.hash, row.pk))
        if sealed:
            with connection.cursor() as cursor:
                cursor.executemany(
                    "UPDATE privacy_auditevent SET seq = %s, prev_hash = %s, hash = %s WHERE id = %s", sealed
                )
            head.save(update_fields=["seq", "hash"])
    return len(sealed)


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
    """Seal what is waiting, then walk the chain; returns the rows checked and every break found, in Korean."""
    audit_seal()
    head = AuditHead.objects.filter(pk=1).first()
    macs_from = head.macs_from if head else 1
    problems: list[AuditProblem] = []
    expected_seq, prev_hash, checked = 1, "0" * 64, 0
    for row in AuditEvent.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=2000):
        checked += 1
        if row.seq != expected_seq:
            problems.append(AuditProblem(expected_seq, f"{expected_seq}~{row.seq - 1}번 기록이 없습니다(삭제됨)."))
        if row.prev_hash != prev_hash:
            problems.append(AuditProblem(row.seq, "앞 기록과의 연결(해시)이 맞지 않습니다."))
        if row.compute_hash() != row.hash:
            problems.append(AuditProblem(row.seq, "기록 내용이 변경되었습니다."))
        elif row.seq >= macs_from and row.mac != row.compute_mac():
            problems.append(AuditProblem(row.seq, "봉인 전에 변경되었거나 끼워 넣은 기록입니다."))
        expected_seq, prev_hash = row.seq + 1, row.hash
    if head and (head.seq != expected_seq - 1 or head.hash != prev_hash):
        problems.append(AuditProblem(head.seq, f"마지막 기록({head.seq}번)이 없거나 변경되었습니다."))
    return checked, problems
