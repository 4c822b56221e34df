"""Calendar arithmetic the center's rules are written in (follow-ups "in 3 months", validity "6 months")."""

from datetime import date


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
