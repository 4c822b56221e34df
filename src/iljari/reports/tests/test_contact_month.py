"""서비스 구직자 by month is kept by database triggers; it must always say what the records say."""

import random
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from iljari.employers.services import EmployerInput, employers_create
from iljari.reference.models import Dong
from iljari.referrals.models import Referral
from iljari.referrals.services import referral_create
from iljari.reports.kpis import kpi_table, served_by_month, served_seekers
from iljari.reports.models import ContactMonth
from iljari.seekers.models import CounselingNote, Seeker
from iljari.vacancies.services import VacancyInput, vacancies_create

pytestmark = pytest.mark.postgres
MONTHS = [date(2026, m, 1) for m in range(7, 12)]


def _month_of(moment: date | datetime) -> date:
    day = timezone.localtime(moment).date() if isinstance(moment, datetime) else moment
    return day.replace(day=1)


def _from_records() -> dict[date, set[int]]:
    """Who was served each month, read straight from the records, as the definition says."""
    served: dict[date, set[int]] = {}
    rows = [
        *Seeker.objects.values_list("id", "registered_on"),
        *CounselingNote.objects.values_list("seeker_id", "written_at"),
        *Referral.objects.values_list("seeker_id", "referred_at"),
    ]
    for who, when in rows:
        served.setdefault(_month_of(when), set()).add(who)
    return served


def _assert_agrees() -> None:
    expected = _from_records()
    trend = served_by_month(first=MONTHS[0], last=date(2026, 11, 30), user=None)
    assert trend == {f"{m:%Y-%m}": len(who) for m, who in expected.items() if m in MONTHS}
    for month in MONTHS:
        end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        assert set(served_seekers(Seeker.objects.all(), month, end).values_list("id", flat=True)) == expected.get(
            month, set()
        )
    assert ContactMonth.objects.filter(contacts__lte=0).count() == 0


def _edge(rng: random.Random) -> datetime:
    """A moment near a month's edge in Seoul, where UTC and local months differ."""
    month = rng.choice(MONTHS[1:])
    return timezone.make_aware(datetime.combine(month, datetime.min.time())) + timedelta(
        minutes=rng.choice([-90, -30, 30, 90, 60 * 24 * 10])
    )


def test_the_months_summary_follows_every_write_to_the_records(make_seeker, counselor):
    rng = random.Random(20)
    employer = employers_create(
        inputs=[EmployerInput(name="세원테크", dong=Dong.objects.get(name="초지동"))], actor="t"
    )[0]
    vacancy = vacancies_create(
        inputs=[
            VacancyInput(
                employer=employer,
                title="포장원",
                wage_type="monthly",
                wage_amount=2_400_000,
                openings=3,
                posted_on=date(2026, 7, 2),
            )
        ],
        actor="t",
    )[0]
    seekers = [make_seeker(registered_on=rng.choice(MONTHS) + timedelta(days=rng.randrange(28))) for _ in range(8)]
    notes = [
        CounselingNote.objects.create(seeker=rng.choice(seekers), author=counselor, written_at=_edge(rng), text="상담")
        for _ in range(12)
    ]
    referrals = [
        referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor, at=_edge(rng)) for seeker in seekers[1:6]
    ]
    _assert_agrees()
    # corrections: a note's time, a referral moved to another person, a registration date
    for note in notes[:4]:
        note.written_at = _edge(rng)
        note.save(update_fields=["written_at"])
    Referral.objects.filter(pk__in=[r.pk for r in referrals[:3]]).update(seeker=seekers[-1])
    Seeker.objects.filter(pk=seekers[0].pk).update(registered_on=date(2026, 11, 30))
    _assert_agrees()
    # deletions: notes, a referral, and a seeker with everything of theirs
    CounselingNote.objects.filter(pk__in=[n.pk for n in notes[4:9]]).delete()
    referrals[4].delete()
    gone = next(s for s in seekers if not s.referrals.exists())
    gone.delete()
    _assert_agrees()
    assert not ContactMonth.objects.filter(seeker_id=gone.pk).exists()


def test_a_period_that_cuts_a_month_is_counted_from_the_records(make_seeker, counselor):
    early, late = make_seeker(registered_on=date(2026, 10, 3)), make_seeker(registered_on=date(2026, 10, 20))
    CounselingNote.objects.create(
        seeker=late, author=counselor, written_at=timezone.make_aware(datetime(2026, 10, 4, 9)), text="상담"
    )
    first_week = kpi_table(start=date(2026, 10, 1), end=date(2026, 10, 7), breakdown=None).total
    assert (first_week["registered"], first_week["served"]) == (1, 2)
    month = kpi_table(start=date(2026, 10, 1), end=date(2026, 10, 31), breakdown=None).total
    assert (month["registered"], month["served"]) == (2, 2)
    assert {early.pk, late.pk} == set(ContactMonth.objects.values_list("seeker_id", flat=True))


def test_a_desks_figures_count_its_own_seekers_once_in_each_group(make_seeker, counselor, other_desk):
    from iljari.reference.models import Occupation

    welders = list(Occupation.objects.filter(keco_code__startswith="8")[:2])  # two jobs in one KECO group
    mine = make_seeker(registered_on=date(2026, 10, 3), desired_occupations=welders)
    make_seeker(registered_on=date(2026, 10, 4), desk=other_desk)
    everyone = kpi_table(start=date(2026, 10, 1), end=date(2026, 10, 31), breakdown=None).total
    assert everyone["served"] == 2
    groups = kpi_table(start=date(2026, 10, 1), end=date(2026, 10, 31), breakdown="occupation_group", user=counselor)
    assert groups.total["served"] == 1  # the counselor's desk only
    major = next(key for key in groups.rows if key.startswith("8 "))
    assert groups.rows[major]["served"] == groups.rows[major]["registered"] == 1
    assert mine.desk_id == counselor.desk_id
