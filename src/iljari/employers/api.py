"""JSON API for employers."""

from functools import partial
from typing import Any, ClassVar

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict

from iljari.core.access import EMPLOYER_WORK
from iljari.core.api import InputSchema, Limit, RecordId, answers, form_errors, ids_of, patch_record, require_role
from iljari.employers.forms import EmployerEditForm, EmployerForm
from iljari.employers.models import Employer
from iljari.employers.selectors import employer_or_404, employer_search
from iljari.employers.services import EmployerError, employer_possible_duplicate, employer_update, employers_create
from iljari.reference.models import Dong

router = Router(tags=["구인업체"])


class EmployerOut(Schema):
    id: int
    name: str
    business_number: str | None
    industry_name: str
    dong: str | None
    employees: int | None
    in_smart_hub: bool
    version: int

    @staticmethod
    def of(e: Employer) -> "EmployerOut":
        return EmployerOut(
            id=e.pk,
            name=e.name,
            business_number=e.business_number,
            industry_name=e.industry_name,
            dong=e.dong.name if e.dong else None,
            employees=e.employees,
            in_smart_hub=e.in_smart_hub,
            version=e.version,
        )


class EmployerIn(InputSchema):
    EXAMPLE: ClassVar[dict] = {"name": "대한정밀", "business_number": "220-81-62517", "dong": "초지동"}

    name: str
    business_number: str = ""
    industry_name: str = ""
    address: str = ""
    dong: str
    employees: int | None = None
    in_smart_hub: bool = False
    contact_name: str = ""
    contact_phone: str = ""
    same_company_confirmed: bool = False


class EmployerPatch(InputSchema):
    """A correction: ``version`` as last read, and only the fields to change."""

    model_config = ConfigDict(extra="forbid")

    version: int
    name: str | None = None
    business_number: str | None = None
    industry_name: str | None = None
    address: str | None = None
    dong: str | None = None
    employees: int | None = None
    in_smart_hub: bool | None = None
    contact_name: str | None = None
    contact_phone: str | None = None


def _form_values(data: dict[str, Any]) -> dict[str, Any]:
    values = dict(data)
    if values.get("dong"):
        values["dong"] = ids_of(Dong, "name", [values["dong"]])[0]
    return values


@router.get("/", response=answers(list[EmployerOut]), summary="구인업체 찾기")
def list_employers(request: HttpRequest, q: str = "", limit: Limit = 50) -> list[EmployerOut]:
    require_role(request, EMPLOYER_WORK)
    return [EmployerOut.of(e) for e in employer_search(q=q)[:limit]]


@router.get("/{employer_id}", response=answers(EmployerOut, 404), summary="구인업체 한 곳")
def get_employer(request: HttpRequest, employer_id: RecordId) -> EmployerOut:
    require_role(request, EMPLOYER_WORK)
    return EmployerOut.of(get_object_or_404(Employer.objects.select_related("dong"), pk=employer_id))


@router.post("/", response=answers(EmployerOut, 400, 409, status=201), summary="구인업체 등록(양식 검사 400, 중복 409)")
def create_employer(request: HttpRequest, payload: EmployerIn) -> Status:
    require_role(request, EMPLOYER_WORK)
    data = _form_values(payload.dict())
    data["in_smart_hub"] = "on" if data["in_smart_hub"] else ""
    data["same_company_confirmed"] = "on" if data["same_company_confirmed"] else ""
    data["employees"] = "" if data["employees"] is None else data["employees"]
    form = EmployerForm(data)
    if not form.is_valid():
        raise form_errors(form)
    d = form.cleaned_data
    duplicate = employer_possible_duplicate(
        name=d["name"], business_number=d["business_number"], dong=d["dong"], address=d.get("address", "")
    )
    if duplicate and (duplicate.certain or not d["same_company_confirmed"]):
        raise HttpError(409, duplicate.reason)
    [employer] = employers_create(inputs=[form.to_input()], actor=request.user, source="api")
    return Status(201, EmployerOut.of(employer))


@router.patch(
    "/{employer_id}",
    response=answers(EmployerOut, 400, 404, 409),
    summary="구인업체 정보 수정(보낸 항목만; 그사이 다른 직원이 고쳤으면 409)",
)
def update_employer(request: HttpRequest, employer_id: RecordId, payload: EmployerPatch) -> EmployerOut:
    require_role(request, EMPLOYER_WORK)
    employer = employer_or_404(user=request.user, employer_id=employer_id, purpose="구인업체 정보 수정(API)")
    saved = patch_record(
        request,
        form_class=EmployerEditForm,
        record=employer,
        sent=_form_values(payload.dict(exclude_unset=True)),
        update=partial(employer_update, employer=employer),
        refused=(EmployerError, 409),  # the 사업자등록번호 is another company's
    )
    return EmployerOut.of(saved)
