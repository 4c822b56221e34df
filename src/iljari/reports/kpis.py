"""The numbers the center reports, computed once for the dashboard, the exports and the report.

Every figure is a SQL aggregation (COUNT … GROUP BY) over the records, never a Python loop
over rows, so the same code serves a 동 desk and a province.

Definitions (also shown on the dashboard):
- 등록 구직자: registered in the period.
- 서비스 구직자: registered, counseled or referred in the period.
- 알선 / 면접: referrals made / interviews held in the period.
- 취업: placements that started in the period (referred or 자체 취업); 취업자: people placed.
- 취업률 = 취업자 ÷ 서비스 구직자.
- 고용유지율 n개월: of the n-month follow-ups due in the period and done, the share still working.
- 구인 발굴 / 채용 완료: vacancies received in the period / those of them filled.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr

from iljari.accounts.models import User
from iljari.core.calendar import moments
from iljari.referrals.models import FollowUp, Placement, Referral
from iljari.reports.models import ContactMonth
from iljari.seekers.models import CounselingNote, Seeker
from iljari.seekers.selectors import visible_desks
from iljari.vacancies.models import Vacancy

# Breakdown → the path from a seeker to the value rows are grouped by.
BREAKDOWNS = {
    "target_group": ("대상계층", "target_groups__name"),
    "desk": ("창구", "desk__name"),
    "counselor": ("상담사", "counselor__first_name"),
    "dong": ("행정동", "home_dong__name"),
    "occupation_group": ("직종(KECO 대분류)", "occupation_major"),
    "month": ("월", None),
}
KECO_MAJOR = {
    "0": "경영·사무·금융·보험",
    "1": "연구·공학기술",
    "2": "교육·법률·사회복지·경찰·소방·군인",
    "3": "보건·의료",
    "4": "예술·디자인·방송·스포츠",
    "5": "미용·여행·숙박·음식·경비·돌봄·청소",
    "6": "영업·판매·운전·운송",
    "7": "건설·채굴",
    "8": "설치·정비·생산",
    "9": "농림어업",
}
METRICS = [
    ("registered", "등록 구직자"),
    ("served", "서비스 구직자"),
    ("referrals", "알선"),
    ("interviews", "면접"),
    ("placements", "취업"),
    ("placed_people", "취업자"),
    ("placement_rate", "취업률(%)"),
    ("retention_1", "1개월 고용유지율(%)"),
    ("retention_3", "3개월 고용유지율(%)"),
    ("retention_6", "6개월 고용유지율(%)"),
    ("vacancies", "구인 발굴"),
    ("openings", "모집 인원"),
    ("filled", "채용 완료"),
]


@dataclass
class KpiTable:
    breakdown: str
    label: str
    rows: dict[str, dict[str, float]] = field(default_factory=dict)
    total: dict[str, float] = field(default_factory=dict)


def _with_key(qs: QuerySet, prefix: str, breakdown: str) -> QuerySet:
    _, path = BREAKDOWNS[breakdown]
    if breakdown == "occupation_group":
        return qs.annotate(key=Substr(f"{prefix}desired_occupations__keco_code", 1, 1))
    return qs.annotate(key=F(prefix + path))


def _count(
    qs: QuerySet, prefix: str, breakdown: str | None, counted: str = "id", distinct: bool = False
) -> dict[str, float]:
    return _counts(qs, prefix, breakdown, n=Count(counted, distinct=distinct))["n"]


def _counts(qs: QuerySet, prefix: str, breakdown: str | None, **aggregates: Count) -> dict[str, dict[str, float]]:
    """Several counts of one set of rows in one query (``Count(..., filter=...)``), by breakdown key.

    One pass over the rows instead of one query a figure: the month's referrals are read once
    for both 알선 and 면접, its follow-ups once for all six retention counts.
    """
    if breakdown is None:
        row = qs.aggregate(**aggregates)
        return {name: {"": row[name]} for name in aggregates}
    if breakdown == "occupation_group":  # a seeker may want two jobs of one group: each row counts once there
        aggregates = {name: _distinct(count) for name, count in aggregates.items()}
    out: dict[str, dict[str, float]] = {name: {} for name in aggregates}
    for r in _with_key(qs, prefix, breakdown).values("key").annotate(**aggregates):
        for name in aggregates:
            out[name][_label(breakdown, r["key"])] = r[name]
    return out


def _distinct(count: Count) -> Count:
    counted = count.copy()
    counted.distinct = True
    return counted


def _label(breakdown: str, key: object) -> str:
    if key in (None, ""):
        return "(미지정)"
    if breakdown == "occupation_group":
        return f"{key} {KECO_MAJOR.get(str(key), '')}"
    return str(key)


def scoped(qs: QuerySet, prefix: str, user: User | None) -> QuerySet:
    """Rows of the seekers ``user`` may see, filtered by desk (no sub-select over all seekers)."""
    desks = visible_desks(user)
    return qs if desks is None else qs.filter(**{f"{prefix}desk_id__in": desks})


def whole_months(start: date, end: date) -> bool:
    """Does [start, end] begin on a month's first day and end on a month's last?"""
    return start.day == 1 and (end + timedelta(days=1)).day == 1


def served_seekers(seekers: QuerySet[Seeker], start: date, end: date) -> QuerySet[Seeker]:
    """Seekers registered, counseled or referred in the period (서비스 구직자).

    Whole months are read from ``ContactMonth`` (one index range); a period that cuts a month
    from the records, as one IN over a UNION of three index range scans: an OR of the three
    conditions would make the database read every seeker.
    """
    if whole_months(start, end):
        return seekers.filter(id__in=ContactMonth.objects.filter(month__range=(start, end)).values("seeker_id"))
    since, until = (connection.ops.adapt_datetimefield_value(m) for m in moments(start, end))
    on_day = (connection.ops.adapt_datefield_value(start), connection.ops.adapt_datefield_value(end))
    sql = (
        f"{Seeker._meta.db_table}.id IN (SELECT id FROM {Seeker._meta.db_table} WHERE registered_on BETWEEN %s AND %s"
        f" UNION SELECT seeker_id FROM {CounselingNote._meta.db_table} WHERE written_at >= %s AND written_at < %s"
        f" UNION SELECT seeker_id FROM {Referral._meta.db_table} WHERE referred_at >= %s AND referred_at < %s)"
    )
    return seekers.extra(where=[sql], params=[*on_day, since, until, since, until])


@contextmanager
def report_queries() -> Iterator[None]:
    """A transaction tuned for a report's few large aggregations, on PostgreSQL.

    The year's (month, seeker) pairs are hashed in memory instead of sorted on disk (the
    server's default work_mem is 4 MB), and no JIT compile is spent on queries that run once.
    Both settings end with the transaction.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '64MB'")
                cursor.execute("SET LOCAL jit = off")
        yield


def served_by_month(*, first: date, last: date, user: User | None) -> dict[str, int]:
    """서비스 구직자 of every month from ``first``'s to ``last``'s, as ``{"YYYY-MM": n}``, in one query.

    A count of ``ContactMonth`` rows by month: the triggers that keep it have already counted a
    seeker once a month however often they came.
    """
    rows = scoped(ContactMonth.objects.filter(month__range=(first.replace(day=1), last)), "seeker__", user)
    return {f"{r['month']:%Y-%m}": r["n"] for r in rows.values("month").annotate(n=Count("*")).order_by()}


def kpi_table(
    *, start: date, end: date, breakdown: str | None, user: User | None = None, total: dict[str, float] | None = None
) -> KpiTable:
    """All metrics for [start, end] by one breakdown (or none: a single total row).

    Pass ``total`` when it is already known (the report computes it once for all breakdowns).
    """
    if breakdown == "month":
        return _by_month(start=start, end=end, user=user)
    seekers = scoped(Seeker.objects.all(), "", user)
    since, until = moments(start, end)
    started = Placement.objects.filter(started_on__range=(start, end)).values("seeker_id")
    referrals = scoped(Referral.objects.all(), "seeker__", user)
    follow_ups = scoped(
        FollowUp.objects.filter(due_on__range=(start, end), done_on__isnull=False), "placement__seeker__", user
    )
    in_month = Q(registered_on__range=(start, end))
    referred = Q(referred_at__gte=since, referred_at__lt=until)
    interviewed = Q(interview_at__gte=since, interview_at__lt=until)
    retention = {}
    for months in (1, 3, 6):
        retention[f"kept_{months}"] = Count("id", filter=Q(months_after=months, still_employed=True))
        retention[f"done_{months}"] = Count("id", filter=Q(months_after=months))
    figures = {
        # 서비스 구직자 include everyone registered in the period, so one pass counts both
        **_counts(
            served_seekers(seekers, start, end),
            "",
            breakdown,
            served=Count("id"),
            registered=Count("id", filter=in_month),
        ),
        **_counts(
            referrals.filter(referred | interviewed),
            "seeker__",
            breakdown,
            referrals=Count("id", filter=referred),
            interviews=Count("id", filter=interviewed),
        ),
        "placements": _count(
            scoped(Placement.objects.filter(started_on__range=(start, end)), "seeker__", user), "seeker__", breakdown
        ),
        "placed_people": _count(seekers.filter(pk__in=started), "", breakdown),
        **_counts(follow_ups.filter(months_after__in=(1, 3, 6)), "placement__seeker__", breakdown, **retention),
    }
    table = KpiTable(breakdown or "total", BREAKDOWNS[breakdown][0] if breakdown else "전체")
    keys = sorted({k for values in figures.values() for k in values})
    for key in keys:
        table.rows[key] = _derive({name: values.get(key, 0) for name, values in figures.items()})
    if breakdown == "dong":  # vacancies have a 동 of their own: found and filled where the work is
        for row in _vacancy_figures(start, end, by_dong=True):
            table.rows.setdefault(row.pop("place") or "(미지정)", _derive({})).update(row)
    if breakdown is not None:
        table.total = total or kpi_table(start=start, end=end, breakdown=None, user=user).total
    else:
        table.total = table.rows.pop("", _derive({name: 0 for name in figures}))
        table.total.update(_vacancy_figures(start, end))
    return table


def _vacancy_figures(start: date, end: date, by_dong: bool = False) -> dict[str, float] | list[dict]:
    found = Vacancy.objects.filter(posted_on__range=(start, end))
    sums = {
        "vacancies": Count("id"),
        "openings": Sum("openings"),
        "filled": Count("id", filter=Q(status=Vacancy.Status.FILLED)),
    }
    if by_dong:
        return [
            {k: (v or 0) if k != "place" else v for k, v in r.items()}
            for r in found.values(place=F("dong__name")).annotate(**sums)
        ]
    return {k: v or 0 for k, v in found.aggregate(**sums).items()}


def _derive(raw: dict[str, float]) -> dict[str, float]:
    row: dict[str, float] = {
        k: raw.get(k, 0) for k in ("registered", "served", "referrals", "interviews", "placements", "placed_people")
    }
    row["placement_rate"] = round(100 * raw.get("placed_people", 0) / raw["served"], 1) if raw.get("served") else 0.0
    for months in (1, 3, 6):
        done = raw.get(f"done_{months}", 0)
        row[f"retention_{months}"] = round(100 * raw.get(f"kept_{months}", 0) / done, 1) if done else 0.0
    return row


def _by_month(*, start: date, end: date, user: User | None) -> KpiTable:
    table = KpiTable("month", "월")
    month = date(start.year, start.month, 1)
    while month <= end:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        last = min(end, following - timedelta(days=1))
        table.rows[f"{month:%Y-%m}"] = kpi_table(start=max(start, month), end=last, breakdown=None, user=user).total
        month = following
    table.total = kpi_table(start=start, end=end, breakdown=None, user=user).total
    return table
