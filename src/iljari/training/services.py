"""Training and job programs: setting one up, enrolling seekers, selecting, attendance, completion.

Every write refuses bad input with a Korean message and saves nothing: a program without sessions,
an applicant who fails a rule (each failing rule named), attendance for a session still to come, a
completion without the attendance the program asks for.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time

from django.db import transaction
from django.utils import timezone

from iljari.accounts.models import User
from iljari.core.acting import acting_as
from iljari.core.errors import IljariError
from iljari.core.lifecycles import transition
from iljari.privacy.audit import Actor
from iljari.privacy.models import Consent
from iljari.privacy.services import consent_record
from iljari.reference.models import Dong, Licence, Occupation, TargetGroup, VisaType
from iljari.reference.services import City, ReferenceDataError, read_csv, upsert
from iljari.referrals.models import Placement
from iljari.seekers.models import Seeker
from iljari.seekers.services import seeker_update
from iljari.training.lifecycle import ENROLLMENT
from iljari.training.models import (
    Attendance,
    Enrollment,
    ProgramSession,
    ProgramType,
    SelectionCriterion,
    TrainingProgram,
)
from iljari.training.rules import Criterion, Declared, RuleError, eligibility, rule_check, score
from iljari.training.selectors import enrollment_facts, program_rules

SCHEDULER = "system:scheduler"
ACTIVE = (Enrollment.Status.SELECTED, Enrollment.Status.ATTENDING)


class ProgramError(IljariError):
    """A program, enrollment, selection or attendance the center's rules do not allow."""


def program_types_load(city: City) -> int:
    """The city's program types (어르신 공공일자리, 디딤돌 일자리, ...) from the optional ``program_types.csv``."""
    path = city.folder / "program_types.csv"
    if not path.exists():
        return 0
    return upsert(ProgramType, "code", read_csv(path, ["code", "name"]))


def selection_criteria_load(city: City) -> int:
    """``selection_criteria.csv`` (program_type,criterion,rule,points): all rows or none, each bad
    row named by its line; a type's criteria are replaced by the file's."""
    path = city.folder / "selection_criteria.csv"
    if not path.exists():
        return 0
    types = {t.code: t for t in ProgramType.objects.all()}
    problems, rows = [], []
    for line, row in enumerate(read_csv(path, ["program_type", "criterion", "rule", "points"]), start=2):
        kind = types.get(row["program_type"].strip())
        if kind is None:
            problems.append(f"{line}행: 사업 유형 {row['program_type']!r}이(가) program_types.csv에 없습니다.")
            continue
        try:
            rule_check(row["rule"])
        except RuleError as exc:
            problems.append(f"{line}행: {exc.message}")
            continue
        points = row["points"].strip()
        if not points.isdigit() or int(points) > 1000:
            problems.append(f"{line}행: 배점은 0~1000의 정수여야 합니다(지금: {points!r}).")
            continue
        rows.append(
            SelectionCriterion(
                program_type=kind,
                criterion=row["criterion"].strip(),
                rule=row["rule"].strip(),
                points=int(points),
                sort_order=line,
            )
        )
    if problems:
        raise ReferenceDataError(f"{path.name}을(를) 읽지 못했습니다(아무것도 바꾸지 않음): " + " ".join(problems))

    def key(c: SelectionCriterion) -> tuple:
        return (c.program_type_id, c.criterion, c.rule, c.points, c.sort_order)

    kinds = {r.program_type_id for r in rows}
    if {key(r) for r in rows} == {key(c) for c in SelectionCriterion.objects.filter(program_type__in=kinds)}:
        return 0  # loading the same file again changes nothing
    with transaction.atomic():
        SelectionCriterion.objects.filter(program_type__in=kinds).delete()
        SelectionCriterion.objects.bulk_create(rows)
    return len(rows)


@dataclass
class SessionInput:
    date: date
    starts_at: time
    ends_at: time
    place: str
    id: int | None = None  # on the edit page: the session this line keeps (moved if its values changed)


@dataclass
class ProgramInput:
    name: str
    provider: str
    starts_on: date
    ends_on: date
    capacity: int
    program_type: ProgramType | None = None
    dong: Dong | None = None
    description: str = ""
    occupations: Sequence[Occupation] = ()
    licences: Sequence[Licence] = ()
    korean_level_after: int | None = None
    target_groups: Sequence[TargetGroup] = ()
    visa_types: Sequence[VisaType] = ()
    age_min: int | None = None
    age_max: int | None = None
    residents_only: bool = False
    groups_required: bool = False
    income_max_percent: int | None = None
    completion_percent: int = 80
    quotas: Mapping[str, int] = field(default_factory=dict)


def program_problems(data: ProgramInput, sessions: Sequence[SessionInput]) -> list[str]:
    """Everything wrong with a program and its sessions, in Korean; empty when it may be saved."""
    problems = []
    if not data.name.strip():
        problems.append("과정명을 적어 주십시오.")
    if not data.provider.strip():
        problems.append("운영 기관을 적어 주십시오.")
    if data.ends_on < data.starts_on:
        problems.append("종강일이 개강일보다 빠릅니다.")
    if data.capacity < 1:
        problems.append("정원은 1명 이상이어야 합니다.")
    if data.age_min is not None and data.age_max is not None and data.age_min > data.age_max:
        problems.append("참여 연령의 하한이 상한보다 큽니다.")
    if not 0 < data.completion_percent <= 100:
        problems.append("수료 기준 출석률은 1~100% 사이여야 합니다.")
    groups = {g.code for g in data.target_groups} | set(TargetGroup.objects.values_list("code", flat=True))
    for code, seats in data.quotas.items():
        if code not in groups:
            problems.append(f"배정 인원의 대상계층 {code!r}을(를) 찾을 수 없습니다.")
        elif not isinstance(seats, int) or seats < 1:
            problems.append(f"대상계층 {code}의 배정 인원은 1명 이상의 정수여야 합니다.")
    if sum(v for v in data.quotas.values() if isinstance(v, int)) > data.capacity:
        problems.append("대상계층별 배정 인원의 합이 정원보다 많습니다.")
    if not sessions:
        problems.append("회차가 없는 사업은 등록할 수 없습니다. 회차(일자·시간·장소)를 하나 이상 넣어 주십시오.")
    seen = set()
    for n, s in enumerate(sessions, start=1):
        if not data.starts_on <= s.date <= data.ends_on:
            problems.append(
                f"{n}회차({s.date:%Y-%m-%d})가 운영 기간({data.starts_on:%Y-%m-%d}~{data.ends_on:%Y-%m-%d}) 밖입니다."
            )
        if s.ends_at <= s.starts_at:
            problems.append(f"{n}회차의 종료 시각이 시작 시각보다 빠르거나 같습니다.")
        if not s.place.strip():
            problems.append(f"{n}회차의 장소를 적어 주십시오.")
        if (s.date, s.starts_at) in seen:
            problems.append(f"{n}회차가 다른 회차와 같은 일시입니다.")
        seen.add((s.date, s.starts_at))
    return problems


def program_create(*, data: ProgramInput, sessions: Sequence[SessionInput], actor: Actor) -> TrainingProgram:
    """A program with its sessions, or ``ProgramError`` listing everything wrong and nothing saved."""
    problems = program_problems(data, sessions)
    if problems:
        raise ProgramError(" ".join(problems))
    with transaction.atomic(), acting_as(actor=actor, purpose="교육·일자리 사업 등록"):
        program = TrainingProgram.objects.create(
            name=data.name.strip(),
            provider=data.provider.strip(),
            program_type=data.program_type,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            capacity=data.capacity,
            dong=data.dong,
            description=data.description,
            age_min=data.age_min,
            age_max=data.age_max,
            residents_only=data.residents_only,
            groups_required=data.groups_required,
            income_max_percent=data.income_max_percent,
            completion_percent=data.completion_percent,
            quotas=dict(data.quotas),
            korean_level_after=data.korean_level_after,
        )
        program.occupations.set(data.occupations)
        program.licences.set(data.licences)
        program.target_groups.set(data.target_groups)
        program.visa_types.set(data.visa_types)
        ProgramSession.objects.bulk_create(
            [
                ProgramSession(
                    program=program, date=s.date, starts_at=s.starts_at, ends_at=s.ends_at, place=s.place.strip()
                )
                for s in sessions
            ]
        )
    return program


def enrollment_check(
    *, program: TrainingProgram, seeker: Seeker, declared: Declared, today: date | None = None
) -> list:
    """The program's rules checked for this seeker (``RuleCheck`` each); the caller has read the
    seeker through an audited selector."""
    facts = enrollment_facts(seeker=seeker, program=program, declared=declared, today=today or timezone.localdate())
    return eligibility(facts=facts, **program_rules(program))


def enrollment_create(
    *,
    program: TrainingProgram,
    seeker: Seeker,
    declared: Declared,
    consent_method: str,
    consent_given_on: date,
    actor: User | Actor,
    today: date | None = None,
    consent_version: str = "",
) -> Enrollment:
    """참여 신청 with the person's consent to give the program's partner their details; refused, with
    every rule that failed, for a seeker who may not take part. ``consent_version`` names the wording
    read (the portal's); each refusal carries a ``code`` for a page in another language."""
    today = today or timezone.localdate()
    if seeker.status != Seeker.Status.ACTIVE:
        raise ProgramError(
            f"'{seeker.get_status_display()}' 상태의 구직자는 사업에 신청할 수 없습니다.", code="seeker_inactive"
        )
    if program.ends_on < today:
        raise ProgramError("이미 끝난 사업입니다.", code="program_over")
    if consent_method not in Consent.Method.values:
        raise ProgramError("참여 동의를 받은 방법(서면·온라인·구두)을 골라 주십시오.", field="consent_method")
    failing = [c for c in enrollment_check(program=program, seeker=seeker, declared=declared, today=today) if not c.ok]
    if failing:
        raise ProgramError(
            "참여 자격이 없습니다: " + " ".join(c.reason for c in failing),
            code="ineligible",
            params={"failing": failing},
        )
    with transaction.atomic(), acting_as(actor=actor, purpose="교육·일자리 사업 참여 신청"):
        earlier = Enrollment.objects.select_for_update().filter(program=program, seeker=seeker).first()
        if earlier is not None and earlier.status != Enrollment.Status.DROPPED:
            raise ProgramError("이미 이 사업에 신청한 구직자입니다.", code="already_enrolled")
        [consent] = consent_record(
            seeker=seeker,
            purposes=[Consent.Purpose.PROGRAMS],
            method=consent_method,
            given_on=consent_given_on,
            actor=actor,
            version=consent_version,
        )
        application = {
            "applied_at": timezone.now(),
            "enrolled_by": actor if isinstance(actor, User) else None,
            "consent": consent,
            "declared": json.dumps(declared.as_dict()),
        }
        if earlier is None:
            return Enrollment.objects.create(program=program, seeker=seeker, **application)
        # One application per person and program: a withdrawn one is made again, its history kept and
        # its earlier selection result cleared (the selection is made afresh).
        cleared = {"points": None, "points_detail": [], "rank": None, "quota_group": ""}
        transition(
            lifecycle=ENROLLMENT, record_id=earlier.pk, move="reapply", actor=actor, changes=application | cleared
        )
        earlier.refresh_from_db()
        return earlier


def enrollment_withdraw(*, enrollment: Enrollment, actor: User | Actor) -> Enrollment:
    """The applicant takes back an application before the selection: 중도 포기·취소 (본인 요청). Once
    selected, leaving goes through the counselor (the place may go to the next applicant)."""
    with transaction.atomic():
        status = Enrollment.objects.select_for_update().values_list("status", flat=True).get(pk=enrollment.pk)
        if status != Enrollment.Status.APPLIED:
            raise ProgramError(
                f"'{ENROLLMENT.label(status)}' 상태의 신청은 직접 취소할 수 없습니다. 상담사에게 말씀해 주십시오.",
                code="selection_done",
            )
        transition(lifecycle=ENROLLMENT, record_id=enrollment.pk, move="drop", reason="own_request", actor=actor)
    enrollment.refresh_from_db()
    return enrollment


@dataclass
class Selected:
    enrollment: Enrollment
    points: int
    detail: list[dict]
    rank: int
    chosen: bool
    quota_group: str = ""


def selection_rank(*, program: TrainingProgram) -> list[Selected]:
    """The applicants (신청) in order: points from the type's criteria, high first; on equal points the
    lower declared income, then the earlier application. Seats kept for a target group (``quotas``)
    go first to that group's best; the rest by the order. Nothing is saved."""
    criteria = [
        Criterion(c.criterion, c.rule, c.points)
        for c in SelectionCriterion.objects.filter(program_type=program.program_type_id)
    ]
    applicants = list(
        program.enrollments.filter(status=Enrollment.Status.APPLIED)
        .select_related("seeker")
        .prefetch_related("seeker__target_groups")
    )
    scored = []
    for e in applicants:
        facts = enrollment_facts(
            seeker=e.seeker,
            program=program,
            declared=Declared.from_dict(json.loads(e.declared or "{}")),
            today=timezone.localdate(),
        )
        points, detail = score(criteria, facts)
        income = facts.declared.income_percent
        scored.append(
            (-points, 1000 if income is None else income, e.applied_at, e.pk, e, points, detail, facts.groups)
        )
    scored.sort(key=lambda t: t[:4])
    seats = (
        program.capacity
        - program.enrollments.filter(
            status__in=(*ACTIVE, Enrollment.Status.COMPLETED, Enrollment.Status.PLACED)
        ).count()
    )
    chosen: dict[int, str] = {}
    for code, kept in program.quotas.items():
        for row in [r for r in scored if code in r[7] and r[3] not in chosen][:kept]:
            if len(chosen) < seats:
                chosen[row[3]] = code
    for row in scored:
        if len(chosen) >= seats:
            break
        chosen.setdefault(row[3], "")
    return [
        Selected(row[4], row[5], row[6], n, row[3] in chosen, chosen.get(row[3], ""))
        for n, row in enumerate(scored, start=1)
    ]


def program_select(*, program: TrainingProgram, actor: User | Actor) -> list[Selected]:
    """Record the selection: each applicant 선발 or 미선발 with their points, each criterion's points
    and rank, in one transaction."""
    ranked = selection_rank(program=program)
    if not ranked:
        raise ProgramError("선발할 신청자가 없습니다.")
    oversubscribed = len(ranked) > sum(1 for r in ranked if r.chosen)
    if oversubscribed and not SelectionCriterion.objects.filter(program_type=program.program_type_id).exists():
        kind = (
            f"'{program.program_type}'의 선발 기준이 없습니다(selection_criteria.csv)"
            if program.program_type_id
            else "사업 유형이 없어 선발 기준을 알 수 없습니다"
        )
        raise ProgramError(f"신청자가 정원보다 많은데 {kind}. 아무도 선발하지 않았습니다.")
    with transaction.atomic():
        for r in ranked:
            why = f"{r.rank}위 {r.points}점" + (f" · {r.quota_group} 배정" if r.quota_group else "")
            if not oversubscribed:
                why = "정원 이내 전원 선발"
            transition(
                lifecycle=ENROLLMENT,
                record_id=r.enrollment.pk,
                move="select" if r.chosen else "reject",
                actor=actor,
                note=why,
                changes={"points": r.points, "points_detail": r.detail, "rank": r.rank, "quota_group": r.quota_group},
            )
    return ranked


def attendance_record(
    *, session: ProgramSession, present: Mapping[int, bool], actor: User | Actor, today: date | None = None
) -> int:
    """출석 for one session: ``present`` maps each enrollment id to whether they came. A session still
    to come is refused; a participant's first attendance starts their participation (참여 중)."""
    today = today or timezone.localdate()
    if session.date > today:
        raise ProgramError(f"아직 하지 않은 회차({session.date:%Y-%m-%d})의 출석은 기록할 수 없습니다.")
    taking = {e.pk: e for e in session.program.enrollments.filter(status__in=ACTIVE)}
    unknown = [pk for pk in present if pk not in taking]
    if unknown:
        raise ProgramError(
            "선발되지 않았거나 참여가 끝난 신청이 있습니다(번호 "
            + ", ".join(map(str, unknown))
            + "). 아무것도 저장하지 않았습니다."
        )
    now = timezone.now()
    with transaction.atomic(), acting_as(actor=actor, purpose="교육·일자리 사업 출석 기록"):
        for pk, came in present.items():
            Attendance.objects.update_or_create(
                session=session,
                enrollment_id=pk,
                defaults={
                    "present": came,
                    "recorded_at": now,
                    "recorded_by": actor if isinstance(actor, User) else None,
                },
            )
            if came and taking[pk].status == Enrollment.Status.SELECTED:
                transition(lifecycle=ENROLLMENT, record_id=pk, move="start", actor=actor)
    return len(present)


def attendance_rate(enrollment: Enrollment, *, today: date) -> tuple[int, int]:
    """(sessions attended, sessions held so far)."""
    held = enrollment.program.sessions.filter(date__lte=today).count()
    attended = enrollment.attendance.filter(present=True).count()
    return attended, held


def enrollment_complete(
    *, enrollment: Enrollment, licence: Licence | None, actor: User | Actor, completed_on: date | None = None
) -> Enrollment:
    """수료, with the licence obtained, which goes into the seeker's profile (and so their matching) at
    once. Refused without the attendance the program asks for."""
    completed_on = completed_on or timezone.localdate()
    program = enrollment.program
    attended, _ = attendance_rate(enrollment, today=completed_on)
    total = program.sessions.count()
    if attended == 0:
        raise ProgramError("출석 기록이 없는 참여자는 수료 처리할 수 없습니다. 먼저 회차별 출석을 기록해 주십시오.")
    if attended * 100 < program.completion_percent * total:
        raise ProgramError(
            f"출석률이 수료 기준에 못 미칩니다: 전체 {total}회 중 {attended}회 출석"
            f"(기준 {program.completion_percent}% 이상)."
        )
    if licence is not None and not program.licences.filter(pk=licence.pk).exists():
        raise ProgramError(f"'{licence}'은(는) 이 사업으로 취득하는 자격이 아닙니다.")
    with transaction.atomic():
        transition(
            lifecycle=ENROLLMENT,
            record_id=enrollment.pk,
            move="complete",
            actor=actor,
            note=f"{attended}/{total}회 출석" + (f" · {licence} 취득" if licence else ""),
            changes={"completed_on": completed_on, "licence_obtained": licence},
        )
        seeker = enrollment.seeker
        if licence is not None and not seeker.licences.filter(pk=licence.pk).exists():
            seeker_update(
                seeker=seeker,
                changes={"licences": [*seeker.licences.all(), licence]},
                actor=actor,
                version=Seeker.objects.values_list("version", flat=True).get(pk=seeker.pk),
            )
    enrollment.refresh_from_db()
    return enrollment


def enrollments_place(*, today: date, actor: Actor = SCHEDULER) -> list[int]:
    """The nightly outcome: a participant who completed and then started work is recorded 취업 with
    the date of that placement (the center's own placement records, the same ones the KPIs count)."""
    moved = []
    done = Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, completed_on__isnull=False)
    for e in done.only("pk", "seeker_id", "completed_on"):
        first = (
            Placement.objects.filter(seeker_id=e.seeker_id, started_on__gte=e.completed_on, started_on__lte=today)
            .order_by("started_on")
            .values_list("started_on", flat=True)
            .first()
        )
        if first:
            transition(lifecycle=ENROLLMENT, record_id=e.pk, move="place", actor=actor, changes={"placed_on": first})
            moved.append(e.pk)
    return moved
