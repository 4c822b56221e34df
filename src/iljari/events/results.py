"""Booth results on the day become the referral chain: no double entry.

합격 → a referral to the booth's vacancy with the interview on record, then 채용 and its
placement and follow-ups; 불합격 → 불채용 with its reason; 2차 면접 → the referral stays at
"면접 예정" for the counselor to finish; 불참 → no referral, the slot is simply lost.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from iljari.accounts.models import User
from iljari.events.models import Interview
from iljari.events.services import EventError
from iljari.privacy.audit import Action, audit_record
from iljari.referrals.models import Referral
from iljari.referrals.services import (
    ACTIVE,
    UNDO_MINUTES,
    referral_create,
    referral_record_outcome,
    referral_schedule_interview,
    referral_undo,
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
        tell=False,  # at the booth: the seeker hears the result, not the steps of a moment ago
    )
    if referral.status == Referral.Status.REFERRED:
        referral = referral_schedule_interview(
            referral=referral, at=max(interview.starts_at, referral.referred_at), actor=actor, tell=False
        )
    return referral


def interview_record(
    *,
    interview: Interview,
    result: str,
    actor: User,
    reason: str = "",
    at: datetime | None = None,
    second_job: bool = False,
) -> Interview:
    """Record one booth's result for one interview, once: the interview is locked and re-read, so of
    two phones tapping at once the second is told what the first recorded. A 합격 for a seeker already
    in work is asked about first (``second_job`` is the yes); the person who tapped may undo it for
    ``UNDO_MINUTES``; later corrections go through the referral."""
    if result not in RESULTS:
        raise EventError("면접 결과를 골라 주십시오.")
    if result == "failed" and reason not in Referral.Reason.values:
        raise EventError("불합격 사유를 골라 주십시오.", field="reason")
    at = at or timezone.now()
    with transaction.atomic():
        current = Interview.objects.select_for_update().select_related("registration__seeker").get(pk=interview.pk)
        if current.status in (Interview.Status.DONE, Interview.Status.NO_SHOW) or current.result:
            done = current.get_result_display() if current.result else "불참"
            raise EventError(
                f"이미 결과('{done}')가 기록된 면접입니다. 고칠 내용은 구직자의 알선 이력에서 정정해 주십시오."
            )
        if current.status == Interview.Status.CANCELLED:
            raise EventError("취소된 면접입니다.")
        recorded = {"result_at": timezone.now(), "result_by": actor}
        if result == "no_show":
            Interview.objects.filter(pk=current.pk).update(status=Interview.Status.NO_SHOW, **recorded)
        else:
            if current.vacancy is None:
                raise EventError("이 부스에 모집 중인 구인표가 없어 결과를 알선으로 남길 수 없습니다.")
            referral = _referral(current, actor)
            if result in ("passed", "failed"):
                referral_record_outcome(
                    referral=referral,
                    hired=result == "passed",
                    reason=reason,
                    actor=actor,
                    at=max(at, referral.referred_at, referral.interview_at or at),
                    second_job=second_job,
                )
            Interview.objects.filter(pk=current.pk).update(
                status=Interview.Status.DONE, result=result, referral=referral, **recorded
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


def interview_undoable(*, interview: Interview, user: User, now: datetime | None = None) -> bool:
    """The person who tapped a result may take it back for a few minutes (a wrong tap at the booth)."""
    now = now or timezone.now()
    return bool(
        interview.result_by_id == user.pk
        and interview.result_at
        and now - interview.result_at <= timedelta(minutes=UNDO_MINUTES)
        and (interview.result or interview.status == Interview.Status.NO_SHOW)
    )


def interview_undo(*, interview: Interview, actor: User) -> Interview:
    """되돌리기: the interview is waiting for its result again; a 합격/불합격 is taken back on the
    referral too (the placement withdrawn, the seeker and vacancy following). The referral stays
    면접 예정: the interview did take place."""
    with transaction.atomic():
        current = Interview.objects.select_for_update().get(pk=interview.pk)
        if not interview_undoable(interview=current, user=actor):
            raise EventError(
                f"되돌리기는 결과를 누른 사람이 {UNDO_MINUTES}분 안에만 할 수 있습니다. "
                "그 뒤에는 구직자의 알선 이력에서 사유를 적어 정정해 주십시오."
            )
        if current.result in ("passed", "failed") and current.referral_id:
            referral_undo(referral=Referral.objects.get(pk=current.referral_id), actor=actor)
        Interview.objects.filter(pk=current.pk).update(
            status=Interview.Status.SCHEDULED, result="", result_at=None, result_by=None
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="event_interview",
            object_id=interview.pk,
            purpose="채용행사 면접 결과 되돌리기",
            detail={"result": current.result or "no_show"},
        )
    interview.refresh_from_db()
    return interview
