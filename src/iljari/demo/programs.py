"""Demo programs: the center's 계층별·직무별 교육 and the city's job programs, with sessions,
applicants, a selection, attendance, completions and what happened after, from a fixed seed.

Two cohorts ended months ago (so the report has 3- and 6-month outcomes), one course is under way
(attendance on its held sessions), and the rest recruit now — 어르신 공공일자리 with more applicants
than places, selected by the city's published criteria. Everything goes through the services, so
the rules, the lifecycle log and the consent records are the real ones.
"""

import contextlib
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from iljari.core.choices import KoreanLevel
from iljari.core.errors import IljariError
from iljari.core.lifecycles import transition
from iljari.reference.models import Licence, Occupation, TargetGroup
from iljari.reference.selectors import current_city
from iljari.referrals.services import placement_record_direct
from iljari.seekers.models import Seeker
from iljari.training.lifecycle import ENROLLMENT
from iljari.training.models import Enrollment, ProgramType, TrainingProgram
from iljari.training.rules import Declared
from iljari.training.services import (
    ProgramInput,
    SessionInput,
    attendance_record,
    enrollment_check,
    enrollment_complete,
    enrollment_create,
    enrollments_place,
    program_create,
    program_select,
)

ACTOR = "demo-generator"
SEED = 18


@dataclass
class _Plan:
    name: str
    kind: str
    provider: str
    start: int  # days from today
    sessions: int
    every: int  # days between sessions
    capacity: int
    place: str
    jobs: list[str] = field(default_factory=list)  # who applies: seekers asking for these jobs...
    groups: list[str] = field(default_factory=list)  # ...or of these groups
    licence: str = ""
    applicants: int = 0
    rules: dict = field(default_factory=dict)
    hours: tuple[int, int] = (9, 13)
    description: str = ""


PLANS = [
    _Plan(
        "지게차운전기능사 과정(1기)",
        "licence-course",
        "{short} 직업전문학교(시연용)",
        -230,
        8,
        4,
        15,
        "{short} 직업전문학교 실습장",
        jobs=["지게차운전원", "창고작업원(일반)", "택배원", "수동포장원(일반)"],
        licence="지게차운전기능사",
        applicants=13,
        rules={"residents_only": True},
        description="필기·실기 대비, 지게차 실습",
    ),
    _Plan(
        "다문화계층 호텔객실관리 실무과정(1기)",
        "job-training",
        "{center}·관내 호텔(시연용)",
        -215,
        10,
        3,
        12,
        "{center} 교육장",
        groups=["foreign", "marriage_migrant"],
        applicants=11,
        rules={"groups_required": True, "residents_only": True},
        description="2025 경기도 시군 성장프로젝트 지원: 객실 정비·린넨·고객 응대 실무, 호텔 현장 실습",
    ),
    _Plan(
        "다문화계층 호텔객실관리 실무과정(2기)",
        "job-training",
        "{center}·관내 호텔(시연용)",
        -12,
        10,
        3,
        12,
        "{center} 교육장",
        groups=["foreign", "marriage_migrant"],
        applicants=9,
        rules={"groups_required": True, "residents_only": True},
        description="2025 경기도 시군 성장프로젝트 지원: 객실 정비·린넨·고객 응대 실무, 호텔 현장 실습",
    ),
    _Plan(
        "지게차운전기능사 과정(2기)",
        "licence-course",
        "{short} 직업전문학교(시연용)",
        14,
        8,
        4,
        15,
        "{short} 직업전문학교 실습장",
        jobs=["지게차운전원", "창고작업원(일반)"],
        licence="지게차운전기능사",
        applicants=4,
        rules={"residents_only": True},
        description="필기·실기 대비, 지게차 실습",
    ),
    _Plan(
        "요양보호사 양성과정",
        "licence-course",
        "{name} 노인복지관(시연용)",
        21,
        12,
        3,
        20,
        "{name} 노인복지관 교육실",
        jobs=["요양보호사", "간병인"],
        groups=["career_break"],
        licence="요양보호사",
        applicants=3,
        hours=(13, 18),
    ),
    _Plan(
        "어르신 공공일자리(환경정비)",
        "senior-public",
        "{short}시니어클럽(시연용)",
        7,
        12,
        7,
        8,
        "와동 행정복지센터",
        groups=["senior"],
        applicants=14,
        rules={"age_min": 65, "residents_only": True, "income_max_percent": 150},
        hours=(9, 12),
        description="동네 환경정비, 주 3회 하루 3시간",
    ),
    _Plan(
        "디딤돌 일자리(청년 사무지원)",
        "stepping-stone",
        "{name} 일자리정책과(시연용)",
        21,
        10,
        7,
        6,
        "{name}청 별관",
        groups=["youth"],
        applicants=5,
        rules={"age_min": 18, "age_max": 39, "residents_only": True},
        hours=(9, 18),
        description="시 산하기관 사무 보조, 6개월 근무와 취업 연계",
    ),
    _Plan(
        "결혼이민여성 맞춤형 취업 지원",
        "marriage-migrant",
        "{name} 가족센터(시연용)",
        28,
        6,
        7,
        15,
        "{name} 가족센터",
        groups=["marriage_migrant"],
        applicants=3,
        rules={"groups_required": True, "korean_level_after": KoreanLevel.INTERMEDIATE},
        hours=(10, 12),
        description="직업 한국어, 이력서 작성, 면접 연습, 구인업체 연계",
    ),
]


def _applicants(
    rng: random.Random, plan: _Plan, program: TrainingProgram, taken: set[int], today: date
) -> list[Seeker]:
    """Active demo seekers who ask for the plan's jobs or belong to its groups and meet its rules."""
    pool = Seeker.objects.filter(is_demo=True, status=Seeker.Status.ACTIVE).exclude(pk__in=taken)
    if plan.jobs:
        pool = pool.filter(desired_occupations__title__in=plan.jobs) | pool.filter(desired_job_text__in=plan.jobs)
        if plan.groups:
            pool = pool | Seeker.objects.filter(
                is_demo=True, status=Seeker.Status.ACTIVE, target_groups__code__in=plan.groups
            )
    elif plan.groups:
        pool = pool.filter(target_groups__code__in=plan.groups)
    people = list(
        pool.distinct().select_related("home_dong", "visa_type").prefetch_related("target_groups").order_by("pk")
    )
    rng.shuffle(people)
    chosen = []
    for s in people:
        if len(chosen) == plan.applicants:
            break
        declared = _declared(rng, s)
        if all(c.ok for c in enrollment_check(program=program, seeker=s, declared=declared, today=today)):
            chosen.append((s, declared))
    return chosen


def _declared(rng: random.Random, seeker: Seeker) -> Declared:
    return Declared(income_percent=rng.choice([35, 45, 60, 80, 95, 120, 140]), single_household=rng.random() < 0.4)


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def demo_programs_generate(*, today: date, seed: int = SEED) -> dict[str, int]:
    """Create the demo programs and their stories; returns counts made."""
    if TrainingProgram.objects.filter(provider__endswith="(시연용)").exists():
        return {}
    rng = random.Random(seed)
    types = {t.code: t for t in ProgramType.objects.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    licences = {lic.name: lic for lic in Licence.objects.filter(name__in=[p.licence for p in PLANS if p.licence])}
    city = current_city()
    here = {"name": city.name, "short": city.short_name, "center": city.center_name or f"{city.name} 일자리센터"}
    taken: set[int] = set()
    counts = {"교육·일자리 사업": 0, "사업 참여 신청": 0, "수료": 0}
    with transaction.atomic():
        for plan in PLANS:
            starts = today + timedelta(days=plan.start)
            days = [starts + timedelta(days=plan.every * n) for n in range(plan.sessions)]
            program = program_create(
                data=ProgramInput(
                    name=plan.name,
                    provider=plan.provider.format(**here),
                    program_type=types.get(plan.kind),
                    starts_on=starts,
                    ends_on=days[-1],
                    capacity=plan.capacity,
                    description=plan.description,
                    licences=[licences[plan.licence]] if plan.licence in licences else [],
                    occupations=list(Occupation.objects.filter(title__in=plan.jobs[:1])),
                    target_groups=[groups[g] for g in plan.groups if g in groups],
                    **plan.rules,
                ),
                sessions=[SessionInput(d, time(plan.hours[0]), time(plan.hours[1]), plan.place.format(**here)) for d in days],
                actor=ACTOR,
            )
            counts["교육·일자리 사업"] += 1
            applied_on = min(starts - timedelta(days=20), today)
            enrollments = []
            for seeker, declared in _applicants(rng, plan, program, taken, applied_on):
                e = enrollment_create(
                    program=program,
                    seeker=seeker,
                    declared=declared,
                    consent_method="paper",
                    consent_given_on=applied_on,
                    actor=ACTOR,
                    today=applied_on,  # a past cohort applied before it began
                )
                at = _at(applied_on - timedelta(days=rng.randrange(10)), 9 + rng.randrange(8))
                Enrollment.objects.filter(pk=e.pk).update(applied_at=at)
                enrollments.append(e)
                taken.add(seeker.pk)
            counts["사업 참여 신청"] += len(enrollments)
            if plan.start > 0 and plan.kind not in ("senior-public", "stepping-stone"):
                continue  # still recruiting: selection later
            if enrollments:
                program_select(program=program, actor=ACTOR)
            counts["수료"] += _run(rng, program, days, today, licences.get(plan.licence))
        enrollments_place(today=today, actor=ACTOR)
    return counts


def _run(rng: random.Random, program: TrainingProgram, days: list[date], today: date, licence: Licence | None) -> int:
    """Attendance on the sessions held so far; for a course that has ended, completion, the licence
    for most, and for some a job found within a few months."""
    taking = list(program.enrollments.filter(status=Enrollment.Status.SELECTED).select_related("seeker").order_by("pk"))
    keen = {e.pk: rng.random() for e in taking}  # some come to almost every session, a few drop away
    for session in program.sessions.filter(date__lte=today):
        marks = {}
        for e in taking:
            marks[e.pk] = rng.random() < (0.95 if keen[e.pk] > 0.15 else 0.35)
        attendance_record(session=session, present=marks, actor=ACTOR, today=today)
    if days[-1] >= today:
        return 0
    done = 0
    for e in program.enrollments.filter(status=Enrollment.Status.ATTENDING).select_related("seeker", "program"):
        try:
            enrollment_complete(
                enrollment=e,
                licence=licence if licence and rng.random() < 0.8 else None,
                actor=ACTOR,
                completed_on=days[-1],
            )
        except IljariError:
            transition(
                lifecycle=ENROLLMENT, record_id=e.pk, move="drop", reason="absence", actor=ACTOR, at=_at(days[-1])
            )
            continue
        done += 1
        if rng.random() < 0.55:
            started = days[-1] + timedelta(days=rng.randrange(7, 150))
            if started <= today:
                with contextlib.suppress(IljariError):  # already placed meanwhile: one job is enough
                    placement_record_direct(
                        seeker=e.seeker,
                        employer_name=rng.choice(["(주)한빛물류", f"{current_city().short_name}호텔(시연용)", "세원테크"]),
                        started_on=started,
                        actor=ACTOR,
                    )
    return done
