"""Referral (알선) workflow services."""

from django.db import transaction
from django.utils import timezone

from iljari.accounts.models import User
from iljari.core.errors import IljariError
from iljari.privacy.audit import Action, audit_record
from iljari.privacy.models import Consent
from iljari.referrals.models import Referral
from iljari.seekers.models import Seeker
from iljari.vacancies.models import Vacancy

ACTIVE = (Referral.Status.REFERRED, Referral.Status.INTERVIEW)


class ReferralError(IljariError):
    """A referral step broke a rule of the workflow."""


def referral_create(*, seeker: Seeker, vacancy: Vacancy, counselor: User, note: str = "") -> Referral:
    """Refer a seeker to an open vacancy: one active referral per seeker and vacancy."""
    if vacancy.status != Vacancy.Status.OPEN:
        raise ReferralError("모집이 끝난 구인표에는 알선할 수 없습니다.")
    if seeker.status == Seeker.Status.ERASED:
        raise ReferralError("개인정보가 파기된 구직자는 알선할 수 없습니다.")
    if not seeker.consents.filter(
        purpose=Consent.Purpose.EMPLOYMENT_SERVICES, granted=True, withdrawn_at__isnull=True
    ).exists():
        raise ReferralError("취업지원 상담·알선에 대한 개인정보 동의가 없어 알선할 수 없습니다.")
    with transaction.atomic():
        if Referral.objects.select_for_update().filter(seeker=seeker, vacancy=vacancy, status__in=ACTIVE).exists():
            raise ReferralError("이미 이 구인표에 알선 중입니다.")
        referral = Referral.objects.create(
            seeker=seeker, vacancy=vacancy, counselor=counselor, referred_at=timezone.now(), note=note
        )
        audit_record(
            actor=counselor,
            action=Action.CREATE,
            object_type="referral",
            object_id=referral.pk,
            purpose="알선",
            detail={"seeker": seeker.pk, "vacancy": vacancy.pk},
        )
    return referral
