"""Database rows → the engine's plain records (the only place the two meet)."""

from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from iljari.core.choices import Shift
from iljari.matching.catalogue import guess_occupations
from iljari.matching.engine.records import SHIFT_BITS, SeekerRecord, VacancyRecord, VisaRule
from iljari.referrals.models import Referral
from iljari.seekers.models import Seeker
from iljari.vacancies.models import Vacancy
from iljari.vacancies.wages import daily_hours, hourly_equivalent, monthly_for_hours

OPEN_REFERRAL = (Referral.Status.REFERRED, Referral.Status.INTERVIEW)
PAGE = 5000  # rows read at once: a province's million rows as model instances would not fit in memory


M = TypeVar("M", Vacancy, Seeker)


def in_pages(qs: QuerySet[M], size: int = PAGE) -> Iterator[list[M]]:
    """The rows in key order, ``size`` at a time (each page's prefetches are its own few queries)."""
    last = None
    while page := list((qs if last is None else qs.filter(pk__gt=last)).order_by("pk")[:size]):
        yield page
        if len(page) < size:  # the last page: no query for an empty one (a request's sync reads a few rows)
            return
        last = page[-1].pk


def vacancies_for_index(qs: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    return (
        qs.select_related("employer", "dong", "occupation")
        .prefetch_related("required_licences", "preferred_licences", "visa_types")
        .annotate(open_referrals=Count("referrals", filter=Q(referrals__status__in=OPEN_REFERRAL)))
    )


def vacancy_records(vacancies: Iterable[Vacancy], occupation_index: dict[int, int]) -> list[VacancyRecord]:
    """Each vacancy as the engine sees it; one closed, or past its 마감일, is kept but inactive."""
    vacancies = list(vacancies)
    today = timezone.localdate()
    untitled = [v.title for v in vacancies if v.occupation_id is None]
    guesses = guess_occupations(untitled) if untitled else {}
    records = []
    for v in vacancies:
        occupation = v.occupation_id
        if occupation is None and guesses.get(v.title):
            occupation = guesses[v.title][0][0]
        hourly = hourly_equivalent(
            v.wage_type,
            v.wage_amount,
            weekly_hours=v.weekly_hours,
            hours_per_day=daily_hours(v.hours_start, v.hours_end),
        )
        location = (v.lat, v.lon) if v.lat is not None else ((v.dong.lat, v.dong.lon) if v.dong else None)
        records.append(
            VacancyRecord(
                vacancy_id=v.pk,
                title=v.title,
                employer=v.employer.name,
                occupation=occupation_index.get(occupation, -1),
                hourly_wage=hourly,
                monthly_wage=monthly_for_hours(hourly, v.weekly_hours),
                weekly_hours=v.weekly_hours or 0,
                shift=v.shift,
                employment_type=v.employment_type,
                location=location,
                place=v.dong.name if v.dong else "",
                required_licences=tuple(lic.pk for lic in v.required_licences.all()),
                preferred_licences=tuple(lic.pk for lic in v.preferred_licences.all()),
                korean_min=v.korean_level_min,
                accessible=v.accessible_workplace,
                visa_codes=tuple(x.code for x in v.visa_types.all()),
                openings=v.openings,
                open_referrals=getattr(v, "open_referrals", 0),
                is_open=v.is_open_on(today),
            )
        )
    return records


def seekers_for_index(qs: QuerySet[Seeker]) -> QuerySet[Seeker]:
    """Only the fields matching uses: never a name, phone, birth date, sex or nationality."""
    return (
        qs.only(
            "pk",
            "desired_job_text",
            "reservation_wage",
            "work_hours",
            "shifts",
            "employment_type",
            "korean_level",
            "accessibility_needs",
            "experience_years",
            "status",
            "home_dong",
            "visa_type",
        )
        .select_related("home_dong", "visa_type")
        .prefetch_related("licences", "desired_occupations")
    )


def seeker_records(
    seekers: Iterable[Seeker], occupation_index: dict[int, int], visa_rules: dict[str, VisaRule]
) -> list[SeekerRecord]:
    seekers = list(seekers)
    guesses = guess_occupations([s.desired_job_text for s in seekers if s.desired_job_text])
    records = []
    for s in seekers:
        chosen = [(o.pk, 1.0) for o in s.desired_occupations.all()]
        picked = {pk for pk, _ in chosen}
        chosen += [(pk, c) for pk, c in guesses.get(s.desired_job_text, []) if pk not in picked]
        occupations = [(occupation_index[pk], c) for pk, c in chosen if pk in occupation_index][:3]
        dong = s.home_dong
        records.append(
            SeekerRecord(
                seeker_id=s.pk,
                desired_text=s.desired_job_text,
                occupations=occupations,
                licences=frozenset(lic.pk for lic in s.licences.all()),
                reservation_wage=s.reservation_wage,
                work_hours=s.work_hours,
                shifts=_shift_mask(s.shifts),
                employment_type=s.employment_type,
                home=(dong.lat, dong.lon) if dong else None,
                home_place=dong.name if dong else "",
                korean_level=s.korean_level,
                visa=visa_rules.get(s.visa_type.code) if s.visa_type else None,
                accessibility=frozenset(s.accessibility_needs),
                experience_years=s.experience_years,
            )
        )
    return records


def _shift_mask(shifts: list[str]) -> int:
    return sum(SHIFT_BITS[x] for x in shifts if x in SHIFT_BITS and x in Shift.values)
