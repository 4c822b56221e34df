"""Writing vacancy records (구인표)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time

from django.db import transaction
from django.utils import timezone

from iljari.core.bulk import bulk_link
from iljari.core.choices import EmploymentType, KoreanLevel, Shift
from iljari.core.errors import IljariError
from iljari.core.versions import data_changed
from iljari.employers.models import Employer
from iljari.privacy.audit import Action, Actor, AuditEntry, audit_record_many
from iljari.reference.models import Dong, Licence, Occupation, VisaType
from iljari.vacancies.models import Vacancy
from iljari.vacancies.wages import daily_hours, minimum_wage_shortfall


class VacancyError(IljariError):
    """A vacancy could not be registered or changed."""


@dataclass
class VacancyInput:
    employer: Employer
    title: str
    wage_type: str
    wage_amount: int
    occupation: Occupation | None = None
    duties: str = ""
    hours_start: time | None = None
    hours_end: time | None = None
    weekly_hours: int | None = None
    shift: str = Shift.DAY
    employment_type: str = EmploymentType.REGULAR
    dong: Dong | None = None
    lat: float | None = None
    lon: float | None = None
    required_licences: Sequence[Licence] = ()
    preferred_licences: Sequence[Licence] = ()
    korean_level_min: int = KoreanLevel.NONE
    accessible_workplace: bool = False
    visa_types: Sequence[VisaType] = ()
    benefits: list[str] = field(default_factory=list)
    openings: int = 1
    status: str = Vacancy.Status.OPEN
    source: str = Vacancy.Source.COUNSELOR
    posted_on: date | None = None
    closes_on: date | None = None
    is_demo: bool = False


def vacancy_wage_problem(
    *,
    wage_type: str,
    wage_amount: int,
    posted_on: date | None = None,
    weekly_hours: int | None = None,
    hours_start: time | None = None,
    hours_end: time | None = None,
) -> str | None:
    """The Korean reason a vacancy's wage cannot be accepted (below the minimum wage), if so."""
    shortfall = minimum_wage_shortfall(
        wage_type=wage_type,
        amount=wage_amount,
        on=posted_on or timezone.localdate(),
        weekly_hours=weekly_hours,
        hours_per_day=daily_hours(hours_start, hours_end),
    )
    return shortfall.message if shortfall else None


def _wage_problem(data: VacancyInput) -> str | None:
    return vacancy_wage_problem(
        wage_type=data.wage_type,
        wage_amount=data.wage_amount,
        posted_on=data.posted_on,
        weekly_hours=data.weekly_hours,
        hours_start=data.hours_start,
        hours_end=data.hours_end,
    )


def _build(data: VacancyInput) -> Vacancy:
    place = data.dong or data.employer.dong
    lat = data.lat if data.lat is not None else (data.employer.lat or (place.lat if place else None))
    lon = data.lon if data.lon is not None else (data.employer.lon or (place.lon if place else None))
    return Vacancy(
        employer=data.employer,
        title=data.title,
        occupation=data.occupation,
        duties=data.duties,
        wage_type=data.wage_type,
        wage_amount=data.wage_amount,
        hours_start=data.hours_start,
        hours_end=data.hours_end,
        weekly_hours=data.weekly_hours,
        shift=data.shift,
        employment_type=data.employment_type,
        dong=place,
        lat=lat,
        lon=lon,
        korean_level_min=data.korean_level_min,
        accessible_workplace=data.accessible_workplace,
        benefits=data.benefits,
        openings=data.openings,
        status=data.status,
        source=data.source,
        posted_on=data.posted_on or timezone.localdate(),
        closes_on=data.closes_on,
        is_demo=data.is_demo,
    )


def vacancies_create(*, inputs: Sequence[VacancyInput], actor: Actor, source: str = "form") -> list[Vacancy]:
    """Register vacancies; refuses any below the minimum wage (nothing is saved then)."""
    inputs = list(inputs)
    for data in inputs:
        problem = _wage_problem(data)
        if problem:
            raise VacancyError(problem, field="wage_amount")
    with transaction.atomic():
        data_changed()
        vacancies = Vacancy.objects.bulk_create([_build(d) for d in inputs], batch_size=500)
        bulk_link(
            vacancies,
            inputs,
            {
                "required_licences": Vacancy.required_licences,
                "preferred_licences": Vacancy.preferred_licences,
                "visa_types": Vacancy.visa_types,
            },
        )
        audit_record_many(
            actor=actor,
            entries=(AuditEntry(Action.CREATE, "vacancy", v.pk, "구인표 등록", {"source": source}) for v in vacancies),
        )
    return vacancies
