"""교육·일자리 사업 정기 작업 — a participant who completed and then started work is recorded 취업;
the day before a session, each participant is reminded by text."""

from django.utils import timezone

from iljari.core.jobs import JobRun, job
from iljari.training.reminders import sessions_remind
from iljari.training.services import enrollments_place


@job(label="수료 후 취업한 참여자 성과 기록")
def outcomes_nightly(run: JobRun) -> dict:
    return {"placed": len(enrollments_place(today=timezone.localdate()))}


@job(label="교육·일자리 사업 회차 전날 안내 문자")
def remind_tomorrow(run: JobRun) -> dict:
    return {"reminded": len(sessions_remind(today=timezone.localdate()))}
