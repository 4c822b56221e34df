"""One month's report: the totals, every breakdown, and the year's trend — for the dashboard,
the Excel workbook and the printed report alike."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth

from iljari.accounts.models import User
from iljari.referrals.models import Placement, Referral
from iljari.reports.kpis import KpiTable, kpi_table
from iljari.seekers.models import CounselingNote, Seeker
from iljari.seekers.selectors import seekers_visible_to

SECTIONS = ["target_group", "desk", "counselor", "dong", "occupation_group"]


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

    Placements come from one GROUP BY month; people served needs one query a month because it
    joins three kinds of contact.
    """
    seekers = seekers_visible_to(user) if user is not None else Seeker.objects.all()
    first = end_month.replace(day=1)
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    _, last = month_bounds(end_month)
    placed = {
        r["m"].strftime("%Y-%m"): r
        for r in Placement.objects.filter(seeker__in=seekers, started_on__range=(first, last))
        .annotate(m=TruncMonth("started_on"))
        .values("m")
        .annotate(placements=Count("id"), people=Count("seeker", distinct=True))
    }
    rows = []
    month = first
    while month <= last:
        start, end = month_bounds(month)
        notes = CounselingNote.objects.filter(seeker=OuterRef("pk"), written_at__date__range=(start, end))
        referred = Referral.objects.filter(seeker=OuterRef("pk"), referred_at__date__range=(start, end))
        served = seekers.filter(Q(registered_on__range=(start, end)) | Exists(notes) | Exists(referred)).count()
        key = f"{month:%Y-%m}"
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
    tables = {name: kpi_table(start=start, end=end, breakdown=name, user=user) for name in sections}
    total = next(iter(tables.values())).total if tables else kpi_table(start=start, end=end, breakdown=None).total
    return MonthlyReport(
        month=start, start=start, end=end, total=total, tables=tables, trend=year_trend(end_month=start, user=user)
    )
