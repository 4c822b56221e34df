"""The job queue's helpers on the real database: progress, failure reasons, dead workers, periodic jobs.

The tests run jobs inline (``ILJARI_BACKGROUND=inline``); the recovery tests queue them in the database
backend and play a worker's claim on its task row. ``front/tests/test_worker_process.py`` runs real
worker processes and kills one.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from iljari.core import jobs
from iljari.core.errors import IljariError
from iljari.core.jobs import JobRun, enqueue, job, jobs_recover, periodic, schedule_due, worker_alive, workers_alive
from iljari.core.models import Job, Schedule, Worker
from iljari.testing.queue import QUEUE, claim, dead_worker

SEOUL = ZoneInfo("Asia/Seoul")
failures: list[tuple[int, str, dict]] = []


def _note_failure(record: Job, **kwargs) -> None:
    failures.append((record.pk, record.error, kwargs))


@job(label="숫자 세기")
def count_to(run: JobRun, *, n: int) -> dict:
    for i in range(1, n + 1):
        run.progress("세는 중", i, n)
    return {"counted": n}


@job(label="잘못된 자료", on_failure=_note_failure)
def refuse(run: JobRun, *, why: str) -> None:
    raise IljariError(why)


@job(label="긴 작업", max_attempts=2, on_failure=_note_failure)
def long_work(run: JobRun, *, size: int) -> None:
    raise AssertionError("never run here: its worker dies first")


@job(label="작은 일", keep_record=False, on_failure=_note_failure)
def small(run: JobRun, *, fail: bool) -> None:
    if fail:
        raise IljariError("보낼 수 없습니다.")


def test_the_upkeep_drops_old_succeeded_jobs_of_kinds_that_keep_no_record_and_nothing_else(db):
    month_ago = timezone.now() - timedelta(days=31)
    old_small, old_failed, new_small = enqueue(small, fail=False), enqueue(small, fail=True), enqueue(small, fail=False)
    old_counted = enqueue(count_to, n=1)
    Job.objects.filter(pk__in=[old_small.pk, old_failed.pk, old_counted.pk]).update(finished_at=month_ago)

    assert jobs.jobs_prune(before=timezone.now() - timedelta(days=30)) == 1
    assert set(Job.objects.values_list("pk", flat=True)) == {old_failed.pk, new_small.pk, old_counted.pk}


def test_a_job_runs_with_its_progress_and_result_recorded(db):
    record = enqueue(count_to, n=3)
    assert record.status == Job.Status.SUCCEEDED and record.attempts == 1
    assert (record.stage, record.done, record.total, record.percent) == ("세는 중", 3, 3, 100)
    assert record.result == {"counted": 3} and record.finished_at is not None


def test_a_refused_job_fails_with_its_korean_reason_and_its_own_record_follows(db):
    record = enqueue(refuse, why="파일 형식이 맞지 않습니다.")
    assert record.status == Job.Status.FAILED and record.error == "파일 형식이 맞지 않습니다."
    assert failures[-1] == (record.pk, "파일 형식이 맞지 않습니다.", {"why": "파일 형식이 맞지 않습니다."})


@override_settings(TASKS=QUEUE)
def test_a_job_whose_worker_died_runs_again_then_fails_with_its_reason_after_the_last_attempt(db):
    record = enqueue(long_work, size=10)
    assert record.status == Job.Status.QUEUED and DBTaskResult.objects.get(id=record.task_id).status == "READY"

    claim(record, dead_worker())
    assert [r.pk for r in jobs_recover()] == [record.pk]
    record.refresh_from_db()
    assert record.status == Job.Status.QUEUED and record.retrying
    assert record.error == "작업 처리기가 작업 도중 멈췄습니다. 다시 시도합니다(2/2회)."
    attempts = DBTaskResult.objects.order_by("enqueued_at")
    assert [r.status for r in attempts] == ["FAILED", "READY"] and attempts[1].args_kwargs["kwargs"]["size"] == 10
    assert not Worker.objects.exists()  # the dead worker's row is cleared

    claim(record, dead_worker())
    jobs_recover()
    record.refresh_from_db()
    assert record.status == Job.Status.FAILED and record.attempts == 2
    assert record.error == "작업 처리기가 작업 도중 멈췄습니다. 2번 시도했으나 끝내지 못해 더 시도하지 않습니다."
    assert failures[-1] == (record.pk, record.error, {"size": 10})
    assert not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()


@override_settings(TASKS=QUEUE)
def test_a_job_whose_worker_died_before_starting_it_is_queued_again_not_failed(db):
    record = enqueue(long_work, size=3)
    DBTaskResult.objects.get(id=record.task_id).claim(dead_worker().pk)  # claimed, then killed at once
    jobs_recover()
    record.refresh_from_db()
    assert record.status == Job.Status.QUEUED and record.attempts == 0
    assert DBTaskResult.objects.get(id=record.task_id).status == "READY"


@override_settings(TASKS=QUEUE)
def test_a_running_workers_job_is_left_alone(db):
    record = enqueue(long_work, size=1)
    me = jobs.worker_start()
    claim(record, me)
    assert jobs_recover() == [] and Job.objects.get(pk=record.pk).status == Job.Status.RUNNING
    assert worker_alive(me) and workers_alive()


def test_a_worker_elsewhere_is_alive_while_it_beats_within_the_lease(db, settings):
    settings.ILJARI_WORKER_LEASE = 60
    now = timezone.now()
    there = Worker.objects.create(id="other-1", host="other-host", boot_id="x", pid=1, beat_at=now)
    assert worker_alive(there, now=now + timedelta(seconds=59))
    assert not worker_alive(there, now=now + timedelta(seconds=61))


@pytest.fixture
def only_test_schedules(monkeypatch):
    """The registry without the apps' own nightly jobs, which would run inline here."""
    monkeypatch.setattr(jobs, "_periodic", {})


def test_a_missed_night_runs_once_at_start_then_each_night(db, only_test_schedules):
    periodic("iljari.core.tests.test_jobs.nightly_count", cron="0 1 * * *")
    start = datetime(2026, 11, 3, 9, 30, tzinfo=SEOUL)  # a worker starts in the morning: 01:00 was missed
    [first] = schedule_due(now=start)
    assert first.label == "밤마다 세기" and first.status == Job.Status.SUCCEEDED
    assert Schedule.objects.get().last_due == datetime(2026, 11, 3, 1, 0, tzinfo=SEOUL)
    assert schedule_due(now=start + timedelta(hours=5)) == []  # the same night is not run twice
    [second] = schedule_due(now=datetime(2026, 11, 4, 1, 0, 5, tzinfo=SEOUL))
    assert second.pk != first.pk and Job.objects.filter(label="밤마다 세기").count() == 2


def test_a_periodic_job_still_running_is_not_queued_again(db, only_test_schedules):
    periodic("iljari.core.tests.test_jobs.nightly_count", cron="0 1 * * *")
    [first] = schedule_due(now=datetime(2026, 11, 3, 1, 0, 5, tzinfo=SEOUL))
    Job.objects.filter(pk=first.pk).update(status=Job.Status.RUNNING)
    assert schedule_due(now=datetime(2026, 11, 4, 1, 0, 5, tzinfo=SEOUL)) == []
    Job.objects.filter(pk=first.pk).update(status=Job.Status.SUCCEEDED)
    assert len(schedule_due(now=datetime(2026, 11, 4, 1, 0, 5, tzinfo=SEOUL))) == 1


def test_a_mistyped_schedule_is_refused_when_registered(only_test_schedules):
    with pytest.raises(ValueError, match="Bad hour"):
        periodic("iljari.core.tests.test_jobs.nightly_count", cron="0 25 * * *")


@job(label="밤마다 세기")
def nightly_count(run: JobRun) -> dict:
    return {"counted": 1}
