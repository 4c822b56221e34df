"""Writing vacancy records (구인표)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone

from iljari.core.bulk import bulk_link
from iljari.core.choices import EmploymentType, KoreanLevel, Shift
from iljari.core.errors import IljariError
from iljari.core.lifecycles import TransitionRefused, last_change, transition, transition_many
from iljari.core.versions import data_changed
from iljari.employers.models import Employer
from iljari.privacy.audit import Action, Actor, AuditEntry, audit_record, audit_record_many
from iljari.privacy.history import changed_values, not_editable, record_for_update, record_revise
from iljari.reference.models import Dong, Licence, Occupation, VisaType
from iljari.vacancies.lifecycle import CLOSE_MOVES, FILLED_BY_HIRES, VACANCY
from iljari.vacancies.models import Vacancy
from iljari.vacancies.wages import daily_hours, minimum_wage_shortfall

# Who the log names for what the scheduled jobs do.
SCHEDULER = "system:scheduler"


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
    source: str = Vacancy.Source.COUNSELOR
    status: str = Vacancy.Status.OPEN  # a company's own posting starts as a draft a counselor checks
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
        source=data.source,
        status=data.status,
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


def _moved(*, vacancy_id: int, actor: Actor, purpose: str, detail: dict) -> Vacancy:
    audit_record(
        actor=actor, action=Action.UPDATE, object_type="vacancy", object_id=vacancy_id, purpose=purpose, detail=detail
    )
    return Vacancy.objects.select_related("employer").get(pk=vacancy_id)


def vacancy_close(*, vacancy_id: int, reason: str, actor: Actor, note: str = "", at: datetime | None = None) -> Vacancy:
    """마감: ``reason`` is how it closed — ``filled`` (채용 완료), ``cancelled`` (모집 취소) or ``expired`` (기간 만료)."""
    if reason not in CLOSE_MOVES:
        raise TransitionRefused(
            "마감 사유를 골라 주십시오: 채용 완료(filled), 모집 취소(cancelled), 기간 만료(expired).",
            http_status=422,
            field="reason",
        )
    with transaction.atomic():
        data_changed()
        change = transition(
            lifecycle=VACANCY, record_id=vacancy_id, move=CLOSE_MOVES[reason], actor=actor, note=note, at=at
        )
        return _moved(
            vacancy_id=vacancy_id,
            actor=actor,
            purpose=f"구인표 마감({VACANCY.label(change.to_state)})",
            detail={"from": change.from_state, "to": change.to_state},
        )


def vacancy_publish(*, vacancy_id: int, actor: Actor, note: str = "") -> Vacancy:
    """게시: a company's own posting (a draft from the portal) takes applications once a counselor has
    checked it; its wage is checked again against today's minimum wage."""
    vacancy = Vacancy.objects.filter(pk=vacancy_id).first()
    if vacancy is None:
        raise TransitionRefused(f"구인표 #{vacancy_id}을(를) 찾을 수 없습니다.", http_status=404)
    problem = vacancy_wage_problem(
        wage_type=vacancy.wage_type,
        wage_amount=vacancy.wage_amount,
        weekly_hours=vacancy.weekly_hours,
        hours_start=vacancy.hours_start,
        hours_end=vacancy.hours_end,
    )
    if problem:
        raise VacancyError(problem, field="wage_amount")
    with transaction.atomic():
        data_changed()
        change = transition(
            lifecycle=VACANCY,
            record_id=vacancy_id,
            move="publish",
            actor=actor,
            note=note,
            changes={"posted_on": timezone.localdate()},
        )
        return _moved(vacancy_id=vacancy_id, actor=actor, purpose="구인표 게시", detail={"from": change.from_state})


def vacancy_reopen(
    *, vacancy_id: int, actor: Actor, closes_on: date | None = None, note: str = "", today: date | None = None
) -> Vacancy:
    """재공고: a closed vacancy takes applications again; a 마감일 already past needs a new one."""
    today = today or timezone.localdate()
    vacancy = Vacancy.objects.filter(pk=vacancy_id).first()
    if vacancy is None:
        raise TransitionRefused(f"구인표 #{vacancy_id}을(를) 찾을 수 없습니다.", http_status=404)
    VACANCY.check(VACANCY.move("reopen"), vacancy.status)
    if closes_on is not None and closes_on < today:
        raise TransitionRefused("새 마감일은 오늘이나 그 뒤여야 합니다.", http_status=422, field="closes_on")
    if closes_on is None and vacancy.closes_on and vacancy.closes_on < today:
        raise TransitionRefused(
            f"마감일({vacancy.closes_on:%Y-%m-%d})이 지났습니다. 재공고하려면 새 마감일을 입력해 주십시오.",
            http_status=422,
            field="closes_on",
        )
    with transaction.atomic():
        data_changed()
        change = transition(
            lifecycle=VACANCY,
            record_id=vacancy_id,
            move="reopen",
            actor=actor,
            note=note,
            changes={"closes_on": closes_on} if closes_on else None,
        )
        return _moved(
            vacancy_id=vacancy_id,
            actor=actor,
            purpose="구인표 재공고",
            detail={"from": change.from_state, "closes_on": str(closes_on or vacancy.closes_on or "")},
        )


def vacancy_unfill(*, vacancy_id: int, hires: int, actor: Actor, note: str, today: date | None = None) -> None:
    """A hire was corrected: a vacancy the hires filled (not one a person closed) with fewer hires than
    openings takes applications again, or is 기간 만료 if its 마감일 passed meanwhile."""
    today = today or timezone.localdate()
    vacancy = Vacancy.objects.filter(pk=vacancy_id).first()
    if vacancy is None or vacancy.status != Vacancy.Status.FILLED or hires >= vacancy.openings:
        return
    closing = last_change(lifecycle=VACANCY, record_id=vacancy_id)
    if closing is None or closing.move != "fill" or closing.note != FILLED_BY_HIRES:
        return
    move = "unfill_expired" if vacancy.closes_on and vacancy.closes_on < today else "unfill"
    with transaction.atomic():
        data_changed()
        change = transition(lifecycle=VACANCY, record_id=vacancy_id, move=move, actor=actor, note=note)
        _moved(
            vacancy_id=vacancy_id,
            actor=actor,
            purpose="구인표 채용 완료 철회",
            detail={"from": change.from_state, "to": change.to_state},
        )


def vacancies_expire(*, today: date, actor: Actor = SCHEDULER, at: datetime | None = None) -> list[int]:
    """The nightly job: every vacancy still 모집 중 after its 마감일 becomes 기간 만료. Safe to run twice."""
    with transaction.atomic():
        moved = transition_many(
            lifecycle=VACANCY,
            queryset=Vacancy.objects.filter(status=Vacancy.Status.OPEN, closes_on__lt=today),
            move="expire",
            actor=actor,
            note="마감일이 지나 자동으로 마감했습니다.",
            at=at,
        )
        if moved:
            data_changed()
            audit_record_many(
                actor=actor,
                entries=(AuditEntry(Action.UPDATE, "vacancy", pk, "마감일 경과(기간 만료)") for pk in moved),
            )
    return moved


VACANCY_EDITABLE = frozenset(
    {
        "title",
        "occupation",
        "duties",
        "wage_type",
        "wage_amount",
        "hours_start",
        "hours_end",
        "weekly_hours",
        "shift",
        "employment_type",
        "dong",
        "openings",
        "required_licences",
        "preferred_licences",
        "korean_level_min",
        "accessible_workplace",
        "visa_types",
        "benefits",
        "closes_on",
    }
)
_WAGE_TERMS = ("wage_type", "wage_amount", "weekly_hours", "hours_start", "hours_end")


def vacancy_update(*, vacancy: Vacancy, changes: Mapping[str, Any], actor: Actor, version: int) -> Vacancy:
    """Correct a 구인표: only the fields in ``changes``, only if nobody saved it since ``version``.

    Its status is not one of them (it moves by its own transitions). A changed wage or working
    time is checked against today's minimum wage, as a new 구인표 is.
    """
    unknown = set(changes) - VACANCY_EDITABLE
    if unknown:
        raise VacancyError(not_editable(Vacancy, unknown))
    with transaction.atomic():
        current = record_for_update(model=Vacancy, pk=vacancy.pk, version=version)
        values, relations = changed_values(record=current, changes=changes)
        if any(term in values for term in _WAGE_TERMS):
            terms = {term: values.get(term, getattr(current, term)) for term in _WAGE_TERMS}
            problem = vacancy_wage_problem(**terms)
            if problem:
                raise VacancyError(problem, field="wage_amount")
        if "dong" in values:
            place = values["dong"] or current.employer.dong
            values["lat"], values["lon"] = (
                (place.lat, place.lon) if place else (current.employer.lat, current.employer.lon)
            )
        record_revise(
            record=current, version=version, values=values, relations=relations, actor=actor, purpose="구인표 수정"
        )
    return Vacancy.objects.select_related("employer", "dong", "occupation").get(pk=vacancy.pk)
