"""JSON API for vacancies (구인표)."""

from datetime import date, time
from functools import partial
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from iljari.core.access import EMPLOYER_WORK
from iljari.core.api import (
    InputSchema,
    Limit,
    RecordId,
    StatusChangeOut,
    answers,
    form_errors,
    ids_of,
    patch_record,
    require_role,
)
from iljari.core.lifecycles import status_history
from iljari.reference.models import Dong, VisaType
from iljari.vacancies.forms import VacancyEditForm, VacancyForm
from iljari.vacancies.lifecycle import VACANCY
from iljari.vacancies.models import Vacancy
from iljari.vacancies.selectors import vacancy_search
from iljari.vacancies.services import VacancyError, vacancies_create, vacancy_close, vacancy_reopen, vacancy_update

router = Router(tags=["구인표"])


class VacancyOut(Schema):
    id: int
    employer_id: int
    employer: str
    title: str
    occupation: str | None
    keco_code: str | None
    wage_type: str
    wage_amount: int
    shift: str
    employment_type: str
    dong: str | None
    openings: int
    status: str
    posted_on: date
    closes_on: date | None
    version: int

    @staticmethod
    def of(v: Vacancy) -> "VacancyOut":
        return VacancyOut(
            id=v.pk,
            employer_id=v.employer_id,
            employer=v.employer.name,
            title=v.title,
            occupation=v.occupation.title if v.occupation else None,
            keco_code=v.occupation.keco_code if v.occupation else None,
            wage_type=v.wage_type,
            wage_amount=v.wage_amount,
            shift=v.shift,
            employment_type=v.employment_type,
            dong=v.dong.name if v.dong else None,
            openings=v.openings,
            status=v.status,
            posted_on=v.posted_on,
            closes_on=v.closes_on,
            version=v.version,
        )


class VacancyIn(InputSchema):
    employer_id: int
    title: str
    duties: str = ""
    wage_type: str = "monthly"
    wage_amount: int
    hours_start: str = ""
    hours_end: str = ""
    weekly_hours: int | None = None
    shift: str = "day"
    employment_type: str = "regular"
    dong: str | None = None
    openings: int = 1
    required_licences: list[str] = []
    preferred_licences: list[str] = []
    korean_level_min: int = 0
    accessible_workplace: bool = False
    visa_types: list[str] = []
    benefits: list[str] = []
    closes_on: date | None = None


class VacancyPatch(InputSchema):
    """A correction: ``version`` as last read, and only the fields to change (status is not one)."""

    model_config = ConfigDict(extra="forbid")

    version: int
    title: str | None = None
    duties: str | None = None
    wage_type: str | None = None
    wage_amount: int | None = None
    hours_start: time | None = None
    hours_end: time | None = None
    weekly_hours: int | None = None
    shift: str | None = None
    employment_type: str | None = None
    dong: str | None = None
    openings: int | None = None
    required_licences: list[str] | None = None
    preferred_licences: list[str] | None = None
    korean_level_min: int | None = None
    accessible_workplace: bool | None = None
    visa_types: list[str] | None = None
    benefits: list[str] | None = None
    closes_on: date | None = None


def _form_values(data: dict[str, Any]) -> dict[str, Any]:
    """The API's names (동 names, licence names, visa codes) as the form's values."""
    values = dict(data)
    for name in ("required_licences", "preferred_licences"):
        if name in values:
            values[name] = ", ".join(values[name] or [])
    if values.get("dong"):
        values["dong"] = ids_of(Dong, "name", [values["dong"]])[0]
    if "visa_types" in values:
        values["visa_types"] = ids_of(VisaType, "code", values["visa_types"] or [])
    return values


@router.get("/", response=answers(list[VacancyOut]), summary="구인표 찾기")
def list_vacancies(request: HttpRequest, q: str = "", status: str = "open", limit: Limit = 50) -> list[VacancyOut]:
    require_role(request, EMPLOYER_WORK)
    return [VacancyOut.of(v) for v in vacancy_search(q=q, status=status)[:limit]]


@router.get("/{vacancy_id}", response=answers(VacancyOut, 404), summary="구인표 하나")
def get_vacancy(request: HttpRequest, vacancy_id: RecordId) -> VacancyOut:
    require_role(request, EMPLOYER_WORK)
    return VacancyOut.of(
        get_object_or_404(Vacancy.objects.select_related("employer", "dong", "occupation"), pk=vacancy_id)
    )


@router.post("/", response=answers(VacancyOut, 400, status=201), summary="구인표 등록(최저임금 확인; 양식 검사 400)")
def create_vacancy(request: HttpRequest, payload: VacancyIn) -> Status:
    require_role(request, EMPLOYER_WORK)
    data = _form_values(payload.dict())
    data["employer"] = data.pop("employer_id")
    data["accessible_workplace"] = "on" if data["accessible_workplace"] else ""
    data = {k: ("" if v is None else v) for k, v in data.items()}
    form = VacancyForm(data)
    if not form.is_valid():
        raise form_errors(form)
    [vacancy] = vacancies_create(inputs=[form.to_input()], actor=request.user, source="api")
    return Status(201, VacancyOut.of(vacancy))


class CloseIn(InputSchema):
    reason: str = ""  # filled (채용 완료) | cancelled (모집 취소) | expired (기간 만료); missing → 422 in Korean
    note: str = ""


class ReopenIn(InputSchema):
    closes_on: date | None = None  # required when the old 마감일 has passed
    note: str = ""


@router.post(
    "/{vacancy_id}/close",
    response=answers(VacancyOut, 400, 404, 409),
    summary="마감(채용 완료·모집 취소·기간 만료). 이미 마감된 구인표는 409, 사유가 없거나 틀리면 422",
)
def close_vacancy(request: HttpRequest, vacancy_id: RecordId, payload: CloseIn) -> VacancyOut:
    require_role(request, EMPLOYER_WORK)
    vacancy_close(vacancy_id=vacancy_id, reason=payload.reason, note=payload.note, actor=request.user)
    return get_vacancy(request, vacancy_id)


@router.post(
    "/{vacancy_id}/reopen",
    response=answers(VacancyOut, 400, 404, 409),
    summary="재공고. 모집 중이면 409, 지난 마감일이면 422",
)
def reopen_vacancy(request: HttpRequest, vacancy_id: RecordId, payload: ReopenIn) -> VacancyOut:
    require_role(request, EMPLOYER_WORK)
    vacancy_reopen(vacancy_id=vacancy_id, closes_on=payload.closes_on, note=payload.note, actor=request.user)
    return get_vacancy(request, vacancy_id)


@router.get(
    "/{vacancy_id}/status-history",
    response=answers(list[StatusChangeOut], 404),
    summary="상태 이력(누가·언제·무엇에서·무엇으로·왜)",
)
def vacancy_status_history(request: HttpRequest, vacancy_id: RecordId) -> list[StatusChangeOut]:
    require_role(request, EMPLOYER_WORK)
    get_object_or_404(Vacancy, pk=vacancy_id)
    return [StatusChangeOut.of(h) for h in status_history(lifecycle=VACANCY, record_id=vacancy_id)]


@router.patch(
    "/{vacancy_id}",
    response=answers(VacancyOut, 400, 404, 409),
    summary="구인표 수정(보낸 항목만; 그사이 다른 직원이 고쳤으면 409)",
)
def update_vacancy(request: HttpRequest, vacancy_id: RecordId, payload: VacancyPatch) -> VacancyOut:
    require_role(request, EMPLOYER_WORK)
    vacancy = get_object_or_404(Vacancy, pk=vacancy_id)
    saved = patch_record(
        request,
        form_class=VacancyEditForm,
        record=vacancy,
        sent=_form_values(payload.dict(exclude_unset=True)),
        update=partial(vacancy_update, vacancy=vacancy),
        refused=(VacancyError, 422),  # below the minimum wage
    )
    return VacancyOut.of(saved)
