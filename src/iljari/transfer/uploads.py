"""Uploaded sheets at rest: stored for their owner only (0600) outside the web root, and deleted as
soon as the import ends (saved, rejected or failed) or waits unconfirmed for more than a day.

An uploaded sheet is the whole of a center's personal data in plain text; keeping it only as long
as the import needs it is simpler and safer than encrypting it and keeping it forever.
"""

import os
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from iljari.transfer.models import ImportJob

UNCONFIRMED_FOR = timedelta(days=1)
EXPIRED = "확인(저장)하지 않은 채 하루가 지나 올린 파일을 지웠습니다. 저장하려면 파일을 다시 올려 주십시오."


def upload_folder() -> Path:
    folder = Path(settings.VAR_DIR) / "uploads" / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def upload_store(upload: UploadedFile) -> Path:
    """Write the upload under a random name, readable by this process's user only."""
    suffix = Path(upload.name).suffix.lower()
    stored = upload_folder() / f"{uuid.uuid4().hex}{suffix if suffix in ('.xlsx', '.csv') else ''}"
    fd = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return stored


def upload_discard(path: str | Path) -> None:
    """Delete an uploaded sheet and the row report the check wrote beside it."""
    path = Path(path)
    for leftover in (path, path.with_name(path.stem + ".errors.csv"), path.with_name(path.stem + ".report.csv")):
        leftover.unlink(missing_ok=True)


def uploads_purge() -> int:
    """Delete the files of finished imports and of checks left unconfirmed; returns how many jobs."""
    open_statuses = (ImportJob.Status.CHECKING, ImportJob.Status.READY, ImportJob.Status.SAVING)
    stale = ImportJob.objects.filter(
        status=ImportJob.Status.READY, created_at__lt=timezone.now() - UNCONFIRMED_FOR
    ).exclude(stored_path="")
    purged = 0
    for job in stale:
        upload_discard(job.stored_path)
        message = {"row": 0, "column": "", "value": "", "reason": EXPIRED, "level": "오류"}
        purged += ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(
            status=ImportJob.Status.REJECTED, stored_path="", messages=[message]
        )
    finished = ImportJob.objects.exclude(status__in=open_statuses).exclude(stored_path="")
    for job in finished:
        upload_discard(job.stored_path)
    purged += finished.update(stored_path="")
    return purged
