"""The job queue's shared helpers: jobs with progress a page can poll, workers that may die, periodic jobs.

Work that outlives a request (imports, reindexing, reports, nightly jobs) is a task of Django's Tasks
API (the ``django-tasks`` backport) stored in the database by ``django-tasks-db`` and run by
``iljari worker``. This module adds what a job center needs on top:

- ``@job(label=...)`` makes a task whose runs are recorded as a ``Job``: status, stage/done/total
  for the page, attempts, and the failure reason in Korean. ``enqueue(task, ...)`` queues it.
- A worker killed outright (``kill -9``, the OOM killer, a power cut) writes nothing more; the work
  itself is transactional, so nothing is half saved. ``jobs_recover()`` finds attempts whose worker
  is gone (its process is no longer running on this machine, or its heartbeat lease ran out on
  another) and queues the job again, or marks it failed with its reason after ``max_attempts``.
- ``periodic("iljari.app.tasks.name", cron="0 1 * * *")`` in an app's ``AppConfig.ready`` registers a
  periodic job; ``schedule_due()`` queues each one whose time came since it last ran, so a night the
  worker missed is run once, at once, when it starts again.

Delivery is at least once: a job that committed its work but died before recording it is run again,
so a job's function checks its own record first (an import already saved is not saved twice).
"""

import functools
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import psutil
from cronsim import CronSim, CronSimError
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks import task, task_backends
from django_tasks.base import Task
from django_tasks.utils import normalize_json
from django_tasks_db.backend import DatabaseBackend

from iljari.core.errors import IljariError
from iljari.core.models import Job, Schedule, Worker

log = logging.getLogger(__name__)
Status = Job.Status
PROGRESS_EVERY = 0.5  # seconds between progress writes within one stage


@dataclass(frozen=True)
class JobSpec:
    label: str
    max_attempts: int
    on_failure: Callable[..., None] | None
    keep_record: bool = True


_specs: dict[str, JobSpec] = {}


@dataclass
class JobRun:
    """What a job's function gets first: its record, and a ``progress(stage, done, total)`` to report."""

    job: Job
    _written: tuple[str, float] = field(default=("", 0.0), repr=False)

    @property
    def attempt(self) -> int:
        return self.job.attempts

    def progress(self, stage: str, done: int, total: int) -> None:
        """Record progress for the page; within one stage at most every half second, and always the end."""
        last_stage, last_time = self._written
        now = time.monotonic()
        if stage == last_stage and done < total and now - last_time < PROGRESS_EVERY:
            return
        Job.objects.filter(pk=self.job.pk).update(stage=stage[:40], done=done, total=total)
        self._written = (stage, now)


def job(
    *,
    label: str,
    max_attempts: int = 3,
    on_failure: Callable[..., None] | None = None,
    priority: int = 0,
    keep_record: bool = True,
) -> Callable[[Callable[..., Any]], Task]:
    """Make ``func(run, *args, **kwargs)`` a queued job (a django-tasks ``Task``) tracked as a ``Job``.

    ``max_attempts`` counts starts: a worker that dies mid-job costs one, and after the last the job
    fails with its reason. An exception fails the job at once (running it again would fail again);
    an ``IljariError``'s Korean message is the reason shown. ``on_failure(job, *args, **kwargs)``
    lets the job's own record follow (an import marked 처리 실패), whichever way it failed.
    ``keep_record=False`` is for many small jobs whose outcome another record keeps (a text message's
    ``Message``): their succeeded ``Job`` rows go with the nightly upkeep (``jobs_prune``).
    """

    def decorate(func: Callable[..., Any]) -> Task:
        @functools.wraps(func)
        def attempt(*args: Any, job_id: int, **kwargs: Any) -> Any:
            return _attempt(func, job_id, args, kwargs)

        queued = task(priority=priority)(attempt)
        _specs[queued.module_path] = JobSpec(label, max_attempts, on_failure, keep_record)
        return queued

    return decorate


def enqueue(queued: Task, *args: Any, user: Any = None, **kwargs: Any) -> Job:
    """Queue a ``@job`` task with JSON-able arguments; returns its record (already finished when inline)."""
    spec = _specs[queued.module_path]
    record = Job.objects.create(
        name=queued.module_path, label=spec.label, max_attempts=spec.max_attempts, created_by=user
    )
    _dispatch(queued, record, list(args), kwargs)
    record.refresh_from_db()
    return record


def _dispatch(queued: Task, record: Job, args: list, kwargs: dict) -> None:
    """Queue one attempt; the job's ``task_id`` names its current one."""
    result = queued.enqueue(*args, job_id=record.pk, **kwargs)
    Job.objects.filter(pk=record.pk).update(task_id=str(result.id)[:64])


def _attempt(func: Callable[..., Any], job_id: int, args: tuple, kwargs: dict) -> Any:
    started = Job.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, attempts=F("attempts") + 1, started_at=timezone.now()
    )
    if not started:
        log.info("job %s is no longer queued; attempt skipped", job_id)
        return None
    record = Job.objects.get(pk=job_id)
    try:
        value = normalize_json(func(JobRun(record), *args, **kwargs))
    except (KeyboardInterrupt, SystemExit):
        # The worker was told to stop now (a second Ctrl+C): the job starts again with the next worker.
        _retry_or_fail(record, list(args), kwargs, "작업 처리기를 멈춰 작업이 중단되었습니다.")
        raise
    except BaseException as exc:
        _fail(record, _reason(exc), list(args), kwargs)
        raise
    Job.objects.filter(pk=job_id).update(status=Status.SUCCEEDED, finished_at=timezone.now(), error="", result=value)
    return value


def _reason(exc: BaseException) -> str:
    if isinstance(exc, IljariError):
        return exc.message
    return f"처리 중 예기치 못한 오류가 발생했습니다({type(exc).__name__}). 시스템 관리자에게 알려 주십시오."


def _fail(record: Job, reason: str, args: list, kwargs: dict) -> None:
    Job.objects.filter(pk=record.pk).update(status=Status.FAILED, error=reason, finished_at=timezone.now())
    spec = _spec(record.name)
    if spec and spec.on_failure:
        record.refresh_from_db()
        try:
            spec.on_failure(record, *args, **kwargs)
        except Exception:
            log.exception("on_failure of job %s (%s) failed", record.pk, record.name)


def _spec(name: str) -> JobSpec | None:
    """A job's spec; its module is imported first (a worker recovering a job may not have loaded it yet)."""
    if name not in _specs:
        try:
            import_string(name)
        except ImportError:
            log.exception("job %s can no longer be loaded", name)
    return _specs.get(name)


def _retry_or_fail(record: Job, args: list, kwargs: dict, why: str) -> None:
    """A start that did not finish: queue another attempt if the job has one left, else fail it."""
    record.refresh_from_db()
    if record.attempts < record.max_attempts:
        with transaction.atomic():
            Job.objects.filter(pk=record.pk).update(
                status=Status.QUEUED, error=f"{why} 다시 시도합니다({record.attempts + 1}/{record.max_attempts}회)."
            )
            _dispatch(import_string(record.name), record, args, kwargs)
    else:
        _fail(record, f"{why} {record.attempts}번 시도했으나 끝내지 못해 더 시도하지 않습니다.", args, kwargs)


# Workers -----------------------------------------------------------------------------------------

HOST = socket.gethostname()[:255]


# This machine's boot, so a worker row from before a restart is known dead (psutil: any OS).
BOOT_ID = f"{psutil.boot_time():.0f}"


def _process_started(pid: int) -> str:
    """When process ``pid`` started (so a reused pid is not taken for it), "" if none runs."""
    try:
        return f"{psutil.Process(pid).create_time():.2f}"
    except psutil.Error:
        return ""


def this_process() -> Worker:
    """This process as a (not yet saved) worker row: what ``worker_alive`` later checks it by."""
    pid = os.getpid()
    return Worker(
        id=f"{HOST[:40]}-{pid}-{get_random_string(8)}",
        host=HOST,
        boot_id=BOOT_ID,
        pid=pid,
        pid_started=_process_started(pid),
        beat_at=timezone.now(),
    )


def worker_start() -> Worker:
    """Register this process as a worker; its id is what the queue records on each task it claims."""
    worker = this_process()
    worker.save(force_insert=True)
    return worker


def worker_beat(worker: Worker) -> None:
    """The heartbeat; a row removed by another worker's clean-up (a lease ran out) is made again."""
    worker.beat_at = timezone.now()
    if not Worker.objects.filter(pk=worker.pk).update(beat_at=worker.beat_at):
        worker.save(force_insert=True)


def worker_stop(worker: Worker) -> None:
    Worker.objects.filter(pk=worker.pk).delete()


def worker_alive(worker: Worker, *, now: datetime | None = None) -> bool:
    """On this machine: its process still runs. Elsewhere: it beat within the lease."""
    if BOOT_ID and worker.host == HOST and worker.boot_id == BOOT_ID:
        return bool(worker.pid_started) and _process_started(worker.pid) == worker.pid_started
    if worker.host == HOST and worker.boot_id and BOOT_ID:
        return False  # this machine has restarted since
    now = now or timezone.now()
    return worker.beat_at >= now - timedelta(seconds=settings.ILJARI_WORKER_LEASE)


def workers_alive() -> bool:
    """Whether any worker is running, so a page can say why a queued job does not start."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return True  # jobs run at once where they are queued (ILJARI_BACKGROUND=inline)
    now = timezone.now()
    return any(worker_alive(w, now=now) for w in Worker.objects.all())


def jobs_prune(*, before: datetime) -> int:
    """Delete the succeeded jobs of the kinds that keep no record (``keep_record=False``) finished
    before ``before``; failed ones stay, to be looked into. Returns how many went."""
    kinds = [name for name, spec in _specs.items() if not spec.keep_record]
    old = Job.objects.filter(name__in=kinds, status=Job.Status.SUCCEEDED, finished_at__lt=before)
    return old.delete()[0]


def jobs_recover(*, now: datetime | None = None) -> list[Job]:
    """Attempts whose worker died: queue the job again, or fail it with its reason; returns those jobs."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    workers = {w.pk: w for w in Worker.objects.all()}
    alive = {pk for pk, w in workers.items() if worker_alive(w, now=now)}
    lease = now - timedelta(seconds=settings.ILJARI_WORKER_LEASE)
    recovered = []
    for result in DBTaskResult.objects.running():
        claimed_by = result.worker_ids[-1] if result.worker_ids else ""
        if claimed_by in alive or (claimed_by not in workers and result.started_at and result.started_at > lease):
            continue  # alive, or a worker without heartbeats (db_worker) still within the lease
        with transaction.atomic():
            if not DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(
                status="FAILED",
                finished_at=now,
                exception_class_path="iljari.core.jobs.WorkerLost",
                traceback=f"worker {claimed_by} stopped while running this task",
            ):
                continue  # another worker recovered it first
            kwargs = dict(result.args_kwargs.get("kwargs", {}))
            record = Job.objects.filter(
                pk=kwargs.pop("job_id", None), task_id=str(result.pk), status__in=[Status.QUEUED, Status.RUNNING]
            ).first()  # queued: the worker died between claiming the task and starting the job
            if record is None:
                continue
            log.warning("job %s (%s): worker %s stopped mid-job", record.pk, record.label, claimed_by)
            _retry_or_fail(record, result.args_kwargs.get("args", []), kwargs, "작업 처리기가 작업 도중 멈췄습니다.")
            recovered.append(record)
    recovered += _jobs_never_started()
    Worker.objects.filter(pk__in=set(workers) - alive).delete()
    return recovered


def _jobs_never_started() -> list[Job]:
    """Jobs whose attempt the queue finished without running our code (its task could not be loaded)."""
    from django_tasks_db.models import DBTaskResult

    waiting = {r.task_id: r for r in Job.objects.filter(status=Status.QUEUED).exclude(task_id="")}
    ended = DBTaskResult.objects.finished().filter(id__in=[_uuid(t) for t in waiting if _uuid(t)])
    lost = [waiting[str(pk)] for pk in ended.values_list("id", flat=True)]
    for record in lost:
        _fail(record, "작업을 시작하지 못했습니다. 시스템 관리자에게 알려 주십시오.", [], {})
    return lost


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


# Periodic jobs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Periodic:
    path: str  # the @job task's import path
    cron: str  # minute hour day month weekday, in the site's time zone (Asia/Seoul)

    def last_due(self, now: datetime) -> datetime:
        return next(CronSim(self.cron, timezone.localtime(now), reverse=True))

    def next_due(self, now: datetime) -> datetime:
        return next(CronSim(self.cron, timezone.localtime(now)))


_periodic: dict[str, Periodic] = {}


def periodic(path: str, *, cron: str) -> None:
    """Register a periodic job, e.g. ``periodic("iljari.vacancies.tasks.expire_nightly", cron="0 1 * * *")``.

    The expression is checked now, so a typo fails at start-up rather than at one in the morning.
    """
    try:
        CronSim(cron, timezone.now())
    except CronSimError as exc:
        raise ValueError(f"정기 작업 {path}의 일정 {cron!r}이 올바르지 않습니다: {exc}") from exc
    _periodic[path] = Periodic(path, cron)


def periodic_jobs() -> list[Periodic]:
    return sorted(_periodic.values(), key=lambda p: p.path)


def schedule_due(*, now: datetime | None = None) -> list[Job]:
    """Queue every periodic job whose time came since it was last queued (once, however many were missed).

    A job still running from its last time is left to finish first. Two workers may call this at
    once: the compare-and-set on ``last_due`` lets only one of them queue each run.
    """
    now = now or timezone.now()
    queued = []
    for entry in periodic_jobs():
        due = entry.last_due(now)
        row, _ = Schedule.objects.select_related("last_job").get_or_create(name=entry.path)
        if (row.last_due and row.last_due >= due) or (row.last_job and not row.last_job.finished):
            continue
        with transaction.atomic():
            if not Schedule.objects.filter(name=entry.path, last_due=row.last_due).update(last_due=due):
                continue
            record = enqueue(import_string(entry.path))
            Schedule.objects.filter(name=entry.path).update(last_job=record)
        queued.append(record)
    return queued
