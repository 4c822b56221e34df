"""JSON API for referrals (알선)."""

from datetime import date, datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from iljari.core.access import CASEWORK
from iljari.core.api import InputSchema, Limit, QueryId, RecordId, StatusChangeOut, answers, require_role
from iljari.core.confirmation import ConfirmationNeeded
from iljari.core.lifecycles import status_history
from iljari.referrals.lifecycle import REFERRAL
from iljari.referrals.models import Referral
from iljari.referrals.services import (
    ReferralError,
    referral_correct,
    referral_create,
    referral_record_outcome,
    referral_undo,
)
from iljari.seekers.selectors import seeker_or_404, seekers_visible_to
from iljari.vacancies.models import Vacancy

router = Router(tags=["알선"])


class ReferralIn(InputSchema):
    seeker_id: int
    vacancy_id: int
    note: str = ""


class ReferralOut(Schema):
    id: int
    seeker_id: int
    vacancy_id: int
    status: str
    referred_at: datetime
    interview_at: datetime | None = None
    result_at: datetime | None = None
    not_hired_reason: str = ""

    @staticmethod
    def of(r: Referral) -> "ReferralOut":
        local = timezone.localtime
        return ReferralOut(
            id=r.pk,
            seeker_id=r.seeker_id,
            vacancy_id=r.vacancy_id,
            status=r.status,
            referred_at=local(r.referred_at),
            interview_at=local(r.interview_at) if r.interview_at else None,
            result_at=local(r.result_at) if r.result_at else None,
            not_hired_reason=r.not_hired_reason,
        )


class OutcomeIn(InputSchema):
    hired: bool
    reason: str = ""  # 불채용 사유 (wage, hours, distance, qualification, seeker_withdrew, employer, other)
    started_on: date | None = None
    direct: bool = False  # 면접 없이 채용
    second_job: bool = False  # yes to "already in work elsewhere: add a second 취업?"


class CorrectionIn(InputSchema):
    to: str  # hired | not_hired | cancelled | active (진행 중)
    note: str = ""  # why (required: 422 without it)
    reason: str = ""  # 불채용·취소 사유, for not_hired / cancelled
    started_on: date | None = None


def _referral(request: HttpRequest, referral_id: RecordId, purpose: str) -> Referral:
    referral = get_object_or_404(Referral, pk=referral_id)
    seeker_or_404(user=request.user, seeker_id=referral.seeker_id, purpose=purpose)
    return referral


def _refused(exc: ReferralError) -> HttpError:
    """A missing or wrong value the person sent is 422; a step the referral's state does not allow, 409."""
    return HttpError(422 if exc.field else 409, exc.message)


@router.post(
    "/",
    response=answers(ReferralOut, 400, 404, 409, status=201),
    summary="알선(구직자·구인표가 없으면 404, 이미 알선했으면 409)",
)
def create_referral(request: HttpRequest, payload: ReferralIn) -> Status:
    require_role(request, CASEWORK)
    seeker = seeker_or_404(user=request.user, seeker_id=payload.seeker_id, purpose="알선(API)")
    vacancy = get_object_or_404(Vacancy, pk=payload.vacancy_id)
    try:
        referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=request.user, note=payload.note)
    except ReferralError as exc:
        raise HttpError(409, exc.message) from exc
    return Status(201, ReferralOut.of(referral))


@router.get("/", response=answers(list[ReferralOut]), summary="알선 목록(볼 수 있는 구직자)")
def list_referrals(request: HttpRequest, seeker_id: QueryId = None, limit: Limit = 100) -> list[ReferralOut]:
    require_role(request, CASEWORK)
    qs = Referral.objects.filter(seeker__in=seekers_visible_to(request.user))
    if seeker_id:
        qs = qs.filter(seeker_id=seeker_id)
    return [ReferralOut.of(r) for r in qs.order_by("-referred_at")[:limit]]


@router.post(
    "/{referral_id}/outcome",
    response=answers(ReferralOut, 400, 404, 409),
    summary="채용·불채용 기록. 이미 결과가 있거나 다른 곳에 취업 중이면(second_job 없이) 409, 사유가 없으면 422",
)
def record_outcome(request: HttpRequest, referral_id: RecordId, payload: OutcomeIn) -> ReferralOut:
    require_role(request, CASEWORK)
    referral = _referral(request, referral_id, "알선 결과 기록(API)")
    try:
        referral = referral_record_outcome(
            referral=referral,
            hired=payload.hired,
            reason=payload.reason,
            started_on=payload.started_on,
            direct=payload.direct,
            second_job=payload.second_job,
            actor=request.user,
        )
    except ConfirmationNeeded as exc:
        raise HttpError(
            409, f"{exc.message} {' · '.join(exc.facts)} — second_job: true 로 다시 보내 주십시오."
        ) from exc
    except ReferralError as exc:
        raise _refused(exc) from exc
    return ReferralOut.of(referral)


@router.post(
    "/{referral_id}/correct",
    response=answers(ReferralOut, 400, 404, 409),
    summary="결과 정정(사유 필수). 지금 상태에서 할 수 없으면 409, 사유·바른 결과가 없으면 422",
)
def correct_outcome(request: HttpRequest, referral_id: RecordId, payload: CorrectionIn) -> ReferralOut:
    require_role(request, CASEWORK)
    referral = _referral(request, referral_id, "알선 결과 정정(API)")
    try:
        referral = referral_correct(
            referral=referral,
            to=payload.to,
            note=payload.note,
            reason=payload.reason,
            started_on=payload.started_on,
            actor=request.user,
        )
    except ReferralError as exc:
        raise _refused(exc) from exc
    return ReferralOut.of(referral)


@router.post(
    "/{referral_id}/undo",
    response=answers(ReferralOut, 404, 409),
    summary="방금(10분 안) 기록한 결과 되돌리기. 그 밖에는 409",
)
def undo_outcome(request: HttpRequest, referral_id: RecordId) -> ReferralOut:
    require_role(request, CASEWORK)
    referral = _referral(request, referral_id, "알선 결과 되돌리기(API)")
    try:
        referral = referral_undo(referral=referral, actor=request.user)
    except ReferralError as exc:
        raise _refused(exc) from exc
    return ReferralOut.of(referral)


@router.get(
    "/{referral_id}/status-history", response=answers(list[StatusChangeOut], 404), summary="상태 이력(정정 사유 포함)"
)
def referral_status_history(request: HttpRequest, referral_id: RecordId) -> list[StatusChangeOut]:
    require_role(request, CASEWORK)
    _referral(request, referral_id, "알선 상태 이력(API)")
    return [StatusChangeOut.of(h) for h in status_history(lifecycle=REFERRAL, record_id=referral_id)]
