"""Reading programs, their applicants and attendance, filtered by who may see them."""

import json
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from iljari.accounts.models import User
from iljari.reference.models import TargetGroup
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import masked_name, seekers_listed, seekers_visible_to
from iljari.training.models import Enrollment, ProgramSession, TrainingProgram
from iljari.training.rules import Declared, Facts, age_on, rule_label


def program_rules(program: TrainingProgram) -> dict:
    """The program's eligibility rules as ``rules.eligibility`` reads them."""
    return {
        "age_min": program.age_min,
        "age_max": program.age_max,
        "residents_only": program.residents_only,
        "groups_required": program.groups_required,
        "groups": {g.code: g.name for g in program.target_groups.all()},
        "visas": {v.code for v in program.visa_types.all()},
        "income_max_percent": program.income_max_percent,
    }


def enrollment_facts(*, seeker: Seeker, program: TrainingProgram, declared: Declared, today: date) -> Facts:
    """What the rules and criteria may read of one applicant (never sex or nationality)."""
    earlier = 0
    if program.program_type_id:
        earlier = (
            Enrollment.objects.filter(
                seeker=seeker,
                program__program_type_id=program.program_type_id,
                status__in=(Enrollment.Status.COMPLETED, Enrollment.Status.PLACED),
            )
            .exclude(program=program)
            .count()
        )
    registered = seeker.registered_on
    months = (today.year - registered.year) * 12 + today.month - registered.month - (today.day < registered.day)
    groups = {g.code: g.name for g in seeker.target_groups.all()}
    return Facts(
        age=age_on(seeker.birth_year, seeker.birth_date, today),
        resident=seeker.home_dong_id is not None,
        groups=frozenset(groups),
        visa=seeker.visa_type.code if seeker.visa_type_id else "",
        declared=declared,
        registered_months=max(months, 0),
        earlier_in_type=earlier,
        group_names={**groups, **{g.code: g.name for g in program.target_groups.all()}},
    )


def programs_open(*, on: date) -> QuerySet[TrainingProgram]:
    """Programs not yet over, with their counts of applicants and of places taken."""
    return programs_counted().filter(ends_on__gte=on)


def programs_counted() -> QuerySet[TrainingProgram]:
    taken = (
        Enrollment.Status.SELECTED,
        Enrollment.Status.ATTENDING,
        Enrollment.Status.COMPLETED,
        Enrollment.Status.PLACED,
    )
    return (
        TrainingProgram.objects.select_related("program_type", "dong")
        .prefetch_related("licences", "target_groups")
        .annotate(
            applicants=Count("enrollments", distinct=True),
            waiting=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.APPLIED), distinct=True),
            taken=Count("enrollments", filter=Q(enrollments__status__in=taken), distinct=True),
            session_count=Count("sessions", distinct=True),
        )
        .order_by("starts_on", "pk")
    )


def enrollments_visible(*, user: User | None, program: TrainingProgram, purpose: str) -> list[Enrollment]:
    """The program's applicants whose seekers ``user`` may see (their desks), each audited as listed."""
    rows = list(
        program.enrollments.filter(seeker__in=seekers_visible_to(user))
        .select_related("seeker", "seeker__desk", "licence_obtained")
        .prefetch_related("seeker__target_groups")
        .order_by("rank", "applied_at", "pk")
    )
    seekers_listed(user=user, seekers=[e.seeker for e in rows], purpose=purpose)
    return rows


@dataclass
class PublishedRow:
    """One line of the selection list a city publishes: rank, masked name, points by criterion."""

    rank: int
    name: str
    points: int
    detail: list[dict]
    result: str
    quota: str


def selection_published(*, program: TrainingProgram, actor: User | None) -> list[PublishedRow]:
    """The selection as a city posts it: 순위, a masked name (홍*동), each criterion's points and the
    result — no birth date, phone, address, group or declared income. Each name shown is audited."""
    done = (
        Enrollment.Status.SELECTED,
        Enrollment.Status.NOT_SELECTED,
        Enrollment.Status.ATTENDING,
        Enrollment.Status.COMPLETED,
        Enrollment.Status.PLACED,
        Enrollment.Status.DROPPED,
    )
    rows = list(
        program.enrollments.filter(status__in=done, rank__isnull=False).select_related("seeker").order_by("rank")
    )
    seekers_listed(user=actor, seekers=[e.seeker for e in rows], purpose=f"사업 #{program.pk} 선발 결과 공개 명단")
    return [
        PublishedRow(
            e.rank,
            masked_name(e.seeker.name),
            e.points or 0,
            e.points_detail,
            "미선발" if e.status == Enrollment.Status.NOT_SELECTED else "선발",
            "대상계층 배정" if e.quota_group else "",
        )
        for e in rows
    ]


def criteria_shown(program: TrainingProgram) -> list[tuple[str, str, int]]:
    """The type's published criteria in words: (기준, 규칙, 배점)."""
    if not program.program_type_id:
        return []
    groups = dict(TargetGroup.objects.values_list("code", "name"))
    return [(c.criterion, rule_label(c.rule, groups), c.points) for c in program.program_type.criteria.all()]


def declared_of(enrollment: Enrollment) -> Declared:
    return Declared.from_dict(json.loads(enrollment.declared or "{}"))


def session_roster(*, user: User | None, session: ProgramSession) -> list[tuple[Enrollment, bool | None]]:
    """The participants of a session's program ``user`` may see, with their mark so far (None: none)."""
    marks = dict(session.attendance.values_list("enrollment_id", "present"))
    taking = (Enrollment.Status.SELECTED, Enrollment.Status.ATTENDING, Enrollment.Status.COMPLETED)
    rows = list(
        session.program.enrollments.filter(status__in=taking, seeker__in=seekers_visible_to(user))
        .select_related("seeker")
        .order_by("pk")
    )
    seekers_listed(user=user, seekers=[e.seeker for e in rows], purpose=f"회차 #{session.pk} 출석부")
    return [(e, marks.get(e.pk)) for e in rows]


def enrollment_or_404(*, user: User | None, enrollment_id: int, purpose: str) -> Enrollment:
    """One enrollment whose seeker ``user`` may see (their desk), audited as shown; ``Http404`` alike
    for none and another desk's."""
    enrollment = (
        Enrollment.objects.filter(pk=enrollment_id, seeker__in=seekers_visible_to(user))
        .select_related("seeker", "seeker__desk", "program", "enrolled_by", "licence_obtained")
        .first()
    )
    if enrollment is None:
        raise Http404("참여 신청을 찾을 수 없습니다.")
    seekers_listed(user=user, seekers=[enrollment.seeker], purpose=purpose)
    return enrollment


def quotas_named(program: TrainingProgram) -> list[tuple[str, int]]:
    """The program's quotas as (대상계층 name, seats)."""
    names = dict(TargetGroup.objects.values_list("code", "name"))
    return [(names.get(code, code), n) for code, n in program.quotas.items()]
