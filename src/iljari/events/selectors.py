"""Reading an event for its pages: counts, the timetable grid, one seeker's and one booth's day."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from iljari.events.models import Booth, HiringEvent, Interview, Prematch, Registration

LIVE = (Interview.Status.SCHEDULED, Interview.Status.DONE)


def events_listed() -> tuple[QuerySet[HiringEvent], QuerySet[HiringEvent]]:
    """Upcoming events (soonest first) and the last past ones."""
    today = timezone.localdate()
    counted = HiringEvent.objects.annotate(
        booth_count=Count("booths", distinct=True), registration_count=Count("registrations", distinct=True)
    )
    return counted.filter(date__gte=today).order_by("date", "starts_at"), counted.filter(date__lt=today)[:30]


def event_counts(event: HiringEvent) -> dict[str, int]:
    counts = event.registrations.aggregate(
        registrations=Count("id"),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        no_show=Count("id", filter=Q(no_show=True)),
        walk_in=Count("id", filter=Q(source=Registration.Source.WALK_IN)),
    )
    counts["prematched"] = Prematch.objects.filter(registration__event=event).values("registration").distinct().count()
    counts["interviews"] = Interview.objects.filter(booth__event=event, status__in=LIVE).count()
    counts["results"] = Interview.objects.filter(booth__event=event).exclude(result="").count()
    return counts


def booths_of(event: HiringEvent) -> QuerySet[Booth]:
    return (
        event.booths.select_related("employer")
        .prefetch_related("vacancies")
        .annotate(
            interview_count=Count("interviews", filter=Q(interviews__status__in=LIVE), distinct=True),
            prematch_count=Count("prematches", filter=Q(prematches__score__gt=0), distinct=True),
        )
    )


def registrations_of(event: HiringEvent, ticket: str = "") -> QuerySet[Registration]:
    qs = event.registrations.select_related("seeker", "seeker__desk").prefetch_related(
        "picks",
        Prefetch("prematches", queryset=Prematch.objects.select_related("booth__employer", "vacancy")),
        Prefetch("interviews", queryset=Interview.objects.filter(status__in=LIVE).select_related("booth")),
    )
    if ticket:
        qs = qs.filter(ticket__icontains=ticket.strip().upper())
    return qs.order_by("created_at")


@dataclass
class GridRow:
    booth: Booth
    cells: list[list[Interview]]


def timetable_grid(event: HiringEvent) -> tuple[list[datetime], list[GridRow]]:
    """Slot start times and, for each booth, the interviews in each slot."""
    slots = [event.slot_start(t) for t in range(event.slot_count)]
    rows = {b.pk: GridRow(b, [[] for _ in slots]) for b in event.booths.select_related("employer")}
    for i in Interview.objects.filter(booth__event=event, status__in=LIVE).select_related("registration__seeker"):
        if i.booth_id in rows and 0 <= i.slot < len(slots):
            rows[i.booth_id].cells[i.slot].append(i)
    return slots, list(rows.values())


def seeker_day(registration: Registration) -> QuerySet[Interview]:
    """One seeker's interviews, in time order, as their ticket shows them."""
    return (
        registration.interviews.exclude(status=Interview.Status.CANCELLED)
        .select_related("booth__employer", "vacancy")
        .order_by("starts_at")
    )


def booth_day(booth: Booth) -> QuerySet[Interview]:
    """A booth's interviews in time order, with who is coming and what fits."""
    return (
        booth.interviews.exclude(status=Interview.Status.CANCELLED)
        .select_related("registration__seeker", "vacancy")
        .order_by("starts_at", "pk")
    )


def not_arrived(event: HiringEvent) -> QuerySet[Registration]:
    """Registered, not checked in, not yet marked absent: with the time of their first interview."""
    return (
        event.registrations.filter(checked_in_at__isnull=True, no_show=False)
        .select_related("seeker")
        .annotate(first_at=Min("interviews__starts_at", filter=Q(interviews__status=Interview.Status.SCHEDULED)))
        .order_by("first_at", "created_at")
    )


def waiting(event: HiringEvent) -> QuerySet[Registration]:
    """Present (or registered) seekers with no interview on the timetable."""
    return (
        event.registrations.filter(no_show=False)
        .exclude(interviews__status__in=LIVE)
        .select_related("seeker")
        .order_by("checked_in_at")
    )
