"""채용행사 정기 작업 — the day before an event, each person registered is reminded by text."""

from django.utils import timezone

from iljari.core.jobs import JobRun, job
from iljari.events.services import registrations_remind


@job(label="채용행사 전날 안내 문자")
def remind_tomorrow(run: JobRun) -> dict:
    return {"reminded": len(registrations_remind(today=timezone.localdate()))}
