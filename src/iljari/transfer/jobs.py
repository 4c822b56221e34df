"""Running web imports in the background, with progress staff can watch."""

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import close_old_connections

from iljari.accounts.models import Desk, User
from iljari.core.rrn import mask_rrns
from iljari.transfer.guard import UploadRefused, upload_check
from iljari.transfer.models import ImportJob
from iljari.transfer.services import FILE_ROW, ImportRejected, ImportResult, import_file
from iljari.transfer.sheets import RowMessage
from iljari.transfer.uploads import upload_discard, upload_store, uploads_purge

log = logging.getLogger(__name__)
SHOWN = 5_000  # row messages kept on the job (the page shows the first ones, the errors file all of these)


def run_in_background(function: Callable[..., None], *args: object) -> None:
    """A thread by default; ``ILJARI_BACKGROUND = "inline"`` runs at once (tests, one-off scripts)."""
    if settings.ILJARI_BACKGROUND == "inline":
        function(*args)
        return

    def target() -> None:
        try:
            function(*args)
        finally:
            close_old_connections()

    threading.Thread(target=target, daemon=True).start()


def import_job_start(*, kind: str, upload: UploadedFile, user: User, desk: Desk | None) -> ImportJob:
    """Store the upload outside the web root, pass it through the upload guard, then start checking it.

    A file the guard refuses never reaches the background: its job ends 오류 있음 with the reason.
    """
    uploads_purge()
    stored = upload_store(upload)
    job = ImportJob.objects.create(
        kind=kind, file_name=mask_rrns(upload.name)[:200], stored_path=str(stored), desk=desk, created_by=user
    )
    try:
        upload_check(stored)
    except UploadRefused as refused:
        refusal = ImportResult(kind, messages=[RowMessage(FILE_ROW, "", "", refused.message)])
        _record(job.pk, refusal, ImportJob.Status.REJECTED)
        job.refresh_from_db()
        return job
    run_in_background(import_job_run, job.pk, False)
    return job


def import_job_confirm(*, job: ImportJob) -> bool:
    """Save a checked file; False when it is not waiting for confirmation (rejected, already saved)."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(
        status=ImportJob.Status.SAVING, done=0
    )
    if claimed:
        run_in_background(import_job_run, job.pk, True)
    return bool(claimed)


def _record(job_id: int, result: ImportResult, status: str) -> None:
    over = {} if status == ImportJob.Status.READY else {"stored_path": ""}
    if over:  # the import is over: its upload is deleted
        upload_discard(ImportJob.objects.get(pk=job_id).stored_path)
    ImportJob.objects.filter(pk=job_id).update(
        status=status,
        rows=result.rows,
        created=result.created,
        saved=result.saved_ids,
        **over,
        messages=[
            {"row": m.row, "column": m.column, "value": m.value, "reason": m.reason, "level": m.level.value}
            for m in result.messages[:SHOWN]
        ],
    )


def import_job_run(job_id: int, commit: bool) -> None:
    """Check (or, once confirmed, save) the job's file with the same service as the CLI."""
    job = ImportJob.objects.select_related("created_by", "desk").get(pk=job_id)

    def progress(stage: str, done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(stage=stage, done=done, total=total)

    # The uploader's desks bound where a seeker file may place people and what its messages may say.
    options = {"user": job.created_by, **({"desk": job.desk} if job.desk else {})}
    try:
        result = import_file(
            kind=job.kind, path=Path(job.stored_path), actor=job.created_by, progress=progress, commit=commit, **options
        )
    except ImportRejected as rejected:
        _record(job_id, rejected.result, ImportJob.Status.REJECTED)
    except Exception:
        log.exception("import job %s failed", job_id)
        upload_discard(job.stored_path)
        ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.FAILED, stored_path="")
    else:
        _record(job_id, result, ImportJob.Status.SAVED if commit else ImportJob.Status.READY)
