"""JSON API for seekers: the same selectors (access rule, audit) and forms (validation) as the pages."""

from datetime import date
from functools import partial
from typing import Any, ClassVar

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict

from iljari.accounts.models import Desk
from iljari.core.access import CASEWORK
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
from iljari.core.errors import IljariError
from iljari.core.lifecycles import status_history
from iljari.reference.models import Dong, TargetGroup, VisaType
from iljari.seekers.forms import SeekerEditForm, SeekerForm
from iljari.seekers.lifecycle import SEEKER
from iljari.seekers.models import Seeker
from iljari.seekers.selectors import SeekerFilters, seeker_or_404, seeker_search
from iljari.seekers.services import SeekerError, seeker_change_status, seeker_create, seeker_update

router = Router(tags=["구직자"])


class SeekerOut(Schema):
    id: int
    name: str | None
    phone: str | None
    birth_date: date | None
    home_dong: str | None
    desk: str
    desired_job_text: str
    reservation_wage: int | None
    target_groups: list[str]
    status: str
    registered_on: date
    version: int

    @staticmethod
    def of(s: Seeker) -> "SeekerOut":
        return SeekerOut(
            id=s.pk,
            name=s.name,
            phone=s.phone,
            birth_date=s.birth_date,
            home_dong=s.home_dong.name if s.home_dong else None,
            desk=s.desk.name,
            desired_job_text=s.desired_job_text,
            reservation_wage=s.reservation_wage,
            target_groups=[g.name for g in s.target_groups.all()],
            status=s.status,
            registered_on=s.registered_on,
            version=s.version,
        )


class SeekerIn(InputSchema):
    EXAMPLE: ClassVar[dict] = {
        "name": "박안산",
        "birth_date": "1990-02-03",
        "phone": "010-2323-4545",
        "home_dong": "와동",
        "desired_job_text": "용접",
        "target_groups": ["청년"],
        "consent": True,
    }

    name: str
    birth_date: date
    phone: str = ""
    sex: str = ""
    home_dong: str | None = None
    address: str = ""
    desired_job_text: str = ""
    reservation_wage: int | None = None
    licences: list[str] = []
    target_groups: list[str] = []
    work_hours: str = "any"
    shifts: list[str] = []
    employment_type: str = "any"
    korean_level: int = 4
    visa_type: str | None = None
    remarks: str = ""
    consent: bool = False
    desk: str | None = None


class SeekerPatch(InputSchema):
    """A correction: ``version`` as last read, and only the fields to change (status is not one)."""

    model_config = ConfigDict(extra="forbid")

    version: int
    name: str | None = None
    birth_date: date | None = None
    phone: str | None = None
    sex: str | None = None
    home_dong: str | None = None
    address: str | None = None
    desired_job_text: str | None = None
    reservation_wage: int | None = None
    licences: list[str] | None = None
    target_groups: list[str] | None = None
    work_hours: str | None = None
    shifts: list[str] | None = None
    employment_type: str | None = None
    korean_level: int | None = None
    visa_type: str | None = None
    accessibility_needs: list[str] | None = None
    preferred_language: str | None = None
    remarks: str | None = None


def _form_values(data: dict[str, Any]) -> dict[str, Any]:
    """The API's names (동 and 계층 names, visa codes, lists) as the form's values."""
    values = dict(data)
    if "licences" in values:
        values["licences"] = ", ".join(values["licences"] or [])
    for name, model, key in (("home_dong", Dong, "name"), ("visa_type", VisaType, "code")):
        if values.get(name):
            values[name] = ids_of(model, key, [values[name]])[0]
    if "target_groups" in values:
        values["target_groups"] = ids_of(TargetGroup, "name", values["target_groups"] or [])
    return values


def _read(request: HttpRequest, seeker_id: int, purpose: str) -> Seeker:
    require_role(request, CASEWORK)
    return seeker_or_404(user=request.user, seeker_id=seeker_id, purpose=purpose)


@router.get("/", response=answers(list[SeekerOut]), summary="구직자 찾기(담당 창구 범위)")
def list_seekers(request: HttpRequest, q: str = "", job: str = "", limit: Limit = 50) -> list[SeekerOut]:
    require_role(request, CASEWORK)
    page = seeker_search(
        user=request.user,
        filters=SeekerFilters(q=q, job=job),
        purpose="구직자 목록 조회(API)",
        per_page=limit,
    )
    return [SeekerOut.of(s) for s in page]


@router.get("/{seeker_id}", response=answers(SeekerOut, 404), summary="구직자 한 명(열람 기록이 남습니다)")
def get_seeker(request: HttpRequest, seeker_id: RecordId) -> SeekerOut:
    return SeekerOut.of(_read(request, seeker_id, "구직자 상세 조회(API)"))


@router.post("/", response=answers(SeekerOut, 400, 409, status=201), summary="구직 등록(양식 검사 400, 이미 등록 409)")
def create_seeker(request: HttpRequest, payload: SeekerIn) -> Status:
    require_role(request, CASEWORK)
    data = _form_values(payload.dict())
    data["consent"] = "on" if data["consent"] else ""
    data["home_dong"] = data["home_dong"] or ""
    data["visa_type"] = data["visa_type"] or ""
    if data.pop("desk"):
        data["desk"] = Desk.objects.filter(code=payload.desk).values_list("pk", flat=True).first() or ""
    form = SeekerForm(data, user=request.user)
    if not form.is_valid():
        raise form_errors(form)
    try:
        seeker = seeker_create(data=form.to_input(), actor=request.user)
    except IljariError as exc:
        raise HttpError(409, exc.message) from exc
    return Status(201, SeekerOut.of(seeker))


class StatusIn(InputSchema):
    status: str = ""  # active (재등록) | withdrawn (구직 중단, with reason) | lapsed (유효기간 만료)
    reason: str = ""  # for withdrawn: own_request, unreachable, moved, training, other


@router.post(
    "/{seeker_id}/status",
    response=answers(SeekerOut, 400, 404, 409),
    summary="구직 상태 변경(구직 중단·재등록). 지금 상태에서 할 수 없으면 409, 사유가 없으면 422",
)
def change_seeker_status(request: HttpRequest, seeker_id: RecordId, payload: StatusIn) -> SeekerOut:
    _read(request, seeker_id, "구직 상태 변경(API)")
    return SeekerOut.of(
        seeker_change_status(seeker_id=seeker_id, status=payload.status, reason=payload.reason, actor=request.user)
    )


@router.get("/{seeker_id}/status-history", response=answers(list[StatusChangeOut], 404), summary="구직 상태 이력")
def seeker_status_history(request: HttpRequest, seeker_id: RecordId) -> list[StatusChangeOut]:
    _read(request, seeker_id, "구직 상태 이력 조회(API)")
    return [StatusChangeOut.of(h) for h in status_history(lifecycle=SEEKER, record_id=seeker_id)]


@router.patch(
    "/{seeker_id}",
    response=answers(SeekerOut, 400, 404, 409),
    summary="구직자 정보 수정(보낸 항목만; 그사이 다른 직원이 고쳤으면 409)",
)
def update_seeker(request: HttpRequest, seeker_id: RecordId, payload: SeekerPatch) -> SeekerOut:
    seeker = _read(request, seeker_id, "구직자 정보 수정(API)")
    saved = patch_record(
        request,
        form_class=SeekerEditForm,
        record=seeker,
        sent=_form_values(payload.dict(exclude_unset=True)),
        update=partial(seeker_update, seeker=seeker),
        refused=(SeekerError, 409),  # the phone or the person is already on file, as on registration
        user=request.user,
    )
    return SeekerOut.of(saved)
