"""The event report: the figures the center publishes after a fair (참여 구직자, 매칭, 면접,
채용), by booth, by target group and by how people registered; on screen and as xlsx.

Counted by SQL aggregation, one query per table.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db.models import Count, Q, QuerySet, Sum
from openpyxl import Workbook

from iljari.core.spreadsheets import metric_sheet, sheet_append, summary_sheet, workbook_save
from iljari.events.models import Booth, HiringEvent, Interview, Prematch, Registration
from iljari.reference.models import TargetGroup

SUMMARY = [
    ("registrations", "참여 신청"),
    ("checked_in", "입장"),
    ("no_show", "불참"),
    ("matches", "사전 매칭"),
    ("scheduled", "면접 배정"),
    ("held", "면접 실시"),
    ("hired", "채용(합격)"),
    ("second", "2차 면접"),
    ("failed", "불합격"),
]
BOOTH_METRICS = [
    ("openings", "모집 인원"),
    ("matches", "사전 매칭"),
    ("scheduled", "면접 배정"),
    ("held", "면접 실시"),
    ("hired", "채용(합격)"),
    ("second", "2차 면접"),
    ("failed", "불합격"),
]
PEOPLE_METRICS = [
    ("registrations", "참여 신청"),
    ("checked_in", "입장"),
    ("interviewed", "면접 본 사람"),
    ("hired", "채용된 사람"),
]


@dataclass
class EventReport:
    event: HiringEvent
    total: dict[str, int]
    booths: list[tuple[str, dict]]
    groups: list[tuple[str, dict]]
    sources: list[tuple[str, dict]]
    people_total: dict[str, int] = field(default_factory=dict)


def _interview_counts(on: str = "") -> dict:
    """Interview tallies, counted on Interview itself (``on=""``) or through a booth (``"interviews__"``)."""
    pk = f"{on}id"
    return {
        "scheduled": Count(pk, filter=~Q(**{f"{on}status": Interview.Status.CANCELLED}), distinct=True),
        "held": Count(pk, filter=Q(**{f"{on}status": Interview.Status.DONE}), distinct=True),
        "hired": Count(pk, filter=Q(**{f"{on}result": "passed"}), distinct=True),
        "second": Count(pk, filter=Q(**{f"{on}result": "second"}), distinct=True),
        "failed": Count(pk, filter=Q(**{f"{on}result": "failed"}), distinct=True),
    }


def _people(qs: QuerySet[Registration]) -> dict:
    """Registrations, check-ins, people interviewed and people hired among a set of registrations."""
    return qs.aggregate(
        registrations=Count("id", distinct=True),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False), distinct=True),
        interviewed=Count("id", filter=Q(interviews__status=Interview.Status.DONE), distinct=True),
        hired=Count("id", filter=Q(interviews__result="passed"), distinct=True),
    )


def events_totals(*, start: date, end: date) -> dict[str, int]:
    """Every event held in [start, end] summed: the figures a city exchanges with others."""
    registrations = Registration.objects.filter(event__date__range=(start, end))
    total = {"events": HiringEvent.objects.filter(date__range=(start, end)).count()}
    total.update(
        registrations.aggregate(
            registrations=Count("id"),
            checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
            no_show=Count("id", filter=Q(no_show=True)),
        )
    )
    total.update(Interview.objects.filter(booth__event__date__range=(start, end)).aggregate(**_interview_counts()))
    return total


def event_report(event: HiringEvent) -> EventReport:
    registrations = Registration.objects.filter(event=event)
    total = registrations.aggregate(
        registrations=Count("id"),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        no_show=Count("id", filter=Q(no_show=True)),
    )
    total["matches"] = Prematch.objects.filter(registration__event=event, score__gt=0).count()
    total.update(Interview.objects.filter(booth__event=event).aggregate(**_interview_counts()))
    booths = []
    rows = Booth.objects.filter(event=event).select_related("employer").annotate(**_interview_counts("interviews__"))
    matches = dict(
        Prematch.objects.filter(booth__event=event, score__gt=0)
        .values("booth")
        .annotate(n=Count("id"))
        .values_list("booth", "n")
    )
    openings = dict(Booth.objects.filter(event=event).annotate(n=Sum("vacancies__openings")).values_list("pk", "n"))
    for b in rows:
        name = f"{b.label} {b.employer.name}".strip()
        booths.append(
            (
                name,
                {
                    "openings": openings.get(b.pk) or 0,
                    "matches": matches.get(b.pk, 0),
                    **{k: getattr(b, k) for k in ("scheduled", "held", "hired", "second", "failed")},
                },
            )
        )
    groups = [(g.name, _people(registrations.filter(seeker__target_groups=g))) for g in TargetGroup.objects.all()]
    sources = [(label, _people(registrations.filter(source=value))) for value, label in Registration.Source.choices]
    return EventReport(
        event, total, booths, [g for g in groups if g[1]["registrations"]], sources, _people(registrations)
    )


def booth_totals(report: EventReport) -> dict[str, int]:
    sums: dict[str, int] = defaultdict(int)
    for _, row in report.booths:
        for key, value in row.items():
            sums[key] += value
    return dict(sums)


def event_xlsx(report: EventReport, path: Path) -> None:
    workbook_save(event_workbook(report), path)


def event_workbook(report: EventReport) -> Workbook:
    """The event's results as the workbook staff hand on: summary, booths, groups, sources, notes."""
    book = Workbook()
    event = report.event
    summary_sheet(
        book,
        f"{event.name} 결과",
        [
            f"{event.date:%Y-%m-%d} {event.starts_at:%H:%M}~{event.ends_at:%H:%M} · {event.place}",
            f"참여 부스 {len(report.booths)}곳",
        ],
        [(label, report.total.get(key, 0), "#,##0") for key, label in SUMMARY],
    )
    metric_sheet(book, "부스별", "부스", report.booths, booth_totals(report), BOOTH_METRICS)
    metric_sheet(book, "대상계층별", "대상계층", report.groups, report.people_total, PEOPLE_METRICS)
    metric_sheet(book, "신청 경로별", "신청 경로", report.sources, report.people_total, PEOPLE_METRICS)
    notes = book.create_sheet("비고")
    for line in (
        "사전 매칭: 매칭 기준(직종·자격·임금·근무시간 등)에 맞는 구직자-부스 쌍. 본인만 고른 부스는 빼고 셉니다.",
        "면접 배정: 취소되지 않은 면접 시간표 건수. 면접 실시: 결과(합격·불합격·2차)가 기록된 면접.",
        "대상계층별 합계는 한 사람이 여러 계층에 속할 수 있어 각 행의 합과 다를 수 있습니다.",
    ):
        sheet_append(notes, [line])
    notes.column_dimensions["A"].width = 100
    return book
