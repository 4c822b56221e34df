"""Programs report: per program and per target group, applicants → selected → completed → placed
within 3 and 6 months, beside similar seekers who did not take part.

The comparison is like for like: each completer is set beside the non-participants of the same desk
and occupation group (KECO 중분류 of their first 희망직종) who were looking for work at the start of the
month the completer finished; both are counted placed when a placement (the center's placement
records, referred or 자체 취업) started within 3 (6) months from the 1st of that month — a completer
only from their completion date. The comparison rate weights each (month, desk, occupation group)
cell by how many completers it holds. A window not yet over is left out of both sides.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from iljari.core.calendar import months_later
from iljari.core.models import StatusChange
from iljari.reference.models import TargetGroup
from iljari.referrals.models import Placement
from iljari.seekers.models import Seeker
from iljari.training.models import Enrollment, TrainingProgram

METHOD = (
    "비교 집단은 수료자와 같은 달·같은 창구·같은 직업군(첫 희망직종의 고용직업분류 중분류)에서 그달 1일에 구직 중이던, "
    "어떤 사업에도 참여하지 않은 구직자입니다. 수료자는 수료일부터, 비교 집단은 그달 1일부터 3개월(6개월) 안에 "
    "시작한 취업(알선·자체 취업)을 셉니다. 비교 취업률은 칸(달·창구·직업군)마다 수료자 수로 가중한 값이며, "
    "기간이 아직 끝나지 않은 수료자는 양쪽에서 모두 뺍니다. 연령·성별·국적으로 맞추거나 나누지 않습니다."
)


@dataclass
class OutcomeRow:
    label: str
    applicants: int = 0
    selected: int = 0
    completed: int = 0
    due_3: int = 0  # completers whose 3-month window is over
    placed_3: int = 0
    due_6: int = 0
    placed_6: int = 0
    compare_3: list[tuple[int, float]] = field(default_factory=list)  # (weight, rate) per cell
    compare_6: list[tuple[int, float]] = field(default_factory=list)

    @staticmethod
    def _rate(n: int, d: int) -> float | None:
        return round(100 * n / d, 1) if d else None

    @staticmethod
    def _weighted(cells: list[tuple[int, float]]) -> float | None:
        total = sum(w for w, _ in cells)
        return round(100 * sum(w * r for w, r in cells) / total, 1) if total else None

    @property
    def rate_3(self) -> float | None:
        return self._rate(self.placed_3, self.due_3)

    @property
    def rate_6(self) -> float | None:
        return self._rate(self.placed_6, self.due_6)

    @property
    def compared_3(self) -> float | None:
        return self._weighted(self.compare_3)

    @property
    def compared_6(self) -> float | None:
        return self._weighted(self.compare_6)


@dataclass
class ProgramsReport:
    today: date
    programs: list[OutcomeRow]
    groups: list[OutcomeRow]
    total: OutcomeRow
    comparison_people: int  # distinct non-participants the comparison drew on
    method: str = METHOD

    @property
    def groups_and_total(self) -> list[OutcomeRow]:
        return [*self.groups, self.total]


def _occupation_groups(seekers: QuerySet[Seeker]) -> dict[int, str]:
    """Each seeker's occupation group: KECO 중분류 of the first 희망직종 in title order ("-" if none).

    One query over the 희망직종 links, so a pool of a hundred thousand seekers costs one pass,
    not an object per seeker.
    """
    links = Seeker.desired_occupations.through.objects.filter(seeker__in=seekers)
    groups: dict[int, str] = {}
    for seeker_id, code in links.order_by("seeker_id", "occupation__title").values_list(
        "seeker_id", "occupation__keco_code"
    ):
        groups.setdefault(seeker_id, code[:2] if code else "-")
    return groups


class _Comparison:
    """Placement rates of non-participants per (month start, desk, occupation group, months).

    Only the desks that have completers are read, as (id, registered_on) rows grouped by desk and
    occupation group once, so each cell looks at its own seekers only.
    """

    def __init__(self, today: date, desks: set[int]) -> None:
        self.today = today
        pool = (
            Seeker.objects.filter(desk_id__in=desks)
            .exclude(pk__in=Enrollment.objects.values("seeker_id"))
            .exclude(status=Seeker.Status.ERASED)
        )
        groups = _occupation_groups(pool)
        self.cells: dict[tuple[int, str], list[tuple[int, date]]] = defaultdict(list)
        for pk, desk, registered in pool.values_list("pk", "desk_id", "registered_on"):
            self.cells[(desk, groups.get(pk, "-"))].append((pk, registered))
        self.placements: dict[int, list[date]] = defaultdict(list)
        for seeker_id, started in Placement.objects.filter(seeker__in=pool).values_list("seeker_id", "started_on"):
            self.placements[seeker_id].append(started)
        self.cache: dict[tuple, float | None] = {}
        self.used: set[int] = set()

    def rate(self, month: date, desk: int, group: str, months: int) -> float | None:
        key = (month, desk, group, months)
        if key not in self.cache:
            end = months_later(month, months)
            looking = [
                pk
                for pk, registered in self.cells.get((desk, group), [])
                if registered <= month
                and not any(d < month for d in self.placements[pk])  # already in work: not looking
            ]
            placed = sum(1 for pk in looking if any(month <= d < end for d in self.placements[pk]))
            self.used.update(looking)
            self.cache[key] = placed / len(looking) if looking else None
        return self.cache[key]


def program_outcomes(*, today: date) -> ProgramsReport:
    """Every program's and every target group's figures as of ``today`` (no person named)."""
    selected_ids = set(
        StatusChange.objects.filter(object_type="enrollment", move="select").values_list("object_id", flat=True)
    )
    enrollments = list(
        Enrollment.objects.select_related("program", "seeker")
        .prefetch_related("seeker__target_groups")
        .order_by("program__starts_on", "pk")
    )
    jobs: dict[int, list[date]] = defaultdict(list)
    participants = {e.seeker_id for e in enrollments}
    for seeker_id, started in Placement.objects.filter(seeker_id__in=participants).values_list(
        "seeker_id", "started_on"
    ):
        jobs[seeker_id].append(started)
    occupation = _occupation_groups(Seeker.objects.filter(pk__in=participants))
    comparison = _Comparison(today, {e.seeker.desk_id for e in enrollments if e.completed_on})
    by_program: dict[int, OutcomeRow] = {
        p.pk: OutcomeRow(p.name) for p in TrainingProgram.objects.order_by("starts_on", "pk")
    }
    names = dict(TargetGroup.objects.order_by("sort_order").values_list("code", "name"))
    by_group = {code: OutcomeRow(name) for code, name in names.items()}
    total = OutcomeRow("전체")
    for e in enrollments:
        rows = [
            by_program[e.program_id],
            total,
            *[by_group[g.code] for g in e.seeker.target_groups.all() if g.code in by_group],
        ]
        done = e.completed_on
        for row in rows:
            row.applicants += 1
            row.selected += e.pk in selected_ids
            row.completed += done is not None
        if done is None:
            continue
        month = done.replace(day=1)
        group = occupation.get(e.seeker_id, "-")
        for months, due, placed, compare in (
            (3, "due_3", "placed_3", "compare_3"),
            (6, "due_6", "placed_6", "compare_6"),
        ):
            end = months_later(month, months)
            if end > today:
                continue
            hit = any(done <= d < end for d in jobs.get(e.seeker_id, []))
            other = comparison.rate(month, e.seeker.desk_id, group, months)
            for row in rows:
                setattr(row, due, getattr(row, due) + 1)
                setattr(row, placed, getattr(row, placed) + hit)
                if other is not None:
                    getattr(row, compare).append((1, other))
    return ProgramsReport(
        today,
        [r for r in by_program.values() if r.applicants],
        [r for r in by_group.values() if r.applicants],
        total,
        len(comparison.used),
    )
