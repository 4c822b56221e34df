"""Wages compared on one scale: the hourly equivalent, against the legal minimum wage."""

from dataclasses import dataclass
from datetime import date, datetime, time

from iljari.core.choices import WageType
from iljari.reference.models import MinimumWage
from iljari.reference.selectors import minimum_wage_for

# 209 paid hours a month for a 40-hour week (주휴 included); shorter weeks scale down.
FULL_TIME_MONTHLY_HOURS = 209
FULL_TIME_WEEKLY_HOURS = 40


def daily_hours(start: time | None, end: time | None) -> float | None:
    """Working hours of a day from its start and end, less the legal break (휴게시간)."""
    if start is None or end is None:
        return None
    span = (datetime.combine(date.min, end) - datetime.combine(date.min, start)).seconds / 3600
    span = span or 24.0
    rest = 1.0 if span >= 9 else 0.5 if span >= 4.5 else 0.0
    return span - rest


def hourly_equivalent(
    wage_type: str, amount: int, *, weekly_hours: int | None = None, hours_per_day: float | None = None
) -> float:
    monthly_hours = FULL_TIME_MONTHLY_HOURS * (weekly_hours or FULL_TIME_WEEKLY_HOURS) / 40
    match WageType(wage_type):
        case WageType.HOURLY:
            return float(amount)
        case WageType.DAILY:
            return amount / (hours_per_day or 8)
        case WageType.MONTHLY:
            return amount / monthly_hours
        case WageType.ANNUAL:
            return amount / 12 / monthly_hours


@dataclass(frozen=True)
class MinimumWageShortfall:
    minimum: MinimumWage
    hourly_equivalent: float

    @property
    def message(self) -> str:
        return (
            f"최저임금 미만입니다: 시간당 약 {self.hourly_equivalent:,.0f}원 "
            f"({self.minimum.year}년 최저임금 시급 {self.minimum.hourly:,}원, "
            f"월 {self.minimum.monthly:,}원)."
        )


def minimum_wage_shortfall(
    *, wage_type: str, amount: int, on: date, weekly_hours: int | None = None, hours_per_day: float | None = None
) -> MinimumWageShortfall | None:
    """The shortfall if the wage is below the minimum wage in force on that day, else None."""
    minimum = minimum_wage_for(on)
    if minimum is None:
        return None
    hourly = hourly_equivalent(wage_type, amount, weekly_hours=weekly_hours, hours_per_day=hours_per_day)
    # A won of rounding in a converted monthly figure is not a violation.
    if hourly + 0.5 < minimum.hourly:
        return MinimumWageShortfall(minimum, hourly)
    return None


def monthly_for_hours(hourly: float, weekly_hours: int | None) -> float:
    """What an hourly-equivalent wage pays in a month for the job's own weekly hours."""
    return hourly * FULL_TIME_MONTHLY_HOURS * (weekly_hours or FULL_TIME_WEEKLY_HOURS) / FULL_TIME_WEEKLY_HOURS
