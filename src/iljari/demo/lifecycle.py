"""The demo's records move through their lifecycles as a center's would have over the years.

After the referral history: vacancies whose employer hired on their own or gave up are closed as
채용 완료 or 모집 취소 (after their last referral), some seekers stop looking (구직 중단), and then the
nightly jobs are replayed night by night, so the rest expire the day after their 마감일 and a 구직
신청 without contact lapses when its validity runs out — each with its dated status history.
Nothing is left 모집 중 past its 마감일.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db.models import Max
from django.utils import timezone

from iljari.core.calendar import months_later
from iljari.reference.selectors import current_city
from iljari.referrals.models import Referral
from iljari.seekers.lifecycle import WITHDRAW_REASONS
from iljari.seekers.models import Seeker
from iljari.seekers.services import seeker_change_status, seekers_lapse
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import vacancies_expire, vacancy_close

ACTOR = "demo-generator"
OWN_HIRE, CANCELLED, WITHDRAWN = 0.5, 0.12, 0.12  # shares of what closes or stops early


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _close_early(rng: random.Random, today: date) -> tuple[int, int]:
    """Employers' own hires and cancellations, on a day after the vacancy's last referral."""
    last = dict(Referral.objects.values("vacancy_id").annotate(d=Max("referred_at")).values_list("vacancy_id", "d"))
    busy = set(
        Referral.objects.filter(status__in=(Referral.Status.REFERRED, Referral.Status.INTERVIEW)).values_list(
            "vacancy_id", flat=True
        )
    )
    filled = cancelled = 0
    for v in Vacancy.objects.filter(status=Vacancy.Status.OPEN, is_demo=True).order_by("pk"):
        end = v.closes_on or v.posted_on + timedelta(days=120)  # 채용 시까지: given up on after a few months
        if end >= today or v.pk in busy:
            continue
        start = max(v.posted_on, timezone.localdate(last[v.pk]) if v.pk in last else v.posted_on) + timedelta(days=1)
        if start > end:
            continue
        roll = rng.random()
        day = start + timedelta(days=rng.randrange((end - start).days + 1))
        if roll < OWN_HIRE:
            vacancy_close(vacancy_id=v.pk, reason="filled", actor=ACTOR, note="업체 자체 채용", at=_at(day, 16))
            filled += 1
        elif roll < OWN_HIRE + CANCELLED or v.closes_on is None:
            vacancy_close(vacancy_id=v.pk, reason="cancelled", actor=ACTOR, note="업체 사정", at=_at(day, 11))
            cancelled += 1
    return filled, cancelled


def _withdraw(rng: random.Random, today: date) -> int:
    """Some seekers stop looking a while after their last contact."""
    count = 0
    for s in Seeker.objects.filter(status=Seeker.Status.ACTIVE, is_demo=True).order_by("pk"):
        if (today - s.registered_on).days < 60 or rng.random() >= WITHDRAWN:
            continue
        day = min(today, s.last_contact_on + timedelta(days=rng.randint(3, 40)))
        reason = rng.choice([code for code, _ in WITHDRAW_REASONS])
        seeker_change_status(
            seeker_id=s.pk, status=Seeker.Status.WITHDRAWN, reason=reason, actor=ACTOR, at=_at(day, 15)
        )
        count += 1
    return count


def _replay_nights(today: date) -> tuple[int, int]:
    """The nightly jobs, run on every night something was due (the only nights they change anything)."""
    expiry_nights = {
        d + timedelta(days=1)
        for d in Vacancy.objects.filter(status=Vacancy.Status.OPEN, closes_on__lt=today).values_list(
            "closes_on", flat=True
        )
    }
    validity = current_city().seeker_validity_months
    lapse_nights = {
        months_later(d, validity)
        for d in Seeker.objects.filter(status=Seeker.Status.ACTIVE).values_list("last_contact_on", flat=True)
        if d and months_later(d, validity) <= today
    }
    expired = lapsed = 0
    for night in sorted(expiry_nights | lapse_nights):
        if night in expiry_nights:
            expired += len(vacancies_expire(today=night, at=_at(night, 0)))
        if night in lapse_nights:
            lapsed += len(seekers_lapse(today=night, at=_at(night, 0)))
    return expired, lapsed


def lifecycle_history(*, seed: int, today: date) -> dict[str, int]:
    rng = random.Random(seed + 303)
    filled, cancelled = _close_early(rng, today)
    withdrawn = _withdraw(rng, today)
    expired, lapsed = _replay_nights(today)
    return {
        "업체 자체 채용": filled,
        "모집 취소": cancelled,
        "기간 만료": expired,
        "구직 중단": withdrawn,
        "유효기간 만료": lapsed,
    }
