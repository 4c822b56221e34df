"""A seeker stops looking (with a reason), is re-registered, is placed through a referral, and a
구직 신청 without contact lapses after the city's validity period with a reminder first."""

from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from iljari.accounts.services import api_token_create
from iljari.core.lifecycles import TransitionRefused, status_history
from iljari.front.selectors import todays_work
from iljari.referrals.services import (
    ReferralError,
    referral_create,
    referral_record_outcome,
    referral_schedule_interview,
)
from iljari.seekers.lifecycle import SEEKER
from iljari.seekers.models import Seeker
from iljari.seekers.services import NoteInput, counseling_notes_create, seeker_change_status, seekers_lapse
from iljari.vacancies.services import vacancy_close

pytestmark = pytest.mark.postgres


def _status(seeker: Seeker) -> str:
    return Seeker.objects.get(pk=seeker.pk).status


def test_stopping_needs_a_reason_and_a_re_registration_restarts_the_clock(make_seeker, counselor):
    seeker = make_seeker(registered_on=date(2026, 3, 2))
    with pytest.raises(TransitionRefused, match="'구직 중단' 사유를 골라") as refused:
        seeker_change_status(seeker_id=seeker.pk, status="withdrawn", actor=counselor)
    assert refused.value.http_status == 422 and _status(seeker) == "active"
    seeker_change_status(seeker_id=seeker.pk, status="withdrawn", reason="moved", actor=counselor)
    with pytest.raises(TransitionRefused, match="지금 '구직 중단' 상태입니다"):
        seeker_change_status(seeker_id=seeker.pk, status="withdrawn", reason="other", actor=counselor)
    seeker_change_status(seeker_id=seeker.pk, status="active", actor=counselor)
    again = Seeker.objects.get(pk=seeker.pk)
    assert again.status == "active" and again.last_contact_on == timezone.localdate()
    moves = [(h.move, h.reason) for h in status_history(lifecycle=SEEKER, record_id=seeker.pk)]
    assert moves == [("재등록", ""), ("구직 중단", "타 지역 이주")]


def test_placed_is_recorded_with_its_placement_not_set_by_hand(make_seeker, counselor):
    seeker = make_seeker()
    with pytest.raises(TransitionRefused, match="취업처와 취업일과 함께") as refused:
        seeker_change_status(seeker_id=seeker.pk, status="placed", actor=counselor)
    assert refused.value.http_status == 422 and _status(seeker) == "active"


def test_a_hire_through_a_referral_moves_the_seeker_to_placed_by_the_same_mechanism(
    make_seeker, make_vacancy, counselor
):
    seeker, vacancy = make_seeker(), make_vacancy(openings=1)
    referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor)
    referral_schedule_interview(referral=referral, at=timezone.now() + timedelta(hours=1), actor=counselor)
    referral_record_outcome(referral=referral, hired=True, actor=counselor, at=timezone.now() + timedelta(hours=2))
    [placed] = status_history(lifecycle=SEEKER, record_id=seeker.pk)
    assert (placed.move, placed.to_label, placed.note) == ("취업", "취업", f"알선 #{referral.pk} 채용")
    assert vacancy.__class__.objects.get(pk=vacancy.pk).status == "filled"


def test_hiring_into_a_cancelled_vacancy_is_refused(make_seeker, make_vacancy, counselor):
    seeker, vacancy = make_seeker(), make_vacancy()
    referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor)
    vacancy_close(vacancy_id=vacancy.pk, reason="cancelled", actor=counselor)
    with pytest.raises(ReferralError, match="모집이 취소된 구인표에는 채용을 기록할 수 없습니다"):
        referral_record_outcome(referral=referral, hired=True, direct=True, actor=counselor)
    assert _status(seeker) == "active" and not seeker.placements.exists()


def test_a_request_without_contact_lapses_after_six_months_and_is_re_registered_before_a_referral(
    make_seeker, make_vacancy, counselor
):
    today = date(2026, 12, 2)
    quiet = make_seeker(registered_on=date(2026, 5, 20))  # lapses on 2026-11-20
    soon = make_seeker(registered_on=date(2026, 6, 10))  # lapses on 2026-12-10: a reminder now
    talked = make_seeker(registered_on=date(2026, 4, 1))
    counseling_notes_create(
        inputs=[
            NoteInput(talked, counselor, "전화 상담", written_at=timezone.make_aware(timezone.datetime(2026, 10, 5)))
        ],
        actor=counselor,
    )
    assert seekers_lapse(today=today) == [quiet.pk]
    assert seekers_lapse(today=today) == []
    assert [_status(s) for s in (quiet, soon, talked)] == ["lapsed", "active", "active"]
    with pytest.raises(ReferralError, match="'유효기간 만료' 상태입니다"):
        referral_create(seeker=Seeker.objects.get(pk=quiet.pk), vacancy=make_vacancy(), counselor=counselor)


def test_todays_work_lists_the_requests_about_to_lapse(make_seeker, counselor):
    today = timezone.localdate()
    soon = make_seeker(registered_on=today - timedelta(days=175))
    make_seeker(registered_on=today - timedelta(days=30))
    lapsing = todays_work(user=counselor)["lapsing"]
    assert [s.pk for s in lapsing] == [soon.pk] and today < lapsing[0].lapses_on <= today + timedelta(days=14)


def test_the_api_and_the_command_line_use_the_same_rules(make_seeker, counselor, capsys):
    seeker = make_seeker()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=counselor, name='t', actor='t')}")
    url = f"/api/seekers/{seeker.pk}/status"
    assert api.post(url, {"status": "withdrawn"}, content_type="application/json").status_code == 422
    done = api.post(url, {"status": "withdrawn", "reason": "own_request"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "withdrawn"
    assert api.post(url, {"status": "withdrawn", "reason": "other"}, content_type="application/json").status_code == 409
    call_command("seeker", "status", str(seeker.pk), "active")
    assert "구직 중" in capsys.readouterr().out and _status(seeker) == "active"
    with pytest.raises(CommandError, match="지금 '구직 중' 상태입니다"):
        call_command("seeker", "status", str(seeker.pk), "active")
    call_command("seeker", "status", str(seeker.pk), "placed", "--employer", "동네마트")
    assert _status(seeker) == "placed" and seeker.placements.get().is_direct


def test_the_seeker_page_offers_the_moves_of_its_status(make_seeker, counselor, client):
    seeker = make_seeker()
    client.force_login(counselor)
    refused = client.post(f"/seekers/{seeker.pk}/status/", {"status": "withdrawn", "reason": ""})
    assert refused.status_code == 422 and "사유를 골라" in refused.content.decode()
    client.post(f"/seekers/{seeker.pk}/status/", {"status": "withdrawn", "reason": "training"})
    page = client.get(f"/seekers/{seeker.pk}/").content.decode()
    assert "구직 중단" in page and "진학·직업훈련" in page and "재등록(다시 구직 중으로)" in page
