"""``iljari worker``: run the queued jobs (imports, reindexing, reports) and the periodic ones.

The queue's own loop (django-tasks-db's worker) claims and runs one task at a time. Beside it a
heartbeat thread keeps this worker's record alive, recovers jobs whose worker died, and queues the
periodic jobs as they fall due. Ctrl+C (or SIGTERM) finishes the job at hand, then stops; a second
one stops at once and the job is run again by the next worker.
"""

import logging
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker as QueueLoop

from iljari.core.jobs import (
    jobs_recover,
    periodic_jobs,
    schedule_due,
    worker_alive,
    worker_beat,
    worker_start,
    worker_stop,
)
from iljari.core.models import Job, Schedule, Worker

log = logging.getLogger("iljari.worker")


class Heartbeat(threading.Thread):
    """Beats, recovers dead workers' jobs and queues due periodic jobs, every ILJARI_WORKER_BEAT seconds."""

    def __init__(self, worker: Worker) -> None:
        super().__init__(name="iljari-heartbeat", daemon=True)
        self.worker = worker
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.ILJARI_WORKER_BEAT):
                try:
                    beat_and_schedule(self.worker)
                except Exception:  # a locked SQLite file during a long import: try again next beat
                    log.warning("heartbeat failed; retrying at the next beat", exc_info=True)
        finally:
            connection.close()


def beat_and_schedule(worker: Worker) -> None:
    worker_beat(worker)
    for job in jobs_recover():
        log.warning("작업 %s(%s): %s", job.pk, job.label, "처리기가 멈춘 작업을 정리했습니다")
    for job in schedule_due():
        log.info("정기 작업을 대기열에 넣었습니다: %s (작업 %s)", job.label, job.pk)


class Command(BaseCommand):
    help = "대기 중인 작업(가져오기, 색인, 보고서)과 정기 작업을 처리합니다. 끝내려면 Ctrl+C."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="대기 중인 작업을 모두 처리한 뒤 끝냄")
        parser.add_argument("--interval", type=float, default=1.0, help="작업이 없을 때 다시 확인하는 간격(초)")
        parser.add_argument("--status", action="store_true", help="작업 처리기, 정기 작업, 최근 작업을 보여 줌")

    def handle(self, *args: object, batch: bool, interval: float, status: bool, **options: object) -> None:
        if status:
            self._status()
            return
        for name in ("django_tasks", "django_tasks_db"):  # each task's start and end, to the console
            logging.getLogger(name).setLevel(logging.INFO)
        worker = worker_start()
        self.stdout.write(f"작업 처리기 {worker.pk}를 시작합니다. 끝내려면 Ctrl+C.")
        heartbeat = Heartbeat(worker)
        try:
            beat_and_schedule(worker)  # at once: a night missed while no worker ran is run now
            heartbeat.start()
            loop = QueueLoop(
                queue_names=["*"],
                interval=interval,
                batch=batch,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=worker.pk,
                excluded_queue_names=[],
            )
            loop.configure_signals()
            loop.run()
        finally:
            heartbeat.stopped.set()
            worker_stop(worker)
            self.stdout.write("작업 처리기를 멈췄습니다.")

    def _status(self) -> None:
        now = timezone.now()
        workers = list(Worker.objects.order_by("started_at"))
        self.stdout.write(f"작업 처리기 {sum(worker_alive(w, now=now) for w in workers)}개 실행 중")
        for w in workers:
            state = "실행 중" if worker_alive(w, now=now) else "멈춤"
            self.stdout.write(f"  {w.pk}  {state}  마지막 신호 {timezone.localtime(w.beat_at):%Y-%m-%d %H:%M:%S}")
        self.stdout.write("정기 작업:")
        last = {s.name: s for s in Schedule.objects.all()}
        for entry in periodic_jobs():
            ran = last.get(entry.path)
            ran_at = f"{timezone.localtime(ran.last_due):%Y-%m-%d %H:%M}" if ran and ran.last_due else "아직 없음"
            self.stdout.write(
                f"  {entry.path}  [{entry.cron}]  지난 실행 {ran_at}, 다음 {entry.next_due(now):%Y-%m-%d %H:%M}"
            )
        self.stdout.write("최근 작업:")
        for job in Job.objects.all()[:10]:
            detail = f" — {job.error}" if job.error else ""
            self.stdout.write(
                f"  {job.pk}  {timezone.localtime(job.created_at):%m-%d %H:%M}  {job.label}  "
                f"{job.get_status_display()} ({job.attempts}/{job.max_attempts}회){detail}"
            )
