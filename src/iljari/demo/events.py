"""Demo hiring events run through the real pipeline: booths, registrations, the matching
engine's pre-matches, the CP-SAT timetable and — for a fair already held — the day's
check-ins, no-shows and booth results, recorded through the referral services.

Runs after the matching indexes exist (``iljari init --demo`` calls it after ``reindex``).
Three events: a fair held 25 days ago (its report is the demo's event report), today's
취업광장 ready for check-in, and the coming fair with registrations pre-matched.
"""

import math
import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from iljari.accounts.models import Desk, User
from iljari.core.errors import IljariError
from iljari.employers.models import Employer
from iljari.events.models import Booth, HiringEvent, Interview, Registration
from iljari.events.prematching import prematch
from iljari.events.results import interview_record
from iljari.events.services import registration_create
from iljari.events.timetable import schedule_build
from iljari.privacy.models import Consent
from iljari.reference.selectors import current_city
from iljari.referrals.models import Referral
from iljari.seekers.models import Seeker
from iljari.vacancies.models import Vacancy

ACTOR = "demo-generator"
# The solver's limit for the demo's timetables (staff get 30 s). With 10 s on a busy 2-core machine
# the fair's timetable was no better than the greedy one it starts from, and the day's square was
# proved optimal at 5.6 s; CP-SAT's answer is never worse than that start, and `make run` waits.
SOLVER_SECONDS = 3.0
FAIL_REASONS = (["qualification", "wage", "hours", "distance", "employer", "other"], [30, 20, 15, 10, 15, 10])


def _booths(
    rng: random.Random, event: HiringEvent, count: int, posted_by: date, *, more_openings: bool = False
) -> list[Booth]:
    """Companies with open vacancies posted by then; the ones with the most openings come to fairs."""
    employers = list(
        Employer.objects.annotate(
            open_count=Count(
                "vacancies", filter=Q(vacancies__status=Vacancy.Status.OPEN, vacancies__posted_on__lte=posted_by)
            )
        )
        .filter(open_count__gt=0, is_demo=True)
        .order_by("-open_count", "pk")[: count * 3]
    )
    chosen = sorted(rng.sample(employers, min(count, len(employers))), key=lambda e: e.pk)
    booths = []
    for n, employer in enumerate(chosen, start=1):
        booth = Booth.objects.create(
            event=event,
            employer=employer,
            label=f"{n:02d}",
            interviewers=rng.choice([1, 1, 2, 2, 3]),
            interview_minutes=15,
        )
        vacancies = list(
            employer.vacancies.filter(status=Vacancy.Status.OPEN, posted_on__lte=posted_by).order_by("pk")[:3]
        )
        booth.vacancies.set(vacancies)
        if more_openings:  # companies come to a big fair to hire several people
            for v in vacancies:
                Vacancy.objects.filter(pk=v.pk).update(openings=v.openings + rng.randint(2, 6))
        booths.append(booth)
    return booths


def _people(rng: random.Random, booths: list[Booth], count: int, exclude: set[int]) -> list[Seeker]:
    """Mostly people who asked for the kind of work the booths offer, some who did not."""
    kecos = {
        v.occupation.keco_code[:2] for b in booths for v in b.vacancies.select_related("occupation") if v.occupation
    }
    active = Seeker.objects.filter(status=Seeker.Status.ACTIVE, is_demo=True).exclude(pk__in=exclude)
    related = Q(pk__in=[])
    for prefix in sorted(kecos):
        related |= Q(desired_occupations__keco_code__startswith=prefix)
    near = list(active.filter(related).distinct().order_by("pk").values_list("pk", flat=True))
    rest = list(active.exclude(pk__in=near).order_by("pk").values_list("pk", flat=True))
    picked = rng.sample(near, min(len(near), int(count * 0.75)))
    picked += rng.sample(rest, min(len(rest), count - len(picked)))
    return list(Seeker.objects.filter(pk__in=picked).order_by("pk"))


def _register(
    rng: random.Random, event: HiringEvent, booths: list[Booth], seekers: list[Seeker], actor: User | str
) -> None:
    for seeker in seekers:
        picks = rng.sample(booths, rng.choice([0, 0, 1, 1, 2]))
        half = rng.random()
        window = (None, None)
        if half < 0.15:
            window = (event.starts_at, time(event.starts_at.hour + 3))
        elif half < 0.3:
            window = (time(event.ends_at.hour - 3), event.ends_at)
        registration_create(
            event=event,
            seeker=seeker,
            source=rng.choices([Registration.Source.COUNSELOR, Registration.Source.SELF], [60, 40])[0],
            actor=actor,
            picks=picks,
            share_profile=rng.random() < 0.7,
            available_from=window[0],
            available_until=window[1],
        )


def _register_past(rng: random.Random, event: HiringEvent, booths: list[Booth], seekers: list[Seeker]) -> None:
    """Registrations made before a past event (the service refuses a past date, rightly)."""
    made = timezone.make_aware(datetime.combine(event.date - timedelta(days=7), time(10)))
    rows = [
        Registration(
            event=event,
            seeker=s,
            source=rng.choices([Registration.Source.COUNSELOR, Registration.Source.SELF], [60, 40])[0],
            share_profile=rng.random() < 0.7,
        )
        for s in seekers
    ]
    Registration.objects.bulk_create(rows)
    Registration.objects.filter(event=event).update(created_at=made)
    links = []
    for r in rows:
        for b in rng.sample(booths, rng.choice([0, 0, 1, 1, 2])):
            links.append(Registration.picks.through(registration_id=r.pk, booth_id=b.pk))
    Registration.picks.through.objects.bulk_create(links)
    Consent.objects.bulk_create(
        [
            Consent(seeker=s, purpose=Consent.Purpose.EVENTS, granted=True, method="paper", recorded_at=made)
            for s in seekers
        ]
    )


def _hold(rng: random.Random, event: HiringEvent, staff: User) -> None:
    """The day: most come, the rest are no-shows; each booth records its results."""
    registrations = list(event.registrations.all())
    came = {r.pk for r in registrations if rng.random() < 0.86}
    for r in registrations:
        if r.pk in came:
            first = r.interviews.order_by("starts_at").first()
            at = (first.starts_at if first else event.slot_start(0)) - timedelta(minutes=rng.randint(5, 40))
            Registration.objects.filter(pk=r.pk).update(checked_in_at=at)
        else:
            Registration.objects.filter(pk=r.pk).update(no_show=True)
            r.interviews.update(status=Interview.Status.NO_SHOW)
    remaining: dict[int, int] = defaultdict(int)
    for v in Vacancy.objects.filter(booths__event=event).annotate(
        hired=Count("referrals", filter=Q(referrals__status=Referral.Status.HIRED))
    ):
        remaining[v.pk] = v.openings - v.hired
    interviews = Interview.objects.filter(
        booth__event=event, status=Interview.Status.SCHEDULED, registration__in=came
    ).select_related("registration__seeker", "registration__event", "vacancy", "booth")
    for interview in interviews.order_by("starts_at", "pk"):
        chance = 1 / (1 + math.exp(-(-2.3 + 3.2 * interview.value + rng.gauss(0, 0.5))))
        roll = rng.random()
        result, reason = ("passed", "") if roll < chance else ("second", "") if roll < chance + 0.08 else ("failed", "")
        if result == "passed" and remaining[interview.vacancy_id] <= 1:  # keep the vacancy open: the fair goes on
            result, reason = "failed", "employer"
        if result == "failed" and not reason:
            reason = rng.choices(*FAIL_REASONS)[0]
        try:
            interview_record(
                interview=interview,
                result=result,
                reason=reason,
                actor=staff,
                at=interview.starts_at + timedelta(minutes=20),
            )
        except IljariError:
            continue  # e.g. a seeker who withdrew their consent: the booth could not refer them
        if result == "passed":
            remaining[interview.vacancy_id] -= 1


def demo_events_generate(*, seed: int = 20261123, today: date | None = None) -> dict[str, int]:
    """Booths, registrations, pre-matches, timetables and one held fair's results; returns counts."""
    today = today or timezone.localdate()
    rng = random.Random(seed + 202)
    city = current_city()
    staff = User.objects.filter(role=User.Role.EVENT_STAFF).order_by("pk").first()
    counselor = User.objects.filter(role=User.Role.COUNSELOR).order_by("pk").first() or ACTOR
    desk = Desk.objects.filter(kind=Desk.Kind.CITY_HALL).first()
    used: set[int] = set()
    with transaction.atomic():
        held = HiringEvent.objects.create(
            name=f"{city.demo_name('fair_name', f'{city.short_name} 채용박람회')}(가을)",
            kind=HiringEvent.Kind.FAIR,
            date=today - timedelta(days=25),
            place=city.demo_name("fair_place", f"{city.short_name} 시민체육관"),
            starts_at=time(10),
            ends_at=time(16),
            desk=desk,
            registration_open=False,
            description=city.demo_name("fair_description", "지역 기업 채용박람회(시연용)"),
        )
        booths = _booths(rng, held, 30, held.date, more_openings=True)
        people = _people(rng, booths, 420, used)
        used |= {s.pk for s in people}
        _register_past(rng, held, booths, people)
    prematch(event=held)
    schedule_build(event=held, actor=ACTOR, time_limit=SOLVER_SECONDS)
    _hold(rng, held, staff)

    square = HiringEvent.objects.create(
        name=city.demo_name("square_name", f"{city.short_name} 취업광장"),
        kind=HiringEvent.Kind.SQUARE,
        date=today,
        place=city.demo_name("square_place", f"{city.center_name}(시청)"),
        starts_at=time(10),
        ends_at=time(16),
        desk=desk,
        description="오늘의 현장 면접(시연용): 입장 확인과 부스 결과 입력을 해 볼 수 있습니다.",
    )
    booths = _booths(rng, square, 12, today)
    people = _people(rng, booths, 120, used)
    used |= {s.pk for s in people}
    _register(rng, square, booths, people, counselor)
    prematch(event=square)
    schedule_build(event=square, actor=ACTOR, time_limit=SOLVER_SECONDS)

    coming = HiringEvent.objects.filter(kind=HiringEvent.Kind.FAIR, date__gt=today).order_by("date").first()
    if coming is not None:
        HiringEvent.objects.filter(pk=coming.pk).update(desk=desk)
        coming.refresh_from_db()
        booths = _booths(rng, coming, 20, today)
        _register(rng, coming, booths, _people(rng, booths, 60, used), counselor)
        prematch(event=coming)
    return {
        "채용행사 부스": Booth.objects.count(),
        "채용행사 참가 신청": Registration.objects.count(),
        "행사 면접": Interview.objects.count(),
    }
