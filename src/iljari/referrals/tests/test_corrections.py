"""A recorded outcome corrected with a reason, or undone for a few minutes by whoever recorded it: the
placement, its follow-ups, the seeker, the vacancy and the counts follow; a stale follow-up page and a
double post change nothing twice."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from iljari.core.confirmation import ConfirmationNeeded
from iljari.core.lifecycles import TransitionRefused, status_history
from iljari.core.models import StatusChange
from iljari.front.scheduled import nightly_run
from iljari.privacy.history import record_history
from iljari.referrals.lifecycle import REFERRAL
from iljari.referrals.models import FollowUp, Placement, Referral
from iljari.referrals.services import (
    ReferralError,
    follow_up_record,
    placement_record_direct,
    referral_correct,
    referral_create,
    referral_record_outcome,
    referral_schedule_interview,
    referral_undo,
)
from iljari.reports.kpis import kpi_table
from iljari.seekers.models import Seeker
from iljari.vacancies.models import Vacancy

pytestmark = pytest.mark.postgres


def _hired(seeker, vacancy, counselor) -> Referral:
    referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor)
    referral_schedule_interview(referral=referral, at=referral.referred_at, actor=counselor)
    return referral_record_outcome(referral=referral, hired=True, actor=counselor)


def test_a_wrong_hire_corrected_withdraws_the_placement_and_everything_follows(make_seeker, make_vacancy, counselor):
    vacancy = make_vacancy(openings=1)
    seeker = make_seeker()
    referral = _hired(seeker, vacancy, counselor)
    placement = Placement.objects.get(referral=referral)
    assert Vacancy.objects.get(pk=vacancy.pk).status == "filled"
    today = timezone.localdate()

    def placed() -> tuple[float, float]:
        total = kpi_table(start=today, end=today, breakdown=None).total
        return total["placements"], total["placed_people"]

    assert placed() == (1, 1)
    with pytest.raises(TransitionRefused, match="까닭") as refused:  # a correction needs its reason
        referral_correct(referral=referral, to="not_hired", reason="wage", note=" ", actor=counselor)
    assert refused.value.http_status == 422 and Referral.objects.get(pk=referral.pk).status == "hired"

    referral_correct(
        referral=referral, to="not_hired", reason="wage", note="업체가 결과를 잘못 알려 줌", actor=counselor
    )
    assert Referral.objects.get(pk=referral.pk).status == "not_hired"
    assert not Placement.objects.filter(seeker=seeker).exists()  # counts nowhere …
    kept = Placement.every.get(pk=placement.pk)  # … but is kept, with why
    assert kept.withdrawn_at and "업체가 결과를 잘못 알려 줌" in kept.withdrawn_reason
    assert not FollowUp.objects.filter(placement_id=placement.pk).exists()
    assert Seeker.objects.get(pk=seeker.pk).status == "active"
    assert Vacancy.objects.get(pk=vacancy.pk).status == "open"  # the hire had filled it
    assert placed() == (0, 0)  # the KPIs follow the correction
    history = status_history(lifecycle=REFERRAL, record_id=referral.pk)
    assert history[0].move == "불채용으로 정정" and history[0].note == "업체가 결과를 잘못 알려 줌"
    assert record_history(record=referral)[0].purpose == "알선 불채용으로 정정: 업체가 결과를 잘못 알려 줌"

    # Corrected back: the same placement stands again with its follow-ups.
    referral_correct(referral=referral, to="hired", note="다시 확인해 보니 채용", actor=counselor)
    assert Placement.objects.get(seeker=seeker).pk == placement.pk
    assert sorted(FollowUp.objects.filter(placement=placement).values_list("months_after", flat=True)) == [1, 3, 6]
    assert Seeker.objects.get(pk=seeker.pk).status == "placed"
    assert Vacancy.objects.get(pk=vacancy.pk).status == "filled"


def test_a_vacancy_a_person_closed_stays_closed_when_a_hire_is_corrected(make_seeker, make_vacancy, counselor):
    from iljari.vacancies.services import vacancy_close

    vacancy = make_vacancy(openings=3)
    referral = _hired(make_seeker(), vacancy, counselor)
    vacancy_close(vacancy_id=vacancy.pk, reason="filled", actor=counselor, note="업체 요청으로 마감")
    referral_correct(referral=referral, to="cancelled", reason="employer", note="입사 취소", actor=counselor)
    assert Vacancy.objects.get(pk=vacancy.pk).status == "filled"


def test_undo_is_for_whoever_recorded_it_within_ten_minutes(make_seeker, make_vacancy, counselor, other_counselor):
    seeker = make_seeker()
    referral = _hired(seeker, make_vacancy(), counselor)
    with pytest.raises(ReferralError, match="10분 안에만"):
        referral_undo(referral=referral, actor=other_counselor)
    StatusChange.objects.filter(object_type="referral", object_id=referral.pk, move="hire").update(
        at=timezone.now() - timedelta(minutes=11)
    )
    with pytest.raises(ReferralError, match="10분 안에만"):
        referral_undo(referral=referral, actor=counselor)
    StatusChange.objects.filter(object_type="referral", object_id=referral.pk, move="hire").update(at=timezone.now())
    referral_undo(referral=referral, actor=counselor)
    r = Referral.objects.get(pk=referral.pk)
    assert r.status == "interview" and r.result_at is None
    assert not Placement.objects.filter(seeker=seeker).exists() and Seeker.objects.get(pk=seeker.pk).status == "active"
    with pytest.raises(ReferralError, match="되돌릴 결과가 없습니다"):
        referral_undo(referral=referral, actor=counselor)


def test_a_seeker_in_work_elsewhere_is_asked_about_before_a_second_job(make_seeker, make_vacancy, counselor, client):
    seeker = make_seeker()
    placement_record_direct(seeker=seeker, employer_name="동네마트", started_on=timezone.localdate(), actor=counselor)
    referral = referral_create(seeker=seeker, vacancy=make_vacancy(), counselor=counselor)
    referral_schedule_interview(referral=referral, at=referral.referred_at, actor=counselor)
    with pytest.raises(ConfirmationNeeded, match="이미 다른 곳에 취업"):
        referral_record_outcome(referral=referral, hired=True, actor=counselor)
    assert Referral.objects.get(pk=referral.pk).status == "interview"

    client.force_login(counselor)
    action = reverse("referrals:outcome", args=[seeker.pk, referral.pk])
    asked = client.post(action, {"hired": "1"})
    assert asked.status_code == 409 and "동네마트" in asked.content.decode()
    assert Placement.objects.filter(seeker=seeker).count() == 1
    client.post(action, {"hired": "1", "confirmed": "1"})
    assert Placement.objects.filter(seeker=seeker).count() == 2


def test_a_follow_up_from_a_stale_page_is_refused_with_what_was_recorded(make_seeker, counselor, other_counselor):
    seeker = make_seeker()
    placement = placement_record_direct(
        seeker=seeker, employer_name="동네마트", started_on=timezone.localdate() - timedelta(days=40), actor=counselor
    )
    item = placement.follow_ups.get(months_after=1)
    follow_up_record(follow_up=item, still_employed=True, actor=counselor, version=item.version)
    with pytest.raises(ReferralError, match=r"다른 직원이 먼저.*계속 근무"):
        follow_up_record(follow_up=item, still_employed=False, reason="이직", actor=other_counselor, version=1)
    assert FollowUp.objects.get(pk=item.pk).still_employed is True


def test_a_double_post_records_one_placement(make_seeker, counselor, client):
    seeker = make_seeker()
    client.force_login(counselor)
    page = client.get(reverse("seekers:detail", args=[seeker.pk])).content.decode()
    key = page.split('action="' + reverse("referrals:direct", args=[seeker.pk]))[1]
    key = key.split('name="submission_key" value="')[1].split('"')[0]
    data = {"employer_name": "동네마트", "started_on": timezone.localdate().isoformat(), "submission_key": key}
    client.post(reverse("referrals:direct", args=[seeker.pk]), data)
    again = client.post(reverse("referrals:direct", args=[seeker.pk]), data, follow=True)
    assert "한 번만 처리했습니다" in again.content.decode()
    assert Placement.objects.filter(seeker=seeker).count() == 1
    # Without the key (another page), the same job is still one job: the database's rule.
    del data["submission_key"]
    refused = client.post(reverse("referrals:direct", args=[seeker.pk]), data, follow=True)
    assert "이미 기록되어 있습니다" in refused.content.decode()
    assert Placement.objects.filter(seeker=seeker).count() == 1
    # The nightly job forgets keys no open page can still post (two days on).
    assert nightly_run(today=timezone.localdate())["지난 양식 키 정리"] == 0
    assert nightly_run(today=timezone.localdate() + timedelta(days=3))["지난 양식 키 정리"] == 1


def test_the_api_records_corrects_and_undoes_with_korean_refusals(make_seeker, make_vacancy, counselor):
    from django.test import Client

    from iljari.accounts.services import api_token_create

    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=counselor, name='t', actor='t')}")
    seeker = make_seeker()
    referral = referral_create(seeker=seeker, vacancy=make_vacancy(), counselor=counselor)
    referral_schedule_interview(referral=referral, at=referral.referred_at, actor=counselor)
    base = f"/api/referrals/{referral.pk}"

    def post(path: str, body: dict) -> tuple[int, dict]:
        answer = api.post(f"{base}/{path}", body, content_type="application/json")
        return answer.status_code, answer.json()

    assert post("outcome", {"hired": False})[0] == 422  # 불채용 사유 missing
    status, body = post("outcome", {"hired": True})
    assert status == 200 and body["status"] == "hired" and body["result_at"].endswith("+09:00")  # Seoul time
    assert post("outcome", {"hired": False, "reason": "wage"})[0] == 409  # already recorded
    status, body = post("correct", {"to": "not_hired", "reason": "wage"})
    assert status == 422 and "까닭" in body["detail"] and Referral.objects.get(pk=referral.pk).status == "hired"
    status, body = post("correct", {"to": "not_hired", "reason": "wage", "note": "잘못 입력"})
    assert status == 200 and body["status"] == "not_hired" and not Placement.objects.filter(seeker=seeker).exists()
    assert post("undo", {})[0] == 409  # a correction is not undone: it is corrected again, with a reason
    moves = api.get(f"{base}/status-history").json()
    assert [m["move"] for m in moves[:2]] == ["불채용으로 정정", "채용"] and moves[0]["note"] == "잘못 입력"
