"""JSON API for referrals (알선)."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from iljari.core.access import CASEWORK
from iljari.core.api import InputSchema, require_role
from iljari.referrals.models import Referral
from iljari.referrals.services import ReferralError, referral_create
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

    @staticmethod
    def of(r: Referral) -> "ReferralOut":
        return ReferralOut(
            id=r.pk, seeker_id=r.seeker_id, vacancy_id=r.vacancy_id, status=r.status, referred_at=r.referred_at
        )


@router.post("/", response={201: ReferralOut}, summary="알선")
def create_referral(request: HttpRequest, payload: ReferralIn) -> Status:
    require_role(request, CASEWORK)
    seeker = seeker_or_404(user=request.user, seeker_id=payload.seeker_id, purpose="알선(API)")
    vacancy = get_object_or_404(Vacancy, pk=payload.vacancy_id)
    try:
        referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=request.user, note=payload.note)
    except ReferralError as exc:
        raise HttpError(409, exc.message) from exc
    return Status(201, ReferralOut.of(referral))


@router.get("/", response=list[ReferralOut], summary="알선 목록(볼 수 있는 구직자)")
def list_referrals(request: HttpRequest, seeker_id: int | None = None, limit: int = 100) -> list[ReferralOut]:
    require_role(request, CASEWORK)
    qs = Referral.objects.filter(seeker__in=seekers_visible_to(request.user))
    if seeker_id:
        qs = qs.filter(seeker_id=seeker_id)
    return [ReferralOut.of(r) for r in qs.order_by("-referred_at")[: min(limit, 500)]]
