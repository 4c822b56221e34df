"""Referral (알선) → interview (면접) → hired or not (채용/불채용) → follow-ups (사후관리).

Each step is a service with its rules and an audit row, so the page, the API, event
results and the demo generator all move a referral the same way.
"""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from iljari.accounts.models import User
from iljari.core.acting import acting_as
from iljari.core.calendar import months_later
from iljari.core.errors import IljariError
from iljari.core.versions import data_changed
from iljari.privacy.audit import Action, Actor, audit_record
from iljari.privacy.selectors import consent_given
from iljari.reference.models import Occupation
from iljari.referrals.models import FollowUp, Placement, Referral
from iljari.seekers.models import Seeker
from iljari.seekers.services import seeker_place, seekers_contacted
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import vacancy_close

ACTIVE = (Referral.Status.REFERRED, Referral.Status.INTERVIEW)
NO_CONSENT = (
    "개인정보 수집·이용(취업지원 상담·알선) 동의가 확인되지 않아 알선할 수 없습니다(동의 미확인). "
    "구직자 화면의 '개인정보 동의'에서 받은 동의를 기록한 뒤 다시 알선해 주십시오."
)
FOLLOW_UP_MONTHS = (1, 3, 6)


class ReferralError(IljariError):
    """A referral step broke a rule of the workflow."""


def referral_create(
    *, seeker: Seeker, vacancy: Vacancy, counselor: User, note: str = "", at: datetime | None = None
) -> Referral:
    """Refer a seeker to an open vacancy: one active referral per seeker and vacancy.

    A seeker who stopped looking or whose 구직 신청 lapsed is re-registered first; one already
    in work may be referred (changing jobs).
    """
    at = at or timezone.now()
    if not vacancy.is_open_on(timezone.localdate(at)):
        raise ReferralError(f"모집이 끝난 구인표({vacancy.get_status_display()})에는 알선할 수 없습니다.")
    if seeker.status == Seeker.Status.ERASED:
        raise ReferralError("개인정보가 파기된 구직자는 알선할 수 없습니다.")
    if seeker.status in (Seeker.Status.WITHDRAWN, Seeker.Status.LAPSED):
        raise ReferralError(
            f"이 구직자는 '{seeker.get_status_display()}' 상태입니다. 재등록한 뒤 알선해 주십시오.", field="status"
        )
    if not consent_given(seeker=seeker):
        raise ReferralError(NO_CONSENT)
    with transaction.atomic():
        data_changed()
        if Referral.objects.select_for_update().filter(seeker=seeker, vacancy=vacancy, status__in=ACTIVE).exists():
            raise ReferralError("이미 이 구인표에 알선 중입니다.")
        referral = Referral.objects.create(
            seeker=seeker, vacancy=vacancy, counselor=counselor, referred_at=at, note=note
        )
        seekers_contacted(contacts={seeker.pk: timezone.localdate(at)})
        audit_record(
            actor=counselor,
            action=Action.CREATE,
            object_type="referral",
            object_id=referral.pk,
            purpose="알선",
            detail={"seeker": seeker.pk, "vacancy": vacancy.pk},
        )
    return referral


def referral_schedule_interview(*, referral: Referral, at: datetime, actor: Actor) -> Referral:
    """면접 일정: only for an active referral, never before it was made."""
    if referral.status not in ACTIVE:
        raise ReferralError("진행 중인 알선에만 면접 일정을 잡을 수 있습니다.")
    if at < referral.referred_at.replace(second=0, microsecond=0):  # forms give minutes, not seconds
        raise ReferralError("면접 일시는 알선 일시보다 앞설 수 없습니다.", field="interview_at")
    with transaction.atomic(), acting_as(actor=actor, purpose="면접 일정"):
        data_changed()
        Referral.objects.filter(pk=referral.pk).update(status=Referral.Status.INTERVIEW, interview_at=at)
        seekers_contacted(contacts={referral.seeker_id: timezone.localdate(min(at, timezone.now()))})
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="referral",
            object_id=referral.pk,
            purpose="면접 일정",
            detail={"interview_at": at.isoformat()},
        )
    referral.refresh_from_db()
    return referral


def _placement(
    *,
    seeker: Seeker,
    employer_name: str,
    started_on: date,
    actor: Actor,
    referral: Referral | None,
    vacancy: Vacancy | None,
    occupation: Occupation | None,
    wage_type: str,
    wage_amount: int | None,
    direct: bool,
) -> Placement:
    placement = Placement.objects.create(
        seeker=seeker,
        referral=referral,
        vacancy=vacancy,
        employer_name=employer_name,
        occupation=occupation,
        started_on=started_on,
        wage_type=wage_type,
        wage_amount=wage_amount,
        is_direct=direct,
        recorded_by=actor if isinstance(actor, User) else None,
    )
    FollowUp.objects.bulk_create(
        [FollowUp(placement=placement, months_after=m, due_on=months_later(started_on, m)) for m in FOLLOW_UP_MONTHS]
    )
    seeker_place(
        seeker_id=seeker.pk, actor=actor, note="자체 취업" if referral is None else f"알선 #{referral.pk} 채용"
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        object_type="placement",
        object_id=placement.pk,
        purpose="취업 등록",
        detail={"seeker": seeker.pk, "direct": direct},
    )
    return placement


def referral_record_outcome(
    *,
    referral: Referral,
    hired: bool,
    actor: Actor,
    reason: str = "",
    started_on: date | None = None,
    at: datetime | None = None,
    direct: bool = False,
) -> Referral:
    """채용 or 불채용. A hire needs the interview on record unless it is noted as direct."""
    at = at or timezone.now()
    if referral.status not in ACTIVE:
        raise ReferralError("이미 결과가 기록된 알선입니다.")
    if at < referral.referred_at:
        raise ReferralError("결과 일시는 알선 일시보다 앞설 수 없습니다.")
    if hired and referral.status != Referral.Status.INTERVIEW and not direct:
        raise ReferralError(
            "면접 기록이 없는 채용입니다. 면접 일정을 먼저 기록하거나 '면접 없이 채용'으로 표시해 주십시오."
        )
    if not hired and reason not in Referral.Reason.values:
        raise ReferralError("불채용 사유를 골라 주십시오.", field="reason")
    vacancy = Vacancy.objects.select_related("employer", "occupation").get(pk=referral.vacancy_id)
    if hired and vacancy.status == Vacancy.Status.CANCELLED:
        raise ReferralError(
            "모집이 취소된 구인표에는 채용을 기록할 수 없습니다. 알선을 취소하거나 구인표를 재공고해 주십시오."
        )
    with transaction.atomic(), acting_as(actor=actor, purpose="알선 결과"):
        data_changed()
        Referral.objects.filter(pk=referral.pk).update(
            status=Referral.Status.HIRED if hired else Referral.Status.NOT_HIRED,
            result_at=at,
            not_hired_reason="" if hired else reason,
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="referral",
            object_id=referral.pk,
            purpose="알선 결과",
            detail={"hired": hired, "reason": reason},
        )
        if hired:
            _placement(
                seeker=referral.seeker,
                employer_name=vacancy.employer.name,
                started_on=started_on or timezone.localdate(at),
                actor=actor,
                referral=referral,
                vacancy=vacancy,
                occupation=vacancy.occupation,
                wage_type=vacancy.wage_type,
                wage_amount=vacancy.wage_amount,
                direct=direct,
            )
            hires = Referral.objects.filter(vacancy=vacancy, status=Referral.Status.HIRED).count()
            if hires >= vacancy.openings and vacancy.status in (Vacancy.Status.OPEN, Vacancy.Status.EXPIRED):
                vacancy_close(
                    vacancy_id=vacancy.pk, reason=Vacancy.Status.FILLED, actor=actor, note="모집 인원 채용", at=at
                )
        seekers_contacted(contacts={referral.seeker_id: timezone.localdate(min(at, timezone.now()))})
    referral.refresh_from_db()
    return referral


def referral_cancel(*, referral: Referral, actor: Actor, reason: str = Referral.Reason.SEEKER_WITHDREW) -> Referral:
    if referral.status not in ACTIVE:
        raise ReferralError("진행 중인 알선만 취소할 수 있습니다.")
    with transaction.atomic(), acting_as(actor=actor, purpose="알선 취소"):
        data_changed()
        Referral.objects.filter(pk=referral.pk).update(
            status=Referral.Status.CANCELLED, result_at=timezone.now(), not_hired_reason=reason
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="referral",
            object_id=referral.pk,
            purpose="알선 취소",
            detail={"reason": reason},
        )
    referral.refresh_from_db()
    return referral


def placement_record_direct(
    *,
    seeker: Seeker,
    employer_name: str,
    started_on: date,
    actor: Actor,
    occupation: Occupation | None = None,
    wage_type: str = "",
    wage_amount: int | None = None,
) -> Placement:
    """자체 취업 — the seeker found work without a referral; it still counts and is followed up."""
    if not employer_name.strip():
        raise ReferralError("취업처를 입력해 주십시오.", field="employer_name")
    if started_on > timezone.localdate() + timedelta(days=60):
        raise ReferralError("취업일이 너무 먼 미래입니다.", field="started_on")
    with transaction.atomic(), acting_as(actor=actor, purpose="자체 취업"):
        data_changed()
        return _placement(
            seeker=seeker,
            employer_name=employer_name.strip(),
            started_on=started_on,
            actor=actor,
            referral=None,
            vacancy=None,
            occupation=occupation,
            wage_type=wage_type,
            wage_amount=wage_amount,
            direct=True,
        )


def follow_up_record(
    *, follow_up: FollowUp, still_employed: bool, actor: Actor, reason: str = "", done_on: date | None = None
) -> FollowUp:
    """사후관리 결과. Stopping work marks the later follow-ups as not employed too."""
    done_on = done_on or timezone.localdate()
    if done_on < follow_up.placement.started_on:
        raise ReferralError("확인일은 취업일보다 앞설 수 없습니다.")
    if not still_employed and not reason.strip():
        raise ReferralError("그만둔 사유를 적어 주십시오.", field="reason")
    with transaction.atomic():
        data_changed()
        FollowUp.objects.filter(pk=follow_up.pk).update(done_on=done_on, still_employed=still_employed, reason=reason)
        if not still_employed:
            FollowUp.objects.filter(
                placement=follow_up.placement, months_after__gt=follow_up.months_after, done_on__isnull=True
            ).update(done_on=done_on, still_employed=False, reason=reason)
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="follow_up",
            object_id=follow_up.pk,
            purpose="사후관리",
            detail={"still_employed": still_employed},
        )
    follow_up.refresh_from_db()
    return follow_up
