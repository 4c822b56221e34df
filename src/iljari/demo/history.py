"""A year of synthetic referral history for the demo: referrals, interviews, outcomes,
placements, direct placements and follow-ups, with a fixed seed.

Outcomes follow a hidden model of what makes a hire likely — the same kind of work, a short
commute, a wage at or above what the seeker asked, the required licence, enough Korean —
plus noise, so the reports have realistic shapes and a ranker trained on outcomes has
something true to learn. Nothing here reads age, sex or nationality.
"""

import math
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from iljari.accounts.models import User
from iljari.core.calendar import months_later
from iljari.core.lifecycles import transition
from iljari.core.versions import data_changed
from iljari.matching.engine.columns import commute_minutes, distance_km
from iljari.privacy.audit import Action, audit_record
from iljari.referrals.models import FollowUp, Placement, Referral
from iljari.referrals.services import FOLLOW_UP_MONTHS
from iljari.seekers.lifecycle import SEEKER
from iljari.seekers.models import Seeker
from iljari.seekers.services import seekers_contacted
from iljari.vacancies.lifecycle import VACANCY
from iljari.vacancies.models import Vacancy
from iljari.vacancies.wages import hourly_equivalent, monthly_for_hours

ACTOR = "demo-generator"
REFERRALS_PER_SEEKER = ([0, 1, 2, 3, 4], [25, 35, 22, 12, 6])
RETENTION = {1: 0.88, 3: 0.8, 6: 0.72}  # chance to still be working at each check, before commute effects


@dataclass
class _Job:
    vacancy: Vacancy
    keco: str
    monthly: float
    required: set[int]
    lat: float
    lon: float


def hire_logit(
    *, same_keco: bool, same_major: bool, minutes: float, wage_ratio: float, licence_ok: bool, korean_gap: int
) -> float:
    """The hidden model of the demo: how likely an interview ends in a hire (log-odds)."""
    logit = -2.0 + (1.8 if same_keco else 0.8 if same_major else 0.0)
    logit -= 0.025 * max(minutes - 15, 0)
    logit += 2.2 * max(min(wage_ratio - 1.0, 0.4), -0.4)
    logit -= 0.0 if licence_ok else 1.6
    logit -= 0.9 * max(korean_gap, 0)
    return logit


def _aware(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def history_generate(*, seed: int, today: date) -> dict[str, int]:
    rng = random.Random(seed + 101)
    counselors: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(role=User.Role.COUNSELOR, desk__isnull=False):
        counselors[user.desk_id].append(user)
    jobs_by_keco: dict[str, list[_Job]] = defaultdict(list)
    jobs_by_major: dict[str, list[_Job]] = defaultdict(list)
    every_job: list[_Job] = []
    for v in Vacancy.objects.select_related("occupation", "dong").prefetch_related("required_licences"):
        keco = v.occupation.keco_code if v.occupation else ""
        job = _Job(
            v,
            keco,
            monthly_for_hours(
                hourly_equivalent(v.wage_type, v.wage_amount, weekly_hours=v.weekly_hours), v.weekly_hours
            ),
            {lic.pk for lic in v.required_licences.all()},
            v.lat or v.dong.lat,
            v.lon or v.dong.lon,
        )
        jobs_by_keco[keco].append(job)
        jobs_by_major[keco[:1]].append(job)
        every_job.append(job)
    referrals: list[Referral] = []
    outcomes: list[tuple[Referral, _Job, float, bool]] = []
    seekers = list(
        Seeker.objects.exclude(status=Seeker.Status.ERASED)
        .select_related("home_dong")
        .prefetch_related("desired_occupations", "licences")
        .order_by("pk")
    )
    for seeker in seekers:
        wanted = {o.keco_code for o in seeker.desired_occupations.all()}
        held = {lic.pk for lic in seeker.licences.all()}
        used: set[int] = set()
        span = max(1, (today - seeker.registered_on).days)
        days = sorted(
            seeker.registered_on + timedelta(days=rng.randrange(0, span))
            for _ in range(rng.choices(*REFERRALS_PER_SEEKER)[0])
        )
        for day in days:
            roll = rng.random()
            pool = (
                jobs_by_keco.get(next(iter(wanted)), [])
                if roll < 0.7 and wanted
                else jobs_by_major.get(next(iter(wanted))[:1], [])
                if roll < 0.9 and wanted
                else every_job
            )
            pool = [j for j in pool if j.vacancy.posted_on <= day <= _last_day(j.vacancy) and j.vacancy.pk not in used]
            if not pool:
                continue
            job = rng.choice(pool)
            used.add(job.vacancy.pk)
            home = seeker.home_dong
            minutes = float(commute_minutes(distance_km(home.lat, home.lon, job.lat, job.lon))) if home else 30.0
            ratio = job.monthly / seeker.reservation_wage if seeker.reservation_wage else 1.05
            logit = hire_logit(
                same_keco=job.keco in wanted,
                same_major=job.keco[:1] in {k[:1] for k in wanted},
                minutes=minutes,
                wage_ratio=ratio,
                licence_ok=job.required <= held,
                korean_gap=job.vacancy.korean_level_min - seeker.korean_level,
            )
            hired = rng.random() < 1 / (1 + math.exp(-(logit + rng.gauss(0, 0.6))))
            staff = counselors.get(seeker.desk_id) or [None]
            referral = Referral(
                seeker=seeker,
                vacancy=job.vacancy,
                counselor=rng.choice(staff),
                referred_at=_aware(day, rng.randint(9, 17)),
            )
            referrals.append(referral)
            outcomes.append((referral, job, minutes, hired))
            if hired:
                break  # hired: no more referrals for this person
    # Outcomes are decided before the referrals are written, so each is inserted once as it ended.
    placements = _outcomes(rng, outcomes, today)
    placements += _direct_placements(rng, seekers, today)
    with transaction.atomic():
        data_changed()
        Referral.objects.bulk_create(referrals, batch_size=1000)
        Placement.objects.bulk_create([p for p, _ in placements], batch_size=1000)
        FollowUp.objects.bulk_create(
            [f for p, minutes in placements for f in _follow_ups(rng, p, minutes, today)], batch_size=1000
        )
        seekers_contacted(contacts=_last_contacts(referrals, today))
        _placed(placements, today)
        _filled(referrals, {job.vacancy.pk: job.vacancy.openings for job in every_job})
        audit_record(
            actor=ACTOR,
            action=Action.CREATE,
            object_type="demo_history",
            object_id=seed,
            purpose="시연용 알선·취업 이력 생성",
            detail={"referrals": len(referrals), "placements": len(placements)},
        )
    return {"알선": len(referrals), "취업": len(placements)}


def _last_day(vacancy: Vacancy) -> date:
    """Referrals go to a vacancy while it takes applications (a few months when it runs until filled)."""
    return min(vacancy.closes_on or date.max, vacancy.posted_on + timedelta(days=75))


def _last_contacts(referrals: list[Referral], today: date) -> dict[int, date]:
    last: dict[int, date] = {}
    for r in referrals:
        day = min(timezone.localdate(r.result_at or r.interview_at or r.referred_at), today)
        last[r.seeker_id] = max(last.get(r.seeker_id, day), day)
    return last


def _placed(placements: list[tuple[Placement, float]], today: date) -> None:
    """Each placed seeker becomes 취업 through the lifecycle, dated by their first placement."""
    first: dict[int, tuple[date, Placement]] = {}
    for p, _ in placements:
        day = min(timezone.localdate(p.referral.result_at) if p.referral else p.started_on, today)
        if p.seeker_id not in first or day < first[p.seeker_id][0]:
            first[p.seeker_id] = (day, p)
    for seeker_id, (day, p) in sorted(first.items()):
        note = f"알선 #{p.referral.pk} 채용" if p.referral else "자체 취업"
        transition(lifecycle=SEEKER, record_id=seeker_id, move="place", actor=ACTOR, note=note, at=_aware(day, 17))


def _filled(referrals: list[Referral], openings: dict[int, int]) -> None:
    """A vacancy whose openings were all hired is 채용 완료 from the hire that filled the last one."""
    hired_at: dict[int, list[datetime]] = defaultdict(list)
    for r in referrals:
        if r.status == Referral.Status.HIRED:
            hired_at[r.vacancy_id].append(r.result_at)
    for vacancy_id, times in sorted(hired_at.items()):
        if len(times) >= openings[vacancy_id]:
            at = min(sorted(times)[openings[vacancy_id] - 1], timezone.now())
            transition(lifecycle=VACANCY, record_id=vacancy_id, move="fill", actor=ACTOR, note="모집 인원 채용", at=at)


def _outcomes(rng: random.Random, outcomes: list, today: date) -> list[tuple[Placement, float]]:
    """Each referral's interview and result, set on the unsaved referral; returns the placements."""
    placements = []
    for referral, job, minutes, hired in outcomes:
        referred = referral.referred_at
        if (today - timezone.localdate(referred)).days < 10 and rng.random() < 0.7:
            continue  # recent referrals are still open
        interviewed = hired or rng.random() < 0.6
        if interviewed:
            referral.status = Referral.Status.INTERVIEW
            referral.interview_at = referred + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 3))
        if (today - timezone.localdate(referred)).days < 10:
            continue
        referral.result_at = (referral.interview_at or referred) + timedelta(days=rng.randint(1, 5))
        if hired:
            referral.status = Referral.Status.HIRED
            start = timezone.localdate(referral.result_at) + timedelta(days=rng.randint(3, 14))
            placements.append(
                (
                    Placement(
                        seeker_id=referral.seeker_id,
                        referral=referral,
                        vacancy=job.vacancy,
                        employer_name=job.vacancy.employer.name,
                        occupation_id=job.vacancy.occupation_id,
                        started_on=start,
                        wage_type=job.vacancy.wage_type,
                        wage_amount=job.vacancy.wage_amount,
                    ),
                    minutes,
                )
            )
        else:
            referral.status = Referral.Status.NOT_HIRED if interviewed else Referral.Status.CANCELLED
            referral.not_hired_reason = _reason(rng, job, minutes, referral)
    return placements


def _reason(rng: random.Random, job: _Job, minutes: float, referral: Referral) -> str:
    reasons = [Referral.Reason.SEEKER_WITHDREW, Referral.Reason.EMPLOYER, Referral.Reason.OTHER]
    if referral.seeker.reservation_wage and job.monthly < referral.seeker.reservation_wage:
        reasons += [Referral.Reason.WAGE] * 3
    if minutes > 40:
        reasons += [Referral.Reason.DISTANCE] * 3
    if job.required:
        reasons += [Referral.Reason.QUALIFICATION] * 2
    reasons += [Referral.Reason.HOURS]
    return rng.choice(reasons)


def _direct_placements(rng: random.Random, seekers: list[Seeker], today: date) -> list[tuple[Placement, float]]:
    out = []
    for seeker in seekers:
        if (today - seeker.registered_on).days > 60 and rng.random() < 0.06:
            start = seeker.registered_on + timedelta(days=rng.randrange(20, (today - seeker.registered_on).days))
            out.append(
                (
                    Placement(
                        seeker=seeker,
                        employer_name=rng.choice(["동네 식당", "지인 소개 업체", "인터넷 구인"]),
                        started_on=start,
                        is_direct=True,
                    ),
                    25.0,
                )
            )
    return out


def _follow_ups(rng: random.Random, placement: Placement, minutes: float, today: date) -> list[FollowUp]:
    out, working = [], True
    for months in FOLLOW_UP_MONTHS:
        due = months_later(placement.started_on, months)
        follow_up = FollowUp(placement=placement, months_after=months, due_on=due)
        if due <= today:
            stays = RETENTION[months] - 0.004 * max(minutes - 20, 0)
            working = working and rng.random() < stays
            follow_up.done_on = due + timedelta(days=rng.randint(0, 6))
            follow_up.still_employed = working
            follow_up.reason = "" if working else rng.choice(["출퇴근 거리", "임금", "건강", "업무 강도", "이직"])
        out.append(follow_up)
    return out
