"""Web imports on the job queue: ``iljari worker`` checks the file, then saves it once staff confirm.

Each step is a queued job whose progress the import page polls. Saving is one transaction that also
marks the import saved, so a worker killed mid-save leaves no row behind and the retried job saves
the file once; a step given up on (or failing) marks the import 처리 실패 with the job's reason.
The upload itself is deleted once the import is over (after the save has committed).
"""

from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django_tasks.base import Task

from iljari.accounts.models import Desk, User
from iljari.core.jobs import JobRun, enqueue, job
from iljari.core.models import Job
from iljari.core.rrn import mask_rrns
from iljari.transfer.guard import UploadRefused, upload_check
from iljari.transfer.models import ImportJob
from iljari.transfer.services import FILE_ROW, ImportRejected, ImportResult, import_file
from iljari.transfer.sheets import RowMessage
from iljari.transfer.uploads import upload_discard, upload_store, uploads_purge

SHOWN = 5_000  # row messages kept on the job (the page shows the first ones, the errors file all of these)


def import_job_start(*, kind: str, upload: UploadedFile, user: User, desk: Desk | None) -> ImportJob:
    """Store the upload outside the web root, pass it through the upload guard, then queue its check.

    A file the guard refuses never reaches the queue: its import ends 오류 있음 with the reason.
    """
    uploads_purge()
    stored = upload_store(upload)
    imported = ImportJob.objects.create(
        kind=kind, file_name=mask_rrns(upload.name)[:200], stored_path=str(stored), desk=desk, created_by=user
    )
    try:
        upload_check(stored)
    except UploadRefused as refused:
        refusal = ImportResult(kind, messages=[RowMessage(FILE_ROW, "", "", refused.message)])
        _record(imported.pk, refusal, ImportJob.Status.REJECTED)
        upload_discard(str(stored))
        imported.refresh_from_db()
        return imported
    _queue(import_check, imported, user)
    return imported


def import_job_confirm(*, job: ImportJob) -> bool:
    """Queue the save of a checked file; False when it is not waiting for confirmation."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(status=ImportJob.Status.SAVING)
    if claimed:
        _queue(import_save, job, job.created_by)
    return bool(claimed)


def _queue(step: Task, imported: ImportJob, user: User) -> None:
    run = enqueue(step, import_id=imported.pk, user=user)
    ImportJob.objects.filter(pk=imported.pk).update(run=run)


def _record(import_id: int, result: ImportResult, status: str) -> None:
    over = {} if status == ImportJob.Status.READY else {"stored_path": ""}  # over: the caller deletes the upload
    ImportJob.objects.filter(pk=import_id).update(
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


def _import_failed(run: Job, *, import_id: int) -> None:
    """The queue failed or gave up on a step: the import says so (nothing from the file was saved)."""
    path = ImportJob.objects.filter(pk=import_id).values_list("stored_path", flat=True).first()
    ImportJob.objects.filter(pk=import_id, status__in=[ImportJob.Status.CHECKING, ImportJob.Status.SAVING]).update(
        status=ImportJob.Status.FAILED, stored_path=""
    )
    if path:
        upload_discard(path)


def _import(run: JobRun, import_id: int, *, commit: bool) -> dict:
    """Check (or, once confirmed, save) the file with the same service as the CLI."""
    imported = ImportJob.objects.select_related("created_by", "desk").get(pk=import_id)
    if imported.status != (ImportJob.Status.SAVING if commit else ImportJob.Status.CHECKING):
        return {"status": imported.status}  # an earlier attempt finished this step before its worker stopped
    # The uploader's desks bound where a seeker file may place people and what its messages may say.
    options = {"user": imported.created_by, **({"desk": imported.desk} if imported.desk else {})}
    try:
        result = import_file(
            kind=imported.kind,
            path=Path(imported.stored_path),
            actor=imported.created_by,
            progress=run.progress,
            commit=commit,
            on_saved=lambda saved: _record(import_id, saved, ImportJob.Status.SAVED),
            **options,
        )
    except ImportRejected as rejected:
        _record(import_id, rejected.result, ImportJob.Status.REJECTED)
        upload_discard(imported.stored_path)
        return {"status": ImportJob.Status.REJECTED, "errors": len(rejected.result.errors)}
    if commit:
        upload_discard(imported.stored_path)  # saved and committed: the file is no longer needed
    else:
        _record(import_id, result, ImportJob.Status.READY)
    return {"status": ImportJob.Status.SAVED if commit else ImportJob.Status.READY, "created": result.created}


@job(label="가져오기 파일 검사", on_failure=_import_failed)
def import_check(run: JobRun, *, import_id: int) -> dict:
    return _import(run, import_id, commit=False)


@job(label="가져오기 저장", on_failure=_import_failed)
def import_save(run: JobRun, *, import_id: int) -> dict:
    return _import(run, import_id, commit=True)
