"""구인표 정기 작업 — vacancies past their 마감일 close overnight (and at once when a night was missed)."""

from django.utils import timezone

from iljari.core.jobs import JobRun, job
from iljari.vacancies.services import vacancies_expire


@job(label="마감일 지난 구인표 마감")
def expire_nightly(run: JobRun) -> dict:
    return {"closed": len(vacancies_expire(today=timezone.localdate()))}
