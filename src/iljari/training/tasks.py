"""교육·일자리 사업 정기 작업 — a participant who completed and then started work is recorded 취업."""

from django.utils import timezone

from iljari.core.jobs import JobRun, job
from iljari.training.services import enrollments_place


@job(label="수료 후 취업한 참여자 성과 기록")
def outcomes_nightly(run: JobRun) -> dict:
    return {"placed": len(enrollments_place(today=timezone.localdate()))}
