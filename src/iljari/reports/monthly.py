"""One month's report: the totals, every breakdown, and the year's trend — for the dashboard,
the Excel workbook and the printed report alike."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth

from iljari.accounts.models import User
from iljari.core.versions import data_version
from iljari.referrals.models import Placement
from iljari.reports.kpis import KpiTable, kpi_table, report_queries, scoped, served_by_month
from iljari.seekers.selectors import visible_desks

SECTIONS = ["target_group", "desk", "counselor", "dong", "occupation_group"]
T = TypeVar("T")


@dataclass
class MonthlyReport:
    month: date
    start: date
    end: date
    total: dict[str, float]
    tables: dict[str, KpiTable]
    trend: list[tuple[str, dict[str, float]]]


def month_bounds(month: date) -> tuple[date, date]:
    start = month.replace(day=1)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start, following - timedelta(days=1)


def year_trend(*, end_month: date, user: User | None, months: int = 12) -> list[tuple[str, dict[str, float]]]:
    """Placements, people placed, people served and the placement rate of the last ``months`` months.

    Two queries for the whole year: placements by one GROUP BY month, people served by
    ``served_by_month``.
    """
    first = end_month.replace(day=1)
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    _, last = month_bounds(end_month)
    served_in = served_by_month(first=first, last=last, user=user)
    placements = scoped(Placement.objects.filter(started_on__range=(first, last)), "seeker__", user)
    placed = {
        r["m"].strftime("%Y-%m"): r
        for r in placements.annotate(m=TruncMonth("started_on"))
        .values("m")
        .annotate(placements=Count("id"), people=Count("seeker", distinct=True))
    }
    rows = []
    month = first
    while month <= last:
        _, end = month_bounds(month)
        served = served_in.get(key := f"{month:%Y-%m}", 0)
        p = placed.get(key, {"placements": 0, "people": 0})
        rows.append(
            (
                key,
                {
                    "served": served,
                    "placements": p["placements"],
                    "placed_people": p["people"],
                    "placement_rate": round(100 * p["people"] / served, 1) if served else 0.0,
                },
            )
        )
        month = end + timedelta(days=1)
    return rows


def monthly_report(*, month: date, user: User | None = None, sections: list[str] = SECTIONS) -> MonthlyReport:
    start, end = month_bounds(month)
    with report_queries():
        total = kpi_table(start=start, end=end, breakdown=None, user=user).total
        tables = {name: kpi_table(start=start, end=end, breakdown=name, user=user, total=total) for name in sections}
        trend = year_trend(end_month=start, user=user)
    return MonthlyReport(month=start, start=start, end=end, total=total, tables=tables, trend=trend)


def cached(kind: str, month: date, user: User | None, compute: Callable[[], T]) -> T:
    """``compute()`` once per month, scope and data version; a new write makes a new key."""
    desks = visible_desks(user)
    scope = "all" if desks is None else ",".join(map(str, sorted(desks))) or "none"
    key = f"iljari:{kind}:{month:%Y-%m}:{scope}:{data_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value)
    return value
