"""The queue's own upkeep: finished attempts are dropped after a month (each ``Job`` keeps its record)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from iljari.core.jobs import JobRun, job

KEEP_ATTEMPTS = timedelta(days=30)


@job(label="지난 작업 기록 정리")
def prune_nightly(run: JobRun) -> dict:
    old = DBTaskResult.objects.finished().filter(finished_at__lt=timezone.now() - KEEP_ATTEMPTS)
    deleted, _ = old.delete()
    return {"deleted": deleted}
