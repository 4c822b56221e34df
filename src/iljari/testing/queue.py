"""The job queue in tests: the database backend, and a worker that died holding a job."""

import subprocess

from django.db.models import F
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from iljari.core import jobs
from iljari.core.models import Job, Worker

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # for override_settings(TASKS=...)


def dead_worker() -> Worker:
    """A worker row whose process has ended on this machine (a real pid, already gone)."""
    ended = subprocess.Popen(["true"])
    ended.wait()
    return Worker.objects.create(
        id=f"dead-{ended.pid}",
        host=jobs.HOST,
        boot_id=jobs.BOOT_ID,
        pid=ended.pid,
        pid_started="1",
        beat_at=timezone.now(),
    )


def claim(record: Job, worker: Worker) -> None:
    """What a worker does as it starts an attempt: the queue's claim of the task row, then the job's start."""
    DBTaskResult.objects.get(id=Job.objects.get(pk=record.pk).task_id).claim(worker.pk)
    Job.objects.filter(pk=record.pk).update(status=Job.Status.RUNNING, attempts=F("attempts") + 1)
