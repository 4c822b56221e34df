"""사업 정보 수정 — correcting a program and its sessions on the staff page.

The same versioned-record mechanism as a seeker's or a company's correction (``privacy.history``):
only the fields changed are written, a save made on an older version is refused with what changed
meanwhile, and every change — a session added, moved or cancelled too — is in the program's history.
"""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.db import IntegrityError, transaction

from iljari.privacy.audit import Actor
from iljari.privacy.history import changed_values, not_editable, record_for_update, record_revise
from iljari.training.models import Enrollment, ProgramSession, TrainingProgram
from iljari.training.services import ProgramError, ProgramInput, SessionInput, program_problems

PROGRAM_EDITABLE = frozenset(
    {
        "name",
        "program_type",
        "provider",
        "starts_on",
        "ends_on",
        "capacity",
        "dong",
        "description",
        "licences",
        "korean_level_after",
        "target_groups",
        "visa_types",
        "age_min",
        "age_max",
        "residents_only",
        "groups_required",
        "income_max_percent",
        "completion_percent",
        "quotas",
        "sessions",
    }
)
SEATS_TAKEN = (
    Enrollment.Status.SELECTED,
    Enrollment.Status.ATTENDING,
    Enrollment.Status.COMPLETED,
    Enrollment.Status.PLACED,
)


def session_text(s: ProgramSession | SessionInput) -> str:
    """A session as one line of the program's history: ``2026-12-10 09:00-13:00 실습장``."""
    return f"{s.date:%Y-%m-%d} {s.starts_at:%H:%M}-{s.ends_at:%H:%M} {s.place.strip()}"


def program_input_of(program: TrainingProgram) -> ProgramInput:
    """The program as it is, in the words of the set-up service (to check a correction as a whole)."""
    return ProgramInput(
        name=program.name,
        provider=program.provider,
        starts_on=program.starts_on,
        ends_on=program.ends_on,
        capacity=program.capacity,
        program_type=program.program_type,
        dong=program.dong,
        description=program.description,
        occupations=list(program.occupations.all()),
        licences=list(program.licences.all()),
        korean_level_after=program.korean_level_after,
        target_groups=list(program.target_groups.all()),
        visa_types=list(program.visa_types.all()),
        age_min=program.age_min,
        age_max=program.age_max,
        residents_only=program.residents_only,
        groups_required=program.groups_required,
        income_max_percent=program.income_max_percent,
        completion_percent=program.completion_percent,
        quotas=dict(program.quotas),
    )


def _session_plan(
    now: Sequence[ProgramSession], wanted: Sequence[SessionInput]
) -> tuple[list[str], list[ProgramSession], list[tuple[ProgramSession, SessionInput]], list[SessionInput]]:
    """(problems, to cancel, to move, to add): a line with a session's number keeps that session, a
    missing number cancels it, a line without one adds a session. A session with attendance is
    neither cancelled nor moved to another day or time (its place may still be corrected)."""
    by_id = {s.pk: s for s in now}
    problems, kept = [], set()
    moves, adds = [], []
    for n, line in enumerate(wanted, start=1):
        if line.id is None:
            adds.append(line)
            continue
        session = by_id.get(line.id)
        if session is None:
            problems.append(
                f"{n}번째 회차의 번호 #{line.id}은(는) 이 사업의 회차가 아닙니다. 새 회차는 번호 없이 적어 주십시오."
            )
            continue
        if line.id in kept:
            problems.append(f"회차 #{line.id}이(가) 두 번 적혀 있습니다.")
            continue
        kept.add(line.id)
        if session_text(session) != session_text(line):
            moves.append((session, line))
    cancels = [s for s in now if s.pk not in kept]
    attended = set(
        ProgramSession.objects.filter(
            pk__in=[s.pk for s in [*cancels, *(m for m, _ in moves)]], attendance__isnull=False
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    for s in cancels:
        if s.pk in attended:
            problems.append(
                f"출석을 기록한 회차({session_text(s)})는 취소할 수 없습니다. 그 줄(#{s.pk})을 되살려 주십시오."
            )
    for s, line in moves:
        if s.pk in attended and (s.date, s.starts_at, s.ends_at) != (line.date, line.starts_at, line.ends_at):
            problems.append(f"출석을 기록한 회차(#{s.pk} {session_text(s)})는 일시를 옮길 수 없습니다.")
    return problems, cancels, moves, adds


def program_update(
    *, program: TrainingProgram, changes: Mapping[str, Any], actor: Actor, version: int
) -> TrainingProgram:
    """Correct a program: only the fields in ``changes`` (``sessions`` the whole list as the page
    shows it), only if nobody saved it since ``version``; refused, with everything wrong and nothing
    saved, as a new program would be (seats, quotas, period, sessions) — and a session with
    attendance is not cancelled or moved, nor the seats cut below those already selected."""
    unknown = set(changes) - PROGRAM_EDITABLE
    if unknown:
        raise ProgramError(not_editable(TrainingProgram, unknown))
    fields = {k: v for k, v in changes.items() if k != "sessions"}
    with transaction.atomic():
        current = record_for_update(model=TrainingProgram, pk=program.pk, version=version)
        sessions_now = list(current.sessions.all())
        wanted = changes.get("sessions")
        if wanted is None:
            wanted = [SessionInput(s.date, s.starts_at, s.ends_at, s.place, s.pk) for s in sessions_now]
        data = replace(program_input_of(current), **fields)
        problems = program_problems(data, wanted)
        plan_problems, cancels, moves, adds = _session_plan(sessions_now, wanted)
        problems += plan_problems
        taken = current.enrollments.filter(status__in=SEATS_TAKEN).count()
        if data.capacity < taken:
            problems.append(f"이미 선발·참여한 인원({taken}명)보다 정원을 줄일 수 없습니다.")
        if problems:
            raise ProgramError(" ".join(problems))
        values, relations = changed_values(record=current, changes=fields)
        related = [{"field": "sessions", "old": session_text(s), "new": "취소"} for s in cancels]
        related += [{"field": "sessions", "old": session_text(s), "new": session_text(line)} for s, line in moves]
        related += [{"field": "sessions", "old": "", "new": session_text(line)} for line in adds]
        try:
            with transaction.atomic():
                ProgramSession.objects.filter(pk__in=[s.pk for s in cancels]).delete()
                for s, line in moves:
                    ProgramSession.objects.filter(pk=s.pk).update(
                        date=line.date, starts_at=line.starts_at, ends_at=line.ends_at, place=line.place.strip()
                    )
                ProgramSession.objects.bulk_create(
                    [
                        ProgramSession(
                            program=current,
                            date=line.date,
                            starts_at=line.starts_at,
                            ends_at=line.ends_at,
                            place=line.place.strip(),
                        )
                        for line in adds
                    ]
                )
        except IntegrityError:  # two sessions swapping their slots in one save
            raise ProgramError(
                "같은 일시의 회차가 잠시 겹쳐 저장하지 못했습니다. 회차를 한 번에 하나씩 옮겨 주십시오."
            ) from None
        record_revise(
            record=current,
            version=version,
            values=values,
            relations=relations,
            actor=actor,
            purpose="교육·일자리 사업 정보 수정",
            related=related,
        )
    return TrainingProgram.objects.get(pk=program.pk)
