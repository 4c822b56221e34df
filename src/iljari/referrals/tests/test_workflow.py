"""알선 → 면접 → 채용/불채용 → 1·3·6개월 사후관리, with the rules of each step."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from iljari.core.calendar import months_later
from iljari.privacy.models import AuditEvent
from iljari.referrals.models import FollowUp, Referral
from iljari.referrals.services import (
    ReferralError,
    follow_up_record,
    placement_record_direct,
    referral_cancel,
    referral_create,
    referral_record_outcome,
    referral_schedule_interview,
)
from iljari.seekers.models import Seeker
from iljari.vacancies.models import Vacancy

pytestmark = pytest.mark.postgres


@pytest.fixture
def vacancy(make_vacancy):
    return make_vacancy(openings=1)


def test_counselor_refers_seeker_and_records_hire(make_seeker, counselor, vacancy):
    seeker = make_seeker()
    referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor)
    with pytest.raises(ReferralError, match="면접 기록이 없는 채용"):
        referral_record_outcome(referral=referral, hired=True, actor=counselor)
    interview_at = timezone.now() + timedelta(days=2)
    referral_schedule_interview(referral=referral, at=interview_at, actor=counselor)
    with pytest.raises(ReferralError, match=r"면접 일시.*뒤에만"):  # a hire is never dated before its interview
        referral_record_outcome(referral=referral, hired=True, actor=counselor)
    with pytest.raises(ReferralError, match="취업일은 면접일"):
        referral_record_outcome(
            referral=referral, hired=True, actor=counselor, started_on=timezone.localdate(), at=interview_at
        )
    started = timezone.localdate(interview_at) + timedelta(days=7)
    referral_record_outcome(
        referral=referral, hired=True, actor=counselor, started_on=started, at=timezone.now() + timedelta(days=3)
    )
    placement = referral.placement
    assert placement.employer_name == "세원테크" and placement.started_on == started
    assert list(placement.follow_ups.values_list("months_after", "due_on")) == [
        (m, months_later(started, m)) for m in (1, 3, 6)
    ]
    assert Seeker.objects.get(pk=seeker.pk).status == "placed"
    assert Vacancy.objects.get(pk=vacancy.pk).status == "filled"  # its one opening is filled
    assert AuditEvent.objects.filter(object_type="placement").exists()


def test_dates_must_follow_one_another(make_seeker, counselor, vacancy):
    referral = referral_create(seeker=make_seeker(), vacancy=vacancy, counselor=counselor)
    with pytest.raises(ReferralError, match="면접 일시는 알선 일시보다"):
        referral_schedule_interview(referral=referral, at=referral.referred_at - timedelta(hours=1), actor=counselor)


def test_one_active_referral_per_seeker_and_vacancy(make_seeker, counselor, vacancy):
    seeker = make_seeker()
    first = referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor)
    with pytest.raises(ReferralError, match="이미"):
        referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor)
    referral_cancel(referral=first, actor=counselor)
    assert referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor).status == "referred"


def test_not_hired_needs_a_reason_and_a_hire_without_interview_can_be_noted(make_seeker, counselor, vacancy):
    a = referral_create(seeker=make_seeker(), vacancy=vacancy, counselor=counselor)
    with pytest.raises(ReferralError, match="불채용 사유"):
        referral_record_outcome(referral=a, hired=False, actor=counselor)
    referral_record_outcome(referral=a, hired=False, reason=Referral.Reason.WAGE, actor=counselor)
    assert Referral.objects.get(pk=a.pk).not_hired_reason == "wage"
    b = referral_create(seeker=make_seeker(), vacancy=vacancy, counselor=counselor)
    referral_record_outcome(referral=b, hired=True, direct=True, actor=counselor)
    assert Referral.objects.get(pk=b.pk).status == "hired"


def test_direct_placement_and_follow_ups(make_seeker, counselor):
    placement = placement_record_direct(
        seeker=make_seeker(), employer_name="동네마트", started_on=date(2026, 9, 1), actor=counselor
    )
    one, three, six = placement.follow_ups.order_by("months_after")
    follow_up_record(follow_up=one, still_employed=True, actor=counselor, done_on=date(2026, 10, 2))
    with pytest.raises(ReferralError, match="사유"):
        follow_up_record(follow_up=three, still_employed=False, actor=counselor)
    follow_up_record(
        follow_up=three, still_employed=False, reason="건강 문제", actor=counselor, done_on=date(2026, 12, 1)
    )
    assert FollowUp.objects.get(pk=six.pk).still_employed is False  # stopping ends the later checks too
    assert placement.is_direct and placement.referral is None
