"""Reading an event for its pages: who works which event, counts, the timetable grid, the day itself.

An event is worked by the staff of its host desk (its own staff, or staff granted that desk) and
by the center's manager; every page beyond the list and the booths answers 404 to anyone else.
The people on an event's pages follow the event-day rule of ``seekers.selectors``: registrants of
any desk, each shown by a masked name (``shown_name``) and audited as listed by the selector that
shows them.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from iljari.accounts.models import User
from iljari.accounts.selectors import staff_desks
from iljari.events.models import Booth, HiringEvent, Interview, Prematch, Registration
from iljari.seekers.selectors import registrants_shown

LIVE = (Interview.Status.SCHEDULED, Interview.Status.DONE)


def events_listed() -> tuple[QuerySet[HiringEvent], QuerySet[HiringEvent]]:
    """Upcoming events (soonest first) and the last past ones: no personal data, open to all staff."""
    today = timezone.localdate()
    counted = HiringEvent.objects.annotate(
        booth_count=Count("booths", distinct=True), registration_count=Count("registrations", distinct=True)
    )
    return counted.filter(date__gte=today).order_by("date", "starts_at"), counted.filter(date__lt=today)[:30]


def events_worked_by(user: User) -> QuerySet[HiringEvent]:
    """The events ``user`` works: those hosted by their desk or a desk granted to them; all of them
    for the center's manager. (Events name no staff of their own yet: the host desk decides.)"""
    desks = staff_desks(user)
    return HiringEvent.objects.all() if desks is None else HiringEvent.objects.filter(desk_id__in=desks)


def event_works(*, user: User, event: HiringEvent) -> bool:
    return events_worked_by(user).filter(pk=event.pk).exists()


def event_or_404(*, user: User, event_id: int) -> HiringEvent:
    """An event the user works; 404 alike for none and for another desk's."""
    event = events_worked_by(user).filter(pk=event_id).first()
    if event is None:
        raise Http404("채용행사를 찾을 수 없습니다.")
    return event


def _worked(user: User, event: HiringEvent) -> None:
    if not event_works(user=user, event=event):
        raise Http404("채용행사를 찾을 수 없습니다.")


def _show(user: User, registrations: list[Registration], purpose: str) -> None:
    """The event-day read: each registration's ``shown_name`` (masked), every one audited."""
    names = registrants_shown(user=user, seekers=[r.seeker for r in registrations], purpose=purpose)
    for r in registrations:
        r.shown_name = names[r.seeker_id]


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


def event_registrations(
    *, user: User, event: HiringEvent, ticket: str = "", page: int | str | None = 1, per_page: int = 50
) -> Page:
    """One page of an event's registrants with their pre-matches and interviews, names masked, audited."""
    _worked(user, event)
    qs = event.registrations.select_related("seeker", "seeker__desk").prefetch_related(
        "picks",
        Prefetch("prematches", queryset=Prematch.objects.select_related("booth__employer", "vacancy")),
        Prefetch("interviews", queryset=Interview.objects.filter(status__in=LIVE).select_related("booth")),
    )
    if ticket:
        qs = qs.filter(ticket__icontains=ticket.strip().upper())
    shown = Paginator(qs.order_by("created_at"), per_page).get_page(page)
    _show(user, list(shown), "채용행사 참가자 목록 조회")
    return shown


@dataclass
class GridRow:
    booth: Booth
    cells: list[list[Interview]]


def timetable_grid(*, user: User, event: HiringEvent) -> tuple[list[datetime], list[GridRow]]:
    """Slot start times and, for each booth, the interviews in each slot (names masked, audited)."""
    _worked(user, event)
    slots = [event.slot_start(t) for t in range(event.slot_count)]
    rows = {b.pk: GridRow(b, [[] for _ in slots]) for b in event.booths.select_related("employer")}
    placed = []
    for i in Interview.objects.filter(booth__event=event, status__in=LIVE).select_related("registration__seeker"):
        if i.booth_id in rows and 0 <= i.slot < len(slots):
            rows[i.booth_id].cells[i.slot].append(i)
            placed.append(i)
    _show(user, [i.registration for i in placed], "채용행사 면접 시간표 조회")
    return slots, list(rows.values())


def seeker_day(registration: Registration) -> QuerySet[Interview]:
    """One seeker's interviews, in time order, as their ticket shows them (no one else's data)."""
    return (
        registration.interviews.exclude(status=Interview.Status.CANCELLED)
        .select_related("booth__employer", "vacancy")
        .order_by("starts_at")
    )


TICKET_HOLDER = "참가권 소지자"  # who opened a ticket page without signing in: the seeker, by the code


def ticket_shown(*, user: User | None, registration: Registration) -> list[Interview]:
    """A ticket page: its holder's masked name (``shown_name``) and their day; whoever opens it is
    audited, the seeker by the code or staff sent there from the door."""
    names = registrants_shown(user=user or TICKET_HOLDER, seekers=[registration.seeker], purpose="채용행사 참가권 조회")
    registration.shown_name = names[registration.seeker_id]
    return list(seeker_day(registration))


def door_result(*, user: User, registration: Registration) -> list[Interview]:
    """What the door shows for a ticket just read: the registrant (masked, audited) and their day."""
    _worked(user, registration.event)
    _show(user, [registration], "채용행사 입장 확인")
    return list(seeker_day(registration))


def booth_day(*, user: User, booth: Booth) -> list[Interview]:
    """A booth's interviews in time order, with who is coming (masked, audited) and what fits."""
    _worked(user, booth.event)
    interviews = list(
        booth.interviews.exclude(status=Interview.Status.CANCELLED)
        .select_related("registration__seeker", "vacancy")
        .order_by("starts_at", "pk")
    )
    _show(user, [i.registration for i in interviews], "채용행사 부스 면접")
    return interviews


def event_day(*, user: User, event: HiringEvent, limit: int = 100) -> dict[str, list[Registration]]:
    """현장 운영: who has not arrived (with their first interview's time) and who is still waiting for
    an interview; names masked, audited."""
    _worked(user, event)
    absent = list(
        event.registrations.filter(checked_in_at__isnull=True, no_show=False)
        .select_related("seeker")
        .annotate(first_at=Min("interviews__starts_at", filter=Q(interviews__status=Interview.Status.SCHEDULED)))
        .order_by("first_at", "created_at")[:limit]
    )
    waiting = list(
        event.registrations.filter(no_show=False)
        .exclude(interviews__status__in=LIVE)
        .select_related("seeker")
        .order_by("checked_in_at")[:limit]
    )
    _show(user, absent + waiting, "채용행사 현장 운영")
    return {"absent": absent, "waiting": waiting}
