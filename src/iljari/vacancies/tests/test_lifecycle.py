"""A vacancy is closed as 채용 완료 / 모집 취소 / 기간 만료 and reopened, by a person or the nightly job,
the same way from the page, the API and the command line; what is not allowed changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from iljari.accounts.services import api_token_create
from iljari.core.lifecycles import TransitionRefused, status_history
from iljari.core.models import StatusChange
from iljari.front.scheduled import nightly_run
from iljari.vacancies.lifecycle import VACANCY
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import vacancies_expire, vacancy_close, vacancy_reopen

pytestmark = pytest.mark.postgres


def _status(vacancy: Vacancy) -> str:
    return Vacancy.objects.get(pk=vacancy.pk).status


def test_counselor_cancels_a_vacancy_and_reopens_it_with_a_new_date(make_vacancy, counselor):
    vacancy = make_vacancy(closes_on=timezone.localdate() + timedelta(days=10))
    vacancy_close(vacancy_id=vacancy.pk, reason="cancelled", note="업체 요청으로 모집 중단", actor=counselor)
    assert _status(vacancy) == "cancelled"
    vacancy_reopen(vacancy_id=vacancy.pk, actor=counselor, note="다시 모집")
    assert _status(vacancy) == "open"
    newest, oldest = status_history(lifecycle=VACANCY, record_id=vacancy.pk)
    assert (oldest.move, oldest.from_label, oldest.to_label, oldest.note) == (
        "모집 취소",
        "모집 중",
        "모집 취소",
        "업체 요청으로 모집 중단",
    )
    assert (newest.move, newest.to_label, newest.actor_name) == ("재공고", "모집 중", "counselor1")


def test_closing_a_closed_vacancy_is_refused_and_changes_nothing(make_vacancy, counselor):
    vacancy = make_vacancy()
    vacancy_close(vacancy_id=vacancy.pk, reason="filled", actor=counselor)
    before = Vacancy.objects.get(pk=vacancy.pk).updated_at
    with pytest.raises(TransitionRefused, match="지금 '채용 완료' 상태입니다") as refused:
        vacancy_close(vacancy_id=vacancy.pk, reason="cancelled", actor=counselor)
    assert refused.value.http_status == 409
    assert _status(vacancy) == "filled" and Vacancy.objects.get(pk=vacancy.pk).updated_at == before
    assert StatusChange.objects.filter(object_id=vacancy.pk).count() == 1


def test_a_close_needs_its_reason_and_a_reopen_past_the_date_a_new_one(make_vacancy, counselor):
    vacancy = make_vacancy(closes_on=timezone.localdate() - timedelta(days=3))
    with pytest.raises(TransitionRefused, match="마감 사유를 골라") as refused:
        vacancy_close(vacancy_id=vacancy.pk, reason="", actor=counselor)
    assert refused.value.http_status == 422 and _status(vacancy) == "open"
    vacancies_expire(today=timezone.localdate())
    with pytest.raises(TransitionRefused, match="새 마감일을 입력해") as refused:
        vacancy_reopen(vacancy_id=vacancy.pk, actor=counselor)
    assert refused.value.http_status == 422 and _status(vacancy) == "expired"
    with pytest.raises(TransitionRefused, match="오늘이나 그 뒤"):
        vacancy_reopen(vacancy_id=vacancy.pk, actor=counselor, closes_on=timezone.localdate() - timedelta(days=1))
    later = timezone.localdate() + timedelta(days=30)
    vacancy_reopen(vacancy_id=vacancy.pk, actor=counselor, closes_on=later)
    assert (_status(vacancy), Vacancy.objects.get(pk=vacancy.pk).closes_on) == ("open", later)


def test_the_nightly_job_expires_what_is_past_its_date_once(make_vacancy, counselor):
    today = date(2026, 12, 2)
    past = make_vacancy(closes_on=date(2026, 12, 1))
    last_day = make_vacancy(closes_on=today)  # 마감일 is the last day applications are taken
    undated = make_vacancy()
    cancelled = make_vacancy(closes_on=date(2026, 11, 20))
    vacancy_close(vacancy_id=cancelled.pk, reason="cancelled", actor=counselor)

    assert nightly_run(today=today)["구인표 기간 만료"] == 1
    assert nightly_run(today=today)["구인표 기간 만료"] == 0  # a second run (a restart) does nothing twice
    assert [_status(v) for v in (past, last_day, undated, cancelled)] == ["expired", "open", "open", "cancelled"]
    [expiry] = status_history(lifecycle=VACANCY, record_id=past.pk)
    assert expiry.move == "기간 만료" and expiry.actor_name == "자동 처리(예약 작업)"


def test_the_api_answers_409_for_a_move_not_allowed_and_422_without_a_reason(make_vacancy, counselor):
    vacancy = make_vacancy()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=counselor, name='t', actor='t')}")
    url = f"/api/vacancies/{vacancy.pk}"
    missing = api.post(f"{url}/close", {"note": "x"}, content_type="application/json")
    assert missing.status_code == 422 and "마감 사유" in missing.json()["detail"]
    done = api.post(f"{url}/close", {"reason": "filled"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "filled"
    again = api.post(f"{url}/close", {"reason": "cancelled"}, content_type="application/json")
    assert again.status_code == 409 and "'채용 완료' 상태" in again.json()["detail"]
    assert api.post(f"{url}/reopen", {}, content_type="application/json").json()["status"] == "open"
    assert api.post(f"{url}/reopen", {}, content_type="application/json").status_code == 409
    history = api.get(f"{url}/status-history").json()
    assert [h["move"] for h in history] == ["재공고", "채용 완료"]


def test_the_page_keeps_what_was_typed_when_the_close_is_refused(make_vacancy, counselor, client):
    vacancy = make_vacancy()
    client.force_login(counselor)
    refused = client.post(f"/vacancies/{vacancy.pk}/close/", {"note": "메모는 남습니다"})
    assert refused.status_code == 422
    assert "메모는 남습니다" in refused.content.decode() and _status(vacancy) == "open"
    client.post(f"/vacancies/{vacancy.pk}/close/", {"reason": "cancelled", "note": "업체 사정"})
    page = client.get(f"/vacancies/{vacancy.pk}/").content.decode()
    assert "모집 취소" in page and "업체 사정" in page and "재공고" in page


def test_the_command_line_closes_and_refuses_in_korean(make_vacancy, capsys):
    vacancy = make_vacancy()
    call_command("vacancy", "close", str(vacancy.pk), "--reason", "cancelled")
    assert "모집 취소" in capsys.readouterr().out
    with pytest.raises(CommandError, match="'모집 취소' 상태입니다"):
        call_command("vacancy", "close", str(vacancy.pk), "--reason", "expired")
    call_command("vacancy", "history", str(vacancy.pk))
    assert "모집 중 → 모집 취소" in capsys.readouterr().out


def test_the_queue_expires_vacancies_each_night(make_vacancy):
    """The worker's periodic job (00:05 Asia/Seoul) closes what is past its 마감일 today."""
    from iljari.core.jobs import enqueue, periodic_jobs
    from iljari.core.models import Job
    from iljari.vacancies.tasks import expire_nightly

    crons = {p.path: p.cron for p in periodic_jobs()}
    assert crons["iljari.vacancies.tasks.expire_nightly"] == "5 0 * * *"
    assert crons["iljari.seekers.tasks.lapse_nightly"] == "10 0 * * *"
    past = make_vacancy(closes_on=timezone.localdate() - timedelta(days=1))
    record = enqueue(expire_nightly)
    assert (record.status, record.result) == (Job.Status.SUCCEEDED, {"closed": 1})
    assert _status(past) == "expired"
