"""직원 보호 정기 작업 — abusive-contact reports past their deadline are told to the leads and managers."""

from iljari.core.jobs import JobRun, job
from iljari.safety.services import incidents_remind_overdue


@job(label="조치 기한 지난 악성 민원 알림")
def remind_overdue(run: JobRun) -> dict:
    return {"reminded": incidents_remind_overdue()}
