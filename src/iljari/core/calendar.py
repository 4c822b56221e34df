"""Calendar arithmetic the center's rules are written in (follow-ups "in 3 months", validity "6 months")."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def months_later(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier, when negative), or the month's last day if it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def moments(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in local time: a range the datetime indexes can use.

    ``field__date__range`` casts every row's time to a date, so no index serves it; this does.
    """
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )
