"""The kernel's upkeep: finished queue attempts are dropped after a month (each ``Job`` keeps its record,
except the succeeded jobs of kinds whose outcome another record keeps); form submission keys too old
for any open page are forgotten."""

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from iljari.core.jobs import JobRun, job, jobs_prune
from iljari.core.submissions import submissions_forget

KEEP_ATTEMPTS = timedelta(days=30)


@job(label="지난 작업 기록 정리")
def prune_nightly(run: JobRun) -> dict:
    before = timezone.now() - KEEP_ATTEMPTS
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    return {"deleted": deleted, "jobs": jobs_prune(before=before)}


@job(label="지난 양식 키 정리")
def submissions_nightly(run: JobRun) -> dict:
    return {"forgotten": len(submissions_forget(today=timezone.localdate()))}
