"""The event's interview timetable from its pre-matches: built before the day, repaired on it.

The rules and the solver are in ``scheduling.py`` (no Django); this module turns registrations
and pre-matches into a ``Problem`` and the answer back into ``Interview`` rows.
"""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from iljari.core.versions import data_changed
from iljari.events.models import HiringEvent, Interview, Prematch
from iljari.events.prematching import prematch
from iljari.events.scheduling import Problem, Schedule, check, greedy, solve
from iljari.events.services import EventError
from iljari.privacy.audit import Action, Actor, audit_record

KEPT = (Interview.Status.SCHEDULED, Interview.Status.DONE)


def _first_slot_from(event: HiringEvent, moment: time | None) -> int:
    if moment is None:
        return 0
    minutes = (moment.hour * 60 + moment.minute) - (event.starts_at.hour * 60 + event.starts_at.minute)
    return max(-(-minutes // event.slot_minutes), 0)  # the first slot that starts at or after it


def _last_slot_until(event: HiringEvent, moment: time | None) -> int:
    if moment is None:
        return event.slot_count - 1
    minutes = (moment.hour * 60 + moment.minute) - (event.starts_at.hour * 60 + event.starts_at.minute)
    return min(minutes // event.slot_minutes - 1, event.slot_count - 1)  # the last slot that ends by it


def _problem(event: HiringEvent, kept: list[Interview], closed_until: int) -> tuple[Problem, dict]:
    pairs = Prematch.objects.filter(
        registration__event=event, registration__no_show=False, value__gt=0, vacancy__isnull=False
    ).select_related("registration")
    values: dict[tuple[int, int], float] = {}
    vacancy: dict[tuple[int, int], int] = {}
    available: dict[int, tuple[int, int]] = {}
    for p in pairs:
        r = p.registration
        values[r.pk, p.booth_id] = round(p.value, 3)
        vacancy[r.pk, p.booth_id] = p.vacancy_id
        if r.available_from or r.available_until:
            available[r.pk] = (_first_slot_from(event, r.available_from), _last_slot_until(event, r.available_until))
    for i in kept:  # an interview on the timetable stays valid even if its pre-match changed since
        values.setdefault((i.registration_id, i.booth_id), max(round(i.value, 3), 0.001))
        vacancy.setdefault((i.registration_id, i.booth_id), i.vacancy_id)
    booths = dict(event.booths.values_list("pk", "interviewers"))
    problem = Problem(
        slots=event.slot_count,
        booth_capacity=booths,
        values=values,
        available=available,
        cap=event.max_interviews,
        gap=event.gap_slots,
        fixed=[(i.registration_id, i.booth_id, i.slot) for i in kept],
        closed={(b, t) for b in booths for t in range(closed_until + 1)},
    )
    return problem, vacancy


def _best(problem: Problem, time_limit: float) -> tuple[Schedule, Schedule, Schedule]:
    """The solver's timetable unless the greedy one is better or the solver found none in time."""
    base = greedy(problem)
    found = solve(problem, time_limit=time_limit, hint=base)
    valid = found.status in ("OPTIMAL", "FEASIBLE") and not check(problem, found)
    return (found if valid and found.value >= base.value else base), found, base


def _write(event: HiringEvent, schedule: Schedule, problem: Problem, vacancy: dict, skip: set) -> int:
    rows = [
        Interview(
            registration_id=s,
            booth_id=b,
            vacancy_id=vacancy.get((s, b)),
            slot=t,
            starts_at=event.slot_start(t),
            value=problem.values.get((s, b), 0),
        )
        for s, b, t in schedule.interviews
        if (s, b, t) not in skip
    ]
    Interview.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _waiting(problem: Problem, schedule: Schedule) -> int:
    return len({s for s, _ in problem.values} - {s for s, _, _ in schedule.interviews})


def schedule_build(*, event: HiringEvent, actor: Actor, time_limit: float = 20.0) -> dict:
    """The whole timetable before the day (pre-matching first if it has not been done)."""
    if event.booths.filter(interviews__status__in=[Interview.Status.DONE, Interview.Status.NO_SHOW]).exists():
        raise EventError("면접 결과가 이미 기록되어 시간표를 새로 짤 수 없습니다. '시간표 보완'을 이용해 주십시오.")
    if not event.booths.exists():
        raise EventError("부스가 없습니다. 부스를 먼저 등록해 주십시오.")
    if not Prematch.objects.filter(registration__event=event).exists():
        prematch(event=event)
    problem, vacancy = _problem(event, [], -1)
    chosen, found, base = _best(problem, time_limit)
    with transaction.atomic():
        data_changed()
        Interview.objects.filter(booth__event=event).delete()
        written = _write(event, chosen, problem, vacancy, set())
        summary = {
            "kind": "build",
            "used": "solver" if chosen is found else "greedy",
            "solver": found.summary(),
            "greedy": base.summary(),
            "registrations": len({s for s, _ in problem.values}),
            "pairs": len(problem.values),
            "interviews": written,
            "waiting": _waiting(problem, chosen),
        }
        HiringEvent.objects.filter(pk=event.pk).update(scheduled_at=timezone.now(), schedule_summary=summary)
        audit_record(
            actor=actor, action=Action.UPDATE, object_type="event", object_id=event.pk, purpose="면접 시간표 작성"
        )
    event.refresh_from_db()
    return summary


def schedule_repair(*, event: HiringEvent, actor: Actor, now: datetime | None = None, time_limit: float = 10.0) -> dict:
    """On the day: keep every interview held, in progress or still booked where it is, and fill
    the freed and unused places of the slots to come with walk-ins and seekers still waiting."""
    now = now or timezone.now()
    current = event.slot_of(now)
    if current >= event.slot_count - 1:
        raise EventError("남은 면접 시간대가 없어 시간표를 보완할 수 없습니다.")
    kept = list(Interview.objects.filter(booth__event=event, status__in=KEPT))
    problem, vacancy = _problem(event, kept, current)
    waiting_before = _waiting(problem, Schedule(problem.fixed, 0, 0, ""))
    chosen, _, _ = _best(problem, time_limit)
    with transaction.atomic():
        data_changed()
        added = _write(event, chosen, problem, vacancy, set(problem.fixed))
        summary = {
            "kind": "repair",
            "at": now.isoformat(),
            "added": added,
            "kept": len(kept),
            "waiting_before": waiting_before,
            "waiting": _waiting(problem, chosen),
        }
        HiringEvent.objects.filter(pk=event.pk).update(schedule_summary={**event.schedule_summary, "repair": summary})
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="event",
            object_id=event.pk,
            purpose="면접 시간표 보완",
            detail={"added": added},
        )
    event.refresh_from_db()
    return summary


def repair_if_running(*, event: HiringEvent, actor: Actor, now: datetime | None = None) -> dict | None:
    """After a no-show or a walk-in on the day: repair at once while slots remain, else nothing."""
    now = now or timezone.now()
    if not event.scheduled_at or timezone.localdate(now) != event.date:
        return None
    if event.slot_of(now) >= event.slot_count - 1:
        return None
    return schedule_repair(event=event, actor=actor, now=now, time_limit=5.0)
