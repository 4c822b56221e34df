"""Booth results on the day become the referral chain: no double entry.

합격 → a referral to the booth's vacancy with the interview on record, then 채용 and its
placement and follow-ups; 불합격 → 불채용 with its reason; 2차 면접 → the referral stays at
"면접 예정" for the counselor to finish; 불참 → no referral, the slot is simply lost.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from iljari.accounts.models import User
from iljari.events.models import Interview
from iljari.events.services import EventError
from iljari.privacy.audit import Action, audit_record
from iljari.referrals.models import Referral
from iljari.referrals.services import (
    ACTIVE,
    referral_create,
    referral_record_outcome,
    referral_schedule_interview,
)

RESULTS = {"passed", "failed", "second", "no_show"}


def _referral(interview: Interview, actor: User) -> Referral:
    """The seeker's active referral to this vacancy (a counselor may have made it before), or a new one."""
    registration = interview.registration
    referral = Referral.objects.filter(
        seeker=registration.seeker, vacancy=interview.vacancy, status__in=ACTIVE
    ).first() or referral_create(
        seeker=registration.seeker,
        vacancy=interview.vacancy,
        counselor=actor,
        note=f"채용행사 {registration.event.name} 현장 면접",
        at=min(interview.starts_at, timezone.now()),
    )
    if referral.status == Referral.Status.REFERRED:
        referral = referral_schedule_interview(
            referral=referral, at=max(interview.starts_at, referral.referred_at), actor=actor
        )
    return referral


def interview_record(
    *, interview: Interview, result: str, actor: User, reason: str = "", at: datetime | None = None
) -> Interview:
    """Record one booth's result for one interview (once: a correction goes through the referral)."""
    if result not in RESULTS:
        raise EventError("면접 결과를 골라 주십시오.")
    if interview.status in (Interview.Status.DONE, Interview.Status.NO_SHOW) or interview.result:
        raise EventError("이미 결과가 기록된 면접입니다. 고칠 내용은 구직자의 알선 이력에서 바꿔 주십시오.")
    if interview.status == Interview.Status.CANCELLED:
        raise EventError("취소된 면접입니다.")
    if result == "failed" and reason not in Referral.Reason.values:
        raise EventError("불합격 사유를 골라 주십시오.", field="reason")
    at = at or timezone.now()
    with transaction.atomic():
        if result == "no_show":
            Interview.objects.filter(pk=interview.pk).update(status=Interview.Status.NO_SHOW)
        else:
            if interview.vacancy is None:
                raise EventError("이 부스에 모집 중인 구인표가 없어 결과를 알선으로 남길 수 없습니다.")
            referral = _referral(interview, actor)
            if result in ("passed", "failed"):
                referral_record_outcome(
                    referral=referral,
                    hired=result == "passed",
                    reason=reason,
                    actor=actor,
                    at=max(at, referral.referred_at),
                )
            Interview.objects.filter(pk=interview.pk).update(
                status=Interview.Status.DONE, result=result, referral=referral
            )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="event_interview",
            object_id=interview.pk,
            purpose="채용행사 면접 결과",
            detail={"result": result},
        )
    interview.refresh_from_db()
    return interview
