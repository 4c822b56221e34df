"""Lifecycles: a record's status as a small state machine, every move logged.

A domain declares its lifecycle once (``VACANCY`` in ``vacancies/lifecycle.py``: the states, the
moves between them, which moves need a reason) and its services move records only through
``transition`` (one record, refused with a Korean message when not allowed) or
``transition_many`` (a nightly job: every record that may take the move). Either way the status
is changed by one conditional UPDATE (``WHERE status = <what was read>``), so two people acting
at once never both win, and each move writes a ``StatusChange`` row: who, when, from, to, why.

The moved row's ``updated_at`` is set to now, which is how the matching index learns of the
change, and its ``version`` (where the model has one, for optimistic locking) goes up by one, so
an edit form opened before the move is refused rather than writing the old status back.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from iljari.core.acting import acting_as
from iljari.core.errors import IljariError
from iljari.core.models import StatusChange
from iljari.core.rrn import mask_rrns

CHUNK = 500


class TransitionRefused(IljariError):
    """A move the lifecycle does not allow now (HTTP 409) or that lacks what it needs (HTTP 422)."""

    def __init__(self, message: str, *, http_status: int = 409, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.http_status = http_status


@dataclass(frozen=True)
class Move:
    """One allowed transition: from any of ``sources`` to ``target``."""

    name: str
    label: str  # the button's and the log's word: "모집 취소"
    sources: tuple[str, ...]
    target: str
    reasons: tuple[tuple[str, str], ...] = ()  # when given, one of these codes is required
    needs_note: bool = False  # a correction: the person writes why (RRN-masked, no personal details)


@dataclass(frozen=True)
class Lifecycle:
    """The states of one model's ``status`` field and the moves between them."""

    object_type: str  # how the log names the records: "vacancy", "seeker"
    noun: str  # "구인표", "구직자"
    model: type[models.Model]
    states: type[models.TextChoices]
    moves: tuple[Move, ...]
    field: str = "status"

    def move(self, name: str) -> Move:
        for move in self.moves:
            if move.name == name:
                return move
        allowed = ", ".join(m.name for m in self.moves)
        raise TransitionRefused(f"알 수 없는 처리입니다: {name} (가능한 값: {allowed})", http_status=422)

    def moves_from(self, state: str) -> list[Move]:
        """The moves a person may take from ``state`` (the buttons a page shows)."""
        return [m for m in self.moves if state in m.sources]

    def label(self, state: str) -> str:
        return dict(self.states.choices).get(state, state)

    def check(self, move: Move, state: str, reason: str = "", note: str = "") -> None:
        """Refuse ``move`` from ``state`` with the reason in Korean; nothing is changed."""
        if state not in move.sources:
            allowed = "·".join(f"'{self.label(s)}'" for s in move.sources)
            raise TransitionRefused(
                f"이 {_topic(self.noun)} 지금 '{self.label(state)}' 상태입니다. "
                f"'{move.label}' 처리는 {allowed} 상태에서만 할 수 있습니다."
            )
        self.check_reason(move, reason, note)

    def check_reason(self, move: Move, reason: str, note: str = "") -> None:
        if move.reasons and reason not in dict(move.reasons):
            choices = ", ".join(label for _, label in move.reasons)
            raise TransitionRefused(f"'{move.label}' 사유를 골라 주십시오({choices}).", http_status=422, field="reason")
        if move.needs_note and not note.strip():
            raise TransitionRefused(f"'{move.label}'에는 그 까닭을 적어 주십시오.", http_status=422, field="note")


def _topic(noun: str) -> str:
    """The noun with its topic particle: 구인표는, 알선은 (a final consonant takes 은)."""
    last = ord(noun[-1]) - 0xAC00
    return noun + ("은" if 0 <= last < 11172 and last % 28 else "는")


def _actor(actor: Any) -> tuple[int | None, str]:
    if isinstance(actor, AbstractBaseUser):
        return actor.pk, actor.get_username()
    return None, str(actor or "system")


def _touch(lifecycle: Lifecycle, target: str, now: datetime) -> dict[str, Any]:
    names = {f.name for f in lifecycle.model._meta.concrete_fields}
    changes: dict[str, Any] = {lifecycle.field: target}
    if "updated_at" in names:
        changes["updated_at"] = now
    if "version" in names:
        changes["version"] = F("version") + 1
    return changes


def _log(
    lifecycle: Lifecycle, move: Move, rows: Iterable[tuple[int, str]], actor: Any, reason: str, note: str, at: datetime
) -> list[StatusChange]:
    actor_id, actor_name = _actor(actor)
    return StatusChange.objects.bulk_create(
        [
            StatusChange(
                object_type=lifecycle.object_type,
                object_id=pk,
                move=move.name,
                from_state=state,
                to_state=move.target,
                reason=reason,
                note=note,
                actor_id=actor_id,
                actor_name=actor_name,
                at=at,
            )
            for pk, state in rows
        ],
        batch_size=CHUNK,
    )


def transition(
    *,
    lifecycle: Lifecycle,
    record_id: int,
    move: str,
    actor: Any,
    reason: str = "",
    note: str = "",
    at: datetime | None = None,
    changes: dict[str, Any] | None = None,
) -> StatusChange:
    """Take ``move`` on one record, or refuse it and change nothing.

    ``changes`` are other fields the move sets with the status (a 재공고's new 마감일).
    ``at`` is when it happened, if not now (history written after the fact).
    """
    step = lifecycle.move(move)
    note = mask_rrns(note.strip())
    now = timezone.now()
    field = lifecycle.field
    # The record's history names the move and, for a correction, why it was made (RRN-masked).
    named = step.label if step.label.startswith(lifecycle.noun) else f"{lifecycle.noun} {step.label}"
    purpose = named + (f": {note}" if step.needs_note else "")
    with transaction.atomic(), acting_as(actor=actor, purpose=purpose):
        state = lifecycle.model.objects.select_for_update().filter(pk=record_id).values_list(field, flat=True).first()
        if state is None:
            raise TransitionRefused(f"{lifecycle.noun} #{record_id}을(를) 찾을 수 없습니다.", http_status=404)
        lifecycle.check(step, state, reason, note)
        moved = lifecycle.model.objects.filter(pk=record_id, **{field: state}).update(
            **_touch(lifecycle, step.target, now), **(changes or {})
        )
        if not moved:  # someone else moved it between the read and the write
            raise TransitionRefused(
                f"다른 직원이 방금 이 {lifecycle.noun}의 상태를 바꿨습니다. 화면을 새로 고친 뒤 다시 해 주십시오."
            )
        [change] = _log(lifecycle, step, [(record_id, state)], actor, reason, note, at or now)
    return change


def transition_many(
    *,
    lifecycle: Lifecycle,
    queryset: QuerySet,
    move: str,
    actor: Any,
    reason: str = "",
    note: str = "",
    at: datetime | None = None,
) -> list[int]:
    """Take ``move`` on every record of ``queryset`` that may take it; returns their ids.

    Records in another state are left as they are: a nightly job that runs twice, or after a
    person closed one by hand, does nothing twice.
    """
    step = lifecycle.move(move)
    note = mask_rrns(note.strip())
    lifecycle.check_reason(step, reason, note)
    now = timezone.now()
    field = lifecycle.field
    moved: list[int] = []
    with transaction.atomic(), acting_as(actor=actor, purpose=f"{lifecycle.noun} {step.label}"):
        rows = list(
            queryset.filter(**{f"{field}__in": step.sources})
            .select_for_update()
            .values_list("pk", field)
            .order_by("pk")
        )
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            lifecycle.model.objects.filter(pk__in=[pk for pk, _ in chunk], **{f"{field}__in": step.sources}).update(
                **_touch(lifecycle, step.target, now)
            )
        _log(lifecycle, step, rows, actor, reason, note, at or now)
        moved = [pk for pk, _ in rows]
    return moved


@dataclass(frozen=True)
class HistoryRow:
    """One line of a record's status history, in words."""

    at: datetime
    actor_name: str
    move: str
    from_label: str
    to_label: str
    reason: str
    note: str

    def line(self) -> str:
        """The row as the command line prints it."""
        why = " · ".join(x for x in (self.reason, self.note) if x)
        return f"{self.at:%Y-%m-%d %H:%M}  {self.move}  {self.from_label} → {self.to_label}  {self.actor_name}  {why}"


def _row(lifecycle: Lifecycle, c: StatusChange) -> HistoryRow:
    moves = {m.name: m for m in lifecycle.moves}
    move = moves.get(c.move)
    return HistoryRow(
        at=timezone.localtime(c.at),
        actor_name="자동 처리(예약 작업)" if c.actor_name.startswith("system:") else c.actor_name,
        move=move.label if move else c.move,
        from_label=lifecycle.label(c.from_state),
        to_label=lifecycle.label(c.to_state),
        reason=dict(move.reasons).get(c.reason, c.reason) if move else c.reason,
        note=c.note,
    )


def status_history(*, lifecycle: Lifecycle, record_id: int, limit: int = 50) -> list[HistoryRow]:
    """A record's moves, most recent first, with their Korean labels."""
    rows = StatusChange.objects.filter(object_type=lifecycle.object_type, object_id=record_id).order_by("-at", "-pk")
    return [_row(lifecycle, c) for c in rows[:limit]]


def last_change(*, lifecycle: Lifecycle, record_id: int) -> StatusChange | None:
    """The record's latest move (what an undo would take back): the last written, whatever time it
    carries (a move may be dated in the past)."""
    return StatusChange.objects.filter(object_type=lifecycle.object_type, object_id=record_id).order_by("-pk").first()
