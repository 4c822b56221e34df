"""A program manager sets up a program; a counselor enrolls a seeker; attendance and completion;
each bad input refused in Korean with nothing saved."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from iljari.core.lifecycles import status_history
from iljari.matching.records import seeker_records, seekers_for_index
from iljari.privacy.models import Consent
from iljari.reference.models import Licence, TargetGroup
from iljari.seekers.models import Seeker
from iljari.training.lifecycle import ENROLLMENT
from iljari.training.models import Attendance, Enrollment, TrainingProgram
from iljari.training.services import (
    ProgramError,
    ProgramInput,
    attendance_record,
    enrollment_complete,
    program_create,
    program_select,
)

pytestmark = pytest.mark.postgres  # the lifecycle's conditional updates and the JSON fields, on both databases


def test_a_program_without_sessions_is_refused_and_nothing_saved(db):
    today = timezone.localdate()
    data = ProgramInput(name="요양보호사 과정", provider="기관", starts_on=today, ends_on=today, capacity=5)
    with pytest.raises(ProgramError, match="회차가 없는 사업은 등록할 수 없습니다"):
        program_create(data=data, sessions=[], actor="test")
    assert not TrainingProgram.objects.exists()


def test_counselor_enrolls_completes_and_the_licence_reaches_matching_at_once(enroll, forklift, make_seeker, counselor):
    seeker = make_seeker(desired_job_text="지게차 운전")
    enrollment = enroll(forklift, seeker)
    assert Consent.objects.get(pk=enrollment.consent_id).purpose == Consent.Purpose.PROGRAMS
    program_select(program=forklift, actor=counselor)
    first, second, *_ = forklift.sessions.all()
    attendance_record(session=first, present={enrollment.pk: True}, actor=counselor)
    attendance_record(session=second, present={enrollment.pk: True}, actor=counselor)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ATTENDING
    licence = Licence.objects.get(name="지게차운전기능사")

    enrollment_complete(enrollment=enrollment, licence=licence, actor=counselor)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED and enrollment.licence_obtained == licence
    [profile] = seeker_records(seekers_for_index(Seeker.objects.filter(pk=seeker.pk)), {}, {})
    assert licence.pk in profile.licences
    moves = [h.move for h in status_history(lifecycle=ENROLLMENT, record_id=enrollment.pk)]
    assert moves == ["수료", "참여 시작", "선발"]


def test_ineligible_seeker_is_refused_with_each_failing_rule(enroll, senior_jobs, make_seeker, counselor):
    seeker = make_seeker(birth_date=date(1990, 5, 1))
    with pytest.raises(ProgramError) as refused:
        enroll(senior_jobs, seeker, income_percent=180)
    assert "참여 연령(만 65세 이상)이 아닙니다" in refused.value.message
    assert "소득이 기준(150% 이하)을 넘습니다(신고 180%)" in refused.value.message
    assert not Enrollment.objects.exists() and not Consent.objects.filter(purpose="programs").exists()


def test_a_non_resident_is_refused_for_a_residents_only_course(enroll, forklift, make_seeker, counselor):
    seeker = make_seeker(home_dong=None)
    with pytest.raises(ProgramError, match="시에 사는 분만 참여할 수 있습니다"):
        enroll(forklift, seeker)


def test_attendance_for_a_session_not_yet_held_is_refused(enroll, forklift, make_seeker, counselor):
    enrollment = enroll(forklift, make_seeker())
    program_select(program=forklift, actor=counselor)
    later = forklift.sessions.filter(date__gt=timezone.localdate()).first()
    with pytest.raises(ProgramError, match="아직 하지 않은 회차"):
        attendance_record(session=later, present={enrollment.pk: True}, actor=counselor)
    assert not Attendance.objects.exists()


def test_completion_without_attendance_is_refused(enroll, forklift, make_seeker, counselor):
    enrollment = enroll(forklift, make_seeker())
    program_select(program=forklift, actor=counselor)
    first = forklift.sessions.first()
    attendance_record(session=first, present={enrollment.pk: False}, actor=counselor)
    enrollment.refresh_from_db()
    with pytest.raises(ProgramError, match="출석 기록이 없는 참여자는 수료 처리할 수 없습니다"):
        enrollment_complete(enrollment=enrollment, licence=None, actor=counselor)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.SELECTED and enrollment.completed_on is None


def test_oversubscribed_selection_follows_the_published_points_with_a_quota(
    enroll, senior_jobs, make_seeker, counselor
):
    senior_jobs.quotas = {"disabled": 1}
    senior_jobs.save()
    disabled = TargetGroup.objects.get(code="disabled")
    old = date(1950, 3, 1)
    poorest = enroll(senior_jobs, make_seeker(birth_date=old), income_percent=40, single_household=True)
    second = enroll(senior_jobs, make_seeker(birth_date=old), income_percent=40)
    third = enroll(senior_jobs, make_seeker(birth_date=old), income_percent=90)
    kept = enroll(senior_jobs, make_seeker(birth_date=old, target_groups=[disabled]), income_percent=120)

    ranked = program_select(program=senior_jobs, actor=counselor)

    assert [(r.enrollment.pk, r.points, r.chosen) for r in ranked] == [
        (poorest.pk, 55, True),
        (second.pk, 40, False),
        (third.pk, 30, False),
        (kept.pk, 10, True),
    ]
    poorest.refresh_from_db()
    assert poorest.points_detail == [
        {"criterion": "소득 수준", "met": "기준중위소득 50% 이하", "points": 30},
        {"criterion": "세대 구성", "met": "1인 가구", "points": 15},
        {"criterion": "참여 이력", "met": "같은 유형 사업 첫 참여", "points": 10},
    ]
    kept.refresh_from_db()
    assert kept.status == Enrollment.Status.SELECTED and kept.quota_group == "disabled"
    second.refresh_from_db()
    assert second.status == Enrollment.Status.NOT_SELECTED
    [log] = status_history(lifecycle=ENROLLMENT, record_id=second.pk)
    assert log.note == "2위 40점"


def test_program_dates_and_sessions_are_checked_together(db):
    today = timezone.localdate()
    data = ProgramInput(name="과정", provider="기관", starts_on=today, ends_on=today + timedelta(days=3), capacity=5)
    from iljari.training.services import SessionInput

    with pytest.raises(ProgramError, match="운영 기간") as refused:
        program_create(data=data, sessions=[SessionInput(today + timedelta(days=9), time(9), time(8), " ")], actor="t")
    assert "종료 시각이 시작 시각보다 빠르거나 같습니다" in refused.value.message
    assert "장소를 적어 주십시오" in refused.value.message
